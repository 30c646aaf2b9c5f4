"""Stage 3, segment: header fields, page boilerplate, and the headings that start a new article.

Works on normalized text by lines. Boilerplate is returned as spans facts may not come from;
a page that carries several articles gets one candidate heading per article, and the
attribution stage decides, from the parks they name, which of them start a section. The words
of page furniture, link lists, datelines and header labels are data (rules/layout.toml).
"""

from dataclasses import dataclass, field

import regex

from extract.cues import LayoutCues

HEADER_LINES = 8  # title, date, outlet and author sit in the first lines of a page
PUBLISHED = regex.compile(
    r"(?=[0-9])"  # a date starts with a digit: the lookahead lets a search skip to one, three times faster
    r"(?:(?<![0-9])(?P<year>(?:19|20)[0-9]{2})\s*[-/.年]\s*(?P<month>[01]?[0-9])\s*[-/.月]\s*(?P<day>[0-3]?[0-9])(?![0-9])"
    r"|(?<![0-9.])(?P<day>[0-3][0-9])\.(?P<month>[01][0-9])\.(?P<year>(?:19|20)[0-9]{2})(?![0-9]))"  # 16.05.2016 05:33
)
URL_LINE = regex.compile(r"^\s*URL:", regex.I)
TITLE_MAX = 60
LIST_ITEM = regex.compile(r"^\s*(?:[-•·*]|[0-9]{1,2}-[0-9]{1,2}|\[)|^.{0,40}$")
SENTENCE_END = regex.compile(r"[。!?;…]\s*$")
# A line that only stamps the item above it with a date and an outlet (2022-06-02 湖北日报): on a page of
# short items with no headings, the lead words of the next paragraph are its heading.
DATE_STAMP = regex.compile(
    r"^\s*(?:19|20)[0-9]{2}[-/.年][01]?[0-9][-/.月][0-3]?[0-9]日?(?:\s+[0-9:]{4,8})?(?:\s+\S{2,12})?\s*$"
)
STAMPED_LEAD = regex.compile(r"^\s*[^,。;:\n]{2,20}")
HEADING_MAX = 40
# A roundup page titles each of its short articles in lenticular brackets: 【某某高新区:一季度签约28个项目】.
BRACKETED_HEADING = regex.compile(r"^\s*【[^【】]+】\s*$")
# A roundup may instead open each park's paragraph with its name and a colon: 南昌高新区:一季度新签约….
# The name is the candidate heading; a page needs two such paragraphs to be read as a roundup.
PARAGRAPH_LEAD = regex.compile(r"^\s*[^\s:]{2,20}(?=:[^\n]*。)")


@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str
    stripped: str  # the text without the spaces around it, "" on a blank line: stripped once, read often


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
        out.append(Line(position, position + len(raw), raw, raw.strip()))
        position += len(raw) + 1
    return out


def published_date(header: list[Line], cues: LayoutCues) -> str | None:
    """The first full date on a short header line (a dateline), not one inside the article's prose."""
    for line in header:
        if URL_LINE.match(line.text) or (len(line.text) > 80 and not cues.date_label.search(line.text)):
            continue
        m = PUBLISHED.search(line.text)
        if m:
            year, month, day = (int(m[g]) for g in ("year", "month", "day"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def find_boilerplate(lines: list[Line], cues: LayoutCues) -> list[tuple[int, int]]:
    spans = []
    in_list = False
    for i, line in enumerate(lines):
        stripped = line.stripped
        if cues.link_list.match(stripped):
            in_list = True
        elif in_list and stripped and not LIST_ITEM.match(stripped):
            in_list = False
        if in_list or cues.furniture_line.search(stripped):
            spans.append((line.start, line.end))
            # 上一篇 / 下一篇 alone on a line: the link text is on the next non-empty line.
            if cues.previous_next_alone.match(stripped):
                following = next((n for n in lines[i + 1 :] if n.stripped), None)
                if following:
                    spans.append((following.start, following.end))
    return spans


def is_heading(line: Line, cues: LayoutCues) -> bool:
    text = line.stripped
    return 4 <= len(text) <= HEADING_MAX and not SENTENCE_END.search(text) and not cues.furniture_line.search(text)


def find_headings(lines: list[Line], cues: LayoutCues) -> list[tuple[int, int]]:
    """Short lines that open an article: followed by a dateline, set off by two or more blank lines, or
    set in 【】 on a line of their own."""
    headings = []
    for i, line in enumerate(lines):
        if not is_heading(line, cues):
            continue
        before = lines[max(0, i - 2) : i]
        after = next((n for n in lines[i + 1 :] if n.stripped), None)
        set_off = len(before) == 2 and not any(b.stripped for b in before)
        if set_off or BRACKETED_HEADING.match(line.text) or (after is not None and cues.dateline.match(after.text)):
            headings.append((line.start, line.end))
    # A lead ends at a colon: the test for one spares most lines the call.
    leads = [
        (line.start, line.start + m.end())
        for line in lines
        if ":" in line.text and (m := PARAGRAPH_LEAD.match(line.text))
    ]
    return sorted(headings + stamped_leads(lines, cues) + (leads if len(leads) >= 2 else []))


def stamped_leads(lines: list[Line], cues: LayoutCues) -> list[tuple[int, int]]:
    """The lead words of a paragraph that follows a date stamp closing the body text of an item above it (a line
    ending a sentence or too long for a heading), not the dateline under a page's title."""
    content = [line for line in lines if line.stripped]
    return [
        (following.start, following.start + m.end())
        for body, stamp, following in zip(content, content[1:], content[2:])
        if DATE_STAMP.match(stamp.text) and not is_heading(body, cues) and (m := STAMPED_LEAD.match(following.text))
    ]


def segment(text: str, cues: LayoutCues) -> Layout:
    lines = lines_of(text)
    boilerplate = find_boilerplate(lines, cues)
    furniture = {start for start, _ in boilerplate}
    content = [line for line in lines if line.stripped and line.start not in furniture]
    header = [line for line in lines if line.stripped][:HEADER_LINES]
    layout = Layout(boilerplate=boilerplate, headings=find_headings(lines, cues))
    layout.published = published_date(header, cues)
    first = next((line for line in content if not PUBLISHED.search(line.text)), None)
    if first and len(first.stripped) <= TITLE_MAX and not SENTENCE_END.search(first.text):
        layout.title, layout.title_span = first.stripped, (first.start, first.end)
    for line in header:
        if layout.source is None and (m := cues.outlet.search(line.text)):
            layout.source = m.group(1)
        if layout.author is None and (m := cues.author.search(line.text)):
            layout.author = m.group(1)
    return layout
