"""Compare two extraction outputs fact by fact: what a rule change adds, removes and changes."""

import json
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Callable

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from extract.errors import ExitCode
from extract.options import stderr


@cache
def fact_fields() -> tuple[str, ...]:
    from extract.models import Fact  # pydantic loads when a diff is made, not with every command line

    return tuple(Fact.model_fields)


# Same kind and value this close counts as the same fact moved: offsets shift by a few characters
# when the reader changes how it blanks markup or whitespace.
NEAR = 8


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


@dataclass(frozen=True)
class FactChange:
    old: dict
    new: dict

    @property
    def fields(self) -> list[str]:
        return [name for name in fact_fields() if self.old.get(name) != self.new.get(name)]


@dataclass
class DocumentDiff:
    doc_id: str
    status: str  # "added" (only in NEW), "removed" (only in OLD) or "changed"
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[FactChange] = field(default_factory=list)
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # document fields other than facts

    @property
    def has_changes(self) -> bool:
        return self.status != "changed" or bool(self.added or self.removed or self.changed or self.fields)


@dataclass
class DiffReport:
    documents: list[DocumentDiff]  # only the documents that differ
    compared: int  # documents on either side

    @property
    def has_changes(self) -> bool:
        return bool(self.documents)

    def summary(self, of: Callable[[dict], str | None]) -> dict[str, dict[str, int]]:
        """Added/removed/changed fact counts per value of `of` (e.g. the kind or the rule id)."""
        counts: dict[str, Counter] = {}

        def count(fact: dict, what: str) -> None:
            counts.setdefault(str(of(fact)), Counter())[what] += 1

        for doc in self.documents:
            for fact in doc.added:
                count(fact, "added")
            for fact in doc.removed:
                count(fact, "removed")
            for change in doc.changed:
                # A fact that moved from one rule to another is a change for both rules.
                for side in {str(of(change.old)): change.old, str(of(change.new)): change.new}.values():
                    count(side, "changed")
        return {key: {what: counts[key][what] for what in ("added", "removed", "changed")} for key in sorted(counts)}


