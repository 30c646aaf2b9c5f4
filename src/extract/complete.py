"""Completing the values resolvers left open (extractors/partial.py), once per document: 上月20日 counts
its month from the publication date's, a bare ROC year (112年) is a calendar year only in a Taiwanese
article, a date without a year takes the publication's or the one the document states most, and a
plain 元 is the document's currency. Dates leave as ISO 8601 text, XXXX for a year nobody knows."""

from collections import Counter
from dataclasses import replace

from extract.extractors import Resolved
from extract.extractors.date import ROC_OFFSET
from extract.extractors.partial import DatePoint, LocalCurrency, PartialDate
from extract.match import Candidate
from extract.ruleset import Signal

TAIWAN_DOCUMENT = "investment.taiwan-document"  # the signal in rules/investment.toml
UNKNOWN_YEAR = "XXXX"  # the year of a date no one can date: XXXX-04-25
STATED_YEARS = range(1900, 2100)  # the years a document can be taken to state for its undated dates


def complete(
    candidates: list[Candidate], text: str, published: str | None, signals: dict[str, Signal]
) -> list[Candidate]:
    candidates = fill_roc_years(fill_relative_months(candidates, published), text, signals)
    candidates = fill_currency(fill_years(candidates, published), text, signals)
    return [
        with_value(c, iso(c.resolved.value)) if isinstance(c.resolved.value, PartialDate) else c for c in candidates
    ]


def with_value(c: Candidate, value) -> Candidate:
    return with_resolved(c, value, c.resolved.unit)


def with_resolved(c: Candidate, value, unit) -> Candidate:
    # Built directly: _replace costs twice as much, and every date and amount passes here.
    r = c.resolved
    return Candidate(c.rule, c.start, c.end, Resolved(value, unit, r.qualifier, r.metric), c.park, c.date)


def partial_dates(candidates: list[Candidate]) -> list[PartialDate]:
    return [c.resolved.value for c in candidates if isinstance(c.resolved.value, PartialDate)]


def fill_relative_months(candidates: list[Candidate], published: str | None) -> list[Candidate]:
    """上月20日 counts its month from the publication date's; without one it is no date."""
    out = []
    for c in candidates:
        date = c.resolved.value
        if not isinstance(date, PartialDate) or date.month_offset is None:
            out.append(c)
        elif published and len(published) >= 7:
            year, month = divmod(int(published[:4]) * 12 + int(published[5:7]) - 1 + date.month_offset, 12)
            first = replace(date.first, month=month + 1)
            out.append(with_value(c, replace(date, first=first, year=year, month_offset=None)))
    return out


def fill_roc_years(candidates: list[Candidate], text: str, signals: dict[str, Signal]) -> list[Candidate]:
    """A bare ROC year (112年) is 2023 in a Taiwanese article; elsewhere it is no date (建厂110年)."""
    if not any(date.roc_year is not None for date in partial_dates(candidates)):
        return candidates
    taiwanese = is_taiwanese(text, signals)
    out = []
    for c in candidates:
        date = c.resolved.value
        if not isinstance(date, PartialDate) or date.roc_year is None:
            out.append(c)
        elif taiwanese:
            out.append(with_value(c, replace(date, year=date.roc_year + ROC_OFFSET, roc_year=None)))
    return out


def fill_years(candidates: list[Candidate], published: str | None) -> list[Candidate]:
    """A date without a year takes the publication year, else the year the document states most."""
    if published:
        year = int(published[:4])
    else:  # (`None in STATED_YEARS` would compare None with every year of the range)
        stated = Counter(d.year for d in partial_dates(candidates) if d.year is not None and d.year in STATED_YEARS)
        year = stated.most_common(1)[0][0] if stated else None
    if year is None:
        return candidates
    return [
        with_value(c, replace(c.resolved.value, year=year))
        if isinstance(c.resolved.value, PartialDate) and c.resolved.value.year is None
        else c
        for c in candidates
    ]


def is_taiwanese(text: str, signals: dict[str, Signal]) -> bool:
    taiwan = signals.get(TAIWAN_DOCUMENT)
    return taiwan is not None and taiwan.holds(text)


def local_currency(text: str, signals: dict[str, Signal]) -> str:
    """TWD in a Taiwanese article, else CNY."""
    return "TWD" if is_taiwanese(text, signals) else "CNY"


def fill_currency(candidates: list[Candidate], text: str, signals: dict[str, Signal]) -> list[Candidate]:
    """A plain 元 is the document's local currency, decided once for the whole document."""
    if not any(isinstance(c.resolved.unit, LocalCurrency) for c in candidates):
        return candidates
    currency = local_currency(text, signals)
    return [
        with_resolved(c, c.resolved.value, currency) if isinstance(c.resolved.unit, LocalCurrency) else c
        for c in candidates
    ]


def iso(date: PartialDate) -> str:
    """2022-04-25, 2022-Q1, 2022-01/2022-03, 2019/2021; XXXX for the year when none is known."""
    year = UNKNOWN_YEAR if date.year is None else f"{date.year:04d}"
    if date.last_year is not None:
        return f"{year}/{date.last_year:04d}"
    first = iso_point(year, date.first)
    return first if date.last is None else f"{first}/{iso_point(year, date.last)}"


def iso_point(year: str, point: DatePoint) -> str:
    if point.quarter is not None:
        return f"{year}-Q{point.quarter}"
    if point.month is None:
        return year
    return f"{year}-{point.month:02d}" + ("" if point.day is None else f"-{point.day:02d}")
