"""Stage 5, attribute: which parks an article (or each article of a page) reports on, the park
every fact belongs to, the date its sentence governs, and the year of dates that lack one."""

import os
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace

import regex

from extract.complete import complete
from extract.extractors import Resolved
from extract.match import Candidate
from extract.ruleset import Signal
from extract.segment import Layout

# A zone word standing alone (开发区 with 海门 governing the article).
BARE_ZONE = regex.compile(r"(?<![\p{Han}])(?:开发区|高新区|经开区|保税区|综保区|示范区|园区)|(?<=[,。;、“\s])(?:开发区|高新区|经开区|新区)")
# A place that may govern the article: 海门区, 海门市场, 惠州市委 -> 海门, 惠州.
PLACE = regex.compile(r"(\p{Han}{2})(?:市|区|县)(?=[^\p{Han}]|[委政人经的内场“])")
NOT_PLACE = {
    "开发", "高新", "园区", "新区", "全区", "全市", "全县", "本区", "辖区", "城区", "社区", "地区", "小区", "景区", "市区",
    "片区", "示范", "保税", "综保", "经开", "区内", "我区", "该区", "各区", "两区", "湾区", "城市", "县市", "各市",
}
# The outlet of a city paper or station: 驻马店日报, 惠州电视台.
OUTLET_PLACE = regex.compile(r"(\p{Han}{2,3}?)(?:日报|晚报|新闻网|广播电视台|电视台|融媒体中心|发布)")
BRACKETED_PLACE = regex.compile(r"\((\p{Han}{2,3})\)")
# A park named as the place something is or happens (位于蓝田开发区, 在白沙洲工业园举行), or named inside
# another one (蓝田开发区朝阳园区) or in brackets, is where the news is, not what it reports on.
LOCATION_BEFORE = regex.compile(r"(?:位于|坐落于|地处|落户|落地|入驻|进驻|在|于|\()$")
# A park named as what is being built (共同建设某某产业园) is a project, not where later facts sit.
BUILT_BEFORE = regex.compile(r"(?:建设|建成|打造|共建|新建|筹建)$")
# A lead paragraph is prose: a long line with a clause mark, unlike a dateline or a byline.
LONG_LINE = regex.compile(r"^[ \t]*(\S[^\n]{20,})$", regex.M)
# A line of prose has clauses: they end at punctuation, or, in text that lost its punctuation (OCR), at spaces
# between words; a dateline spaced the same way (来源:某某日报 记者 张三, 2024年3月12日 星期二 某报记者 王五) is not.
CLAUSE_MARK = regex.compile(
    r"[,。;]|^(?!.*(?:来源|作者|编辑|发布时间|星期|[0-9]:[0-5][0-9]|(?:19|20)[0-9]{2}[-/.年][01]?[0-9])).*\p{Han} \p{Han}"
)
SENTENCE_BREAK = regex.compile(r"[。!?;\n]")
PARAGRAPH_BREAK = regex.compile(r"\n")
LIST_JOINERS = {"、", "和", "与", "及", ",", "以及"}
# What may come before a park that opens a clause: a clause break, a connective, a time phrase.
CLAUSE_OPENING = regex.compile(
    r"(?:^|[,。;:!?\n“]|其中|同时|此外|另外|目前|如今|[0-9一二三四五六七八九十][月日年]|以来|期间|方面)\s*$"
)
CLAUSE_OPENING_REACH = 4
# A park's short name in brackets after it: (宁波石化区), (简称“南沙自贸片区”), (以下简称"中关村示范区").
SHORT_NAME_OPENING = regex.compile(r"\((?:以下)?(?:简称)?[:“\"]?")
SHORT_NAME_CLOSING = regex.compile(r"[”\"]?\)")
# A park that opens a phrase naming something else: a project (…产业园项目, …工业园三期工程, …工业园安置小区、
# 邻里中心等项目), a part (…内).
NOT_TOPIC_AFTER = regex.compile(r"项目|工程|[0-9一二三四五六七八九十]期|内|里|[^,。;:!?\n]{0,30}?等(?:重点|重大)?(?:项目|工程)")
# 分别 / 依次 after a list of parks hands out the values of its clause in order: A、B复工率分别为96%、90%.
RESPECTIVELY = regex.compile(r"分别|依次")
CLAUSE_END = regex.compile(r"[,。;!?\n]")


@dataclass
class Section:
    start: int
    end: int
    subjects: list[str]


