"""Stage 4b, proper heads: a park name is a proper head, qualifiers and a zone word.

The head is an administrative place (rules/places.txt) or a proper name. A match whose left edge
took in the words before a place (其中 + 广州南沙新区, 开放开发 + 福州新区, 助力 + 连云港综合保税区)
is cut back to the place. A match with no place whose words before the zone word are all common
words (乡村振兴示范区, 国内大部分园区, 我省开发区: rules/common_words.txt) has no proper head: it is a
generic phrase, not a park, unless its zone word is an industry or science park's (医疗器械产业园, 南部科学园区) or the text
names it again (西海岸新区: a proper name that is also a word). Other names without a place (漕河泾开发区,
郑蒲港新区) are kept.
"""

from collections import Counter

from extract.common_words import CommonWords
from extract.cues import Cues
from extract.gazetteer import LEVELS, Gazetteer
from extract.match import Candidate
from extract.park_names import ParkNames

# Township short forms include common words (发展, 中心): only higher divisions head a name.
HEAD_LEVELS = LEVELS[:3]


def with_proper_heads(
    candidates: list[Candidate], text: str, places: Gazetteer, cues: Cues, names: ParkNames, common: CommonWords
) -> list[Candidate]:
    said: Counter[str] | None = None  # how often each name is said: counted only if a name has no place
    out = []
    for c in candidates:
        if c.kind != "park" or not written_as_is(c, text):
            out.append(c)
            continue
        head = place_start(text, c, places, cues)
        if head is None:
            said = said or Counter(p.resolved.value for p in candidates if p.kind == "park")
            if said[c.resolved.value] > 1 or not is_generic_phrase(c.resolved.value, cues, names, common):
                out.append(c)  # a name the text uses again is a proper one (西海岸新区)
            continue
        if head > c.start and not cues.partner_prefix.fullmatch(text, c.start, head):
            c = c._replace(start=head, resolved=c.resolved._replace(value=text[head : c.end]))
        out.append(c)
    return out


def is_generic_phrase(name: str, cues: Cues, names: ParkNames, common: CommonWords) -> bool:
    """Common words before a zone word that needs a proper name (乡村振兴示范区, 我省开发区); an industry or
    science park may be named by its industry or region alone (医疗器械产业园, 南部科学园区)."""
    return names.zone_of(name) not in cues.descriptive_zone_words and common.is_generic(names.without_zone(name))


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
