"""The pipeline: read -> normalize -> segment -> extract -> attribute -> verify -> document record.

Documents are independent: `Pipeline` holds only the compiled rules, so one instance can
process any number of documents, in any order or in parallel. Inputs go through it in batches
(`run_batch`): the articles of a batch pass each stage together, so that matching runs rule by rule
over all of them, a fifth faster than document by document."""

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from time import perf_counter

from extract.attribute import attribute
from extract.clock import Clock
from extract.common_words import CommonWords
from extract.errors import InputError
from extract.gazetteer import Gazetteer
from extract.heads import HEAD_LEVELS, with_proper_heads
from extract.match import Candidate, find_candidates_in, keep_best
from extract.models import Document, plain_number
from extract.normalize import Normalized, normalize
from extract.park_names import ParkNames
from extract.read import MAX_LISTED_WARNINGS, STDIN, Input, Source, find_inputs, read_source
from extract.ruleset import RuleSet, load_rules
from extract.sections import Reading
from extract.segment import Layout, segment
from extract.time_limit import document_limit
from extract.verify import verified
from extract.windows import is_article, process_in_windows


@dataclass
class Result:
    # The document as written, JSON-ready: models.Document's fields in its order, and an error record (with
    # `error`) when the input could not be processed.
    record: dict
    source: str = ""  # the decoded text, which the offsets point into
    content: str = ""  # the same with markup blanked out (read.Source.content)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage (--profile)
    # The record as the run's format writes it (write.render), when a worker rendered it for the parent, which
    # then needs no facts in `record`: only how many there are.
    rendered: str | None = None
    rendered_facts: int = 0

    @property
    def error(self) -> str | None:
        return self.record.get("error")

    @property
    def warnings(self) -> list[str]:
        return self.record["warnings"]

    @property
    def fact_count(self) -> int:
        return self.rendered_facts if self.rendered is not None else len(self.record["facts"])

    @property
    def document(self) -> Document:
        """The record as the contract's model, validated: for a library; the command line writes records."""
        return Document.model_validate(self.record)


def overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


class Pipeline:
    def __init__(self, rules: RuleSet):
        self.rules = rules
        rules_dir = Path(rules.rules[0].file).parent if rules.rules else None
        self.places = Gazetteer.load(rules_dir, levels=HEAD_LEVELS, former=False)
        self.park_names = ParkNames(rules.cues)
        self.common_words = CommonWords.load(rules_dir)

    def process(self, source: Source, reference_date: str | None = None, clock: Clock | None = None) -> Document:
        """Extract one document as the contract's model (`record`, validated)."""
        return Document.model_validate(self.record(source, reference_date, clock))

    def record(self, source: Source, reference_date: str | None = None, clock: Clock | None = None) -> dict:
        """Extract one document's record (Result.record); `reference_date` stands in for a publication date the
        text does not state."""
        with document_limit():
            return self.extract([source], [reference_date], [clock or Clock()])[0]

    def process_together(self, sources: Sequence[Source], clocks: Sequence[Clock]) -> list[dict] | None:
        """Extract articles' records together, stage by stage and rule by rule (match.find_candidates_in), under
        one time limit. None when any of them fails or the limit stops them: which one it was shows only when
        each is extracted alone (`record`), and so do the others' facts."""
        try:
            with document_limit():
                return self.extract(sources, [None] * len(sources), clocks)
        except Exception:
            return None

    def extract(
        self, sources: Sequence[Source], reference_dates: Sequence[str | None], clocks: Sequence[Clock]
    ) -> list[dict]:
        norms, layouts = [], []
        for source, reference_date, clock in zip(sources, reference_dates, clocks):
            with clock.stage("normalize"):
                norm = normalize(source.content)
            with clock.stage("segment"):
                layout = segment(norm.text, self.rules.layout)
            layout.published = layout.published or reference_date
            norms.append(norm)
            layouts.append(layout)
        started = perf_counter()
        found_in = find_candidates_in(self.rules.rules, [norm.text for norm in norms], self.rules.signals)
        share = (perf_counter() - started) / len(sources)  # of matching them all, each document's part
        return [
            self.from_readings(source, norm, layout, found, clock, share)
            for source, norm, layout, found, clock in zip(sources, norms, layouts, found_in, clocks)
        ]

    def from_readings(
        self, source: Source, norm: Normalized, layout: Layout, found: list[Candidate], clock: Clock, matched: float
    ) -> dict:
        """The record of one source from its rules' readings (`found`); `matched` is its share of their search."""
        with clock.stage("match"):
            kept = [c for c in keep_best(found) if not overlaps_any(c.start, c.end, layout.boilerplate)]
        clock.add({"match": matched})
        with clock.stage("heads"):
            kept = with_proper_heads(kept, norm.text, self.places, self.rules.cues, self.park_names, self.common_words)
        with clock.stage("attribute"):
            doc = Reading(norm.text, layout, self.rules.cues, self.places, self.park_names)
            attributed = attribute(doc, kept, self.rules)
        with clock.stage("facts"):
            return self.record_of(source, norm, layout, attributed)

    def record_of(self, source: Source, norm: Normalized, layout: Layout, attributed: list[Candidate]) -> dict:
        """The document's record, as models.Document writes it in JSON. Built here, not by the model: validating
        and dumping each fact took a twentieth of a run, to check what the stages' types already say; the tests
        check that the model reads every record back and writes it out the same (tests/test_records.py)."""
        facts = [self.fact_fields(c, norm.source_span(c.start, c.end), source.text) for c in attributed]
        warnings = list(source.warnings)
        for start, end in norm.garbled[:MAX_LISTED_WARNINGS]:
            warnings.append(f"garbled text skipped at {start}-{end}: {source.text[start:end]!r}")
        if len(norm.garbled) > MAX_LISTED_WARNINGS:
            warnings.append(f"{len(norm.garbled) - MAX_LISTED_WARNINGS} more garbled runs skipped, not listed")
        return {
            "doc_id": source.doc_id,
            "path": source.path,
            "title": layout.title,
            "published": layout.published,
            "source": layout.source,
            "author": layout.author,
            "script": norm.script,
            "facts": facts,
            "warnings": warnings,
        }

    @staticmethod
    def fact_fields(c: Candidate, span: tuple[int, int], text: str) -> dict:
        """The candidate's fact, as models.Fact writes it in JSON."""
        start, end = span
        r, kind = c.resolved, c.kind
        return {
            "kind": kind,
            "value": plain_number(r.value) if isinstance(r.value, Decimal) else r.value,
            "unit": r.unit,
            "qualifier": r.qualifier,
            "metric": r.metric,
            "park": r.value if kind == "park" else c.park,
            "date": None if kind == "date" else c.date,
            "text": text[start:end],
            "start": start,
            "end": end,
            "rule": c.rule.id,
        }


