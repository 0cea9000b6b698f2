"""Bounds ("hơn 2.100", "gần 20", "khoảng 50%"): the contract column, the audit's inequalities,
the implied counts, and the words readers see. Design change 23."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from nq18lib import metrics
from nq18lib.audit.checks import audit_figures, load_reference_counts
from nq18lib.cli import main
from nq18lib.dataset import figures as dataset
from nq18lib.dataset.contract import COLUMN_NAMES
from nq18lib.exceptions import DataError
from nq18lib.reference.bounds import (
    BoundError,
    bound_interval,
    canonical_bound,
    parse_bound,
    qualified,
)

NO_REFERENCE = pd.DataFrame(columns=load_reference_counts().columns)
HEADER = ",".join(COLUMN_NAMES)
BASE = {
    "figure_id": "B-1",
    "source_id": "s",
    "jurisdiction": "Vĩnh Long",
    "province_code": "86",
    "category": "public_service_unit",
    "reduced": "4",
    "status": "result",
}


def line(**values: str) -> str:
    cells = {**BASE, **values}
    return ",".join(cells.get(c, "") for c in COLUMN_NAMES)


def problems(tmp_path, *rows: str) -> list[str]:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    try:
        dataset.load_figures(path)
    except DataError as err:
        return [f"{p.row}:{p.column}: {p.reason}" for p in err.problems]
    return []


# ------------------------------------------------------------------ the contract column
CONTRACT = {
    "bare qualifier": ({"bound": "at_least"}, []),
    "Vietnamese word": ({"bound": "Hơn"}, []),
    "qualified column": ({"percent": "30", "bound": "percent:at_least"}, []),
    "two columns": (
        {"baseline": "13", "after": "9", "bound": "baseline:about;reduced:gần"},
        [],
    ),
    "unknown qualifier": (
        {"bound": "roughly"},
        [
            "2:bound: unknown bound 'roughly': use at_least, at_most, about (or hơn/gần/khoảng), "
            "optionally after a column (percent:at_least)"
        ],
    ),
    "a column that is not a number": (
        {"bound": "note:at_least"},
        [
            "2:bound: a bound qualifies one of reduced, percent, numerator, denominator, "
            "baseline, after, not 'note'"
        ],
    ),
    "a column the figure does not give": (
        {"bound": "percent:about"},
        ["2:bound: the bound qualifies percent, but the figure gives no percent"],
    ),
    "a column twice": (
        {"bound": "at_least;reduced:about"},
        ["2:bound: the bound of reduced is given twice"],
    ),
}


@pytest.mark.parametrize("name", list(CONTRACT))
def test_contract_rule(tmp_path, name):
    values, expected = CONTRACT[name]
    assert problems(tmp_path, line(**values)) == expected


def test_bound_words_are_stored_as_codes_and_written_back(tmp_path):
    path = tmp_path / "t.csv"
    rows = [line(bound="trên"), line(figure_id="B-2", reduced="20", bound="reduced : gần")]
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    frame = dataset.load_figures(path)
    assert frame["bound"].tolist() == ["at_least", "reduced:at_most"]
    out = dataset.write_figures(frame, tmp_path / "out.csv")
    assert out.read_text(encoding="utf-8").splitlines()[0] == HEADER


def test_a_file_without_bounds_is_written_without_the_column(tmp_path):
    path = tmp_path / "t.csv"
    header = ",".join(c for c in COLUMN_NAMES if c != "bound")
    path.write_text(header + "\n" + ",".join(BASE.get(c, "") for c in header.split(",")) + "\n")
    out = dataset.write_figures(dataset.load_figures(path), tmp_path / "out.csv")
    assert out.read_bytes().splitlines()[0].decode() == header


def test_cli_rejects_a_bad_bound_with_exit_2(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "\n" + line(bound="exactly") + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2:bound: unknown bound 'exactly'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "text, figure, expected",
    [
        ("at_least", {"reduced": 2100}, {"reduced": "at_least"}),
        ("at_most", {"reduced": None, "percent": 65.0}, {"percent": "at_most"}),
        ("about", {"numerator": 15, "denominator": 150}, {"numerator": "about"}),
        ("percent:at_least", {"reduced": 4, "percent": 18.0}, {"percent": "at_least"}),
        ("", {"reduced": 4}, {}),
    ],
)
def test_which_number_a_bound_qualifies(text, figure, expected):
    assert parse_bound(text, figure) == expected


def test_a_bare_bound_needs_a_headline_number():
    with pytest.raises(BoundError, match="needs a number"):
        parse_bound("at_least", {"baseline": 10, "after": 5})


def test_canonical_bound_and_intervals():
    assert canonical_bound("Khoảng") == "about"
    assert (
        canonical_bound("Percent: nearly ; baseline:ít nhất") == "percent:at_most;baseline:at_least"
    )
    assert bound_interval(2100, "at_least") == (2100, math.inf)
    assert bound_interval(20, "at_most") == (0.0, 20)
    assert bound_interval(20, "at_most", strict=False) == (18.0, 20)
    assert bound_interval(50, "about", 0.5) == (45.0, 55.0)
    assert bound_interval(50, "about", 0.5, strict=False) == (47.5, 52.5)
    assert bound_interval(14.4, None, 0.05) == (14.35, 14.450000000000001)


# ------------------------------------------------------------------ the audit
def figures(**columns) -> pd.DataFrame:
    n = max(len(v) for v in columns.values() if isinstance(v, list))
    base = {
        "figure_id": [f"f{i}" for i in range(n)],
        "source_id": "s",
        "jurisdiction": "Tỉnh A",
        "province_code": "99",
        "category": "division",
        "level": "tinh",
        "status": "result",
        "period_start": "2017",
        "period_end": "2025",
        "part_of": [None] * n,
        "bound": [None] * n,
        **{c: [None] * n for c in ("reduced", "percent", "numerator", "denominator")},
        **{c: [None] * n for c in ("baseline", "after")},
        "percent_decimals": [0] * n,
    }
    base.update(columns)
    return pd.DataFrame(base)


def audit_one(**cells) -> pd.Series:
    columns = {k: [v] for k, v in cells.items()}
    return audit_figures(figures(**columns), NO_REFERENCE).iloc[0]


def severity(row: pd.Series, check: str) -> str | None:
    found = [f["severity"] for f in row["findings"] if f["check"] == check]
    assert len(found) <= 1, row["findings"]
    return found[0] if found else None


# (cells, check, severity expected): several cases per rule, each one a bug would change.
AUDIT = {
    # percent_vs_fraction: "more than 30 %" for 4/13 = 30,8 % holds; exact 30 % is truncated
    "at_least rate of a fraction holds": (
        {"numerator": 4, "denominator": 13, "percent": 30.0, "bound": "percent:at_least"},
        "percent_vs_fraction",
        "info",
    ),
    "the same rate written as exact is truncated": (
        {"numerator": 4, "denominator": 13, "percent": 30.0},
        "percent_vs_fraction",
        "warning",
    ),
    "at_least rate above the fraction is an error": (
        {"numerator": 4, "denominator": 13, "percent": 35.0, "bound": "percent:at_least"},
        "percent_vs_fraction",
        "error",
    ),
    # percent_vs_counts, at_least: Quảng Nam 77/155 = 49,7 % for "more than 66 %"
    "more than 66 % for 77/155 stays an error": (
        {"reduced": 77, "baseline": 155, "after": 78, "percent": 66.0, "bound": "percent:at_least"},
        "percent_vs_counts",
        "error",
    ),
    "more than 62 % for 120/193 holds": (
        {"reduced": 120, "baseline": 193, "percent": 62.0, "bound": "percent:at_least"},
        "percent_vs_counts",
        "info",
    ),
    "a lower bound on the count: at least 30 of 100 for 25 %": (
        {"reduced": 30, "baseline": 100, "percent": 25.0, "bound": "at_least"},
        "percent_vs_counts",
        "error",
    ),
    # at_most: not above, and not far below
    "nearly 65 % for 63/100 holds": (
        {"reduced": 63, "baseline": 100, "percent": 65.0, "bound": "percent:at_most"},
        "percent_vs_counts",
        "info",
    ),
    "nearly 65 % for 66/100 is an error": (
        {"reduced": 66, "baseline": 100, "percent": 65.0, "bound": "percent:at_most"},
        "percent_vs_counts",
        "error",
    ),
    "nearly 65 % for 50/100 is far below: a warning": (
        {"reduced": 50, "baseline": 100, "percent": 65.0, "bound": "percent:at_most"},
        "percent_vs_counts",
        "warning",
    ),
    # about: ±5 % holds, up to ±10 % a warning, beyond an error
    "about 50 % for 263/526 holds": (
        {"reduced": 263, "baseline": 526, "percent": 50.0, "bound": "percent:about"},
        "percent_vs_counts",
        "info",
    ),
    "about 50 % for 54/100 is a warning": (
        {"reduced": 54, "baseline": 100, "percent": 50.0, "bound": "percent:about"},
        "percent_vs_counts",
        "warning",
    ),
    "about 50 % for 60/100 is an error": (
        {"reduced": 60, "baseline": 100, "percent": 50.0, "bound": "percent:about"},
        "percent_vs_counts",
        "error",
    ),
    "the baseline from count + after: 4/(4 + 18) for more than 18 %": (
        {"reduced": 4, "after": 18, "percent": 18.0, "bound": "percent:at_least"},
        "percent_vs_counts",
        "info",
    ),
    # after_vs_baseline
    "over 10,000 to 2,500: at least 7,500 fewer holds": (
        {
            "reduced": 7500,
            "baseline": 10000,
            "after": 2500,
            "bound": "baseline:at_least;reduced:at_least",
        },
        "after_vs_baseline",
        "info",
    ),
    "at least 500 fewer of exactly 1,000 cannot leave 600": (
        {"reduced": 500, "baseline": 1000, "after": 600, "bound": "at_least"},
        "after_vs_baseline",
        "error",
    ),
    "about 500 fewer of 1,000 may leave 520": (
        {"reduced": 500, "baseline": 1000, "after": 520, "bound": "about"},
        "after_vs_baseline",
        "info",
    ),
    # reduced_vs_baseline
    "more than 120 fewer of 100 is an error": (
        {"reduced": 120, "baseline": 100, "bound": "at_least"},
        "reduced_vs_baseline",
        "error",
    ),
    "nearly 120 fewer of 100 is possible": (
        {"reduced": 120, "baseline": 100, "bound": "at_most"},
        "reduced_vs_baseline",
        None,
    ),
    # percent_impossible: a bound never makes a percent impossible
    "more than 30 % with 4 reduced is possible": (
        {"reduced": 4, "percent": 30.0, "bound": "percent:at_least"},
        "percent_impossible",
        None,
    ),
    "exactly 30 % with 4 reduced is impossible": (
        {"reduced": 4, "percent": 30.0},
        "percent_impossible",
        "error",
    ),
}


@pytest.mark.parametrize("name", list(AUDIT))
def test_audit_rule(name):
    cells, check, expected = AUDIT[name]
    assert severity(audit_one(**cells), check) == expected


def test_an_implied_baseline_from_a_lower_bound_is_open_ended_never_exact():
    row = audit_one(reduced=2650, percent=31.4, percent_decimals=1, bound="at_least")
    (found,) = [f for f in row["findings"] if f["check"] == "implied_baseline"]
    assert found["values"]["baseline_min"] == 8427 and found["values"]["baseline_max"] is None
    assert "ít nhất 8.427" in found["message_vi"] and "hơn 2.650" in found["message_vi"]
    assert "not one exact number" in found["message_en"]
    assert pd.isna(row["implied_baseline_min"]) and pd.isna(row["implied_baseline_max"])
    exact = audit_one(reduced=2650, percent=31.4, percent_decimals=1)
    assert (exact["implied_baseline_min"], exact["implied_baseline_max"]) == (8427, 8452)


def test_an_implied_baseline_from_about_is_a_range():
    row = audit_one(reduced=3600, percent=37.7, percent_decimals=1, bound="about")
    (found,) = [f for f in row["findings"] if f["check"] == "implied_baseline"]
    assert (found["values"]["baseline_min"], found["values"]["baseline_max"]) == (8583, 10517)
    assert "khoảng 3.600" in found["message_vi"]


@pytest.mark.parametrize(
    "total, bound, parts, part_bounds, expected",
    [
        (30, "at_least", [4, 26, 2], [None] * 3, "info"),  # Kon Tum 2022: "hơn 30" = 32
        (30, None, [4, 26, 2], [None] * 3, "error"),  # written as exact: 32 > 30
        (430, "at_least", [420, 15], ["at_most", None], "info"),
        (20, "at_most", [15, 10], [None, None], "error"),  # nearly 20 < 25
        (100, "about", [60, 45], ["about", None], "info"),
        (100, "about", [80, 70], [None, None], "error"),  # 150 > 110
    ],
)
def test_parts_against_a_bounded_total(total, bound, parts, part_bounds, expected):
    n = len(parts) + 1
    frame = figures(
        figure_id=["tot", *[f"p{i}" for i in range(1, n)]],
        reduced=[total, *parts],
        bound=[bound, *part_bounds],
        part_of=[None, *["tot"] * (n - 1)],
        category=["division"] * n,
    )
    out = audit_figures(frame, NO_REFERENCE).set_index("figure_id")
    totals = [f for f in out.loc["tot", "findings"] if f["check"] == "parts_vs_total"]
    assert [f["severity"] for f in totals] == [expected]


def test_implied_counts_leave_what_a_bound_implies_empty():
    frame = figures(
        reduced=[4, 4, 2650, 7500],
        percent=[30.0, 30.0, 31.4, None],
        numerator=[4, 4, None, None],
        denominator=[13, 13, None, None],
        baseline=[None, None, None, 10000],
        after=[None, None, None, 2500],
        bound=["percent:at_least", "at_least", "at_least", "baseline:at_least;reduced:at_least"],
    )
    counts = metrics.implied_counts(frame)
    assert counts["baseline_min"].tolist()[:2] == [13, 13]  # the denominator is exact
    assert counts["after_min"].tolist()[:2] == [9, pd.NA]  # 13 − "more than 4" is not exact
    assert counts["baseline_min"].isna().tolist()[2:] == [True, True]
    # the rate falls back to the written percent when that is exact
    assert counts["rate_min"].isna().tolist() == [False, False, False, True]


# ------------------------------------------------------------------ what readers see
@pytest.mark.parametrize(
    "text, bound, lang, expected",
    [
        ("2.100", "at_least", "vi", "hơn 2.100"),
        ("2,100", "at_least", "en", "more than 2,100"),
        ("20", "at_most", "vi", "gần 20"),
        ("20", "at_most", "en", "nearly 20"),
        ("50%", "about", "vi", "khoảng 50%"),
        ("50%", "about", "en", "about 50%"),
        ("14,4%", None, "vi", "14,4%"),
        ("–", "at_least", "vi", "–"),
    ],
)
def test_readers_see_the_qualifier(text, bound, lang, expected):
    assert qualified(text, bound, lang) == expected


def _bounded_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "figure_id": ["a", "b"],
            "source_id": ["s", "s"],
            "jurisdiction": ["Vĩnh Long", "Vĩnh Long"],
            "category": ["payroll_exit", "public_service_unit"],
            "level": [None, None],
            "reduced": [1100, 4],
            "percent": [None, 30.0],
            "percent_decimals": [None, 0],
            "numerator": [None, 4],
            "denominator": [None, 13],
            "status": ["result", "result"],
            "bound": ["at_least", "percent:at_least"],
        }
    )


@pytest.mark.parametrize(
    "lang, words",
    [("vi", ["hơn 1.100", "hơn 30%"]), ("en", ["more than 1,100", "more than 30%"])],
)
def test_report_tables_bullets_and_charts_write_the_qualifier(lang, words):
    from nq18lib.report.charts import reduction_bar
    from nq18lib.report.htmltable import table_html
    from nq18lib.report.narrative import list_cuts
    from nq18lib.report.tables import cuts_table

    frame = _bounded_frame()
    sources = pd.DataFrame(columns=["source_id", "title", "publisher", "date", "url"])
    html = table_html(cuts_table(frame, lang, sources=sources), lang)
    bullets = list_cuts(frame, lang)
    for text in words:
        assert text in html and text in bullets
    assert ">4<" in html  # the exact count of the bounded rate stays plain
    chart = reduction_bar(frame, lang, sources=sources)
    (bar,) = chart.data
    assert bar.text[0].startswith(words[1]) and words[1] in bar.hovertext[0]
    assert "hơn 4 " not in bar.hovertext[0] and "than 4 " not in bar.hovertext[0]


@pytest.mark.parametrize(
    "percent, bound, expected",
    [
        (20.0, None, "attained"),
        (20.0, "at_least", "attained"),  # more than 20 % is above a 10 % minimum for sure
        (20.0, "about", "not_comparable"),
        (9.0, "at_least", "not_comparable"),  # more than 9 % may or may not reach 10 %
        (9.0, None, "not_attained"),
    ],
)
def test_a_bounded_rate_is_judged_against_a_target_only_when_certain(percent, bound, expected):
    from nq18lib.metrics.targets import target_attainment
    from nq18lib.reference.targets import load_targets

    frame = pd.DataFrame(
        {
            "figure_id": ["x"],
            "jurisdiction": "Tỉnh X",
            "province_code": "99",
            "category": "public_service_unit",
            "status": "result",
            "reduced": [None],
            "percent": [percent],
            "period_start": "2015",
            "period_end": "2021",
            "bound": [bound],
        }
    )
    out = target_attainment(frame, load_targets()).set_index("target_id")
    row = out.loc["NQ19-DVSN-2021"]
    assert row.status == expected
    if bound == "about":
        assert "bound" in row.caveat_en
