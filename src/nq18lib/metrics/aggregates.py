"""Aggregates over figures: totals by group, phases side by side, plan against result, ranks.

Functions take DataFrames and return DataFrames; they never read files.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from nq18lib.frames import cell_text, typed_frame
from nq18lib.metrics.bounds import (
    combined_bound,
    count_bound,
    figure_bounds,
    figure_rate_interval,
)
from nq18lib.metrics.impliedcounts import effective_reduced, implied_counts, written_decimals
from nq18lib.metrics.parts import PHASES, figure_parts, phase_key


def aggregate_reduction(
    figures: pd.DataFrame,
    by: Sequence[str] = ("category",),
    *,
    rounding: str = "either",
    include_parts: bool = False,
) -> pd.DataFrame:
    """Add up counts across figures and give the weighted rate as a range.

    For each group: ``reduced = Σ reduced``; the baseline range ``[Σ b_min, Σ b_max]`` over
    the figures whose baseline is known or implied (see :func:`implied_counts`); the
    weighted rate ``100·Σ reduced / Σ b`` therefore lies in ``[rate_min, rate_max] =
    [100·Σr/Σb_max, 100·Σr/Σb_min]`` (sums over those same figures). Figures with a count
    but no baseline add to ``reduced`` only and are counted in ``without_baseline``;
    figures with a percent only cannot be added and are counted in ``percent_only``. Parts
    of another figure (see :func:`figure_parts`) are left out unless ``include_parts``, so
    nothing is counted twice.

    A sum of which a count is a bound ("hơn 2.100") is a bound too: ``reduced_bound`` is
    ``at_least`` when every bounded count of the group is a lower bound (``at_most``
    alike, ``about`` when they differ, empty when all are exact), and ``rate_bound`` the
    same over the figures in the weighted rate (:func:`~nq18lib.metrics.bounds.combined_bound`).

    Returns
    -------
    DataFrame
        The ``by`` columns, then ``figures``, ``jurisdictions``, ``reduced``,
        ``reduced_bound``, ``reduced_with_baseline``, ``baseline_min``, ``baseline_max``,
        ``after_min``, ``after_max``, ``rate_min``, ``rate_max``, ``rate_bound``,
        ``without_baseline``, ``percent_only``.

    Examples
    --------
    >>> frame = pd.DataFrame({"figure_id": ["a", "b"], "jurisdiction": ["X", "Y"],
    ...     "category": ["commune_unit"] * 2, "reduced": [18, 24], "percent": [15.5, 17.0],
    ...     "percent_decimals": [1, 1]})
    >>> row = aggregate_reduction(frame).iloc[0]
    >>> int(row.reduced), int(row.baseline_min), int(row.baseline_max)
    (42, 257, 257)
    >>> round(float(row.rate_min), 2), round(float(row.rate_max), 2)
    (16.34, 16.34)
    >>> frame["bound"] = ["at_least", None]
    >>> row = aggregate_reduction(frame).iloc[0]
    >>> int(row.reduced), row.reduced_bound
    (42, 'at_least')
    """
    by = list(by)
    counts = implied_counts(figures, rounding=rounding)
    frame = figures.copy()
    for name in counts.columns.drop("figure_id"):
        frame[f"_{name}"] = counts[name]
    if not include_parts and "figure_id" in frame.columns:
        parts = set(figure_parts(figures)["part_id"])
        frame = frame[~frame["figure_id"].astype("string").isin(parts).fillna(False)]
    has_reduced = frame["_reduced"].notna()
    has_base = has_reduced & frame["_baseline_min"].notna()
    qualifiers = pd.Series(
        [count_bound(fig) for fig in frame.to_dict("records")], index=frame.index, dtype=object
    )
    work = pd.DataFrame(
        {
            "_one": 1,
            "_place": frame.get("jurisdiction", pd.NA),
            "reduced": frame["_reduced"].where(has_reduced),
            "reduced_with_baseline": frame["_reduced"].where(has_base),
            "baseline_min": frame["_baseline_min"].where(has_base),
            "baseline_max": frame["_baseline_max"].where(has_base),
            "without_baseline": (has_reduced & ~has_base).astype(int),
            "percent_only": (~has_reduced & frame["percent"].notna()).astype(int),
            "_count_bound": qualifiers.where(has_reduced, None),
            "_rate_bound": qualifiers.where(has_base, None),
        },
        index=frame.index,
    )
    keys = [frame[name] for name in by] if by else [work["_one"]]
    grouped = work.groupby(keys, dropna=False, sort=True)
    out = grouped[["reduced", "reduced_with_baseline", "baseline_min", "baseline_max"]].sum(
        min_count=1
    )
    out["figures"] = grouped.size()
    out["jurisdictions"] = grouped["_place"].nunique()
    out[["without_baseline", "percent_only"]] = grouped[["without_baseline", "percent_only"]].sum()
    out["reduced_bound"] = _group_bound(grouped["_count_bound"])
    out["rate_bound"] = _group_bound(grouped["_rate_bound"])
    out = out.reset_index(drop=not by)
    for name in ("reduced", "reduced_with_baseline", "baseline_min", "baseline_max"):
        out[name] = out[name].astype("Int64")
    out["after_min"] = out["baseline_min"] - out["reduced_with_baseline"]
    out["after_max"] = out["baseline_max"] - out["reduced_with_baseline"]
    rated = out["reduced_with_baseline"].astype("Float64")
    out["rate_min"] = (100 * rated / out["baseline_max"].astype("Float64")).astype("Float64")
    out["rate_max"] = (100 * rated / out["baseline_min"].astype("Float64")).astype("Float64")
    columns = [
        *by,
        "figures",
        "jurisdictions",
        "reduced",
        "reduced_bound",
        "reduced_with_baseline",
        "baseline_min",
        "baseline_max",
        "after_min",
        "after_max",
        "rate_min",
        "rate_max",
        "rate_bound",
        "without_baseline",
        "percent_only",
    ]
    return out[columns]


def compare_phases(
    figures: pd.DataFrame,
    by: Sequence[str] = ("source_id", "jurisdiction", "category", "level"),
) -> pd.DataFrame:
    """Put giai đoạn 1, giai đoạn 2 and the two together side by side.

    Phases are read with :func:`phase_key`. Where a phase is missing but the other phase
    and the total are known, it is derived: ``phase_2 = all − phase_1`` (and the other way
    round). ``check`` is ``consistent`` when ``phase_1 + phase_2 == all`` for reported
    counts, ``inconsistent`` when not (or when a part exceeds the total), else
    ``not_checkable``.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``reduced_phase_1``, ``reduced_phase_2``, ``reduced_all``,
        ``percent_all``, ``derived_phase_1``, ``derived_phase_2``, ``status_phase_1``,
        ``status_phase_2``, ``status_all`` and ``check``; groups without any phase are left
        out.

    Examples
    --------
    >>> frame = pd.DataFrame({"source_id": "s", "jurisdiction": "X", "category": "division",
    ...     "level": "tinh", "phase": ["cả 2 giai đoạn", "giai đoạn 2"],
    ...     "status": ["result", "plan"], "reduced": [4, 2], "percent": [21.1, None]})
    >>> row = compare_phases(frame).iloc[0]
    >>> int(row.reduced_all), int(row.reduced_phase_2), int(row.derived_phase_1), row.check
    (4, 2, 2, 'not_checkable')
    """
    by = [name for name in by if name in figures.columns]
    frame = figures.copy()
    frame["_phase"] = [phase_key(p) for p in frame.get("phase", [None] * len(frame))]
    frame["_reduced"] = [effective_reduced(row) for row in frame.to_dict("records")]
    frame = frame[frame["_phase"].notna()]
    records = []
    for keys, group in frame.groupby(by, dropna=False, sort=True):
        keys = keys if isinstance(keys, tuple) else (keys,)
        record = dict(zip(by, keys, strict=True))
        values, statuses, percent_all = {}, {}, None
        for phase in PHASES:
            rows = group[group["_phase"] == phase]
            known = rows["_reduced"].dropna()
            values[phase] = int(known.iloc[0]) if len(known) == 1 else None
            statuses[phase] = "|".join(sorted(set(rows["status"].dropna()))) or None
            if phase == "all" and len(rows) == 1 and not pd.isna(rows["percent"].iloc[0]):
                percent_all = float(rows["percent"].iloc[0])
        one, two, total = values["1"], values["2"], values["all"]
        derived_1 = total - two if one is None and None not in (two, total) else None
        derived_2 = total - one if two is None and None not in (one, total) else None
        if None not in (one, two, total):
            check = "consistent" if one + two == total else "inconsistent"
        elif any(v is not None and total is not None and v > total for v in (one, two)):
            check = "inconsistent"
        else:
            check = "not_checkable"
        record.update(
            {
                "reduced_phase_1": one,
                "reduced_phase_2": two,
                "reduced_all": total,
                "percent_all": percent_all,
                "derived_phase_1": derived_1,
                "derived_phase_2": derived_2,
                "status_phase_1": statuses["1"],
                "status_phase_2": statuses["2"],
                "status_all": statuses["all"],
                "check": check,
            }
        )
        records.append(record)
    columns = [
        *by,
        "reduced_phase_1",
        "reduced_phase_2",
        "reduced_all",
        "percent_all",
        "derived_phase_1",
        "derived_phase_2",
        "status_phase_1",
        "status_phase_2",
        "status_all",
        "check",
    ]
    counts = ("reduced_phase_1", "reduced_phase_2", "reduced_all")
    counts += ("derived_phase_1", "derived_phase_2")
    return typed_frame(records, columns, counts=counts, rates=("percent_all",))


def compare_plan_result(
    figures: pd.DataFrame,
    by: Sequence[str] = ("jurisdiction", "category", "level", "phase"),
) -> pd.DataFrame:
    """Put planned and achieved figures of the same subject side by side.

    ``reduced_gap = reduced_result − reduced_plan``; ``completion = 100·reduced_result /
    reduced_plan`` (percent of the plan achieved); ``percent_gap`` likewise for rates.
    Groups with only plans or only results are kept with the other side missing.

    Examples
    --------
    >>> frame = pd.DataFrame({"jurisdiction": "X", "category": "village", "level": "thon",
    ...     "phase": "giai đoạn 1", "status": ["plan", "result"], "reduced": [600, 553],
    ...     "percent": [None, 44.6]})
    >>> row = compare_plan_result(frame).iloc[0]
    >>> int(row.reduced_gap), round(float(row.completion), 1)
    (-47, 92.2)
    """
    by = [name for name in by if name in figures.columns]
    frame = figures.copy()
    frame["_reduced"] = [effective_reduced(row) for row in frame.to_dict("records")]
    records = []
    for keys, group in frame.groupby(by, dropna=False, sort=True):
        keys = keys if isinstance(keys, tuple) else (keys,)
        record = dict(zip(by, keys, strict=True))
        for status in ("plan", "result"):
            rows = group[group["status"] == status]
            counts, rates = rows["_reduced"].dropna(), rows["percent"].dropna()
            record[f"reduced_{status}"] = int(counts.iloc[0]) if len(counts) == 1 else None
            record[f"percent_{status}"] = float(rates.iloc[0]) if len(rates) == 1 else None
        plan, result = record["reduced_plan"], record["reduced_result"]
        record["reduced_gap"] = result - plan if None not in (plan, result) else None
        record["completion"] = 100 * result / plan if None not in (plan, result) and plan else None
        p_plan, p_result = record["percent_plan"], record["percent_result"]
        record["percent_gap"] = p_result - p_plan if None not in (p_plan, p_result) else None
        records.append(record)
    columns = [
        *by,
        "reduced_plan",
        "reduced_result",
        "reduced_gap",
        "completion",
        "percent_plan",
        "percent_result",
        "percent_gap",
    ]
    return typed_frame(
        records,
        columns,
        counts=("reduced_plan", "reduced_result", "reduced_gap"),
        rates=("completion", "percent_plan", "percent_result", "percent_gap"),
    )


def rank_jurisdictions(
    figures: pd.DataFrame,
    category: str,
    *,
    status: str = "result",
    rounding: str = "either",
) -> pd.DataFrame:
    """Rank jurisdictions by reduction rate in one category, largest cut first.

    The rate is ``100·reduced/baseline`` when a baseline is reported or given by a fraction,
    else the reported percent. Because percents are rounded, every rate is a range
    ``[rate_min, rate_max]`` (see :func:`implied_counts`); ``rank_best = 1 + #(others
    surely above: rate_min > my rate_max)`` and ``rank_worst = 1 + #(others possibly
    above: rate_max > my rate_min)``. ``rank`` ranks the point rates (ties share the
    smaller rank). A bounded number ("hơn 30%") widens its range to what it admits, so a
    lower bound is never ranked as if exact. Parts of other figures are left out. When
    more than one figure per jurisdiction remains (different periods, levels), all are
    ranked and ``periods_differ`` says so: filter first.

    Examples
    --------
    >>> frame = pd.DataFrame({"figure_id": ["a", "b", "c"], "jurisdiction": ["X", "Y", "Z"],
    ...     "category": "commune_unit", "status": "result", "reduced": [18, 24, 37],
    ...     "percent": [15.5, 17.0, 20.3], "percent_decimals": [1, 1, 1]})
    >>> rank_jurisdictions(frame, "commune_unit")[["jurisdiction", "rank"]].values.tolist()
    [['Z', 1], ['Y', 2], ['X', 3]]
    """
    columns = [
        "rank",
        "jurisdiction",
        "figure_id",
        "reduced",
        "percent",
        "rate",
        "rate_min",
        "rate_max",
        "rank_best",
        "rank_worst",
        "period",
        "periods_differ",
    ]
    selected = figures[(figures["category"] == category) & (figures["status"] == status)]
    rated = selected["percent"].notna()
    for name in ("denominator", "baseline"):
        if name in selected.columns:
            rated |= selected[name].notna()
    selected = selected[rated]
    if "figure_id" in selected.columns and not selected.empty:
        parts = set(figure_parts(figures)["part_id"])
        selected = selected[~selected["figure_id"].astype(str).isin(parts)]
    if selected.empty:
        return pd.DataFrame(columns=columns)
    counts = implied_counts(selected, rounding=rounding)
    decimals = written_decimals(selected).tolist()
    rates = []
    for position, (fig, known) in enumerate(
        zip(selected.to_dict("records"), counts.to_dict("records"), strict=True)
    ):
        bounds = figure_bounds(fig)
        if bounds:
            found = figure_rate_interval(fig, bounds, int(decimals[position]))
            if found is not None:
                counts.loc[counts.index[position], ["rate_min", "rate_max"]] = found
        basis, reduced = known["baseline_basis"], known["reduced"]
        if (
            not pd.isna(basis)
            and basis in ("reported", "after", "fraction")
            and not pd.isna(reduced)
        ):
            rates.append(100 * int(reduced) / int(known["baseline_min"]))
        else:
            rates.append(float(fig["percent"]))
    period = [
        f"{cell_text(s)}–{cell_text(e)}"
        for s, e in zip(
            selected.get("period_start", [None] * len(selected)),
            selected.get("period_end", [None] * len(selected)),
            strict=True,
        )
    ]
    out = pd.DataFrame(
        {
            "jurisdiction": selected["jurisdiction"].to_numpy(),
            "figure_id": selected["figure_id"].to_numpy(),
            "reduced": counts["reduced"].to_numpy(),
            "percent": selected["percent"].to_numpy(),
            "rate": rates,
            "rate_min": counts["rate_min"].astype(float).to_numpy(),
            "rate_max": counts["rate_max"].astype(float).to_numpy(),
            "period": period,
        }
    )
    out["rank"] = out["rate"].rank(method="min", ascending=False).astype(int)
    low, high = out["rate_min"].to_numpy(), out["rate_max"].to_numpy()
    out["rank_best"] = [1 + int(((low > high[i]) & (out.index != i)).sum()) for i in out.index]
    out["rank_worst"] = [1 + int(((high > low[i]) & (out.index != i)).sum()) for i in out.index]
    out["periods_differ"] = out["period"].nunique() > 1
    out["reduced"] = pd.array(out["reduced"].tolist(), dtype="Int64")
    out["percent"] = pd.array(out["percent"].tolist(), dtype="Float64")
    return out.sort_values(["rank", "jurisdiction"]).reset_index(drop=True)[columns]


def _group_bound(qualifiers) -> pd.Series:
    """Return each group's :func:`combined_bound` as strings (``<NA>``: all exact)."""
    return qualifiers.agg(lambda q: combined_bound(list(q))).astype("string")
