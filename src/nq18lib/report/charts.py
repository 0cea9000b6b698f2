"""Plotly charts for the reports: one theme, labels per language, offline output.

Every chart uses the registered ``"nq18"`` template (Noto Sans, dark ink on a white card,
which stays readable in a dark-mode browser and in print), Vietnamese number writing for
``lang="vi"`` (``1.503`` and ``14,4%``), a fixed height, and hover text naming the source
of each figure. Chart builders return ``None`` when there is nothing to draw.

Charts are shown with :func:`show_figure`, which emits two representations: the plotly
mimetype for JupyterLab and an HTML ``<div>`` *without* plotly.js for the HTML reports,
whose template includes plotly.js exactly once per page.

The theme and the output live in :mod:`nq18lib.report.chartstyle`, re-exported here; this module
holds the chart builders.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nq18lib.dataset.sources import load_sources
from nq18lib.metrics.sectors import format_range
from nq18lib.numerals import format_percent
from nq18lib.reference.bounds import qualified
from nq18lib.reference.taxonomy import category_label, category_unit, sector_label, sector_of
from nq18lib.reference.vocabulary import (
    FLAG_MARK as FLAG,
)
from nq18lib.reference.vocabulary import (
    STATUS_MARKS,
    check_lang,
    label,
    status_text,
    value_label,
)
from nq18lib.report.chartstyle import (
    COLORS,
    FONT,
    GRID,
    INK,
    MUTED,
    PAPER,
    PLOTLY_CONFIG,
    SECTOR_COLORS,
    TEMPLATE,
    WIDTH,
    figure_html,
    label_margin,
    language_layout,
    rows_height,
    show_figure,
    wrap_label,
)
from nq18lib.report.htmltable import figure_number, is_missing

__all__ = [
    "COLORS",
    "FONT",
    "GRID",
    "INK",
    "MUTED",
    "PAPER",
    "PLOTLY_CONFIG",
    "SECTOR_COLORS",
    "TEMPLATE",
    "WIDTH",
    "attainment_chart",
    "before_after_chart",
    "comparison_chart",
    "distinguish",
    "figure_html",
    "findings_chart",
    "label_margin",
    "language_layout",
    "reduction_bar",
    "show_figure",
    "wrap_label",
]


PATTERNS = {"plan": "/", "partly_projected": "x"}
"""Bar patterns by status, so a plan or a partly projected figure shows without colour."""


def _source_line(row: pd.Series, lang: str, sources: pd.DataFrame) -> str:
    """Return the hover lines naming a figure's source (publisher, date) and its place."""
    from nq18lib.report.tables import figure_location, source_label

    name = html.escape(source_label(row.get("source_id"), lang, sources))
    text = f"{label('hover.source', lang)}: {name}"
    place = figure_location(row, lang, sources)
    if place:
        text += f"<br>{label('hover.location', lang)}: {_wrap_hover(place)}"
    return text


def _figure_name(row: pd.Series, lang: str, *, with_jurisdiction: bool = False) -> str:
    name = category_label(str(row["category"]), lang)
    if with_jurisdiction:
        name = f"{row['jurisdiction']}: {name}"
    return name


def _rows(data: pd.DataFrame) -> list[pd.Series]:
    """Return a frame's rows as ``iterrows`` gives them, once for every use a chart has."""
    return [row for _, row in data.iterrows()]


def _distinct_names(
    data: pd.DataFrame, lang: str, rows: list[pd.Series] | None = None
) -> list[str]:
    """Category labels, told apart only where needed: by level, phase, status, then id.

    ``rows`` are ``data``'s rows when the caller already has them (:func:`_rows`).
    """
    rows = _rows(data) if rows is None else rows
    many_places = data["jurisdiction"].nunique() > 1
    names = [_figure_name(r, lang, with_jurisdiction=many_places) for r in rows]
    return _distinguish(names, data, lang, rows)


