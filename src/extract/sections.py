"""Stage 5a, sections: the articles a page carries and the parks each reports on (its subjects).

A section starts at a heading that names a park other than the running one. Its subjects are the
parks its heading or lead paragraph reports on, and every park that opens a clause of it or is one
of an enumeration (a roundup reports on many). A park only named as a location, a project or a
part of something is a mention. A section that names no park but keeps saying 开发区 reports on the
zone of the place that governs it."""

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

import regex

from extract.cues import Cues
from extract.extractors import Resolved
from extract.gazetteer import Gazetteer
from extract.match import Candidate
from extract.park_names import NameList, ParkNames
from extract.segment import Layout

# A lead paragraph is prose: a long line with a clause mark, unlike a dateline or a byline.
LONG_LINE = regex.compile(r"^[ \t]*(\S[^\n]{20,})$", regex.M)
# A line of prose has clauses: they end at punctuation, or, in text that lost its punctuation (OCR), at spaces
# between words; a dateline spaced the same way (来源:某某日报 记者 张三, 2024年3月12日 星期二 某报记者 王五) is not.
CLAUSE_MARK = regex.compile(
    r"[,。;]|^(?!.*(?:来源|作者|编辑|发布时间|星期|[0-9]:[0-5][0-9]|(?:19|20)[0-9]{2}[-/.年][01]?[0-9])).*\p{Han} \p{Han}"
)
LOCATION_REACH = 3  # the characters before a park searched for a location cue
CLAUSE_OPENING_REACH = 6  # the characters before a park searched for what opens a clause (\n  一、)
ENUMERATION_MIN = 3  # parks listed together that an article reports on, wherever the list stands


@dataclass(frozen=True)
class Reading:
    """A document as attribution reads it: its text and layout, with the rules' cues, places and park names."""

    text: str
    layout: Layout
    cues: Cues
    places: Gazetteer
    names: ParkNames


class Parks:
    """A document's parks, and those its sections resolve from bare zone words (appended to the same list): the
    parks of a stretch of text are looked up by their starts, not by reading all of them for every section,
    heading and lead paragraph of a page, which made a page of thousands of sections quadratic."""

    def __init__(self, parks: list[Candidate]):
        self.all = parks
        self.by_start = sorted(range(len(parks)), key=lambda i: parks[i].start)  # indices into `all`
        self.starts = [parks[i].start for i in self.by_start]
        self.ends = {p.end for p in parks}  # where a park inside another starts (蓝田开发区朝阳园区)

    def append(self, park: Candidate) -> None:
        place = bisect_right(self.starts, park.start)
        self.starts.insert(place, park.start)
        self.by_start.insert(place, len(self.all))
        self.all.append(park)
        self.ends.add(park.end)

    def within(self, start: int, end: int) -> list[Candidate]:
        """The parks that start in [start, end), in the list's order."""
        found = self.by_start[bisect_left(self.starts, start) : bisect_left(self.starts, end)]
        return [self.all[i] for i in sorted(found)]


@dataclass
class Section:
    start: int
    end: int
    subjects: list[str]


def sections_of(doc: Reading, parks: list[Candidate], bare: list[Candidate]) -> list[Section]:
    """Split at headings that name a park other than the running one; each section's subjects are the
    parks of its heading (the title for the first), else the zone its heading names bare (开发区签约…),
    else the parks its lead paragraph reports on, else its most named park, else a bare zone it keeps
    naming; then the parks its clauses open with. Parks resolved from bare zone words join `parks`."""
    text, names = doc.text, doc.names
    index = Parks(parks)
    starts = [0]
    running: list[str] = []
    for start, end in doc.layout.headings:
        named = distinct_names(doc, index.within(start, end))
        if named and start > 0 and not any(names.same(n, r) for n in named for r in running):
            starts.append(start)
        running = named or running
    sections = []
    for start, end in zip(starts, starts[1:] + [len(text)]):
        heading_start, heading_end = heading_of(doc, start, end)
        subjects = lead_subjects(doc, index, heading_start, heading_end)
        if not subjects and (found := bare_park(doc, bare, start, end, heading_end)):
            index.append(found)
            subjects = [found.resolved.value]
        if not subjects:
            lead = next((m for m in LONG_LINE.finditer(text, heading_end, end) if CLAUSE_MARK.search(m[1])), None)
            if lead:
                subjects = lead_subjects(doc, index, lead.start(1), lead.end(1))
        if not subjects:
            in_section = index.within(start, end)
            counts = Counter(names.key(p.resolved.value) for p in in_section)
            top = [name for name, n in counts.most_common() if n >= 2][:1]
            subjects = [p.resolved.value for p in in_section if names.key(p.resolved.value) in top][:1]
        if not subjects and (found := bare_park(doc, bare, start, end)):
            index.append(found)
            subjects = [found.resolved.value]
        listed = NameList(names, subjects)
        subjects += [n for n in topic_parks(doc, index.within(start, end)) if listed.first(n, names.one) is None]
        sections.append(Section(start, end, subjects))
    short = short_names(doc, parks)
    for section in sections:  # a subject is reported under the short name the text gives it
        section.subjects = list(dict.fromkeys(short.get(s, s) for s in section.subjects))
    return sections


def heading_of(doc: Reading, start: int, end: int) -> tuple[int, int]:
    """A section's first line, page furniture (a URL: line) and blank lines skipped; the page's title
    for the first section."""
    if start == 0 and doc.layout.title_span:
        return doc.layout.title_span
    furniture = {line_start for line_start, _ in doc.layout.boilerplate}
    while start < end:
        line_end = doc.text.find("\n", start)
        line_end = end if line_end < 0 else min(line_end, end)
        if start not in furniture and doc.text[start:line_end].strip():
            return start, line_end
        start = line_end + 1
    return end, end