# A worker's batch: its articles are matched together, rule by rule, as in one process. 64 took 6% less wall
# time than 16 with --jobs 2 (paired), and 44 batches of the bench corpus still share the work evenly.
BATCH_DOCUMENTS = 64
SERIAL_BATCH_DOCUMENTS = 128  # one process's batch: 2-4% faster than 32 (paired), 512 no faster and 15 MB more
BATCH_BYTES = 1_000_000  # a batch of large files is cut short: its results are held in memory at once


def batches(inputs: Iterable[Input], documents: int = BATCH_DOCUMENTS) -> Iterator[list[Input]]:
    """Consecutive inputs, up to `documents` or BATCH_BYTES a batch; standard input alone in its own."""
    batch: list[Input] = []
    size = 0
    for item in inputs:
        if batch and (item.path == STDIN or len(batch) == documents or size >= BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += file_size(item.path)
        if item.path == STDIN:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:  # unreadable or standard input: reading reports it
        return 0


def run_paths(
    paths: list[str],
    rules_dir: Path | None = None,
    encoding: str | None = None,
    rules: RuleSet | None = None,
    follow: bool = False,
) -> Iterator[Result]:
    """Process every input below `paths` in order; a document that fails yields its error record."""
    yield from run_inputs(
        find_inputs(paths, follow).found, rules if rules is not None else load_rules(rules_dir), encoding
    )


def run_inputs(inputs: Iterable[Input], rules: RuleSet, encoding: str | None = None) -> Iterator[Result]:
    pipeline = Pipeline(rules)
    for batch in batches(inputs, SERIAL_BATCH_DOCUMENTS):
        yield from run_batch(pipeline, batch, encoding)


def extract_document(pipeline: Pipeline, source: Source, clock: Clock | None = None) -> dict:
    """The record of one decoded source: in windows when it is large, impossible dates dropped."""
    clock = clock or Clock()
    record = process_in_windows(lambda part, date: pipeline.record(part, date, clock), source)
    with clock.stage("verify"):
        return verified(record, source)


def run_one(pipeline: Pipeline, item: Input, encoding: str | None) -> Result:
    """One input, read, processed and made ready to write; whatever it raises becomes its error record."""
    return run_batch(pipeline, [item], encoding)[0]


def run_batch(pipeline: Pipeline, items: Sequence[Input], encoding: str | None) -> list[Result]:
    """Inputs read, processed and made ready to write, in order: the articles among them together
    (`Pipeline.process_together`), a document too large for one window alone. Whatever an input raises
    becomes its error record."""
    clocks = [Clock() for _ in items]
    sources = [read_timed(item, encoding, clock) for item, clock in zip(items, clocks)]
    articles = [i for i, s in enumerate(sources) if isinstance(s, Source) and is_article(s.content)]
    together = (
        pipeline.process_together([sources[i] for i in articles], [clocks[i] for i in articles])
        if len(articles) > 1
        else None
    )
    extracted = dict(zip(articles, together or ()))
    return [result_of(pipeline, item, sources[i], extracted.get(i), clocks[i]) for i, item in enumerate(items)]


def read_timed(item: Input, encoding: str | None, clock: Clock) -> Source | Exception:
    """The input read, or what reading it raised: its error record once the batch is through."""
    try:
        with clock.stage("read"):
            return read_source(item, encoding)
    except Exception as error:
        return error


def result_of(
    pipeline: Pipeline, item: Input, source: Source | Exception, extracted: dict | None, clock: Clock
) -> Result:
    """The input's result: its record (extracted alone unless `extracted`) verified and made ready to write,
    or its error record."""
    try:
        if isinstance(source, Exception):
            raise source
        if extracted is None:
            record = extract_document(pipeline, source, clock)
        else:
            with clock.stage("verify"):
                record = verified(extracted, source)
        with clock.stage("record"):
            # Fail here, not halfway through the output, on the one value of a record that cannot be written: a
            # number too long to print (over 4,300 digits, Python's limit). Checking it alone, not rendering the
            # record twice, raises the same ValueError.
            for fact in record["facts"]:
                str(fact["value"])
        return Result(record, source.text, source.content, clock.seconds)
    except (InputError, TimeoutError) as error:  # unreadable, or a runaway pattern stopped
        message = str(error) if isinstance(error, InputError) else f"{item.path}: {error}"
    except Exception as error:  # a bug or an input no rule foresaw (a 5,000-digit number): this document only
        message = f"{item.path}: cannot process: {type(error).__name__}: {error}"
    return Result(Document.failed(item.doc_id, item.path, message).model_dump(mode="json"), seconds=clock.seconds)
