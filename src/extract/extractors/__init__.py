"""Stage 4, extract: one module per fact kind, each registering the resolvers its rules name.

A resolver turns one regex match into a value (or rejects it by returning None); what to
match lives in rules/*.toml.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import regex


@dataclass(frozen=True)
class Resolved:
    value: str | Decimal | int
    unit: str | None = None
    qualifier: str = "exact"
    metric: str | None = None


Resolver = Callable[[regex.Match], Resolved | None]
RESOLVERS: dict[str, dict[str, Resolver]] = {}


def resolver(kind: str, name: str) -> Callable[[Resolver], Resolver]:
    def register(function: Resolver) -> Resolver:
        RESOLVERS.setdefault(kind, {})[name] = function
        return function

    return register


def qualifier_of(match: regex.Match) -> str:
    """The qualifier named by the groups a pattern sets: pre/post hedge words around a number."""
    words = "".join(match.captures("hedge")) if "hedge" in match.re.groupindex else ""
    for qualifier, markers in QUALIFIER_WORDS:
        if any(marker in words for marker in markers):
            return qualifier
    return "exact"


QUALIFIER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("at_least", ("以上", "不少于", "不低于", "至少")),
    ("at_most", ("以下", "以内", "最多")),
    ("less_than", ("不到", "不足", "低于", "少于", "未满")),
    ("more_than", ("超过", "超", "逾", "余", "多", "突破", "过")),
    ("approx", ("约", "近", "左右", "上下", "大约", "接近", "将近", "差不多")),
)

from extract.extractors import date, investment, park, project_count, rate  # noqa: E402,F401  (registration)
