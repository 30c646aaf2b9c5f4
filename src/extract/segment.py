"""Stage 3, segment: header fields, page boilerplate, and the headings that start a new article.

Works on normalized text by lines. Boilerplate is returned as spans facts may not come from;
a page that carries several articles gets one candidate heading per article, and the
attribution stage decides, from the parks they name, which of them start a section.
"""

from dataclasses import dataclass, field

import regex

HEADER_LINES = 8  # title, date, outlet and author sit in the first lines of a page
PUBLISHED = regex.compile(
    r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})\s*[-/.年]\s*(?P<month>[01]?[0-9])\s*[-/.月]\s*(?P<day>[0-3]?[0-9])(?![0-9])"
    r"|(?<![0-9.])(?P<day>[0-3][0-9])\.(?P<month>[01][0-9])\.(?P<year>(?:19|20)[0-9]{2})(?![0-9])"  # 16.05.2016 05:33
)
OUTLET = regex.compile(r"来源\s*[:：]\s*([^\s:：|]+?)(?=\s|作者|编辑|责编|$)")
AUTHOR = regex.compile(r"作者\s*[:：]\s*([^\s:：|]+)")
URL_LINE = regex.compile(r"^\s*URL:", regex.I)
DATE_LABEL = regex.compile(r"来源|时间|发布|日期")
TITLE_MAX = 60
# A line that is page furniture, not article text.
FURNITURE = regex.compile(
    r"^\s*[-•·*【\[]?\s*(?:上一篇|下一篇|上一条|下一条|返回顶部|返回首页|打印本页|关闭窗口|分享到|扫一扫|点击上方|点击阅读原文|"
    r"责编|责任编辑|编辑\s*[:：]|\[责任编辑|【责任编辑|版权所有|copyright|©|ICP备|联系电话|联系我们|"
    r"URL:|友情链接|地址\s*[:：]|邮编|电子邮箱|投稿|评论|订阅|文章分享|评分|复制链接|字号|手机版|移动版)"
    r"|^\s*[-•·]?\s*[01]?[0-9]月[0-3]?[0-9]日\s*星期.\s*$"
    r"|^(?:当前位置\s*[:：]?\s*)?(?:网站首页|首页|主页)\s*[>›»]"  # a breadcrumb trail: 首页 > 新闻中心 > 园区动态
    r"|^(?:[^|]*+\|){4,}",  # anchored and possessive: a long line without | fails in linear time
    regex.I,
)
# A line that opens a list of links to other articles: it and the list below it are furniture.
LINK_LIST = regex.compile(
    r"^\s*(?:相关文章|相关新闻|相关稿件|相关阅读|相关链接|新闻推荐|推荐阅读|延伸阅读|热门文章|今日热门|热点新闻|"
    r"最新文章|猜你喜欢|更多新闻|上一篇新闻|下一篇新闻|往期推荐|往期回顾|往期精彩|精彩推荐|精彩回顾)"
)
LIST_ITEM = regex.compile(r"^\s*(?:[-•·*]|[0-9]{1,2}-[0-9]{1,2}|\[)|^.{0,40}$")
# The first words of an article's body under a new heading: 本报讯, 新华社…电, (记者 …).
DATELINE = regex.compile(r"^\s*(?:本报讯|本报记者|本报|新华社|中新网|人民网|记者|讯|\(记者|（记者|.{0,12}电\s*[(（])")
SENTENCE_END = regex.compile(r"[。!?;…]\s*$")
# A line that only stamps the item above it with a date and an outlet (2022-06-02 湖北日报): on a page of
# short items with no headings, the lead words of the next paragraph are its heading.
DATE_STAMP = regex.compile(r"^\s*(?:19|20)[0-9]{2}[-/.年][01]?[0-9][-/.月][0-3]?[0-9]日?(?:\s+[0-9:]{4,8})?(?:\s+\S{2,12})?\s*$")
STAMPED_LEAD = regex.compile(r"^\s*[^,。;:\n]{2,20}")
HEADING_MAX = 40
# A roundup page titles each of its short articles in lenticular brackets: 【某某高新区:一季度签约28个项目】.
BRACKETED_HEADING = regex.compile(r"^\s*【[^【】]+】\s*$")
# A roundup may instead open each park's paragraph with its name and a colon: 南昌高新区:一季度新签约….
# The name is the candidate heading; a page needs two such paragraphs to be read as a roundup.
PARAGRAPH_LEAD = regex.compile(r"^\s*[^\s:]{2,20}(?=:[^\n]*。)")