def distinguish(names: list[str], data: pd.DataFrame, lang: str) -> list[str]:
    """Tell repeated names apart by level, phase, status, scope, period, source or a number.

    The first of these that differs is added; readers never see a figure id.

    Examples
    --------
    >>> data = pd.DataFrame({"level": ["xa", "thon", "tinh"], "figure_id": ["a", "b", "c"]})
    >>> distinguish(["Người", "Người", "Sở"], data, "vi")
    ['Người (xã)', 'Người (thôn)', 'Sở']
    >>> distinguish(["Sở", "Sở"], pd.DataFrame({"figure_id": ["a", "b"]}), "en")
    ['Sở (1)', 'Sở (2)']
    """
    return _distinguish(names, data, lang)


def _distinguish(
    names: list[str], data: pd.DataFrame, lang: str, rows: list[pd.Series] | None = None
) -> list[str]:
    """:func:`distinguish`, reading ``data``'s rows (``rows`` when given) only for repeats."""
    from nq18lib.report.tables import _period, source_label

    out = [_text(n) for n in names]  # from data: shown as text, never as markup
    repeated = {n for n in names if names.count(n) > 1}
    if not repeated:
        return out
    rows = _rows(data) if rows is None else rows
    sources = load_sources() if "source_id" in data.columns else None
    describe = {
        "level": lambda row: value_label("level", row.get("level"), lang),
        "phase": lambda row: _text_or_empty(row.get("phase")),
        "status": lambda row: status_text(row.get("status"), lang, short=True),
        "scope": lambda row: value_label("scope", row.get("scope"), lang),
        "period": lambda row: _period(row, lang),
        "source": lambda row: source_label(row.get("source_id"), lang, sources),
    }
    for name in repeated:
        idx = [i for i, n in enumerate(names) if n == name]
        for column, words in describe.items():
            if column not in data.columns and column not in ("period", "source"):
                continue
            if column == "source" and sources is None:
                continue
            values = [words(rows[i]) for i in idx]
            if len(set(values)) == len(values) and all(values):
                for i, value in zip(idx, values, strict=True):
                    out[i] = f"{_text(name)} ({_text(value)})"
                break
        else:
            for number, i in enumerate(idx, start=1):
                out[i] = f"{_text(name)} ({number})"
    return out


def _text_or_empty(value: object) -> str:
    return "" if is_missing(value) else str(value)


def _text(value: object) -> str:
    """Escape text from data for a chart label: plotly reads ``<b>``, ``<a>``, ``<span>``."""
    return html.escape(str(value), quote=False)


def _count_text(row: pd.Series, category: str, lang: str) -> str:
    if is_missing(row.get("reduced")):
        return ""
    unit = category_unit(category, lang)
    return f"{figure_number(row, 'reduced', lang)} {unit}".strip()


