"""Score extractions against gold annotations, as GOLD_SCHEMA.md's "Scoring" section describes.

The numbers must equal those of the reference scorer (../shared/eval/score.py) on the same input, so
its matching rules are followed to the letter, including the ones that look odd: distinct values per
document, a predicted date counted right whenever it matches some gold date, attribution measured
without park aliases. The one departure is where the reference is not deterministic (see _score_dates).
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from extract.diff import OutputFormat
from extract.errors import ExitCode
from extract.options import EncodingOption, Extraction, JobsOption, RulesOption, stderr

if TYPE_CHECKING:
    from extract.park_names import ParkNames

KINDS = ("park", "subject_park", "investment", "project_count", "rate", "date")
MACRO_KINDS = KINDS[1:]  # every park mention counts for precision only, not for the macro figure
VALUE_KINDS = ("investment", "project_count", "rate")

# The reference scorer folds exactly these traditional characters before comparing park names;
# folding more (a full converter) would make our numbers drift from its numbers.
_PARK_TRADITIONAL = str.maketrans(
    "區園開發經濟產業興鎮門東陽灣臺蘇寧廣漢豐縣島龍嶺", "区园开发经济产业兴镇门东阳湾台苏宁广汉丰县岛龙岭"
)
_YEAR = re.compile(r"\d{4}|XXXX")
# A predicted date whose text has none of these is a vague word (今年, 近日): not annotated in gold.
_DATE_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十两〇零上中下]")


@cache
def park_names() -> "ParkNames":
    """The built-in rules' park equivalence: the reference scorer's, whatever rules an extraction used."""
    from extract.park_names import ParkNames
    from extract.ruleset import load_rules

    return ParkNames(load_rules().cues)


def same_park(a: str | None, b: str | None) -> bool:
    """The pipeline's park equivalence, after the reference scorer's traditional folding."""
    return park_names().same((a or "").translate(_PARK_TRADITIONAL), (b or "").translate(_PARK_TRADITIONAL))


def date_match(predicted: str, gold: str) -> str | None:
    """'exact', 'year' when equal once an unknown year (XXXX) on either side is ignored, else None."""
    if predicted == gold:
        return "exact"
    if "XXXX" in predicted + gold and _YEAR.sub("Y", predicted) == _YEAR.sub("Y", gold):
        return "year"
    return None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0  # predicting nothing where nothing is expected is right

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    ok: int = 0
    total: int = 0

    def count(self, ok: bool) -> None:
        self.total += 1
        self.ok += ok

    def add(self, other: "Ratio") -> None:
        self.ok += other.ok
        self.total += other.total

    @property
    def value(self) -> float:
        return self.ok / self.total if self.total else 0.0


@dataclass(frozen=True)
class Miss:
    """A gold item no prediction matched."""

    kind: str
    value: Any
    text: str | None


@dataclass(frozen=True)
class FalseHit:
    """A predicted fact that matches neither a gold nor an optional item."""

    kind: str
    value: Any
    text: str | None
    start: int | None
    end: int | None

    @classmethod
    def of(cls, kind: str, fact: dict) -> "FalseHit":
        return cls(kind, fact.get("value"), fact.get("text"), fact.get("start"), fact.get("end"))


@dataclass
class DocumentScore:
    doc_id: str
    missing: bool  # no prediction for this gold document: everything in it is missed
    counts: dict[str, Counts] = field(default_factory=lambda: {kind: Counts() for kind in KINDS})
    attribution: Ratio = field(default_factory=Ratio)
    rate_metric: Ratio = field(default_factory=Ratio)
    date_year_misses: int = 0
    misses: list[Miss] = field(default_factory=list)
    false_hits: list[FalseHit] = field(default_factory=list)

    def miss(self, kind: str, value: Any, text: str | None) -> None:
        self.counts[kind].fn += 1
        self.misses.append(Miss(kind, value, text))

    def false_hit(self, kind: str, fact: dict) -> None:
        self.counts[kind].fp += 1
        self.false_hits.append(FalseHit.of(kind, fact))


@dataclass
class Scores:
    documents: list[DocumentScore]
    kinds: dict[str, Counts]
    attribution: Ratio
    rate_metric: Ratio
    date_year_misses: int

    @property
    def macro_f1(self) -> float:
        return sum(self.kinds[kind].f1 for kind in MACRO_KINDS) / len(MACRO_KINDS)

    @property
    def missing_docs(self) -> list[str]:
        return [doc.doc_id for doc in self.documents if doc.missing]


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Every *.json annotation in gold_dir, by document id, in file-name order."""
    if not gold_dir.is_dir():
        raise ValueError(f"{gold_dir}: not a folder of gold annotations")
    gold = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            annotation = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"{path}: not a readable gold annotation ({error})") from error
        if not isinstance(annotation, dict):
            raise ValueError(f"{path}: a gold annotation is a JSON object")
        gold[annotation.get("doc") or path.stem] = annotation
    if not gold:
        raise ValueError(f"{gold_dir}: no *.json gold annotations")
    return gold


