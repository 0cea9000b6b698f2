"""Which figures may stand side by side: comparison groups of like figures.

A comparison (or a ranking) across jurisdictions shows only figures of the same category,
scope and status (a result beside results, a plan beside plans), leaves out parts of a
total (``part_of``), and needs a rate to compare (a published percent, a fraction, or counts
that give one). A group is worth a report only when it holds at least :data:`MIN_RANKED`
such figures from more than one jurisdiction. The reports (:mod:`nq18lib.report.selection`)
and the runner's grid (which publishes a comparison report only where the data has such a
group) use these rules, so both count the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

MIN_RANKED = 3
"""A comparison or ranking needs at least this many comparable figures."""


def _text(frame: pd.DataFrame, column: str, default: str = "") -> pd.Series:
    if column not in frame.columns:
        return pd.Series(default, index=frame.index, dtype=object)
    return frame[column].fillna(default).astype(str).str.strip().replace("", default)


def comparison_panel(frame: pd.DataFrame) -> pd.Series:
    """Return each figure's comparison group: ``category|scope|status``.

    Examples
    --------
    >>> comparison_panel(pd.DataFrame({"category": ["civil_servant"], "status": [None]})).tolist()
    ['civil_servant||result']
    """
    return (
        _text(frame, "category")
        + "|"
        + _text(frame, "scope")
        + "|"
        + _text(frame, "status", "result")
    )


def is_part(frame: pd.DataFrame) -> pd.Series:
    """Return which figures are parts of another figure (``part_of`` set)."""
    return _text(frame, "part_of") != ""


def has_rate(frame: pd.DataFrame) -> pd.Series:
    """Return which figures give a reduction rate: a percent, a fraction, or counts.

    Examples
    --------
    >>> has_rate(pd.DataFrame({"percent": [12.5, None, None], "reduced": [None, 4, 4],
    ...     "baseline": [None, 20, None]})).tolist()
    [True, True, False]
    """

    def present(column: str) -> pd.Series:
        if column not in frame.columns:
            return pd.Series(False, index=frame.index)
        return frame[column].notna()

    return (
        present("percent")
        | (present("numerator") & present("denominator"))
        | (present("reduced") & (present("baseline") | present("after")))
    )


def comparison_sizes(frame: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Return ``{category: {status: size of its largest comparison group}}``.

    The size counts figures with a rate, parts left out; a group of one jurisdiction has
    nothing to be compared with and counts 0.

    Examples
    --------
    >>> frame = pd.DataFrame({"jurisdiction": ["X", "Y", "Z", "X"],
    ...     "category": "commune_unit", "status": ["result"] * 3 + ["plan"],
    ...     "percent": [10.0, 12.0, 15.0, 20.0]})
    >>> comparison_sizes(frame)
    {'commune_unit': {'result': 3, 'plan': 0}}
    """
    data = frame[~is_part(frame) & has_rate(frame)]
    sizes: dict[str, dict[str, int]] = {}
    for panel, part in data.groupby(comparison_panel(data), sort=False):
        category, _, rest = str(panel).partition("|")
        status = rest.partition("|")[2]
        size = len(part) if part["jurisdiction"].nunique() > 1 else 0
        by_status = sizes.setdefault(category, {})
        by_status[status] = max(by_status.get(status, 0), size)
    return sizes


def comparable_statuses(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Return ``{category: [statuses]}``: where a comparison report has something to compare.

    A status is listed when its largest comparison group (:func:`comparison_sizes`) holds at
    least :data:`MIN_RANKED` figures; categories without one are left out.

    Examples
    --------
    >>> frame = pd.DataFrame({"jurisdiction": ["X", "Y", "Z", "X"],
    ...     "category": ["commune_unit"] * 3 + ["civil_servant"], "status": "result",
    ...     "percent": [10.0, 12.0, 15.0, 20.0]})
    >>> comparable_statuses(frame)
    {'commune_unit': ['result']}
    """
    found = {}
    for category, by_status in comparison_sizes(frame).items():
        statuses = [s for s, n in by_status.items() if n >= MIN_RANKED]
        if statuses:
            found[category] = statuses
    return found


def comparable_figure_statuses(figures: Sequence[Path]) -> dict[str, list[str]]:
    """Load figure tables and return :func:`comparable_statuses` (the runner's question)."""
    from nq18lib.dataset.figures import load_figures

    return comparable_statuses(load_figures(list(figures)))
