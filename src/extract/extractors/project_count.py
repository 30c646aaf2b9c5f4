"""Counts of projects: a number with a measure word, tied to the word 项目."""

from extract.extractors import QUALIFIER, Groups, Resolved, qualifier_of, resolver
from extract.extractors.numbers import parse_number
from extract.lexicon import Lexicons


@resolver("project_count", "count", needs=("num",), reads={"hedge": QUALIFIER})
def count(groups: Groups, lexicons: Lexicons) -> Resolved | None:
    try:
        value = parse_number(groups["num"])
    except ValueError:
        return None
    if value != value.to_integral_value() or value <= 0:
        return None
    actions = [a for a in groups.captures("action") if a]
    return Resolved(int(value), None, qualifier_of(groups, lexicons), actions[0] if actions else None)
