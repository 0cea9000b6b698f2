"""The sources registry (``data/sources.csv``): where each figure was published.

Reports name the source of every figure (charts in their hover text, tables in a
column); this module reads the registry and words a source for readers.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from nq18lib.dataset.figurecache import cached_by_content
from nq18lib.dataset.rawtable import check_tables
from nq18lib.exceptions import DataError
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
