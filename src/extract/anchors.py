"""Where a rule can match at all: inside a run of certain characters that holds its anchor.

A park name is Chinese characters (and a bracketed short name) ending in a zone word, so a park rule
can only match inside a run of such characters that holds a zone word: a quarter of an article. Such
a rule declares it (`within = { anchor = ..., chars = ... }`) and is tried there only, each run found
once per document for every rule that shares the declaration. The regex engine still sees the whole
text (a lookbehind reads what precedes a run) and a margin after each run (a lookahead reads on), so
inside a run a rule matches exactly as it would over the whole text; tests/test_anchors.py checks
that on every corpus at hand."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

LOOKAHEAD_MARGIN = 8  # characters after a run that a lookahead at its end may read


@dataclass(frozen=True)
class Within:
    anchor: Any  # compiled regex.Pattern: what every match holds
    run_before: Any  # the run of `chars` that ends at a position, read backwards
    run_after: Any  # the run of `chars` that starts at a position


@cache
def within(anchor: str, chars: str) -> Within:
    """Compiled once for the rules that declare the same anchor and characters."""
    return Within(
        regex.compile(anchor, regex.V0),
        regex.compile(f"(?r)(?:{chars})*", regex.V0),
        regex.compile(f"(?:{chars})*", regex.V0),
    )


def stretches(text: str, within: Within) -> list[tuple[int, int]]:
    """The stretches to search, in order and apart: every run that holds an anchor, with its margin."""
    out: list[tuple[int, int]] = []
    position = 0
    while (anchor := within.anchor.search(text, position)) is not None:
        start = within.run_before.match(text, 0, anchor.start()).start()
        run_end = within.run_after.match(text, anchor.start()).end()
        end = min(len(text), run_end + LOOKAHEAD_MARGIN)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        position = max(run_end, anchor.start() + 1)  # anchors inside this run are covered
    return out


class Stretches(dict):
    """Each `within`'s stretches of one text, found once for all the rules that declare it."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def __missing__(self, within: Within) -> list[tuple[int, int]]:
        self[within] = found = stretches(self.text, within)
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
