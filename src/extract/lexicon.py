"""Lexicons: the words of one concept and the canonical value each stands for (美元 -> USD, 超过 ->
more_than), declared once in rules/ and read by both sides: a pattern uses each named set of words
as a fragment ({currency_before}), a resolver looks up what the words its groups captured stand for."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extract.extractors import Groups

Value = str | int


@dataclass(frozen=True)
class Lexicon:
    name: str
    file: str  # where it is declared, for the loader's messages
    sets: Mapping[str, tuple[str, ...]]  # fragment name -> its words
    meanings: Mapping[str, Value]  # casefolded word -> value, one per word across the sets

    def __getitem__(self, word: str) -> Value:
        return self.meanings[word.casefold()]

    def __contains__(self, word: str) -> bool:
        return word.casefold() in self.meanings


def build_lexicon(name: str, file: str, sets: Mapping[str, Mapping[str, Value]], problems: list[str]) -> Lexicon:
    """A word says one thing wherever a lexicon lists it: 多 is more_than both within and after a number."""
    meanings: dict[str, Value] = {}
    where: dict[str, str] = {}
    for set_name, words in sets.items():
        for word, value in words.items():
            key = word.casefold()
            if key in meanings and meanings[key] != value:
                problems.append(
                    f"{file}: lexicon {name}: {word!r} is {meanings[key]!r} in {where[key]} but {value!r} in {set_name}"
                )
            meanings.setdefault(key, value)
            where.setdefault(key, set_name)
    return Lexicon(name, file, {set_name: tuple(words) for set_name, words in sets.items()}, meanings)


@dataclass(frozen=True)
class Lexicons:
    """The lexicons a rule's resolver reads, by the group whose captured words it looks up."""

    by_group: Mapping[str, Lexicon]

    def meanings(self, groups: "Groups", group: str) -> list[Value]:
        """What each word the group captured stands for, in order; none when the pattern lacks the group.
        The loader made sure that every word the group can capture is in its lexicon."""
        words = groups.captures(group)
        if not words:
            return []
        lexicon = self.by_group[group]
        return [lexicon[word] for word in words]
