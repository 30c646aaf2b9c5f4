"""Investment amounts: a number, a magnitude word and a currency, read exactly.

A plain 元 is the local currency, which only the whole document can tell: the resolver writes
LOCAL_YUAN and the attribution stage replaces it once per document (see `local_currency`)."""

import regex

from extract.extractors import Resolved, qualifier_of, resolver
from extract.extractors.numbers import magnitude, parse_number

CURRENCIES = {
    "人民币": "CNY", "元人民币": "CNY", "美元": "USD", "美金": "USD", "us$": "USD", "$": "USD",
    "欧元": "EUR", "港元": "HKD", "港币": "HKD", "日元": "JPY", "新台币": "TWD", "台币": "TWD",
    "nt$": "TWD", "英镑": "GBP", "韩元": "KRW", "澳元": "AUD", "新加坡元": "SGD", "新元": "SGD",
}
LOCAL_YUAN = "LOCAL"  # a plain 元: CNY, or TWD in a Taiwanese article

# What only a Taiwanese article writes (normalized text): an ROC-era year (民国一一四年, 一一七年,
# 114年), organs of Taiwan's government, its counties and cities with their 县/市, its currency.
# A mainland article that merely mentions 台湾 (台商投资区, 台湾工业园, 台湾新竹) has at most one.
TAIWAN_MARKER = regex.compile(
    r"民国[0-9一二三四五六七八九十〇零]+年"
    r"|(?<![0-9〇零一二三四五六七八九十])(?:一[〇零一][〇零一二三四五六七八九]|1[01][0-9])年(?!代|历史|来|前|间)"
    r"|行政院|立法院|监察院|国发会|国科会|经济部|园管局|产业园区管理局|科学园区管理局|加工出口区管理处"
    r"|(?:彰化|云林|嘉义|屏东|苗栗|南投|宜兰|花莲|台东|澎湖|新竹)县|(?:台北|新北|桃园|台中|台南|高雄|基隆)市"
    r"|新台币|nt\$",
    regex.I,
)
TAIWAN_MARKERS_NEEDED = 2


def local_currency(text: str) -> str:
    """TWD when the document shows at least two distinct Taiwan markers, else CNY."""
    markers = {m.group().lower() for m in TAIWAN_MARKER.finditer(text)}
    return "TWD" if len(markers) >= TAIWAN_MARKERS_NEEDED else "CNY"


def currency_of(match: regex.Match) -> str:
    """The first currency word that names one (美金50亿元 is USD); a plain 元 is the local currency."""
    for word in match.captures("currency"):
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
