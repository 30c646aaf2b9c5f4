"""Stage 4b, proper heads: a park name is a proper head, qualifiers and a zone word.

The head is an administrative place (rules/places.txt) or a proper name. A match whose left edge
took in the words before a place (其中 + 广州南沙新区, 开放开发 + 福州新区, 助力 + 连云港综合保税区)
is cut back to the place. Names without a place (漕河泾开发区, 郑蒲港新区) are kept as the park
rule's boundaries found them.
"""

from dataclasses import replace

from extract.cues import Cues
from extract.gazetteer import LEVELS, Gazetteer
from extract.match import Candidate

# Township short forms include common words (发展, 中心): only higher divisions head a name.
HEAD_LEVELS = LEVELS[:3]


def with_proper_heads(candidates: list[Candidate], text: str, places: Gazetteer, cues: Cues) -> list[Candidate]:
    out = []
    for c in candidates:
        head = place_start(text, c, places, cues) if c.kind == "park" and written_as_is(c, text) else None
        partners = head is not None and cues.partner_prefix.fullmatch(text, c.start, head)
        if head is not None and head > c.start and not partners:
            c = replace(c, start=head, resolved=replace(c.resolved, value=text[head : c.end]))
        out.append(c)
    return out


def written_as_is(c: Candidate, text: str) -> bool:
    """Whether the name is the matched text itself (not composed from a list: 中埔、水上等五大产业园区)."""
    return c.resolved.value == text[c.start : c.end]


def place_start(text: str, c: Candidate, places: Gazetteer, cues: Cues) -> int | None:
    """Where the first place in the name starts, None if it has none. A place inside brackets
    (中国(驻马店)国际农产品加工产业园) or after an opening one heads nothing: the name starts before it."""
    for i in range(c.start, c.end - 2):
        if text[i] in "()":
            return c.start if text[i] == "(" else None
        length = places.longest_place_prefix(text, i)
        if length and text[i : i + length] not in cues.generic_places:
            return i
    return None
