"""Selecting the figures a report covers, from its parameters.

A report notebook receives its choices as papermill parameters (province, sector,
status, phase, category); :func:`select_figures` turns them into a subset of the
figures and refuses a value it does not know with a
:class:`~nq18lib.exceptions.ParameterError` that names the allowed values.
"""

from __future__ import annotations

import pandas as pd

from nq18lib.dataset.comparison import MIN_RANKED, comparison_panel, has_rate, is_part
from nq18lib.exceptions import ParameterError
from nq18lib.reference.taxonomy import category_codes, sector_codes

STATUS_CHOICES = ("all", "result", "plan", "partly_projected")


def check_sector(sector: str) -> str:
    """Return ``sector`` when it is a sector code, else raise :class:`ParameterError`.

    Examples
    --------
    >>> check_sector("staffing")
    'staffing'
    >>> check_sector("army")
    Traceback (most recent call last):
    ...
    nq18lib.exceptions.ParameterError: unknown sector 'army'; expected one of: party, ...
    """
    codes = sector_codes(with_other=True)
    if sector not in codes:
        raise ParameterError(f"unknown sector {sector!r}; expected one of: {', '.join(codes)}")
    return sector


def check_category(category: str) -> str:
    """Return ``category`` when it is a category code, else raise :class:`ParameterError`."""
    codes = category_codes()
    if category not in codes:
        raise ParameterError(f"unknown category {category!r}; expected one of: {', '.join(codes)}")
    return category


def check_status(status: str) -> str:
    """Return ``status`` when it is all, result or plan, else raise :class:`ParameterError`."""
    if status not in STATUS_CHOICES:
        raise ParameterError(
            f"unknown status {status!r}; expected one of: {', '.join(STATUS_CHOICES)}"
        )
    return status


def select_figures(
    figures: pd.DataFrame,
    *,
    province: str = "",
    sector: str = "",
    category: str = "",
    status: str = "all",
    phase: str = "",
) -> pd.DataFrame:
    """Return the figures matching every non-empty choice, in taxonomy order.

    Parameters
    ----------
    figures : DataFrame
        Figures as returned by :func:`nq18lib.load_figures`.
    province : str
        Jurisdiction as written in the data ("Hà Nam"); empty keeps every jurisdiction.
    sector : str
        A sector code; empty keeps every sector.
    category : str
        A category code; empty keeps every category.
    status : {"all", "result", "plan"}
        Achieved figures, planned ones, or both.
    phase : str
        Phase as written in the data ("giai đoạn 1"); empty keeps every phase.

    Raises
    ------
    ParameterError
        For an unknown sector, category or status.
    """
    from nq18lib.reference.taxonomy import categories_of

    check_status(status)
    keep = pd.Series(True, index=figures.index)
    if province:
        keep &= in_province(figures, province)
    if sector:
        keep &= figures["category"].isin(categories_of(check_sector(sector)))
    if category:
        keep &= figures["category"] == check_category(category)
    if status != "all":
        keep &= figures["status"] == status
    if phase:
        keep &= figures["phase"].fillna("").str.strip() == phase.strip()
    selected = figures[keep.fillna(False).astype(bool)]
    return sort_figures(selected)


