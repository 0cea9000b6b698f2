"""The look of every chart: the ``"nq18"`` plotly template, colours, language settings, output.

Importing this module registers the template (Noto Sans, dark ink on a white card, which
stays readable in a dark-mode browser and in print). :func:`show_figure` emits two
representations: the plotly mimetype for JupyterLab and an HTML ``<div>`` *without*
plotly.js for the HTML reports, whose template includes plotly.js exactly once per page.
"""

from __future__ import annotations

import html
import json
import textwrap

import plotly.graph_objects as go
import plotly.io as pio

from nq18lib.reference.vocabulary import check_lang

TEMPLATE = "nq18"
FONT = "Noto Sans, DejaVu Sans, sans-serif"
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9dee3"
PAPER = "#ffffff"
WIDTH = 760
"""The width charts are designed for: A4 paper at 96 dpi minus margins."""

COLORS = {
    "result": "#1f5f8b",
    "plan": "#c98a1b",
    "partly_projected": "#7a5195",
    "range": "#8fb8d6",
    "after": "#00798c",
    "after_range": "#8cc9d2",
    "target": "#1f2933",
    "highlight": "#d1495b",
    "other": "#8d96a3",
    "attained": "#2e7d32",
    "not_attained": "#c62828",
    "not_comparable": "#8d96a3",
    "error": "#c62828",
    "warning": "#c98a1b",
    "info": "#1f5f8b",
}
SECTOR_COLORS = {
    "party": "#d1495b",
    "government": "#1f5f8b",
    "public_service": "#00798c",
    "admin_units": "#66a182",
    "staffing": "#c98a1b",
    "other": "#8d96a3",
}
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}


def _register_template() -> None:
    axis = {
        "gridcolor": GRID,
        "linecolor": GRID,
        "zerolinecolor": "#9aa5b1",
        "tickfont": {"size": 12, "color": MUTED},
        "title": {"font": {"size": 13, "color": INK}},
        "automargin": True,
    }
    pio.templates[TEMPLATE] = go.layout.Template(
        layout={
            "font": {"family": FONT, "size": 13, "color": INK},
            "title": {"font": {"size": 15, "color": INK}, "x": 0, "xanchor": "left"},
            "paper_bgcolor": PAPER,
            "plot_bgcolor": PAPER,
            "colorway": [COLORS["result"], COLORS["highlight"], COLORS["after"], COLORS["plan"]],
            "xaxis": axis,
            "yaxis": {**axis, "gridcolor": PAPER},
            "margin": {"l": 10, "r": 20, "t": 40, "b": 40},
            "hoverlabel": {"font": {"family": FONT, "size": 13}, "align": "left"},
            "legend": {
                "orientation": "h",
                "yanchor": "bottom",
                "y": 1.0,
                "xanchor": "left",
                "x": 0,
                "font": {"size": 12},
            },
            "bargap": 0.3,
        }
    )


_register_template()


def language_layout(lang: str = "vi") -> dict:
    """Return the layout settings that depend on the reader's language.

    Examples
    --------
    >>> language_layout("vi")["separators"], language_layout("en")["separators"]
    (',.', '.,')
    """
    check_lang(lang)
    return {"template": TEMPLATE, "separators": ",." if lang == "vi" else ".,"}


def wrap_label(text: str, width: int = 26) -> str:
    """Break a long axis label into lines joined by ``<br>`` so it fits a phone screen.

    Examples
    --------
    >>> wrap_label("Cơ quan tham mưu giúp việc cấp ủy tỉnh")
    'Cơ quan tham mưu giúp việc<br>cấp ủy tỉnh'
    """
    return "<br>".join(textwrap.wrap(str(text), width)) or str(text)


def label_margin(names: list[str], font_size: int = 12) -> int:
    """Return a left margin (px) wide enough for the longest line of the axis labels.

    Plotly's ``automargin`` grows margins in a second drawing pass, which a printer may
    not wait for; an explicit margin keeps the labels whole in PDFs.

    Examples
    --------
    >>> label_margin(["Công chức", "Người hoạt động không<br>chuyên trách"])
    174
    """
    longest = max((len(line) for n in names for line in str(n).split("<br>")), default=0)
    return int(longest * font_size * 0.62) + 18


def rows_height(names: list[str], per_row: int = 36, line: int = 16) -> int:
    """Return the height (px) a horizontal bar chart's rows need so no two labels touch.

    Each row gets ``per_row`` pixels, or more when its label wraps onto several lines
    (``<br>``): ``line`` pixels a line plus a gap.

    Examples
    --------
    >>> rows_height(["Công chức", "Người hoạt động<br>không chuyên<br>trách"])
    98
    """
    return sum(max(per_row, line * (str(n).count("<br>") + 1) + 14) for n in names)


def figure_html(fig: go.Figure, lang: str = "vi") -> str:
    """Return the chart as an HTML ``<div>`` that needs plotly.js already on the page."""
    check_lang(lang)
    return fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        config=PLOTLY_CONFIG,
        default_width="100%",
        default_height=f"{int(fig.layout.height or 450)}px",
    )


def show_figure(fig: go.Figure | None, lang: str = "vi") -> None:
    """Display a chart in a notebook: interactive in JupyterLab, a div in HTML reports.

    ``None`` (a builder with nothing to draw) displays nothing.
    """
    from IPython.display import display

    if fig is None:
        return
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    bundle = {
        "application/vnd.plotly.v1+json": {
            **json.loads(fig.to_json()),
            "config": PLOTLY_CONFIG,
        },
        "text/html": figure_html(fig, lang),
    }
    display(bundle, raw=True)
    if meta.get("caption"):
        from IPython.display import HTML

        display(HTML(f'<p class="nq18-chart-note">{html.escape(str(meta["caption"]))}</p>'))