def reduction_bar(
    figures: pd.DataFrame,
    lang: str = "vi",
    *,
    color_by: str = "status",
    sources: pd.DataFrame | None = None,
    flagged: set[str] | frozenset[str] = frozenset(),
) -> go.Figure | None:
    """Return a horizontal bar chart of the published reduction rate of each figure.

    Each bar's label ends with the figure's status mark (● done, ○ planned, ◐ partly
    projected; explained under the chart) and ⚠ when the audit flags it (``flagged``: the
    figure ids, :func:`nq18lib.report.keypoints.flagged_ids`).

    Parameters
    ----------
    figures : DataFrame
        Figures (the data contract's columns); rows without a percent are left out.
    lang : {"vi", "en"}
        The reader's language.
    color_by : {"status", "sector"}
        Colour bars by result/plan, or by sector (for the overview).
    sources : DataFrame, optional
        The sources registry (read from ``data/sources.csv`` when omitted).

    Returns
    -------
    plotly Figure or None
        None when no figure has a percent.
    """
    check_lang(lang)
    data = figures[figures["percent"].notna()].reset_index(drop=True)
    if data.empty:
        return None
    sources = load_sources() if sources is None else sources
    rows = _rows(data)
    names = [wrap_label(n, 22) for n in _distinct_names(data, lang, rows)]
    fig = go.Figure()
    if color_by == "sector":
        groups = data["category"].map(lambda c: sector_of(c) if c else "other")
        group_name = {g: sector_label(g, lang) for g in groups.unique()}
        colors = SECTOR_COLORS
    else:
        groups = data["status"].fillna("result")
        group_name = {g: status_text(g, lang) for g in groups.unique()}
        colors = COLORS
    for group in groups.unique():
        part = data[groups == group]
        idx = part.index
        part_rows = [rows[i] for i in idx]
        text = [
            figure_number(row, "percent", lang)
            + (
                f" (−{figure_number(row, 'reduced', lang)})"
                if not is_missing(row["reduced"])
                else ""
            )
            + f" {STATUS_MARKS.get(str(row['status']), '')}".rstrip()
            + (f" {FLAG}" if str(row["figure_id"]) in flagged else "")
            for row in part_rows
        ]
        hover = [
            f"<b>{html.escape(_figure_name(row, lang, with_jurisdiction=True))}</b><br>"
            f"{label('hover.rate', lang)}: {_row_percent(row, lang)}"
            + (
                f"<br>{label('hover.reduced', lang)}: {_count_text(row, row['category'], lang)}"
                if not is_missing(row["reduced"])
                else ""
            )
            + f"<br>{status_text(row['status'], lang)}"
            + f"<br>{_source_line(row, lang, sources)}"
            for row in part_rows
        ]
        fig.add_trace(
            go.Bar(
                x=part["percent"].astype(float),
                y=[names[i] for i in idx],
                orientation="h",
                name=group_name[group],
                text=text,
                textposition="outside",
                cliponaxis=False,
                hovertext=hover,
                hoverinfo="text",
                marker_color=colors.get(group, COLORS["other"]),
                marker_pattern_shape=[PATTERNS.get(str(s), "") for s in part["status"]],
            )
        )
    top = float(data["percent"].max())
    fig.update_layout(
        **language_layout(lang),
        meta={
            "caption": status_legend(
                data["status"], lang, flagged=bool(flagged & set(data["figure_id"]))
            )
        },
        margin={"l": label_margin(names)},
        height=110 + rows_height(names),
        showlegend=groups.nunique() > 1 or color_by == "sector",
        xaxis={
            "title": {"text": label("axis.percent", lang)},
            "range": [0, min(100.0, top * 1.45 + 5)],
            "ticksuffix": "%",
        },
        yaxis={"categoryorder": "array", "categoryarray": names[::-1]},
        barmode="overlay" if color_by == "status" else "relative",
    )
    return fig


def status_legend(statuses: pd.Series, lang: str = "vi", *, flagged: bool = False) -> str:
    """Return the line under a chart explaining its marks (the statuses present, ⚠).

    Examples
    --------
    >>> status_legend(pd.Series(["partly_projected", "result"]), "en")
    '◐ partly done, partly projected · ● done'
    """
    seen = list(dict.fromkeys(str(s) for s in statuses.fillna("result")))
    parts = [status_text(s, lang) for s in seen]
    if flagged:
        parts.append(label("legend.flagged", lang))
    return " · ".join(parts)


def _row_percent(row: pd.Series, lang: str) -> str:
    return figure_number(row, "percent", lang)


def _decimals(value: object) -> int:
    return 1 if is_missing(value) else int(value)


def before_after_chart(sizes: pd.DataFrame, lang: str = "vi") -> go.Figure | None:
    """Return before/after range bars, one panel per figure with a known or implied size.

    Each bar is solid up to the lowest possible value and light from there to the highest,
    so a size known only as a range is drawn as a range, with its bounds written out.

    Parameters
    ----------
    sizes : DataFrame
        The output of :func:`nq18lib.report.tables.size_table`.
    lang : {"vi", "en"}
        The reader's language.
    """
    check_lang(lang)
    data = sizes[sizes["baseline_min"].notna()].reset_index(drop=True)
    if data.empty:
        return None
    titles = [wrap_label(n, 40) for n in _distinct_names(data.assign(percent_decimals=None), lang)]
    fig = make_subplots(
        rows=len(data), cols=1, subplot_titles=titles, vertical_spacing=0.32 / len(data)
    )
    steps = [
        ("before", "baseline_min", "baseline_max", COLORS["result"], COLORS["range"]),
        ("after", "after_min", "after_max", COLORS["after"], COLORS["after_range"]),
    ]
    sources = load_sources()
    for i, row in data.iterrows():
        source = _source_line(row, lang, sources)
        basis = value_label("basis", row["basis"], lang)
        for step, low_col, high_col, solid, light in steps:
            if is_missing(row[low_col]) or is_missing(row[high_col]):
                continue  # a size before with no size after (or the reverse): one bar only
            low, high = int(row[low_col]), int(row[high_col])
            name = label(f"legend.{step}", lang)
            value_text = format_range(low, high, lang)
            hover = (
                f"<b>{html.escape(_figure_name(row, lang, with_jurisdiction=True))}</b><br>"
                f"{name}: {value_text} {category_unit(row['category'], lang)}<br>"
                f"{label('hover.basis', lang)}: {basis}<br>{source}"
            )
            for bar in _range_bars(low, high, name, value_text, hover, solid, light):
                fig.add_trace(bar, row=i + 1, col=1)
        top = max(int(row["baseline_max"]), 1)
        fig.update_xaxes(
            range=[0, top * 1.3], tickformat=",d", row=i + 1, col=1, nticks=6, showgrid=True
        )
        fig.update_yaxes(autorange="reversed", row=i + 1, col=1)
    fig.update_layout(
        **language_layout(lang),
        barmode="stack",
        height=60 + 150 * len(data),
        margin={"t": 50, "b": 30},
    )
    fig.update_annotations(font={"size": 13, "color": INK}, xanchor="left", x=0)
    return fig