def load_records(path: Path) -> list[dict]:
    """Document records from a JSON array, JSON Lines, a single record, or a folder of such files."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".json", ".jsonl"))
        if not files:
            raise ValueError(f"{path}: no *.json or *.jsonl files in this folder")
        return [record for file in files for record in load_records(file)]
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: cannot read extraction output ({error})") from error
    records = _parse_records(path, content)
    for number, record in enumerate(records, 1):
        problem = _record_problem(record)
        if problem:
            raise ValueError(f"{path}: record {number} is not a document record: {problem}")
    return records


def _parse_records(path: Path, content: str) -> list:
    try:
        whole = json.loads(content) if content.strip() else []
    except json.JSONDecodeError:
        whole = None  # not one JSON value: JSON Lines
    if isinstance(whole, list):
        return whole
    if whole is not None:
        return [whole]
    records = []
    for number, line in enumerate(content.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}: line {number} is neither JSON nor JSON Lines ({error.msg})") from None
    return records


def _record_problem(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "not a JSON object"
    if not isinstance(record.get("doc_id"), str):
        return "no doc_id"
    if not isinstance(record.get("facts"), list):
        return "no facts list"
    for fact in record["facts"]:
        if not (isinstance(fact, dict) and isinstance(fact.get("kind"), str)):
            return "a fact without a kind"
        if not (isinstance(fact.get("start"), int) and isinstance(fact.get("end"), int)):
            return f"a {fact['kind']} fact without integer start/end"
    return None


def _keyed(records: list[dict]) -> dict[tuple[str, int], dict]:
    """Records by (doc_id, occurrence): two files with the same name in different folders share a doc_id."""
    seen: Counter = Counter()
    keyed = {}
    for record in records:
        keyed[(record["doc_id"], seen[record["doc_id"]])] = record
        seen[record["doc_id"]] += 1
    return keyed


def diff_records(old: list[dict], new: list[dict]) -> DiffReport:
    old_docs, new_docs = _keyed(old), _keyed(new)
    documents = []
    for key in sorted(old_docs.keys() | new_docs.keys()):
        before, after = old_docs.get(key), new_docs.get(key)
        if after is None:
            documents.append(DocumentDiff(key[0], "removed", removed=_in_text_order(before["facts"])))
        elif before is None:
            documents.append(DocumentDiff(key[0], "added", added=_in_text_order(after["facts"])))
        else:
            doc = _diff_document(key[0], before, after)
            if doc.has_changes:
                documents.append(doc)
    return DiffReport(documents, compared=len(old_docs.keys() | new_docs.keys()))


def _diff_document(doc_id: str, before: dict, after: dict) -> DocumentDiff:
    names = [name for name in dict.fromkeys([*before, *after]) if name not in ("doc_id", "facts")]
    fields = {name: (before.get(name), after.get(name)) for name in names if before.get(name) != after.get(name)}
    old_facts, new_facts = before["facts"], after["facts"]
    pairs = _pair_facts(old_facts, new_facts)
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    changes = [FactChange(old_facts[i], new_facts[j]) for i, j in pairs]
    return DocumentDiff(
        doc_id,
        "changed",
        added=_in_text_order([f for j, f in enumerate(new_facts) if j not in paired_new]),
        removed=_in_text_order([f for i, f in enumerate(old_facts) if i not in paired_old]),
        changed=sorted((c for c in changes if c.fields), key=lambda c: _text_order(c.new)),
        fields=fields,
    )


def _same_fact(a: dict, b: dict) -> bool:
    return all(a.get(name) == b.get(name) for name in fact_fields())


def _same_place(a: dict, b: dict) -> bool:
    return a["kind"] == b["kind"] and a["start"] == b["start"] and a["end"] == b["end"]


def _moved(a: dict, b: dict) -> bool:
    return (
        a["kind"] == b["kind"]
        and a.get("value") == b.get("value")
        and a["start"] < b["end"] + NEAR
        and b["start"] < a["end"] + NEAR
    )


def _overlapping(a: dict, b: dict) -> bool:
    return a["kind"] == b["kind"] and a["start"] < b["end"] and b["start"] < a["end"]


# From the strictest likeness to the loosest: a fact pairs with its best counterpart first.
_LIKENESSES = (_same_fact, _same_place, _moved, _overlapping)


def _pair_facts(old: list[dict], new: list[dict]) -> list[tuple[int, int]]:
    """Index pairs (old, new) of facts that are the same fact, changed or not."""
    pairs = []
    old_left, new_left = set(range(len(old))), set(range(len(new)))
    for alike in _LIKENESSES:
        candidates = sorted(
            (_distance(old[i], new[j]), i, j) for i in old_left for j in new_left if alike(old[i], new[j])
        )
        for _, i, j in candidates:
            if i in old_left and j in new_left:
                pairs.append((i, j))
                old_left.discard(i)
                new_left.discard(j)
    return pairs


def _distance(a: dict, b: dict) -> int:
    return abs(a["start"] - b["start"]) + abs(a["end"] - b["end"])


def _text_order(fact: dict) -> tuple:
    return fact["start"], fact["end"], fact["kind"], str(fact.get("rule"))


def _in_text_order(facts: list[dict]) -> list[dict]:
    return sorted(facts, key=_text_order)


def diff_to_json(report: DiffReport) -> str:
    data = {
        "has_changes": report.has_changes,
        "documents_compared": report.compared,
        "documents": [
            {
                "doc_id": doc.doc_id,
                "status": doc.status,
                "added": doc.added,
                "removed": doc.removed,
                "changed": [{"fields": c.fields, "old": c.old, "new": c.new} for c in doc.changed],
                "fields": {name: {"old": old, "new": new} for name, (old, new) in doc.fields.items()},
            }
            for doc in report.documents
        ],
        "summary": {"by_kind": report.summary(_kind), "by_rule": report.summary(_rule)},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _kind(fact: dict) -> str:
    return fact["kind"]


def _rule(fact: dict) -> str | None:
    return fact.get("rule")


_MARKS = {"added": ("+ ", "green"), "removed": ("- ", "red"), "changed": ("~ ", "yellow")}


def render_diff_text(report: DiffReport, console: Console) -> None:
    if not report.has_changes:
        console.print(f"No differences in {report.compared} documents.", highlight=False)
        return
    for doc in report.documents:
        counts = f"+{len(doc.added)} -{len(doc.removed)} ~{len(doc.changed)}"
        console.print(Text.assemble((doc.doc_id, "bold"), f"  {doc.status}  {counts}"))
        for name, (old, new) in doc.fields.items():
            console.print(Text.assemble(("  ~ ", "yellow"), f"{name}: {old!r} → {new!r}"))
        for what, facts in (("removed", doc.removed), ("added", doc.added)):
            for fact in facts:
                console.print(_fact_line(what, fact))
        for change in doc.changed:
            console.print(_fact_line("changed", change.new))
            details = "; ".join(
                f"{name}: {change.old.get(name)!r} → {change.new.get(name)!r}" for name in change.fields
            )
            console.print(Text("      " + details, style="dim"))
    for title, of in (("kind", _kind), ("rule", _rule)):
        table = Table(title=f"Changed facts per {title}", title_justify="left")
        table.add_column(title)
        for what in ("added", "removed", "changed"):
            table.add_column(what, justify="right")
        for key, counts in report.summary(of).items():
            table.add_row(key, *(str(counts[what]) for what in ("added", "removed", "changed")))
        console.print(table)


def _fact_line(what: str, fact: dict) -> Text:
    mark, style = _MARKS[what]
    details = " ".join(
        f"{name}={fact[name]}" for name in ("unit", "qualifier", "metric", "park", "date") if fact.get(name) is not None
    )
    return Text.assemble(
        ("  " + mark, style),
        (f"{fact['kind']:<13} ", style),
        f"{fact.get('value')}  ",
        ("「", "dim"),
        str(fact.get("text", "")),
        ("」", "dim"),
        (f" @{fact['start']}-{fact['end']}  ", "dim"),
        details,
        (f"  [{fact.get('rule')}]", "dim"),
    )


def diff_command(
    old: Annotated[
        Path, typer.Argument(metavar="OLD", help="Earlier extraction output: JSON, JSON Lines, or a folder of them.")
    ],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="Later extraction output, in any of the same forms.")],
    format: Annotated[
        OutputFormat, typer.Option("--format", metavar="text|json", help="text (for people) or json.")
    ] = OutputFormat.text,
) -> None:
    """Compare two extraction outputs fact by fact.

    Facts added, removed and changed per document, then per kind and per rule id.

    Exit status: 0 no differences, 1 differences, 2 unusable input.
    """
    try:
        report = diff_records(load_records(old), load_records(new))
    except ValueError as error:
        stderr.print(f"error: {error}")
        raise typer.Exit(ExitCode.USAGE) from error
    if format == OutputFormat.json:
        print(diff_to_json(report))
    else:
        render_diff_text(report, Console(soft_wrap=True))
    raise typer.Exit(ExitCode.CHECK_FAILED if report.has_changes else ExitCode.OK)
