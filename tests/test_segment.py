"""Stage 3: header fields, page furniture and the headings of a page that carries several articles."""

import pytest

from extract.normalize import normalize
from extract.ruleset import load_rules
from extract.segment import segment

CUES = load_rules().layout


def layout_of(text: str):
    normalized = normalize(text).text
    return normalized, segment(normalized, CUES)


@pytest.mark.parametrize(
    ("page", "title", "published", "source", "author"),
    [
        (
            "合肥高新区防疫和发展两手抓\n时间:2022-04-11 22:34来源:中国企业报看安徽 作者:明梅骅\n正文第一段。",
            "合肥高新区防疫和发展两手抓",
            "2022-04-11",
            "中国企业报看安徽",
            "明梅骅",
        ),
        (
            "URL: http://example.cn/a.html\n开发区签约项目10个\n发表日期:2020年09月10日  来源：驻马店日报\n正文。",
            "开发区签约项目10个",
            "2020-09-10",
            "驻马店日报",
            None,
        ),
        (
            "开阳经开区一季度实现开门红\n\n16.05.2016  05:33\n\n今年,园区深化企业服务。",
            "开阳经开区一季度实现开门红",
            "2016-05-16",
            None,
            None,
        ),
        ("园区项目集中签约\n2023.03.08 来源:园区管委会\n正文。", "园区项目集中签约", "2023-03-08", "园区管委会", None),
        ("2020/2/18 人民网\n长沙岳麓高新区复工率100%\n正文。", "长沙岳麓高新区复工率100%", "2020-02-18", None, None),
        ("標題:園區招商\n日期：2021年3月5日　來源：經濟日報\n正文。", "标题:园区招商", "2021-03-05", "经济日报", None),
        (
            "没有日期的标题\n全文只有一段话,2021年8月16日恢复日调度工作机制,这是正文里提到的某一天而不是刊出的那一天,"
            "它所在的行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。",
            "没有日期的标题",
            None,
            None,
            None,
        ),
        ("这一行是一句话而不是标题。\n正文。", None, None, None, None),
        (
            "  首页 > 新闻动态 > 园区要闻\n\n    某某高新区上半年签约项目30个\n发布时间：2021-07-02  来源：高新区管委会\n正文。",
            "某某高新区上半年签约项目30个",
            "2021-07-02",
            "高新区管委会",
            None,
        ),
    ],
    ids=[
        "label-time-source-author",
        "url-line-date-label",
        "day-first-dateline",
        "dotted-date",
        "slash-date",
        "traditional-labels",
        "date-in-prose-is-not-published",
        "sentence-is-not-title",
        "breadcrumb-before-title",
    ],
)
def test_header_fields(page, title, published, source, author):
    _, layout = layout_of(page)
    assert (layout.title, layout.published, layout.source, layout.author) == (title, published, source, author)


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("上一篇:开发区召开工作会议", True),
        ("下一篇:园区签约项目20个", True),
        ("责任编辑:FRT136", True),
        ("[责任编辑:王五]", True),
        ("责编:李四", True),
        ("版权所有 某某网 ICP备12345678号", True),
        ("Copyright © 2020 example.cn", True),
        ("联系电话:0591-1234567", True),
        ("分享到:微信 微博", True),
        ("06月26日 星期三", True),
        ("首页 | 新闻 | 园区 | 招商 | 联系我们", True),
        ("当前位置：首页 > 政务公开 > 部门动态", True),
        ("  网站首页 » 招商引资", True),
        ("首页显示了开发区的招商政策。", False),
        ("URL: http://example.cn/a.html", True),
        ("点击上方蓝字关注我们", True),
        ("【打印本页】【关闭窗口】", True),
        ("友情链接：常州经开区 滁州经开区 南京高新区", True),
        ("苏州工业园区签约项目20个,总投资120亿元。", False),
        ("截至2月18日,长沙岳麓高新区复工率100%。", False),
    ],
)
def test_furniture_lines(line, furniture):
    text, layout = layout_of(f"标题\n正文。\n{line}\n正文继续。")
    spans = [text[start:end] for start, end in layout.boilerplate]
    assert (normalize(line).text in spans) is furniture, spans


def test_link_lists_and_the_link_after_a_bare_next_marker_are_furniture():
    page = "标题\n正文。\n下一篇:\n另一篇文章的标题\n相关文章\n- 园区A签约项目5个\n- 园区B开工项目3个\n\n正文之后的一段很长的文字,它不是链接列表的一部分,因为它比任何一个链接标题都长得多,而且是一整句话。"
    text, layout = layout_of(page)
    spans = [text[start:end] for start, end in layout.boilerplate]
    for furniture in ("下一篇:", "另一篇文章的标题", "相关文章", "- 园区A签约项目5个", "- 园区B开工项目3个"):
        assert furniture in spans
    assert not any("一整句话" in span for span in spans)


def test_a_wechat_往期推荐_list_is_furniture():
    text, layout = layout_of("标题\n正文。\n往期推荐\n常州经开区一季度签约项目12个\n滁州经开区项目集中开工")
    spans = [text[start:end] for start, end in layout.boilerplate]
    assert "常州经开区一季度签约项目12个" in spans and "滁州经开区项目集中开工" in spans


@pytest.mark.parametrize(
    ("page", "headings"),
    [
        (
            "总标题\n\n\n昆山高新区项目开工\n本报讯 昆山高新区今日开工项目9个。\n\n\n南通高新区企业复工\n(记者 张三)南通高新区复工率达95%。",
            ["昆山高新区项目开工", "南通高新区企业复工"],
        ),
        ("总标题\n无锡高新区重大项目签约\n新华社无锡2月21日电 无锡高新区签约项目。", ["无锡高新区重大项目签约"]),
        ("总标题\n一段正文,结尾是句号。\n\n\n这一行以句号结尾所以不是标题。\n正文。", []),
        ("总标题\n正文第一段\n正文第二段", []),
        (
            "园区周报\n【常州经开区:签约项目12个】\n常州经开区签约项目12个。\n【打印本页】【关闭窗口】",
            ["【常州经开区:签约项目12个】"],
        ),
        (
            "全省园区综述\n常州经开区:签约项目12个,总投资30亿元。\n滁州经开区:开工项目5个。",
            ["常州经开区", "滁州经开区"],
        ),
        ("专访\n主持人:请介绍园区今年的打算。\n嘉宾:今年签约项目超过10个。", ["主持人", "嘉宾"]),
        ("园区快讯\n常州经开区:签约项目12个,总投资30亿元。\n另有项目在谈。", []),
        (
            "园区快讯\n常州经开区日前签约项目12个,总投资30亿元。\n2023-05-06 常州日报\n滁州经开区 当天 开工项目5个。",
            ["滁州经开区 当天 开工项目5个"],
        ),
        ("常州经开区签约项目12个\n2023-05-06 常州日报\n今年以来,常州经开区签约项目12个。", []),
    ],
    ids=[
        "set-off-and-dateline",
        "news-agency-dateline",
        "sentence-is-not-heading",
        "no-dateline-no-gap",
        "bracketed-roundup-heading",
        "roundup-paragraph-leads",
        "interview-leads-name-no-park",
        "one-lead-is-not-a-roundup",
        "items-separated-by-date-stamps",
        "dateline-under-a-title-is-no-stamp",
    ],
)
def test_article_headings(page, headings):
    text, layout = layout_of(page)
    assert [text[start:end] for start, end in layout.headings] == headings