@dataclass
class Line:
    start: int
    end: int
    text: str


@dataclass
class Layout:
    title: str | None = None
    title_span: tuple[int, int] | None = None  # where the title line is (after a URL: line, say)
    published: str | None = None
    source: str | None = None
    author: str | None = None
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)  # candidate article headings


def lines_of(text: str) -> list[Line]:
    out, position = [], 0
    for raw in text.split("\n"):
        out.append(Line(position, position + len(raw), raw))
        position += len(raw) + 1
    return out


def published_date(header: list[Line]) -> str | None:
    """The first full date on a short header line (a dateline), not one inside the article's prose."""
    for line in header:
        if URL_LINE.match(line.text) or (len(line.text) > 80 and not DATE_LABEL.search(line.text)):
            continue
        m = PUBLISHED.search(line.text)
        if m:
            year, month, day = (int(m[g]) for g in ("year", "month", "day"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def find_boilerplate(lines: list[Line]) -> list[tuple[int, int]]:
    spans = []
    in_list = False
    for i, line in enumerate(lines):
        stripped = line.text.strip()
        if LINK_LIST.match(stripped):
            in_list = True
        elif in_list and stripped and not LIST_ITEM.match(stripped):
            in_list = False
        if in_list or FURNITURE.search(stripped):
            spans.append((line.start, line.end))
            # 上一篇 / 下一篇 alone on a line: the link text is on the next non-empty line.
            if regex.match(r"^\s*[-•·]?\s*(?:上一篇|下一篇)\s*[:：]?\s*$", stripped):
                following = next((n for n in lines[i + 1 :] if n.text.strip()), None)
                if following:
                    spans.append((following.start, following.end))
    return spans


def is_heading(line: Line) -> bool:
    text = line.text.strip()
    return 4 <= len(text) <= HEADING_MAX and not SENTENCE_END.search(text) and not FURNITURE.search(text)


def find_headings(lines: list[Line]) -> list[tuple[int, int]]:
    """Short lines that open an article: followed by a dateline, set off by two or more blank lines, or
    set in 【】 on a line of their own."""
    headings = []
    for i, line in enumerate(lines):
        if not is_heading(line):
            continue
        before = lines[max(0, i - 2) : i]
        after = next((n for n in lines[i + 1 :] if n.text.strip()), None)
        set_off = len(before) == 2 and not any(b.text.strip() for b in before)
        if set_off or BRACKETED_HEADING.match(line.text) or (after is not None and DATELINE.match(after.text)):
            headings.append((line.start, line.end))
    leads = [(line.start, line.start + m.end()) for line in lines if (m := PARAGRAPH_LEAD.match(line.text))]
    return sorted(headings + stamped_leads(lines) + (leads if len(leads) >= 2 else []))


def stamped_leads(lines: list[Line]) -> list[tuple[int, int]]:
    """The lead words of a paragraph that follows a date stamp closing the body text of an item above it (a line
    ending a sentence or too long for a heading), not the dateline under a page's title."""
    content = [line for line in lines if line.text.strip()]
    return [
        (following.start, following.start + m.end())
        for body, stamp, following in zip(content, content[1:], content[2:])
        if DATE_STAMP.match(stamp.text) and not is_heading(body) and (m := STAMPED_LEAD.match(following.text))
    ]


def segment(text: str) -> Layout:
    lines = lines_of(text)
    boilerplate = find_boilerplate(lines)
    furniture = {start for start, _ in boilerplate}
    content = [line for line in lines if line.text.strip() and line.start not in furniture]
    header = [line for line in lines if line.text.strip()][:HEADER_LINES]
    layout = Layout(boilerplate=boilerplate, headings=find_headings(lines))
    layout.published = published_date(header)
    first = next((line for line in content if not PUBLISHED.search(line.text)), None)
    if first and len(first.text.strip()) <= TITLE_MAX and not SENTENCE_END.search(first.text):
        layout.title, layout.title_span = first.text.strip(), (first.start, first.end)
    for line in header:
        if layout.source is None and (m := OUTLET.search(line.text)):
            layout.source = m.group(1)
        if layout.author is None and (m := AUTHOR.search(line.text)):
            layout.author = m.group(1)
    return layout
