"""The cues the stages around the rules read, as data: rules/layout.toml (segmentation) and
rules/attribution.toml (heads, sections, links). A rules folder without its own file uses the built-in
cues. Every cue is a pattern, checked and compiled by the loader (attribution's with the shared
fragments and those of park.toml); a missing or unknown cue is a load error naming the file."""

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

ATTRIBUTION_FILE = "attribution.toml"
LAYOUT_FILE = "layout.toml"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CueSpec(Strict):
    governing_place: str
    outlet_place: str
    bracketed_place: str
    location_before: str
    built_before: str
    list_joiner: str
    clause_opening: str
    not_topic_after: str
    short_name_opening: str
    short_name_closing: str
    respectively: str
    parts_before: str
    venue_before: str
    venue_after: str
    partner_prefix: str
    zone_word: str
    weak_zone_word: str


class HeadSpec(Strict):
    descriptive_zone_words: list[str] = Field(min_length=1)
    generic_places: list[str] = Field(min_length=1)


class AttributionFile(Strict):
    description: str = Field(min_length=1)
    cues: CueSpec
    zone_short_forms: dict[str, str] = Field(min_length=1)
    heads: HeadSpec


@dataclass(frozen=True)
class Cues:
    """Compiled cues, one attribute per field of CueSpec, plus the tables."""

    governing_place: Any
    outlet_place: Any
    bracketed_place: Any
    location_before: Any
    built_before: Any
    list_joiner: Any
    clause_opening: Any
    not_topic_after: Any
    short_name_opening: Any
    short_name_closing: Any
    respectively: Any
    parts_before: Any
    venue_before: Any
    venue_after: Any
    partner_prefix: Any
    zone_word: Any
    weak_zone_word: Any
    zone_short_forms: tuple[tuple[str, str], ...]  # official -> short, longest official first
    generic_places: frozenset[str]
    descriptive_zone_words: frozenset[str]


def compile_cues(spec: AttributionFile, compile_pattern, where: str, problems: list[str]) -> Cues | None:
    """`compile_pattern(pattern, where)` is the loader's: it expands fragments and reports problems."""
    compiled = {name: compile_pattern(pattern, f"{where}: cue {name}") for name, pattern in spec.cues}
    if any(pattern is None for pattern in compiled.values()):
        return None
    forms = tuple(sorted(spec.zone_short_forms.items(), key=lambda item: (-len(item[0]), item[0])))
    return Cues(
        **compiled,
        zone_short_forms=forms,
        generic_places=frozenset(spec.heads.generic_places),
        descriptive_zone_words=frozenset(spec.heads.descriptive_zone_words),
    )


class LayoutCueSpec(Strict):
    furniture_line: str
    previous_next_alone: str
    link_list: str
    dateline: str
    outlet: str
    author: str
    date_label: str


class LayoutFile(Strict):
    description: str = Field(min_length=1)
    cues: LayoutCueSpec


@dataclass(frozen=True)
class LayoutCues:
    """Compiled layout cues, one attribute per field of LayoutCueSpec."""

    furniture_line: Any
    previous_next_alone: Any
    link_list: Any
    dateline: Any
    outlet: Any
    author: Any
    date_label: Any


def compile_layout_cues(spec: LayoutFile, compile_pattern, where: str, problems: list[str]) -> LayoutCues | None:
    compiled = {name: compile_pattern(pattern, f"{where}: cue {name}") for name, pattern in spec.cues}
    return None if any(pattern is None for pattern in compiled.values()) else LayoutCues(**compiled)
