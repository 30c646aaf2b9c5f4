"""Stage 2, normalize: simplified Chinese, no pinyin annotations, folded full-width forms,
garbled runs masked, with a map from every normalized character back to the source.

Rules are written for the normalized text; `Normalized.source_span` turns a match there
into offsets of the decoded source, so `source[start:end]` is always the fact's text.
"""

import operator
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extract.charmap import translator
from extract.read import MARKUP
from extract.t2s import to_simplified

# U+FF01..U+FF5E are ASCII shifted by 0xFEE0; the ideographic space is a space. Both 1:1.
FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
fold_full_width = translator(FULL_WIDTH)
# Pinyin with tone marks in brackets right after a character: 區(qū), 項(xiàng). Plain
# words in brackets such as (南通), (一期二标段) or 12nm(纳米) are not pinyin.
PINYIN_ANNOTATION = regex.compile(
    r"(?<=[\p{Han}\u25a0])\((?=[a-zA-Z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\)"
)
# Text decoded with the wrong codec: a '?' where a byte was lost, followed by ASCII
# punctuation or letters glued to Chinese (?!懊刻於加?000), runs of U+FFFD, and digits
# with a '?' among them (a lost digit makes the whole number untrustworthy).
GARBLE_START = regex.compile(r"\?(?=[!-/:-@\[-`{-~A-Za-z\u00c0-\u024f])|\ufffd+|[0-9]*\?[0-9]+")
# The run goes on to the next lost byte ('?', and the digits it damaged) when one is near,
# else over a few more characters up to a separator.
GARBLE_TAIL = regex.compile(r"[^\s,.，。；;、：:“”\"()（）?]{0,12}\?[0-9]*|[^\s,.，。；;、：:“”\"()（）?]{0,6}")
MASK = "\u25a0"  # ■: rules never match it, so no fact spans a garbled run
# Characters with no text of their own: pinyin annotations, and inline HTML markup that the
# reading stage marked as NUL (项目<b>30</b>个 reads as 项目30个).
DROPPED = regex.compile(PINYIN_ANNOTATION.pattern + "|" + MARKUP + "+")
TRADITIONAL_SHARE = 0.03  # share of Han characters that t2s changes in traditional text
SCRIPT_STRETCH = 200  # characters compared at a time: a traditional article is told after one (500 took twice as long)
HAN = regex.compile(r"\p{Han}")


@dataclass
class Normalized:
    text: str
    origin: Sequence[int]  # origin[i] = source offset of text[i]; origin[len(text)] = end of source
    script: str
    garbled: list[tuple[int, int]]  # source spans that were masked

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of normalized text[start:end]."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def find_garbled(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "?" not in text and "\ufffd" not in text:  # every garbled run starts at one of them
        return spans
    for m in GARBLE_START.finditer(text):
        start, end = m.span()
        if spans and start < spans[-1][1]:
            continue
        if text[start] == "?" and not text[end - 1].isdigit():
            end = GARBLE_TAIL.match(text, end).end()
        spans.append((start, end))
    return spans


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, position = [], 0
    for start, end in spans:
        pieces += [text[position:start], MASK * (end - start)]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def script_of(before: str, after: str) -> str:
    """Traditional when t2s changed a fair share of the Han characters (simplified text has a few
    characters that OpenCC also maps, such as 覆 or a name's 頫)."""
    if before == after:
        return "simplified"
    # Han characters are a part of all characters: a fair share of all is a fair share of the Han, and
    # the changes only add up, so the text is traditional once the stretches compared so far show it.
    changed = 0
    for start in range(0, len(before), SCRIPT_STRETCH):
        end = start + SCRIPT_STRETCH
        changed += sum(map(operator.ne, before[start:end], after[start:end]))
        if changed >= 5 and changed / len(before) >= TRADITIONAL_SHARE:
            return "traditional"
    if changed < 5:
        return "simplified"
    return "traditional" if changed / (len(HAN.findall(before)) or 1) >= TRADITIONAL_SHARE else "simplified"


class Shifted(Sequence[int]):
    """The origin of every character of a text that lost stretches of its source: its own offset, plus all
    the characters lost before it: two numbers a lost stretch, not one a character."""

    def __init__(self, length: int, positions: list[int], lost: list[int]):
        self.length = length  # of the text
        self.positions = positions  # where in the text each lost stretch was, in order
        self.lost = lost  # the characters lost up to each of them, that one included

    def __len__(self) -> int:
        return self.length + 1  # and one for the end of the source

    def __getitem__(self, i: int) -> int:  # type: ignore[override]  # offsets only: no slices, none from the end
        if not 0 <= i <= self.length:
            raise IndexError(i)
        before = bisect_right(self.positions, i)
        return i + (self.lost[before - 1] if before else 0)


def dropped(text: str) -> tuple[str, Sequence[int]]:
    """The text without pinyin annotations and markup, and the origin of every remaining character."""
    # Most text: every character is where it was. Tested apart, as their alternation keeps the engine from
    # looking for the annotation's bracket first: three times as fast.
    if MARKUP not in text and PINYIN_ANNOTATION.search(text) is None:
        return text, range(len(text) + 1)
    pieces, positions, lost, position = [], [], [], 0
    for m in DROPPED.finditer(text):
        pieces.append(text[position : m.start()])
        so_far = lost[-1] if lost else 0
        positions.append(m.start() - so_far)  # where in the text the stretch stood
        lost.append(so_far + m.end() - m.start())
        position = m.end()
    pieces.append(text[position:])
    kept = "".join(pieces)
    return kept, Shifted(len(kept), positions, lost)


def normalize(content: str) -> Normalized:
    folded = fold_full_width(content)
    garbled = find_garbled(folded)
    readable = masked(folded, garbled)
    simplified = to_simplified(readable)
    text, origin = dropped(simplified)
    return Normalized(text, origin, script_of(readable, simplified), garbled)
