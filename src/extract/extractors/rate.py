"""Reopening rates: a percentage (or 成, or 百分之…) tied to a resumption word, whose metric name the
rate_metric lexicon gives (返工率 and 返岗 are both 返岗率)."""

from decimal import Decimal

from extract.extractors import QUALIFIER, Concept, Groups, Resolved, qualifier_of, resolver
from extract.extractors.numbers import parse_number
from extract.lexicon import Lexicons

RATE_METRIC = Concept("rate_metric", "a metric name", lambda value: isinstance(value, str) and bool(value))


def percent_of(groups: Groups) -> Decimal | None:
    tenths = groups.get("tenths")
    if tenths:  # 九成 = 90%, 九成五 = 95%
        rest = groups.get("tenths_rest")
        return parse_number(tenths) * 10 + (parse_number(rest) if rest else 0)
    num = groups.get("num")
    return parse_number(num) if num else None


@resolver("rate", "percent", needs=("metric", ("num", "tenths")), reads={"metric": RATE_METRIC, "hedge": QUALIFIER})
def percent(groups: Groups, lexicons: Lexicons) -> Resolved | None:
    metrics = lexicons.meanings(groups, "metric")
    if not metrics:
        return None
    try:
        value = percent_of(groups)
    except ValueError:
        return None
    if value is None or not 0 <= value <= 100:
        return None
    return Resolved(
        value, "%", qualifier_of(groups, lexicons), str(metrics[-1])
    )  # the last word, as groups["metric"] reads
