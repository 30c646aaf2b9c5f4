"""Stage 4 numerals: Arabic and Chinese digits and the magnitude words, read as exact Decimals."""

from decimal import Decimal

import pytest

from extract.extractors.numbers import magnitude, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("385.7", Decimal("385.7")),
        ("1,500", Decimal(1500)),
        ("12,812.05", Decimal("12812.05")),
        ("0.45", Decimal("0.45")),
        ("两", Decimal(2)),
        ("十", Decimal(10)),
        ("十二", Decimal(12)),
        ("二十", Decimal(20)),
        ("一百五十", Decimal(150)),
        ("一百零五", Decimal(105)),
        ("一百九十", Decimal(190)),
        ("三千五百", Decimal(3500)),
        ("两万", Decimal(20000)),
        ("一七四五", Decimal(1745)),
        ("一六六", Decimal(166)),
        ("二〇二三", Decimal(2023)),
        ("三点五", Decimal("3.5")),
        ("八十五点七", Decimal("85.7")),
    ],
)
def test_numerals(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "亿", "万", "abc"])
def test_not_numerals(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("word", "factor"),
    [
        ("", 1),
        ("万", 10**4),
        ("十万", 10**5),
        ("百万", 10**6),
        ("千万", 10**7),
        ("亿", 10**8),
        ("十亿", 10**9),
        ("百亿", 10**10),
        ("千亿", 10**11),
        ("万亿", 10**12),
    ],
)
def test_magnitudes(word, factor):
    assert magnitude(word) == factor


@pytest.mark.parametrize(
    ("number", "word", "amount"),
    [
        ("385.7", "亿", 38570000000),
        ("两", "亿", 200000000),
        ("十", "亿", 1000000000),
        ("1.2", "万亿", 1200000000000),
        ("8000", "万", 80000000),
        ("二十", "亿", 2000000000),
        ("84.6", "亿", 8460000000),
        ("0.45", "亿", 45000000),
    ],
)
def test_amounts_are_exact(number, word, amount):
    value = parse_number(number) * magnitude(word)
    assert value == amount and value == value.to_integral_value()
