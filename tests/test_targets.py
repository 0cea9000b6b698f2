"""Tests of nq18lib.metrics.targets: the targets table and attainment with caveats."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from nq18lib.dataset.figures import load_figures
from nq18lib.exceptions import DataError
from nq18lib.metrics.targets import ATTAINMENT_COLUMNS, target_attainment
from nq18lib.reference.targets import load_targets

ROOT = Path(__file__).resolve().parents[1]
HA_NAM = ROOT / "data" / "figures" / "ha_nam_nq18_7nam.csv"


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return load_targets()


def one(**columns) -> pd.DataFrame:
    base = {
        "figure_id": ["x"],
        "source_id": "s",
        "jurisdiction": "Tỉnh X",
        "province_code": "99",
        "category": "public_service_unit",
        "level": "tinh+huyen",
        "phase": None,
        "status": "result",
        "period_start": "2015",
        "period_end": "2021",
        "reduced": [None],
        "percent": [None],
        "percent_decimals": [1],
        "numerator": [None],
        "denominator": [None],
        "baseline": [None],
        "after": [None],
        "note": [None],
    }
    base.update({k: v if isinstance(v, list) else [v] for k, v in columns.items()})
    return pd.DataFrame(base)


def judged(frame: pd.DataFrame, targets: pd.DataFrame, target_id: str) -> pd.Series:
    out = target_attainment(frame, targets).set_index("target_id")
    return out.loc[target_id]


# --------------------------------------------------------------------------- the table
def test_targets_table_holds_the_national_targets(targets):
    by_id = targets.set_index("target_id")
    assert by_id.loc["NQ18-BIENCHE-2021", ["min_percent", "base_year", "deadline"]].tolist() == [
        10.0,
        2015,
        2021,
    ]
    assert by_id.loc["08NQCP-VIENCHUC-2025", "base_year"] == 2021
    assert by_id.loc["38NQCP-DVSN-BO-2024", "min_percent"] == 13.5
    assert by_id.loc["38NQCP-DVSN-BO-2024", "scope"] == "ministries"
    assert by_id.loc["38NQCP-DVSN-DP-2025", "min_percent"] == 20.0
    assert by_id.loc["38NQCP-DVSN-DP-2025", "condition"]
    assert by_id.loc["KL40-CBCC-2026", "min_percent"] == 5.0
    assert by_id.loc["KL40-VIENCHUC-2026", "applies_to"] == ("public_employee",)
    assert by_id.loc["NQ39-BIENCHE-2021", ["base_year", "deadline"]].tolist() == [2015, 2021]
    assert set(by_id.loc[by_id["kind"] == "criterion"].index) >= {
        "NQ35-2023-2025",
        "NQ35-2026-2030",
    }
    assert by_id["source"].str.len().min() > 5  # every target names its source
    assert targets["target_id"].is_unique


def test_bad_targets_table_is_reported_with_its_place(tmp_path):
    text = (ROOT / "data" / "reference" / "targets.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[2] = lines[2].replace("civil_servant|public_employee", "civil_servants", 1)
    bad = tmp_path / "targets.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_targets(bad)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (3, "applies_to")
    assert "civil_servants" in problem.reason


# --------------------------------------------------------------------------- attainment
def test_comparable_result_attains_or_not(targets):
    hit = judged(one(reduced=52, percent=12.0), targets, "NQ19-DVSN-2021")
    assert (hit["status"], hit["indicative"]) == ("attained", "above_minimum")
    assert hit["gap"] == pytest.approx(2.0)
    miss = judged(one(reduced=40, percent=8.2), targets, "NQ19-DVSN-2021")
    assert (miss["status"], miss["indicative"]) == ("not_attained", "below_minimum")
    assert miss["caveat_en"] == ""


def test_baseline_from_a_fraction_is_preferred_to_the_written_rate(targets):
    frame = one(
        category="public_employee", reduced=98, percent=10.0, numerator=98, denominator=1000
    )
    row = judged(frame, targets, "NQ19-VIENCHUC-2021")
    # 98/1.000 = 9,8 %: the written 10,0 % would pass, the counts do not
    assert row["rate"] == pytest.approx(9.8) and row["rate_basis"] == "fraction"
    assert row["status"] == "not_attained"
    assert "differs from the rate from the counts" in row["caveat_en"]


def test_early_result_attains_but_a_shortfall_before_the_deadline_does_not_fail(targets):
    early = judged(one(percent=11.0, period_end="2019"), targets, "NQ19-DVSN-2021")
    assert early["status"] == "attained" and "before the deadline" in early["caveat_en"]
    short = judged(one(percent=6.0, period_end="2019"), targets, "NQ19-DVSN-2021")
    assert short["status"] == "not_comparable" and short["indicative"] == "below_minimum"


def test_plan_and_other_periods_are_not_comparable(targets):
    plan = judged(one(percent=15.0, status="plan"), targets, "NQ19-DVSN-2021")
    assert plan["status"] == "not_comparable" and "plan" in plan["caveat_en"]
    assert "kế hoạch" in plan["caveat_vi"]
    later = judged(one(percent=15.0, period_end="2024"), targets, "NQ19-DVSN-2021")
    assert (
        later["status"] == "not_comparable" and "past the target's deadline" in later["caveat_en"]
    )
    other_base = judged(one(percent=15.0, period_start="2017"), targets, "NQ19-DVSN-2021")
    assert "counts from 2017, the target from 2015" in other_base["caveat_en"]
    unknown = judged(one(percent=15.0, period_start=None), targets, "NQ19-DVSN-2021")
    assert unknown["status"] == "not_comparable"


def test_partly_projected_is_not_a_result(targets):
    row = judged(one(percent=15.0, status="partly_projected"), targets, "NQ19-DVSN-2021")
    assert row["status"] == "not_comparable" and row["indicative"] == "above_minimum"
    assert "projected part to an achieved part" in row["caveat_en"]
    assert "phần dự kiến" in row["caveat_vi"]


def test_a_ministry_meets_ministry_targets_not_national_ones(targets):
    national = targets[targets["target_id"] == "NQ19-DVSN-2021"].assign(
        target_id="NATIONAL-ONLY", scope="national"
    )
    both = pd.concat([targets, national], ignore_index=True)
    body = one(percent=12.0, jurisdiction="Bộ Y tế", province_code="00")
    ids = set(target_attainment(body, both)["target_id"])
    assert "38NQCP-DVSN-BO-2024" in ids and "NATIONAL-ONLY" not in ids
    country = body.assign(jurisdiction="Toàn quốc")
    assert "NATIONAL-ONLY" in set(target_attainment(country, both)["target_id"])


def test_rounded_rate_close_to_threshold_is_flagged(targets):
    row = judged(one(percent=10.0), targets, "NQ19-DVSN-2021")
    assert row["status"] == "attained" and "close to the threshold" in row["caveat_en"]


def test_scope_conditions_and_uncertain_groups(targets):
    local = target_attainment(one(percent=25.0), targets)
    assert "38NQCP-DVSN-BO-2024" not in set(local["target_id"])  # ministries only
    national = target_attainment(one(percent=25.0, province_code="00"), targets)
    assert "38NQCP-DVSN-BO-2024" in set(national["target_id"])
    assert "38NQCP-DVSN-DP-2025" not in set(national["target_id"])  # localities only
    conditional = judged(one(percent=25.0, period_end="2025"), targets, "38NQCP-DVSN-DP-2025")
    assert conditional["status"] == "not_comparable" and "conditional" in conditional["caveat_en"]
    commune = judged(one(category="commune_official", percent=12.0), targets, "NQ18-BIENCHE-2021")
    assert commune["status"] == "not_comparable" and "[U]" in commune["caveat_en"]


def test_ha_nam_seven_year_review_is_never_a_silent_yes(targets):
    out = target_attainment(load_figures(HA_NAM), targets)
    assert set(out.columns) == set(ATTAINMENT_COLUMNS)
    # the review covers 2017–2025 against targets counted from 2015 or 2021: none comparable
    assert (out["status"] == "not_comparable").all()
    assert (out["caveat_vi"].str.len() > 0).all() and (out["caveat_en"].str.len() > 0).all()
    by = out.set_index(["figure_id", "target_id"])
    psu = by.loc[("HNA-NQ18-7Y-05", "NQ19-DVSN-2021")]
    assert psu["indicative"] == "below_minimum"  # 8,2 % < 10 %
    assert "counts from 2017, the target from 2015" in psu["caveat_en"]
    assert "runs to 2025, past the target's deadline 2021" in psu["caveat_en"]
    civil = by.loc[("HNA-NQ18-7Y-08", "NQ18-BIENCHE-2021")]
    assert civil["rate"] == pytest.approx(100 * 215 / 1503)
    assert civil["indicative"] == "above_minimum"
    assert "14,4%" in civil["caveat_vi"]
    # criteria and directions have no rate to compare
    villages = by.loc[("HNA-NQ18-7Y-07", "NQ18-THON-2021")]
    assert pd.isna(villages["indicative"]) and "without a number" in villages["caveat_en"]
    communes = by.loc[("HNA-NQ18-7Y-06", "NQ35-2023-2025")]
    assert "criterion" in communes["caveat_en"]
    # the steering committees (a count only) meet no target
    assert "HNA-NQ18-7Y-04" not in set(out["figure_id"])


def test_no_rate_is_not_comparable(targets):
    row = judged(one(reduced=40), targets, "NQ19-DVSN-2021")
    assert row["status"] == "not_comparable" and pd.isna(row["rate"])
    assert pd.isna(row["indicative"])


def test_a_bounded_rate_says_so_in_the_table_and_the_chart(targets):
    from nq18lib.report.charts import attainment_chart
    from nq18lib.report.htmltable import table_html
    from nq18lib.report.tables import attainment_table

    frame = one(reduced=52, percent=12.0, bound="percent:at_least")
    attainment = target_attainment(frame, targets)
    row = attainment.set_index("target_id").loc["NQ19-DVSN-2021"]
    assert row["rate_bound"] == "at_least" and row["status"] == "attained"
    bars = attainment_chart(attainment, "vi").data[0]
    assert bars.text[0] == "hơn 12,0%"
    assert "hơn 12,0%" in table_html(attainment_table(attainment, "vi"), "vi")
    exact = target_attainment(one(reduced=52, percent=12.0), targets)
    assert attainment_chart(exact, "vi").data[0].text[0] == "12,0%"