# Official and short forms of one park's zone word, longest first (高新技术产业园区 before 产业园区).
PARK_SUFFIXES = (
    ("高新技术产业开发区", "高新区"), ("高新技术开发区", "高新区"), ("高新技术产业园区", "高新区"),
    ("经济技术开发区", "开发区"), ("经济开发区", "开发区"), ("经开区", "开发区"),
    ("工业园区", "工业园"), ("产业园区", "产业园"), ("综合保税区", "综保区"),
)


def park_key(name: str) -> str:
    """Official and short forms of one park compare equal: 经济技术开发区 = 经开区 = 开发区."""
    name = name.strip()
    for official, short in PARK_SUFFIXES:
        name = name.replace(official, short)
    return name


def same_park(a: str, b: str) -> bool:
    """长沙岳麓高新区 and 岳麓高新区 name one park: a city prefix may be dropped."""
    a, b = park_key(a), park_key(b)
    return bool(a and b) and (a == b or a.endswith(b) or b.endswith(a))


def governing_place(text: str, layout: Layout) -> str | None:
    """The place most named as 某某市/区/县, else the outlet's city (驻马店日报), else a place a park name
    carries in brackets (中国(驻马店)国际农产品加工产业园)."""
    places = Counter(m.group(1) for m in PLACE.finditer(text) if m.group(1) not in NOT_PLACE)
    if places:
        return places.most_common(1)[0][0]
    if layout.source and (m := OUTLET_PLACE.match(layout.source)):
        return m.group(1)
    bracketed = Counter(BRACKETED_PLACE.findall(text))
    return bracketed.most_common(1)[0][0] if bracketed else None


def bare_park(text: str, start: int, end: int, layout: Layout, rule, heading_end: int = 0,
              in_heading: bool = False) -> Candidate | None:
    """A section that keeps saying 开发区 without a name (or, with `in_heading`, says it in its heading)
    reports on the zone of the place governing it."""
    mentions = list(BARE_ZONE.finditer(text, start, end))
    if in_heading and not any(m.start() < heading_end for m in mentions):
        return None
    if len(mentions) < 2 and not in_heading:
        return None
    word = Counter(m.group() for m in mentions).most_common(1)[0][0]
    place = governing_place(text[start:end], layout)
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


def is_location(text: str, park: Candidate, parks: list[Candidate]) -> bool:
    """Named as where something is (位于…, 在…举行), inside another park (蓝田开发区朝阳园区) or in brackets."""
    return bool(LOCATION_BEFORE.search(text, max(0, park.start - 3), park.start)) or any(
        p.end == park.start for p in parks
    )


def is_project_name(text: str, park: Candidate) -> bool:
    """Named as a project (康佳科技园项目签约): what the news is about, not who reports it."""
    return text.startswith("项目", park.end)


def lead_subjects(text: str, parks: list[Candidate], start: int, end: int) -> list[str]:
    """The parks a lead paragraph reports on: those it does not name only as a location or a project."""
    named = [p for p in parks if start <= p.start < end]
    reported = [p for p in named if not is_location(text, p, parks) and not is_project_name(text, p)]
    return subjects_in(reported or named[:1], start, end)


def sections_of(text: str, parks: list[Candidate], layout: Layout, park_rule) -> list[Section]:
    """Split at headings that name a park other than the running one; each section's subjects are the
    parks of its heading (the title for the first), else the zone its heading names bare (开发区签约…),
    else the parks its lead paragraph reports on, else its most named park, else a bare zone it keeps naming."""
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
        heading_start, heading_end = heading_of(text, start, end, layout)
        subjects = lead_subjects(text, parks, heading_start, heading_end)
        if not subjects and (found := bare_park(text, start, end, layout, park_rule, heading_end, in_heading=True)):
            parks.append(found)
            subjects = [found.resolved.value]
        if not subjects:
            lead = next((m for m in LONG_LINE.finditer(text, heading_end, end) if CLAUSE_MARK.search(m[1])), None)
            if lead:
                subjects = lead_subjects(text, parks, lead.start(1), lead.end(1))
        if not subjects:
            counts = Counter(park_key(p.resolved.value) for p in parks if start <= p.start < end)
            top = [name for name, n in counts.most_common() if n >= 2][:1]
            subjects = [p.resolved.value for p in parks if start <= p.start < end and park_key(p.resolved.value) in top][:1]
        if not subjects and (found := bare_park(text, start, end, layout, park_rule)):
            parks.append(found)
            subjects = [found.resolved.value]
        subjects += [n for n in topic_parks(text, parks, start, end) if not any(one_park(n, s) for s in subjects)]
        sections.append(Section(start, end, subjects))
    return sections