def _range_bars(
    low: int, high: int, name: str, text: str, hover: str, solid: str, light: str
) -> list[go.Bar]:
    """Return the two stacked bars of a size known as a range.

    Solid up to ``low``, light from there to ``high``, with the range written at its end.
    """
    common = {
        "y": [name],
        "orientation": "h",
        "hovertext": [hover],
        "hoverinfo": "text",
        "showlegend": False,
        "width": 0.6,
    }
    return [
        go.Bar(x=[low], marker_color=solid, **common),
        go.Bar(
            x=[max(high - low, 0)],
            base=[low],
            marker={"color": light, "line": {"color": solid, "width": 1}},
            text=[text],
            textposition="outside",
            cliponaxis=False,
            **common,
        ),
    ]


def attainment_chart(attainment: pd.DataFrame | None, lang: str = "vi") -> go.Figure | None:
    """Return each figure's achieved rate against the minimum rates of the targets.

    One bar per figure (its rate), coloured by the best assessment among its targets
    (attained, else not attained, else grey: not comparable whatever the numbers say); one
    black tick per distinct target rate, whose hover text lists the instruments, their
    assessment and caveat. The table beside the chart has one row per figure and target.

    Parameters
    ----------
    attainment : DataFrame
        :func:`nq18lib.metrics.targets.target_attainment` output: ``figure_id``, ``category``,
        ``instrument``, ``min_percent``, ``rate``, ``status``, ``caveat_vi``/``caveat_en``.
    """
    check_lang(lang)
    needed = {"rate", "min_percent", "category", "status", "figure_id"}
    if attainment is None or attainment.empty or not needed <= set(attainment.columns):
        return None
    data = attainment[attainment["rate"].notna() & attainment["min_percent"].notna()]
    data = data.reset_index(drop=True)
    if data.empty:
        return None
    figures = data.drop_duplicates("figure_id").reset_index(drop=True)
    many = "jurisdiction" in data.columns and data["jurisdiction"].nunique() > 1
    names_by_id = {}
    figure_rows = _rows(figures)
    for row in figure_rows:
        name = category_label(str(row["category"]), lang)
        if many:
            name = f"{row['jurisdiction']}: {name}"
        names_by_id[row["figure_id"]] = name
    told_apart = _distinguish(list(names_by_id.values()), figures, lang, figure_rows)
    names_by_id = {
        fid: wrap_label(name, 24) for fid, name in zip(names_by_id, told_apart, strict=True)
    }
    order = ("attained", "not_attained", "not_comparable")
    best = {
        fid: next((s for s in order if s in set(part["status"])), "not_comparable")
        for fid, part in data.groupby("figure_id", sort=False)
    }
    names = [names_by_id[f] for f in figures["figure_id"]]
    fig = go.Figure(
        go.Bar(
            x=figures["rate"].astype(float),
            y=names,
            orientation="h",
            marker_color=[COLORS[best[f]] for f in figures["figure_id"]],
            text=[_rate_text(row, lang) for row in figure_rows],
            textposition="inside",
            insidetextanchor="start",
            textfont={"color": "#ffffff"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for status in [s for s in order if s in best.values()]:
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                orientation="h",
                name=value_label("attainment", status, lang),
                marker_color=COLORS[status],
                hoverinfo="skip",
            )
        )
    caveat_col = f"caveat_{lang}"
    ticks = data.groupby(["figure_id", "min_percent"], sort=False)
    tick_x, tick_y, tick_hover = [], [], []
    for (fid, minimum), part in ticks:
        lines = [
            f"<b>{names_by_id[fid].replace('<br>', ' ')}</b>",  # escaped above
            f"{label('legend.achieved', lang)}: "
            + qualified(
                format_percent(float(part["rate"].iloc[0]), lang),
                _text_or_empty(part["rate_bound"].iloc[0]) or None
                if "rate_bound" in part
                else None,
                lang,
            ),
        ]
        for _, row in part.iterrows():
            line = (
                f"{html.escape(str(row.get('instrument', '')))} "
                f"≥ {format_percent(float(minimum), lang)}: "
                f"{value_label('attainment', row['status'], lang)}"
            )
            caveat = row.get(caveat_col)
            if not is_missing(caveat) and str(caveat):
                from nq18lib.report.tables import unverified_words

                caveat = unverified_words(str(caveat), lang)
                line += "<br>  " + _wrap_hover(str(caveat)).replace("<br>", "<br>  ")
            lines.append(line)
        tick_x.append(float(minimum))
        tick_y.append(names_by_id[fid])
        tick_hover.append("<br>".join(lines))
    fig.add_trace(
        go.Scatter(
            x=tick_x,
            y=tick_y,
            mode="markers",
            name=label("legend.target", lang),
            marker={
                "symbol": "line-ns",
                "size": 26,
                "line": {"width": 3, "color": COLORS["target"]},
            },
            hovertext=tick_hover,
            hoverinfo="text",
        )
    )
    top = max(float(figures["rate"].max()), max(tick_x))
    fig.update_layout(
        **language_layout(lang),
        margin={"l": label_margin(names)},
        height=130 + rows_height(names, 56),
        barmode="overlay",
        xaxis={
            "title": {"text": label("axis.percent", lang)},
            "range": [0, min(100.0, top * 1.3 + 5)],
            "ticksuffix": "%",
        },
        yaxis={"categoryorder": "array", "categoryarray": names[::-1]},
    )
    return fig


def _rate_text(row: pd.Series, lang: str) -> str:
    """Write an attained rate with its bound ("hơn 30%") when it is one."""
    bound = _text_or_empty(row.get("rate_bound")) or None
    return qualified(format_percent(float(row["rate"]), lang), bound, lang)


def _wrap_hover(text: str, width: int = 60) -> str:
    """Return text from data as escaped hover lines of at most ``width`` characters.

    Examples
    --------
    >>> _wrap_hover("a <b> " * 3, 8)
    'a &lt;b&gt; a<br>&lt;b&gt; a<br>&lt;b&gt;'
    """
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width))


