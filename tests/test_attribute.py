"""Stage 5: sections and their subject parks, each fact's park and date, years and the local currency."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.links import StartsBefore, after_line_break, after_sentence_break
from extract.park_names import ParkNames
from extract.pipeline import Pipeline
from extract.read import Source
from extract.ruleset import load_rules

RULES = load_rules()
PIPELINE = Pipeline(RULES)
NAMES = ParkNames(RULES.cues)


def facts_of(text: str, published: str | None = None):
    return PIPELINE.process(Source("t", "t", text, text, "utf-8"), reference_date=published).facts


def subjects(text: str) -> list[str]:
    return sorted({f.value for f in facts_of(text) if f.kind == "park" and f.metric == "subject"})


def fact(text: str, kind: str, published: str | None = None):
    return next(f for f in facts_of(text, published) if f.kind == kind)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("长沙岳麓高新区", "岳麓高新区", True),
        ("宁波石化经济技术开发区", "宁波石化经开区", True),
        ("苏州工业园区", "苏州工业园", True),
        ("合肥高新区", "合肥经开区", False),
        ("昆山高新区", "南通高新区", False),
    ],
)
def test_same_park(a, b, same):
    assert NAMES.same(a, b) is same


def test_official_and_short_forms_share_a_key():
    assert NAMES.key("西安高新技术产业开发区") == NAMES.key("西安高新区")


@pytest.mark.parametrize(
    ("short", "full", "shortens"),
    [
        ("楠梓园区", "楠梓科技产业园区", True),
        ("前海合作区", "深圳前海深港现代服务业合作区", True),
        ("张江园区", "张江高科技园", True),
        ("长春新区", "长春高新区", False),
        ("临港片区", "上海临港新片区", False),
    ],
)
def test_short_forms_keep_their_zone_word(short, full, shortens):
    assert NAMES.is_short_form(short, full) is shortens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("合肥高新区防疫和发展两手抓\n合肥高新区签约项目70余个,并与合肥经开区开展合作。", ["合肥高新区"]),
        (
            "国家级新区综述\n今年以来各新区加快发展。其中,南京江北新区新签约项目649个;天津滨海新区、福州新区分别与企业签约。",
            ["南京江北新区", "天津滨海新区", "福州新区"],
        ),
        (
            "连云港高新区复工忙\n连云港高新区推进建设,海州工业园安置小区、邻里中心等项目加快开展前期工作。",
            ["连云港高新区"],
        ),
        (
            "园区如何应对疫情\n研究院第一时间与苏州工业园区、广州开发区、天津开发区等研究基地取得联系。",
            ["天津开发区", "广州开发区", "苏州工业园区"],
        ),
        (
            "长春新区复工忙\n长春新区推进复工。长春新区范围内的长春高新区、长德新区、空港经济开发区同步推进。",
            ["长春新区"],
        ),
        (
            "长沙片区招商忙\n湖南自贸试验区长沙片区涵盖长沙经开区、长沙高新区、长沙黄花综保区。",
            ["湖南自贸试验区长沙片区", "长沙片区"],
        ),
        ("园区新闻\n项目位于蓝田开发区,龙文区科技产业园新开工项目12个。", ["龙文区科技产业园"]),
        (
            "标题一行\n\n\n昆山高新区项目开工\n本报讯 昆山高新区开工项目9个。\n\n\n南通高新区企业复工\n(记者 张三)南通高新区复工率达95%。",
            ["南通高新区", "昆山高新区"],
        ),
        ("海门开发区招商忙\n海门区委召开会议。开发区签约项目5个,开发区开工项目3个。", ["海门开发区"]),
        (
            "URL: https://example.cn/a.html\n常州经开区再签12个项目\n2023-05-06 来源:常州日报\n记者从武进高新区获悉,常州经开区签约项目12个。",
            ["常州经开区"],
        ),
        (
            "今日快讯\n2023-05-06 来源:某某日报 记者 张三 李四 王五\n记者获悉,滁州经开区签约项目12个,总投资30亿元。",
            ["滁州经开区"],
        ),
        (
            "园区周报\n【常州经开区:签约12个项目】\n常州经开区签约项目12个。\n【滁州经开区:中欧产业园项目签约】\n滁州经开区签约项目3个。",
            ["常州经开区", "滁州经开区"],
        ),
        (
            "全省开发区运行综述\n今年以来,全省开发区稳中有进。\n常州经开区:签约项目12个,总投资30亿元。\n滁州经开区:开工项目5个,总投资8亿元。",
            ["常州经开区", "滁州经开区"],
        ),
        (
            "企业 复工 提速\n2023年5月6日 星期六 某某日报记者 张三\n记者 从滁州经开区获悉 当天 签约项目 12 个 总投资 30亿元",
            ["滁州经开区"],
        ),
    ],
    ids=[
        "title-park",
        "roundup-parks-opening-clauses",
        "park-naming-projects-is-not-subject",
        "an-enumeration-is-reported-on",
        "parts-listed-are-not",
        "parts-covered-are-not",
        "location-is-not-subject",
        "one-subject-per-section",
        "bare-zone-and-governing-place",
        "title-after-a-url-line",
        "lead-is-prose-not-the-dateline",
        "bracketed-sections-and-project-names",
        "roundup-paragraphs-led-by-park-names",
        "unpunctuated-lead-after-a-spaced-dateline",
    ],
)
def test_subject_parks(text, expected):
    assert subjects(text) == expected


def test_each_section_keeps_its_own_facts():
    text = (
        "标题一行\n\n\n昆山高新区项目开工\n本报讯 昆山高新区开工项目9个。\n\n\n"
        "南通高新区企业复工\n(记者 张三)南通高新区复工率达95%。"
    )
    parks = {f.kind: f.park for f in facts_of(text) if f.kind in ("project_count", "rate")}
    assert parks == {"project_count": "昆山高新区", "rate": "南通高新区"}


@pytest.mark.parametrize(
    ("text", "kind", "park"),
    [
        ("宁波石化经济技术开发区(宁波石化区)今年签约项目20个。", "project_count", "宁波石化区"),
        ("苏州工业园区今年签约项目20个。", "project_count", "苏州工业园区"),
        (
            "成都高新区招商忙\n在天府软件园举行的项目集中签约活动上,成都高新区签约项目12个,总投资85亿元。",
            "investment",
            "成都高新区",
        ),
        (
            "长沙片区招商忙\n湖南自贸试验区长沙片区涵盖长沙经开区、长沙高新区等区域,累计引进项目132个。",
            "project_count",
            "湖南自贸试验区长沙片区",
        ),
        (
            "江西省开发区专项资金下达\n  一、南昌经济技术开发区,支持项目3个;\n  二、赣州经济技术开发区,支持项目2个。",
            "project_count",
            "南昌经济技术开发区",
        ),
        ("无锡高新区大力招商。总投资150亿元的项目在苏州工业园开工。", "investment", "无锡高新区"),
        ("无锡高新区大力招商。苏州工业园的项目总投资150亿元。", "investment", "苏州工业园"),
        (
            "驻马店开发区签约项目10个。其中10亿元以上项目4个。拟入驻某某农产品加工产业园8个。",
            "project_count",
            "驻马店开发区",
        ),
        ("全市签约项目20个,总投资100亿元。", "investment", None),
        ("合肥高新区招商忙\n合肥高新区与外商签约,共同建设中欧产业园,项目总投资20亿元。", "investment", "合肥高新区"),
        ("芯城产业园招商忙\n合肥高新区芯城产业园签约项目12个。", "project_count", "芯城产业园"),
        (
            "昆山综保区复工忙\n昆山综保区复工率90%。\n同日,昆山开发区召开会议。截至目前,开发区签约项目8个。",
            "project_count",
            "昆山开发区",
        ),
        ("西咸新区招商忙\n在沣东产业园区,一家企业投资5亿元。园区今年签约项目15个。", "project_count", "西咸新区"),
        ("张江高科技园区招商忙\n张江高科技园区大力招商。张江园区今年签约项目15个。", "project_count", "张江高科技园区"),
        ("南沙合作区招商忙\n广州南沙粤港深度合作区管委会称,今年签约项目15个。", "project_count", "南沙合作区"),
        (
            "株洲高新区招商忙\n株洲高新区大力招商。同日,栗雨工业园、河西科技园分别举行签约,共签约项目6个。",
            "project_count",
            "株洲高新区",
        ),
        (
            "全省开发区运行综述\n今年以来,全省开发区稳中有进。\n常州经开区:签约项目12个,总投资30亿元。\n滁州经开区:开工项目5个,总投资8亿元。",
            "investment",
            "常州经开区",
        ),
    ],
    ids=[
        "short-name-in-brackets",
        "subject",
        "an-event-venue-takes-nothing",
        "parts-covered-take-nothing",
        "numbered-items-open-clauses",
        "location-park-does-not-take-it",
        "park-named-in-the-sentence",
        "first-count",
        "no-park",
        "a-park-being-built-is-a-project",
        "nested-subject-takes-it",
        "bare-zone-word-names-the-park-again",
        "bare-yuanqu-is-any-park",
        "short-form-reported-as-the-subject",
        "long-form-reported-as-the-subject",
        "parks-named-together-share-the-fact",
        "roundup-paragraph-keeps-its-park",
    ],
)
def test_fact_park(text, kind, park):
    assert fact(text, kind).park == park


def test_a_park_named_inside_the_fact_takes_it():
    text = "驻马店开发区签约项目10个。其中10亿元以上项目4个。拟入驻某某农产品加工产业园8个。"
    eight = next(f for f in facts_of(text) if f.kind == "project_count" and f.value == 8)
    assert eight.park == "某某农产品加工产业园"


@pytest.mark.parametrize(
    ("text", "kind", "date"),
    [
        ("截至2月18日,长沙岳麓高新区复工率100%。", "rate", "2020-02-18"),
        ("1-3月,合肥高新区签约项目70余个。", "project_count", "2020-01/2020-03"),
        ("合肥高新区签约项目70余个。3月份起园区加快建设。", "project_count", None),
        ("2019年,园区完成投资20亿元。", "investment", "2019"),
    ],
)
def test_fact_date_is_the_last_date_before_it_in_its_sentence(text, kind, date):
    assert fact(text, kind, published="2020-04-01").date == date


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("4月25日,园区项目开工。", "2022-05-01", "2022-04-25"),
        ("2021年园区成立。4月25日,园区项目开工。", None, "2021-04-25"),
        ("4月25日,园区项目开工。", None, "XXXX-04-25"),
        ("1-3月,园区签约项目。", None, "XXXX-01/XXXX-03"),
    ],
    ids=["from-published", "from-stated-year", "unknown", "unknown-range"],
)
def test_year_filling(text, published, value):
    dates = [f.value for f in facts_of(text, published) if f.kind == "date"]
    assert value in dates


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("經濟部產業園區管理局表示,配合行政院延長實施至一一七年,首波投入近二十億元。", "TWD"),
        ("彰化縣政府積極招商,於9月30日獲經濟部審查通過,計畫投資30億元。", "TWD"),
        ("民國一一三年,新竹縣科學園區擴建,總投資50億元。", "TWD"),
        ("漳州台商投资区推进台湾工业园建设,总投资10亿元。", "CNY"),
        ("衡阳台湾工业园吸引台湾新竹企业入驻,总投资10亿元。", "CNY"),
        ("昆山开发区引进台资项目,建厂110年的老企业总投资3亿元。", "CNY"),
        ("苏州工业园区总投资10亿元。", "CNY"),
    ],
    ids=[
        "roc-year-and-organs",
        "county-and-ministry",
        "minguo-year-and-county",
        "taishang-zone",
        "taiwan-park-and-city",
        "century-old-firm",
        "mainland",
    ],
)
def test_plain_yuan_takes_the_documents_currency(text, currency):
    assert fact(text, "investment").unit == currency


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("行政院核定,經濟部推動,投資50億美元。", "USD"),
        ("行政院核定,經濟部推動,預計投資美金50億元。", "USD"),
        ("台湾新竹企业投资10亿元人民币。", "CNY"),
        ("行政院核定,經濟部推動,總投資新台幣1,500億元。", "TWD"),
    ],
)
def test_a_stated_currency_is_kept(text, currency):
    assert fact(text, "investment").unit == currency


def test_respective_values_go_to_the_listed_parks_in_order():
    text = "全市开发区运行通报\n截至目前,南湖高新区、秀洲工业园区开工率分别为95%、88.5%。"
    parks = {float(f.value): f.park for f in facts_of(text) if f.kind == "rate"}
    assert parks == {95.0: "南湖高新区", 88.5: "秀洲工业园区"}


def test_respective_values_that_do_not_pair_up_are_left_alone():
    text = "全市开发区运行通报\n南湖高新区、秀洲工业园区复工率分别为95%、88%、91%。"
    assert len({f.park for f in facts_of(text) if f.kind == "rate"}) == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("經濟部統計,112年1至6月投資增加。", "2023-01/2023-06"),
        ("民國111年園區擴建。", "2022"),
        ("这家企业建厂110年1至6月订单稳定。", None),
    ],
    ids=["bare-roc-year-in-a-taiwanese-article", "minguo-year-anywhere", "no-roc-year-on-the-mainland"],
)
def test_roc_years(text, value):
    dates = [f.value for f in facts_of(text) if f.kind == "date"]
    assert dates == ([value] if value else [])


@pytest.mark.parametrize(
    ("published", "value"),
    [("2022-03-15", "2022-02-20"), ("2022-01-05", "2021-12-20"), (None, None)],
    ids=["previous-month", "across-new-year", "no-publication-date"],
)
def test_relative_month_days_count_from_publication(published, value):
    dates = [f.value for f in facts_of("园区上月20日举行签约仪式。", published) if f.kind == "date"]
    assert dates == ([value] if value else [])


@given(text=st.text(alphabet="高区。!?;,\n", max_size=30), asked=st.lists(st.integers(0, 30), max_size=12))
def test_a_sentence_and_a_paragraph_start_after_the_last_break_before_the_offset(text, asked):
    """Asked in text order as attribution asks, and out of it."""
    sentences, paragraphs = StartsBefore(text, after_sentence_break), StartsBefore(text, after_line_break)
    for offset in [*sorted(asked), *asked, *range(len(text) + 1)]:
        offset = min(offset, len(text))
        before = text[:offset]
        assert sentences(offset) == max((i + 1 for i, c in enumerate(before) if c in "。!?;\n"), default=0)
        assert paragraphs(offset) == max((i + 1 for i, c in enumerate(before) if c == "\n"), default=0)



class CountingList(list):
    """A list that counts how often it is read through."""

    reads = 0

    def __iter__(self):
        CountingList.reads += 1
        return super().__iter__()


def park_list_reads(monkeypatch, text: str) -> int:
    """How often the sections stage reads through all of a document's parks."""
    import extract.attribute as attribute

    sections_of = attribute.sections_of

    def counted(doc, parks, bare):
        counting = CountingList(parks)
        found = sections_of(doc, counting, bare)
        reads = CountingList.reads
        parks[:] = counting  # with the parks resolved from bare zone words, as the caller expects
        CountingList.reads = reads
        return found

    monkeypatch.setattr(attribute, "sections_of", counted)
    CountingList.reads = 0
    facts_of(text)
    return CountingList.reads


