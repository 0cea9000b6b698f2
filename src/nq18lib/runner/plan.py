"""Planning a run: the grid checked against notebooks and data, and what to do per report.

Before any kernel starts, :func:`plan_run` reads the registry and the grid file, hashes every
input, validates the data when it changed (:func:`data_provinces`,
:func:`nq18lib.dataset.rawtable.check_tables`),
checks every parameter (:func:`nq18lib.runner.grid.check_parameters`) and decides for each report:
``build``, ``pdf`` (print only) or ``skip`` (its key is unchanged).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from nq18lib.exceptions import ParameterError
from nq18lib.paths import (
    DATA_DIR,
    REFERENCE_DIR,
    SOURCES_FILE,
    display_path,
    project_relative,
)
from nq18lib.runner import grid, manifest

RETRIED_STATUSES = frozenset({"crashed"})
"""Statuses rebuilt even when nothing changed (a dead kernel or worker is not the notebook's
fault); a notebook that raised or timed out is rebuilt only when its inputs change or with
``--force``."""


@dataclass
class RunOptions:
    """What to build and how; the fields mirror the options of ``nq18 run``."""

    provinces: Sequence[str] | None = None
    kinds: Sequence[str] | None = None
    langs: Sequence[str] | None = None
    grid_file: str | os.PathLike | None = None
    jobs: int | None = None
    force: bool = False
    pdf: bool = True
    browser: str | None = None
    timeout: float = 600.0
    data: str | os.PathLike | None = None
    out: str | os.PathLike | None = None
    registry: str | os.PathLike | None = None
    progress: bool | None = None
    """A rich progress bar (True), plain log lines (False), or the bar on a terminal (None)."""
    reuse_kernel: bool = True
    """One kernel per worker for all its reports (namespace reset between reports)."""
    data_reader: DataReader | None = None
    """Lists and reads the figure tables (the runner knows files, not figures); the public
    :func:`nq18lib.run_reports` and ``nq18 run`` hand over :data:`nq18lib.dataset.READER`."""


class DataReader(Protocol):
    """What the runner asks of the dataset stage: which files, and which provinces."""

    def figure_files(self, folder: Path) -> list[Path]:
        """Return the figure tables in a folder."""

    def jurisdictions(self, figures: Sequence[Path], others: Sequence[Path]) -> list[str]:
        """Validate the figure tables (and check the other tables); return the provinces.

        Raises :class:`~nq18lib.exceptions.DataError` when a file breaks the contract.
        """

    def sector_counts(self, figures: Sequence[Path]) -> dict[str, dict[str, int]]:
        """Return each jurisdiction's number of figures by sector (what its data supports)."""

    def comparable_statuses(self, figures: Sequence[Path]) -> dict[str, list[str]]:
        """Return ``{category: [statuses]}`` where the data holds figures to compare."""


@dataclass
class Planned:
    """A report of the grid and what the run will do with it: build, pdf or skip."""

    spec: grid.ReportSpec
    key: str
    inputs: dict[str, str]
    action: str
    order: int = 0
    """Position of the report's kind in the registry (the index lists kinds in this order)."""


def _data_files(
    data: str | os.PathLike | None, reader: DataReader
) -> tuple[list[Path], list[Path]]:
    """Return (figure tables, every data file a notebook reads)."""
    figures: list[Path] = []
    for path in [Path(data)] if data else [DATA_DIR / "figures"]:
        if path.is_dir():
            figures.extend(reader.figure_files(path))
        elif path.is_file():
            figures.append(path)
        else:
            raise ParameterError(f"--data: {path} does not exist")
    reference = sorted(p for p in REFERENCE_DIR.glob("*") if p.is_file())
    extra = [SOURCES_FILE] if SOURCES_FILE.is_file() else []
    return figures, figures + extra + reference


