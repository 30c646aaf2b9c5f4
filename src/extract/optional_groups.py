"""A group the rules make optional with `?` is handed to the engine as a branch with an empty alternative.

The regex engine keeps a guard for every repeat of a pattern, and resets them all at every place it tries a
match; a `?` is a repeat. (X)? and (?:(X)|) match alike, greedy: X is tried first, then nothing. So are
(?:X)? and (?:X|). Rules keep the `?`, which reads better; compiling rewrites it (park.zone holds dozens).
A lazy or possessive ?, a lookaround's ?, and a ? after anything but a group are left as written."""

from extract.word_lists import GROUPING

LOOKAROUND_OPENINGS = ("(?=", "(?!", "(?<=", "(?<!")


def as_branches(source: str) -> str:
    """`source` with each greedily optional group written as a branch that may match nothing."""
    edits: list[tuple[int, int, str]] = []  # (where, characters replaced, by what)
    opened: list[int] = []
    for m in GROUPING.finditer(source):
        if m.group() == ")":
            start = opened.pop() if opened else None
            end = m.end()  # the ? would be here
            if start is None or source[end : end + 1] != "?" or source[end + 1 : end + 2] in ("?", "+"):
                continue
            if source.startswith(LOOKAROUND_OPENINGS, start):
                continue
            if source.startswith("(?:", start):
                edits.append((end - 1, 2, "|)"))  # (?:X)? -> (?:X|)
            else:
                edits.append((start, 0, "(?:"))  # (X)? -> (?:(X)|)
                edits.append((end, 1, "|)"))
        elif m.group().startswith("("):
            opened.append(m.start())
    for where, replaced, by in sorted(edits, reverse=True):
        source = source[:where] + by + source[where + replaced :]
    return source