# Reading through all of a page's parks for each of its lead paragraph's parks, or for each of its sections and
# headings, made attribution quadratic: 160 KB of one sentence without a break took over 10 s.
def test_a_lead_naming_a_park_hundreds_of_times_reads_the_parks_a_few_times(monkeypatch):
    assert park_list_reads(monkeypatch, "合肥高新区总投资1亿元" * 300) < 10
    assert subjects("合肥高新区总投资1亿元" * 300) == ["合肥高新区"]


def test_a_page_of_hundreds_of_sections_reads_the_parks_a_few_times(monkeypatch):
    places = ["昆山", "南通", "合肥", "苏州", "无锡", "常州", "扬州", "镇江", "泰州", "盐城"]
    page = "".join(f"{place}高新区项目开工\n本报讯 {place}高新区开工项目9个。\n\n\n" for place in places * 30)
    assert park_list_reads(monkeypatch, page) < 10
    assert subjects(page) == sorted(f"{place}高新区" for place in places)


def test_a_paragraph_of_hundreds_of_distinct_parks_compares_each_name_with_a_few(monkeypatch):
    # Names compared pairwise, each with every subject or name kept so far, made a catalogue of parks quadratic:
    # 3,000 of them in one paragraph took over 10 s.
    from pathlib import Path

    from extract.park_names import ParkNames

    rows = (line.split("\t") for line in Path("rules/places.txt").read_text(encoding="utf-8").splitlines())
    places = [row[0] for row in rows if len(row) == 4 and row[1] == "prefecture" and row[2] == "short"][:300]
    comparisons = 0
    for method in ("same", "is_short_form"):
        compare = getattr(ParkNames, method)

        def counted(self, a, b, compare=compare):
            nonlocal comparisons
            comparisons += 1
            return compare(self, a, b)

        monkeypatch.setattr(ParkNames, method, counted)
    parks = subjects("".join(f"{place}高新区开工项目9个," for place in places))
    assert len(parks) >= 250
    assert comparisons < 30 * len(places)