def data_provinces(
    figures: Sequence[Path],
    data_sha: str,
    record: dict[str, Any],
    tables: Sequence[Path] = (),
    reader: DataReader | None = None,
) -> list[str]:
    """Return the provinces present in the figures, validating them when they changed.

    ``record`` is the manifest's ``data`` entry: when its hash matches, the provinces found
    last time are returned without reading the files; otherwise ``reader`` validates the
    figures and checks the other ``tables``, and the record is updated.

    Raises
    ------
    DataError
        When a figures file breaks the data contract or another table is malformed.
    """
    if record.get("sha") == data_sha and {"provinces", "sectors", "comparable"} <= set(record):
        return list(record["provinces"])
    if reader is None:
        raise ParameterError("RunOptions.data_reader is needed to read the figures")
    provinces = reader.jurisdictions(list(figures), list(tables))
    counts = reader.sector_counts(list(figures)) if hasattr(reader, "sector_counts") else None
    comparable = (
        reader.comparable_statuses(list(figures))
        if hasattr(reader, "comparable_statuses")
        else None
    )
    record.clear()
    record.update(
        {"sha": data_sha, "provinces": provinces, "sectors": counts, "comparable": comparable}
    )
    return provinces


def _notebook_parameters(
    notebooks: Sequence[Path], record: dict[str, Any]
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Return each notebook's declared parameters and its hash (cached by hash)."""
    declared, shas = {}, {}
    for notebook in notebooks:
        sha = manifest.file_sha256(notebook)
        cached = record.get(display_path(notebook))
        if not cached or cached.get("sha") != sha:
            cached = {"sha": sha, "parameters": grid.inspect_parameters(notebook)}
            record[display_path(notebook)] = cached
        declared[str(notebook)] = cached["parameters"]
        shas[str(notebook)] = sha
    return declared, shas


def plan_run(
    options: RunOptions, state: dict[str, Any], reports_dir: Path, warn: Any = print
) -> list[Planned]:
    """Expand and check the grid, and decide for each report: build, pdf (print only) or skip.

    Raises
    ------
    ParameterError, DataError
        Before any kernel starts, when a parameter or a data file is wrong.
    """
    axes = grid.read_grid_file(options.grid_file) if options.grid_file else {}
    registry = grid.load_registry(options.registry)
    kinds = list(options.kinds or axes.get("kinds") or registry)
    unknown = [k for k in kinds if k not in registry]
    if unknown:
        raise ParameterError(
            f"unknown report kind: {', '.join(unknown)} (known: {', '.join(registry)})"
        )
    present = []
    for kind in dict.fromkeys(kinds):
        if registry[kind].notebook.is_file():
            present.append(kind)
        else:
            warn(
                f"nq18: warning: skipping {kind}: {display_path(registry[kind].notebook)} not found"
            )
    if not present:
        raise ParameterError("none of the requested report kinds has a notebook")
    langs = list(dict.fromkeys(options.langs or axes.get("langs") or ["vi"]))
    bad = [lang for lang in langs if lang not in grid.LANGS]
    if bad:
        raise ParameterError(f"unknown language: {', '.join(bad)} (use vi or en)")

    if options.data_reader is None:
        raise ParameterError("RunOptions.data_reader is needed to read the figures")
    figures, data_files = _data_files(options.data, options.data_reader)
    hashes = {project_relative(p): manifest.file_sha256(p) for p in data_files}
    data_sha = manifest.text_sha256(repr(sorted(hashes.items())))
    others = [p for p in data_files if p not in figures]
    known = data_provinces(
        figures, data_sha, state.setdefault("data", {}), others, options.data_reader
    )
    if not known:
        raise ParameterError("the data has no province (only national figures or no rows)")
    supported = state["data"].get("sectors")
    # the country and the ministries (code 00) get their own reports, listed apart
    national = [name for name in supported or {} if name not in known]
    known = [*known, *national]
    requested = options.provinces or axes.get("provinces")
    provinces = grid.match_provinces(requested, known) if requested else known

    notebooks = sorted({registry[k].notebook for k in present})
    declared, shas = _notebook_parameters(notebooks, state.setdefault("notebooks", {}))
    data_path = project_relative(options.data) if options.data else ""
    grid_specs = grid.expand_grid(
        registry, declared, provinces, present, langs, data_path, reports_dir
    )
    specs = grid_specs
    if supported is not None:
        specs = grid.supported_reports(specs, supported, state["data"].get("comparable"))
    kept = {spec.report_id for spec in specs}
    dropped = [spec for spec in grid_specs if spec.report_id not in kept]
    published = published_reports(state, reports_dir) - {spec.report_id for spec in dropped}
    specs = grid.link_siblings(specs, declared, published)
    source_sha = manifest.library_source_hash()
    grid.check_parameters(
        specs,
        declared,
        {
            "province": known,
            "lang": grid.LANGS,
            "sector": _sector_codes(state["data"], source_sha),
        },
    )

    withdraw_reports(dropped, state, reports_dir)

    from nq18lib import __version__

    entries = state.setdefault("reports", {})
    planned = []
    for spec in specs:
        notebook = str(spec.kind.notebook)
        inputs = {display_path(spec.kind.notebook): shas[notebook], **hashes}
        key = manifest.report_key(shas[notebook], spec.parameters, inputs, __version__, source_sha)
        action = _action(entries.get(spec.report_id), key, options, reports_dir)
        planned.append(
            Planned(spec, key, inputs, action, order=list(registry).index(spec.kind.name))
        )
    return planned


def _sector_codes(record: dict[str, Any], source_sha: str) -> list[str]:
    """Return the taxonomy's sector codes, kept in the data record.

    The record's hash covers the reference tables, and the codes are kept with the hash of
    the code that read them: a run with nothing to rebuild does not import pandas to read
    the taxonomy.
    """
    kept = record.get("sector_codes")
    if isinstance(kept, dict) and kept.get("source") == source_sha:
        return list(kept["codes"])
    from nq18lib.reference.taxonomy import sector_codes

    codes = sector_codes(with_other=True)
    record["sector_codes"] = {"source": source_sha, "codes": codes}
    return codes


def published_reports(state: dict[str, Any], reports_dir: Path) -> set[str]:
    """Return the ids of the reports an earlier run built and that are still on disk."""
    return {
        rid
        for rid, entry in state.get("reports", {}).items()
        if isinstance(entry, dict)
        and entry.get("status") == "ok"
        and entry.get("html")
        and (reports_dir / str(entry["html"])).is_file()
    }


WITHDRAWN_SUFFIXES = (".html", ".pdf", ".xlsx", ".ipynb", ".failed.html", ".failed.ipynb")
"""The outputs of a report that is no longer published."""


def withdraw_reports(
    specs: Sequence[grid.ReportSpec], state: dict[str, Any], reports_dir: Path
) -> list[str]:
    """Remove the outputs and manifest entries of reports the data no longer supports.

    A report built by an earlier run whose data has since lost every figure it showed (or
    whose comparison has fewer than three comparable figures) would otherwise stay on disk
    and in the index. Returns the ids of the reports removed.
    """
    entries = state.setdefault("reports", {})
    removed = []
    for spec in specs:
        outputs = [spec.output(reports_dir, suffix) for suffix in WITHDRAWN_SUFFIXES]
        if spec.report_id not in entries and not any(p.exists() for p in outputs):
            continue
        for path in outputs:
            path.unlink(missing_ok=True)
        entries.pop(spec.report_id, None)
        removed.append(spec.report_id)
    return removed


def _action(entry: dict[str, Any] | None, key: str, options: RunOptions, out: Path) -> str:
    """Build, print the PDF only, or skip: "up to date" only when the outputs are intact.

    The HTML (and the workbook, when one was recorded) must be there with the size and
    hash the manifest recorded; a truncated or replaced file, or one written by a run that
    died before recording it, makes the report stale.
    """
    built = ["html"]
    if isinstance(entry, dict) and entry.get("xlsx"):
        built.append("xlsx")
    if (
        options.force
        or not isinstance(entry, dict)
        or entry.get("key") != key
        or entry.get("status") in RETRIED_STATUSES
        or not manifest.outputs_intact(out, entry, built)
    ):
        return "build"
    if (
        options.pdf
        and entry.get("status") == "ok"
        and (entry.get("pdf_key") != key or not manifest.outputs_intact(out, entry, ["pdf"]))
    ):
        return "pdf"
    return "skip"
