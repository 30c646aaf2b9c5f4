"""Calendar expressions, normalized to ISO; a missing year is written XXXX and filled later
from the publication date or the year the document states.

Two readings need the whole document and are also left for the attribution stage: a bare ROC year
(112年) is a calendar year only in a Taiwanese article, so it is written ROC112; a day of a month
named relative to publication (上月20日) is written XXXX-M-1-20."""

import regex

from extract.extractors import Concept, Resolved, group_text, resolver
from extract.extractors.numbers import parse_number
from extract.lexicon import Lexicons

UNKNOWN_YEAR = "XXXX"
ROC_YEAR = "ROC"  # ROC112: year 112 of the Republic of China era, if the article is Taiwanese
ROC_OFFSET = 1911  # 民国112年 = 2023
MONTH_OFFSET = "M"  # XXXX-M-1-20: the 20th of the month before publication
RELATIVE_MONTH = Concept("relative_month", "a whole number of months after publication's (上月 = -1)",
                         lambda value: type(value) is int)


def number(match: regex.Match, group: str) -> int | None:
    text = group_text(match, group)
    return int(parse_number(text)) if text else None


def year_of(match: regex.Match) -> str:
    roc = number(match, "roc_year")
    if roc is not None:
        return str(roc + ROC_OFFSET) if group_text(match, "roc_era") else f"{ROC_YEAR}{roc}"
    year = number(match, "year")
    if year is None:
        return UNKNOWN_YEAR
    if year < 100:  # 20年 in a date such as 20年3月 -> 2020
        year += 2000
    return f"{year:04d}"


# A date needs a year or a month; every other group is optional.
@resolver("date", "calendar", needs=(("year", "roc_year", "month"),))
def calendar(match: regex.Match, lexicons: Lexicons) -> Resolved | None:
    """Year, year-month, year-month-day, or a range of months (1-3月, 五六月份) or days (1月31日至2月8日)."""
    year = year_of(match)
    month, day = number(match, "month"), number(match, "day")
    if group_text(match, "through"):  # 前7个月: from January
        month = 1
    month_end, day_end = number(match, "month_end"), number(match, "day_end")
    if group_text(match, "year_end"):
        month = 12
    if month is None:
        last = number(match, "year_last")
        if last is not None:  # 2019年至2021年
            return Resolved(f"{year}/{last:04d}") if int(year) < last else None
        return Resolved(year) if year != UNKNOWN_YEAR else None
    if not valid(month, day) or (day_end is None and month_end is not None and day is not None):
        return None
    start = iso(year, month, day)
    if day_end is None and month_end is None:
        return Resolved(start)
    end_month = month if month_end is None else month_end
    if not valid(end_month, day_end) or (end_month, day_end or 0) <= (month, day or 0):
        return None
    return Resolved(f"{start}/{iso(year, end_month, day_end)}")


def valid(month: int, day: int | None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def iso(year: str, month: int, day: int | None) -> str:
    return f"{year}-{month:02d}" if day is None else f"{year}-{month:02d}-{day:02d}"


@resolver("date", "quarter", needs=("quarter",))
def quarter(match: regex.Match, lexicons: Lexicons) -> Resolved | None:
    """一季度 -> Q1; 前三季度 -> Q1/Q3; 一二季度 / 一至三季度 -> a range."""
    year = year_of(match)
    first, last = number(match, "quarter"), number(match, "quarter_end")
    if group_text(match, "through"):  # 前三季度: from the first quarter through the third
        first, last = 1, first
    if first is None or not 1 <= first <= 4 or (last is not None and not first < last <= 4):
        return None
    if last is not None:
        return Resolved(f"{year}-Q{first}/{year}-Q{last}")
    return Resolved(f"{year}-Q{first}")


@resolver("date", "relative_day", needs=("relative_month", "day"), reads={"relative_month": RELATIVE_MONTH})
def relative_day(match: regex.Match, lexicons: Lexicons) -> Resolved | None:
    """上月20日, 本月15日: a day of a month counted from the publication date's."""
    day = number(match, "day")
    if not valid(1, day):
        return None
    return Resolved(f"{UNKNOWN_YEAR}-{MONTH_OFFSET}{lexicons.meanings(match, 'relative_month')[-1]}-{day:02d}")
