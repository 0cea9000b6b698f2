"""Report tables: built from the figures, shown as HTML, collected into one XLSX per report.

A report table is a DataFrame with *canonical* column names (``category``, ``reduced``,
``percent`` …). What a column holds decides how it is written (:data:`COLUMN_KINDS`):
counts as ``1.503``, rates as ``14,4%`` (Vietnamese) with the decimals the source wrote,
ranges as ``1.239–1.241``, everything else as escaped text. Headers come from
:mod:`nq18lib.reference.vocabulary`, so the same table reads in Vietnamese or English.

:class:`ReportTables` shows each table in the notebook and keeps it; ``save()`` writes all of
them into one workbook (one sheet per table, numbers kept as numbers) for readers who work
in Excel.

This module builds the tables; writing them lives in :mod:`nq18lib.report.htmltable` (HTML) and
:mod:`nq18lib.report.reporttables` (the notebook and the workbook), re-exported here.
"""

from __future__ import annotations

import pandas as pd

from nq18lib.audit.findings import SEVERITY_RANK
from nq18lib.dataset.sources import load_sources
from nq18lib.numerals import format_number, format_percent
from nq18lib.reference.taxonomy import category_label, category_unit, sector_label, sector_of
from nq18lib.reference.vocabulary import check_lang, count_noun, label, value_label
from nq18lib.report.htmltable import (
    CODE_COLUMNS,
    COLUMN_KINDS,
    HIDDEN_PREFIX,
    LONG_COLUMNS,
    MID_COLUMNS,
    TABLE_CSS,
    column_header,
    format_cell,
    is_missing,
    table_html,
)
from nq18lib.report.reporttables import ReportTables, excel_frame, sheet_name

__all__ = [
    "CODE_COLUMNS",
    "COLUMN_KINDS",
    "HIDDEN_PREFIX",
    "LONG_COLUMNS",
    "MID_COLUMNS",
    "SEVERITY_ORDER",
    "TABLE_CSS",
    "ReportTables",
    "attainment_table",
    "baselines_table",
    "column_header",
    "comparison_table",
    "cuts_table",
    "excel_frame",
    "findings_summary",
    "findings_table",
    "format_cell",
    "phase_label",
    "ranking_table",
    "sheet_name",
    "size_table",
    "sources_table",
    "table_html",
]


# --------------------------------------------------------------------------- builders
def _text(value: object) -> str:
    return "" if is_missing(value) else str(value)


def _period(row: pd.Series) -> str:
    start, end = _text(row.get("period_start")), _text(row.get("period_end"))
    if start and end:
        return f"{start}–{end}"
    return start or end


def phase_label(phase: object, lang: str = "vi") -> str:
    """Return a phase in the reader's language when it is a known one, else as written.

    Examples
    --------
    >>> phase_label("cả 2 giai đoạn", "en"), phase_label("GĐ 1", "vi"), phase_label("đợt 3", "en")
    ('both phases', 'giai đoạn 1', 'đợt 3')
    """
    from nq18lib.metrics import phase_key

    key = phase_key(phase)
    return label(f"phase.{key}", lang) if key else _text(phase)


def _fraction(row: pd.Series, lang: str) -> str:
    num, den = row.get("numerator"), row.get("denominator")
    if is_missing(num) or is_missing(den):
        return ""
    return f"{format_number(int(num), lang)}/{format_number(int(den), lang)}"


