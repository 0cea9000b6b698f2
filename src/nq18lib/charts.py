"""Plotly charts for the reports: one theme, labels per language, offline output.

Charts are shown with :func:`show_figure`, which emits two representations: the plotly
mimetype for JupyterLab and an HTML ``<div>`` *without* plotly.js for the HTML reports,
whose template includes plotly.js exactly once per page.
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go

from nq18lib.numerals import format_number, format_percent
from nq18lib.taxonomy import category_label

PALETTE = ("#1f5f8b", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d96a3")
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "locale": "vi"}


def reduction_bar(figures: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """Return a horizontal bar chart of the reported reduction rate per category."""
    data = figures.dropna(subset=["percent"])
    labels = [category_label(c, lang) for c in data["category"]]
    text = [format_percent(float(p), lang) for p in data["percent"]]
    hover = [
        f"{label}: {t}<br>{'giảm' if lang == 'vi' else 'reduced'} "
        f"{format_number(None if pd.isna(r) else int(r), lang)}<br>{source}"
        for label, t, r, source in zip(
            labels, text, data["reduced"], data["source_id"], strict=True
        )
    ]
    fig = go.Figure(
        go.Bar(
            x=data["percent"].astype(float),
            y=labels,
            orientation="h",
            text=text,
            textposition="auto",
            hovertext=hover,
            hoverinfo="text",
            marker_color=PALETTE[0],
        )
    )
    fig.update_layout(
        template="plotly_white",
        font_family=FONT,
        height=120 + 40 * len(data),
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        xaxis_title="Tỷ lệ giảm (%)" if lang == "vi" else "Reduction rate (%)",
        yaxis={"autorange": "reversed"},
        separators=",." if lang == "vi" else ".,",
    )
    return fig


def figure_html(fig: go.Figure, lang: str = "vi") -> str:
    """Return the chart as an HTML ``<div>`` that needs plotly.js already on the page."""
    config = {**PLOTLY_CONFIG, "locale": lang}
    return fig.to_html(full_html=False, include_plotlyjs=False, config=config)


def show_figure(fig: go.Figure, lang: str = "vi") -> None:
    """Display a chart in a notebook: interactive in JupyterLab, a div in HTML reports."""
    from IPython.display import display

    bundle = {
        "application/vnd.plotly.v1+json": json.loads(fig.to_json()),
        "text/html": figure_html(fig, lang),
    }
    display(bundle, raw=True)
