"""Values a resolver cannot finish from its match alone: what only the whole document tells (the year
of 4月25日, whether 112年 is an ROC year, the month of 上月20日, the currency of a plain 元) is left open,
typed, for complete.py to supply once per document."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DatePoint:
    """One end of a date within its year: a month (with a day), or a quarter; neither for a whole year."""

    month: int | None = None
    day: int | None = None
    quarter: int | None = None


@dataclass(frozen=True)
class PartialDate:
    first: DatePoint
    last: DatePoint | None = None  # the end of a range within the same year: 1-3月, 1月31日至2月8日
    year: int | None = None  # None: the text states none, the document supplies it
    last_year: int | None = None  # the end of a range of years: 2019年至2021年
    roc_year: int | None = None  # a bare ROC-era year (112年): year 2023 only in a Taiwanese article
    month_offset: int | None = None  # the month counted from publication's (上月20日: -1), for first.month


@dataclass(frozen=True)
class LocalCurrency:
    """The currency of a plain 元: CNY, or TWD in a Taiwanese article."""


@dataclass(frozen=True)
class BareZone:
    """A zone word without a name (开发区, 高新区): the park of the place governing its section, when the
    section reports on one; attribution resolves it or drops it."""

    word: str
