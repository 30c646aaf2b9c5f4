"""Resolvers hand over typed partial values; complete.py finishes them once per document and writes
dates as ISO text. Nothing is parsed back out of a value."""

import pytest

from extract.complete import TAIWAN_DOCUMENT, complete, iso
from extract.extractors import Resolved
from extract.extractors.partial import DatePoint, LocalCurrency, PartialDate
from extract.match import find_candidates, keep_best
from extract.normalize import normalize
from extract.ruleset import load_rules

RULES = load_rules()


def candidates(text: str):
    return keep_best(find_candidates(list(RULES), normalize(text).text, RULES.signals))


def resolved(text: str, kind: str) -> list[Resolved]:
    return [c.resolved for c in candidates(text) if c.kind == kind]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("4月25日", PartialDate(DatePoint(4, 25))),
        ("上月20日", PartialDate(DatePoint(day=20), month_offset=-1)),
        ("112年1至6月", PartialDate(DatePoint(1), DatePoint(6), roc_year=112)),
        ("民国111年", PartialDate(DatePoint(), year=2022)),
        ("前三季度", PartialDate(DatePoint(quarter=1), DatePoint(quarter=3))),
        ("2019年至2021年", PartialDate(DatePoint(), year=2019, last_year=2021)),
    ],
    ids=["no-year", "relative-month", "bare-roc-year", "minguo-year", "quarters", "years"],
)
def test_dates_leave_their_resolver_typed(text, date):
    assert resolved(text, "date") == [Resolved(date)]


def test_a_plain_yuan_leaves_its_resolver_as_the_local_currency():
    [amount] = resolved("总投资30亿元", "investment")
    assert amount.unit == LocalCurrency()


@pytest.mark.parametrize(
    ("date", "written"),
    [
        (PartialDate(DatePoint(4, 25)), "XXXX-04-25"),
        (PartialDate(DatePoint(4, 25), year=2022), "2022-04-25"),
        (PartialDate(DatePoint(1), DatePoint(3), year=2022), "2022-01/2022-03"),
        (PartialDate(DatePoint(1, 31), DatePoint(2, 8), year=2021), "2021-01-31/2021-02-08"),
        (PartialDate(DatePoint(quarter=1), DatePoint(quarter=3)), "XXXX-Q1/XXXX-Q3"),
        (PartialDate(DatePoint(), year=2017), "2017"),
        (PartialDate(DatePoint(), year=2019, last_year=2021), "2019/2021"),
    ],
)
def test_dates_are_written_in_iso(date, written):
    assert iso(date) == written


@pytest.mark.parametrize(
    ("text", "published", "values"),
    [
        ("上月20日签约,4月25日开工。", "2022-03-15", ["2022-02-20", "2022-04-25"]),
        ("上月20日签约,4月25日开工。", None, ["XXXX-04-25"]),
        ("2021年园区成立,4月25日开工。", None, ["2021", "2021-04-25"]),
        ("經濟部統計,112年1至6月投資增加。", None, ["2023-01/2023-06"]),
        ("这家企业建厂110年1至6月订单稳定。", None, []),
    ],
    ids=["from-publication", "relative-month-without-publication", "stated-year", "taiwanese", "not-taiwanese"],
)
def test_completion_supplies_what_the_document_tells(text, published, values):
    done = complete(candidates(text), normalize(text).text, published, RULES.signals)
    assert [c.resolved.value for c in done if c.kind == "date"] == values


@pytest.mark.parametrize(
    ("text", "unit"), [("行政院核定,經濟部推動,投資30億元。", "TWD"), ("园区总投资30亿元。", "CNY")]
)
def test_completion_decides_the_local_currency(text, unit):
    done = complete(candidates(text), normalize(text).text, None, RULES.signals)
    [amount] = [c.resolved for c in done if c.kind == "investment"]
    assert amount.unit == unit


def test_a_range_of_years_from_a_bare_roc_year_is_no_range():
    """110年至2021年: whether 110 is 2021 only the document tells, so no range is read (it used to crash)."""
    assert all(r.value.last_year is None for r in resolved("經濟部統計,110年至2021年", "date"))


class Unasked:
    def holds(self, text: str) -> bool:
        raise AssertionError("the document was searched for the signal")


def test_documents_without_plain_yuan_or_bare_roc_years_are_not_searched_for_taiwan():
    text = "4月25日开工,总投资30亿美元。"
    done = complete(candidates(text), normalize(text).text, None, {TAIWAN_DOCUMENT: Unasked()})
    assert [c.resolved.value for c in done if c.kind == "date"] == ["XXXX-04-25"]


def test_a_document_is_searched_for_taiwan_once():
    class Counted:
        searches = 0

        def holds(self, text: str) -> bool:
            Counted.searches += 1
            return RULES.signals[TAIWAN_DOCUMENT].holds(text)

    text = "經濟部統計,112年1至6月投資30億元。"
    done = complete(candidates(text), normalize(text).text, None, {TAIWAN_DOCUMENT: Counted()})
    assert [c.resolved.unit for c in done if c.kind == "investment"] == ["TWD"]
    assert Counted.searches == 1
