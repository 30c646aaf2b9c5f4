"""A fuzz target that stays: random mixes of what scraped Chinese pages contain, as text and as HTML,
and random bytes through decoding. No exception, offsets that point at their text, values that
validate, dates that exist. `make test` runs a quick pass; `make fuzz` runs 20,000 cases
(FUZZ_EXAMPLES sets the count)."""

import datetime
import json
import os

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from extract.clock import Clock
from extract.errors import InputError
from extract.models import Document
from extract.pipeline import Pipeline, extract_document
from extract.read import Input, Source, decode, source_from_bytes
from extract.ruleset import load_rules
from extract.verify import is_valid_date

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
PIPELINE = Pipeline(load_rules())

PIECES = [
    # parks, measure words, rate and amount words, simplified and traditional
    "苏州工业园区",
    "合肥高新区",
    "長沙岳麓高新區",
    "經開區",
    "产业园",
    "示范区",
    "新区",
    "项目",
    "個",
    "个",
    "家",
    "签约",
    "开工",
    "复工率",
    "復工率",
    "总投资",
    "總投資",
    "协议投资额",
    "到账外资",
    "达到",
    "约",
    "超过",
    "以上",
    # numbers, units, dates, full-width forms
    "12",
    "385.7",
    "0",
    "9" * 30,
    "一",
    "十二",
    "三百",
    "两",
    "亿元",
    "万元",
    "億元",
    "美元",
    "%",
    "％",
    "成",
    "１２",
    "２０２２",
    "年",
    "月",
    "日",
    "季度",
    "一季度",
    "1-3月",
    "2022年",
    "2月30日",
    "2月29日",
    "4月31日",
    "截至",
    "前三季度",
    "上月",
    "民國111年",
    # pinyin annotations, brackets and punctuation
    "區(qū)",
    "項(xiàng)",
    "(南通)",
    "（",
    "）",
    "【",
    "】",
    "，",
    "。",
    "、",
    ":",
    "：",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    # the odd characters of real pages
    "\x00",
    "\ufffd",
    "\u00a0",
    "\u3000",
    "\u2009",
    "?",
    "?!懊刻於加?000",
    "\ufeff",
]
HTML_PIECES = [
    "<p>",
    "</p>",
    "<br>",
    "<b>",
    "</b>",
    "&nbsp;",
    "&#37;",
    "&amp;",
    "&lt;",
    "&#x4e2d;",
    "<!-- x -->",
    "<script>var a='总投资9亿元';</script>",
    "<meta charset=gbk>",
    "<title>",
    "</title>",
    "&bogus;",
    "&#",
]

pieces = st.sampled_from(PIECES)
text_documents = st.lists(st.one_of(pieces, pieces, st.text(max_size=4)), max_size=60).map("".join)
html_documents = st.lists(st.one_of(pieces, st.sampled_from(HTML_PIECES), st.text(max_size=3)), max_size=60).map(
    lambda parts: "<html><body>" + "".join(parts) + "</body></html>"
)
codecs = st.sampled_from(["utf-8", "gb18030", "big5hkscs", "utf-16", "utf-8-sig"])


def check(record: dict, text: str) -> None:
    json.dumps(record)
    document = Document.model_validate(record)
    assert document.model_dump(mode="json") == record  # the record is the model's, as it writes it
    for fact in document.facts:
        assert text[fact.start : fact.end] == fact.text, fact
        assert fact.start < fact.end
        for date in filter(None, [fact.date, fact.value if fact.kind == "date" else None]):
            assert is_valid_date(str(date)), fact
            for point in str(date).split("/"):
                if len(point) == 10:
                    datetime.date.fromisoformat(point.replace("XXXX", "2000"))
    if document.published:
        assert is_valid_date(document.published)


def readable(data: bytes, path: str, doc_id: str = "fuzz") -> Source | None:
    """The bytes read as a source, or None when reading refuses them as binary (a result, not a crash)."""
    try:
        return source_from_bytes(data, Input(path, doc_id))
    except InputError:
        return None


def run(data: bytes, name: str) -> None:
    source = readable(data, name)
    if source is not None:
        check(extract_document(PIPELINE, source), source.text)


@FUZZ
@given(text=text_documents, codec=codecs)
def test_random_text_documents(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    run(data, "fuzz.txt")


@FUZZ
@given(page=html_documents)
def test_random_html_documents(page):
    run(page.encode("utf-8"), "fuzz.html")


@FUZZ
@given(data=st.binary(max_size=3000), is_html=st.booleans())
def test_random_bytes_decode_or_are_refused(data, is_html):
    try:
        text, _, warnings = decode(data, None, "fuzz.bin", is_html)
    except InputError as error:
        assert "fuzz.bin" in str(error)
        return
    assert "\x00" not in text and all(isinstance(w, str) for w in warnings)


@FUZZ
@given(texts=st.lists(text_documents, min_size=2, max_size=8))
@example(texts=["\x08" * 20, "苏州工业园区签约10个项目", "总投资5亿元"])  # the first is binary: it has no record to compare
def test_random_articles_extracted_together_get_what_each_gets_alone(texts):
    sources = [source for n, text in enumerate(texts) if (source := readable(text.encode("utf-8"), f"{n}.txt", str(n)))]
    assume(len(sources) >= 2)
    together = PIPELINE.process_together(sources, [Clock() for _ in sources])
    assert together == [PIPELINE.record(source) for source in sources]
