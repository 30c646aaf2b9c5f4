"""Counts of projects: a number with a measure word, tied to the word 项目."""

import regex

from extract.extractors import QUALIFIER, Resolved, qualifier_of, resolver
from extract.extractors.numbers import parse_number
from extract.lexicon import Lexicons


@resolver("project_count", "count", needs=("num",), reads={"hedge": QUALIFIER})
def count(match: regex.Match, lexicons: Lexicons) -> Resolved | None:
    try:
        value = parse_number(match["num"])
    except ValueError:
        return None
    if value != value.to_integral_value() or value <= 0:
        return None
    actions = [a for a in match.captures("action") if a] if "action" in match.re.groupindex else []
    return Resolved(int(value), None, qualifier_of(match, lexicons), actions[0] if actions else None)
