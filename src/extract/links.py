"""Stage 5b, links: the park each fact belongs to and the date its sentence governs.

A fact belongs to the park last named before it that governs what follows (a subject within its
paragraph, another park within its sentence), else to its section's subject; a list of parks with
分别 hands its values out in order."""

from bisect import bisect_left, bisect_right
from collections.abc import Callable

import regex

from extract.match import Candidate
from extract.park_names import NameList
from extract.sections import Reading, Section, is_project_name, list_runs, lists_parts

# The last sentence break before an offset, searched back from it (StartsBefore): most of a text's breaks are
# before no fact, and finding them all took 1% of a run.
LAST_SENTENCE_BREAK = regex.compile(r"(?r)[。!?;\n]")
CLAUSE_END = regex.compile(r"[,。;!?\n]")
BUILT_REACH = 2  # the characters before a park searched for what is being built


def start_of(c: Candidate) -> int:
    return c.start


def after_sentence_break(text: str, start: int, end: int) -> int:
    """Just after the last sentence break (。!?; or a line break) in text[start:end], 0 if there is none."""
    m = LAST_SENTENCE_BREAK.search(text, start, end, False)
    return 0 if m is None else m.end()


def after_line_break(text: str, start: int, end: int) -> int:
    """Just after the last line break in text[start:end], 0 if there is none."""
    return text.rfind("\n", start, end) + 1


class StartsBefore:
    """Where what holds an offset starts (after the last break before it: `after_break`), asked offset after offset
    in text order: each search back stops at the offset asked before, so a page without breaks is read once, not
    once a fact."""

    def __init__(self, text: str, after_break: Callable[[str, int, int], int]):
        self.text = text
        self.after_break = after_break
        self.asked, self.found = 0, 0  # the offset asked last, and what held it started there

    def __call__(self, offset: int) -> int:
        since, known = (self.asked, self.found) if offset >= self.asked else (0, 0)
        self.asked, self.found = offset, self.after_break(self.text, since, offset) or known
        return self.found


def last_at_or_before(starts: list[int], offset: int) -> int:
    """Index of the last sorted start <= offset, -1 when there is none."""
    return bisect_right(starts, offset) - 1


