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

import weakref

import pandas as pd

from nq18lib.audit.findings import SEVERITY_RANK
from nq18lib.dataset.sources import load_sources
from nq18lib.metrics.bounds import figure_bounds
from nq18lib.numerals import format_percent
from nq18lib.reference.taxonomy import category_label, category_unit, sector_label, sector_of
from nq18lib.reference.vocabulary import (
    FLAG_MARK,
    LABELS,
    check_lang,
    count_noun,
    label,
    status_text,
    value_label,
)
from nq18lib.report.htmltable import (
    CODE_COLUMNS,
    COLUMN_KINDS,
    HIDDEN_PREFIX,
    LONG_COLUMNS,
    MID_COLUMNS,
    TABLE_CSS,
    column_header,
    figure_number,
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
    "figure_location",
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


def _period(row: pd.Series, lang: str = "vi") -> str:
    from nq18lib.report.keypoints import format_date

    start = format_date(row.get("period_start"), lang)
    end = format_date(row.get("period_end"), lang)
    if start and end and start != end:
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
    return f"{figure_number(row, 'numerator', lang)}/{figure_number(row, 'denominator', lang)}"


def cuts_table(
    figures: pd.DataFrame,
    lang: str = "vi",
    *,
    with_jurisdiction: bool | None = None,
    with_sector: bool = False,
    flagged: set[str] | frozenset[str] | None = None,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return what was cut: one row per figure, with its rate, status and source.

    Columns: [``jurisdiction``], [``sector``], ``category``, ``level``, ``reduced``,
    ``unit``, ``percent``, ``fraction``, ``status`` (mark and words, ⚠ when the figure is in
    ``flagged``), ``phase``, ``period``, ``source`` (publisher and date, linked to the
    source's address), ``location`` (``đoạn 4``), ``figure_id``, ``source_id`` (and the
    hidden ``_decimals``, ``_bounds``, ``_href_source``). ``unit``, ``period``, ``figure_id`` and
    ``source_id`` go to the workbook only.

    Examples
    --------
    >>> frame = pd.DataFrame({"figure_id": ["a"], "source_id": ["s"], "jurisdiction": ["X"],
    ...     "category": ["village"], "level": ["thon"], "reduced": [553], "percent": [44.6],
    ...     "percent_decimals": [1], "status": ["result"]})
    >>> cuts_table(frame, "en").iloc[0][["category", "unit"]].tolist()
    ['Villages and residential groups', 'villages']
    """
    check_lang(lang)
    sources = load_sources() if sources is None else sources
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
            "status": status_text(row.get("status"), lang, short=True),
            "phase": phase_label(row.get("phase"), lang),
            "period": _period(row, lang),
            "source": source_label(row.get("source_id"), lang, sources),
            "location": figure_location(row, lang, sources),
            "figure_id": _text(row.get("figure_id")),
            "source_id": _text(row.get("source_id")),
            "_decimals": row.get("percent_decimals"),
            "_bounds": figure_bounds(row),
            "_href_source": source_url(row.get("source_id"), sources),
        }
        if flagged is not None:
            record["status"] += f" {FLAG_MARK}" if record["figure_id"] in flagged else ""
        rows.append(record)
    table = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    same_phase = "phase" in table.columns and table["phase"].nunique() <= 1 and len(table) > 1
    table.attrs["html_columns"] = [
        c
        for c in table.columns
        if c not in ("unit", "period", "figure_id", "source_id")
        and not (c == "phase" and same_phase)
    ]
    return table


def location_label(location: object, lang: str = "vi") -> str:
    """Return where a figure stands in its source, in words: ``đoạn 4``, not ``p4:1075-1118``.

    Examples
    --------
    >>> location_label("p4:1075-1118"), location_label("p12", "en"), location_label("line 9")
    ('đoạn 4', 'paragraph 12', 'dòng 9')
    >>> location_label("bảng 2")
    'bảng 2'
    """
    import re

    text = _text(location).strip()
    found = re.fullmatch(r"p(\d+)(?::\d+-\d+)?", text)
    if found:
        return label("location.paragraph", lang, n=found.group(1))
    found = re.fullmatch(r"(?:line|dòng)\s*(\d+)", text)
    if found:
        return label("location.line", lang, n=found.group(1))
    return text


def figure_location(row: pd.Series, lang: str = "vi", sources: pd.DataFrame | None = None) -> str:
    """Return where a figure stands in its source, quoted where the text is ours to quote.

    ``đoạn 4: “giảm 4 cơ quan trực thuộc Tỉnh ủy đạt 36,4%”`` for a figure of the seed
    document (:mod:`nq18lib.report.quotes`), ``đoạn 4`` for a web page.
    """
    from nq18lib.report.quotes import figure_quote, quoted_location

    where = row.get("location")
    place = location_label(where, lang)
    source = _source_row(row.get("source_id"), sources)
    document = None if source is None else source.get("document")
    return quoted_location(place, figure_quote(where, document))


def _source_row(source_id: object, sources: pd.DataFrame | None):
    key = _text(source_id)
    if sources is None:
        sources = load_sources()
    rows = _registry_rows(sources)
    if key not in rows:
        rows[key] = sources.loc[key] if key in sources.index else None
    return rows[key]


_REGISTRY_ROWS: dict[int, tuple[weakref.ref, dict[str, pd.Series | None]]] = {}


def _registry_rows(sources: pd.DataFrame) -> dict[str, pd.Series | None]:
    """Return the rows of a sources registry found so far, by source id.

    A report names the source of every figure it shows (hundreds of rows in a comparison,
    most from the same few sources); finding each in the frame again cost more than the
    rest of its row. Report code reads the registry and never changes it, so the rows
    found in a frame are kept while the frame lives.
    """
    kept = _REGISTRY_ROWS.get(id(sources))
    if kept is not None and kept[0]() is sources:
        return kept[1]
    for stale in [k for k, (ref, _) in _REGISTRY_ROWS.items() if ref() is None]:
        del _REGISTRY_ROWS[stale]
    rows: dict[str, pd.Series | None] = {}
    _REGISTRY_ROWS[id(sources)] = (weakref.ref(sources), rows)
    return rows


def source_label(source_id: object, lang: str = "vi", sources: pd.DataFrame | None = None) -> str:
    """Return a source as readers name it: publisher and date (``[U]`` said in words).

    Examples
    --------
    >>> registry = pd.DataFrame({"title": ["Tin"], "publisher": ["Báo X [U]"],
    ...     "date": ["2024-12"]}, index=pd.Index(["x"], name="source_id"))
    >>> source_label("x", "vi", registry), source_label("y", "vi", registry)
    ('Báo X (suy đoán), 12/2024', 'y')
    """
    row = _source_row(source_id, sources)
    if row is None:
        return _text(source_id)
    parts = [
        publisher_words(_text(row.get("publisher")), _text(row.get("language")), lang),
        date_words(_text(row.get("date")), lang),
    ]
    return ", ".join(p for p in parts if p) or _text(row.get("title"))


def source_url(source_id: object, sources: pd.DataFrame | None = None) -> str:
    """Return a source's web address, or an empty string."""
    row = _source_row(source_id, sources)
    return "" if row is None else _text(row.get("url"))


def publisher_words(publisher: str, language: str = "vi", lang: str = "vi") -> str:
    """Return a registry publisher in the reader's words.

    Its name, the kind of page, the publisher it relays, and the source's language when
    that is not Vietnamese. The tags are those of :func:`nq18lib.dataset.sources.publisher_tags`.

    Examples
    --------
    >>> publisher_words("vietnam.vn [mirror: Báo Thái Nguyên]", "en", "vi")
    'vietnam.vn, đăng lại từ Báo Thái Nguyên, tiếng Anh'
    >>> publisher_words("Lao Động (news.laodong.vn)", "en", "en")
    'Lao Động (news.laodong.vn), in English'
    >>> publisher_words("Báo Hà Nam [U]", "vi", "vi")
    'Báo Hà Nam (suy đoán)'
    """
    from nq18lib.dataset.sources import publisher_tags

    try:
        name, tags = publisher_tags(publisher)
    except ValueError:  # the registry is checked when read: only a hand-made one gets here
        name, tags = publisher, []
    parts = [unverified_words(name, lang)]
    for kind, relayed in tags:
        if kind == "mirror" and relayed:
            parts.append(label("publisher.mirror_of", lang, name=relayed))
        elif kind == "from":
            parts.append(label("publisher.from", lang, name=relayed))
        else:
            parts.append(label(f"publisher.{kind}", lang))
    code = language.strip().lower()
    if code and code != "vi":
        key = f"source_language.{code}"
        parts.append(
            label(key, lang) if key in LABELS else label("source_language.other", lang, code=code)
        )
    return ", ".join(p for p in parts if p)


def date_words(text: str, lang: str = "vi") -> str:
    """Return a registry date the reader's way, its ``[U]`` (inferred) said after it.

    Examples
    --------
    >>> date_words("2025-02 [U]", "vi"), date_words("2024-12-28", "en")
    ('02/2025 (suy đoán)', '28 Dec 2024')
    """
    from nq18lib.report.keypoints import format_date

    inferred = "[U]" in text
    text = format_date(text.replace("[U]", "").strip(), lang)
    return f"{text} {label('text.inferred', lang)}".strip() if inferred else text


def unverified_words(text: str, lang: str = "vi") -> str:
    """Replace the registry's ``[U]`` (inferred, not stated by the source) by words.

    Examples
    --------
    >>> unverified_words("Báo Hà Nam [U]", "en")
    'Báo Hà Nam (inferred)'
    """
    return text.replace("[U]", label("text.inferred", lang)).strip()


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
    sources = load_sources()
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
            "source": source_label(row.get("source_id"), lang, sources),
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
            "caveat": unverified_words(_text(row.get(f"caveat_{lang}")), lang),
            "target_text": _text(row.get(f"label_{lang}")),
            "target_source": _text(row.get("target_source")),
            "_bounds": {"percent": bound} if (bound := _text(row.get("rate_bound"))) else {},
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


def findings_table(
    findings: pd.DataFrame, lang: str = "vi", figures: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the reader's table of findings, most severe first, explained in ``lang``.

    A figure is named by its category and, given the ``figures``, its source and place in
    the source (``Báo Hà Nam, 12/2024 · đoạn 4``); its id goes to the workbook only.
    """
    check_lang(lang)
    if findings is None or findings.empty:
        return pd.DataFrame()
    places, names = {}, {}
    if figures is not None and not figures.empty:
        sources = load_sources()
        for _, figure in figures.iterrows():
            where = location_label(figure.get("location"), lang)
            source = source_label(figure.get("source_id"), lang, sources)
            place = " · ".join(p for p in (source, where) if p)
            places[str(figure["figure_id"])] = place
            names[str(figure["figure_id"])] = (
                f"{category_label(str(figure['category']), lang)} ({place})"
            )
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
            "message": _named(_text(row[f"message_{lang}"]), names),
        }
        if places:
            record["source"] = places.get(record["figure_id"], "")
        rows.append(record)
    table = pd.DataFrame.from_records(rows)
    table.attrs["html_columns"] = [c for c in table.columns if c != "figure_id"]
    return table


def _named(message: str, names: dict[str, str]) -> str:
    """Replace the figure ids a message names by the figures' names (longest ids first).

    Examples
    --------
    >>> _named("A part of x-03.", {"x-03": "Công chức (Báo X · đoạn 4)"})
    'A part of Công chức (Báo X · đoạn 4).'
    """
    import re

    if not names or not message:
        return message
    ids = sorted((i for i in names if i and i in message), key=len, reverse=True)
    if not ids:
        return message
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    return pattern.sub(lambda m: names[m.group(1)], message)


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
    """Return the sources the figures come from, with how many figures each gave.

    Readers see each source by title (linked to its web address when it has one),
    publisher and date, with its quality in words; the id and address stay in the workbook.
    """
    check_lang(lang)
    sources = load_sources() if sources is None else sources

    counts = figures["source_id"].value_counts(sort=False)
    rows = []
    for source_id, n in counts.items():
        known = source_id in sources.index
        row = sources.loc[source_id] if known else {}
        quality = _text(row.get("quality")) if known else ""
        url = _text(row.get("url")) if known else ""
        rows.append(
            {
                "title": unverified_words(_text(row.get("title")), lang) if known else "",
                "publisher": publisher_words(
                    _text(row.get("publisher")), _text(row.get("language")), lang
                )
                if known
                else "",
                "date": date_words(_text(row.get("date")), lang) if known else "",
                "quality": value_label("quality", quality, lang) if quality else "",
                "figures": int(n),
                "document": url,
                "source": str(source_id),
                "_href_title": url,
            }
        )
    table = pd.DataFrame.from_records(rows)
    table.attrs["html_columns"] = ["title", "publisher", "date", "quality", "figures"]
    return table


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
    out = table[[*keep, "source", "location", "_decimals", "_bounds"]].copy()
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
    decimals = bounds = None
    if figures is not None and "percent_decimals" in figures.columns:
        written = dict(zip(figures["figure_id"], figures["percent_decimals"], strict=True))
        decimals = [written.get(f) for f in ranked["figure_id"]]
    if figures is not None and "bound" in figures.columns:
        by_id = {str(fig["figure_id"]): fig for fig in figures.to_dict("records")}
        bounds = [figure_bounds(by_id.get(str(f), {})) for f in ranked["figure_id"]]
    table = pd.DataFrame(
        {
            "rank": ranked["rank"].to_numpy(),
            "rank_range": list(zip(ranked["rank_best"], ranked["rank_worst"], strict=True)),
            "jurisdiction": ranked["jurisdiction"].astype(str).to_numpy(),
            "reduced": ranked["reduced"].to_numpy(),
            "percent": ranked["percent"].to_numpy(),
            "period": [_period_words(p, lang) for p in ranked["period"]],
            "figure_id": ranked["figure_id"].astype(str).to_numpy(),
        }
    )
    if decimals is not None:
        table["_decimals"] = decimals
    if bounds is not None:
        table["_bounds"] = bounds
    table.attrs["html_columns"] = [c for c in table.columns if c != "figure_id"]  # workbook only
    return table


def _period_words(period: object, lang: str) -> str:
    """Write a period ``2017–2024-12`` the reader's way: ``2017–12/2024``."""
    from nq18lib.report.keypoints import format_date

    parts = [format_date(p.strip(), lang) for p in _text(period).split("–")]
    return "–".join(dict.fromkeys(p for p in parts if p))
