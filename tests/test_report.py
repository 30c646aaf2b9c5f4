"""The HTML review page: every fact highlighted once at its offsets, text escaped, page self-contained.

`sample_items()` and `parse_page()` are shared with test_report_browser.py.
"""

import json
from html.parser import HTMLParser
from pathlib import Path

import typer
from typer.testing import CliRunner

from extract.report import render_report, report_command

VOID_ELEMENTS = {"meta", "br", "input", "link", "img", "hr"}


def fact(source: str, text: str, kind: str, value, nth: int = 0, **fields) -> dict:
    """A contract fact whose offsets are those of the nth occurrence of `text` in `source`."""
    start = -1
    for _ in range(nth + 1):
        start = source.index(text, start + 1)
    record = {
        "kind": kind,
        "value": value,
        "unit": None,
        "qualifier": "exact",
        "metric": None,
        "park": None,
        "date": None,
        "text": text,
        "start": start,
        "end": start + len(text),
        "rule": f"{kind}.test",
    }
    record.update(fields)
    return record


def document(doc_id: str, text: str, facts: list[dict], **fields) -> dict:
    return {
        "doc_id": doc_id,
        "path": f"seeds/{doc_id}.txt",
        "title": text.splitlines()[0],
        "published": None,
        "source": None,
        "script": "simplified",
        "facts": facts,
        "warnings": [],
        **fields,
    }


WUXI = (
    "无锡高新区:规上工业企业复工率达99%\n"
    "2020-03-09 10:20 来源:新华日报\n"
    "截至3月8日,无锡高新区规上工业企业复工率达99%,员工返岗率85.6%。\n"
    "当天,无锡高新区集中签约项目62个,总投资约1640亿元,其中外资项目到账外资3.2亿美元。\n"
)
HEFEI = (
    "创新服务举措,合肥高新区防疫和发展两手抓\n"
    "1-3月,合肥高新区新签约项目70余个,协议投资额385.7亿元;合肥经开区产能恢复至90%以上。\n"
)


def sample_items() -> list[tuple[dict, str]]:
    """Two documents with nested facts (a park name inside a project count), two parks and a warning."""
    wuxi = "无锡高新区"
    wuxi_facts = [
        fact(WUXI, wuxi, "park", wuxi, metric="subject", park=wuxi),
        fact(WUXI, "复工率达99%", "rate", 99.0, unit="%", metric="复工率", park=wuxi),
        fact(WUXI, "2020-03-09", "date", "2020-03-09"),
        fact(WUXI, "截至3月8日", "date", "2020-03-08"),
        fact(WUXI, wuxi, "park", wuxi, nth=1, metric="subject", park=wuxi),
        fact(WUXI, "复工率达99%", "rate", 99.0, nth=1, unit="%", metric="复工率", park=wuxi, date="2020-03-08"),
        fact(WUXI, "返岗率85.6%", "rate", 85.6, unit="%", metric="返岗率", park=wuxi, date="2020-03-08"),
        fact(WUXI, "无锡高新区集中签约项目62个", "project_count", 62, metric="签约", park=wuxi),
        fact(WUXI, wuxi, "park", wuxi, nth=2, metric="subject", park=wuxi),
        fact(
            WUXI,
            "总投资约1640亿元",
            "investment",
            164000000000,
            unit="CNY",
            qualifier="approx",
            metric="总投资",
            park=wuxi,
        ),
        fact(WUXI, "到账外资3.2亿美元", "investment", 320000000, unit="USD", metric="到账外资", park=wuxi),
    ]
    hefei, jingkai = "合肥高新区", "合肥经开区"
    hefei_facts = [
        fact(HEFEI, hefei, "park", hefei, metric="subject", park=hefei),
        fact(HEFEI, "1-3月", "date", "2020-01/2020-03"),
        fact(HEFEI, hefei, "park", hefei, nth=1, metric="subject", park=hefei),
        fact(
            HEFEI,
            "签约项目70余个",
            "project_count",
            70,
            qualifier="more_than",
            metric="签约",
            park=hefei,
            date="2020-01/2020-03",
        ),
        fact(
            HEFEI,
            "协议投资额385.7亿元",
            "investment",
            38570000000,
            unit="CNY",
            metric="协议投资额",
            park=hefei,
            date="2020-01/2020-03",
        ),
        fact(HEFEI, jingkai, "park", jingkai, metric="mention", park=jingkai),
        fact(HEFEI, "产能恢复至90%以上", "rate", 90.0, unit="%", qualifier="at_least", metric="产能恢复", park=jingkai),
    ]
    return [
        (document("wuxi", WUXI, wuxi_facts, published="2020-03-09", source="新华日报"), WUXI),
        (document("hefei", HEFEI, hefei_facts, warnings=["garbled text skipped at 3-5: '锟斤'"]), HEFEI),
    ]


