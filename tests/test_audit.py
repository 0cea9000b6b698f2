"""Tests of nq18lib.audit.checks: findings on Hà Nam and on hand-made figures, and `nq18 audit`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from nq18lib.audit.checks import (
    JSON_FIELDS,
    audit_figures,
    audit_findings,
    audit_records,
    format_audit_table,
    load_reference_counts,
)
from nq18lib.cli import main
from nq18lib.dataset.figures import load_figures

ROOT = Path(__file__).resolve().parents[1]
HA_NAM = ROOT / "data" / "figures" / "ha_nam_nq18_7nam.csv"
NO_REFERENCE = pd.DataFrame(columns=load_reference_counts().columns)


def checks(row: pd.Series, severity: str | None = None) -> list[str]:
    return [f["check"] for f in row["findings"] if severity in (None, f["severity"])]


def finding(row: pd.Series, check: str) -> dict:
    (found,) = [f for f in row["findings"] if f["check"] == check]
    return found


def figures(**columns) -> pd.DataFrame:
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
        "numerator": [None] * n,
        "denominator": [None] * n,
        "baseline": [None] * n,
        "after": [None] * n,
        "percent_decimals": [1] * n,
    }
    base.update(columns)
    return pd.DataFrame(base)


@pytest.fixture(scope="module")
def ha_nam() -> pd.DataFrame:
    return audit_figures(load_figures(HA_NAM)).set_index("figure_id", drop=False)


# --------------------------------------------------------------------------- Hà Nam
def test_every_ha_nam_figure_with_count_and_percent_has_a_baseline_range(ha_nam):
    expected = {
        "HNA-NQ18-7Y-01": (11, 11),
        "HNA-NQ18-7Y-02": (19, 19),
        "HNA-NQ18-7Y-03": (382, 383),
        "HNA-NQ18-7Y-05": (485, 490),
        "HNA-NQ18-7Y-06": (116, 116),
        "HNA-NQ18-7Y-07": (1239, 1241),
        "HNA-NQ18-7Y-08": (1503, 1503),  # the fraction's denominator
        "HNA-NQ18-7Y-09": (15327, 15327),
    }
    for figure_id, bounds in expected.items():
        row = ha_nam.loc[figure_id]
        assert (row["implied_baseline_min"], row["implied_baseline_max"]) == bounds
    for figure_id in ("HNA-NQ18-7Y-04", "HNA-NQ18-7Y-10", "HNA-NQ18-7Y-11"):
        assert pd.isna(ha_nam.loc[figure_id, "implied_baseline_min"])
    assert checks(ha_nam.loc["HNA-NQ18-7Y-10"]) == ["percent_only"]
    assert checks(ha_nam.loc["HNA-NQ18-7Y-04"]) == ["count_only"]


def test_civil_servant_rate_contradicts_its_fraction(ha_nam):
    row = ha_nam.loc["HNA-NQ18-7Y-08"]
    assert row["severity"] == "error"
    found = finding(row, "percent_vs_fraction")
    assert found["severity"] == "error"
    values = found["values"]
    assert values["rounded_half_up"] == 14.3
    assert values["matching_roundings"] == ["up"]
    assert values["baseline_implied_by_percent"] == [1488, 1498]
    assert values["reduced_implied_by_percent"] == [216, 217]
    assert "14,4%" in found["message_vi"] and "14,3%" in found["message_vi"]
    assert "215/1.503" in found["message_vi"]
    assert "215/1,503" in found["message_en"] and "14.3%" in found["message_en"]


def test_only_the_civil_servant_figure_is_flagged(ha_nam):
    flagged = ha_nam[ha_nam["severity"].isin(["error", "warning"])].index.tolist()
    assert flagged == ["HNA-NQ18-7Y-08"]
    ok = finding(ha_nam.loc["HNA-NQ18-7Y-09"], "percent_vs_fraction")
    assert ok["severity"] == "info" and "5,7480%" in ok["message_vi"]


def test_commune_units_agree_with_the_reference_counts(ha_nam):
    row = ha_nam.loc["HNA-NQ18-7Y-06"]
    refs = [f for f in row["findings"] if f["check"] == "reference_count"]
    assert [(f["values"]["side"], f["values"]["reference_count"]) for f in refs] == [
        ("baseline", 116),
        ("after", 98),
    ]
    assert all(f["severity"] == "info" for f in refs)
    assert refs[0]["values"]["reference_date"] == "2019-09-11"
    assert refs[0]["values"]["gap_days"] > 0  # the 2019 count is after the 2017 start


# --------------------------------------------------------------------------- checks
def test_impossible_percent():
    row = audit_figures(figures(reduced=[1], percent=[36.4]), NO_REFERENCE).iloc[0]
    found = finding(row, "percent_impossible")
    assert found["severity"] == "error"
    assert found["values"]["nearest"] == [[2, 50.0], [3, 33.3]]
    assert pd.isna(row["implied_baseline_min"])


@pytest.mark.parametrize(
    ("reduced", "percent", "decimals", "baseline"),
    [
        (1, 14.28, 2, (7, 7)),  # 1/7 = 14,2857… cut after two decimals
        (400, 76.04, 2, (526, 526)),
        (92, 69.6, 1, (132, 132)),  # 69,69… cut after one
    ],
)
def test_a_truncated_percent_is_a_warning_with_its_baseline(reduced, percent, decimals, baseline):
    frame = figures(reduced=[reduced], percent=[percent]).assign(percent_decimals=[decimals])
    row = audit_figures(frame, NO_REFERENCE).iloc[0]
    assert checks(row, "error") == []
    found = finding(row, "implied_baseline")
    assert found["severity"] == "warning" and found["values"]["rounding"] == "down"
    assert (found["values"]["baseline_min"], found["values"]["baseline_max"]) == baseline
    assert "cắt bỏ thay vì làm tròn" in found["message_vi"]


def test_a_percent_no_rounding_gives_stays_impossible():
    frame = figures(reduced=[47], percent=[61.05]).assign(percent_decimals=[2])
    row = audit_figures(frame, NO_REFERENCE).iloc[0]
    assert checks(row, "error") == ["percent_impossible"]  # 47/77 = 61,039…: neither


def test_zero_reduced_with_a_positive_rate_is_impossible():
    row = audit_figures(figures(reduced=[0], percent=[5.0]), NO_REFERENCE).iloc[0]
    assert checks(row, "error") == ["percent_impossible"]


def test_zero_percent_gives_only_a_lower_bound():
    row = audit_figures(figures(reduced=[3], percent=[0.0]), NO_REFERENCE).iloc[0]
    assert finding(row, "implied_baseline")["values"]["baseline_at_least"] == 6000
    assert row["severity"] == "info"


def test_numerator_differs_from_reduced():
    frame = figures(reduced=[214], percent=[14.3], numerator=[215], denominator=[1503])
    row = audit_figures(frame, NO_REFERENCE).iloc[0]
    assert "fraction_vs_reduced" in checks(row, "error")
    assert finding(row, "percent_vs_fraction")["severity"] == "info"


def test_truncated_percent_is_a_warning_not_an_error():
    # 2/3 = 66,67 %: written 66,6 only if truncated
    row = audit_figures(figures(reduced=[2], percent=[66.6], numerator=[2], denominator=[3]))
    found = finding(row.iloc[0], "percent_vs_fraction")
    assert found["severity"] == "warning"
    assert found["values"]["matching_roundings"] == ["down"]


def test_tie_rounded_to_even_is_accepted():
    frame = figures(
        reduced=[1], percent=[12.0], percent_decimals=[0], numerator=[1], denominator=[8]
    )
    found = finding(audit_figures(frame, NO_REFERENCE).iloc[0], "percent_vs_fraction")
    assert found["severity"] == "info"
    assert "ties are rounded to even" in found["message_en"]


def test_percent_against_reported_baseline_and_after():
    frame = figures(
        reduced=[18, 18, 18, 18],
        percent=[15.5, 16.5, None, 15.5],
        baseline=[116, 116, 116, None],
        after=[98, 98, 97, 98],
    )
    out = audit_figures(frame, NO_REFERENCE)
    assert finding(out.iloc[0], "percent_vs_counts")["severity"] == "info"
    assert finding(out.iloc[1], "percent_vs_counts")["severity"] == "error"
    assert checks(out.iloc[2], "error") == ["after_vs_baseline"]
    # after + reduced gives the baseline
    assert (out.iloc[3]["implied_baseline_min"], out.iloc[3]["baseline_basis"]) == (116, "after")
    assert finding(out.iloc[3], "percent_vs_counts")["severity"] == "info"


def test_reduced_above_baseline():
    row = audit_figures(figures(reduced=[20], baseline=[10]), NO_REFERENCE).iloc[0]
    assert "reduced_vs_baseline" in checks(row, "error")


def test_parts_against_their_total():
    frame = figures(
        figure_id=["tot", "g1", "g2", "lt", "lh", "n"],
        phase=["cả 2 giai đoạn", "giai đoạn 1", "giai đoạn 2"] + ["cả 2 giai đoạn"] * 3,
        level=["tinh+huyen"] * 3 + ["tinh", "huyen", "tinh+huyen"],
        category=["division"] * 5 + ["village"],
        status=["result", "result", "plan", "result", "result", "result"],
        reduced=[83, 50, 30, 40, 43, 5],
    )
    out = audit_figures(frame, NO_REFERENCE).set_index("figure_id")
    totals = [f for f in out.loc["tot", "findings"] if f["check"] == "parts_vs_total"]
    by_rule = {f["values"]["rule"]: f for f in totals}
    assert by_rule["phase"]["severity"] == "error"  # 50 + 30 ≠ 83
    assert by_rule["phase"]["values"]["sum_of_parts"] == 80
    assert by_rule["level"]["severity"] == "info"  # 40 + 43 = 83
    assert "trong đó" in finding(out.loc["g1"], "parts_vs_total")["message_vi"]
    assert checks(out.loc["n"]) == ["count_only"]


def test_note_marked_part_exceeding_its_total():
    frame = figures(
        figure_id=["tot", "part"],
        phase=["cả 2 giai đoạn", "cả 2 giai đoạn"],
        level=["tinh", "tinh"],
        reduced=[5, 7],
        note=[None, "trong đó riêng khối huyện"],
    )
    out = audit_figures(frame, NO_REFERENCE).set_index("figure_id")
    assert finding(out.loc["tot"], "parts_vs_total")["severity"] == "error"
    assert "conflicting_figures" not in checks(out.loc["tot"])


def test_noted_parts_that_add_up_to_their_total_match_it():
    frame = figures(
        figure_id=["tot", "a", "b"],
        reduced=[16, 14, 2],
        part_of=[None, "tot", "tot"],
        note=[None, "merged", "equitised"],
    )
    out = audit_figures(frame, NO_REFERENCE).set_index("figure_id")
    total = finding(out.loc["tot"], "parts_vs_total")
    assert total["severity"] == "info"
    assert total["message_en"] == "The parts 14 + 2 = 16 match the total 16."


def test_count_and_count_after_imply_the_baseline():
    out = audit_figures(figures(reduced=[3], after=[6]), NO_REFERENCE).iloc[0]
    implied = finding(out, "implied_baseline")
    assert implied["values"] == {"reduced": 3, "after": 6, "baseline": 9}
    assert "33,3%" in implied["message_vi"]
    assert "count_only" not in checks(out)


def test_conflicting_and_repeated_figures():
    frame = figures(
        figure_id=["a", "b", "c", "d"],
        category=["division", "division", "village", "village"],
        reduced=[83, 85, 553, 553],
        percent=[21.7, 21.7, 44.6, 44.6],
    )
    out = audit_figures(frame, NO_REFERENCE).set_index("figure_id")
    conflict = finding(out.loc["a"], "conflicting_figures")
    assert conflict["severity"] == "warning" and conflict["values"]["other_figure_id"] == "b"
    assert not conflict["values"]["identical"]
    assert finding(out.loc["d"], "conflicting_figures")["values"]["identical"]
    described = frame.assign(note=["phòng chuyên môn", "chi cục", None, None])
    out = audit_figures(described, NO_REFERENCE).set_index("figure_id")
    assert "conflicting_figures" not in checks(out.loc["a"])
    # the same numbers for two named subjects (two districts) are two figures
    named = frame.assign(note=[None, None, "quận Thanh Khê", "quận Sơn Trà"])
    out = audit_figures(named, NO_REFERENCE).set_index("figure_id")
    assert "conflicting_figures" not in checks(out.loc["d"])


def test_before_and_after_without_a_rate():
    row = audit_figures(figures(reduced=[1], baseline=[11], after=[10]), NO_REFERENCE).iloc[0]
    assert finding(row, "after_vs_baseline")["severity"] == "info"
    assert (row["implied_baseline_min"], row["implied_after_max"]) == (11, 10)


def test_reference_count_mismatch_is_a_warning():
    frame = figures(
        jurisdiction=["Hà Nam"],
        province_code=["35"],
        category=["commune_unit"],
        level=["xa"],
        period_start=["2017-10-25"],
        reduced=[18],
        percent=[15.0],  # implies 120, not the 116 on record
    )
    row = audit_figures(frame).iloc[0]
    refs = [f for f in row["findings"] if f["check"] == "reference_count"]
    assert [f["severity"] for f in refs] == ["warning", "warning"]
    assert refs[0]["values"]["range"] == [120, 120]
    assert "116" in refs[0]["message_vi"]
    assert not [
        f
        for f in audit_figures(frame, NO_REFERENCE).iloc[0]["findings"]
        if "reference" in f["check"]
    ]


def test_deliberate_inconsistency_of_the_synthetic_corpus():
    # Tây Lĩnh: 1.046/15.820 = 6,6 %, written 7,9 %
    frame = figures(
        category=["public_employee"],
        reduced=[1046],
        percent=[7.9],
        numerator=[1046],
        denominator=[15820],
    )
    row = audit_figures(frame, NO_REFERENCE).iloc[0]
    found = finding(row, "percent_vs_fraction")
    assert found["severity"] == "error" and found["values"]["rounded_half_up"] == 6.6


def test_findings_table_and_records(ha_nam):
    table = audit_findings(ha_nam.reset_index(drop=True))
    assert table.iloc[0]["severity"] == "error"
    assert set(table.columns) >= {"figure_id", "check", "severity", "message_vi", "message_en"}
    records = audit_records(ha_nam.reset_index(drop=True))
    assert list(records[0]) == list(JSON_FIELDS)
    json.dumps(records)  # plain Python values only


def test_table_text_in_both_languages(ha_nam):
    vi = format_audit_table(ha_nam.reset_index(drop=True), "vi")
    assert "Số trước" in vi and "1.239–1.241" in vi and "[lỗi] percent_vs_fraction" in vi
    assert "11 số liệu: 1 có lỗi, 0 có cảnh báo." in vi
    en = format_audit_table(ha_nam.reset_index(drop=True), "en")
    assert "1,239–1,241" in en and "[error]" in en
    lines = vi.splitlines()
    # aligned: the header and every data row put the verdict column at the same place
    col = lines[0].index("Kết luận")
    assert all(len(line) >= col for line in lines[2:13])


# --------------------------------------------------------------------------- CLI
def test_cli_json(capsys):
    assert main(["audit", str(HA_NAM), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 11
    required = {
        "figure_id",
        "jurisdiction",
        "category",
        "reduced",
        "percent",
        "implied_baseline_min",
        "implied_baseline_max",
        "findings",
    }
    for record in records:
        assert required <= set(record)
        for f in record["findings"]:
            assert {"check", "severity", "message_vi", "message_en"} <= set(f)
            assert f["severity"] in ("error", "warning", "info")
    by_id = {r["figure_id"]: r for r in records}
    assert by_id["HNA-NQ18-7Y-01"]["implied_baseline_min"] == 11
    assert by_id["HNA-NQ18-7Y-10"]["implied_baseline_min"] is None
    assert by_id["HNA-NQ18-7Y-10"]["reduced"] is None
    assert by_id["HNA-NQ18-7Y-08"]["percent"] == 14.4
    assert by_id["HNA-NQ18-7Y-08"]["percent_decimals"] == 1


def test_cli_strict_and_table(capsys):
    assert main(["audit", str(HA_NAM), "--strict"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Mã số") and "lỗi" in out
    assert main(["audit", str(HA_NAM), "--lang", "en"]) == 0
    assert "Verdict" in capsys.readouterr().out


def test_cli_bad_data_exits_2_with_located_problems(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    header = HA_NAM.read_text(encoding="utf-8").splitlines()[0]
    bad.write_text(
        header + "\nX-1,s,Hà Nam,35,division,tinh,4,abc,,,,,2017,2025,,result,,\n",
        encoding="utf-8",
    )
    assert main(["audit", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2:percent:" in err and "Traceback" not in err


def test_cli_as_a_subprocess():
    done = subprocess.run(
        [sys.executable, "-m", "nq18lib.cli", "audit", str(HA_NAM), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert [r["severity"] for r in records].count("error") == 1
    assert "Hà Nam" in done.stdout  # Vietnamese letters kept as they are


def test_empty_table_audits_to_nothing():
    empty = load_figures(HA_NAM).iloc[0:0]
    audited = audit_figures(empty)
    assert audited.empty and list(audited.columns)[:4] == [
        "figure_id",
        "source_id",
        "jurisdiction",
        "category",
    ]
    assert audit_records(audited) == []
    assert "0 số liệu: 0 có lỗi" in format_audit_table(audited)


# --------------------------------------------------------------------------- central bodies
def _national_reference() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "jurisdiction": ["Toàn quốc"],
            "province_code": ["00"],
            "category": ["public_service_unit"],
            "level": [""],
            "date": ["2015-12-31"],
            "count": [55891],
            "source": ["test"],
            "confidence": ["S"],
            "note": [""],
        }
    )


def test_a_ministry_is_not_checked_against_the_countrys_counts():
    frame = figures(
        jurisdiction=["Bộ Y tế", "Toàn quốc"],
        province_code=["00", "00"],
        category=["public_service_unit"] * 2,
        level=[None, None],
        period_start=["2015", "2015"],
        baseline=[9, 55891],
        reduced=[4, 7449],
    )
    out = audit_figures(frame, _national_reference()).set_index("jurisdiction")
    assert "reference_count" not in checks(out.loc["Bộ Y tế"])
    national = [f for f in out.loc["Toàn quốc"]["findings"] if f["check"] == "reference_count"]
    baseline = [f for f in national if f["values"]["side"] == "baseline"]
    assert [f["severity"] for f in baseline] == ["info"]


def test_two_ministries_or_two_units_in_one_source_do_not_conflict():
    frame = figures(
        jurisdiction=["Bộ Ngoại giao", "Bộ Công an", "Bộ Công an"],
        province_code=["00"] * 3,
        category=["public_service_unit", "public_service_unit", "other"],
        percent=[26.67, 25.0, None],
        reduced=[None, None, 5],
        unit=[None, None, "đội"],
    )
    out = audit_figures(frame, NO_REFERENCE)
    assert not any("conflicting_figures" in checks(row) for _, row in out.iterrows())
    twice = figures(
        jurisdiction=["Bộ Công an", "Bộ CA"],
        province_code=["00", "00"],
        percent=[25.0, 20.0],
    )
    out = audit_figures(twice, NO_REFERENCE)  # one body written two ways: a real conflict
    assert all("conflicting_figures" in checks(row) for _, row in out.iterrows())


def test_a_part_is_not_checked_against_a_known_total():
    reference = _national_reference().assign(category="division")
    frame = figures(
        figure_id=["tot", "part"],
        jurisdiction=["Toàn quốc"] * 2,
        province_code=["00"] * 2,
        period_start=["2015", "2015"],
        baseline=[55891, 9],
        reduced=[100, 4],
        part_of=[None, "tot"],
    )
    out = audit_figures(frame, reference).set_index("figure_id")
    assert "reference_count" in checks(out.loc["tot"])
    assert "reference_count" not in checks(out.loc["part"])


def test_the_count_after_is_not_compared_with_the_count_before_the_change():
    reference = pd.DataFrame(
        {
            "jurisdiction": ["Tỉnh A"],
            "province_code": ["99"],
            "category": ["commune_unit"],
            "level": ["xa"],
            "date": ["2025-04-17"],
            "count": [108],
            "source": ["test"],
            "confidence": ["S"],
            "note": [""],
        }
    )
    plan = figures(
        category=["commune_unit"],
        level=["xa"],
        status=["plan"],
        period_start=[None],
        baseline=[108],
        after=[37],
        reduced=[71],
    )
    (row,) = (r for _, r in audit_figures(plan, reference).iterrows())
    assert "reference_count" not in checks(row)  # 108 is the baseline, not a count after
    # 108 between 120 and 37 with no start date: the count of a moment before the end (a
    # constituent before a merger, an earlier step): said, not warned
    other = plan.assign(baseline=[120], reduced=[83])
    (row,) = (r for _, r in audit_figures(other, reference).iterrows())
    assert [f["values"]["verdict"] for f in row["findings"] if f["check"] == "reference_count"] == [
        "between"
    ]
    assert checks(row, "warning") == []
    fewer = plan.assign(baseline=[120], reduced=[10], after=[110])  # 108 left, then 110: wrong
    (row,) = (r for _, r in audit_figures(fewer.assign(status=["result"]), reference).iterrows())
    assert checks(row, "warning") == ["reference_count"]


def _province_reference(*dated_counts: tuple[str, int]) -> pd.DataFrame:
    n = len(dated_counts)
    return pd.DataFrame(
        {
            "jurisdiction": ["Tỉnh A"] * n,
            "province_code": ["99"] * n,
            "category": ["commune_unit"] * n,
            "level": ["xa"] * n,
            "date": [d for d, _ in dated_counts],
            "count": [c for _, c in dated_counts],
            "source": ["test"] * n,
            "confidence": ["S"] * n,
            "note": [""] * n,
        }
    )


@pytest.mark.parametrize(
    ("status", "start", "end", "baseline", "reduced", "known", "expected"),
    [
        # the province's own count before the merger, dated before the end: nothing wrong
        ("plan", None, "2025-07-01", 120, 80, [("2025-03-01", 120)], {}),
        ("plan", None, "2025-07-01", 120, 80, [("2025-05-01", 100)], {"after": "between"}),
        # one district's communes (9 → 2) against the province's 120: another coverage
        ("plan", None, "2025-07-01", 9, 7, [("2025-03-01", 120)], {"after": "coverage"}),
        ("result", "2024-01", "2024-12", 45, 4, [("2015-12-31", 1194)], {"baseline": "coverage"}),
        # a plan's count after against what was counted after it: a plan, not an error
        ("plan", None, "2025-07-01", 120, 80, [("2025-08-01", 44)], {"after": "plan_outcome"}),
        # the same for a result is a real disagreement
        ("result", None, "2025-07-01", 120, 80, [("2025-08-01", 44)], {"after": "mismatch"}),
        # a count from the end of the period says nothing of the baseline
        ("result", "2016", "2020", 831, 54, [("2020-12-31", 777)], {"after": "match"}),
        # more left before the end than there were before: not the same units
        ("result", None, "2025-07-01", 50, 10, [("2025-03-01", 70)], {"after": "coverage"}),
        # a mid-period count below the count after is a contradiction
        ("result", None, "2025-07-01", 50, 10, [("2025-03-01", 35)], {"after": "mismatch"}),
    ],
)
def test_reference_count_verdicts(status, start, end, baseline, reduced, known, expected):
    frame = figures(
        category=["commune_unit"],
        level=["xa"],
        status=[status],
        period_start=[start],
        period_end=[end],
        baseline=[baseline],
        reduced=[reduced],
    )
    row = audit_figures(frame, _province_reference(*known)).iloc[0]
    refs = [f for f in row["findings"] if f["check"] == "reference_count"]
    assert {f["values"]["side"]: f["values"]["verdict"] for f in refs} == expected
    for found in refs:
        warned = found["values"]["verdict"] == "mismatch"
        assert found["severity"] == ("warning" if warned else "info")
        assert found["message_vi"] and found["message_en"]