class Index:
    """What every fact looks back for (its sentence, its paragraph, the parks, dates and bare zone words
    before it), found once per fact, by bisection or a search back no further than the fact before it: scanning
    for them would be quadratic on a long page.
    The parks are sorted, split into runs (sections.list_runs) and told subject or not once, here, for
    every step that asks."""

    def __init__(
        self,
        doc: Reading,
        sections: list[Section],
        parks: list[Candidate],
        bare: list[Candidate],
        dates: list[Candidate],
    ):
        self.doc = doc
        self.sections = sections
        self.section_starts = [s.start for s in sections]
        # By section and name, what is_subject and reported_name found: a park is named many times.
        self.subject_names: dict[tuple[int, str], bool] = {}
        self.reported_names: dict[tuple[int, str], str] = {}
        self.listed_subjects: dict[int, NameList] = {}  # by section start
        self.sentence_starts = StartsBefore(doc.text, after_sentence_break)  # asked for by every fact, in order
        self.paragraph_starts = StartsBefore(doc.text, after_line_break)
        self.parks = sorted(parks, key=start_of)
        self.runs = list_runs(doc, self.parks)
        # Keyed by start: parks never overlap (match.keep_best keeps one reading per span and kind).
        self.subject_at = {p.start: self.reports_on(p) for p in self.parks}
        self.governing = governing_parks(doc, self)
        self.governing_starts = [p.start for p in self.governing]
        self.reported = [self.subject_at[p.start] for p in self.governing]
        self.reported_starts = [p.start for p, r in zip(self.governing, self.reported) if r]
        self.reported_parks = [p for p, r in zip(self.governing, self.reported) if r]
        self.dates = sorted(dates, key=start_of)
        self.date_starts = [d.start for d in self.dates]
        self.bare_starts: dict[str, list[int]] = {}
        for b in sorted(bare, key=start_of):
            self.bare_starts.setdefault(b.resolved.value.word, []).append(b.start)
        self.bare_words_longest_first = sorted(self.bare_starts, key=len, reverse=True)

    def section_of(self, offset: int) -> Section:
        return self.sections[last_at_or_before(self.section_starts, offset)]

    def is_subject(self, park: Candidate) -> bool:
        """Whether its section reports on the park (one of `parks`)."""
        return self.subject_at[park.start]

    def reports_on(self, park: Candidate) -> bool:
        """Whether the park is one of its section's subjects, worked out once per section and name."""
        section, name = self.section_of(park.start), park.resolved.value
        subject = self.subject_names.get((section.start, name))
        if subject is None:
            subject = self.subjects_listed(section).first(name, self.doc.names.same) is not None
            self.subject_names[section.start, name] = subject
        return subject

    def subjects_listed(self, section: Section) -> NameList:
        """The section's subjects, indexed once for the names compared with them."""
        listed = self.listed_subjects.get(section.start)
        if listed is None:
            listed = self.listed_subjects[section.start] = NameList(self.doc.names, section.subjects)
        return listed

    def sentence_start(self, offset: int) -> int:
        return self.sentence_starts(offset)

    def paragraph_start(self, offset: int) -> int:
        return self.paragraph_starts(offset)

    def bare_between(self, word: str, start: int, end: int) -> bool:
        """Whether the zone word stands bare somewhere in text[start:end]."""
        starts = self.bare_starts.get(word, [])
        i = bisect_left(starts, start)
        return i < len(starts) and starts[i] + len(word) <= end


def governing_parks(doc: Reading, index: Index) -> list[Candidate]:
    """The parks that govern the facts after them: of a list (南昌经开区、临空区) its first only when its
    section reports on it (parks named together share what follows: no one of them owns it), and never
    one named in brackets, as the name of a project (康佳科技园项目) or as what is being built (建设某某产业园),
    nor one named inside another (蓝田开发区朝阳园区) unless it is what its section reports on, nor the venue of
    an event (在某某产业园举行的签约活动上). A park named as where something is (在江北新材料科技园,企业复工…)
    governs what its sentence says of it."""
    text, cues = doc.text, doc.cues
    parts = {id(p) for run in index.runs if len(run) > 1 and lists_parts(doc, run) for p in run}
    out: list[Candidate] = []
    ordered = index.parks
    for previous, p, following in zip([None, *ordered], ordered, [*ordered[1:], None]):
        if id(p) in parts:
            continue
        reported = index.is_subject(p)
        listed = previous is not None and bool(cues.list_joiner.fullmatch(text, previous.end, p.start))
        # parks listed together share what follows, unless the list is the subject and a part of it (南昌经开区、临空区)
        heads_list = (
            following is not None
            and bool(cues.list_joiner.fullmatch(text, p.end, following.start))
            and not (reported and not index.is_subject(following))
        )
        bracketed = text[p.start - 1 : p.start] == "("
        nested = previous is not None and p.start == previous.end and not reported
        built = cues.built_before.search(text, max(0, p.start - BUILT_REACH), p.start)
        venue = cues.venue_before.search(text, max(0, p.start - 1), p.start) and cues.venue_after.match(text, p.end)
        if not (listed or heads_list or bracketed or nested or built or venue or is_project_name(text, p)):
            out.append(p)
    return out


