"""The pipeline: read -> normalize -> segment -> extract -> attribute -> document record.

Documents are independent: `Pipeline` holds only the compiled rules, so one instance can
process any number of documents, in any order or in parallel."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.attribute import attribute
from extract.errors import InputError
from extract.gazetteer import Gazetteer
from extract.heads import HEAD_LEVELS, with_proper_heads
from extract.match import Candidate, RuleTimeout, find_candidates, keep_best
from extract.models import Document, Fact
from extract.normalize import normalize
from extract.park_names import ParkNames
from extract.read import Source, find_inputs, read_source
from extract.ruleset import RuleSet, load_rules
from extract.sections import Reading
from extract.segment import segment


MAX_LISTED_WARNINGS = 20  # a page of mojibake gets a summary, not thousands of lines


@dataclass
class Result:
    document: Document | None  # None when the input could not be processed
    source: str = ""
    error: str | None = None


def overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


class Pipeline:
    def __init__(self, rules: RuleSet):
        self.rules = rules
        rules_dir = Path(rules.rules[0].file).parent if rules.rules else None
        self.places = Gazetteer.load(rules_dir, levels=HEAD_LEVELS, former=False)
        self.park_names = ParkNames(rules.cues)

    def process(self, source: Source, reference_date: str | None = None) -> Document:
        """Extract one document; `reference_date` stands in for a publication date the text does not state."""
        norm = normalize(source.content)
        layout = segment(norm.text)
        layout.published = layout.published or reference_date
        found = keep_best(find_candidates(self.rules.rules, norm.text, self.rules.signals))
        kept = [c for c in found if not overlaps_any(c.start, c.end, layout.boilerplate)]
        kept = with_proper_heads(kept, norm.text, self.places, self.rules.cues)
        doc = Reading(norm.text, layout, self.rules.cues, self.places, self.park_names)
        attributed = attribute(doc, kept, self.rules)
        facts = [self.fact(c, norm.source_span(c.start, c.end), source.text) for c in attributed]
        warnings = list(source.warnings)
        for start, end in norm.garbled[:MAX_LISTED_WARNINGS]:
            warnings.append(f"garbled text skipped at {start}-{end}: {source.text[start:end]!r}")
        if len(norm.garbled) > MAX_LISTED_WARNINGS:
            warnings.append(f"{len(norm.garbled) - MAX_LISTED_WARNINGS} more garbled runs skipped, not listed")
        return Document(
            doc_id=source.doc_id,
            path=source.path,
            title=layout.title,
            published=layout.published,
            source=layout.source,
            author=layout.author,
            script=norm.script,
            facts=facts,
            warnings=warnings,
        )

    @staticmethod
    def fact(c: Candidate, span: tuple[int, int], text: str) -> Fact:
        start, end = span
        r = c.resolved
        return Fact(
            kind=c.kind,
            value=r.value,
            unit=r.unit,
            qualifier=r.qualifier,
            metric=r.metric,
            park=r.value if c.kind == "park" else c.park,
            date=None if c.kind == "date" else c.date,
            text=text[start:end],
            start=start,
            end=end,
            rule=c.rule.id,
        )


def run_paths(
    paths: list[str], rules_dir: Path | None = None, encoding: str | None = None, rules: RuleSet | None = None
) -> Iterator[Result]:
    """Process every input in order; a document that fails yields a Result with its error."""
    pipeline = Pipeline(rules if rules is not None else load_rules(rules_dir))
    for given in find_inputs(paths):
        try:
            source = read_source(given, encoding)
            yield Result(pipeline.process(source), source.text)
        except InputError as error:
            yield Result(None, error=str(error))
        except RuleTimeout as error:
            yield Result(None, error=f"{given}: {error}")
