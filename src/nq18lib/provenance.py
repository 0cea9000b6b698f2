"""Provenance: what a report was built from (data hashes, package versions, git commit).

Used by the report footer and by the run manifest, so both say the same thing.
"""

from __future__ import annotations

import functools
import hashlib
import os
import platform
import subprocess
import time
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
    """Return ``{path: sha256}`` for every file, folders expanded to the files inside.

    A process remembers what it hashed (:func:`known_sha256`): a kernel names the same 250
    data files in every report and reads them once.
    """
    result: dict[str, str] = {}
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            relative, sha = _hashed(file)
            result[relative] = sha
    return result


RACY_NS = 50_000_000
"""How soon after a file's last change a hash taken cannot vouch for a later unchanged stat
(nanoseconds; as ``nq18lib.runner.manifest`` does for outputs, and git for its index)."""
_HASHED: dict[str, tuple[tuple[int, ...], int, str]] = {}
_RELATIVE: dict[str, str] = {}


def known_sha256(path: str | os.PathLike) -> str:
    """Return a file's SHA-256, from this process's memory while the file is unchanged.

    Unchanged means the same size, modification and change times, inode and device as when
    it was hashed, with the hash taken more than :data:`RACY_NS` after the file's last
    change (2 s on file systems that keep whole seconds): a write in the same tick of the
    clock as the hash could leave the stat as it was.
    """
    name = os.path.abspath(path)
    st = os.stat(name)
    stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    known = _HASHED.get(name)
    whole = stat[1] % 1_000_000_000 == 0 and stat[2] % 1_000_000_000 == 0
    margin = 2_000_000_000 if whole else RACY_NS
    if known is not None and known[0] == stat and known[1] - max(stat[1], stat[2]) > margin:
        return known[2]
    checked = time.time_ns()
    sha = file_sha256(name)
    if len(_HASHED) > 10_000:
        _HASHED.clear()
    _HASHED[name] = (stat, checked, sha)
    return sha


def _hashed(file: Path) -> tuple[str, str]:
    """Return a file's project-relative name and SHA-256 (both remembered)."""
    name = os.path.abspath(file)
    relative = _RELATIVE.get(name)
    if relative is None:
        if len(_RELATIVE) > 10_000:
            _RELATIVE.clear()
        relative = _RELATIVE[name] = project_relative(file)
    return relative, known_sha256(file)


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
