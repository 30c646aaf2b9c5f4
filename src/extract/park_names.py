"""When two names name one park: official and short zone words (经济技术开发区 = 经开区), a city prefix
(长沙岳麓高新区 = 岳麓高新区), a short form (楠梓园区 for 楠梓科技产业园区). The zone words and their
short forms are data (rules/attribution.toml)."""

import os
from collections.abc import Callable, Iterable

from extract.cues import Cues

CITY_PREFIX = 3  # 深圳 in 深圳前海深港现代服务业合作区: a city may come before the place
NAMES_KEPT = 100_000  # names whose key and zone are remembered: a corpus repeats a few thousand


class ParkNames:
    def __init__(self, cues: Cues):
        self.short_forms = cues.zone_short_forms
        self.zone_word = cues.zone_word
        self.weak_zone_word = cues.weak_zone_word
        # Attribution looks at the same few names again and again, within a document and across documents.
        self.keys: dict[str, str] = {}
        self.zones: dict[str, str] = {}

    def key(self, name: str) -> str:
        """Official and short forms of one park compare equal: 经济技术开发区 = 经开区 = 开发区."""
        return remembered(self.keys, name, self.short_forms_of)

    def short_forms_of(self, name: str) -> str:
        name = name.strip()
        for official, short in self.short_forms:
            name = name.replace(official, short)
        return name

    def same(self, a: str, b: str) -> bool:
        """长沙岳麓高新区 and 岳麓高新区 name one park: a city prefix may be dropped."""
        # Looked up here rather than through `key`: attribution compares names pairwise, thousands of times.
        keys = self.keys
        a, b = keys.get(a) or self.key(a), keys.get(b) or self.key(b)
        return bool(a and b) and (a == b or a.endswith(b) or b.endswith(a))

    def one(self, a: str, b: str) -> bool:
        """Two names of one park: the same name with or without its city, or a short form of the other."""
        return self.same(a, b) or self.either_short_form(a, b)

    def either_short_form(self, a: str, b: str) -> bool:
        """One name a short form of the other (楠梓园区 and 楠梓科技产业园区, in either order)."""
        return self.is_short_form(a, b) or self.is_short_form(b, a)

    def zone_of(self, name: str) -> str:
        """The longest zone word the name ends with ('' if none): 长春高新区 -> 高新区."""
        return remembered(self.zones, name, self.longest_zone_of)

    def longest_zone_of(self, name: str) -> str:
        return next((name[i:] for i in range(len(name)) if self.zone_word.fullmatch(name, i)), "")

    def without_zone(self, name: str) -> str:
        """The words before the name's zone word: 乡村振兴 of 乡村振兴示范区."""
        return name[: len(name) - len(self.zone_of(name))]

    def has_zone(self, name: str, word: str) -> bool:
        """Whether the name's zone word is `word` (长春高新区 is no 新区), or ends in it when `word` is a weak
        zone word said of any park (楠梓科技产业园区 is a 园区)."""
        zone = self.zone_of(name)
        return zone == word or (zone.endswith(word) and bool(self.weak_zone_word.fullmatch(word)))

    def is_short_form(self, short: str, full: str) -> bool:
        """The place, then the zone word, of a longer name: 楠梓园区 shortens 楠梓科技产业园区 and 张江高科技园,
        前海合作区 shortens 深圳前海深港现代服务业合作区."""
        if len(full) <= len(short):
            return False
        if short.endswith("园区") and full.endswith("园"):
            zone = "园区"
        else:
            zone = short[len(short) - len(os.path.commonprefix((short[::-1], full[::-1]))) :]
        place = short.removesuffix(zone)
        return (
            len(zone) >= 2
            and len(place) >= 2
            and place in full[: len(place) + CITY_PREFIX]
            and (zone == "园区" or self.has_zone(full, zone))
        )


SCANNED = 16  # names compared one by one: fewer cost less to compare than to index


class NameList:
    """Names in order, each found again by what two names of one park share (ParkNames.one): the key of one
    ends the other's, or the first two characters of one (its place's, when it is a short form) are among the
    first CITY_PREFIX + 2 of the other. Past SCANNED names, a name is compared with those few, not with all of
    them: a page can list thousands of parks."""

    def __init__(self, names: ParkNames, listed: Iterable[str]):
        self.names = names
        self.listed = list(listed)
        self.indexed = 0  # listed[:indexed] are in the tables below
        self.by_key: dict[str, list[int]] = {}  # a key -> where names with that key are listed
        self.by_key_end: dict[str, list[int]] = {}  # the same by every shorter ending of their keys
        self.by_opening: dict[str, list[int]] = {}  # by their first two characters
        self.by_head_pair: dict[str, list[int]] = {}  # by every two characters starting in their first four

    def add(self, name: str) -> None:
        self.listed.append(name)

    def first(self, name: str, related: Callable[[str, str], bool]) -> str | None:
        """The first listed name that `related` (ParkNames.one, or a part of it) relates `name` to."""
        candidates = range(len(self.listed)) if len(self.listed) <= SCANNED else self.sharing(name)
        return next((self.listed[i] for i in candidates if related(name, self.listed[i])), None)

    def sharing(self, name: str) -> list[int]:
        """Where the names that share a key's ending or two first characters with `name` are listed, in order."""
        for at in range(self.indexed, len(self.listed)):
            self.index(at)
        self.indexed = len(self.listed)
        key = self.names.key(name)
        maybe = set(self.by_head_pair.get(name[:2], ()))  # `name` shortens them
        for pair in {name[i : i + 2] for i in range(CITY_PREFIX + 1)}:
            maybe.update(self.by_opening.get(pair, ()))  # they shorten `name`
        if key:
            maybe.update(self.by_key_end.get(key, ()))  # their keys end with `name`'s
            for i in range(len(key)):
                maybe.update(self.by_key.get(key[i:], ()))  # `name`'s key ends with theirs
        return sorted(maybe)

    def index(self, at: int) -> None:
        name = self.listed[at]
        key = self.names.key(name)
        if key:
            self.by_key.setdefault(key, []).append(at)
            for i in range(1, len(key)):
                self.by_key_end.setdefault(key[i:], []).append(at)
        self.by_opening.setdefault(name[:2], []).append(at)
        for pair in {name[i : i + 2] for i in range(CITY_PREFIX + 1)}:
            self.by_head_pair.setdefault(pair, []).append(at)


def remembered(cache: dict[str, str], name: str, work: Callable[[str], str]) -> str:
    """`work(name)`, looked up in `cache` when it was worked out before; a full cache starts over."""
    found = cache.get(name)
    if found is None:
        if len(cache) >= NAMES_KEPT:
            cache.clear()
        found = cache[name] = work(name)
    return found
