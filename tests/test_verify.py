"""After extraction: impossible dates are dropped, fact texts hold whole character references."""

import datetime
import json

import pytest

from extract.models import Document, Fact
from extract.read import Source
from extract.verify import is_valid_date, verified
from test_cli import extract


@pytest.mark.parametrize(
    "value",
    ["2022", "2022-02", "2022-02-28", "2024-02-29", "XXXX-02-29", "2022-Q1", "2022-01/2022-03", "2022-Q1/2022-Q3"],
)
def test_dates_that_exist(value):
    assert is_valid_date(value)


@pytest.mark.parametrize(
    "value",
    ["2022-02-30", "2022-04-31", "2023-02-29", "XXXX-04-31", "2022-13", "2022-Q5", "2022-01/2022-02-30", "ROC112", ""],
)
def test_dates_that_cannot_exist(value):
    assert not is_valid_date(value)


@pytest.mark.parametrize(
    ("article", "kept", "dropped"),
    [
        (
            "苏州工业园区2022年2月30日签约项目5个。2023年2月29日开工项目3个。2024年2月29日竣工项目2个。",
            ["2024-02-29"],
            2,
        ),
        ("苏州工业园区4月31日复工率达90%。2月29日开工项目3个。", ["XXXX-02-29"], 1),
    ],
)
def test_impossible_dates_are_dropped_with_a_warning(tmp_path, article, kept, dropped):
    (tmp_path / "d.txt").write_text(article + "\n", encoding="utf-8")
    record = json.loads(extract(str(tmp_path / "d.txt"), "-f", "jsonl").stdout)
    assert [f["value"] for f in record["facts"] if f["kind"] == "date"] == kept
    for fact in record["facts"]:
        for date in filter(None, [fact["date"], fact["value"] if fact["kind"] == "date" else None]):
            datetime.date.fromisoformat(date.replace("XXXX", "2000"))
    assert sum("impossible date" in w for w in record["warnings"]) == dropped


def test_an_impossible_publication_date_is_dropped():
    record = Document(doc_id="x", path="x.txt", published="2022-02-30").model_dump(mode="json")
    source = Source("x", "x.txt", "", "", "utf-8")
    checked = verified(record, source)
    assert checked["published"] is None and "impossible publication date" in checked["warnings"][0]


def test_a_fact_never_ends_inside_an_entity(tmp_path):
    page = "<html><body><p>苏州工业园区总投资&nbsp;12&nbsp;亿元，复工率达79.2&#37;。</p></body></html>"
    (tmp_path / "e.html").write_text(page, encoding="utf-8")
    record = json.loads(extract(str(tmp_path / "e.html"), "-f", "jsonl").stdout)
    facts = {f["kind"]: f for f in record["facts"]}
    assert facts["rate"]["text"] == "复工率达79.2&#37;" and facts["rate"]["value"] == 79.2
    assert facts["investment"]["value"] == 1200000000 and facts["investment"]["text"].endswith("亿元")
    for fact in record["facts"]:
        assert page[fact["start"] : fact["end"]] == fact["text"]


def test_odd_spaces_between_number_and_unit_are_read(tmp_path):
    text = "苏州工业园区总投资\u00a012\u00a0亿元，项目总投资\u300030\u3000亿元，总投资\u20095\u2009亿元。\n"
    (tmp_path / "s.txt").write_text(text, encoding="utf-8")
    record = json.loads(extract(str(tmp_path / "s.txt"), "-f", "jsonl").stdout)
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "investment"]
    assert amounts == [1200000000, 3000000000, 500000000]


def test_a_fact_on_an_entity_is_widened_to_the_whole_reference():
    text = "a&#37;b"
    fact = Fact(kind="rate", value=1, text="a&", start=0, end=2, rule="r")
    record = Document(doc_id="x", path="x.html", facts=[fact]).model_dump(mode="json")
    [checked] = verified(record, Source("x", "x.html", text, text, "utf-8", html=True))["facts"]
    assert (checked["start"], checked["end"], checked["text"]) == (0, 6, "a&#37;")
