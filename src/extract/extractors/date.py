"""Calendar expressions, normalized to ISO; a missing year is written XXXX and filled later
from the publication date or the year the document states."""

import regex

from extract.extractors import Resolved, resolver
from extract.extractors.numbers import parse_number

UNKNOWN_YEAR = "XXXX"


def number(match: regex.Match, group: str) -> int | None:
    text = match[group] if group in match.re.groupindex else None
    return int(parse_number(text)) if text else None


def year_of(match: regex.Match) -> str:
    year = number(match, "year")
    if year is None:
        return UNKNOWN_YEAR
    if year < 100:  # 20年 in a date such as 20年3月 -> 2020
        year += 2000
    return f"{year:04d}"


@resolver("date", "calendar")
def calendar(match: regex.Match) -> Resolved | None:
    """Year, year-month, year-month-day, or a month range (1-3月, 1至4月, 五六月份)."""
    year = year_of(match)
    month, day, month_end = number(match, "month"), number(match, "day"), number(match, "month_end")
    if "year_end" in match.re.groupindex and match["year_end"]:
        month = 12
    if month is None:
        return Resolved(year) if year != UNKNOWN_YEAR else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if month_end is not None:
        if not month < month_end <= 12:
            return None
        return Resolved(f"{year}-{month:02d}/{year}-{month_end:02d}")
    if day is not None:
        return Resolved(f"{year}-{month:02d}-{day:02d}")
    return Resolved(f"{year}-{month:02d}")


@resolver("date", "quarter")
def quarter(match: regex.Match) -> Resolved | None:
    """一季度 -> Q1; 前三季度 -> Q1/Q3; 一二季度 / 一至三季度 -> a range."""
    year = year_of(match)
    first, last = number(match, "quarter"), number(match, "quarter_end")
    if match["through"]:  # 前三季度: from the first quarter through the third
        first, last = 1, first
    if first is None or not 1 <= first <= 4 or (last is not None and not first < last <= 4):
        return None
    if last is not None:
        return Resolved(f"{year}-Q{first}/{year}-Q{last}")
    return Resolved(f"{year}-Q{first}")
