import math

import pytest

from nq18lib.exceptions import NumberFormatError
from nq18lib.numerals import Decimal, format_number, format_percent, parse_count, parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.503", 1503),
        ("15.327", 15327),
        ("1.234.567", 1234567),
        ("215", 215),
        ("03", 3),
        (" 1 503 ", 1503),
        ("1\u00a0503", 1503),
        ("-4", -4),
        (7, 7),
        (12.0, 12),
    ],
)
def test_parse_count_accepts_vietnamese_and_plain_writing(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1,503", "ambiguous"),
        ("36,4", "not a whole number"),
        ("14.4", "not a whole number"),
        ("36,4%", "percent where a count"),
        ("abc", "not a number"),
        ("1.50", "not a whole number"),
        ("12.5", "not a whole number"),
        ("", "not a number"),
    ],
)
def test_parse_count_refuses_what_it_would_have_to_guess(text, fragment):
    with pytest.raises(NumberFormatError, match=fragment):
        parse_count(text)


def test_ambiguous_count_message_offers_both_readings():
    with pytest.raises(NumberFormatError) as err:
        parse_count("1,503")
    assert "1.503" in str(err.value) and "1503" in str(err.value)


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("36,4%", 36.4, 1),
        ("36,4", 36.4, 1),
        ("14.4", 14.4, 1),
        ("25,0", 25.0, 1),
        ("8", 8.0, 0),
        ("0,05", 0.05, 2),
        ("0.125", 0.125, 3),
        ("1.503,25", 1503.25, 2),
        ("1,503.25", 1503.25, 2),
        ("49,3 %", 49.3, 1),
        (5.7, 5.7, 1),
    ],
)
def test_parse_decimal_keeps_the_decimals_written(text, value, decimals):
    parsed = parse_decimal(text)
    assert math.isclose(parsed.value, value)
    assert parsed.decimals == decimals


def test_parse_decimal_reads_dot_groups_as_thousands():
    assert parse_decimal("1.503") == Decimal(1503.0, 0)


@pytest.mark.parametrize("text", ["abc", "1,2,3", "", "12..5", "%"])
def test_parse_decimal_rejects_non_numbers(text):
    with pytest.raises(NumberFormatError):
        parse_decimal(text)


def test_format_number_and_percent_per_language():
    assert format_number(1503) == "1.503"
    assert format_number(1503, "en") == "1,503"
    assert format_number(1234567.5, "vi", 1) == "1.234.567,5"
    assert format_percent(14.4) == "14,4%"
    assert format_percent(5.75, "en", 2) == "5.75%"
    assert format_number(None) == "–"
    assert format_percent(float("nan")) == "–"
