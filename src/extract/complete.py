"""Completing the values resolvers left open (extractors/partial.py), once per document: 上月20日 counts
its month from the publication date's, a bare ROC year (112年) is a calendar year only in a Taiwanese
article, a date without a year takes the publication's or the one the document states most, and a
plain 元 is the document's currency. Dates leave as ISO 8601 text, XXXX for a year nobody knows."""

from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from extract.extractors import Resolved
from extract.extractors.date import ROC_OFFSET
from extract.extractors.partial import DatePoint, LocalCurrency, PartialDate
from extract.match import Candidate
from extract.ruleset import Signal

TAIWAN_DOCUMENT = "investment.taiwan-document"  # the signal in rules/investment.toml
UNKNOWN_YEAR = "XXXX"  # the year of a date no one can date: XXXX-04-25
STATED_YEARS = range(1900, 2100)  # the years a document can be taken to state for its undated dates


@dataclass
class Article:
    """The document as completion reads it: its text, and what the rules' signals say of it."""

    text: str
    signals: dict[str, Signal]

    @cached_property
    def taiwanese(self) -> bool:
        """Searched for once, and only when a value needs it: the signal reads the whole text."""
        taiwan = self.signals.get(TAIWAN_DOCUMENT)
        return taiwan is not None and taiwan.holds(self.text)

    @cached_property
    def currency(self) -> str:
        """The currency of a plain 元: TWD in a Taiwanese article, else CNY."""
        return "TWD" if self.taiwanese else "CNY"


def complete(
    candidates: list[Candidate], text: str, published: str | None, signals: dict[str, Signal]
) -> list[Candidate]:
    """In two passes: the first gives each date what its own words and the publication tell (or drops it),
    the second the document's year to the dates still without one, and writes every date and plain 元."""
    article = Article(text, signals)
    dated = []
    for c in candidates:
        date = c.resolved.value
        if isinstance(date, PartialDate) and (date.month_offset is not None or date.roc_year is not None):
            date = own_year(date, published, article)
            if date is None:
                continue
            c = with_resolved(c, date, c.resolved.unit)
        dated.append(c)
    year = document_year(dated, published)
    out = []
    for c in dated:
        value, unit = c.resolved.value, c.resolved.unit
        if isinstance(value, PartialDate):
            value = iso(value, year)
        if isinstance(unit, LocalCurrency):
            unit = article.currency
        out.append(c if value is c.resolved.value and unit is c.resolved.unit else with_resolved(c, value, unit))
    return out


def with_resolved(c: Candidate, value, unit) -> Candidate:
    # Built directly: _replace costs twice as much, and every date and amount passes here.
    r = c.resolved
    return Candidate(c.rule, c.start, c.end, Resolved(value, unit, r.qualifier, r.metric), c.park, c.date)


def own_year(date: PartialDate, published: str | None, article: Article) -> PartialDate | None:
    """上月20日 counts its month from the publication date's; a bare ROC year (112年) is a calendar year in a
    Taiwanese article. Elsewhere, or without a publication date, they are no date (建厂110年)."""
    if date.month_offset is not None:
        if not published or len(published) < 7:
            return None
        year, month = divmod(int(published[:4]) * 12 + int(published[5:7]) - 1 + date.month_offset, 12)
        date = replace(date, first=replace(date.first, month=month + 1), year=year, month_offset=None)
    if date.roc_year is not None:
        if not article.taiwanese:
            return None
        date = replace(date, year=date.roc_year + ROC_OFFSET, roc_year=None)
    return date


def document_year(candidates: list[Candidate], published: str | None) -> int | None:
    """The year of the dates that state none: the publication's, else the year the document states most."""
    if published:
        return int(published[:4])
    # (`None in STATED_YEARS` would compare None with every year of the range)
    stated = Counter(
        c.resolved.value.year
        for c in candidates
        if isinstance(c.resolved.value, PartialDate)
        and c.resolved.value.year is not None
        and c.resolved.value.year in STATED_YEARS
    )
    return stated.most_common(1)[0][0] if stated else None


def iso(date: PartialDate, year: int | None = None) -> str:
    """2022-04-25, 2022-Q1, 2022-01/2022-03, 2019/2021; `year` for a date that states none, XXXX when none
    is known."""
    if date.year is not None:
        year = date.year
    written = UNKNOWN_YEAR if year is None else f"{year:04d}"
    if date.last_year is not None:
        return f"{written}/{date.last_year:04d}"
    first = iso_point(written, date.first)
    return first if date.last is None else f"{first}/{iso_point(written, date.last)}"


def iso_point(year: str, point: DatePoint) -> str:
    if point.quarter is not None:
        return f"{year}-Q{point.quarter}"
    if point.month is None:
        return year
    return f"{year}-{point.month:02d}" + ("" if point.day is None else f"-{point.day:02d}")
