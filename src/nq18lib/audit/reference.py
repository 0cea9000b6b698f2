"""The audit check against known counts (read by :mod:`nq18lib.reference.counts`).

The baseline and count after implied by a figure are compared with the known count nearest
to the start and to the end of its period (``reference_count`` findings).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from nq18lib import metrics
from nq18lib.audit.findings import Finding
from nq18lib.frames import cell_text
from nq18lib.numerals import format_number
from nq18lib.reference.centralbodies import jurisdiction_key
from nq18lib.reference.counts import parse_date


def index_reference_counts(reference: pd.DataFrame | None) -> dict[tuple, list[tuple]]:
    """Group the known counts by (province code or place, category), with parsed dates.

    Code ``00`` is split by :func:`~nq18lib.reference.centralbodies.jurisdiction_key`: the
    country's counts are not a ministry's.
    """
    index: dict[tuple, list[tuple]] = {}
    if reference is None or reference.empty:
        return index
    for row in reference.itertuples(index=False):
        when = parse_date(row.date)
        if when is None:
            continue
        key = jurisdiction_key(row.jurisdiction, row.province_code)
        index.setdefault(("code", key, row.category), []).append((when, row))
        index.setdefault(("place", row.jurisdiction, row.category), []).append((when, row))
    return index


def _nearest(dated: list[tuple], when: dt.date) -> tuple[dt.date, object, int]:
    """Return the last count on or before ``when``, else the first after, and the gap in days."""
    before = [x for x in dated if x[0] <= when]
    day, row = max(before, key=lambda x: x[0]) if before else min(dated, key=lambda x: x[0])
    return day, row, (day - when).days


COVERAGE_FACTOR = 2
"""A known count more than this many times larger or smaller than the figure's counts is of
another coverage (one district's communes against the province's, or a merged province's
departments against one constituent's), not a contradiction."""


def _verdict(side: str, count: int, day: dt.date, bounds: dict, status: str) -> str | None:
    """Say what a known ``count`` on ``day`` tells about one side of a figure.

    Returns ``match``, ``between`` (a count from inside the period lies between the counts
    before and after), ``coverage`` (another coverage, see :data:`COVERAGE_FACTOR`),
    ``plan_outcome`` (a plan's count after differs from a known count: the plan is not
    wrong), ``mismatch`` (a warning), or None when the known count says nothing of that side
    (a count from after the period for the baseline; from before its start for the after).
    """
    low, high = bounds[side]
    start, end = bounds["start"], bounds["end"]
    if side == "baseline" and end is not None and day >= end:
        return None
    if side == "after" and start is not None and day <= start:
        return None
    if low <= count <= high:
        return "match"
    if side == "after" and end is not None and day < end and low <= count:
        # a count from before the end: at most the count before, if the units are the same
        before_low, before_high = bounds["baseline"]
        if before_low <= count <= before_high and before_high != float("inf"):
            return None  # the figure's own count before: nothing said of the after
        return "between" if count <= before_high else "coverage"
    if count * COVERAGE_FACTOR < low or count > high * COVERAGE_FACTOR:
        return "coverage"
    if side == "after" and status == "plan":
        return "plan_outcome"
    return "mismatch"


SEVERITY_OF = {
    "match": "info",
    "between": "info",
    "coverage": "info",
    "plan_outcome": "info",
    "mismatch": "warning",
}
VERDICT_VI = {  # (before the side's label, after its count)
    "match": ("khớp với", ""),
    "between": ("là số trước hoặc giữa kỳ, không nhỏ hơn", ""),
    "coverage": ("không cùng phạm vi với", ", nên không so sánh được"),
    "plan_outcome": ("khác với", " theo kế hoạch: kết quả khác kế hoạch, không phải sai sót"),
    "mismatch": ("nằm ngoài", ""),
}
VERDICT_EN = {
    "match": ("matches", ""),
    "between": ("is a count from before or inside the period, not below", ""),
    "coverage": ("is of another coverage than", ", so they cannot be compared"),
    "plan_outcome": ("differs from", " of the plan: the outcome differs, not an error"),
    "mismatch": ("falls outside", ""),
}


def reference_findings(fig: pd.Series, counts: pd.Series, index: dict) -> list[Finding]:
    """Compare a figure's implied ``counts`` with the nearest known counts in ``index``.

    A part of another figure (``part_of``) is not compared: a known count is the whole of a
    category, a part is not. Each side gets a verdict (:func:`_verdict`); only a
    ``mismatch`` is a warning. A plan whose count after differs from what was later counted
    is a plan, not an error; a count of another coverage (a district's, a merged
    province's) says nothing of the figure.
    """
    if cell_text(fig.get("part_of")):
        return []
    code, place = cell_text(fig.get("province_code")), cell_text(fig.get("jurisdiction"))
    code = jurisdiction_key(place, code) if code else code  # a ministry is not the country
    category = cell_text(fig.get("category"))
    dated = index.get(("code", code, category)) if code else index.get(("place", place, category))
    if not dated:
        return []
    start = parse_date(fig.get("period_start"))
    end = parse_date(fig.get("period_end"), end=True)
    bounds = {
        "start": start,
        "end": end,
        "baseline": (counts["baseline_min"], counts["baseline_max"]),
        "after": (counts["after_min"], counts["after_max"]),
    }
    if not pd.isna(bounds["baseline"][0]):
        bounds["baseline"] = tuple(int(v) for v in bounds["baseline"])
    else:
        bounds["baseline"] = (0, float("inf"))
    status = cell_text(fig.get("status"))
    found: list[Finding] = []
    for side, when, label_vi in (
        ("baseline", start, "số trước khi giảm"),
        ("after", end, "số sau khi giảm"),
    ):
        low, high = counts[f"{side}_min"], counts[f"{side}_max"]
        if when is None or pd.isna(low):
            continue
        bounds[side] = (int(low), int(high))
        day, row, gap = _nearest(dated, when)
        verdict = _verdict(side, int(row.count), day, bounds, status)
        if verdict is None:
            continue
        found.append(_finding(side, verdict, row, day, gap, (int(low), int(high)), label_vi))
    return found


def _finding(side, verdict, row, day, gap, bounds, label_vi) -> Finding:
    low, high = bounds
    years = abs(gap) / 365.25
    mark_vi = "đầu kỳ" if side == "baseline" else "cuối kỳ"
    when_vi = (
        "cùng ngày"
        if gap == 0
        else f"{format_number(years, 'vi', 1)} năm {'trước' if gap < 0 else 'sau'} mốc {mark_vi}"
    )
    mark_en = "start" if side == "baseline" else "end"
    when_en = (
        "the same day"
        if gap == 0
        else f"{format_number(years, 'en', 1)} years {'before' if gap < 0 else 'after'} the "
        f"{mark_en} of the period"
    )
    label_en = "baseline" if side == "baseline" else "count after"
    return Finding(
        "reference_count",
        SEVERITY_OF[verdict],
        f"Số đối chiếu {format_number(int(row.count), 'vi')} ngày {day.strftime('%d/%m/%Y')} "
        f"({when_vi}; {row.source}) {VERDICT_VI[verdict][0]} {label_vi} "
        f"{metrics.format_range(low, high, 'vi')}{VERDICT_VI[verdict][1]}.",
        f"The reference count {format_number(int(row.count), 'en')} on {day.isoformat()} "
        f"({when_en}; {row.source}) {VERDICT_EN[verdict][0]} the {label_en} "
        f"{metrics.format_range(low, high, 'en')}{VERDICT_EN[verdict][1]}.",
        {
            "side": side,
            "verdict": verdict,
            "reference_count": row.count,
            "reference_date": day.isoformat(),
            "gap_days": gap,
            "range": [low, high],
            "source": row.source,
            "confidence": row.confidence,
        },
    )