def list_runs(text: str, parks: list[Candidate]) -> list[list[Candidate]]:
    """Parks named one after another with only a joiner between them (A、B和C), in text order."""
    runs: list[list[Candidate]] = []
    for p in sorted(parks, key=lambda p: p.start):
        if runs and text[runs[-1][-1].end : p.start] in LIST_JOINERS:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


ENUMERATION_MIN = 3  # parks listed together that an article reports on, wherever the list stands


def is_enumeration(text: str, run: list[Candidate]) -> bool:
    """Three or more parks listed together (与A、B、C等…取得联系, 包括A、B、C等7家园区): what the article reports
    on, unless the list names parts of something (…范围内的A、B、C)."""
    return len({p.resolved.value for p in run}) >= ENUMERATION_MIN and text[run[0].start - 1 : run[0].start] != "的"


def topic_parks(text: str, parks: list[Candidate], start: int, end: int) -> list[str]:
    """The parks a clause of the section opens with (其中,南京江北新区新签约…; A、B分别与…签署): what the
    clause reports on, so a roundup has as many subjects as parks it reports figures or news of. A park
    named after a verb or a preposition (位于…, 在…举行, 与…合作) or as a project (…产业园项目) is not one."""
    names: list[str] = []
    for run in list_runs(text, [p for p in parks if start <= p.start < end]):
        first, last = run[0], run[-1]
        opens = CLAUSE_OPENING.search(text, max(0, first.start - CLAUSE_OPENING_REACH), first.start)
        if not opens and not is_enumeration(text, run):
            continue
        if NOT_TOPIC_AFTER.match(text, last.end) or text[first.start - 1 : first.start] == "(":
            continue
        names += [p.resolved.value for p in run if not any(same_park(p.resolved.value, n) for n in names)]
    return names


def heading_of(text: str, start: int, end: int, layout: Layout) -> tuple[int, int]:
    """A section's first line, page furniture (a URL: line) and blank lines skipped; the page's title
    for the first section."""
    if start == 0 and layout.title_span:
        return layout.title_span
    furniture = {line_start for line_start, _ in layout.boilerplate}
    while start < end:
        line_end = text.find("\n", start)
        line_end = end if line_end < 0 else min(line_end, end)
        if start not in furniture and text[start:line_end].strip():
            return start, line_end
        start = line_end + 1
    return end, end


def attribute(text: str, candidates: list[Candidate], layout: Layout, park_rule,
              signals: dict[str, Signal]) -> list[Candidate]:
    """Mark subject parks, resolve bare zone words, and give every other fact its park and date."""
    candidates = complete(candidates, text, layout.published, signals)
    parks = [c for c in candidates if c.kind == "park"]
    named = len(parks)
    sections = sections_of(text, parks, layout, park_rule)
    candidates = candidates + parks[named:]  # bare zone words the sections resolved
    short = short_names(text, parks)
    for section in sections:
        section.subjects += [short[s] for s in section.subjects if s in short and short[s] not in section.subjects]
    index = Index(text, sections, parks, [c for c in candidates if c.kind == "date"])
    ordered = sorted(candidates, key=lambda c: (c.start, c.kind, c.rule.id))
    respective = respective_parks(text, parks, ordered)
    out = []
    for i, c in enumerate(ordered):
        section = index.section_of(c.start)
        if c.kind == "park":
            metric = "subject" if is_subject(c, section) else "mention"
            out.append(replace(c, resolved=replace(c.resolved, metric=metric)))
            continue
        park = reported_name(respective[i], section) if i in respective else park_for(c, section, index)
        out.append(replace(c, park=short.get(park, park), date=date_for(c, index)))
    return out


def short_names(text: str, parks: list[Candidate]) -> dict[str, str]:
    """The short name a text gives a park in brackets (宁波石化经济技术开发区(宁波石化区), …(简称“南沙自贸片区”)):
    the name its facts are reported under."""
    ordered = sorted(parks, key=lambda p: p.start)
    return {
        p.resolved.value: q.resolved.value
        for p, q in zip(ordered, ordered[1:])
        if SHORT_NAME_OPENING.fullmatch(text, p.end, q.start) and SHORT_NAME_CLOSING.match(text, q.end)
    }


