"""Traditional to simplified Chinese exactly as opencc-python-reimplemented's t2s converts it, fast.

The package's dictionaries stay the source of truth: a character table and a phrase table are built
from them at first use. Every t2s value is as long as its key, so conversion is one `str.translate`,
one character for one (offsets survive). The phrases that convert otherwise than their characters
(反覆 -> 反复, where the characters alone give 反覆) are rare: only a stretch of text between OpenCC's
separators that holds one is handed to the package, whose longest-match-first order decides between
overlapping phrases as it always has. A stretch without one converts as its characters do, whatever
other phrases it holds."""

import re
from array import array
from dataclasses import dataclass
from functools import cache
from importlib import resources

from opencc import OpenCC

from extract.charmap import indexed


@dataclass(frozen=True)
class Tables:
    characters: array  # code point -> the code point of its simplified character (a `str.translate` table)
    changed: frozenset[str]  # every character t2s may change, alone or in a phrase
    phrase: re.Pattern  # any phrase that converts otherwise than its characters
    converter: OpenCC  # the package, for the stretches that hold a phrase


def dictionary(name: str) -> dict[str, str]:
    """A dictionary of the package: key -> the value it uses (the first of its alternatives)."""
    lines = (resources.files("opencc") / "dictionary" / name).read_text(encoding="utf-8").splitlines()
    return dict((key, values.split(" ")[0]) for key, _, values in (line.partition("\t") for line in lines if line))


@cache
def tables() -> Tables:
    converter = OpenCC("t2s")
    # The package converts the stretches between its separators, never a separator, nor a phrase holding one.
    separator = converter.split_chars_re
    # An entry of another length than its key would shift every offset after it: left out (there is none).
    characters = {
        k: v
        for k, v in dictionary("TSCharacters.txt").items()
        if len(k) == len(v) == 1 and k != v and not separator.match(k)
    }
    phrases = {k: v for k, v in dictionary("TSPhrases.txt").items() if len(k) == len(v) and not separator.search(k)}
    table = {ord(k): v for k, v in characters.items()}
    special = [k for k, v in phrases.items() if k.translate(table) != v]
    # A text without one of these is left as it is: no character of it, nor of a phrase in it, changes.
    changed = set(characters) | {a for key in special for a, b in zip(key, phrases[key]) if a != b}
    # `re`, not `regex`: ten times faster on these literals.
    return Tables(indexed(table), frozenset(changed), re.compile(longest_first(special)), converter)


def longest_first(words: list[str]) -> str:
    """A pattern that matches, where some of `words` start, the longest of them, as their alternation longest
    first does; written as their trie. An alternation is tried word by word wherever one starts, and 於, 以,
    大 start many; the trie reads each character once: twice as fast a search of traditional news."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return trie_pattern(trie)


def trie_pattern(node: dict) -> str:
    ways = [re.escape(char) + trie_pattern(rest) for char, rest in sorted(node.items()) if char]
    if not ways:
        return ""
    group = ways[0] if len(ways) == 1 and "" not in node else f"(?:{'|'.join(ways)})"
    return group + "?" if "" in node else group  # greedy: a word that goes on is tried before the one ending here


def to_simplified(text: str) -> str:
    """`OpenCC("t2s").convert(text)`, of the same length as `text`."""
    t = tables()
    if t.changed.isdisjoint(text):  # most news is simplified
        return text
    # The whole text converts as its characters, but for the stretches that hold a special phrase: those the
    # package converts (where it keeps their length).
    characters = text.translate(t.characters)
    pieces, position, converted = [], 0, 0
    for m in t.phrase.finditer(text):
        if m.start() < converted:
            continue  # in the stretch of a phrase before it
        start, converted = stretch(text, m.start(), t.converter.split_chars_re)
        out = t.converter.convert(text[start:converted])
        if len(out) == converted - start:
            pieces += [characters[position:start], out]
            position = converted
    pieces.append(characters[position:])
    return "".join(pieces)


def stretch(text: str, position: int, separator: re.Pattern) -> tuple[int, int]:
    """Where the stretch of text between two separators (as the package splits text) that holds `position` is."""
    start = position
    while start and separator.match(text, start - 1) is None:
        start -= 1
    after = separator.search(text, position)
    return start, after.start() if after else len(text)
