"""Stage 4, extract: one module per fact kind, each registering the resolvers its rules name.

A resolver turns one regex match (its Groups) into a value (or rejects it by returning None); what to
match lives in rules/*.toml, and so do the words whose meaning a resolver looks up (lexicons).
Each resolver declares what it needs from a pattern, so that the loader can reject a rule
whose pattern does not provide it instead of the rule failing on a document."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, get_args

import regex

from extract.extractors.partial import BareZone, LocalCurrency, PartialDate
from extract.lexicon import Lexicons, Value
from extract.models import Qualifier


class Resolved(NamedTuple):
    """What a match stands for. A named tuple, not a frozen dataclass: as immutable, and made three times
    as fast, every match and every fact makes one or two."""

    value: (
        str | Decimal | int | PartialDate | BareZone
    )  # PartialDate until complete.py writes it, BareZone until sections resolve it
    unit: str | LocalCurrency | None = None
    qualifier: str = "exact"
    metric: str | None = None


@dataclass(frozen=True)
class Concept:
    """A lexicon a resolver reads: its name in rules/ and what its values must be."""

    lexicon: str
    expects: str  # the values it accepts, said for the loader's message
    accepts: Callable[[Value], bool]


class Groups:
    """A match's groups by name, for its resolver. `regex` finds a group by name ten times slower than by
    number (0.7 us against 0.05), and a resolver reads several groups of every match: the rule's pattern
    gives the numbers once (Rule.group_numbers)."""

    __slots__ = ("match", "numbers")

    def __init__(self, match: regex.Match, numbers: Mapping[str, int]):
        self.match = match
        self.numbers = numbers

    @property
    def text(self) -> str:
        return self.match.group()

    def __getitem__(self, group: str) -> str | None:
        """A group the resolver needs (the loader checked that the pattern has it); None when it did not match."""
        return self.match[self.numbers[group]]

    def get(self, group: str) -> str | None:
        """A group the resolver can do without: None when it did not match or the pattern lacks it."""
        number = self.numbers.get(group)
        return None if number is None else self.match[number]

    def captures(self, group: str) -> list[str]:
        """What the group captured, every time it matched, in order; none when the pattern lacks it."""
        number = self.numbers.get(group)
        return [] if number is None else self.match.captures(number)


Resolve = Callable[[Groups, Lexicons], Resolved | None]


@dataclass(frozen=True)
class Resolver:
    function: Resolve
    # Each entry is a group the pattern must have, or a tuple of groups of which one is enough.
    needs: tuple[str | tuple[str, ...], ...] = ()
    # The groups whose captured words are looked up, and in which lexicon; optional in a pattern.
    reads: Mapping[str, Concept] = field(default_factory=dict)


RESOLVERS: dict[str, dict[str, Resolver]] = {}


def resolver(
    kind: str, name: str, needs: Iterable[str | tuple[str, ...]] = (), reads: Mapping[str, Concept] | None = None
) -> Callable[[Resolve], Resolve]:
    def register(function: Resolve) -> Resolve:
        RESOLVERS.setdefault(kind, {})[name] = Resolver(function, tuple(needs), dict(reads or {}))
        return function

    return register


QUALIFIER = Concept("qualifier", f"one of {', '.join(get_args(Qualifier))}", lambda value: value in get_args(Qualifier))
# When hedges disagree, a bound beats an approximation: 约…以上 is at least.
QUALIFIER_PRECEDENCE = ("at_least", "at_most", "less_than", "more_than", "approx", "exact")
QUALIFIER_RANK = {qualifier: rank for rank, qualifier in enumerate(QUALIFIER_PRECEDENCE)}


def qualifier_of(groups: Groups, lexicons: Lexicons) -> str:
    """The qualifier the hedge words around a number name (超过, 约, 以上 ...). Every number asks, and most
    have none: `exact` at once."""
    said = lexicons.meanings(groups, "hedge")
    return str(min(said, key=QUALIFIER_RANK.__getitem__)) if said else "exact"


from extract.extractors import date, investment, park, project_count, rate  # noqa: E402,F401  (registration)