def respective_parks(text: str, parks: list[Candidate], ordered: list[Candidate]) -> dict[int, str]:
    """A list of parks, then 分别 and as many values of one kind in that clause (长沙经开区、株洲高新区复工率
    分别为100%、98.6%): the k-th value belongs to the k-th park. Keyed by position in `ordered`."""
    starts = [c.start for c in ordered]
    out: dict[int, str] = {}
    for run in list_runs(text, parks):
        clause = CLAUSE_END.search(text, run[-1].end)
        clause_end = clause.start() if clause else len(text)
        said = RESPECTIVELY.search(text, run[-1].end, clause_end)
        if len(run) < 2 or said is None:
            continue
        values: dict[str, list[int]] = {}
        for i in range(bisect_left(starts, run[-1].end), bisect_left(starts, clause_end)):
            if ordered[i].kind not in ("park", "date") and ordered[i].end > said.start():  # 复工率分别为100% holds the word
                values.setdefault(ordered[i].kind, []).append(i)
        for positions in values.values():
            if len(positions) == len(run):
                out.update((i, p.resolved.value) for i, p in zip(positions, run))
    return out


def last_at_or_before(starts: list[int], offset: int) -> int:
    """Index of the last sorted start <= offset, -1 when there is none."""
    return bisect_right(starts, offset) - 1


class Index:
    """What every fact looks back for (its sentence, its paragraph, the parks and dates before it), found
    by bisection once per fact: scanning for them would be quadratic on a long page with many facts."""

    def __init__(self, text: str, sections: list[Section], parks: list[Candidate], dates: list[Candidate]):
        self.sections = sections
        self.section_starts = [s.start for s in sections]
        self.paragraph_starts = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
        self.sentence_starts = [0] + [m.end() for m in SENTENCE_BREAK.finditer(text)]
        self.governing = governing_parks(text, parks, self)
        self.governing_starts = [p.start for p in self.governing]
        self.reported = [is_subject(p, self.section_of(p.start)) for p in self.governing]
        self.reported_starts = [p.start for p, r in zip(self.governing, self.reported) if r]
        self.reported_parks = [p for p, r in zip(self.governing, self.reported) if r]
        self.dates = sorted(dates, key=lambda d: d.start)
        self.date_starts = [d.start for d in self.dates]
        self.bare_starts: dict[str, list[int]] = {}
        for m in BARE_ZONE.finditer(text):
            self.bare_starts.setdefault(m.group(), []).append(m.start())

    def section_of(self, offset: int) -> Section:
        return self.sections[last_at_or_before(self.section_starts, offset)]

    def sentence_start(self, offset: int) -> int:
        return self.sentence_starts[last_at_or_before(self.sentence_starts, offset)]

    def paragraph_start(self, offset: int) -> int:
        return self.paragraph_starts[last_at_or_before(self.paragraph_starts, offset)]

    def bare_between(self, word: str, start: int, end: int) -> bool:
        """Whether the zone word stands bare somewhere in text[start:end]."""
        starts = self.bare_starts.get(word, [])
        i = bisect_left(starts, start)
        return i < len(starts) and starts[i] + len(word) <= end


def governing_parks(text: str, parks: list[Candidate], index: Index) -> list[Candidate]:
    """The parks that govern the facts after them: of a list (南昌经开区、临空区) its first only when its
    section reports on it (parks named together share what follows: no one of them owns it), and never
    one named in brackets, as the name of a project (康佳科技园项目) or as what is being built (建设某某产业园),
    nor one named inside another (蓝田开发区朝阳园区) unless it is what its section reports on."""
    out: list[Candidate] = []
    ordered = sorted(parks, key=lambda p: p.start)
    for previous, p, following in zip([None, *ordered], ordered, [*ordered[1:], None]):
        reported = is_subject(p, index.section_of(p.start))
        listed = previous is not None and text[previous.end : p.start] in LIST_JOINERS
        # parks listed together share what follows, unless the list is the subject and a part of it (南昌经开区、临空区)
        heads_list = (
            following is not None
            and text[p.end : following.start] in LIST_JOINERS
            and not (reported and not is_subject(following, index.section_of(following.start)))
        )
        bracketed = text[p.start - 1 : p.start] == "("
        nested = previous is not None and p.start == previous.end and not reported
        built = BUILT_BEFORE.search(text, max(0, p.start - 2), p.start)
        if not (listed or heads_list or bracketed or nested or built or is_project_name(text, p)):
            out.append(p)
    return out


