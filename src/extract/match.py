"""Run the compiled rules over normalized text and keep one reading per span."""

from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter
from typing import NamedTuple

from extract.anchors import Stretches
from extract.extractors import Resolved
from extract.ruleset import Rule, Signal
from extract.time_limit import search_arguments, under_timer


class Candidate(NamedTuple):
    """A rule's reading of a span. A named tuple, not a frozen dataclass: as immutable, and made two and a
    half times as fast; every match makes one, and attribution another for every fact."""

    rule: Rule
    start: int  # offsets in the normalized text
    end: int
    resolved: Resolved
    park: str | None = None  # set by the attribution stage
    date: str | None = None

    @property
    def kind(self) -> str:
        return self.rule.kind


class RuleTimeout(TimeoutError):
    def __init__(self, rule: Rule):
        super().__init__(f"rule {rule.id} ({rule.file}) took too long and was stopped")
        self.rule = rule


def find_candidates(rules: Sequence[Rule], text: str, signals: dict[str, Signal]) -> list[Candidate]:
    """Every reading of every rule that applies to the document (its required signal holds)."""
    return find_candidates_in(rules, [text], signals)[0]


def find_candidates_in(
    rules: Sequence[Rule], texts: Sequence[str], signals: dict[str, Signal]
) -> list[list[Candidate]]:
    """`find_candidates` for each text, rule by rule over all of them: one rule's compiled program stays in
    the processor's caches while it searches every text, where text by text the rules evict each other."""
    found: list[list[Candidate]] = [[] for _ in texts]
    holds: list[dict[str, bool]] = [{} for _ in texts]
    stretches = [Stretches(text) for text in texts]
    arguments = search_arguments()  # the same for every search of the call
    held = under_timer()
    for rule in rules:
        required, pattern, resolve = rule.spec.requires, rule.regex, rule.resolve
        for text, text_stretches, text_holds, out in zip(texts, stretches, holds, found):
            if required is not None and required not in text_holds:
                text_holds[required] = signals[required].holds(text)  # once a text, for every rule that needs it
            if required is not None and not text_holds[required]:
                continue
            try:
                # Searched here, not through a generator: most rules find nothing in most texts, and the calls
                # around a search that finds nothing cost about as much as the search.
                for start, end in rule.spans(text, text_stretches):
                    # Under the timer a search holds the GIL (finditer's fifth argument, concurrent=False):
                    # regex lets it go around each search of a str and takes it back for each group it saves
                    # as it backtracks, so that other threads may run; none has work here (workers are
                    # processes), and the round trips cost 2% of a run's instructions. Positional, as regex
                    # parses a keyword slower than that.
                    found_in_span = (
                        pattern.finditer(text, start, end, False, False)
                        if held
                        else pattern.finditer(text, start, end, **arguments)
                    )
                    for m in found_in_span:
                        found_start, found_end = m.span()
                        if found_end == found_start:
                            continue
                        resolved = resolve(m)
                        if resolved is not None:
                            out.append(Candidate(rule, found_start, found_end, resolved))
            except TimeoutError as error:
                raise RuleTimeout(rule) from error
    return found


# The facts' order: by start, then kind and rule; read in C, not by a lambda.
TEXT_ORDER = attrgetter("start", "rule.kind", "rule.id")


def keep_best(candidates: list[Candidate]) -> list[Candidate]:
    """Per kind, overlapping readings give way to the longest, then the leftmost, then by priority and id."""
    ranked = sorted(candidates, key=lambda c: (c.start - c.end, c.start, c.rule.rank))
    # Per kind, the spans kept so far never overlap, so sorted by start their ends are sorted too: the
    # one span that could reach into a candidate is the last one starting before it ends.
    taken: dict[str, tuple[list[int], list[int]]] = {}
    kept = []
    for c in ranked:
        starts, ends = taken.setdefault(c.kind, ([], []))
        i = bisect_left(starts, c.end)
        if i and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        kept.append(c)
    return sorted(kept, key=TEXT_ORDER)
