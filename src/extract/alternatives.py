"""A pattern's top-level alternatives, each to be searched alone (ruleset.Signal's prefilter).

regex looks for where an alternation can start by testing every character against all its alternatives'
first characters, one by one; an alternative alone often has a literal to find, or a few first characters.
"""

import regex

# What can hold a | that does not split the pattern: an escape, a character class, a group's brackets.
TOKENS = regex.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[()|]", regex.S)


def alternatives(source: str) -> list[str]:
    """The alternatives of `source` at its top level, in order: one when it has no top-level |."""
    pieces, depth, start = [], 0, 0
    for m in TOKENS.finditer(source):
        token = m.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "|" and depth == 0:
            pieces.append(source[start : m.start()])
            start = m.end()
    return [*pieces, source[start:]]
