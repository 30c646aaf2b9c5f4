"""Park names: a proper name glued to a zone word (连云港高新区, 中关村示范区)."""

import regex

from extract.extractors import Resolved, resolver


@resolver("park", "name")
def name(match: regex.Match) -> Resolved | None:
    return Resolved(match.group(), metric="mention")