def sort_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Return the figures in taxonomy order, then by jurisdiction and id."""
    order = {code: i for i, code in enumerate(category_codes())}
    key = figures["category"].map(order).fillna(len(order))
    return (
        figures.assign(_order=key)
        .sort_values(["_order", "jurisdiction", "figure_id"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
        .pipe(_keep_attrs, figures)
    )


def _keep_attrs(frame: pd.DataFrame, original: pd.DataFrame) -> pd.DataFrame:
    frame.attrs = dict(original.attrs)
    return frame


def in_province(figures: pd.DataFrame, province: str) -> pd.Series:
    """Return which figures belong to a province, by its code however its name is written.

    "Hà Nam", "Ha Nam" and "tỉnh Hà Nam" are one province (code 35): a report of one of
    them holds the figures of all three. The country and central bodies (code 00) are told
    apart by their names.
    """
    from nq18lib.reference.provinces import NATIONAL_CODE, find_province

    written = figures["jurisdiction"].fillna("").astype(str).str.strip()
    found = find_province(province)
    if found is None or found.code == NATIONAL_CODE or "province_code" not in figures:
        return written == province.strip()
    codes = figures["province_code"].fillna("").astype(str).str.strip().str.zfill(2)
    return (codes == found.code) | (written == province.strip())


def _canonical_names(figures: pd.DataFrame) -> pd.Series:
    """One name per province (its reference name); code 00 keeps the name as written."""
    from nq18lib.reference.provinces import NATIONAL_CODE, province_by_code

    written = figures["jurisdiction"].fillna("").astype(str)
    if "province_code" not in figures:
        return written
    codes = figures["province_code"].fillna("").astype(str).str.strip()
    names = {}
    for code in codes.unique().tolist():
        found = province_by_code(code) if code and code != NATIONAL_CODE else None
        names[code] = found.name if found is not None else None
    canonical = codes.map(names)
    return canonical.where(canonical.notna(), written)


def other_jurisdictions(figures: pd.DataFrame, province: str, categories: list[str]) -> list[str]:
    """Return the jurisdictions other than ``province`` with figures in ``categories``."""
    rows = figures[figures["category"].isin(categories) & ~in_province(figures, province)]
    names = _canonical_names(rows[rows["jurisdiction"].notna()]).unique().tolist()
    return sorted(n for n in names if n)


def comparable_figures(
    figures: pd.DataFrame,
    province: str,
    *,
    sector: str = "",
    category: str = "",
    status: str = "all",
    phase: str = "",
) -> pd.DataFrame:
    """Return figures of every jurisdiction in the categories where ``province`` has company.

    Only comparison groups (:func:`comparable_groups`: same category, scope and status, at
    least :data:`MIN_RANKED` figures with a rate) in which ``province`` and another
    jurisdiction both have a figure are kept, so an empty result means there is nothing to
    compare with.
    """
    pool = comparable_groups(
        select_figures(figures, sector=sector, category=category, status=status, phase=phase)
    )
    mine = in_province(pool, province)
    own = set(pool.loc[mine, "_panel"])
    shared = set(pool.loc[~mine, "_panel"]) & own
    return pool[pool["_panel"].isin(shared)].reset_index(drop=True)


def like_with_like(figures: pd.DataFrame) -> pd.DataFrame:
    """Return the figures that may stand side by side, each with its comparison group.

    Parts of a total (``part_of``) are left out, so they are never peers of their totals;
    the column ``_panel`` groups figures of the same category, scope and status (a result is
    compared with results, a plan with plans, a partly projected figure with its kind):
    :func:`nq18lib.dataset.comparison.comparison_panel`.

    Examples
    --------
    >>> frame = pd.DataFrame({"figure_id": ["a", "b", "c"], "jurisdiction": ["X", "Y", "X"],
    ...     "category": "civil_servant", "status": ["result", "plan", "result"],
    ...     "scope": ["provincial", "provincial", "provincial"], "part_of": ["", "", "a"]})
    >>> like_with_like(frame)["_panel"].tolist()
    ['civil_servant|provincial|result', 'civil_servant|provincial|plan']
    """
    data = figures[~is_part(figures)]
    return (
        data.assign(_panel=comparison_panel(data)).reset_index(drop=True).pipe(_keep_attrs, figures)
    )


def comparable_groups(figures: pd.DataFrame) -> pd.DataFrame:
    """Return the figures of the comparison groups that hold enough to compare.

    A group (:func:`like_with_like`) is kept when at least :data:`MIN_RANKED` of its
    figures give a rate and they come from more than one jurisdiction; figures without a
    rate are left out (there is nothing to set beside the others).

    Examples
    --------
    >>> frame = pd.DataFrame({"figure_id": list("abcd"), "jurisdiction": list("XYZX"),
    ...     "category": "civil_servant", "status": ["result"] * 3 + ["plan"],
    ...     "percent": [10.0, 11.0, 12.0, 13.0]})
    >>> comparable_groups(frame)["figure_id"].tolist()
    ['a', 'b', 'c']
    """
    data = figures if "_panel" in figures.columns else like_with_like(figures)
    data = data[has_rate(data)]
    keep = [
        panel
        for panel, part in data.groupby("_panel", sort=False)
        if len(part) >= MIN_RANKED and part["jurisdiction"].nunique() > 1
    ]
    return data[data["_panel"].isin(keep)].reset_index(drop=True).pipe(_keep_attrs, figures)


def ranked_group(figures: pd.DataFrame) -> pd.DataFrame:
    """Return the largest comparison group (:func:`like_with_like`) when it can be ranked.

    Empty when no group holds :data:`MIN_RANKED` figures or more.
    """
    data = comparable_groups(figures)
    if data.empty:
        return data
    sizes = data["_panel"].value_counts()
    if int(sizes.iloc[0]) < MIN_RANKED:
        return data.iloc[0:0]
    return data[data["_panel"] == sizes.index[0]].reset_index(drop=True)
