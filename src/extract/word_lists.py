"""How a word list of the rules becomes a pattern: an alternation factored for the way the engine reads it.

The regex engine tries an alternation word by word, and it does not share the words' common parts: at a
zone word's 区 it compares 60-odd zone words one after the other. Factored into a tree on the characters
read first it tries one branch per character instead. Read forward, those are the words' first characters
(高新(?:技术开发区|区)|开发区); inside a lookbehind, where the engine reads backward, their last ones
((?:(?:高新技术|)开发|高新)区).

Either tree matches exactly what the plain alternation, longest word first, matches when read the way it
is built for: where a word is tried, the character read first rules out every branch but one, and that
branch keeps the longer words first. Read against its grain, one tree may prefer another of two words that
match at the same place; so a list read both ways (the characters of a `within`, whose runs are read in
both directions) stays a plain alternation."""

from enum import Enum

import regex

GUARDED_WORDS = 3  # a list of fewer words is as quickly tried as its characters are tested

# What decides the reading direction at a place in a pattern: escapes and character classes are skipped,
# and every group opening (a lookaround's kind captured) or closing is seen.
GROUPING = regex.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\((?:\?(<?[=!]))?|\)")


class Reading(Enum):
    """Which way the engine reads a part of a pattern."""

    FORWARD = "forward"
    BACKWARD = "backward"
    BOTH = "both"


def reading_at(pattern: str, offset: int, outer: Reading) -> Reading:
    """How the engine reads `pattern` at `offset`: as the innermost lookaround around it says (a lookahead
    forward, a lookbehind backward), else as the pattern around it is read (`outer`; a pattern that opens
    with the flag (?r) is read backward)."""
    if outer is Reading.FORWARD and pattern.startswith("(?r)"):
        outer = Reading.BACKWARD
    open_groups: list[Reading | None] = []
    for m in GROUPING.finditer(pattern, 0, offset):
        if m.group() == ")":
            if open_groups:
                open_groups.pop()
        elif m.group().startswith("("):
            kind = m.group(1)
            open_groups.append(None if kind is None else Reading.BACKWARD if kind.startswith("<") else Reading.FORWARD)
    return next((reading for reading in reversed(open_groups) if reading is not None), outer)


def as_pattern(fragment: str | list[str], reading: Reading = Reading.BOTH) -> str:
    """A word list becomes an alternation, longest first so that 协议投资额 wins over 投资, factored for
    `reading`, after a test of its words' first characters where the engine reads forward, before one of
    their last characters where it reads backward: one character ends most tries of a word list, and one
    class test costs less than trying the tree's branches. A list read both ways stays plain, between both
    tests; where it reads, the other test passes whenever a word matched."""
    if isinstance(fragment, str):
        return fragment
    words = sorted(set(fragment), key=lambda w: (-len(w), w))
    if reading is Reading.BOTH:
        alternation = "(?:" + "|".join(regex.escape(w) for w in words) + ")"
    else:
        alternation = word_tree(words, backward=reading is Reading.BACKWARD)
    if len(words) < GUARDED_WORDS or "" in words:
        return alternation
    first = "(?=[" + "".join(sorted({regex.escape(w[0]) for w in words})) + "])"
    last = "(?<=[" + "".join(sorted({regex.escape(w[-1]) for w in words})) + "])"
    if reading is Reading.FORWARD:
        return first + alternation
    if reading is Reading.BACKWARD:
        return alternation + last
    return first + alternation + last


def word_tree(words: list[str], backward: bool) -> str:
    """The words, longest first, as an alternation of one branch per character read first: a word's first
    character (its last, `backward`), then the tree of what follows it in those words."""
    branches: dict[str, list[str]] = {}
    for word in words:
        read_first, rest = (word[-1], word[:-1]) if backward else (word[0], word[1:])
        branches.setdefault(read_first, []).append(rest)
    alternatives = []
    for read_first, rests in branches.items():
        longer = [rest for rest in rests if rest]
        if not longer:
            alternatives.append(regex.escape(read_first))
            continue
        after = word_tree(longer, backward)
        # A word that ends here is the shortest: tried last, as in the plain list. An empty branch, not `?`:
        # the engine resets a guard for every repeat of a pattern at every place it tries a match.
        if len(longer) < len(rests):
            after = f"(?:{after}|)"
        alternatives.append(after + regex.escape(read_first) if backward else regex.escape(read_first) + after)
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
