"""The data contract of a figures table: its columns, their kinds, and what makes a duplicate.

Every column is described in ``data/README.md``; this module is the one place code reads
them from.
"""

from __future__ import annotations

from dataclasses import dataclass

from nq18lib.reference.bounds import QUALIFIERS


@dataclass(frozen=True)
class Column:
    """One column of the data contract."""

    name: str
    kind: str  # "str", "count", "decimal", "period"
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("figure_id", "str", required=True),
    Column("source_id", "str", required=True),
    Column("jurisdiction", "str", required=True),
    Column("province_code", "str", required=True),
    Column("category", "str", required=True),
    Column("level", "str"),
    Column("reduced", "count"),
    Column("percent", "decimal"),
    Column("numerator", "count"),
    Column("denominator", "count"),
    Column("baseline", "count"),
    Column("after", "count"),
    Column("period_start", "period"),
    Column("period_end", "period"),
    Column("phase", "str"),
    Column("status", "str", required=True),
    Column("round", "str"),
    Column("scope", "str"),
    Column("part_of", "str"),
    Column("unit", "str"),
    Column("bound", "str"),
    Column("location", "str"),
    Column("note", "str"),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
EXTENSION_COLUMNS = ("round", "scope", "part_of", "unit", "bound")
"""The optional columns added by the contract extension (issue 12; ``bound`` after it, design
change 23); files without them load."""
COUNT_COLUMNS = tuple(c.name for c in COLUMNS if c.kind == "count")
REQUIRED_COLUMNS = tuple(c.name for c in COLUMNS if c.required)
STATUSES = ("result", "plan", "partly_projected")
"""Achieved; planned or projected ("dự kiến"); an achieved part plus a projected part."""

BOUNDS = QUALIFIERS
"""A number written with a qualifier: ``at_least`` (hơn, trên, more than), ``at_most`` (gần,
nearly), ``about`` (khoảng, approximately); empty is exact. The cell is a bare qualifier (of the
headline number: reduced, else percent, else numerator) or ``<column>:<qualifier>`` items
separated by ``;`` — see :mod:`nq18lib.reference.bounds`."""

ROUNDS = ("2017-2021", "2023-2025", "2025")
"""The reform rounds: the first NQ 18 round (with the 2019–2021 commune mergers), the
2023–2025 commune mergers, and the 2025 restructuring (63 → 34 provinces, no districts)."""

SCOPES = ("central", "provincial", "district", "commune", "village")
"""The bodies or levels a count covers; a figure may combine them with ``+``."""

DUPLICATE_KEY = (
    "source_id",
    "province_code",
    "category",
    "level",
    "period_start",
    "period_end",
    "phase",
    "status",
    "scope",
)
"""Rows that agree here may report the same figure; see :data:`DUPLICATE_ANCHOR`."""

DUPLICATE_ANCHOR = ("reduced", "percent", "numerator", "denominator", "baseline", "after")
"""What else two rows must share to be the same figure.

Two rows with the same :data:`DUPLICATE_KEY` report the same figure when they stand at the
same ``location`` of the source, or, when one of them has no location, when they give the
same numbers (these columns). A source often gives a total and its parts ("106 units, of
which 14 in health, 49 in education …"): all have the same key, but neither the same place
nor the same numbers, and each is a figure of its own. For the catch-all category
``other`` the ``unit`` (what is counted; the ``note`` when no unit is given) must agree too.
"""
