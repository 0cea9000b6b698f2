"""The sources registry (``data/sources.csv``): where each figure was published.

Reports name the source of every figure (charts in their hover text, tables in a
column); this module reads the registry and words a source for readers.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from nq18lib.dataset.figurecache import cached_by_content
from nq18lib.dataset.rawtable import check_tables
from nq18lib.exceptions import DataError, Problem
from nq18lib.paths import SOURCES_FILE

SOURCE_COLUMNS = (
    "source_id",
    "title",
    "publisher",
    "date",
    "url",
    "document",
    "place",
    "language",
    "quality",
    "note",
)

PUBLISHER_TAG = re.compile(r"\[([^\]]*)\]")
"""A tag in a publisher's name: ``[U]``, ``[aggregator]``, ``[mirror]``, ``[mirror: X]``,
``[from: X]`` (see :func:`publisher_tags`)."""
TAG_KINDS = ("aggregator", "mirror", "from")
"""Kinds of tag a publisher may carry besides ``[U]``; ``from`` needs a name."""


def publisher_tags(publisher: str) -> tuple[str, list[tuple[str, str]]]:
    """Split a registry publisher into its name and its tags, as ``(kind, name)`` pairs.

    The registry keeps a publisher's own name as it is (a proper name, its site) and says
    what else readers should know in tags, which reports word in the reader's language:
    ``[aggregator]`` (a site that gathers other publishers' articles), ``[mirror]`` or
    ``[mirror: Báo X]`` (a page republished, from Báo X when known), ``[from: TTXVN]``
    (an article the publisher credits to another). ``[U]`` (inferred) stays in the name.

    Raises
    ------
    ValueError
        For a tag of another kind, or ``from`` without a name.

    Examples
    --------
    >>> publisher_tags("vietnam.vn [mirror: Báo Thái Nguyên]")
    ('vietnam.vn', [('mirror', 'Báo Thái Nguyên')])
    >>> publisher_tags("Báo Hà Nam [U]")
    ('Báo Hà Nam [U]', [])
    """
    tags = []
    for match in PUBLISHER_TAG.finditer(publisher):
        body = match.group(1)
        if body == "U":
            continue
        kind, _, name = (part.strip() for part in body.partition(":"))
        if (
            kind not in TAG_KINDS
            or (kind == "from" and not name)
            or (kind == "aggregator" and name)
        ):
            raise ValueError(
                f"unknown tag [{body}] (tags: [U], [aggregator], [mirror], [mirror: name], "
                "[from: name])"
            )
        tags.append((kind, name))
    name = PUBLISHER_TAG.sub(lambda m: m.group(0) if m.group(1) == "U" else "", publisher)
    return " ".join(name.split()), tags


def _check_publishers(table: pd.DataFrame, path: Path) -> None:
    """Raise :class:`DataError` for publishers with tags of unknown kinds (row by row)."""
    problems = []
    for number, publisher in enumerate(table.get("publisher", []), start=2):
        try:
            publisher_tags(publisher)
        except ValueError as err:
            problems.append(Problem(str(path), number, "publisher", str(err)))
    if problems:
        raise DataError(problems)


@cached_by_content(lambda path: [Path(path) if path else SOURCES_FILE])
def load_sources(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Return the sources registry, one row per source, indexed by ``source_id``.

    A missing file gives an empty registry: reports then show the bare source id. The
    file is checked and parsed once per process while its contents are unchanged (each
    caller gets its own copy).
    """
    path = Path(path) if path else SOURCES_FILE
    if not path.is_file():
        return pd.DataFrame(columns=list(SOURCE_COLUMNS)).set_index("source_id")
    problems = check_tables([path])
    if problems:
        raise DataError(problems)
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table = table.reindex(columns=list(SOURCE_COLUMNS), fill_value="")
    _check_publishers(table, path)
    return table.drop_duplicates("source_id").set_index("source_id")


def source_name(source_id: object, sources: pd.DataFrame | None = None) -> str:
    """Return a short reader's name of a source: title (publisher, date), or the id.

    Examples
    --------
    >>> registry = pd.DataFrame(
    ...     {"title": ["Tin bài"], "publisher": ["Báo X"], "date": ["2024-12"]},
    ...     index=pd.Index(["x-1"], name="source_id"),
    ... )
    >>> source_name("x-1", registry)
    'Tin bài (Báo X, 2024-12)'
    >>> source_name("y-2", registry)
    'y-2'
    """
    key = "" if source_id is None or source_id is pd.NA else str(source_id)
    if sources is None:
        sources = load_sources()
    if key not in sources.index:
        return key
    row = sources.loc[key]
    title = str(row.get("title", "") or key)
    details = [str(row.get(c, "")) for c in ("publisher", "date") if str(row.get(c, ""))]
    return f"{title} ({', '.join(details)})" if details else title
