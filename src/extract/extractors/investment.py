"""Investment amounts: a number, a magnitude word and a currency, read exactly."""

import regex

from extract.extractors import Resolved, qualifier_of, resolver
from extract.extractors.numbers import magnitude, parse_number

CURRENCIES = {
    "人民币": "CNY", "元": "CNY", "美元": "USD", "美金": "USD", "us$": "USD", "$": "USD",
    "欧元": "EUR", "港元": "HKD", "港币": "HKD", "日元": "JPY", "新台币": "TWD", "台币": "TWD",
    "nt$": "TWD", "英镑": "GBP", "韩元": "KRW", "澳元": "AUD", "新加坡元": "SGD", "新元": "SGD",
}


def currency_of(match: regex.Match) -> str:
    words = [w.lower() for w in match.captures("currency") if w]
    for word in words:
        if word != "元":
            return CURRENCIES[word]
    return "CNY"


@resolver("investment", "money")
def money(match: regex.Match) -> Resolved | None:
    try:
        amount = parse_number(match["num"]) * magnitude(match["mag"] or "")
    except ValueError:
        return None
    if amount <= 0:
        return None
    return Resolved(amount, currency_of(match), qualifier_of(match), match["metric"])