def cuts_table(
    figures: pd.DataFrame,
    lang: str = "vi",
    *,
    with_jurisdiction: bool | None = None,
    with_sector: bool = False,
) -> pd.DataFrame:
    """Return what was cut: one row per figure, with its rate, status and source.

    Columns: [``jurisdiction``], [``sector``], ``category``, ``level``, ``reduced``,
    ``unit``, ``percent``, ``fraction``, ``status``, ``phase``, ``period``, ``source`` (the
    source id; :func:`sources_table` lists them), ``location``, ``figure_id`` (and the hidden
    ``_decimals``). ``unit``, ``period`` and ``figure_id`` go to the workbook only.

    Examples
    --------
    >>> frame = pd.DataFrame({"figure_id": ["a"], "source_id": ["s"], "jurisdiction": ["X"],
    ...     "category": ["village"], "level": ["thon"], "reduced": [553], "percent": [44.6],
    ...     "percent_decimals": [1], "status": ["result"]})
    >>> cuts_table(frame, "en").iloc[0][["category", "unit"]].tolist()
    ['Villages and residential groups', 'villages']
    """
    check_lang(lang)
    if with_jurisdiction is None:
        with_jurisdiction = figures["jurisdiction"].nunique() > 1
    rows = []
    for _, row in figures.iterrows():
        record = {}
        if with_jurisdiction:
            record["jurisdiction"] = _text(row["jurisdiction"])
        if with_sector:
            record["sector"] = sector_label(sector_of(row["category"]), lang)
        record |= {
            "category": category_label(row["category"], lang),
            "level": value_label("level", row.get("level"), lang),
            "reduced": row.get("reduced"),
            "unit": category_unit(row["category"], lang),
            "percent": row.get("percent"),
            "fraction": _fraction(row, lang),
            "status": value_label("status", row.get("status"), lang),
            "phase": phase_label(row.get("phase"), lang),
            "period": _period(row),
            "source": _text(row.get("source_id")),
            "location": _text(row.get("location")),
            "figure_id": _text(row.get("figure_id")),
            "_decimals": row.get("percent_decimals"),
        }
        rows.append(record)
    table = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    table.attrs["html_columns"] = [
        c for c in table.columns if c not in ("unit", "period", "figure_id")
    ]
    return table


def size_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Return the figures with their size before and after, as ranges (codes, not labels).

    The size before is the reported baseline, ``after + reduced``, the fraction's
    denominator, or the range implied by the count and the rounded rate, in that order
    (:func:`nq18lib.metrics.implied_counts`). Columns: the figure's ``figure_id``,
    ``jurisdiction``, ``category``, ``status``, ``phase``, ``source_id``, ``location``,
    ``reduced``, ``percent``, ``percent_decimals`` and ``baseline_min``, ``baseline_max``,
    ``after_min``, ``after_max``, ``basis``.
    """
    from nq18lib.metrics import implied_counts

    keep = [
        "figure_id",
        "jurisdiction",
        "category",
        "status",
        "phase",
        "source_id",
        "location",
        "percent",
        "percent_decimals",
    ]
    counts = implied_counts(figures)
    out = figures.reindex(columns=keep).copy()
    out.insert(out.columns.get_loc("percent"), "reduced", counts["reduced"])
    for name in ("baseline_min", "baseline_max", "after_min", "after_max"):
        out[name] = counts[name]
    out["basis"] = counts["baseline_basis"]
    return out.reset_index(drop=True)


def baselines_table(sizes: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Return the reader's table of sizes before and after (ranges) from :func:`size_table`.

    Only figures whose size before is known or implied get a row (the narrative names the
    others, see :func:`nq18lib.report.narrative.describe_sizes`).

    Examples
    --------
    >>> sizes = pd.DataFrame({"figure_id": ["a"], "jurisdiction": ["X"],
    ...     "category": ["village"], "reduced": [553], "percent": [44.6],
    ...     "percent_decimals": [1], "baseline_min": [1239], "baseline_max": [1241],
    ...     "after_min": [686], "after_max": [688], "basis": ["percent"], "source_id": ["s"]})
    >>> table = baselines_table(sizes, "en")
    >>> table.iloc[0][["baseline_range", "after_range", "basis"]].tolist()
    [(1239, 1241), (686, 688), 'implied by count and rate']
    """
    check_lang(lang)
    many = sizes["jurisdiction"].nunique() > 1 if "jurisdiction" in sizes else False
    rows = []
    for _, row in sizes.iterrows():
        known = not is_missing(row["baseline_min"])
        if not known:
            continue
        record = {"jurisdiction": _text(row.get("jurisdiction"))} if many else {}
        record |= {
            "category": category_label(row["category"], lang),
            "reduced": row.get("reduced"),
            "percent": row.get("percent"),
            "baseline_range": (row["baseline_min"], row["baseline_max"]) if known else None,
            "after_range": (row["after_min"], row["after_max"])
            if known and not is_missing(row["after_min"])
            else None,
            "basis": value_label("basis", row["basis"], lang) if known else "",
            "source": _text(row.get("source_id")),
            "_decimals": row.get("percent_decimals"),
        }
        rows.append(record)
    return pd.DataFrame.from_records(rows) if rows else pd.DataFrame()


