"""Where a rule can match at all: inside a run of certain characters that holds its anchor.

A park name is Chinese characters (and a bracketed short name) ending in a zone word, so a park rule
can only match inside a run of such characters that holds a zone word: a quarter of an article. Such
a rule declares it (`within = { anchor = ..., chars = ... }`) and is tried there only, each run found
once per document for every rule that shares the declaration. The regex engine still sees the whole
text (a lookbehind reads what precedes a run) and a margin after each run (a lookahead reads on), so
inside a run a rule matches exactly as it would over the whole text; tests/test_anchors.py checks
that on every corpus at hand.

A rule may name what else every run of its matches holds (`also`: a rate's cue beside the percentage):
the runs of its anchor and characters, found once for every rule that shares them, are then searched for
that, and most hold none. One search of a run costs less than the search of a rule's pattern there."""

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

import regex

LOOKAHEAD_MARGIN = 8  # characters after a run that a lookahead at its end may read


# Compared and hashed as the object it is (eq=False): within() makes one per declaration, and a document's
# stretches are looked up by it for every rule and text, where hashing its fields cost 1% of a run.
@dataclass(frozen=True, eq=False)
class Within:
    anchor: Any  # compiled regex.Pattern: what every match holds
    run_before: Any  # the run of `chars` that ends at a position, read backwards
    run_after: Any  # the run of `chars` that starts at a position
    also: Any = None  # compiled regex.Pattern: what the run holds besides, if the rule says
    runs: "Within | None" = None  # with `also`: the same anchor and characters without it


@cache
def within(anchor: str, chars: str, also: str | None = None) -> Within:
    """Compiled once for the rules that declare the same anchor, characters and `also`."""
    if also is not None:
        runs = within(anchor, chars, None)  # the cache's key as a declaration without `also` calls it
        return Within(runs.anchor, runs.run_before, runs.run_after, regex.compile(also, regex.V0), runs)
    return Within(
        regex.compile(anchor, regex.V0),
        regex.compile(f"(?r)(?:{chars})*", regex.V0),
        regex.compile(f"(?:{chars})*", regex.V0),
    )


def stretches(
    text: str, within: Within, runs: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """The stretches to search, in order and apart: every run that holds an anchor (and what `also` asks
    for: of `runs`, the stretches of `within.runs`, when they are at hand), with its margin."""
    if within.runs is not None:
        return holding(text, stretches(text, within.runs) if runs is None else runs, within.also)
    out: list[tuple[int, int]] = []
    position = 0
    # The searches hold the GIL (`concurrent` False, see match.find_candidates_in): theirs is a moment's work.
    while (anchor := within.anchor.search(text, position, None, False)) is not None:
        start = within.run_before.match(text, 0, anchor.start(), False).start()
        run_end = within.run_after.match(text, anchor.start(), None, False).end()
        end = min(len(text), run_end + LOOKAHEAD_MARGIN)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        position = max(run_end, anchor.start() + 1)  # anchors inside this run are covered
    return out


def holding(text: str, runs: list[tuple[int, int]], pattern: Any) -> list[tuple[int, int]]:
    """The runs in which `pattern` matches. They are searched joined, one line each, as a search of
    each costs more than what it reads: so `pattern` must match within one, and read nothing around it."""
    if len(runs) < 2:
        return [(start, end) for start, end in runs if pattern.search(text, start, end, False)]
    joined = "\n".join(text[start:end] for start, end in runs)
    offsets = list(accumulate((end - start + 1 for start, end in runs), initial=0))  # where each run begins
    out: list[tuple[int, int]] = []
    position = 0
    while (m := pattern.search(joined, position, None, False)) is not None:
        run = bisect_right(offsets, m.start()) - 1
        out.append(runs[run])
        position = offsets[run + 1]  # the run holds one: on to the next
    return out


class Stretches(dict):
    """Each `within`'s stretches of one text, found once for all the rules that declare it."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def __missing__(self, within: Within) -> list[tuple[int, int]]:
        runs = self[within.runs] if within.runs is not None else None
        self[within] = found = stretches(self.text, within, runs)
        return found


def matches_within(
    pattern: Any, spans: list[tuple[int, int]], text: str, arguments: Mapping[str, float] | None = None
) -> Iterator[Any]:
    """The matches of `pattern` in the stretches of `text`: where its `within` says they all are (each search
    given `arguments`, time_limit.search_arguments)."""
    arguments = arguments or {}
    for start, end in spans:
        yield from pattern.finditer(text, start, end, **arguments)


def window_problem(pattern: Any, within: Within, text: str) -> str | None:
    """How the matches inside the stretches differ from those of a search over all of the text, if they do."""
    everywhere = [(m.span(), m.group()) for m in pattern.finditer(text)]
    inside = [(m.span(), m.group()) for m in matches_within(pattern, stretches(text, within), text)]
    if everywhere == inside:
        return None
    missed = [g for s, g in everywhere if (s, g) not in inside]
    extra = [g for s, g in inside if (s, g) not in everywhere]
    return f"`within` is wrong: searched only inside its runs, the rule misses {missed} and finds {extra} besides"
