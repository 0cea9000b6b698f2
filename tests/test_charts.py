"""Charts: theme, language-dependent number writing, sources in hover text, ranges as ranges."""

from __future__ import annotations

import pandas as pd
import plotly.io as pio
import pytest

from nq18lib.report import charts
from nq18lib.report.charts import (
    attainment_chart,
    before_after_chart,
    comparison_chart,
    figure_html,
    findings_chart,
    reduction_bar,
    show_figure,
    wrap_label,
)

SOURCES = pd.DataFrame(
    {"title": ["Bản tin thử"], "publisher": ["Báo Thử <X>"], "date": ["2024-12"]},
    index=pd.Index(["src-1"], name="source_id"),
)


def _figures(**over) -> pd.DataFrame:
    base = {
        "figure_id": ["F1", "F2", "F3"],
        "source_id": ["src-1", "src-1", "src-1"],
        "jurisdiction": ["Hà Nam", "Hà Nam", "Hà Nam"],
        "category": ["party_agency", "village", "commune_official"],
        "reduced": pd.array([4, 553, None], dtype="Int64"),
        "percent": pd.array([36.4, 44.6, 11.3], dtype="Float64"),
        "percent_decimals": pd.array([1, 1, 1], dtype="Int64"),
        "status": ["result", "result", "plan"],
        "phase": ["cả 2 giai đoạn"] * 3,
        "location": ["p4:1-2", "p4:3-4", "p4:5-6"],
    }
    base.update(over)
    return pd.DataFrame(base)


def _sizes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "figure_id": ["F2", "F3"],
            "jurisdiction": ["Hà Nam", "Hà Nam"],
            "category": ["village", "commune_official"],
            "status": ["result", "result"],
            "phase": ["", ""],
            "source_id": ["src-1", "src-1"],
            "location": ["p4:3-4", "p4:5-6"],
            "reduced": pd.array([553, None], dtype="Int64"),
            "percent": [44.6, 11.3],
            "percent_decimals": [1, 1],
            "baseline_min": pd.array([1239, None], dtype="Int64"),
            "baseline_max": pd.array([1241, None], dtype="Int64"),
            "after_min": pd.array([686, None], dtype="Int64"),
            "after_max": pd.array([688, None], dtype="Int64"),
            "basis": ["percent", None],
        }
    )


def test_theme_is_registered_with_print_friendly_fonts():
    template = pio.templates[charts.TEMPLATE]
    assert template.layout.font.family.startswith("Noto Sans")
    assert template.layout.font.size >= 11
    assert template.layout.xaxis.tickfont.size >= 11
    # a white card: dark ink stays readable on a dark-mode page
    assert template.layout.paper_bgcolor == "#ffffff"


@pytest.mark.parametrize(
    ("lang", "separators", "text"), [("vi", ",.", "36,4%"), ("en", ".,", "36.4%")]
)
def test_reduction_bar_writes_numbers_per_language(lang, separators, text):
    fig = reduction_bar(_figures(), lang, sources=SOURCES)
    assert fig.layout.separators == separators
    texts = [t for trace in fig.data for t in trace.text]
    assert f"{text} (−4) ●" in texts  # the status mark ends each bar label
    lines = [str(name).count("<br>") + 1 for name in fig.data[0].y] + [
        str(name).count("<br>") + 1 for trace in fig.data[1:] for name in trace.y
    ]
    assert max(lines) == 2  # one label wraps: its row is taller than the others
    assert fig.layout.height == 110 + sum(max(36, 16 * n + 14) for n in lines)
    assert fig.layout.template.layout.font.family.startswith("Noto Sans")


def test_reduction_bar_hover_names_the_source_escaped():
    fig = reduction_bar(_figures(), "vi", sources=SOURCES)
    hover = " ".join(h for trace in fig.data for h in trace.hovertext)
    assert "Nguồn: Báo Thử &lt;X&gt;, 12/2024" in hover  # publisher, date the Vietnamese way
    assert "Vị trí trong nguồn: đoạn 4" in hover  # the place in words, no character offsets
    assert "<X>" not in hover


def test_reduction_bar_separates_results_from_plans():
    fig = reduction_bar(_figures(), "en", sources=SOURCES)
    assert sorted(trace.name for trace in fig.data) == ["○ planned", "● done"]
    assert fig.layout.showlegend is True


def test_reduction_bar_colours_by_sector_for_the_overview():
    fig = reduction_bar(_figures(), "vi", color_by="sector", sources=SOURCES)
    assert {trace.name for trace in fig.data} == {
        "Khối Đảng",
        "Đơn vị hành chính",
        "Tinh giản biên chế",
    }


def test_reduction_bar_without_percent_draws_nothing():
    assert reduction_bar(_figures().iloc[0:0], "vi") is None


