"""Calendar expressions, read into typed partial dates (extractors/partial.py): what the text leaves
open (the year of 4月25日, whether a bare 112年 is an ROC year, the month of 上月20日) is completed once
per document by complete.py, which also writes them in ISO 8601."""

from extract.extractors import Concept, Groups, Resolved, resolver
from extract.extractors.numbers import parse_number
from extract.extractors.partial import DatePoint, PartialDate
from extract.lexicon import Lexicons

ROC_OFFSET = 1911  # 民国112年 = 2023
RELATIVE_MONTH = Concept(
    "relative_month", "a whole number of months after publication's (上月 = -1)", lambda value: type(value) is int
)


def number(groups: Groups, group: str) -> int | None:
    text = groups.get(group)
    return int(parse_number(text)) if text else None


def year_of(groups: Groups) -> tuple[int | None, int | None]:
    """(calendar year, bare ROC-era year): 民国112年 is 2023 at once, a bare 112年 waits for the document."""
    roc = number(groups, "roc_year")
    if roc is not None:
        return (roc + ROC_OFFSET, None) if groups.get("roc_era") else (None, roc)
    year = number(groups, "year")
    if year is not None and year < 100:  # 20年 in a date such as 20年3月 -> 2020
        year += 2000
    return year, None


# A date needs a year or a month; every other group is optional.
@resolver("date", "calendar", needs=(("year", "roc_year", "month"),))
def calendar(groups: Groups, lexicons: Lexicons) -> Resolved | None:
    """Year, year-month, year-month-day, or a range of months (1-3月, 五六月份) or days (1月31日至2月8日)."""
    year, roc_year = year_of(groups)
    month, day = number(groups, "month"), number(groups, "day")
    if groups.get("through"):  # 前7个月: from January
        month = 1
    month_end, day_end = number(groups, "month_end"), number(groups, "day_end")
    if groups.get("year_end"):
        month = 12
    if month is None:
        last_year = number(groups, "year_last")
        if last_year is not None:  # 2019年至2021年
            ordered = year is not None and year < last_year
            return Resolved(PartialDate(DatePoint(), year=year, last_year=last_year)) if ordered else None
        if year is None and roc_year is None:
            return None
        return Resolved(PartialDate(DatePoint(), year=year, roc_year=roc_year))
    if not valid(month, day) or (day_end is None and month_end is not None and day is not None):
        return None
    first = DatePoint(month, day)
    if day_end is None and month_end is None:
        return Resolved(PartialDate(first, year=year, roc_year=roc_year))
    end_month = month if month_end is None else month_end
    if not valid(end_month, day_end) or (end_month, day_end or 0) <= (month, day or 0):
        return None
    return Resolved(PartialDate(first, DatePoint(end_month, day_end), year=year, roc_year=roc_year))


def valid(month: int, day: int | None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= 31)


@resolver("date", "quarter", needs=("quarter",))
def quarter(groups: Groups, lexicons: Lexicons) -> Resolved | None:
    """一季度 -> Q1; 前三季度 -> Q1/Q3; 一二季度 / 一至三季度 -> a range."""
    year, roc_year = year_of(groups)
    first, last = number(groups, "quarter"), number(groups, "quarter_end")
    if groups.get("through"):  # 前三季度: from the first quarter through the third
        first, last = 1, first
    if first is None or not 1 <= first <= 4 or (last is not None and not first < last <= 4):
        return None
    until = DatePoint(quarter=last) if last is not None else None
    return Resolved(PartialDate(DatePoint(quarter=first), until, year=year, roc_year=roc_year))


@resolver("date", "relative_day", needs=("relative_month", "day"), reads={"relative_month": RELATIVE_MONTH})
def relative_day(groups: Groups, lexicons: Lexicons) -> Resolved | None:
    """上月20日, 本月15日: a day of a month counted from the publication date's."""
    day = number(groups, "day")
    if not valid(1, day):
        return None
    offset = int(lexicons.meanings(groups, "relative_month")[-1])
    return Resolved(PartialDate(DatePoint(day=day), month_offset=offset))
