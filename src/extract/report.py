"""One self-contained HTML page for checking facts by eye: every fact highlighted where it was read.

The page inlines its CSS and JavaScript (report_assets/), links nothing and loads nothing, so it opens
from disk and offline. Facts may nest or cross (a park name inside an investment text); the text is
cut at every fact boundary and the pieces are wrapped in nested <mark> elements. Each fact's first
piece carries `data-fact-id` and is focusable, later pieces of a fact that had to be split carry
`data-fact-part`, so `[data-fact-id]` counts the facts exactly once.
"""

import json
from collections import Counter, defaultdict
from decimal import Decimal
from functools import cache
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import typer

from extract.errors import ExitCode, OutputError
from extract.evaluate import same_park
from extract.options import (
    EncodingOption,
    Extraction,
    FollowOption,
    JobsOption,
    PathsArgument,
    RulesOption,
    check_paths,
    stderr,
)
from extract.read import MARKUP
from extract.write import output_file

KIND_LABELS = {"park": "园区", "date": "日期", "project_count": "项目数", "investment": "投资", "rate": "复工率等"}
TABLE_COLUMNS = ("document", "kind", "value", "qualifier", "metric", "park", "date", "text", "offsets", "rule")
NO_PARK = "-"  # filter value for facts that belong to no park
_ASSETS = files("extract") / "report_assets"


