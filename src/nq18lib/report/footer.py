"""The provenance section that ends every report: parameters, data hashes, versions, commit.

Built on :mod:`nq18lib.provenance`, so the footer of a report and the run manifest say
the same thing. :func:`provenance_tables` returns the tables; :func:`show_provenance`
displays them under a heading and registers them with the report's
:class:`~nq18lib.report.tables.ReportTables` so the workbook carries them too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from nq18lib.paths import FIGURES_DIR, REFERENCE_DIR, SOURCES_FILE
from nq18lib.provenance import data_hashes, git_commit, package_versions, utc_now
from nq18lib.reference.vocabulary import check_lang, label


def input_files(data_path: str | os.PathLike | Iterable | None = None) -> list[Path]:
    """Return the files a report reads: the figures, the sources registry, the reference data.

    ``data_path`` is the figures file or folder the report was given (empty or None means
    ``data/figures``).
    """
    if data_path is None or data_path == "":
        paths = [FIGURES_DIR]
    elif isinstance(data_path, (str, os.PathLike)):
        paths = [Path(data_path)]
    else:
        paths = [Path(p) for p in data_path]
    extra = [SOURCES_FILE, REFERENCE_DIR]
    return [p for p in [*paths, *extra] if Path(p).exists()]


def provenance_tables(
    parameters: Mapping[str, object],
    data_path: str | os.PathLike | Iterable | None = None,
    lang: str = "vi",
) -> dict[str, pd.DataFrame]:
    """Return the provenance of a report as three tables.

    ``parameters`` (item/value: every parameter, then the git commit and the time of the
    run), ``data`` (file/sha256) and ``packages`` (package/version).

    Examples
    --------
    >>> tables = provenance_tables({"province": "Hà Nam", "tables_path": ""}, lang="en")
    >>> tables["parameters"].iloc[0].tolist()
    ['province', 'Hà Nam']
    >>> tables["parameters"].iloc[1].tolist()
    ['tables_path', '(empty)']
    >>> sorted(tables)
    ['data', 'packages', 'parameters']
    """
    check_lang(lang)
    items = [
        (name, label("prov.empty", lang) if value == "" else str(value))
        for name, value in parameters.items()
    ]
    items.append((label("prov.commit", lang), git_commit() or label("prov.unknown", lang)))
    items.append((label("prov.time", lang), utc_now()))
    hashes = data_hashes(input_files(data_path))
    return {
        "parameters": pd.DataFrame(items, columns=["item", "value"]),
        "data": pd.DataFrame(list(hashes.items()), columns=["file", "sha256"]),
        "packages": pd.DataFrame(list(package_versions().items()), columns=["package", "version"]),
    }


def show_provenance(
    parameters: Mapping[str, object],
    data_path: str | os.PathLike | Iterable | None = None,
    lang: str = "vi",
    tables=None,
) -> None:
    """Display the provenance section (heading, sentence, three tables) in a notebook.

    Parameters
    ----------
    parameters : mapping
        The report's parameters, name to value.
    data_path : path, optional
        The figures file or folder the report read.
    lang : {"vi", "en"}
        The reader's language.
    tables : ReportTables, optional
        When given, the three tables are also kept for the report's workbook.
    """
    from IPython.display import HTML, Markdown, display

    from nq18lib.report.tables import ReportTables, table_html

    found = provenance_tables(parameters, data_path, lang)
    display(Markdown(f"## {label('heading.provenance', lang)}"))
    display(Markdown(label("text.provenance_intro", lang)))
    captions = {
        "parameters": label("prov.parameters", lang),
        "data": label("prov.data", lang),
        "packages": label("prov.packages", lang),
    }
    collector = tables if isinstance(tables, ReportTables) else None
    for name, frame in found.items():
        display(HTML(table_html(frame, lang, captions[name])))
        if collector is not None:
            collector.add(f"provenance_{name}", frame, captions[name])
