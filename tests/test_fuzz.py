"""Property-based fuzzing of the number parser and of the CSV reader (hypothesis)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nq18lib.dataset.rawtable import read_table
from nq18lib.dataset.typed import parse_figures
from nq18lib.exceptions import DataError, NumberFormatError
from nq18lib.numerals import MAX_COUNT, MAX_RATE, parse_count, parse_decimal

FAST = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NUMBERISH = st.text(
    alphabet=st.sampled_from([*"0123456789.,%+- eE\u2212\u00a0", "１", "٣", "²", "①", "\x00"]),
    max_size=60,
)


@FAST
@given(st.one_of(NUMBERISH, st.text(max_size=60), st.integers(), st.floats()))
def test_parse_count_reads_or_refuses_never_crashes(text):
    try:
        value = parse_count(text)
    except NumberFormatError:
        return
    assert isinstance(value, int) and abs(value) <= MAX_COUNT


@FAST
@given(st.one_of(NUMBERISH, st.text(max_size=60), st.integers(), st.floats()))
def test_parse_decimal_reads_or_refuses_never_crashes(text):
    try:
        parsed = parse_decimal(text)
    except NumberFormatError:
        return
    assert abs(parsed.value) <= MAX_RATE and parsed.decimals >= 0


@FAST
@given(st.integers(min_value=0, max_value=MAX_COUNT))
def test_a_count_in_vietnamese_writing_reads_back(n):
    assert parse_count(f"{n:,}".replace(",", ".")) == n
    assert parse_count(str(n)) == n


DIGITS = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Nd"]


@FAST
@given(st.integers(min_value=0, max_value=999_999), st.sampled_from(DIGITS))
def test_every_unicode_decimal_digit_reads_as_its_digit(n, zero):
    base = ord(zero) - unicodedata.decimal(zero)
    written = "".join(chr(base + int(d)) for d in str(n))
    assert parse_count(written) == n


HEADER = "figure_id,source_id,jurisdiction,province_code,category,reduced,percent,status,location"
CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=12
)


@FAST
@given(st.lists(st.lists(CELL, min_size=0, max_size=12), min_size=0, max_size=8))
def test_the_csv_reader_reads_or_refuses_any_text_with_a_place(tmp_path, rows):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER.split(","), *rows])
    path = tmp_path / "fuzz.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        table = read_table(path)
        parse_figures(table, str(path))
    except DataError as err:
        assert err.problems and all(p.file == str(path) for p in err.problems)


@FAST
@given(st.binary(max_size=400))
def test_the_csv_reader_reads_or_refuses_any_bytes(tmp_path, raw):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(HEADER.encode() + b"\n" + raw)
    try:
        parse_figures(read_table(path), str(path))
    except DataError as err:
        assert err.problems[0].file == str(path)


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
@FAST
@given(raw=st.binary(max_size=300))
def test_a_workbook_of_random_bytes_is_refused_not_a_crash(tmp_path, suffix, raw):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(b"PK\x03\x04" + raw if raw[:1] == b"\x00" else raw)
    with pytest.raises(DataError):
        read_table(path)
