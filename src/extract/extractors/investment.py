"""Investment amounts: a number, a magnitude word and a currency, read exactly.

A plain 元 is the local currency, which only the whole document can tell: the resolver writes
LOCAL_YUAN and the attribution stage replaces it once per document, by the TAIWAN_DOCUMENT signal."""

import regex

from extract.extractors import Resolved, qualifier_of, resolver
from extract.extractors.numbers import magnitude, parse_number

CURRENCIES = {
    "人民币": "CNY", "元人民币": "CNY", "美元": "USD", "美金": "USD", "us$": "USD", "$": "USD",
    "欧元": "EUR", "港元": "HKD", "港币": "HKD", "日元": "JPY", "日圆": "JPY", "新台币": "TWD", "台币": "TWD",
    "nt$": "TWD", "英镑": "GBP", "瑞士法郎": "CHF", "韩元": "KRW", "澳门元": "MOP", "澳门币": "MOP", "澳元": "AUD", "加元": "CAD", "新加坡元": "SGD", "新元": "SGD",
}
LOCAL_YUAN = "LOCAL"  # a plain 元: CNY, or TWD in a Taiwanese article
TAIWAN_DOCUMENT = "investment.taiwan-document"  # the signal in rules/investment.toml

def currency_of(match: regex.Match) -> str:
    """The first currency word that names one (美金50亿元 is USD); a plain 元 is the local currency."""
    for word in match.captures("currency") or match.captures("header_unit"):
        if word and word != "元":
            return CURRENCIES[word.lower()]
    return LOCAL_YUAN


@resolver("investment", "money")
def money(match: regex.Match) -> Resolved | None:
    try:
        amount = parse_number(match["num"]) * magnitude(match["mag"] or "")
    except ValueError:
        return None
    if amount <= 0:
        return None
    return Resolved(amount, currency_of(match), qualifier_of(match), match["metric"])


@resolver("investment", "table_cell")
def table_cell(match: regex.Match) -> Resolved | None:
    """A cell of a flattened table is an investment only in the column the header names: as many
    cells before it in its row as before the investment word in the header row. A bare number needs
    the unit from the header (总投资(亿元))."""
    if len(match["cells"].split()) != len(match["head"].split()):
        return None
    if not (match["currency"] or match["header_unit"]):
        return None
    return money(match)
