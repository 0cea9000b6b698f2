"""Metrics on tables of figures: implied counts, parts, aggregates, phases, rankings.

Import rule: ``metrics`` imports the shared modules and ``reference``; no file I/O, and
never ``dataset``, ``extract``, ``audit``, ``report``, ``runner`` or ``cli``.

Every figure's baseline, count after and rate are given as ranges (see
:func:`implied_counts`), because reported percents are rounded; the inversion itself
(:func:`implied_baseline` and friends, with the rounding rules) lives in
:mod:`nq18lib.metrics.rounding` and is re-exported here.

Metric functions take numbers or DataFrames and return numbers or DataFrames; they never
read files. This module gathers them in one namespace; they live in
:mod:`nq18lib.metrics.impliedcounts` (per figure), :mod:`nq18lib.metrics.parts` (phases,
parts of a total), :mod:`nq18lib.metrics.aggregates` (totals, phases, plan against result,
ranks) and
:mod:`nq18lib.metrics.sectors` (a sector's figures and its reader table).
"""

from __future__ import annotations

from nq18lib.metrics.aggregates import (
    aggregate_reduction,
    compare_phases,
    compare_plan_result,
    rank_jurisdictions,
)
from nq18lib.metrics.impliedcounts import effective_reduced, implied_counts, written_decimals
from nq18lib.metrics.parts import PHASES, figure_parts, phase_key
from nq18lib.metrics.rounding import (
    ROUNDING_RULES,
    ROUNDINGS,
    directed_baseline,
    implied_after,
    implied_baseline,
    implied_reduced,
    matching_roundings,
    percent_matches,
    reduction_rate,
    round_percent,
)
from nq18lib.metrics.sectors import format_range, reduction_by_sector, reduction_table

__all__ = [
    "PHASES",
    "ROUNDINGS",
    "ROUNDING_RULES",
    "aggregate_reduction",
    "compare_phases",
    "compare_plan_result",
    "directed_baseline",
    "effective_reduced",
    "figure_parts",
    "format_range",
    "implied_after",
    "implied_baseline",
    "implied_counts",
    "implied_reduced",
    "matching_roundings",
    "percent_matches",
    "phase_key",
    "rank_jurisdictions",
    "reduction_by_sector",
    "reduction_rate",
    "reduction_table",
    "round_percent",
    "written_decimals",
]
