"""Reopening rates: a percentage (or 成, or 百分之…) tied to a resumption word."""

from decimal import Decimal

import regex

from extract.extractors import Resolved, qualifier_of, resolver
from extract.extractors.numbers import parse_number

# Canonical metric names of the contract, found from the words around the number.
METRICS = (
    ("复工复产率", ("复工复产",)),
    ("开复工率", ("开复工",)),
    ("产能利用率", ("产能利用",)),
    ("产能恢复", ("产能",)),
    ("达产率", ("达产",)),
    ("返岗率", ("返岗", "返工", "返厂")),
    ("到岗率", ("到岗", "在岗")),
    ("复产率", ("复产",)),
    ("开工率", ("开工",)),
    ("复工率", ("复工", "复业", "复市")),
)


def metric_of(words: str) -> str | None:
    for metric, markers in METRICS:
        if any(marker in words for marker in markers):
            return metric
    return None


def percent_of(match: regex.Match) -> Decimal:
    if "tenths" in match.re.groupindex and match["tenths"]:  # 九成 = 90%, 九成五 = 95%
        value = parse_number(match["tenths"]) * 10
        if match["tenths_rest"]:
            value += parse_number(match["tenths_rest"])
        return value
    return parse_number(match["num"])


@resolver("rate", "percent")
def percent(match: regex.Match) -> Resolved | None:
    metric = metric_of(match["metric"] or "")
    if metric is None:
        return None
    try:
        value = percent_of(match)
    except ValueError:
        return None
    if not 0 <= value <= 100:
        return None
    return Resolved(value, "%", qualifier_of(match), metric)