def score(gold: dict[str, dict], records: list[dict]) -> Scores:
    predicted = {
        record.get("doc_id") or Path(record.get("path", "")).stem: record.get("facts", []) for record in records
    }
    documents = [_score_document(doc_id, annotation, predicted.get(doc_id)) for doc_id, annotation in gold.items()]
    kinds = {kind: Counts() for kind in KINDS}
    attribution, rate_metric = Ratio(), Ratio()
    for doc in documents:
        for kind in KINDS:
            kinds[kind].add(doc.counts[kind])
        attribution.add(doc.attribution)
        rate_metric.add(doc.rate_metric)
    return Scores(documents, kinds, attribution, rate_metric, sum(doc.date_year_misses for doc in documents))


def _score_document(doc_id: str, gold: dict, facts: list[dict] | None) -> DocumentScore:
    result = DocumentScore(doc_id, missing=facts is None)
    by_kind: dict[str, list[dict]] = {}
    for fact in facts or []:
        by_kind.setdefault(fact.get("kind"), []).append(fact)
    _score_parks(result, gold, by_kind.get("park", []))
    for kind in VALUE_KINDS:
        _score_values(result, kind, gold, by_kind.get(kind, []))
    _score_dates(result, gold, by_kind.get("date", []))
    return result


def _first_by(facts: list[dict], key) -> dict[Any, dict]:
    """Distinct keys in order of appearance, each with the first fact that has it."""
    firsts: dict[Any, dict] = {}
    for fact in facts:
        firsts.setdefault(key(fact), fact)
    return firsts


def _score_parks(result: DocumentScore, gold: dict, park_facts: list[dict]) -> None:
    aliases = gold.get("aliases", {})

    def matches(name: str, gold_name: str) -> bool:
        return any(same_park(name, written) for written in [gold_name, *aliases.get(gold_name, [])])

    # Precision over every predicted park against all gold parks; recall over all gold parks.
    gold_parks = list(dict.fromkeys([*gold.get("parks", []), *gold.get("subject_parks", [])]))
    predicted = _first_by(park_facts, lambda fact: str(fact.get("value")))
    for name, fact in predicted.items():
        if any(matches(name, gold_name) for gold_name in gold_parks):
            result.counts["park"].tp += 1
        else:
            result.false_hit("park", fact)
    for gold_name in gold_parks:
        if not any(matches(name, gold_name) for name in predicted):
            result.miss("park", gold_name, gold_name)

    # Subject parks: only predictions whose metric is `subject`; an optional subject is never wrong.
    subjects = _first_by([f for f in park_facts if f.get("metric") == "subject"], lambda fact: str(fact.get("value")))
    for gold_name in gold.get("subject_parks", []):
        if any(matches(name, gold_name) for name in subjects):
            result.counts["subject_park"].tp += 1
        else:
            result.miss("subject_park", gold_name, gold_name)
    allowed = [*gold.get("subject_parks", []), *gold.get("subject_optional", [])]
    for name, fact in subjects.items():
        if not any(matches(name, gold_name) for gold_name in allowed):
            result.false_hit("subject_park", fact)