def attainment_table(attainment: pd.DataFrame | None, lang: str = "vi") -> pd.DataFrame:
    """Return the reader's table of target attainment, with the caveat in ``lang``.

    Takes :func:`nq18lib.metrics.targets.target_attainment` output (one row per figure and target).
    Columns: [``jurisdiction``], ``category``, ``instrument``, ``target``, ``target_period``,
    ``figure_period``, ``percent`` (the figure's rate), ``attainment``, ``caveat``;
    ``target_text`` (the target in words) and ``target_source`` go to the workbook only.

    Examples
    --------
    >>> attainment = pd.DataFrame({"jurisdiction": ["X"], "category": ["public_employee"],
    ...     "instrument": ["19-NQ/TW"], "min_percent": [10.0], "base_year": [2015],
    ...     "deadline": [2021], "figure_period": ["2017–2025"], "rate": [5.748],
    ...     "status": ["not_comparable"], "indicative": ["below_minimum"],
    ...     "caveat_vi": ["thời kỳ khác"], "caveat_en": ["other period"],
    ...     "label_en": ["at least 10%"], "target_source": ["s"]})
    >>> attainment_table(attainment, "en").iloc[0][["target_period", "attainment"]].tolist()
    ['2015–2021', 'not comparable (below the target)']
    """
    check_lang(lang)
    if attainment is None or attainment.empty:
        return pd.DataFrame()
    many = "jurisdiction" in attainment.columns and attainment["jurisdiction"].nunique() > 1
    rows = []
    for _, row in attainment.iterrows():
        record = {"jurisdiction": _text(row.get("jurisdiction"))} if many else {}
        period = "–".join(_text(row.get(c)) for c in ("base_year", "deadline") if _text(row.get(c)))
        status = value_label("attainment", row.get("status"), lang)
        indicative = row.get("indicative")
        if not is_missing(indicative) and str(indicative):
            status += f" ({value_label('indicative', indicative, lang)})"
        record |= {
            "category": category_label(str(row.get("category", "")), lang),
            "instrument": _text(row.get("instrument")),
            "target": row.get("min_percent"),
            "target_period": period,
            "target_summary": (
                _text(row.get(f"label_{lang}"))
                if is_missing(row.get("min_percent"))
                else "≥ " + format_percent(float(row["min_percent"]), lang)
            )
            + (f" ({period})" if period else ""),
            "figure_period": _text(row.get("figure_period")),
            "percent": row.get("rate"),
            "attainment": status,
            "caveat": _text(row.get(f"caveat_{lang}")),
            "target_text": _text(row.get(f"label_{lang}")),
            "target_source": _text(row.get("target_source")),
        }
        rows.append(record)
    table = pd.DataFrame.from_records(rows)
    table.attrs["html_columns"] = [
        c
        for c in table.columns
        if c not in ("target", "target_period", "figure_period", "target_text", "target_source")
    ]
    return table


SEVERITY_ORDER = SEVERITY_RANK


