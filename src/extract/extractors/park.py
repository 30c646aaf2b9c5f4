"""Park names: a proper name glued to a zone word (连云港高新区, 中关村示范区)."""

from extract.extractors import Groups, Resolved, resolver
from extract.extractors.partial import BareZone
from extract.lexicon import Lexicons


@resolver("park", "name")
def name(groups: Groups, lexicons: Lexicons) -> Resolved | None:
    return Resolved(groups.text, metric="mention")


@resolver("park", "name_with_zone", needs=("name", "zone"))
def name_with_zone(groups: Groups, lexicons: Lexicons) -> Resolved | None:
    """A name whose zone word is written once for several names (中埔、水上等五大产业园区 -> 水上产业园区),
    or a zone word whose name is written once for several zones (南昌经开区、临空区 -> 南昌临空区)."""
    return Resolved(groups["name"] + groups["zone"], metric="mention")


@resolver("park", "bare_zone")
def bare_zone(groups: Groups, lexicons: Lexicons) -> Resolved | None:
    """A zone word standing alone: which park it is, only its section can tell."""
    return Resolved(BareZone(groups.text), metric="mention")
