"""Numeral conversion: Arabic with separators, Chinese numerals, mixed multipliers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.extract.numbers import (
    is_digit_sequence,
    parse_arabic,
    parse_chinese_integer,
    parse_chinese_number,
    parse_numeral,
)


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        ("一千二百万", 12_000_000),
        ("两", 2),
        ("十九", 19),
        ("十二", 12),
        ("廿", 20),
        ("一百零五", 105),
        ("三千五百万", 35_000_000),
        ("一万零五百", 10_500),
        ("两千三百", 2_300),
        ("一亿二千万", 120_000_000),
        ("万亿", 10**12),
        ("零", 0),
        ("二〇一七", 2017),  # digit by digit: a year
    ],
)
def test_chinese_integers(numeral: str, expected: int) -> None:
    assert parse_chinese_integer(numeral) == expected


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        ("1,234.5", 1234.5),
        ("972.4", 972.4),
        ("19·5", 19.5),  # "增长19·5%" (national 1997): · as decimal point
        ("1.2万亿", 1.2e12),
        ("4万", 40_000),
        ("3千万", 3e7),
        ("十四点二", 14.2),  # "增长百分之十四点二" (national 1992)
        ("三千", 3000),
    ],
)
def test_parse_numeral(numeral: str, expected: float) -> None:
    assert parse_numeral(numeral) == pytest.approx(expected)


def test_arabic_separators_are_dropped() -> None:
    assert parse_arabic("1,234,567") == 1234567


@pytest.mark.parametrize("bad", ["", "百分", "十a", "1.2斤"])
def test_rejects_non_numerals(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_numeral(bad)


def test_bad_chinese_decimal() -> None:
    with pytest.raises(ValueError):
        parse_chinese_number("十点")


def test_digit_sequence() -> None:
    assert is_digit_sequence("二〇一七")
    assert not is_digit_sequence("二十")
    assert not is_digit_sequence("五")


_DIGITS = "零一二三四五六七八九"


def _to_chinese(n: int) -> str:
    """Independent renderer of the standard reading of ``n`` (the oracle for the property test)."""
    if n == 0:
        return "零"
    out = ""
    for unit, size in (("亿", 10**8), ("万", 10**4), ("", 1)):
        group, n = divmod(n, size)
        if group == 0:
            if out and n and not out.endswith("零"):
                out += "零"
            continue
        if out and group < 1000 and not out.endswith("零"):
            out += "零"
        out += _four(group) + unit
    return out


def _four(n: int) -> str:
    text, zero = "", False
    for char, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d, n = divmod(n, size)
        if d:
            if zero and text:
                text += "零"
            text += _DIGITS[d] + char
            zero = False
        else:
            zero = True
    return text


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_round_trip(n: int) -> None:
    assert parse_chinese_integer(_to_chinese(n)) == n
