"""Report tables: built from the figures, shown as HTML, collected into one XLSX per report.

A report table is a DataFrame with *canonical* column names (``category``, ``reduced``,
``percent`` …). What a column holds decides how it is written (:data:`COLUMN_KINDS`):
counts as ``1.503``, rates as ``14,4%`` (Vietnamese) with the decimals the source wrote,
ranges as ``1.239–1.241``, everything else as escaped text. Headers come from
:mod:`nq18lib.labels`, so the same table reads in Vietnamese or English.

:class:`ReportTables` shows each table in the notebook and keeps it; ``save()`` writes all of
them into one workbook (one sheet per table, numbers kept as numbers) for readers who work
in Excel.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from nq18lib.labels import LABELS, check_lang, count_noun, label, value_label
from nq18lib.numerals import format_number, format_percent
from nq18lib.sources import load_sources
from nq18lib.taxonomy import category_label, category_unit, sector_label, sector_of

COLUMN_KINDS: dict[str, str] = {
    "reduced": "count",
    "findings": "count",
    "figures": "count",
    "rank": "count",
    "percent": "percent",
    "target": "percent",
    "baseline_range": "range",
    "rank_range": "range",
    "after_range": "range",
}
"""How each non-text column is written; every other column is text."""

HIDDEN_PREFIX = "_"
"""Columns whose name starts with this are helpers (e.g. ``_decimals``), never shown."""

TABLE_CSS = (
    "<style>"
    "div.nq18-table-wrap{overflow-x:auto;margin:0.4em 0 1.2em 0;max-width:100%}"
    "div.nq18-table-wrap table.nq18-table{border-collapse:collapse;font-size:13px;"
    "line-height:1.35;color:inherit;margin:0;table-layout:auto;width:100%}"
    "div.nq18-table-wrap table.nq18-table caption{text-align:left;font-weight:600;"
    "padding:0 0 0.4em 0;caption-side:top}"
    "div.nq18-table-wrap table.nq18-table th,div.nq18-table-wrap table.nq18-table td{"
    "padding:4px 6px;vertical-align:top;text-align:left;"
    "border-bottom:1px solid rgba(128,128,128,0.35);background:transparent;color:inherit}"
    "div.nq18-table-wrap table.nq18-table th{font-weight:600;"
    "border-bottom:2px solid rgba(128,128,128,0.7)}"
    "div.nq18-table-wrap table.nq18-table td.long{min-width:12em}"
    "div.nq18-table-wrap table.nq18-table td.mid{min-width:5em}"
    "div.nq18-table-wrap table.nq18-table td.code{overflow-wrap:anywhere}"
    "div.nq18-table-wrap table.nq18-table td.num,div.nq18-table-wrap table.nq18-table th.num"
    "{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    "@media screen and (max-width:560px){"
    "div.nq18-table-wrap table.nq18-table thead{display:none}"
    "div.nq18-table-wrap table.nq18-table,div.nq18-table-wrap table.nq18-table tbody,"
    "div.nq18-table-wrap table.nq18-table tr,div.nq18-table-wrap table.nq18-table td"
    "{display:block;width:auto;min-width:0}"
    "div.nq18-table-wrap table.nq18-table tr{border-bottom:2px solid rgba(128,128,128,0.7);"
    "padding:4px 0}"
    "div.nq18-table-wrap table.nq18-table td{border:none;padding:1px 4px;text-align:left}"
    "div.nq18-table-wrap table.nq18-table td.num{text-align:left}"
    "div.nq18-table-wrap table.nq18-table td.empty{display:none}"
    "div.nq18-table-wrap table.nq18-table td::before{content:attr(title) ': ';"
    "font-weight:600}}"
    "@media print{div.nq18-table-wrap{overflow-x:visible}"
    "div.nq18-table-wrap table.nq18-table{font-size:11.5px}"
    "div.nq18-table-wrap table.nq18-table td.long{min-width:9em}"
    "div.nq18-table-wrap table.nq18-table tr{break-inside:avoid}}"
    "</style>"
)
LONG_COLUMNS = frozenset({"message", "caveat", "title", "value"})
MID_COLUMNS = frozenset(
    {"category", "basis", "attainment", "status", "phase", "target_summary", "check"}
)
"""Text columns given room to breathe (at least 14em wide; the table scrolls on phones)."""
CODE_COLUMNS = frozenset({"sha256", "file", "source", "location", "figure_id", "document"})
"""Text columns holding codes or paths, which may break anywhere."""


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def column_header(column: str, lang: str = "vi") -> str:
    """Return the reader's header of a canonical column (the name itself when unknown).

    Examples
    --------
    >>> column_header("reduced"), column_header("reduced", "en"), column_header("xyz")
    ('Số giảm', 'Reduced', 'xyz')
    """
    key = f"col.{column}"
    return label(key, lang) if key in LABELS else column


def format_cell(value: object, kind: str, lang: str = "vi", decimals: object = None) -> str:
    """Write one cell for readers (not escaped).

    Examples
    --------
    >>> format_cell(1503, "count"), format_cell(14.4, "percent", "en")
    ('1.503', '14.4%')
    >>> format_cell(25.0, "percent", decimals=0), format_cell((1239, 1241), "range")
    ('25%', '1.239–1.241')
    >>> format_cell(None, "count"), format_cell(pd.NA, "text")
    ('–', '')
    """
    if kind == "range":
        if not isinstance(value, tuple) or any(_missing(v) for v in value):
            return "–"
        low, high = (int(v) for v in value)
        if low == high:
            return format_number(low, lang)
        return f"{format_number(low, lang)}–{format_number(high, lang)}"
    if _missing(value):
        return "–" if kind in ("count", "percent") else ""
    if kind == "count":
        return format_number(int(value), lang)
    if kind == "percent":
        places = 1 if _missing(decimals) else int(decimals)
        return format_percent(float(value), lang, places)
    return str(value)


def table_html(frame: pd.DataFrame, lang: str = "vi", caption: str = "") -> str:
    """Return a table as HTML: translated headers, numbers the reader's way, text escaped.

    Only the columns listed in ``frame.attrs["html_columns"]`` are shown when that is set
    (the workbook keeps them all), and columns with no value at all are left out. A
    ``_decimals`` column, when present, gives the decimals
    of the ``percent`` column row by row (so 25,0% stays 25,0%). The output carries its own
    small style sheet, using ``color: inherit`` so that it reads in light and dark pages.
    """
    check_lang(lang)
    wanted = frame.attrs.get("html_columns") or list(frame.columns)
    shown = [
        c
        for c in wanted
        if c in frame.columns
        and not str(c).startswith(HIDDEN_PREFIX)
        and not all(_missing(v) or v == "" for v in frame[c])
    ]
    decimals = frame["_decimals"] if "_decimals" in frame.columns else None
    head = "".join(
        f'<th class="{_css_class(c)}" scope="col">{html.escape(column_header(c, lang))}</th>'
        for c in shown
    )
    body = []
    for i, (_, row) in enumerate(frame.iterrows()):
        cells = []
        for c in shown:
            kind = COLUMN_KINDS.get(c, "text")
            places = decimals.iloc[i] if decimals is not None and c == "percent" else None
            text = html.escape(format_cell(row[c], kind, lang, places))
            if not text:
                cells.append(f'<td class="{_css_class(c)} empty"></td>')
                continue
            header = html.escape(column_header(c, lang), quote=True)
            cells.append(f'<td class="{_css_class(c)}" title="{header}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        f'{TABLE_CSS}<div class="nq18-table-wrap"><table class="nq18-table">{cap}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _css_class(column: str) -> str:
    if COLUMN_KINDS.get(column, "text") != "text":
        return "num"
    if column in LONG_COLUMNS:
        return "long"
    if column in MID_COLUMNS:
        return "mid"
    return "code" if column in CODE_COLUMNS else "text"


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    r"""Return a valid, unused Excel sheet name (≤ 31 characters, no ``[]:*?/\\``).

    Examples
    --------
    >>> sheet_name("cuts/rates"), sheet_name("cuts", {"cuts"})
    ('cuts_rates', 'cuts_2')
    """
    base = _SHEET_BAD.sub("_", name).strip("'") or "table"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f"_{n}"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    return candidate


@dataclass
class ReportTables:
    """The tables of one report: shown in the notebook, saved into one workbook.

    Parameters
    ----------
    path : str
        Where ``save()`` writes the workbook (``.xlsx``); empty means do not write.
    lang : {"vi", "en"}
        The reader's language (headers, texts).

    Examples
    --------
    >>> tables = ReportTables("", "en")
    >>> tables.add("cuts", pd.DataFrame({"category": ["Villages"], "reduced": [553]}))
    >>> list(tables.tables), tables.save() is None
    (['cuts'], True)
    """

    path: str = ""
    lang: str = "vi"
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_lang(self.lang)

    def add(self, name: str, frame: pd.DataFrame, caption: str = "") -> None:
        """Keep a table for the workbook under a sheet name derived from ``name``."""
        sheet = sheet_name(name, set(self.tables))
        self.tables[sheet] = frame.copy()
        self.captions[sheet] = caption

    def show(
        self, frame: pd.DataFrame | None, name: str, caption: str = "", *, quiet: bool = False
    ) -> None:
        """Display a table in the notebook and keep it for the workbook.

        The caption goes to the workbook's contents sheet (in the report the section
        heading already names the table). An empty table displays a line saying there are
        no figures, or nothing when ``quiet`` (because the narrative already says so).
        """
        from IPython.display import HTML, Markdown, display

        if frame is None or frame.empty:
            if not quiet:
                display(Markdown(f"_{label('text.no_figures', self.lang)}_"))
            return
        self.add(name, frame, caption)
        display(HTML(table_html(frame, self.lang)))

    def save(self, path: str | os.PathLike | None = None) -> Path | None:
        """Write every kept table into one XLSX workbook and return its path.

        The first sheet lists the tables with their captions. Counts and rates stay
        numbers (rates as percent values with the decimals the source wrote); ranges
        become two columns (lowest, highest). Returns None when no path is set.
        """
        target = str(path) if path is not None else self.path
        if not target:
            return None
        out = Path(target)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            index_title = "Mục lục" if self.lang == "vi" else "Contents"
            contents = pd.DataFrame(
                {
                    column_header("sheet", self.lang): list(self.tables),
                    column_header("caption", self.lang): [self.captions[s] for s in self.tables],
                }
            )
            contents.to_excel(writer, sheet_name=index_title, index=False)
            _fit_columns(writer.sheets[index_title], contents)
            for sheet, frame in self.tables.items():
                data, formats = excel_frame(frame, self.lang)
                data.to_excel(writer, sheet_name=sheet, index=False)
                ws = writer.sheets[sheet]
                for col_idx, number_format in formats.items():
                    for cell in ws.iter_cols(
                        min_col=col_idx + 1, max_col=col_idx + 1, min_row=2, max_row=len(data) + 1
                    ):
                        for c in cell:
                            c.number_format = number_format
                ws.freeze_panes = "A2"
                _fit_columns(ws, data)
        os.replace(tmp, out)
        return out


def excel_frame(frame: pd.DataFrame, lang: str = "vi") -> tuple[pd.DataFrame, dict[int, str]]:
    """Return a table ready for Excel (translated headers) and its number formats by column.

    Examples
    --------
    >>> data, formats = excel_frame(pd.DataFrame({"reduced": [553], "percent": [44.6],
    ...     "baseline_range": [(1239, 1241)]}), "en")
    >>> data.to_dict("records")
    [{'Reduced': 553, 'Rate': 0.446, 'Size before (min)': 1239, 'Size before (max)': 1241}]
    >>> formats
    {0: '#,##0', 1: '0.0%', 2: '#,##0', 3: '#,##0'}
    """
    out: dict[str, list] = {}
    formats: dict[int, str] = {}
    decimals = frame["_decimals"] if "_decimals" in frame.columns else None
    for c in frame.columns:
        if str(c).startswith(HIDDEN_PREFIX):
            continue
        kind = COLUMN_KINDS.get(c, "text")
        header = column_header(c, lang)
        if kind == "range":
            low_high = [v if isinstance(v, tuple) else (None, None) for v in frame[c]]
            suffixes = (label("range.min", lang), label("range.max", lang))
            for i, suffix in enumerate(suffixes):
                formats[len(out)] = "#,##0"
                out[f"{header} ({suffix})"] = [_excel_int(v[i]) for v in low_high]
        elif kind == "count":
            formats[len(out)] = "#,##0"
            out[header] = [_excel_int(v) for v in frame[c]]
        elif kind == "percent":
            places = 1
            if decimals is not None and c == "percent" and decimals.notna().any():
                places = int(decimals.max())
            formats[len(out)] = "0%" if places == 0 else "0." + "0" * places + "%"
            out[header] = [None if _missing(v) else round(float(v) / 100, 6) for v in frame[c]]
        else:
            out[header] = ["" if _missing(v) else str(v) for v in frame[c]]
    return pd.DataFrame(out), formats


def _excel_int(value: object) -> int | None:
    return None if _missing(value) else int(value)


def _fit_columns(ws, data: pd.DataFrame) -> None:
    for i, column in enumerate(data.columns, start=1):
        values = [str(column), *("" if _missing(v) else str(v) for v in data[column])]
        width = min(max(len(v) for v in values) + 2, 60)
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width


# --------------------------------------------------------------------------- builders
def _text(value: object) -> str:
    return "" if _missing(value) else str(value)


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
    if _missing(num) or _missing(den):
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
    others, see :func:`nq18lib.narrative.describe_sizes`).

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
        known = not _missing(row["baseline_min"])
        if not known:
            continue
        record = {"jurisdiction": _text(row.get("jurisdiction"))} if many else {}
        record |= {
            "category": category_label(row["category"], lang),
            "reduced": row.get("reduced"),
            "percent": row.get("percent"),
            "baseline_range": (row["baseline_min"], row["baseline_max"]) if known else None,
            "after_range": (row["after_min"], row["after_max"])
            if known and not _missing(row["after_min"])
            else None,
            "basis": value_label("basis", row["basis"], lang) if known else "",
            "source": _text(row.get("source_id")),
            "_decimals": row.get("percent_decimals"),
        }
        rows.append(record)
    return pd.DataFrame.from_records(rows) if rows else pd.DataFrame()


def attainment_table(attainment: pd.DataFrame | None, lang: str = "vi") -> pd.DataFrame:
    """Return the reader's table of target attainment, with the caveat in ``lang``.

    Takes :func:`nq18lib.targets.target_attainment` output (one row per figure and target).
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
        if not _missing(indicative) and str(indicative):
            status += f" ({value_label('indicative', indicative, lang)})"
        record |= {
            "category": category_label(str(row.get("category", "")), lang),
            "instrument": _text(row.get("instrument")),
            "target": row.get("min_percent"),
            "target_period": period,
            "target_summary": (
                _text(row.get(f"label_{lang}"))
                if _missing(row.get("min_percent"))
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


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


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
    from nq18lib.taxonomy import category_codes

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
