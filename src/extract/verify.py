"""After extraction: every fact checked against the calendar and against the text it came from.

A date that cannot exist (2022-02-30, a 29 February outside a leap year) is no date: its fact is
dropped and other facts lose it as their date, each with a warning. In an HTML page a fact's text is
widened to whole character references, so it never starts or ends inside `&#37;`.
"""

import datetime
from bisect import bisect_left
from functools import lru_cache
from operator import is_

import regex

from extract.read import ENTITY, Source

ISO_DATE = regex.compile(r"(?P<year>[0-9]{4}|XXXX)(?:-Q[1-4]|-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")
LEAP_YEAR = 2000  # XXXX-02-29 may exist: a month and day without a year are checked in a leap year


@lru_cache(maxsize=4096)  # the same few dates are checked again and again: every fact carries one
def is_valid_date(value: str) -> bool:
    """`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Qn`, or a range `START/END` of them, on the calendar."""
    return all(is_valid_point(point) for point in value.split("/", 1)) if value else False


def is_valid_point(value: str) -> bool:
    m = ISO_DATE.fullmatch(value)
    if m is None:
        return False
    year = LEAP_YEAR if m["year"] == "XXXX" else int(m["year"])
    try:
        datetime.date(year, int(m["month"] or 1), int(m["day"] or 1))
    except ValueError:
        return False
    return True


def verified(record: dict, source: Source) -> dict:
    """The record (pipeline.Result.record) without impossible dates, its facts' texts on whole character references."""
    warnings = list(record["warnings"])
    published = record["published"]
    if published is not None and not is_valid_date(published):
        warnings.append(f"impossible publication date {published} dropped")
        published = None
    entities = [m.span() for m in ENTITY.finditer(source.text)] if source.html else []
    entity_starts = [s for s, _ in entities]
    facts: list[dict] = []
    for fact in record["facts"]:
        if fact["kind"] == "date" and not is_valid_date(str(fact["value"])):
            warnings.append(f"impossible date {fact['value']} ({fact['text']!r} at {fact['start']}) dropped")
            continue
        update: dict = {}
        if fact["date"] is not None and not is_valid_date(fact["date"]):
            update["date"] = None
        if entities:  # (a page without character references has no fact to widen)
            start, end = on_whole_entities(fact["start"], fact["end"], entities, entity_starts)
            if (start, end) != (fact["start"], fact["end"]):
                update |= {"start": start, "end": end, "text": source.text[start:end]}
        facts.append(fact | update if update else fact)
    # Most documents have nothing to change: checking that costs less than copying them.
    unchanged = len(facts) == len(record["facts"]) and all(map(is_, facts, record["facts"]))
    if unchanged and published == record["published"] and len(warnings) == len(record["warnings"]):
        return record
    return record | {"published": published, "facts": facts, "warnings": warnings}


def on_whole_entities(start: int, end: int, entities: list[tuple[int, int]], starts: list[int]) -> tuple[int, int]:
    """Widen [start, end) so that it cuts no span of `entities` (sorted, disjoint; `starts` their starts)."""
    before_start, before_end = bisect_left(starts, start) - 1, bisect_left(starts, end) - 1
    if before_start >= 0 and start < entities[before_start][1]:
        start = entities[before_start][0]
    if before_end >= 0 and end < entities[before_end][1]:
        end = entities[before_end][1]
    return start, end
