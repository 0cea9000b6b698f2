"""Provenance: what a report was built from (data hashes, package versions, git commit).

Used by the report footer and by the run manifest, so both say the same thing.
"""

from __future__ import annotations

import functools
import hashlib
import os
import platform
import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from nq18lib.paths import PROJECT_DIR, project_relative

STACK = (
    "nq18lib",
    "pandas",
    "plotly",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "jupytext",
)


def file_sha256(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    """Return the SHA-256 hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def data_hashes(paths: Iterable[str | os.PathLike]) -> dict[str, str]:
    """Return ``{path: sha256}`` for every file, folders expanded to the files inside."""
    result: dict[str, str] = {}
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            result[project_relative(file)] = file_sha256(file)
    return result


def package_versions(names: Iterable[str] = STACK) -> dict[str, str]:
    """Return the installed version of each package (``"absent"`` when not installed).

    Read once per process: the packages a process has imported keep their version for its
    whole life, whatever is installed meanwhile (a kernel builds hundreds of reports).
    """
    return dict(_package_versions(tuple(names)))


@functools.lru_cache(maxsize=8)
def _package_versions(names: tuple[str, ...]) -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


RUN_COMMIT_VARIABLE = "NQ18_GIT_COMMIT"
"""Set by the report runner for its workers and kernels: the commit of the project's
checkout at the start of the run (empty when it is none), so that every report of a run
names the same commit and none pays for asking git."""


def git_commit(folder: str | os.PathLike = PROJECT_DIR) -> str | None:
    """Return the checked-out commit (with ``+dirty`` when files changed), or None.

    For the project's own folder, a runner's :data:`RUN_COMMIT_VARIABLE` answers.
    """
    known = os.environ.get(RUN_COMMIT_VARIABLE)
    if known is not None and Path(folder) == PROJECT_DIR:
        return known or None
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, timeout=10
        )
        if sha.returncode != 0:
            return None
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
        )
        return sha.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return None


def utc_now() -> str:
    """Return the current time as an ISO 8601 string in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
