"""Tests of nq18lib.metrics: hand-computed Hà Nam cases, edge cases, properties."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nq18lib import metrics
from nq18lib.dataset.figures import load_figures
from nq18lib.metrics import (
    aggregate_reduction,
    compare_phases,
    compare_plan_result,
    figure_parts,
    implied_after,
    implied_baseline,
    implied_counts,
    implied_reduced,
    matching_roundings,
    percent_matches,
    phase_key,
    rank_jurisdictions,
    reduction_by_sector,
    reduction_table,
    round_percent,
)

ROOT = Path(__file__).resolve().parents[1]
HA_NAM = ROOT / "data" / "figures" / "ha_nam_nq18_7nam.csv"
SHARED = Path(__file__).resolve().parents[2] / "shared"


# --------------------------------------------------------------------------- oracle
def rounds_to(reduced: int, baseline: int, scaled: int, decimals: int, rule: str) -> bool:
    """Independent oracle: does 100·reduced/baseline round to scaled/10**decimals?

    Integer arithmetic: q, rest = divmod(100·reduced·10**d, baseline); a tie is 2·rest = b.
    """
    q, rest = divmod(100 * reduced * 10**decimals, baseline)
    if 2 * rest < baseline:
        nearest = {q}
    elif 2 * rest > baseline:
        nearest = {q + 1}
    else:  # an exact tie between q and q + 1
        nearest = {"half_up": {q + 1}, "half_even": {q if q % 2 == 0 else q + 1}}.get(
            rule, {q, q + 1} if q % 2 == 0 else {q + 1}
        )
    return scaled in nearest


def brute_baselines(reduced: int, scaled: int, decimals: int, rule: str, limit: int) -> list[int]:
    return [
        b for b in range(max(reduced, 1), limit) if rounds_to(reduced, b, scaled, decimals, rule)
    ]


# --------------------------------------------------------------------------- Hà Nam
@pytest.mark.parametrize(
    ("reduced", "percent", "expected"),
    [
        (4, 36.4, (11, 11)),  # 4/11 = 36,36 %; 4/10 = 40 %, 4/12 = 33,3 %
        (5, 26.3, (19, 19)),  # 5/19 = 26,32 %
        (83, 21.7, (382, 383)),  # 83/0,2175 = 381,6 and 83/0,2165 = 383,4
        (40, 8.2, (485, 490)),  # 40/0,0825 = 484,8 and 40/0,0815 = 490,8
        (18, 15.5, (116, 116)),  # the dvhcvn count of 2019
        (553, 44.6, (1239, 1241)),  # 553/0,4465 = 1238,5 and 553/0,4455 = 1241,3
    ],
)
def test_implied_baseline_of_ha_nam_figures(reduced, percent, expected):
    assert implied_baseline(reduced, percent, 1) == expected
    scaled = round(percent * 10)
    assert brute_baselines(reduced, scaled, 1, "either", 2000) == list(
        range(expected[0], expected[1] + 1)
    )


def test_civil_servant_fraction_rounds_to_14_3_not_14_4():
    # 215/1.503 = 14,3047…%: half up gives 14,3; only a ceiling gives the written 14,4.
    assert round_percent(215, 1503, 1) == 14.3
    assert round_percent(215, 1503, 1, "half_even") == 14.3
    assert round_percent(215, 1503, 1, "down") == 14.3
    assert round_percent(215, 1503, 1, "up") == 14.4
    assert not percent_matches(215, 1503, 14.4, 1)
    assert percent_matches(215, 1503, 14.3, 1)
    assert matching_roundings(215, 1503, 14.4, 1) == ("up",)
    # what 14,4 % would need instead
    assert implied_baseline(215, 14.4, 1) == (1488, 1498)
    assert implied_reduced(14.4, 1503, 1) == (216, 217)


def test_public_employee_fraction_is_consistent():
    # 881/15.327 = 5,748 % → 5,7 %
    assert round_percent(881, 15327, 1) == 5.7
    assert percent_matches(881, 15327, 5.7, 1)
    assert "half_up" in matching_roundings(881, 15327, 5.7, 1)
    assert implied_baseline(881, 5.7, 1)[0] <= 15327 <= implied_baseline(881, 5.7, 1)[1]


def test_implied_after_of_commune_units_matches_2025_count():
    assert implied_after(18, 15.5, 1) == (98, 98)
    assert implied_after(83, 21.7, 1) == (299, 300)


def test_implied_counts_on_the_ha_nam_file():
    figures = load_figures(HA_NAM)
    counts = implied_counts(figures).set_index("figure_id")
    assert counts.loc["HNA-NQ18-7Y-01", ["baseline_min", "baseline_max"]].tolist() == [11, 11]
    assert counts.loc["HNA-NQ18-7Y-01", "baseline_basis"] == "percent"
    # a fraction fixes the baseline exactly
    assert counts.loc["HNA-NQ18-7Y-08", ["baseline_min", "baseline_max"]].tolist() == [1503, 1503]
    assert counts.loc["HNA-NQ18-7Y-08", "baseline_basis"] == "fraction"
    assert counts.loc["HNA-NQ18-7Y-08", "after_min"] == 1288
    assert counts.loc["HNA-NQ18-7Y-08", "rate_min"] == pytest.approx(100 * 215 / 1503)
    # a count with no rate, and rates with no count: nothing implied
    assert pd.isna(counts.loc["HNA-NQ18-7Y-04", "baseline_min"])
    assert pd.isna(counts.loc["HNA-NQ18-7Y-10", "baseline_min"])
    # but the rate of a percent-only figure is its rounding interval
    assert counts.loc["HNA-NQ18-7Y-10", "rate_min"] == pytest.approx(11.25)
    assert counts.loc["HNA-NQ18-7Y-10", "rate_max"] == pytest.approx(11.35)
    # the rate range of an implied baseline: 83/383 … 83/382
    assert counts.loc["HNA-NQ18-7Y-03", "rate_min"] == pytest.approx(100 * 83 / 383)
    assert counts.loc["HNA-NQ18-7Y-03", "rate_max"] == pytest.approx(100 * 83 / 382)


# --------------------------------------------------------------------------- edges
def test_zero_percent_and_zero_count_imply_nothing():
    assert implied_baseline(5, 0.0, 1) is None  # only a lower bound
    assert implied_baseline(0, 0.0, 1) is None  # any baseline
    assert implied_baseline(0, 5.0, 1) is None  # impossible
    assert implied_baseline(None, 5.0, 1) is None
    assert implied_baseline(5, None, 1) is None


def test_one_hundred_percent():
    assert implied_baseline(7, 100.0, 1) == (7, 7)
    assert implied_baseline(7, 100.0, 0) == (7, 7)  # 7/8 = 87,5 %
    # 1.000/1.005 = 99,502 % rounds to 100 with no decimals; 1.000/1.006 = 99,40 % does not
    assert implied_baseline(1000, 100.0, 0) == (1000, 1005)
    assert implied_baseline(1000, 100.0, 1) == (1000, 1000)  # 1.000/1.001 = 99,9 %


def test_decimals_zero_one_two():
    assert implied_baseline(4, 36, 0) == (11, 11)  # 4/11 = 36,4 → 36
    assert implied_baseline(83, 22, 0) == (369, 386)  # 83/386 = 21,503 → 22
    assert implied_baseline(1, 33.3, 1) == (3, 3)
    assert implied_baseline(1, 33.33, 2) == (3, 3)
    assert implied_baseline(83, 21.73, 2) == (382, 382)
    assert implied_baseline(83, 21.67, 2) == (383, 383)
    # "25,0" is one decimal even though the float is 25.0
    assert implied_baseline(3, 25.0, 1) == (12, 12)
    assert implied_baseline(3, 25.0, 0) == (12, 12)
    assert implied_baseline(30, 25.0, 0) == (118, 122)  # 30/122 = 24,59 → 25
    assert implied_baseline(30, 25.0, 1) == (120, 120)


def test_impossible_percents():
    assert implied_baseline(1, 36.4, 1) is None  # 1/2 = 50 %, 1/3 = 33,3 %
    assert implied_baseline(2, 45.0, 1) is None  # 2/4 = 50 %, 2/5 = 40 %
    assert implied_baseline(1, 36.4, 1, rounding="half_up") is None


def test_ties_depend_on_the_rounding_rule():
    # 1/8 = 12,5 % exactly
    assert implied_baseline(1, 12, 0, rounding="half_up") is None
    assert implied_baseline(1, 12, 0, rounding="half_even") == (8, 8)
    assert implied_baseline(1, 12, 0) == (8, 8)  # "either": never flags a correct figure
    assert implied_baseline(1, 13, 0, rounding="half_up") == (8, 8)
    assert implied_baseline(1, 13, 0, rounding="half_even") is None
    assert implied_baseline(1, 13, 0) == (8, 8)
    assert round_percent(1, 8, 0) == 13.0
    assert round_percent(1, 8, 0, "half_even") == 12.0


def test_huge_baselines_are_exact_and_fast():
    assert implied_baseline(1, 0.01, 2) == (6667, 20000)  # 100/6.666 = 0,015 → 0,02
    r = 10**9
    low, high = implied_baseline(r, 0.01, 2)
    assert (low, high) == (-(-(200 * r * 100) // 3), 200 * r * 100)
    assert rounds_to(r, low, 1, 2, "either") and not rounds_to(r, low - 1, 1, 2, "either")
    assert rounds_to(r, high, 1, 2, "either") and not rounds_to(r, high + 1, 1, 2, "either")
    started = time.perf_counter()
    for b in range(1, 20001):
        implied_baseline(b // 3, 33.3, 1)
    assert time.perf_counter() - started < 60  # a guard against a hang, not a speed test


def test_bad_arguments():
    with pytest.raises(ValueError, match="more than 1 decimals"):
        implied_baseline(3, 14.45, 1)
    with pytest.raises(ValueError, match="between 0 and 100"):
        implied_baseline(3, 101.0, 1)
    with pytest.raises(ValueError, match="≥ 0"):
        implied_baseline(-3, 10.0, 1)
    with pytest.raises(ValueError, match="unknown rounding"):
        implied_baseline(3, 10.0, 1, rounding="bankers")


# --------------------------------------------------------------------------- properties
@settings(max_examples=400, deadline=None)
@given(
    baseline=st.integers(min_value=1, max_value=10**7),
    share=st.floats(min_value=0, max_value=1),
    decimals=st.sampled_from([0, 1, 2]),
    rule=st.sampled_from(["half_up", "half_even", "either"]),
)
def test_true_baseline_is_inside_and_range_is_tight(baseline, share, decimals, rule):
    reduced = min(baseline, int(share * baseline))
    scaled_rule = "half_even" if rule == "half_even" else "half_up"
    percent = round_percent(reduced, baseline, decimals, scaled_rule)
    scaled = round(percent * 10**decimals)
    found = implied_baseline(reduced, percent, decimals, rounding=rule)
    if reduced == 0 or scaled == 0:
        assert found is None
        return
    assert found is not None
    low, high = found
    assert low <= baseline <= high
    assert rounds_to(reduced, low, scaled, decimals, rule)
    assert rounds_to(reduced, high, scaled, decimals, rule)
    assert not rounds_to(reduced, high + 1, scaled, decimals, rule)
    if low - 1 >= max(reduced, 1):
        assert not rounds_to(reduced, low - 1, scaled, decimals, rule)


@settings(max_examples=150, deadline=None)
@given(
    reduced=st.integers(min_value=1, max_value=100),
    scaled=st.integers(min_value=5, max_value=1000),
    decimals=st.sampled_from([0, 1]),
    rule=st.sampled_from(["half_up", "half_even", "either"]),
)
def test_range_equals_brute_force(reduced, scaled, decimals, rule):
    percent = scaled / 10**decimals
    if percent > 100:
        return
    # no baseline above 200·r·10**d/(2P − 1) can round to P under any rule
    limit = 200 * reduced * 10**decimals // (2 * scaled - 1) + 2
    expected = brute_baselines(reduced, scaled, decimals, rule, limit)
    found = implied_baseline(reduced, percent, decimals, rounding=rule)
    if not expected:
        assert found is None
    else:
        assert found == (expected[0], expected[-1])
        assert expected == list(range(expected[0], expected[-1] + 1))  # contiguous


@settings(max_examples=300, deadline=None)
@given(
    baseline=st.integers(min_value=1, max_value=10**6),
    share=st.floats(min_value=0, max_value=1),
    decimals=st.sampled_from([0, 1, 2]),
)
def test_implied_reduced_contains_the_true_count(baseline, share, decimals):
    reduced = min(baseline, int(share * baseline))
    percent = round_percent(reduced, baseline, decimals)
    low, high = implied_reduced(percent, baseline, decimals)
    assert low <= reduced <= high
    scaled = round(percent * 10**decimals)
    assert rounds_to(low, baseline, scaled, decimals, "either")
    assert rounds_to(high, baseline, scaled, decimals, "either")
    if low > 0:
        assert not rounds_to(low - 1, baseline, scaled, decimals, "either")
    if high < baseline:
        assert not rounds_to(high + 1, baseline, scaled, decimals, "either")


# --------------------------------------------------------------------------- corpus
def _gold(name: str) -> list[dict]:
    path = SHARED / "corpus" / name
    if not path.exists():
        pytest.skip("shared corpus not available")
    return json.loads(path.read_text(encoding="utf-8"))


def test_gold_implied_bases_fall_inside_the_range():
    checked = 0
    for entry in _gold("seed_style_extra.gold.json"):
        if entry.get("implied_base") is None:
            continue
        written = re.search(r"(\d+(?:,(\d+))?)%", entry["quote"])
        decimals = len(written.group(2) or "")
        low, high = implied_baseline(entry["reduced"], entry["percent"], decimals)
        assert low <= entry["implied_base"] <= high, entry["quote"]
        checked += 1
    assert checked >= 12


def test_gold_fractions_agree_with_the_inconsistency_flag():
    fractions = [e for e in _gold("seed_style_extra.gold.json") if e.get("denominator")]
    assert fractions
    for entry in fractions:
        ok = percent_matches(entry["numerator"], entry["denominator"], entry["percent"], 1)
        assert ok is (not entry["inconsistent"]), entry["quote"]


# --------------------------------------------------------------------------- frames
def frame(**columns) -> pd.DataFrame:
    n = max(len(v) for v in columns.values() if isinstance(v, list))
    base = {
        "figure_id": [f"f{i}" for i in range(n)],
        "source_id": "s",
        "jurisdiction": "Tỉnh A",
        "province_code": "99",
        "category": "division",
        "level": "tinh",
        "phase": "cả 2 giai đoạn",
        "status": "result",
        "period_start": "2017",
        "period_end": "2025",
        "reduced": [None] * n,
        "percent": [None] * n,
    }
    base.update(columns)
    return pd.DataFrame(base)


def test_phase_key():
    assert phase_key("giai đoạn 1") == "1"
    assert phase_key("Giai đoạn 2 (dự kiến)") == "2"
    assert phase_key("cả hai giai đoạn") == "all"
    assert phase_key("tính chung") == "all"
    assert phase_key("") is None and phase_key(pd.NA) is None


def test_figure_parts_by_phase_level_and_note():
    figs = frame(
        figure_id=["tot", "p1", "p2", "lv", "nt", "other"],
        phase=["cả 2 giai đoạn", "giai đoạn 1", "giai đoạn 2", "cả 2 giai đoạn", "x", "y"],
        level=["tinh+huyen", "tinh+huyen", "tinh+huyen", "huyen", "tinh", "tinh"],
        category=["division"] * 5 + ["village"],
        part_of=[None, None, None, None, "tot", None],
        reduced=[83, 50, 33, 60, 9, 1],
    )
    parts = figure_parts(figs).set_index("part_id")
    assert parts.loc["p1", "total_id"] == "tot" and parts.loc["p1", "rule"] == "phase"
    assert bool(parts.loc["p2", "complete"])
    assert parts.loc["lv", "rule"] == "level" and not bool(parts.loc["lv", "complete"])
    assert parts.loc["nt", "rule"] == "part_of" and parts.loc["nt", "total_id"] == "tot"
    assert "other" not in parts.index and "tot" not in parts.index


def test_figure_parts_reads_the_part_of_column_not_the_note():
    figs = frame(
        figure_id=["tot", "a", "b", "c"],
        level=["tinh"] * 4,
        reduced=[16, 14, 2, 1],
        part_of=[None, "tot", None, "gone"],
        note=[None, None, "part_of=tot", None],
    )
    parts = figure_parts(figs).set_index("part_id")
    assert parts.loc["a", "rule"] == "part_of"
    # the old convention in the note is text now, and a total that is not loaded is no link
    assert "b" not in parts.index and "c" not in parts.index


def test_aggregate_reduction_carries_ranges():
    figs = frame(
        jurisdiction=["A", "B", "C", "D"],
        category=["commune_unit"] * 4,
        reduced=[18, 83, 5, None],
        percent=[15.5, 21.7, None, 10.0],
        percent_decimals=[1, 1, None, 1],
    )
    row = aggregate_reduction(figs).iloc[0]
    assert row["reduced"] == 18 + 83 + 5
    assert row["reduced_with_baseline"] == 18 + 83
    assert (row["baseline_min"], row["baseline_max"]) == (116 + 382, 116 + 383)
    assert (row["after_min"], row["after_max"]) == (116 + 382 - 101, 116 + 383 - 101)
    assert row["rate_min"] == pytest.approx(100 * 101 / 499)
    assert row["rate_max"] == pytest.approx(100 * 101 / 498)
    assert row["without_baseline"] == 1 and row["percent_only"] == 1
    assert row["jurisdictions"] == 4


def test_aggregate_reduction_does_not_count_parts_twice():
    figs = frame(phase=["cả 2 giai đoạn", "giai đoạn 2"], reduced=[4, 2], status=["result", "plan"])
    assert aggregate_reduction(figs).iloc[0]["reduced"] == 4
    assert aggregate_reduction(figs, include_parts=True).iloc[0]["reduced"] == 6


def test_compare_phases():
    figs = frame(
        phase=["giai đoạn 1", "giai đoạn 2", "cả 2 giai đoạn", "giai đoạn 1", "cả 2 giai đoạn"],
        category=["division"] * 3 + ["village"] * 2,
        reduced=[50, 30, 83, 400, 553],
        status=["result", "plan", "result", "result", "result"],
    )
    out = compare_phases(figs).set_index("category")
    assert out.loc["division", "check"] == "inconsistent"  # 50 + 30 ≠ 83
    assert out.loc["division", "status_phase_2"] == "plan"
    assert out.loc["village", "derived_phase_2"] == 153
    assert out.loc["village", "check"] == "not_checkable"
    ok = compare_phases(figs.assign(reduced=[50, 33, 83, 400, 553]))
    assert ok.set_index("category").loc["division", "check"] == "consistent"


def test_compare_plan_result():
    figs = frame(status=["plan", "result"], reduced=[10, 8], percent=[12.0, 9.5])
    row = compare_plan_result(figs).iloc[0]
    assert (row["reduced_plan"], row["reduced_result"], row["reduced_gap"]) == (10, 8, -2)
    assert row["completion"] == pytest.approx(80.0)
    assert row["percent_gap"] == pytest.approx(-2.5)


def test_rank_jurisdictions_with_uncertain_ranks():
    figs = frame(
        jurisdiction=["A", "B", "C", "D"],
        category=["division"] * 4,
        reduced=[83, 24, 37, 326],
        percent=[21.7, 17.0, 20.3, 21.7],
        percent_decimals=[1, 1, 1, 1],
        numerator=[None, None, None, 326],
        denominator=[None, None, None, 1502],  # 21,704 %: inside A's 21,671–21,728 %
    )
    out = rank_jurisdictions(figs, "division")
    assert out["jurisdiction"].tolist() == ["D", "A", "C", "B"]
    assert out["rank"].tolist() == [1, 2, 3, 4]
    assert out["rate"].iloc[0] == pytest.approx(100 * 326 / 1502)
    ranks = out.set_index("jurisdiction")[["rank_best", "rank_worst"]]
    assert ranks.loc["A"].tolist() == [1, 2]  # could be first: 83/382 = 21,728 %
    assert ranks.loc["D"].tolist() == [1, 2]
    assert ranks.loc["C"].tolist() == [3, 3]
    assert not out["periods_differ"].any()
    assert rank_jurisdictions(figs, "village").empty


def test_reduction_by_sector_and_table_on_ha_nam():
    figures = load_figures(HA_NAM)
    data = reduction_by_sector(figures, "admin_units")
    assert data["category"].tolist() == ["commune_unit", "village"]
    assert data[["baseline_min", "baseline_max"]].values.tolist() == [[116, 116], [1239, 1241]]
    table = reduction_table(figures, "staffing", "vi")
    first = table.iloc[0]
    assert first["Nội dung"] == "Công chức"
    assert (first["Số giảm"], first["Tỷ lệ"], first["Số trước khi giảm"]) == (
        "215",
        "14,4%",
        "1.503",
    )
    assert first["Căn cứ"] == "phân số"
    english = reduction_table(figures, "government", "en")
    assert english.columns.tolist()[:4] == ["Category", "Level", "Reduced", "Rate"]
    assert english.iloc[1]["Before"] == "382–383"
    assert english.iloc[2]["Before"] == "–"  # steering committees: a count only


def test_metrics_never_mutate_their_input():
    figures = load_figures(HA_NAM)
    before = figures.copy()
    implied_counts(figures)
    aggregate_reduction(figures, by=["category"])
    rank_jurisdictions(figures, "village")
    pd.testing.assert_frame_equal(figures, before)
    assert metrics.ROUNDINGS == ("half_up", "half_even", "either")


def test_a_sum_with_a_bounded_count_is_a_bound_of_the_same_kind():
    frame = pd.DataFrame(
        {
            "figure_id": ["a", "b", "c", "d", "e"],
            "jurisdiction": ["X", "Y", "Z", "X", "Y"],
            "category": ["staff"] * 3 + ["department"] * 2,
            "reduced": [2100, 300, 40, 5, 7],
            "baseline": [None, 3000, None, 20, 30],
            "percent": [None] * 5,
            "bound": ["at_least", None, "at_most", None, None],
        }
    )
    rows = aggregate_reduction(frame).set_index("category")
    staff, departments = rows.loc["staff"], rows.loc["department"]
    assert int(staff.reduced) == 2440 and staff.reduced_bound == "about"
    # only 'b' has a baseline: its rate is exact although the total is not
    assert pd.isna(staff.rate_bound) and int(staff.reduced_with_baseline) == 300
    assert pd.isna(departments.reduced_bound) and pd.isna(departments.rate_bound)
    lower = aggregate_reduction(frame[frame.figure_id.isin(["a", "b"])]).iloc[0]
    assert int(lower.reduced) == 2400 and lower.reduced_bound == "at_least"


def test_a_lower_bound_rate_is_ranked_by_the_range_it_admits():
    frame = pd.DataFrame(
        {
            "figure_id": ["x", "y", "z"],
            "jurisdiction": ["X", "Y", "Z"],
            "category": "department",
            "status": "result",
            "reduced": [None, 7, 5],
            "percent": [30.0, 35.0, 25.0],
            "percent_decimals": [0, 0, 0],
            "bound": ["percent:at_least", None, None],
        }
    )
    ranks = rank_jurisdictions(frame, "department").set_index("jurisdiction")
    assert ranks.loc["Y", "rank"] == 1 and ranks.loc["X", "rank"] == 2
    # "hơn 30%" may be above Y's 35 %, and is surely above Z's 25 %
    assert (ranks.loc["X", "rank_best"], ranks.loc["X", "rank_worst"]) == (1, 2)
    assert (ranks.loc["Z", "rank_best"], ranks.loc["Z", "rank_worst"]) == (3, 3)
    assert ranks.loc["X", "rate_min"] == 29.5 and ranks.loc["X", "rate_max"] == 100.0
