"""The structure of a table of figures: phases, and parts ("trong đó") of a total."""

from __future__ import annotations

import re

import pandas as pd

from nq18lib.frames import cell_text

PHASES = ("1", "2", "all")


_PHASE_ALL = re.compile(r"cả\s*(2|hai)\s*giai\s*đoạn|tính\s*chung|toàn\s*bộ|both|all|tổng", re.I)
_PHASE_N = re.compile(r"(?:giai\s*đoạn|gđ|phase)\s*(\d)", re.I)
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


def figure_parts(figures: pd.DataFrame) -> pd.DataFrame:
    """Find figures that are parts ("trong đó") of another figure.

    Four rules, tried in this order for every figure:

    1. **part_of**: the ``part_of`` column names the total's ``figure_id``
       (``rule = "part_of"``; the data contract's way, checked by the loader).
    2. **note**: without ``part_of``, the ``note`` says "trong đó" / "of which" and exactly
       one other figure of the same source, jurisdiction and category has no such note
       (``"note"``). The older ``part_of=ID`` inside the note is no longer read: it is the
       ``part_of`` column now.
    3. **phase**: same source, jurisdiction, category and level; phase ``giai đoạn 1`` or
       ``giai đoạn 2`` is a part of the ``cả 2 giai đoạn`` figure (``"phase"``).
    4. **level**: same source, jurisdiction, category, phase and status; a figure whose
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
    ids = [cell_text(x) for x in figs["figure_id"]]

    n = len(figs)
    text = {
        name: [cell_text(v) for v in figs[name]] if name in figs.columns else [""] * n
        for name in (
            "source_id",
            "jurisdiction",
            "category",
            "level",
            "phase",
            "status",
            "note",
            "part_of",
        )
    }
    phases = [phase_key(p) for p in text["phase"]]
    levels = [_levels(x) for x in text["level"]]
    position = {figure_id: i for i, figure_id in enumerate(ids)}
    marked = [bool(_TRONG_DO.search(note)) for note in text["note"]]
    # Indexes by key, so that every rule costs a lookup, not a scan of the bucket.
    bucket_of = [
        (text["source_id"][i], text["jurisdiction"][i], text["category"][i]) for i in range(n)
    ]
    unmarked: dict[tuple, list[int]] = {}
    phase_totals: dict[tuple, list[int]] = {}
    level_totals: dict[tuple, dict[frozenset, int]] = {}
    for i in range(n):
        if not marked[i]:
            unmarked.setdefault(bucket_of[i], []).append(i)
        if phases[i] == "all":
            phase_totals.setdefault((bucket_of[i], text["level"][i]), []).append(i)
        if levels[i]:
            key = (bucket_of[i], text["phase"][i], text["status"][i])
            level_totals.setdefault(key, {}).setdefault(levels[i], i)  # first of each level set
    links: list[tuple[int, int, str]] = []
    assigned: set[int] = set()
    for i in range(n):
        total = text["part_of"][i]
        if total:
            if total in position and total != ids[i]:
                links.append((i, position[total], "part_of"))
            assigned.add(i)  # a named total that is not loaded: no guessing either
        elif marked[i]:
            others = unmarked.get(bucket_of[i], [])
            if len(others) == 1:
                links.append((i, others[0], "note"))
                assigned.add(i)
    for i in range(n):
        if i in assigned or phases[i] not in ("1", "2"):
            continue
        totals = phase_totals.get((bucket_of[i], text["level"][i]), [])
        if len(totals) == 1:
            links.append((i, totals[0], "phase"))
            assigned.add(i)
    for i in range(n):
        if i in assigned or not levels[i]:
            continue
        sets = level_totals.get((bucket_of[i], text["phase"][i], text["status"][i]), {})
        totals = [j for level_set, j in sets.items() if levels[i] < level_set]
        if totals:  # the smallest strict superset; of equal size, the first in the table
            links.append((i, min(totals, key=lambda j: (len(levels[j]), j)), "level"))
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
