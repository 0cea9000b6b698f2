"""The run manifest: what each report was built from, when, and how it went.

``reports/manifest.json`` holds, per report, its parameters, the hashes of every input
(notebook, data files, library source), the package versions and git commit it was built
with, its timings and its status. It is the basis of incremental runs: a report whose
:func:`report_key` is unchanged is not rebuilt. Every file is written atomically
(:func:`write_atomic`), so a killed run leaves the old manifest or the new one.

This module is light on purpose (standard library only): a run with nothing to rebuild
reads the manifest, hashes the inputs and stops, without importing papermill or nbconvert.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from nq18lib import paths
from nq18lib.paths import PACKAGE_DIR
from nq18lib.provenance import file_sha256

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1


def write_atomic(path: str | os.PathLike, content: str | bytes) -> Path:
    """Write a file through a temporary file in the same folder and a rename.

    Readers (and a run killed half-way) see the old file or the new one, never a part;
    see :func:`nq18lib.paths.write_atomic` (only regular files are replaced, 0644).
    """
    return paths.write_atomic(path, content)


def text_sha256(text: str) -> str:
    """Return the SHA-256 hex digest of a text encoded as UTF-8.

    Examples
    --------
    >>> text_sha256("Hà Nam")[:12]
    '0db34c9a3ba5'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_files(paths: Iterable[str | os.PathLike]) -> dict[str, str]:
    """Return ``{path: sha256}`` of files (keys as given, sorted)."""
    return {str(p): file_sha256(p) for p in sorted(map(str, paths))}


def library_source_hash(package_dir: str | os.PathLike = PACKAGE_DIR) -> str:
    """Return one hash of the library's Python sources and report templates.

    Every module at any depth and every template count: a change in any of them (a chart,
    the renderer …) makes every report stale.
    """
    package_dir = Path(package_dir)
    files = sorted(
        p
        for p in package_dir.rglob("*")
        if p.is_file() and (p.suffix == ".py" or "templates" in p.relative_to(package_dir).parts)
    )
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.relative_to(package_dir).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def report_key(
    notebook_sha: str,
    parameters: Mapping[str, Any],
    inputs: Mapping[str, str],
    version: str,
    source_sha: str,
) -> str:
    """Return the key of a report: it changes exactly when the report must be rebuilt.

    Parameters
    ----------
    notebook_sha : str
        Hash of the notebook file.
    parameters : mapping
        The papermill parameters.
    inputs : mapping
        ``{data file: sha256}`` of every data file the notebook reads.
    version, source_sha : str
        nq18lib's version and :func:`library_source_hash`.

    Examples
    --------
    >>> a = report_key("n", {"province": "Hà Nam"}, {"f.csv": "1"}, "0.1.0", "s")
    >>> a == report_key("n", {"province": "Hà Nam"}, {"f.csv": "1"}, "0.1.0", "s")
    True
    >>> a == report_key("n", {"province": "Hà Nam"}, {"f.csv": "2"}, "0.1.0", "s")
    False
    """
    payload = {
        "notebook": notebook_sha,
        "parameters": dict(sorted(parameters.items())),
        "inputs": dict(sorted(inputs.items())),
        "nq18lib": version,
        "source": source_sha,
    }
    return text_sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str))


def empty_manifest() -> dict[str, Any]:
    """Return a manifest with no report."""
    return {"format": MANIFEST_FORMAT, "data": {}, "notebooks": {}, "runs": [], "reports": {}}


def read_manifest(reports_dir: str | os.PathLike) -> dict[str, Any]:
    """Return ``reports/manifest.json``, or an empty manifest when it is absent or unreadable.

    An unreadable manifest only costs a full rebuild, so it is not an error.
    """
    path = Path(reports_dir) / MANIFEST_NAME
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return empty_manifest()
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        return empty_manifest()
    for name, value in empty_manifest().items():
        manifest.setdefault(name, value)
    return manifest


def write_manifest(reports_dir: str | os.PathLike, manifest: Mapping[str, Any]) -> Path:
    """Write ``reports/manifest.json`` atomically (UTF-8, Vietnamese letters as they are)."""
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    return write_atomic(Path(reports_dir) / MANIFEST_NAME, text + "\n")