def distinct_names(doc: Reading, parks: list[Candidate]) -> list[str]:
    """The parks' names, each park once, in order."""
    names = NameList(doc.names, ())
    for p in parks:
        if names.first(p.resolved.value, doc.names.same) is None:
            names.add(p.resolved.value)
    return names.listed


def lead_subjects(doc: Reading, parks: Parks, start: int, end: int) -> list[str]:
    """The parks a lead paragraph reports on: those it does not name only as a location or a project."""
    named = parks.within(start, end)
    reported = [p for p in named if not is_location(doc, p, parks.ends) and not is_project_name(doc.text, p)]
    return distinct_names(doc, reported or named[:1])


def is_location(doc: Reading, park: Candidate, park_ends: set[int]) -> bool:
    """Named as where something is (位于…, 在…举行), inside another park (蓝田开发区朝阳园区: one of `park_ends` is
    where it starts) or in brackets."""
    return park.start in park_ends or bool(
        doc.cues.location_before.search(doc.text, max(0, park.start - LOCATION_REACH), park.start)
    )


def is_project_name(text: str, park: Candidate) -> bool:
    """Named as a project (康佳科技园项目签约): what the news is about, not who reports it."""
    return text.startswith("项目", park.end)


def list_runs(doc: Reading, parks: list[Candidate]) -> list[list[Candidate]]:
    """Parks named one after another with only a joiner between them (A、B和C), in text order."""
    runs: list[list[Candidate]] = []
    for p in sorted(parks, key=lambda p: p.start):
        if runs and doc.cues.list_joiner.fullmatch(doc.text, runs[-1][-1].end, p.start):
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def lists_parts(doc: Reading, run: list[Candidate]) -> bool:
    """Whether a list of parks names the parts of something (…范围内的A、B、C, 长沙片区涵盖A、B、C)."""
    return bool(doc.cues.parts_before.search(doc.text, max(0, run[0].start - LOCATION_REACH), run[0].start))


def is_enumeration(doc: Reading, run: list[Candidate]) -> bool:
    """Three or more parks listed together (与A、B、C等…取得联系, 包括A、B、C等7家园区): what the article reports
    on, unless the list names parts of something."""
    return len({p.resolved.value for p in run}) >= ENUMERATION_MIN and not lists_parts(doc, run)


def topic_parks(doc: Reading, parks: list[Candidate]) -> list[str]:
    """The parks a clause of the section opens with (其中,南京江北新区新签约…; A、B分别与…签署): what the
    clause reports on, so a roundup has as many subjects as parks it reports figures or news of. A park
    named after a verb or a preposition (位于…, 在…举行, 与…合作) or as a project (…产业园项目) is not one."""
    text, cues, same = doc.text, doc.cues, doc.names.same
    names = NameList(doc.names, ())
    for run in list_runs(doc, parks):
        first, last = run[0], run[-1]
        opens = cues.clause_opening.search(text, max(0, first.start - CLAUSE_OPENING_REACH), first.start)
        if not opens and not is_enumeration(doc, run):
            continue
        if cues.not_topic_after.match(text, last.end) or text[first.start - 1 : first.start] == "(":
            continue
        # Each against the names of the runs before: a run that names one park twice gives it twice.
        for name in [p.resolved.value for p in run if names.first(p.resolved.value, same) is None]:
            names.add(name)
    return names.listed


def short_names(doc: Reading, parks: list[Candidate]) -> dict[str, str]:
    """The short name a text gives a park in brackets (宁波石化经济技术开发区(宁波石化区), …(简称“南沙自贸片区”)):
    the name its facts are reported under."""
    text, cues = doc.text, doc.cues
    ordered = sorted(parks, key=lambda p: p.start)
    return {
        p.resolved.value: q.resolved.value
        for p, q in zip(ordered, ordered[1:])
        if cues.short_name_opening.fullmatch(text, p.end, q.start) and cues.short_name_closing.match(text, q.end)
    }


def governing_place(doc: Reading, start: int, end: int) -> str | None:
    """The place most named as 某某市/区/县, else the outlet's city (驻马店日报), else a place a park name carries
    in brackets (中国(驻马店)国际农产品加工产业园): always one the gazetteer knows."""
    cues = doc.cues
    named = Counter(m.group(1) for m in cues.governing_place.finditer(doc.text, start, end) if m.group(1) in doc.places)
    if named:
        return named.most_common(1)[0][0]
    if doc.layout.source and (m := cues.outlet_place.match(doc.layout.source)) and m.group(1) in doc.places:
        return m.group(1)
    bracketed = Counter(place for place in cues.bracketed_place.findall(doc.text, start, end) if place in doc.places)
    return bracketed.most_common(1)[0][0] if bracketed else None


def bare_park(
    doc: Reading, bare: list[Candidate], start: int, end: int, heading_end: int | None = None
) -> Candidate | None:
    """A section that keeps saying 开发区 without a name (or, given its heading's end, says it in its heading)
    reports on the zone of the place governing it: the first such word becomes that park."""
    mentions = [b for b in bare if start <= b.start < end]
    in_heading = heading_end is not None
    if in_heading and not any(b.start < heading_end for b in mentions):
        return None
    if len(mentions) < 2 and not in_heading:
        return None
    word = Counter(b.resolved.value.word for b in mentions).most_common(1)[0][0]
    place = governing_place(doc, start, end)
    if place is None:
        return None
    first = next(b for b in mentions if b.resolved.value.word == word)
    return first._replace(resolved=Resolved(place + word, metric="subject"))