def _value_key(kind: str, value: Any, currency: str | None) -> tuple[float, str | None]:
    """Raises TypeError/ValueError when the value is not a number."""
    return round(float(value), 4), currency if kind == "investment" else None


def _score_values(result: DocumentScore, kind: str, gold: dict, facts: list[dict]) -> None:
    def gold_key(fact: dict):
        return _value_key(kind, fact["value"], fact.get("currency", "CNY"))  # an explicit null stays null

    expected = _first_by([f for f in gold.get("facts", []) if f["kind"] == kind], gold_key)
    optional = {gold_key(f) for f in gold.get("optional", []) if f["kind"] == kind}
    numeric = []
    for fact in facts:
        try:
            _value_key(kind, fact.get("value"), None)
        except (TypeError, ValueError):
            result.false_hit(kind, fact)
            continue
        numeric.append(fact)
    predicted = _first_by(
        numeric, lambda f: _value_key(kind, f.get("value"), f.get("unit") or f.get("currency") or "CNY")
    )
    for key, fact in predicted.items():
        match = expected.get(key)
        if match is None:
            if key not in optional:
                result.false_hit(kind, fact)
            continue
        result.counts[kind].tp += 1
        if match.get("park"):
            result.attribution.count(bool(fact.get("park")) and same_park(fact.get("park"), match["park"]))
        if kind == "rate" and match.get("metric"):
            result.rate_metric.count((fact.get("metric") or "") == match["metric"])
    for key, match in expected.items():
        if key not in predicted:
            result.miss(kind, match["value"], match.get("text"))


def _score_dates(result: DocumentScore, gold: dict, facts: list[dict]) -> None:
    expected = _first_by([f for f in gold.get("facts", []) if f["kind"] == "date"], lambda f: str(f["value"]))
    optional = [str(f["value"]) for f in gold.get("optional", []) if f["kind"] == "date"]
    annotatable = [f for f in facts if f.get("text") is None or _DATE_NUMERAL.search(str(f.get("text")))]
    predicted = _first_by(annotatable, lambda f: str(f.get("value")))
    matched: set[str] = set()
    exactly_predicted = predicted.keys() & expected.keys()
    for value, fact in predicted.items():
        # An exact match wins. A date with an unknown year (XXXX-03-08) can match several gold dates;
        # the reference scorer then takes one in set order, which varies from run to run. We take one
        # that no other prediction claims, else the first in sorted order, so reruns agree.
        candidates = sorted(
            (how != "exact", gold_value in matched or gold_value in exactly_predicted, gold_value)
            for gold_value in expected
            if (how := date_match(value, gold_value))
        )
        if candidates:
            year_only, _, gold_value = candidates[0]
            result.counts["date"].tp += 1
            result.date_year_misses += year_only
            matched.add(gold_value)
        elif not any(date_match(value, other) for other in optional):
            result.false_hit("date", fact)
    for gold_value, match in expected.items():
        if gold_value not in matched:
            result.miss("date", gold_value, match.get("text"))


def scores_to_json(scores: Scores) -> str:
    """The reference scorer's --json summary (same keys, same rounding), then the per-document detail."""
    summary = {
        "kinds": {
            kind: {
                "tp": counts.tp,
                "fp": counts.fp,
                "fn": counts.fn,
                "p": round(counts.precision, 3),
                "r": round(counts.recall, 3),
                "f1": round(counts.f1, 3),
            }
            for kind, counts in scores.kinds.items()
        },
        "macro_f1": round(scores.macro_f1, 3),
        "attribution": round(scores.attribution.value, 3),
        "rate_metric": round(scores.rate_metric.value, 3),
        "date_year_misses": scores.date_year_misses,
        "missing_docs": len(scores.missing_docs),
        "missing_doc_ids": scores.missing_docs,
        "documents": [
            {
                "doc": doc.doc_id,
                "missing": doc.missing,
                "kinds": {kind: [c.tp, c.fp, c.fn] for kind, c in doc.counts.items()},
                "misses": [vars(miss) for miss in doc.misses],
                "false_hits": [vars(hit) for hit in doc.false_hits],
            }
            for doc in scores.documents
        ],
    }
    return json.dumps(summary, ensure_ascii=False, indent=2)