def findings_table(findings: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Return the reader's table of findings, most severe first, explained in ``lang``."""
    check_lang(lang)
    if findings is None or findings.empty:
        return pd.DataFrame()
    data = findings.assign(_order=findings["severity"].map(SEVERITY_ORDER).fillna(9))
    data = data.sort_values(["_order", "figure_id"], kind="stable")
    many = data["jurisdiction"].nunique() > 1
    rows = []
    for _, row in data.iterrows():
        record = {"jurisdiction": _text(row["jurisdiction"])} if many else {}
        record |= {
            "figure_id": _text(row["figure_id"]),
            "category": category_label(str(row["category"]), lang),
            "severity": value_label("severity", row["severity"], lang),
            "check": value_label("check", row["check"], lang),
            "message": _text(row[f"message_{lang}"]),
        }
        rows.append(record)
    return pd.DataFrame.from_records(rows)


def findings_summary(findings: pd.DataFrame, n_figures: int, lang: str = "vi") -> str:
    """Return one sentence counting the findings by severity.

    Examples
    --------
    >>> findings = pd.DataFrame({"severity": ["error", "info", "info"]})
    >>> findings_summary(findings, 11, "en")
    '11 figures checked: 1 error, 0 warnings, 2 notes.'
    """
    counts = findings["severity"].value_counts() if not findings.empty else pd.Series()
    return label(
        "text.findings_summary",
        lang,
        n=count_noun(n_figures, "figure", lang),
        errors=count_noun(int(counts.get("error", 0)), "error", lang),
        warnings=count_noun(int(counts.get("warning", 0)), "warning", lang),
        infos=count_noun(int(counts.get("info", 0)), "note", lang),
    )


def sources_table(figures: pd.DataFrame, lang: str = "vi", *, sources=None) -> pd.DataFrame:
    """Return the sources the figures come from, with how many figures each gave."""
    check_lang(lang)
    sources = load_sources() if sources is None else sources
    counts = figures["source_id"].value_counts(sort=False)
    rows = []
    for source_id, n in counts.items():
        known = source_id in sources.index
        row = sources.loc[source_id] if known else {}
        rows.append(
            {
                "source": str(source_id),
                "title": _text(row.get("title")) if known else "",
                "publisher": _text(row.get("publisher")) if known else "",
                "date": _text(row.get("date")) if known else "",
                "quality": _text(row.get("quality")) if known else "",
                "figures": int(n),
                "document": (_text(row.get("url")) or _text(row.get("document"))) if known else "",
            }
        )
    return pd.DataFrame.from_records(rows)


def comparison_table(figures: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Return figures of several jurisdictions side by side, largest published rate first."""
    check_lang(lang)
    if figures.empty:
        return pd.DataFrame()
    from nq18lib.reference.taxonomy import category_codes

    order = {code: i for i, code in enumerate(category_codes())}
    ordered = (
        figures.assign(_order=figures["category"].map(order))
        .sort_values(["_order", "percent"], ascending=[True, False], kind="stable")
        .drop(columns="_order")
    )
    table = cuts_table(ordered, lang, with_jurisdiction=True)
    keep = ["jurisdiction", "category", "reduced", "percent", "status", "phase", "period"]
    out = table[[*keep, "source", "location", "_decimals"]].copy()
    out.attrs["html_columns"] = [*keep, "source"]
    return out


def ranking_table(
    ranked: pd.DataFrame, lang: str = "vi", figures: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the reader's ranking from :func:`nq18lib.metrics.rank_jurisdictions`.

    ``rank_range`` is the range of ranks the rounding of the published rates allows
    (``1–2`` when two jurisdictions cannot be told apart). Given the ``figures``, rates keep
    the decimals the sources wrote.

    Examples
    --------
    >>> ranked = pd.DataFrame({"rank": [1], "rank_best": [1], "rank_worst": [2],
    ...     "jurisdiction": ["X"], "figure_id": ["a"], "reduced": [18], "percent": [15.5],
    ...     "period": ["2019–2025"]})
    >>> ranking_table(ranked, "en").iloc[0]["rank_range"]
    (1, 2)
    """
    check_lang(lang)
    if ranked is None or ranked.empty:
        return pd.DataFrame()
    decimals = None
    if figures is not None and "percent_decimals" in figures.columns:
        written = dict(zip(figures["figure_id"], figures["percent_decimals"], strict=True))
        decimals = [written.get(f) for f in ranked["figure_id"]]
    table = pd.DataFrame(
        {
            "rank": ranked["rank"].to_numpy(),
            "rank_range": list(zip(ranked["rank_best"], ranked["rank_worst"], strict=True)),
            "jurisdiction": ranked["jurisdiction"].astype(str).to_numpy(),
            "reduced": ranked["reduced"].to_numpy(),
            "percent": ranked["percent"].to_numpy(),
            "period": ranked["period"].astype(str).to_numpy(),
            "figure_id": ranked["figure_id"].astype(str).to_numpy(),
        }
    )
    if decimals is not None:
        table["_decimals"] = decimals
    return table