def comparison_chart(
    figures: pd.DataFrame,
    lang: str = "vi",
    *,
    highlight: str = "",
    sources: pd.DataFrame | None = None,
) -> go.Figure | None:
    """Return the published rate of each jurisdiction, one panel per category.

    The ``highlight`` jurisdiction is drawn in the accent colour, the others in grey.
    """
    check_lang(lang)
    data = figures[figures["percent"].notna()].reset_index(drop=True)
    if data.empty:
        return None
    sources = load_sources() if sources is None else sources
    key = "_panel" if "_panel" in data.columns else "category"
    categories = list(dict.fromkeys(data[key]))
    titles = [wrap_label(_panel_title(c, lang), 34) for c in categories]
    counts = [int((data[key] == c).sum()) for c in categories]
    fig = make_subplots(
        rows=len(categories),
        cols=1,
        subplot_titles=titles,
        row_heights=[max(n, 1) for n in counts],
        vertical_spacing=0.25 / len(categories),
        shared_xaxes=True,
    )
    all_names: list[str] = []
    for r, category in enumerate(categories, start=1):
        part = data[data[key] == category].sort_values("percent", ascending=False)
        category = str(part["category"].iloc[0])
        places = part["jurisdiction"].astype(str).tolist()
        rows = _rows(part)
        names = [wrap_label(n, 22) for n in _distinguish(places, part, lang, rows)]
        all_names += names
        hover = [
            f"<b>{html.escape(str(row['jurisdiction']))}</b>: "
            f"{_row_percent(row, lang)}"
            + (
                f"<br>{label('hover.reduced', lang)}: {_count_text(row, category, lang)}"
                if not is_missing(row["reduced"])
                else ""
            )
            + f"<br>{status_text(row['status'], lang)}"
            + (f", {html.escape(str(row['phase']))}" if not is_missing(row.get("phase")) else "")
            + f"<br>{_source_line(row, lang, sources)}"
            for row in rows
        ]
        fig.add_trace(
            go.Bar(
                x=part["percent"].astype(float),
                y=names,
                orientation="h",
                marker_color=[
                    COLORS["highlight"] if j == highlight else COLORS["other"]
                    for j in part["jurisdiction"]
                ],
                text=[figure_number(row, "percent", lang) for row in rows],
                textposition="outside",
                cliponaxis=False,
                hovertext=hover,
                hoverinfo="text",
                showlegend=False,
            ),
            row=r,
            col=1,
        )
        fig.update_yaxes(autorange="reversed", row=r, col=1)
    if highlight and highlight in set(data["jurisdiction"]):
        for name, color in (
            (label("legend.own", lang, province=highlight), COLORS["highlight"]),
            (label("legend.others", lang), COLORS["other"]),
        ):
            fig.add_trace(
                go.Bar(x=[None], y=[None], name=name, marker_color=color, showlegend=True),
                row=1,
                col=1,
            )
    top = float(data["percent"].max())
    fig.update_xaxes(range=[0, min(100.0, top * 1.45 + 5)], ticksuffix="%")
    fig.update_xaxes(title={"text": label("axis.percent", lang)}, row=len(categories), col=1)
    legend = highlight and highlight in set(data["jurisdiction"])
    top_lines = titles[0].count("<br>") + 1
    fig.update_layout(
        **language_layout(lang),
        margin={"l": label_margin(all_names), "t": 24 + 17 * top_lines + (28 if legend else 0)},
        legend={"yref": "container", "y": 1, "yanchor": "top"},
        height=90 + rows_height(all_names, 40) + 60 * len(categories) + 17 * top_lines,
    )
    fig.update_annotations(font={"size": 13, "color": INK}, xanchor="left", x=0)
    return fig