def render_scores(scores: Scores, console: Console, per_doc: bool = False) -> None:
    table = Table(title="Scores against gold", title_justify="left")
    table.add_column("kind")
    for header in ("tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(header, justify="right")
    for kind, counts in scores.kinds.items():
        table.add_row(
            kind,
            str(counts.tp),
            str(counts.fp),
            str(counts.fn),
            f"{counts.precision:.3f}",
            f"{counts.recall:.3f}",
            f"{counts.f1:.3f}",
        )
    console.print(table)
    console.print(f"macro F1 (subject parks + 4 fact kinds) [bold]{scores.macro_f1:.3f}[/bold]")
    console.print(
        f"attribution {scores.attribution.value:.3f}  rate-metric {scores.rate_metric.value:.3f}  "
        f"date year misses {scores.date_year_misses}  missing docs {len(scores.missing_docs)}"
    )
    if per_doc:
        for doc in scores.documents:
            _render_document_score(doc, console)


def _render_document_score(doc: DocumentScore, console: Console) -> None:
    if not (doc.misses or doc.false_hits or doc.missing):
        return
    console.print()
    console.print(Text.assemble((doc.doc_id, "bold"), ("  (no prediction)" if doc.missing else "", "red")))
    for miss in doc.misses:
        console.print(
            Text.assemble(
                ("  miss       ", "yellow"),
                f"{miss.kind:<14} {miss.value}  ",
                ("「", "dim"),
                miss.text or "",
                ("」", "dim"),
            )
        )
    for hit in doc.false_hits:
        where = f"  @{hit.start}-{hit.end}" if hit.start is not None else ""
        console.print(
            Text.assemble(
                ("  false hit  ", "red"),
                f"{hit.kind:<14} {hit.value}  ",
                ("「", "dim"),
                hit.text or "",
                ("」", "dim"),
                (where, "dim"),
            )
        )


def eval_command(
    gold_dir: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD_DIR", help="Folder of gold annotations (GOLD_SCHEMA.md), one *.json per document."
        ),
    ],
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files or folders to extract and score; '-' is standard input.")
    ],
    per_doc: Annotated[bool, typer.Option("--per-doc", help="List each document's misses and false hits.")] = False,
    fail_under: Annotated[
        float | None,
        typer.Option("--fail-under", metavar="F1", help="Exit 1 when macro F1 is below this figure (0-1)."),
    ] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", metavar="text|json", help="text (a table) or json.")
    ] = OutputFormat.text,
    rules: RulesOption = None,
    encoding: EncodingOption = None,
    jobs: JobsOption = None,
) -> None:
    """Score extractions against gold annotations.

    Extracts PATH and prints P/R/F1 per kind, macro F1 and attribution.

    Exit status: 0 ok, 1 macro F1 below --fail-under or some documents failed, 2 unusable gold or no
    document in common, 3 invalid rules.
    """
    try:
        gold = load_gold(gold_dir)
    except ValueError as error:
        stderr.print(f"error: {error}")
        raise typer.Exit(ExitCode.USAGE) from error
    extraction = Extraction(rules, encoding, jobs=jobs)
    records = [result.record for result in extraction.results(paths)]
    if not set(gold) & {record["doc_id"] for record in records}:
        # Every score would be 0 for a reason that is no extraction's: the two sides name different documents.
        stderr.print(
            f"error: no document in common between {gold_dir} ({len(gold)} gold) and PATH ({len(records)} extracted)"
        )
        raise typer.Exit(ExitCode.USAGE)
    scores = score(gold, records)
    if format == OutputFormat.json:
        print(scores_to_json(scores))
    else:
        render_scores(scores, Console(), per_doc)
    # Compared as printed, so that a run showing 0.750 passes --fail-under 0.75.
    if fail_under is not None and round(scores.macro_f1, 3) < fail_under:
        stderr.print(f"macro F1 {scores.macro_f1:.3f} is below --fail-under {fail_under}")
        raise typer.Exit(ExitCode.CHECK_FAILED)
    extraction.finish()