def render_report(items: list[tuple]) -> str:
    """The page for (document record, decoded source text[, text as shown]) items, in the order given.
    The text as shown has the source's length; an HTML page's is its content with markup blanked
    (read.Source.content), so a page shows as text, not as markup with scripts."""
    documents = [
        (f"d{n}", record, source, shown[0] if shown else source) for n, (record, source, *shown) in enumerate(items)
    ]
    own_facts = {
        doc_key: [(f"{doc_key}f{m}", fact) for m, fact in enumerate(record.get("facts", []))]
        for doc_key, record, _, _ in documents
    }
    facts = {fact_id: (record, fact) for doc_key, record, _, _ in documents for fact_id, fact in own_facts[doc_key]}
    warning_count = sum(len(record.get("warnings", [])) for _, record, _, _ in documents)
    failed = [record for _, record, _, _ in documents if record.get("error")]
    summary = f"{len(documents)} documents · {len(failed)} failed · {len(facts)} facts · {warning_count} warnings"
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="zh-CN">',
            '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>extract report</title>",
            f"<style>{_asset('report.css')}</style></head>",
            "<body>",
            '<header class="top"><h1>extract report</h1>',
            f'<p class="summary">{escape(summary)}</p>',
            _filters(facts),
            _legend(facts),
            "</header>",
            "<main>",
            _failed(failed),
            _park_totals(facts),
            _fact_table(facts),
            *(
                _document(doc_key, record, source, shown, own_facts[doc_key])
                for doc_key, record, source, shown in documents
                if not record.get("error")
            ),
            "</main>",
            "<footer><p>Each fact is highlighted at its offsets (start, end) in the decoded source text; hover or "
            "focus it for its value, qualifier, metric, park, date and rule. This page loads nothing from "
            "elsewhere.</p></footer>",
            '<div id="tip" role="tooltip" hidden></div>',
            f'<script type="application/json" id="fact-data">{_fact_data(facts)}</script>',
            f"<script>{_asset('report.js')}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _failed(records: list[dict]) -> str:
    if not records:
        return ""
    rows = "".join(
        f"<tr><td>{escape(record['doc_id'])}</td><td>{escape(record['path'])}</td><td>{escape(record['error'])}</td></tr>"
        for record in records
    )
    return (
        '<section id="failed"><h2>Failed documents</h2><div class="scroll"><table class="failed">'
        '<thead><tr><th scope="col">document</th><th scope="col">path</th><th scope="col">error</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


@cache
def _kinds() -> tuple[str, ...]:
    from extract.models import KINDS  # pydantic loads with a page, not with every command line

    return KINDS


def _kinds_in_order(kinds: set[str]) -> list[str]:
    return [kind for kind in _kinds() if kind in kinds] + sorted(kinds - set(_kinds()))


def _parks(facts: dict[str, tuple[dict, dict]]) -> list[str]:
    return sorted({fact["park"] for _, fact in facts.values() if fact.get("park")})


def _filters(facts: dict[str, tuple[dict, dict]]) -> str:
    kinds = _kinds_in_order({fact["kind"] for _, fact in facts.values()})
    kind_options = "".join(f'<option value="{escape(k)}">{escape(k)}</option>' for k in kinds)
    park_options = "".join(f'<option value="{escape(p)}">{escape(p)}</option>' for p in _parks(facts))
    return (
        '<form class="filters" id="filters">'
        f'<label>kind <select id="kind-filter"><option value="">all kinds</option>{kind_options}</select></label>'
        f'<label>park <select id="park-filter"><option value="">all parks</option>{park_options}'
        f'<option value="{NO_PARK}">(no park)</option></select></label>'
        '<output id="filter-status" aria-live="polite"></output>'
        "</form>"
    )


def _legend(facts: dict[str, tuple[dict, dict]]) -> str:
    counts = Counter(fact["kind"] for _, fact in facts.values())
    entries = "".join(
        f'<li><a class="fact k-{escape(kind)}" href="#kind={quote(kind)}">{escape(kind)}</a> '
        f"{escape(KIND_LABELS.get(kind, ''))} {counts[kind]}</li>"
        for kind in _kinds()
    )
    return f'<ul class="legend" aria-label="colours of the fact kinds">{entries}</ul>'


def _park_identities(parks: list[str]) -> dict[str, str]:
    """Each park name to the name its row is under: variants of one park (岳麓高新区, 长沙岳麓高新区) share
    the longest, by the scorer's park identity."""
    rows: list[str] = []
    identity = {}
    for park in sorted(parks, key=lambda name: (-len(name), name)):
        identity[park] = next((row for row in rows if same_park(park, row)), park)
        if identity[park] == park:
            rows.append(park)
    return identity


def _park_totals(facts: dict[str, tuple[dict, dict]]) -> str:
    identity = _park_identities(_parks(facts))
    per_kind: dict[str | None, Counter] = defaultdict(Counter)
    invested: dict[str | None, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    variants: dict[str, set[str]] = defaultdict(set)
    for _, fact in facts.values():
        park = identity.get(fact.get("park")) if fact.get("park") else None
        if park:
            variants[park].add(fact["park"])
        per_kind[park][fact["kind"]] += 1
        if fact["kind"] == "investment" and isinstance(fact.get("value"), (int, float)):
            invested[park][fact.get("unit") or "?"] += Decimal(str(fact["value"]))
    rows = []
    for park in [*sorted(variants), *([None] if None in per_kind else [])]:
        if park:
            others = "、".join(sorted(variants[park] - {park}))
            link = f'<a href="#park={quote(park)}">{escape(park)}</a>' + (
                f' <span class="note">({escape(others)})</span>' if others else ""
            )
        else:
            link = f'<a href="#park={NO_PARK}">(no park)</a>'
        counts = "".join(f'<td class="num">{per_kind[park][kind] or ""}</td>' for kind in _kinds())
        sums = "<br>".join(
            f"{escape(_amount(total))} {escape(currency)}" for currency, total in sorted(invested[park].items())
        )
        rows.append(f'<tr><th scope="row">{link}</th>{counts}<td class="num">{sums}</td></tr>')
    head = "".join(f'<th scope="col">{escape(kind)}</th>' for kind in _kinds())
    return (
        '<section id="totals"><details open><summary><h2>Per park</h2></summary><div class="scroll">'
        f'<table class="totals"><thead><tr><th scope="col">park</th>{head}<th scope="col">investment sum</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
        '<p class="note">Counts of facts per kind, names of one park (in brackets) together; the sum adds every '
        "investment fact as extracted, so an amount mentioned twice counts twice.</p></details></section>"
    )


def _fact_table(facts: dict[str, tuple[dict, dict]]) -> str:
    head = "".join(f'<th scope="col"><button type="button">{name}</button></th>' for name in TABLE_COLUMNS)
    rows = []
    for order, (fact_id, (record, fact)) in enumerate(facts.items()):
        cells = [
            _cell(record.get("doc_id")),
            f'<td><span class="swatch k-{escape(fact["kind"])}"></span>{escape(fact["kind"])}</td>',
            _cell(_shown_value(fact), sort=fact.get("value")),
            _cell(fact.get("qualifier")),
            _cell(fact.get("metric")),
            _cell(fact.get("park")),
            _cell(fact.get("date")),
            f'<td><button type="button" class="goto" data-goto="{fact_id}">{escape(str(fact.get("text", "")))}'
            "</button></td>",
            _cell(f"{fact.get('start')}–{fact.get('end')}", sort=fact.get("start")),
            _cell(fact.get("rule")),
        ]
        rows.append(f'<tr data-fact-ref="{fact_id}" data-order="{order}">{"".join(cells)}</tr>')
    return (
        '<section id="facts"><details open><summary><h2>Facts</h2></summary>'
        f'<div class="scroll"><table id="fact-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></details></section>"
    )


def _cell(content: Any, sort: Any = None) -> str:
    text = "" if content is None else str(content)
    sort_attribute = f' data-sort="{escape(str(sort))}"' if sort is not None else ""
    return f"<td{sort_attribute}>{escape(text)}</td>"


def _document(doc_key: str, record: dict, source: str, shown: str, own: list[tuple[str, dict]]) -> str:
    placed = [(i, f) for i, f in own if _placeable(f, source)]
    unplaced = [(i, f) for i, f in own if not _placeable(f, source)]
    meta = " · ".join(
        escape(str(record[name])) for name in ("doc_id", "path", "published", "source", "script") if record.get(name)
    )
    warnings = "".join(f"<li>{escape(str(w))}</li>" for w in record.get("warnings", []))
    parts = [
        f'<article class="doc" id="{doc_key}">',
        f"<h2>{escape(record.get('title') or record.get('doc_id', ''))}</h2>",
        f'<p class="meta">{meta} · {len(own)} facts</p>',
        f'<ul class="warnings" aria-label="warnings">{warnings}</ul>' if warnings else "",
        f'<div class="text">{_highlight(source, placed, shown)}</div>',
    ]
    if unplaced:
        marks = " ".join(
            _open_mark(i, f, first=True, flag="unplaced") + escape(str(f.get("text", ""))) + "</mark>"
            for i, f in unplaced
        )
        parts.append(f'<p class="unplaced">Facts whose offsets are outside the text: {marks}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def _placeable(fact: dict, source: str) -> bool:
    return 0 <= fact["start"] < fact["end"] <= len(source)


def _highlight(source: str, facts: list[tuple[str, dict]], shown: str | None = None) -> str:
    """The source as HTML, each fact's characters inside <mark> elements that nest as the facts do; the
    characters come from `shown` (same length, markup blanked) when given, without the blanked markup."""
    shown = source if shown is None else shown
    outer_first = {fact_id: (f["start"], -f["end"], n) for n, (fact_id, f) in enumerate(facts)}
    by_id = dict(facts)
    bounds = sorted({0, len(source)} | {f["start"] for _, f in facts} | {f["end"] for _, f in facts})
    html, open_ids, started = [], [], set()
    for begin, end in zip(bounds, bounds[1:]):
        covering = sorted(
            (fact_id for fact_id, f in facts if f["start"] <= begin and end <= f["end"]), key=outer_first.__getitem__
        )
        # Keep the open marks that still cover this piece; close the rest; open the missing ones inside.
        keep = 0
        while keep < min(len(open_ids), len(covering)) and open_ids[keep] == covering[keep]:
            keep += 1
        html.append("</mark>" * (len(open_ids) - keep))
        del open_ids[keep:]
        for fact_id in covering[keep:]:
            fact = by_id[fact_id]
            # Offsets that do not point at the fact's text are worth a look: flag them.
            flag = "mismatch" if source[fact["start"] : fact["end"]] != fact.get("text") else None
            html.append(_open_mark(fact_id, fact, first=fact_id not in started, flag=flag))
            started.add(fact_id)
            open_ids.append(fact_id)
        html.append(escape(shown[begin:end].replace(MARKUP, "")))
    html.append("</mark>" * len(open_ids))
    return "".join(html)


def _open_mark(fact_id: str, fact: dict, first: bool, flag: str | None = None) -> str:
    classes = ["fact", f"k-{fact['kind']}", *([flag] if flag else [])]
    identity = f'data-fact-id="{fact_id}" tabindex="0"' if first else f'data-fact-part="{fact_id}"'
    return f'<mark class="{escape(" ".join(classes))}" {identity} aria-describedby="tip">'


def _fact_data(facts: dict[str, tuple[dict, dict]]) -> str:
    data = {
        fact_id: {**fact, "shown": _shown_value(fact), "doc": record.get("doc_id")}
        for fact_id, (record, fact) in facts.items()
    }
    # Inside <script>, "</script>" or "<!--" in a fact's text would end the element: escape < > & as \u00XX.
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return encoded.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _shown_value(fact: dict) -> str:
    value = fact.get("value")
    if fact["kind"] == "investment" and isinstance(value, (int, float)):
        return f"{_amount(Decimal(str(value)))} {fact.get('unit') or ''}".strip()
    if fact["kind"] == "rate" and isinstance(value, (int, float)):
        return f"{_plain(Decimal(str(value)))}{fact.get('unit') or '%'}"
    return "" if value is None else str(value)


def _amount(value: Decimal) -> str:
    """In the units Chinese news uses: 38570000000 -> 385.7亿, 50000 -> 5万."""
    for size, unit in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if abs(value) >= size:
            return f"{_plain(value / size)}{unit}"
    return _plain(value)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def report_command(
    paths: PathsArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE", help="The HTML file to write (atomically); '-' for standard output."
        ),
    ],
    rules: RulesOption = None,
    encoding: EncodingOption = None,
    follow: FollowOption = False,
    jobs: JobsOption = None,
) -> None:
    """Write an HTML page to review facts in place.

    One self-contained page with every fact of PATH highlighted in its text.

    Exit status: 0 ok, 1 some documents failed (the page shows the rest), 2 usage error, 3 invalid rules,
    4 cannot write the page.
    """
    check_paths(paths, output)
    extraction = Extraction(rules, encoding, follow, output, jobs=jobs, texts=True)  # the page shows each text
    try:
        with output_file(output) as out:  # opened first: an unwritable -o fails before any extraction
            items = [(result.record, result.source, result.content) for result in extraction.results(paths)]
            out.write(render_report(items))
    except OutputError as error:
        stderr.print(f"error: {error}")
        raise typer.Exit(ExitCode.CANNOT_WRITE) from None
    if str(output) != "-":
        stderr.print(f"wrote {output}: {len(items)} documents")
    extraction.finish()