def _panel_title(panel: str, lang: str) -> str:
    """Return a comparison panel's title: category, then scope and status when known."""
    category, _, rest = str(panel).partition("|")
    scope, _, status = rest.partition("|")
    words = [category_label(category, lang)]
    if scope:
        words.append(value_label("scope", scope, lang))
    if status:
        words.append(status_text(status, lang, short=True))
    return " · ".join(words)


def findings_chart(findings: pd.DataFrame, lang: str = "vi") -> go.Figure | None:
    """Return the number of audit findings per check, stacked by severity.

    Parameters
    ----------
    findings : DataFrame
        One row per finding with ``check`` and ``severity`` (see
        :func:`nq18lib.report.tables.findings_table`).
    """
    check_lang(lang)
    if findings is None or findings.empty:
        return None
    counts = findings.groupby(["check", "severity"]).size().unstack(fill_value=0)
    checks = counts.sum(axis=1).sort_values(ascending=False).index.tolist()
    names = [wrap_label(value_label("check", c, lang), 24) for c in checks]
    fig = go.Figure()
    for severity in ("error", "warning", "info"):
        if severity not in counts.columns:
            continue
        fig.add_trace(
            go.Bar(
                x=counts.loc[checks, severity],
                y=names,
                orientation="h",
                name=value_label("severity", severity, lang),
                marker_color=COLORS[severity],
                hovertemplate="%{y}: %{x}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        **language_layout(lang),
        barmode="stack",
        margin={"l": label_margin(names)},
        legend={"traceorder": "normal"},
        height=120 + rows_height(names, 40),
        xaxis={
            "title": {"text": label("axis.findings", lang)},
            "tickformat": ",d",
            **({"dtick": 1} if int(counts.sum(axis=1).max()) <= 8 else {"nticks": 6}),
        },
        yaxis={"autorange": "reversed"},
    )
    return fig
