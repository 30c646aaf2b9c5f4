"""Investment amounts: a number, a magnitude word and a currency, read exactly.

A plain 元 is the local currency, which only the whole document can tell: its value in the currency
lexicon is `local`, handed over as LocalCurrency for complete.py to decide once per document."""

import regex

from extract.extractors import QUALIFIER, Concept, Groups, Resolved, qualifier_of, resolver
from extract.extractors.numbers import magnitude, parse_number
from extract.extractors.partial import LocalCurrency
from extract.lexicon import Lexicons

LOCAL = "local"  # the currency lexicon's value for a plain 元
CURRENCY = Concept(
    "currency",
    f"an ISO 4217 code (three capital letters) or {LOCAL!r}",
    lambda value: value == LOCAL or bool(regex.fullmatch(r"[A-Z]{3}", str(value))),
)
READS = {"currency": CURRENCY, "header_unit": CURRENCY, "hedge": QUALIFIER}
# An amount needs its currency: said beside the number, or by a table's header (总投资(亿元)).
NEEDS = ("num", ("currency", "header_unit"))


def currency_of(groups: Groups, lexicons: Lexicons) -> str | LocalCurrency:
    """The first currency word that names one (美金50亿元 is USD); a plain 元 is the local currency."""
    said = lexicons.meanings(groups, "currency") or lexicons.meanings(groups, "header_unit")
    return next((str(code) for code in said if code != LOCAL), LocalCurrency())


@resolver("investment", "money", needs=NEEDS, reads=READS)
def money(groups: Groups, lexicons: Lexicons) -> Resolved | None:
    try:
        amount = parse_number(groups["num"]) * magnitude(groups.get("mag") or "")
    except ValueError:
        return None
    if amount <= 0:
        return None
    return Resolved(amount, currency_of(groups, lexicons), qualifier_of(groups, lexicons), groups.get("metric"))


@resolver("investment", "table_cell", needs=("cells", "head", *NEEDS), reads=READS)
def table_cell(groups: Groups, lexicons: Lexicons) -> Resolved | None:
    """A cell of a flattened table is an investment only in the column the header names: as many
    cells before it in its row as before the investment word in the header row. A bare number needs
    the unit from the header (总投资(亿元))."""
    if len(groups["cells"].split()) != len(groups["head"].split()):
        return None
    if not (groups.get("currency") or groups.get("header_unit")):
        return None
    return money(groups, lexicons)
