"""Which words a named group of a pattern can capture, read from the pattern's source before any text
is matched: a group made of words (literal alternatives, {fragments} that are lists of words) can be
checked against the lexicon its resolver looks the words up in; a group with other syntax cannot."""

from collections.abc import Iterator, Mapping

import regex

PLACEHOLDER = regex.compile(r"\{([a-z][a-z0-9_]*)\}")
SYNTAX = set("\\.^$*+?()[]{}|")


def syntax(pattern: str) -> Iterator[tuple[int, str]]:
    """Each character of a pattern that is regex syntax: neither escaped nor inside a character class."""
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # skip the class; a ] right after [ or [^ is a member
            i += 2 if pattern.startswith("[^", i) else 1
            i += 1 if pattern.startswith("]", i) else 0
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
            continue
        if ch in SYNTAX:
            yield i, ch
        i += 1


def group_bodies(pattern: str, group: str) -> list[str]:
    """The source inside every (?P<group>...) of the pattern."""
    opening = f"(?P<{group}>"
    marks = list(syntax(pattern))
    bodies = []
    for k, (i, ch) in enumerate(marks):
        if ch != "(" or not pattern.startswith(opening, i):
            continue
        depth = 0
        for j, mark in marks[k:]:
            depth += {"(": 1, ")": -1}.get(mark, 0)
            if depth == 0:
                bodies.append(pattern[i + len(opening) : j])
                break
    return bodies


def alternatives(body: str) -> list[str]:
    """The top-level alternatives of a pattern, with a group that encloses all of it opened: (?:a|b) -> a, b."""
    while body.startswith("(?:") and enclosing(body):
        body = body[3:-1]
    cuts, depth = [], 0
    for i, ch in syntax(body):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            cuts.append(i)
    edges = [-1, *cuts, len(body)]
    return [body[a + 1 : b] for a, b in zip(edges, edges[1:])]


def enclosing(body: str) -> bool:
    """Whether the group that opens the body closes at its last character."""
    depth = 0
    for i, ch in syntax(body):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            return i == len(body) - 1
    return False


def words_of(body: str, word_lists: Mapping[str, list[str]]) -> set[str] | None:
    """Every word the group body can match, or None when it is not made of words alone."""
    words: set[str] = set()
    for alternative in alternatives(body):
        if (m := PLACEHOLDER.fullmatch(alternative)) and m[1] in word_lists:
            words |= set(word_lists[m[1]])
        elif alternative.startswith("(?:") and enclosing(alternative):
            inner = words_of(alternative, word_lists)
            if inner is None:
                return None
            words |= inner
        elif alternative and not SYNTAX & set(alternative):
            words.add(alternative)
        else:
            return None
    return words
