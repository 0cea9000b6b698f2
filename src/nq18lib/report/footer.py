"""The provenance section that ends every report: parameters, data hashes, versions, commit.

Built on :mod:`nq18lib.provenance`, so the footer of a report and the run manifest say
the same thing. :func:`provenance_tables` returns the tables; :func:`show_provenance`
displays them under a heading and registers them with the report's
:class:`~nq18lib.report.tables.ReportTables` so the workbook carries them too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import UTC
from pathlib import Path

import pandas as pd

from nq18lib.paths import FIGURES_DIR, REFERENCE_DIR, SOURCES_FILE
from nq18lib.provenance import data_hashes, git_commit, package_versions, utc_now
from nq18lib.reference.vocabulary import LABELS, check_lang, label, value_label

LOCAL_UTC_OFFSET_HOURS = 7
"""Viet Nam's time zone (UTC+7, no daylight saving): report times are written in it."""


def local_time(iso: str, lang: str = "vi") -> str:
    """Write an ISO UTC time in Viet Nam's local time, the reader's way.

    Examples
    --------
    >>> local_time("2026-12-01T21:54:48+00:00"), local_time("2026-12-01T21:54:48+00:00", "en")
    ('04:54 ngày 02/12/2026 (giờ Việt Nam)', '02/12/2026 04:54 (Viet Nam time)')
    """
    from datetime import datetime, timedelta, timezone

    try:
        moment = datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return str(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    here = moment.astimezone(timezone(timedelta(hours=LOCAL_UTC_OFFSET_HOURS)))
    if lang == "vi":
        from nq18lib.report.keypoints import format_date

        day = format_date(here.date().isoformat(), "vi")
        return here.strftime("%H:%M ngày ") + day + " (giờ Việt Nam)"
    return here.strftime("%d/%m/%Y %H:%M") + " (Viet Nam time)"


def relative_path(path: object) -> str:
    """Return a path as the reader may see it: inside the project relative, else its name.

    A published page never carries a build path (``/home/…``, ``/tmp/…``).

    Examples
    --------
    >>> relative_path("data/figures/a.csv"), relative_path("/tmp/r13/ha-nam/overview.xlsx")
    ('data/figures/a.csv', 'overview.xlsx')
    >>> relative_path("../../tmp/r13/figures.csv")
    'figures.csv'
    """
    from nq18lib.paths import PROJECT_DIR

    text = str(path)
    if text.startswith("../"):  # outside the project: its name only
        return Path(text).name
    if not text or not Path(text).is_absolute():
        return text
    try:
        return Path(text).resolve().relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return Path(text).name


def parameter_words(name: str, value: object, lang: str = "vi") -> str:
    """Return a report parameter's value in words (codes named, paths relative).

    Examples
    --------
    >>> parameter_words("lang", "en", "vi"), parameter_words("status", "all", "en")
    ('Tiếng Anh', 'done and planned')
    >>> parameter_words("data_path", "", "en")
    'data/figures'
    """
    from nq18lib.reference.taxonomy import category_label, sector_label

    text = "" if value is None else str(value)
    if name == "data_path":
        return relative_path(text) or "data/figures"
    if name == "tables_path":
        return relative_path(text) or label("prov.empty", lang)
    if name == "lang":
        return value_label("lang", text, lang)
    if name == "status":
        return value_label("filter", text, lang)
    if name == "sector" and text:
        return sector_label(text, lang)
    if name == "category" and text:
        return category_label(text, lang)
    return text or label("prov.empty", lang)


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
    ['Province', 'Hà Nam']
    >>> tables["parameters"].iloc[1].tolist()
    ['Tables workbook', '(empty)']
    >>> sorted(tables)
    ['data', 'packages', 'parameters']
    """
    check_lang(lang)
    items = [
        (
            label(f"param.{name}", lang) if f"param.{name}" in LABELS else name,
            parameter_words(name, value, lang),
        )
        for name, value in parameters.items()
    ]
    items.append((label("prov.commit", lang), git_commit() or label("prov.unknown", lang)))
    items.append((label("prov.time", lang), local_time(utc_now(), lang)))
    hashes = {relative_path(k): v for k, v in data_hashes(input_files(data_path)).items()}
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
    display(Markdown(f"## {label('heading.appendix', lang)}"))
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