def park_for(fact: Candidate, section: Section, index: Index) -> str | None:
    """The park last named before the fact (or inside it): a subject park within the fact's paragraph, another park only
    within its sentence (苏州工业园的项目…). Else the section's subject (with several, the one named last
    before the fact, else first after it)."""
    paragraph_start = max(section.start, index.paragraph_start(fact.start))
    sentence_start = max(paragraph_start, index.sentence_start(fact.start))
    # a park named inside the fact's own text (拟入驻某某产业园8个) governs it too
    first = bisect_left(index.governing_starts, paragraph_start)
    for i in range(bisect_left(index.governing_starts, fact.end) - 1, first - 1, -1):
        p = index.governing[i]
        if p.start >= sentence_start or index.reported[i] or named_again(p, fact, section, index):
            return reported_name(p.resolved.value, section)
    if len(section.subjects) <= 1:
        return section.subjects[0] if section.subjects else None
    if (renamed := subject_named_bare(section, index, paragraph_start, fact.start)) is not None:
        return renamed
    before = last_at_or_before(index.reported_starts, fact.start)
    if before >= 0 and index.reported_starts[before] >= section.start:
        chosen = index.reported_parks[before]
    else:
        after = bisect_left(index.reported_starts, section.start)
        if after == len(index.reported_starts) or index.reported_starts[after] >= section.end:
            return section.subjects[0]
        chosen = index.reported_parks[after]
    return next(s for s in section.subjects if same_park(chosen.resolved.value, s))


def subject_named_bare(section: Section, index: Index, start: int, end: int) -> str | None:
    """The subject whose zone word stands bare before the fact in its paragraph (新区4月20日起… in a report on
    长春新区 and 长春高新区): the word names that subject again; of several such, the section's first."""
    for word in sorted(index.bare_starts, key=len, reverse=True):
        named = [s for s in section.subjects if has_zone(s, word)]
        if named and index.bare_between(word, start, end):
            return named[0]
    return None


def named_again(park: Candidate, fact: Candidate, section: Section, index: Index) -> bool:
    """Its zone word, bare between the park and the fact, names it again when the section's subject is
    another kind of zone: 昆山开发区召开推进会。开发区复工率… in a report on 昆山综保区. 园区 is said of any park."""
    return any(
        word != "园区" and park.resolved.value.endswith(word) and not any(s.endswith(word) for s in section.subjects)
        and index.bare_between(word, park.end, fact.start)
        for word in index.bare_starts
    )


def reported_name(name: str, section: Section) -> str:
    """A short or long form of the section's subject (楠梓园区 for 楠梓科技产业园区, 深圳前海深港现代服务业合作区
    for 前海合作区) is reported under the subject's name."""
    return next((s for s in section.subjects if is_short_form(name, s) or is_short_form(s, name)), name)


CITY_PREFIX = 3  # 深圳 in 深圳前海深港现代服务业合作区: a city may come before the place


def one_park(a: str, b: str) -> bool:
    """Two names of one park: the same name with or without its city, or a short form of the other."""
    return same_park(a, b) or is_short_form(a, b) or is_short_form(b, a)


def is_short_form(short: str, full: str) -> bool:
    """The place, then the zone word, of a longer name: 楠梓园区 shortens 楠梓科技产业园区 and 张江高科技园,
    前海合作区 shortens 深圳前海深港现代服务业合作区."""
    if len(full) <= len(short):
        return False
    if short.endswith("园区") and full.endswith("园"):
        zone = "园区"
    else:
        zone = short[len(short) - len(os.path.commonprefix((short[::-1], full[::-1]))):]
    place = short.removesuffix(zone)
    return len(zone) >= 2 and len(place) >= 2 and place in full[: len(place) + CITY_PREFIX] and has_zone(full, zone)


# Zone words that end in a shorter one: 长春高新区 is not a 新区, nor 临港新片区 a 片区.
LONGER_ZONE_WORDS = ("高新区", "新片区")


def has_zone(name: str, word: str) -> bool:
    """Whether the name's zone word is `word`, not a longer one ending in it."""
    return name.endswith(word) and not any(name.endswith(z) for z in LONGER_ZONE_WORDS if len(z) > len(word) and z.endswith(word))


def is_subject(park: Candidate, section: Section) -> bool:
    return any(same_park(park.resolved.value, s) for s in section.subjects)


def date_for(fact: Candidate, index: Index) -> str | None:
    """The last date before the fact in its sentence (截至2月18日 ..., 1-3月 ...)."""
    sentence_start = index.sentence_start(fact.start)
    for i in range(last_at_or_before(index.date_starts, fact.start), -1, -1):
        date = index.dates[i]
        if date.start < sentence_start:
            break
        if date.end <= fact.start:
            return str(date.resolved.value)
    return None
