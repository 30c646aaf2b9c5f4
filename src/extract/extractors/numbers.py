"""Numerals in Arabic and Chinese digits, and the magnitude words 万/亿, as exact Decimals."""

from decimal import Decimal

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10**4, "亿": 10**8}


def parse_number(text: str) -> Decimal:
    """'1,500' -> 1500, '385.7' -> 385.7, '一百五十' -> 150, '十' -> 10, '三点五' -> 3.5, '一七四五' -> 1745."""
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        raise ValueError("empty numeral")
    digits = text.replace(".", "")
    if not digits or digits.isdigit():  # every character a digit or the point (no generator: the most common case)
        return Decimal(text)
    whole, _, fraction = text.partition("点")
    value = chinese_integer(whole)
    if fraction:
        value += Decimal("0." + "".join(str(DIGITS[ch]) for ch in fraction))
    return value


def chinese_integer(text: str) -> Decimal:
    if not any(ch in DIGITS or ch in SMALL_UNITS or ch.isdigit() for ch in text):
        raise ValueError(f"no digit in numeral: {text!r}")  # 万 or 亿 alone is a magnitude, not a number
    if text and all(ch in DIGITS for ch in text) and len(text) > 1:
        return Decimal("".join(str(DIGITS[ch]) for ch in text))  # read digit by digit: 一七四五
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        elif ch in LARGE_UNITS:
            total = (total + section + (digit or 0)) * LARGE_UNITS[ch]
            section, digit = 0, None
        elif ch.isdigit():
            digit = (digit or 0) * 10 + int(ch)
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return Decimal(total + section + (digit or 0))


def magnitude(text: str) -> int:
    """'亿' -> 10**8, '千万' -> 10**7, '万亿' -> 10**12, '' -> 1."""
    factor = 1
    for ch in text:
        factor *= SMALL_UNITS.get(ch) or LARGE_UNITS.get(ch) or 1
    return factor