@pytest.mark.parametrize("relation", ["same", "one", "either_short_form"])
def test_a_long_name_list_finds_what_comparing_with_every_name_finds(relation):
    # Past a few names NameList compares a name only with those its index gives: it must find the same first one.
    from extract.park_names import SCANNED, NameList

    related = getattr(NAMES, relation)
    forms = [
        "长沙岳麓高新区", "岳麓高新区", "楠梓科技产业园区", "楠梓园区", "深圳前海深港现代服务业合作区", "前海合作区",
        "宁波石化经济技术开发区", "宁波石化经开区", "苏州工业园区", "苏州工业园", "张江高科技园", "张江园区",
        "中关村示范区", "中关村国家自主创新示范区", "广东自贸区南沙新区片区", "南沙新区片区", "合肥高新区", "合肥经开区",
    ]
    fillers = [f"{place}高新区" for place in ("昆山", "南通", "无锡", "常州", "扬州", "镇江", "泰州", "盐城", "徐州")]
    listed = NameList(NAMES, fillers + forms)
    assert len(listed.listed) > SCANNED
    for name in forms + ["岳麓区", "前海", "苏州高新区", "石化经开区", "张江高新区", "湖南省长沙市岳麓高新区"]:
        expected = next((n for n in fillers + forms if related(name, n)), None)
        assert listed.first(name, related) == expected, name
