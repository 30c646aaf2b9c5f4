"""Stage 5, attribute: which parks an article (or each article of a page) reports on, the park
every fact belongs to, the date its sentence governs, and the year of dates that lack one."""

from collections import Counter
from dataclasses import dataclass, replace

import regex

from extract.extractors import Resolved
from extract.extractors.date import UNKNOWN_YEAR
from extract.match import Candidate
from extract.segment import Layout

# A zone word standing alone (开发区 with 海门 governing the article).
BARE_ZONE = regex.compile(r"(?<![\p{Han}])(?:开发区|高新区|经开区|保税区|综保区|示范区|园区)|(?<=[,。;、“\s])(?:开发区|高新区|经开区)")
# A place that may govern the article: 海门区, 海门市场, 惠州市委 -> 海门, 惠州.
PLACE = regex.compile(r"(\p{Han}{2})(?:市|区|县)(?=[^\p{Han}]|[委政人经的内场“])")
NOT_PLACE = {
    "开发", "高新", "园区", "新区", "全区", "全市", "全县", "本区", "辖区", "城区", "社区", "地区", "小区", "景区", "市区",
    "片区", "示范", "保税", "综保", "经开", "区内", "我区", "该区", "各区", "两区", "湾区", "城市", "县市", "各市",
}
SENTENCE_BREAK = regex.compile(r"[。!?;\n]", regex.REVERSE)
YEAR_IN_DATE = regex.compile(r"^((?:19|20)[0-9]{2})")


@dataclass
class Section:
    start: int
    end: int
    subjects: list[str]


def park_key(name: str) -> str:
    """Official and short forms of one park compare equal: 经济技术开发区 = 经开区 = 开发区."""
    for long, short in (("高新技术产业开发区", "高新区"), ("高新技术开发区", "高新区"), ("经济技术开发区", "开发区"),
                        ("经济开发区", "开发区"), ("经开区", "开发区"), ("工业园区", "工业园"), ("产业园区", "产业园"),
                        ("综合保税区", "综保区")):
        name = name.replace(long, short)
    return name


def same_park(a: str, b: str) -> bool:
    """长沙岳麓高新区 and 岳麓高新区 name one park: a city prefix may be dropped."""
    a, b = park_key(a), park_key(b)
    return a == b or a.endswith(b) or b.endswith(a)


def fill_years(candidates: list[Candidate], layout: Layout) -> list[Candidate]:
    """A date without a year takes the publication year, else the year the document states most."""
    stated = Counter(m.group(1) for c in candidates if c.kind == "date" and (m := YEAR_IN_DATE.match(str(c.resolved.value))))
    year = layout.published[:4] if layout.published else (stated.most_common(1)[0][0] if stated else None)
    if year is None:
        return candidates
    return [
        replace(c, resolved=replace(c.resolved, value=str(c.resolved.value).replace(UNKNOWN_YEAR, year)))
        if c.kind == "date" else c
        for c in candidates
    ]


def governing_place(text: str) -> str | None:
    places = Counter(m.group(1) for m in PLACE.finditer(text) if m.group(1) not in NOT_PLACE)
    return places.most_common(1)[0][0] if places else None


def bare_park(text: str, start: int, end: int, rule) -> Candidate | None:
    """When a section names no park but keeps saying 开发区, the place governing it makes the name."""
    mentions = [m for m in BARE_ZONE.finditer(text, start, end)]
    if len(mentions) < 2:
        return None
    word = Counter(m.group() for m in mentions).most_common(1)[0][0]
    place = governing_place(text[start:end])
    if place is None:
        return None
    first = next(m for m in mentions if m.group() == word)
    return Candidate(rule, first.start(), first.end(), Resolved(place + word, metric="subject"))


def subjects_in(parks: list[Candidate], start: int, end: int) -> list[str]:
    names: list[str] = []
    for p in parks:
        if start <= p.start < end and not any(same_park(p.resolved.value, n) for n in names):
            names.append(p.resolved.value)
    return names


def sections_of(text: str, parks: list[Candidate], layout: Layout) -> list[Section]:
    """Split at headings that name a park other than the running one; each section's subjects are the
    parks of its heading (the title for the first), else of its lead paragraph, else its most named park."""
    starts = [0]
    running: list[str] = []
    for start, end in layout.headings:
        named = subjects_in(parks, start, end)
        if named and start > 0 and not any(same_park(n, r) for n in named for r in running):
            starts.append(start)
        running = named or running
    bounds = list(zip(starts, starts[1:] + [len(text)]))
    sections = []
    for start, end in bounds:
        heading_end = text.find("\n", start)
        heading_end = end if heading_end < 0 else min(heading_end, end)
        subjects = subjects_in(parks, start, heading_end)
        if not subjects:
            lead = regex.search(r"\S[^\n]{20,}", text[heading_end:end])
            if lead:
                subjects = subjects_in(parks, heading_end + lead.start(), heading_end + lead.end())
        if not subjects:
            counts = Counter(park_key(p.resolved.value) for p in parks if start <= p.start < end)
            top = [name for name, n in counts.most_common() if n >= 2][:1]
            subjects = [p.resolved.value for p in parks if start <= p.start < end and park_key(p.resolved.value) in top][:1]
        sections.append(Section(start, end, subjects))
    return sections


def attribute(text: str, candidates: list[Candidate], layout: Layout, park_rule) -> tuple[list[Candidate], list[Section]]:
    """Mark subject parks, resolve bare zone words, and give every other fact its park and date."""
    candidates = fill_years(candidates, layout)
    parks = [c for c in candidates if c.kind == "park"]
    sections = sections_of(text, parks, layout)
    for section in sections:
        if not section.subjects and (found := bare_park(text, section.start, section.end, park_rule)):
            candidates.append(found)
            parks.append(found)
            section.subjects = [found.resolved.value]
    dates = [c for c in candidates if c.kind == "date"]
    out = []
    for c in sorted(candidates, key=lambda c: (c.start, c.kind, c.rule.id)):
        section = next(s for s in sections if s.start <= c.start < s.end)
        if c.kind == "park":
            is_subject = any(same_park(c.resolved.value, s) for s in section.subjects)
            out.append(replace(c, resolved=replace(c.resolved, metric="subject" if is_subject else "mention")))
            continue
        out.append(replace(c, park=park_for(c, section, parks), date=date_for(c, text, dates)))
    return out, sections


def park_for(fact: Candidate, section: Section, parks: list[Candidate]) -> str | None:
    """The section's subject; with several, the one named last before the fact (else first after it)."""
    if len(section.subjects) <= 1:
        return section.subjects[0] if section.subjects else None
    named = [p for p in parks if section.start <= p.start < section.end
             and any(same_park(p.resolved.value, s) for s in section.subjects)]
    before = [p for p in named if p.start <= fact.start]
    chosen = before[-1] if before else next(iter(named), None)
    if chosen is None:
        return section.subjects[0]
    return next(s for s in section.subjects if same_park(chosen.resolved.value, s))


def date_for(fact: Candidate, text: str, dates: list[Candidate]) -> str | None:
    """The last date before the fact in its sentence (截至2月18日 ..., 1-3月 ...)."""
    previous_break = SENTENCE_BREAK.search(text, 0, fact.start)
    sentence_start = previous_break.end() if previous_break else 0
    inside = [d for d in dates if sentence_start <= d.start and d.end <= fact.start]
    return str(inside[-1].resolved.value) if inside else None
