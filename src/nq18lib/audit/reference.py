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


def _is_before_count(count: int, counts: pd.Series) -> bool:
    """Whether a known count is the figure's own baseline (so it says nothing of the after)."""
    low, high = counts["baseline_min"], counts["baseline_max"]
    return not pd.isna(low) and int(low) <= count <= int(high)


def reference_findings(fig: pd.Series, counts: pd.Series, index: dict) -> list[Finding]:
    """Compare a figure's implied ``counts`` with the nearest known counts in ``index``.

    A part of another figure (``part_of``) is not compared: a known count is the whole of a
    category, a part is not. The count after is not compared with a known count that is the
    figure's own baseline: a plan to 2025 whose nearest count is the one from before the
    merger has no known count after it yet.
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
    found: list[Finding] = []
    sides = (
        ("baseline", start, counts["baseline_min"], counts["baseline_max"], "số trước khi giảm"),
        ("after", end, counts["after_min"], counts["after_max"], "số sau khi giảm"),
    )
    for side, when, low, high, label_vi in sides:
        if when is None or pd.isna(low):
            continue
        day, row, gap = _nearest(dated, when)
        ok = int(low) <= row.count <= int(high)
        if not ok and side == "after" and _is_before_count(row.count, counts):
            continue  # the nearest known count is the one before the change: nothing to say
        years = abs(gap) / 365.25
        when_vi = (
            "cùng ngày"
            if gap == 0
            else f"{format_number(years, 'vi', 1)} năm {'trước' if gap < 0 else 'sau'} mốc "
            + ("đầu kỳ" if side == "baseline" else "cuối kỳ")
        )
        when_en = (
            "the same day"
            if gap == 0
            else f"{format_number(years, 'en', 1)} years {'before' if gap < 0 else 'after'} the "
            + ("start" if side == "baseline" else "end")
            + " of the period"
        )
        date_vi = day.strftime("%d/%m/%Y")
        label_en = "baseline" if side == "baseline" else "count after"
        found.append(
            Finding(
                "reference_count",
                "info" if ok else "warning",
                f"Số đối chiếu {format_number(int(row.count), 'vi')} ngày {date_vi} "
                f"({when_vi}; {row.source}) "
                + ("khớp với" if ok else "nằm ngoài")
                + f" {label_vi} {metrics.format_range(low, high, 'vi')}.",
                f"The reference count {format_number(int(row.count), 'en')} on {day.isoformat()} "
                f"({when_en}; {row.source}) "
                + ("matches" if ok else "falls outside")
                + f" the {label_en} {metrics.format_range(low, high, 'en')}.",
                {
                    "side": side,
                    "reference_count": row.count,
                    "reference_date": day.isoformat(),
                    "gap_days": gap,
                    "range": [int(low), int(high)],
                    "source": row.source,
                    "confidence": row.confidence,
                },
            )
        )
    return found
