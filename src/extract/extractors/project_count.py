"""Counts of projects: a number with a measure word, tied to the word 项目."""

import regex

from extract.extractors import Resolved, qualifier_of, resolver
from extract.extractors.numbers import parse_number


@resolver("project_count", "count")
def count(match: regex.Match) -> Resolved | None:
    try:
        value = parse_number(match["num"])
    except ValueError:
        return None
    if value != value.to_integral_value() or value <= 0:
        return None
    actions = [a for a in match.captures("action") if a]
    return Resolved(int(value), None, qualifier_of(match), actions[0] if actions else None)