def test_before_after_draws_the_implied_range_as_a_range():
    fig = before_after_chart(_sizes(), "vi")
    # only the village has a size; two steps (before, after), each solid + light segment
    assert len(fig.data) == 4
    solid_before, range_before, _, range_after = fig.data
    assert solid_before.x[0] == 1239 and range_before.base[0] == 1239
    assert range_before.x[0] == 2 and range_before.text[0] == "1.239–1.241"
    assert range_after.base[0] == 686 and range_after.text[0] == "686–688"
    assert fig.layout.xaxis.tickformat == ",d"
    assert fig.layout.separators == ",."


def test_before_after_without_sizes_draws_nothing():
    sizes = _sizes().iloc[1:]
    assert before_after_chart(sizes, "vi") is None


def test_attainment_chart_marks_targets_and_greys_out_what_cannot_be_compared():
    attainment = pd.DataFrame(
        {
            "figure_id": ["F1", "F1", "F1", "F2"],
            "jurisdiction": ["Hà Nam"] * 4,
            "category": ["civil_servant", "civil_servant", "civil_servant", "public_employee"],
            "target_id": ["T1", "T2", "T3", "T1"],
            "instrument": ["39-NQ/TW", "18-NQ/TW", "40-KL/TW", "39-NQ/TW"],
            "min_percent": [10.0, 10.0, 5.0, 10.0],
            "base_year": [2015, 2015, 2021, 2015],
            "deadline": [2021, 2021, 2026, 2021],
            "rate": [14.3, 14.3, 14.3, 5.7],
            "status": ["not_comparable", "not_comparable", "attained", "not_comparable"],
            "caveat_vi": ["thời kỳ khác", "thời kỳ khác", "", "thời kỳ khác"],
            "caveat_en": ["another period", "another period", "", "another period"],
        }
    )
    fig = attainment_chart(attainment, "en")
    bars = fig.data[0]
    assert list(bars.x) == [14.3, 5.7]  # one bar per figure
    assert bars.marker.color == (charts.COLORS["attained"], charts.COLORS["not_comparable"])
    ticks = next(t for t in fig.data if t.type == "scatter")
    assert list(ticks.x) == [10.0, 5.0, 10.0]  # one tick per distinct target rate
    assert "39-NQ/TW ≥ 10.0%: not comparable" in ticks.hovertext[0]
    assert "18-NQ/TW ≥ 10.0%" in ticks.hovertext[0] and "another period" in ticks.hovertext[0]
    legend = {t.name for t in fig.data if t.showlegend is not False}
    assert {"Target", "not comparable", "attained"} <= legend
    assert fig.layout.height == 130 + 56 * 2


def test_attainment_chart_without_rows_draws_nothing():
    assert attainment_chart(pd.DataFrame(), "vi") is None


def test_comparison_chart_highlights_one_jurisdiction():
    figures = _figures(
        jurisdiction=["Hà Nam", "Hà Nam", "Nam Định"],
        category=["village", "village", "village"],
    )
    fig = comparison_chart(figures, "vi", highlight="Nam Định", sources=SOURCES)
    colors = list(fig.data[0].marker.color)
    assert colors.count(charts.COLORS["highlight"]) == 1


def test_findings_chart_stacks_severities_with_readable_check_names():
    findings = pd.DataFrame(
        {"check": ["percent_vs_fraction", "percent_only", "percent_only"]}
        | {"severity": ["error", "info", "info"]}
    )
    fig = findings_chart(findings, "vi")
    assert [t.name for t in fig.data] == ["lỗi", "ghi chú"]
    assert "Chỉ có tỷ lệ" in fig.data[1].y


def test_wrap_label_keeps_words_whole():
    assert all(
        len(line) <= 26 for line in wrap_label("Người hoạt động không chuyên trách").split("<br>")
    )


def test_figure_html_has_no_plotlyjs_mathjax_or_external_resource():
    html = figure_html(reduction_bar(_figures(), "vi", sources=SOURCES), "vi")
    assert "plotly-graph-div" in html
    assert len(html) < 100_000
    assert "mathjax" not in html.lower()
    assert "https://" not in html and "<script src" not in html


def test_show_figure_emits_plotly_json_and_html(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    show_figure(reduction_bar(_figures(), "vi", sources=SOURCES), "vi")
    show_figure(None, "vi")
    assert len(shown) == 2  # the chart, then the line explaining its marks
    assert "●" in shown[1].data
    bundle = shown[0]
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/html"}
    assert bundle["application/vnd.plotly.v1+json"]["config"]["displaylogo"] is False


def test_before_after_with_a_size_before_and_none_after_draws_the_before_bar_only():
    sizes = _sizes()
    village = sizes["baseline_min"].notna()
    sizes.loc[village, ["after_min", "after_max"]] = pd.NA
    fig = before_after_chart(sizes, "vi")
    assert len(fig.data) == 2  # the size before, solid + light; no bar for the unknown after
    assert fig.data[0].x[0] == 1239
