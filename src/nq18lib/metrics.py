"""Metrics on tables of figures: implied counts, parts, aggregates, phases, rankings.

Every figure's baseline, count after and rate are given as ranges (see
:func:`implied_counts`), because reported percents are rounded; the inversion itself
(:func:`implied_baseline` and friends, with the rounding rules) lives in
:mod:`nq18lib.rounding` and is re-exported here.

Metric functions take numbers or DataFrames and return numbers or DataFrames; they never
read files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd

from nq18lib import taxonomy
from nq18lib.frames import typed_frame
from nq18lib.numerals import format_number, format_percent
from nq18lib.rounding import (
    ROUNDING_RULES,
    ROUNDINGS,
    float_decimals,
    implied_after,
    implied_baseline,
    implied_reduced,
    matching_roundings,
    percent_matches,
    reduction_rate,
    round_percent,
)

__all__ = [
    "PHASES",
    "ROUNDINGS",
    "ROUNDING_RULES",
    "aggregate_reduction",
    "compare_phases",
    "compare_plan_result",
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

PHASES = ("1", "2", "all")


# --------------------------------------------------------------------------- per figure
def _value(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def written_decimals(figures: pd.DataFrame) -> pd.Series:
    """Return, per figure, how many decimals its percent was written with.

    Uses the ``percent_decimals`` column the loader adds; where it is missing, reads the
    decimals from the float (which cannot tell ``25,0`` from ``25``).

    Examples
    --------
    >>> written_decimals(pd.DataFrame({"percent": [36.4, 25.0, None]})).tolist()
    [1, 0, <NA>]
    """
    if "percent_decimals" in figures.columns:
        written = figures["percent_decimals"]
    else:
        written = pd.Series([pd.NA] * len(figures), index=figures.index)
    return pd.Series(
        [
            (pd.NA if pd.isna(p) else float_decimals(float(p))) if pd.isna(d) else int(d)
            for p, d in zip(figures["percent"], written, strict=True)
        ],
        index=figures.index,
        dtype="Int64",
    )


def effective_reduced(figure: pd.Series | dict) -> int | None:
    """Return the count reduced of one figure.

    That is ``reduced``, else the fraction's numerator, else ``baseline − after``.

    Examples
    --------
    >>> effective_reduced({"reduced": None, "numerator": 215, "denominator": 1503})
    215
    >>> effective_reduced({"baseline": 116, "after": 98})
    18
    """
    get = figure.get
    if _value(get("reduced")) is not None:
        return _value(get("reduced"))
    if _value(get("numerator")) is not None and _value(get("denominator")) is not None:
        return _value(get("numerator"))
    if _value(get("baseline")) is not None and _value(get("after")) is not None:
        return _value(get("baseline")) - _value(get("after"))
    return None


def implied_counts(figures: pd.DataFrame, rounding: str = "either") -> pd.DataFrame:
    """Return, per figure, the best known baseline, count after and rate, as ranges.

    The baseline comes from, in order: ``baseline`` (basis ``reported``), ``after +
    reduced`` (``after``), the fraction's ``denominator`` (``fraction``), or the count and
    the rounded percent (``percent``, via :func:`implied_baseline`). The rate range is
    ``100·reduced/b`` over that range, or, with a percent only, its rounding interval
    ``percent ± h/2``.

    Returns
    -------
    DataFrame
        Indexed like ``figures``: ``figure_id``, ``reduced`` (effective, see
        :func:`effective_reduced`), ``baseline_min``, ``baseline_max``, ``baseline_basis``,
        ``after_min``, ``after_max``, ``rate_min``, ``rate_max``.

    Examples
    --------
    >>> frame = pd.DataFrame({"figure_id": ["a", "b"], "reduced": [4, 215],
    ...     "percent": [36.4, 14.4], "numerator": [None, 215], "denominator": [None, 1503]})
    >>> implied_counts(frame)[["baseline_min", "baseline_max", "baseline_basis"]]
       baseline_min  baseline_max baseline_basis
    0            11            11        percent
    1          1503          1503       fraction
    """
    decimals = written_decimals(figures).tolist()
    rows = []
    for position, fig in enumerate(figures.to_dict("records")):
        reduced = effective_reduced(fig)
        b_range, basis = None, pd.NA
        baseline, after, denominator = (
            _value(fig.get("baseline")),
            _value(fig.get("after")),
            _value(fig.get("denominator")),
        )
        if baseline is not None:
            b_range, basis = (baseline, baseline), "reported"
        elif after is not None and reduced is not None:
            b_range, basis = (after + reduced, after + reduced), "after"
        elif denominator is not None:
            b_range, basis = (denominator, denominator), "fraction"
        elif reduced is not None and not pd.isna(fig.get("percent")):
            try:
                b_range = implied_baseline(
                    reduced, float(fig["percent"]), decimals[position], rounding=rounding
                )
            except ValueError:
                b_range = None
            basis = "percent" if b_range else pd.NA
        rate = (pd.NA, pd.NA)
        if b_range and reduced is not None and b_range[0] > 0:
            rate = (100 * reduced / b_range[1], 100 * reduced / b_range[0])
        elif not pd.isna(fig.get("percent")):
            half = 0.5 * 10.0 ** -int(decimals[position])
            p = float(fig["percent"])
            rate = (max(p - half, 0.0), min(p + half, 100.0))
        rows.append(
            {
                "figure_id": fig.get("figure_id", pd.NA),
                "reduced": reduced,
                "baseline_min": b_range[0] if b_range else pd.NA,
                "baseline_max": b_range[1] if b_range else pd.NA,
                "baseline_basis": basis,
                "after_min": b_range[0] - reduced if b_range and reduced is not None else pd.NA,
                "after_max": b_range[1] - reduced if b_range and reduced is not None else pd.NA,
                "rate_min": rate[0],
                "rate_max": rate[1],
            }
        )
    out = pd.DataFrame.from_records(
        rows,
        index=figures.index,
        columns=[
            "figure_id",
            "reduced",
            "baseline_min",
            "baseline_max",
            "baseline_basis",
            "after_min",
            "after_max",
            "rate_min",
            "rate_max",
        ],
    )
    for name in ("reduced", "baseline_min", "baseline_max", "after_min", "after_max"):
        out[name] = pd.array(out[name].tolist(), dtype="Int64")
    for name in ("rate_min", "rate_max"):
        out[name] = pd.array(out[name].tolist(), dtype="Float64")
    out["baseline_basis"] = out["baseline_basis"].astype("string")
    return out


# --------------------------------------------------------------------------- structure
_PHASE_ALL = re.compile(r"cả\s*(2|hai)\s*giai\s*đoạn|tính\s*chung|toàn\s*bộ|both|all|tổng", re.I)
_PHASE_N = re.compile(r"(?:giai\s*đoạn|gđ|phase)\s*(\d)", re.I)
_PART_OF = re.compile(r"(?:part[_ ]of|thuộc)\s*[:=]?\s*([A-Za-z0-9][\w.\-]*)", re.I)
_TRONG_DO = re.compile(r"trong\s+đó|of\s+which", re.I)


def phase_key(phase: object) -> str | None:
    """Normalise a phase as written: ``"1"``, ``"2"``, ``"all"`` or None.

    Examples
    --------
    >>> phase_key("giai đoạn 1"), phase_key("cả 2 giai đoạn"), phase_key("GĐ2"), phase_key(None)
    ('1', 'all', '2', None)
    """
    if phase is None or pd.isna(phase) or not str(phase).strip():
        return None
    text = str(phase).strip()
    if _PHASE_ALL.search(text):
        return "all"
    match = _PHASE_N.search(text)
    if match and match.group(1) in ("1", "2"):
        return match.group(1)
    return None


def _levels(level: object) -> frozenset[str]:
    if level is None or pd.isna(level):
        return frozenset()
    return frozenset(x.strip() for x in str(level).split("+") if x.strip())


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def figure_parts(figures: pd.DataFrame) -> pd.DataFrame:
    """Find figures that are parts ("trong đó") of another figure.

    Three rules, tried in this order for every figure:

    1. **note**: the ``note`` names the total, ``part_of=ID`` / ``part of ID`` /
       ``thuộc ID`` (``rule = "note"``); or says "trong đó" / "of which" without an id, and
       exactly one other figure of the same source, jurisdiction and category has no such
       note (``"note"``).
    2. **phase**: same source, jurisdiction, category and level; phase ``giai đoạn 1`` or
       ``giai đoạn 2`` is a part of the ``cả 2 giai đoạn`` figure (``"phase"``).
    3. **level**: same source, jurisdiction, category, phase and status; a figure whose
       levels (``tinh``, ``huyen`` …) are a strict subset of another's (``tinh+huyen``) is
       a part of it (``"level"``).

    Returns
    -------
    DataFrame
        ``part_id``, ``total_id``, ``rule`` and ``complete`` (True when the parts found
        for that total and rule cover it entirely: both phases, or levels whose union is
        the total's, so their sum must equal the total).
    """
    columns = ["part_id", "total_id", "rule", "complete"]
    if figures.empty:
        return pd.DataFrame(columns=columns)
    figs = figures.reset_index(drop=True)
    ids = [_text(x) for x in figs["figure_id"]]

    n = len(figs)
    text = {
        name: [_text(v) for v in figs[name]] if name in figs.columns else [""] * n
        for name in ("source_id", "jurisdiction", "category", "level", "phase", "status", "note")
    }
    phases = [phase_key(p) for p in text["phase"]]
    levels = [_levels(x) for x in text["level"]]
    position = {figure_id: i for i, figure_id in enumerate(ids)}
    buckets: dict[tuple[str, str, str], list[int]] = {}
    for i in range(n):
        key = (text["source_id"][i], text["jurisdiction"][i], text["category"][i])
        buckets.setdefault(key, []).append(i)
    same = [
        buckets[(text["source_id"][i], text["jurisdiction"][i], text["category"][i])]
        for i in range(n)
    ]
    marked = [bool(_TRONG_DO.search(note)) for note in text["note"]]
    links: list[tuple[int, int, str]] = []
    assigned: set[int] = set()
    for i in range(n):
        named = _PART_OF.search(text["note"][i])
        if named and named.group(1) in position and named.group(1) != ids[i]:
            links.append((i, position[named.group(1)], "note"))
            assigned.add(i)
        elif marked[i]:
            others = [j for j in same[i] if j != i and not marked[j]]
            if len(others) == 1:
                links.append((i, others[0], "note"))
                assigned.add(i)
    for i in range(n):
        if i in assigned or phases[i] not in ("1", "2"):
            continue
        totals = [j for j in same[i] if text["level"][j] == text["level"][i] and phases[j] == "all"]
        if len(totals) == 1:
            links.append((i, totals[0], "phase"))
            assigned.add(i)
    for i in range(n):
        if i in assigned or not levels[i]:
            continue
        totals = [
            j
            for j in same[i]
            if text["phase"][j] == text["phase"][i]
            and text["status"][j] == text["status"][i]
            and levels[i] < levels[j]
        ]
        totals.sort(key=lambda j: len(levels[j]))
        if totals:
            links.append((i, totals[0], "level"))
    records = []
    family: dict[tuple[int, str], list[int]] = {}
    for part, total, rule in links:
        family.setdefault((total, rule), []).append(part)
    for part, total, rule in links:
        siblings = family[(total, rule)]
        if rule == "phase":
            complete = {phases[p] for p in siblings} == {"1", "2"}
        elif rule == "level":
            union = frozenset().union(*(levels[p] for p in siblings))
            complete = union == levels[total]
        else:
            complete = False
        records.append(
            {"part_id": ids[part], "total_id": ids[total], "rule": rule, "complete": complete}
        )
    return pd.DataFrame.from_records(records, columns=columns)


# --------------------------------------------------------------------------- aggregates
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

    Returns
    -------
    DataFrame
        The ``by`` columns, then ``figures``, ``jurisdictions``, ``reduced``,
        ``reduced_with_baseline``, ``baseline_min``, ``baseline_max``, ``after_min``,
        ``after_max``, ``rate_min``, ``rate_max``, ``without_baseline``, ``percent_only``.

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
        "reduced_with_baseline",
        "baseline_min",
        "baseline_max",
        "after_min",
        "after_max",
        "rate_min",
        "rate_max",
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
    smaller rank). Parts of other figures are left out. When more than one figure per
    jurisdiction remains (different periods, levels), all are ranked and
    ``periods_differ`` says so: filter first.

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
    rates = []
    for fig, known in zip(selected.to_dict("records"), counts.to_dict("records"), strict=True):
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
        f"{_text(s)}–{_text(e)}"
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


# --------------------------------------------------------------------------- sector tables
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
                head["level"]: _text(fig["level"]),
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
                    _text(fig["status"]), _text(fig["status"])
                ),
                head["source"]: _text(fig["source_id"]),
            }
        )
    return pd.DataFrame.from_records(rows, columns=list(head.values()))
