"""Reduction by sector: one sector's figures with their implied counts, and its reader table."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from nq18lib.frames import cell_text
from nq18lib.metrics.impliedcounts import implied_counts, written_decimals
from nq18lib.numerals import format_number, format_percent
from nq18lib.reference import taxonomy


def reduction_by_sector(
    figures: pd.DataFrame,
    sector: str,
    *,
    jurisdiction: str | Iterable[str] | None = None,
    rounding: str = "either",
) -> pd.DataFrame:
    """Return the figures of one sector with their implied ranges, in taxonomy order.

    Columns: the figure columns (``figure_id``, ``source_id``, ``jurisdiction``,
    ``category``, ``level``, ``phase``, ``status``, ``reduced``, ``percent``,
    ``percent_decimals``, ``numerator``, ``denominator``) followed by the ranges of
    :func:`implied_counts` (``baseline_min`` … ``rate_max``); ``reduced`` is the effective
    count (the fraction's numerator or ``baseline − after`` when the count is missing).

    Examples
    --------
    >>> frame = pd.DataFrame({"figure_id": ["a", "b"], "source_id": "s", "jurisdiction": "X",
    ...     "category": ["commune_unit", "party_agency"], "status": "result",
    ...     "reduced": [18, 4], "percent": [15.5, 36.4]})
    >>> reduction_by_sector(frame, "admin_units")[["category", "baseline_min"]].values.tolist()
    [['commune_unit', 116]]
    """
    categories = taxonomy.categories_of(sector)
    selected = figures[figures["category"].isin(categories)]
    if jurisdiction is not None:
        wanted = [jurisdiction] if isinstance(jurisdiction, str) else list(jurisdiction)
        selected = selected[selected["jurisdiction"].isin(wanted)]
    order = {code: i for i, code in enumerate(categories)}
    selected = selected.assign(_order=selected["category"].map(order)).sort_values(
        ["_order"], kind="stable"
    )
    counts = implied_counts(selected, rounding=rounding)
    keep = [
        "figure_id",
        "source_id",
        "jurisdiction",
        "category",
        "level",
        "phase",
        "status",
        "percent",
        "numerator",
        "denominator",
    ]
    out = selected.reindex(columns=keep).copy()
    out.insert(out.columns.get_loc("percent"), "reduced", counts["reduced"])
    out.insert(out.columns.get_loc("percent") + 1, "percent_decimals", written_decimals(selected))
    for name in counts.columns.drop(["figure_id", "reduced"]):
        out[name] = counts[name]
    return out.reset_index(drop=True)


_TABLE_HEADERS = {
    "vi": {
        "category": "Nội dung",
        "level": "Cấp",
        "reduced": "Số giảm",
        "percent": "Tỷ lệ",
        "baseline": "Số trước khi giảm",
        "after": "Số sau khi giảm",
        "basis": "Căn cứ",
        "status": "Tình trạng",
        "source": "Nguồn",
    },
    "en": {
        "category": "Category",
        "level": "Level",
        "reduced": "Reduced",
        "percent": "Rate",
        "baseline": "Before",
        "after": "After",
        "basis": "Basis",
        "status": "Status",
        "source": "Source",
    },
}
_BASIS_LABELS = {
    "vi": {
        "reported": "báo cáo nêu",
        "after": "số sau + số giảm",
        "fraction": "phân số",
        "percent": "suy ra từ tỷ lệ",
    },
    "en": {
        "reported": "reported",
        "after": "after + reduced",
        "fraction": "fraction",
        "percent": "implied by the rate",
    },
}
_STATUS_LABELS = {
    "vi": {"result": "kết quả", "plan": "kế hoạch"},
    "en": {"result": "result", "plan": "plan"},
}


def format_range(low: object, high: object, lang: str = "vi") -> str:
    """Write an integer range for readers: ``382–383``, or one number when both ends agree.

    Examples
    --------
    >>> format_range(1239, 1241), format_range(11, 11), format_range(None, None)
    ('1.239–1.241', '11', '–')
    """
    if low is None or pd.isna(low) or high is None or pd.isna(high):
        return "–"
    if int(low) == int(high):
        return format_number(int(low), lang)
    return f"{format_number(int(low), lang)}–{format_number(int(high), lang)}"


def reduction_table(
    figures: pd.DataFrame,
    sector: str,
    lang: str = "vi",
    *,
    jurisdiction: str | Iterable[str] | None = None,
    rounding: str = "either",
) -> pd.DataFrame:
    """Return the table a sector report shows: labels and numbers written for readers.

    One row per figure of the sector (see :func:`reduction_by_sector`) with the category
    label, level, count reduced, rate as written, the baseline and the count after (ranges
    where implied), what the baseline rests on, result or plan, and the source id. Numbers
    are written the reader's way (``1.503``; ``14,4%`` in Vietnamese).

    Examples
    --------
    >>> frame = pd.DataFrame({"figure_id": ["a"], "source_id": "s", "jurisdiction": "X",
    ...     "category": ["village"], "status": "result", "reduced": [553], "percent": [44.6]})
    >>> reduction_table(frame, "admin_units").iloc[0].tolist()[2:6]
    ['553', '44,6%', '1.239–1.241', '686–688']
    """
    if lang not in _TABLE_HEADERS:
        raise ValueError(f"unknown language {lang!r}")
    data = reduction_by_sector(figures, sector, jurisdiction=jurisdiction, rounding=rounding)
    head = _TABLE_HEADERS[lang]
    rows = []
    for _, fig in data.iterrows():
        decimals = 1 if pd.isna(fig["percent_decimals"]) else int(fig["percent_decimals"])
        basis = fig["baseline_basis"]
        rows.append(
            {
                head["category"]: taxonomy.category_label(fig["category"], lang),
                head["level"]: cell_text(fig["level"]),
                head["reduced"]: "–"
                if pd.isna(fig["reduced"])
                else format_number(int(fig["reduced"]), lang),
                head["percent"]: "–"
                if pd.isna(fig["percent"])
                else format_percent(float(fig["percent"]), lang, decimals),
                head["baseline"]: format_range(fig["baseline_min"], fig["baseline_max"], lang),
                head["after"]: format_range(fig["after_min"], fig["after_max"], lang),
                head["basis"]: "" if pd.isna(basis) else _BASIS_LABELS[lang][basis],
                head["status"]: _STATUS_LABELS[lang].get(
                    cell_text(fig["status"]), cell_text(fig["status"])
                ),
                head["source"]: cell_text(fig["source_id"]),
            }
        )
    return pd.DataFrame.from_records(rows, columns=list(head.values()))
