"""Stage 4b, proper heads: a park name is a proper head, qualifiers and a zone word.

The head is an administrative place (rules/places.txt) or a proper name. A match whose left edge
took in the words before a place (其中 + 广州南沙新区, 开放开发 + 福州新区, 助力 + 连云港综合保税区)
is cut back to the place. Names without a place (漕河泾开发区, 郑蒲港新区) are kept as the park
rule's boundaries found them.
"""

from dataclasses import replace

import regex

from extract.gazetteer import LEVELS, Gazetteer
from extract.match import Candidate

# Township short forms include common words (发展, 中心): only higher divisions, and townships in full, head a name.
HEAD_LEVELS = LEVELS[:3]
# A park two countries build is named for both before its place: 中新天津生态城, 中德(常州)创新产业园.
PARTNER_PREFIX = regex.compile(r"中\p{Han}")


def with_proper_heads(candidates: list[Candidate], text: str, places: Gazetteer) -> list[Candidate]:
    out = []
    for c in candidates:
        if c.kind != "park":
            out.append(c)
            continue
        head = place_start(text, c, places)
        if head is not None:
            partners = PARTNER_PREFIX.fullmatch(text, c.start, head)
            out.append(cut_to(c, head, text) if head > c.start and not partners else c)
        else:
            out.append(c)
    return out


def written_as_is(c: Candidate, text: str) -> bool:
    """Whether the name is the matched text itself (not composed from a list: 中埔、水上等五大产业园区)."""
    return c.resolved.value == text[c.start : c.end]


def place_start(text: str, c: Candidate, places: Gazetteer) -> int | None:
    """Where the first place in the name starts, None if it has none. A place inside brackets
    (中国(驻马店)国际农产品加工产业园) or after an opening one heads nothing: the name starts before it."""
    for i in range(c.start, c.end - 2):
        if text[i] in "()":
            return c.start if text[i] == "(" else None
        if places.longest_place_prefix(text, i) and not is_generic(text, i, places):
            return i
    return None


# County-level names that are also generic words: 城区 or 新城 never head a park name.
GENERIC_PLACES = frozenset({
    "城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "新城", "新区", "市中", "城中", "老城", "振兴", "复兴", "资源", "合作",
    "和平", "比如", "南部", "解放", "东方", "港口", "公安", "通道", "共和", "友谊", "平安", "光明", "新兴", "前进", "东风", "红旗",
    "新华", "新市", "城关", "向阳", "大方", "长子", "二七", "台前",
})


def is_generic(text: str, i: int, places: Gazetteer) -> bool:
    return text[i : i + places.longest_place_prefix(text, i)] in GENERIC_PLACES


def cut_to(c: Candidate, start: int, text: str) -> Candidate:
    if not written_as_is(c, text):
        return c
    return replace(c, start=start, resolved=replace(c.resolved, value=text[start : c.end]))