class Element:
    def __init__(self, tag: str, attrs: dict, parent: "Element | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, predicate) -> list["Element"]:
        return [element for element in self.iter() if predicate(element)]


class PageParser(HTMLParser):
    """A small DOM from the standard library's parser; it fails on tags that do not close in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_endtag(self, tag):
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_page(html: str) -> Element:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    assert parser.current is parser.root, f"<{parser.current.tag}> never closed"
    return parser.root


def fact_data(page: Element) -> dict[str, dict]:
    [island] = page.find_all(lambda e: e.attrs.get("id") == "fact-data")
    return json.loads(island.text())


def fact_marks(page: Element) -> list[Element]:
    return page.find_all(lambda e: e.tag == "mark" and "data-fact-id" in e.attrs)


def test_every_fact_is_highlighted_once_and_the_text_is_intact():
    items = sample_items()
    page = parse_page(render_report(items))
    marks = fact_marks(page)
    assert len(marks) == sum(len(record["facts"]) for record, _ in items)
    assert len({mark.attrs["data-fact-id"] for mark in marks}) == len(marks)
    texts = page.find_all(lambda e: "text" in e.classes)
    assert [element.text() for element in texts] == [source for _, source in items]


def test_a_park_inside_a_project_count_is_nested_in_its_mark():
    page = parse_page(render_report(sample_items()))
    [count] = [m for m in fact_marks(page) if m.text() == "无锡高新区集中签约项目62个"]
    assert "k-project_count" in count.classes
    inner = count.find_all(lambda e: e is not count and e.tag == "mark")
    assert [(m.text(), "k-park" in m.classes) for m in inner] == [("无锡高新区", True)]


def test_crossing_facts_are_split_into_parts_that_close_in_order():
    source = "合肥高新区新签约项目70余个"
    facts = [
        fact(source, "合肥高新区新签约", "park", "合肥高新区"),
        fact(source, "新签约项目70余个", "project_count", 70, qualifier="more_than"),
    ]
    page = parse_page(render_report([(document("cross", source, facts), source)]))
    assert len(fact_marks(page)) == 2
    parts = page.find_all(lambda e: e.tag == "mark" and "data-fact-part" in e.attrs)
    [count_id] = [m.attrs["data-fact-id"] for m in fact_marks(page) if "k-project_count" in m.classes]
    assert [p.attrs["data-fact-part"] for p in parts] == [count_id]
    pieces = [m.text() for m in page.find_all(lambda e: e.tag == "mark")]
    assert pieces == ["合肥高新区新签约", "新签约", "项目70余个"]


def test_all_text_is_escaped():
    source = '<script>alert("x")</script>\n合肥高新区 & <b>园区</b>\n'
    facts = [fact(source, "合肥高新区 & <b>", "park", "<b>", park="</script><script>alert(1)</script>")]
    record = document("esc", source, facts, title="<i>标题</i>", warnings=["<img src=x onerror=alert(1)>"])
    html = render_report([(record, source)])
    page = parse_page(html)
    assert [e.tag for e in page.iter() if e.tag in ("b", "i", "img")] == []
    assert len(page.find_all(lambda e: e.tag == "script")) == 2  # the fact data and the page's own script
    assert fact_data(page)[fact_marks(page)[0].attrs["data-fact-id"]]["park"] == facts[0]["park"]
    assert page.find_all(lambda e: "text" in e.classes)[0].text() == source


def test_facts_whose_offsets_miss_the_text_are_still_shown_and_counted():
    source = "合肥高新区"
    outside = {**fact(source, source, "park", source), "start": 40, "end": 45}
    elsewhere = {**fact(source, source, "park", source), "text": "无锡高新区"}
    page = parse_page(render_report([(document("off", source, [outside, elsewhere]), source)]))
    marks = fact_marks(page)
    assert len(marks) == 2
    assert [sorted(m.classes & {"unplaced", "mismatch"}) for m in marks] == [["mismatch"], ["unplaced"]]


def test_filters_table_totals_and_warnings():
    items = sample_items()
    page = parse_page(render_report(items))
    park_options = [
        o.attrs["value"]
        for o in page.find_all(lambda e: e.tag == "option")
        if o.parent.attrs.get("id") == "park-filter"
    ]
    assert park_options == ["", "合肥经开区", "合肥高新区", "无锡高新区", "-"]
    rows = page.find_all(lambda e: e.tag == "tr" and "data-fact-ref" in e.attrs)
    assert len(rows) == sum(len(record["facts"]) for record, _ in items)
    totals = {
        row.find_all(lambda e: e.tag == "th")[0].text(): row.find_all(lambda e: e.tag == "td")[-1].text()
        for row in page.find_all(
            lambda e: e.tag == "tr" and e.parent.tag == "tbody" and e.parent.parent.attrs.get("class") == "totals"
        )
    }
    assert totals["无锡高新区"] == "1640亿 CNY3.2亿 USD"  # one line per currency
    assert totals["合肥高新区"] == "385.7亿 CNY"
    warnings = page.find_all(lambda e: "warnings" in e.classes)
    assert [w.text() for w in warnings] == ["garbled text skipped at 3-5: '锟斤'"]


def test_the_page_is_self_contained_and_deterministic():
    html = render_report(sample_items())
    assert html == render_report(sample_items())
    page = parse_page(html)
    for element in page.iter():
        for name in ("src", "href", "action"):
            assert not (element.attrs.get(name) or "#").split("#")[0], f"<{element.tag} {name}=...> leaves the page"
    assert "http" not in html.lower().replace("http-equiv", "")
    assert "<link" not in html and "@import" not in html and "url(" not in html


def test_an_empty_report_renders():
    page = parse_page(render_report([]))
    assert fact_marks(page) == [] and fact_data(page) == {}


def test_report_command_writes_the_page_of_the_seeds(tmp_path):
    app = typer.Typer()
    app.command("report")(report_command)
    app.command("other")(lambda: None)  # with two commands, "report" is a subcommand as in the real CLI
    output = tmp_path / "report.html"
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    result = CliRunner().invoke(app, ["report", str(seeds), "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    page = parse_page(output.read_text(encoding="utf-8"))
    assert len(fact_marks(page)) == len(fact_data(page)) > 0
    assert not page.find_all(lambda e: e.classes & {"mismatch", "unplaced"})
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left behind


def test_failed_documents_are_listed_with_their_error(tmp_path):
    from test_cli import ARTICLE, extract

    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    page_path = tmp_path / "out" / "report.html"
    page_path.parent.mkdir()
    result = extract("report", str(tmp_path), "-o", str(page_path))
    assert result.returncode == 1
    html = page_path.read_text(encoding="utf-8")
    assert "Failed documents" in html and "gone.txt: cannot read" in html
    assert "1 failed" in html


def test_an_html_input_is_shown_as_its_text(tmp_path):
    from test_cli import extract

    page = (
        "<html><head><script>var secret = '总投资9亿元';</script><style>p{color:red}</style></head>"
        "<body><p>苏州工业园区一季度新签约项目<b>30</b>个,总投资约50亿元。</p></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    out = extract("report", str(tmp_path / "page.html"), "-o", "-").stdout.decode()
    text = out[out.index('<div class="text">') : out.index("</div>", out.index('<div class="text">'))]
    assert "secret" not in text and "&lt;" not in text and "color:red" not in text
    assert "苏州工业园区" in text and "30" in text


def test_name_variants_of_one_park_are_one_row_of_the_totals():
    source = "长沙岳麓高新区签约项目5个。岳麓高新区签约项目3个。"
    facts = [
        fact(source, "长沙岳麓高新区", "park", "长沙岳麓高新区", park="长沙岳麓高新区"),
        fact(source, "签约项目5个", "project_count", 5, park="长沙岳麓高新区"),
        fact(source, "岳麓高新区", "park", "岳麓高新区", nth=1, park="岳麓高新区"),
        fact(source, "签约项目3个", "project_count", 3, park="岳麓高新区"),
    ]
    html = render_report([(document("v", source, facts), source)])
    totals = html[html.index('<table class="totals">') : html.index("</table>", html.index('<table class="totals">'))]
    assert totals.count('<tr><th scope="row">') == 1
    assert '<td class="num">2</td><td class="num"></td><td class="num">2</td>' in totals


def test_the_fact_table_wraps_instead_of_scrolling_sideways():
    html = render_report(sample_items())
    css = html[html.index("<style>") : html.index("</style>")]
    assert "#fact-table td" in css and "overflow-wrap: anywhere" in css and "overflow-x: hidden" in css


def test_page_size_grows_linearly_with_the_documents():
    def corpus(copies: int) -> list[tuple[dict, str]]:
        return [
            ({**json.loads(json.dumps(record)), "doc_id": f"{record['doc_id']}-{n}"}, source)
            for n in range(copies)
            for record, source in sample_items()
        ]

    one, four = len(render_report(corpus(25))), len(render_report(corpus(100)))
    assert four < 4.2 * one