def respective_parks(index: Index, ordered: list[Candidate]) -> dict[int, str]:
    """A list of parks, then 分别 and as many values of one kind in that clause (长沙经开区、株洲高新区复工率
    分别为100%、98.6%): the k-th value belongs to the k-th park. Keyed by position in `ordered`."""
    doc = index.doc
    text = doc.text
    starts = [c.start for c in ordered]
    out: dict[int, str] = {}
    for run in index.runs:
        if len(run) < 2:
            continue
        clause = CLAUSE_END.search(text, run[-1].end)
        clause_end = clause.start() if clause else len(text)
        said = doc.cues.respectively.search(text, run[-1].end, clause_end)
        if said is None:
            continue
        values: dict[str, list[int]] = {}
        for i in range(bisect_left(starts, run[-1].end), bisect_left(starts, clause_end)):
            if (
                ordered[i].kind not in ("park", "date") and ordered[i].end > said.start()
            ):  # 复工率分别为100% holds the word
                values.setdefault(ordered[i].kind, []).append(i)
        for positions in values.values():
            if len(positions) == len(run):
                out.update((i, p.resolved.value) for i, p in zip(positions, run))
    return out


def park_for(fact: Candidate, section: Section, sentence_start: int, index: Index) -> str | None:
    """The park last named before the fact (or inside it): a subject park within the fact's paragraph, another
    park only within its sentence (苏州工业园的项目…). Else the section's subject (with several: the one its zone
    word names bare before the fact, else the one named last before the fact, else first after it).
    `sentence_start`: where the fact's sentence starts (Index.sentence_start)."""
    names = index.doc.names
    paragraph_start = max(section.start, index.paragraph_start(fact.start))
    sentence_start = max(paragraph_start, sentence_start)
    # a park named inside the fact's own text (拟入驻某某产业园8个) governs it too
    first = bisect_left(index.governing_starts, paragraph_start)
    for i in range(bisect_left(index.governing_starts, fact.end) - 1, first - 1, -1):
        p = index.governing[i]
        if p.start >= sentence_start or index.reported[i] or named_again(p, fact, section, index):
            return reported_name(p.resolved.value, section, index)
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
    return next(s for s in section.subjects if names.same(chosen.resolved.value, s))


def subject_named_bare(section: Section, index: Index, start: int, end: int) -> str | None:
    """The subject whose zone word stands bare before the fact in its paragraph (新区4月20日起… in a report on
    长春新区 and 长春高新区): the word names that subject again; of several such, the section's first."""
    for word in index.bare_words_longest_first:
        named = [s for s in section.subjects if index.doc.names.has_zone(s, word)]
        if named and index.bare_between(word, start, end):
            return named[0]
    return None


def named_again(park: Candidate, fact: Candidate, section: Section, index: Index) -> bool:
    """Its zone word, bare between the park and the fact, names it again when the section's subject is
    another kind of zone: 昆山开发区召开推进会。开发区复工率… in a report on 昆山综保区. A weak zone word (园区) is
    said of any park: it names none again."""
    weak = index.doc.cues.weak_zone_word
    return any(
        not weak.fullmatch(word)
        and park.resolved.value.endswith(word)
        and not any(s.endswith(word) for s in section.subjects)
        and index.bare_between(word, park.end, fact.start)
        for word in index.bare_starts
    )


def reported_name(name: str, section: Section, index: Index) -> str:
    """A short or long form of the section's subject (楠梓园区 for 楠梓科技产业园区, 深圳前海深港现代服务业合作区
    for 前海合作区) is reported under the subject's name."""
    reported = index.reported_names.get((section.start, name))
    if reported is None:
        form = index.subjects_listed(section).first(name, index.doc.names.either_short_form)
        reported = index.reported_names[section.start, name] = name if form is None else form
    return reported


def date_for(fact: Candidate, sentence_start: int, index: Index) -> str | None:
    """The last date before the fact in its sentence (截至2月18日 ..., 1-3月 ...), which starts at
    `sentence_start`."""
    for i in range(last_at_or_before(index.date_starts, fact.start), -1, -1):
        date = index.dates[i]
        if date.start < sentence_start:
            break
        if date.end <= fact.start:
            return str(date.resolved.value)
    return None
