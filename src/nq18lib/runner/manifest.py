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
import stat as statmod
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from nq18lib import paths
from nq18lib.paths import PACKAGE_DIR
from nq18lib.provenance import file_sha256

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
STATE_DIR = ".nq18"
"""The run's own files inside the reports folder (lock, workers' log, journal), not
published: ``rsync --exclude .nq18`` (see docs/scheduling.md)."""
JOURNAL_NAME = "journal.jsonl"
"""One line per report recorded during a run; replayed by the next run if this one dies."""
OUTPUTS = ("html", "ipynb", "xlsx", "pdf")
"""The outputs of a report whose size and hash the manifest records."""


def state_dir(reports_dir: str | os.PathLike) -> Path:
    """Return (and create) the run's hidden state folder inside the reports folder."""
    path = Path(reports_dir) / STATE_DIR
    if path.exists() and not path.is_dir():
        raise paths.OutputPathError(paths.output_problem(path / "lock"))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise paths.OutputPathError(paths.output_problem(path / "lock", err)) from None
    return path


RACY_NS = 50_000_000
"""How long after a file's last change its recorded stat cannot yet vouch for its content
(nanoseconds): a write in the same tick of the file system's clock (a few milliseconds on
Linux) can leave size, times and inode as they were, so such a file is hashed again."""
RACY_WHOLE_SECONDS_NS = 2_000_000_000
"""The same on a file system that keeps whole seconds (FAT keeps two)."""


def _stat_fields(st: os.stat_result, checked_ns: int) -> dict[str, Any]:
    return {
        "stat": [st.st_mtime_ns, st.st_ctime_ns, st.st_ino],
        "checked_ns": checked_ns,
    }


def _regular_stat(path: Path) -> os.stat_result | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st if statmod.S_ISREG(st.st_mode) else None


def fingerprint(path: str | os.PathLike) -> dict[str, Any] | None:
    """Return what vouches for an output file, or None when it is not a file.

    ``size`` and ``sha256`` of its bytes, and ``stat`` (modification and change times,
    inode) with ``checked_ns``, the time the hash was taken: while the stat is unchanged
    the file is not read again (:func:`outputs_intact`), as make and git do.
    """
    path = Path(path)
    checked = time.time_ns()
    st = _regular_stat(path)
    if st is None:
        return None
    try:
        sha = file_sha256(path)
    except OSError:
        return None
    return {"size": st.st_size, "sha256": sha, **_stat_fields(st, checked)}


def _stat_vouches(recorded: Mapping[str, Any], st: os.stat_result) -> bool:
    """Whether a recorded stat proves that the file still has the recorded bytes.

    The size, both times and the inode must be those recorded, and the hash must have been
    taken long enough after the file's last change (:data:`RACY_NS`) for any later write
    to show in its times.
    """
    if recorded.get("stat") != [st.st_mtime_ns, st.st_ctime_ns, st.st_ino]:
        return False
    checked = recorded.get("checked_ns")
    if not isinstance(checked, int):
        return False
    whole = st.st_mtime_ns % 1_000_000_000 == 0 and st.st_ctime_ns % 1_000_000_000 == 0
    margin = RACY_WHOLE_SECONDS_NS if whole else RACY_NS
    return checked - max(st.st_mtime_ns, st.st_ctime_ns) > margin


def record_outputs(reports_dir: str | os.PathLike, entry: dict[str, Any]) -> dict[str, Any]:
    """Record the fingerprint of every output an entry names (``entry["files"]``)."""
    files = {}
    for name in OUTPUTS:
        relative = entry.get(name)
        if isinstance(relative, str) and relative:
            found = fingerprint(Path(reports_dir) / relative)
            if found is not None:
                files[name] = found
    entry["files"] = files
    return entry


def outputs_intact(
    reports_dir: str | os.PathLike, entry: Mapping[str, Any], names: Iterable[str]
) -> bool:
    """Whether each named output of an entry is there with the size and hash recorded.

    A truncated, replaced or missing file, or an entry that recorded no fingerprint,
    is not intact: the report is rebuilt (or its PDF printed again). A file whose size,
    times and inode are those recorded is not read (:func:`fingerprint`); one whose
    times changed is hashed, and when its bytes are still the recorded ones its new stat
    is recorded in the entry, so the next run need not read it again.
    """
    files = entry.get("files")
    if not isinstance(files, dict):
        return False
    for name in names:
        relative, recorded = entry.get(name), files.get(name)
        if not isinstance(relative, str) or not isinstance(recorded, dict):
            return False
        path = Path(reports_dir) / relative
        checked = time.time_ns()
        st = _regular_stat(path)
        if st is None or st.st_size != recorded.get("size"):
            return False
        if _stat_vouches(recorded, st):
            continue
        try:
            if file_sha256(path) != recorded.get("sha256"):
                return False
        except OSError:
            return False
        recorded.update(_stat_fields(st, checked))
    return True


def settle_fingerprints(reports_dir: str | os.PathLike, entries: Iterable[dict[str, Any]]) -> int:
    """Hash again the outputs recorded too soon after they were written; return how many.

    An output recorded within :data:`RACY_NS` of its last change (most are: a report is
    recorded as soon as it is written) cannot be vouched for by its stat, so the next run
    would read it again. At the end of a run each such file is hashed once more, once
    that time has passed: when its bytes are still those recorded, its stat now vouches
    for them; when they are not, the record is left as it was (the next run finds the
    difference and rebuilds).
    """
    racy = []
    for entry in entries:
        files = entry.get("files")
        for name, recorded in files.items() if isinstance(files, dict) else ():
            relative = entry.get(name)
            if not isinstance(recorded, dict) or not isinstance(relative, str):
                continue
            path = Path(reports_dir) / relative
            st = _regular_stat(path)
            if (
                st is not None
                and st.st_size == recorded.get("size")
                and not _stat_vouches(recorded, st)
            ):
                racy.append((path, recorded, st))
    if not racy:
        return 0
    latest = max(max(st.st_mtime_ns, st.st_ctime_ns) for _, _, st in racy)
    wait = latest + RACY_NS + 1_000_000 - time.time_ns()
    if wait > 0:
        time.sleep(min(wait, RACY_NS * 2) / 1e9)
    settled = 0
    for path, recorded, _ in racy:
        checked = time.time_ns()
        st = _regular_stat(path)
        if st is None or st.st_size != recorded.get("size"):
            continue
        try:
            same = file_sha256(path) == recorded.get("sha256")
        except OSError:
            continue
        if same:
            recorded.update(_stat_fields(st, checked))
            settled += 1
    return settled


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


def read_manifest(reports_dir: str | os.PathLike, warn: Any = None) -> dict[str, Any]:
    """Return ``reports/manifest.json`` with the journal of a run that died replayed.

    A manifest that is absent gives an empty one. One that does not parse into the
    expected shape (not JSON, not an object, a folder, entries that are not objects) is
    set aside as ``manifest.json.broken`` in the state folder, with a warning, and the run
    rebuilds what it described: a broken manifest only costs a rebuild.
    """
    warn = warn or (lambda message: None)
    path = Path(reports_dir) / MANIFEST_NAME
    manifest = empty_manifest()
    if path.exists() or path.is_symlink():
        found, problem = _parse_manifest(path)
        if found is None:
            _set_aside(path, reports_dir, problem, warn)
        else:
            manifest = found
    for rid, entry in _journal_entries(reports_dir, warn):
        manifest["reports"][rid] = entry
    return manifest


def _parse_manifest(path: Path) -> tuple[dict[str, Any] | None, str]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except IsADirectoryError:
        return None, "it is a folder"
    except (OSError, ValueError) as err:
        return None, f"it cannot be read ({type(err).__name__})"
    if not isinstance(manifest, dict):
        return None, f"it holds a {type(manifest).__name__}, not an object"
    if manifest.get("format") != MANIFEST_FORMAT:
        return None, f"its format is {manifest.get('format')!r}, not {MANIFEST_FORMAT}"
    shapes = {"data": dict, "notebooks": dict, "runs": list, "reports": dict}
    for name, shape in shapes.items():
        value = manifest.setdefault(name, shape())
        if not isinstance(value, shape):
            return None, f"its {name!r} is a {type(value).__name__}"
    bad = [rid for rid, entry in manifest["reports"].items() if not isinstance(entry, dict)]
    if bad:
        return None, f"the entry of {bad[0]!r} is a {type(manifest['reports'][bad[0]]).__name__}"
    return manifest, ""


def _set_aside(path: Path, reports_dir, problem: str, warn: Any) -> None:
    aside = state_dir(reports_dir) / (MANIFEST_NAME + ".broken")
    try:
        if aside.is_dir():
            import shutil

            shutil.rmtree(aside)
        os.replace(path, aside)
        where = f"set aside as {aside}"
    except OSError as err:
        where = f"not moved ({err.strerror})"
    warn(f"nq18: warning: {path}: the manifest is damaged ({problem}); {where}; rebuilding")


def journal_path(reports_dir: str | os.PathLike) -> Path:
    """Return where a run journals the reports it records."""
    return Path(reports_dir) / STATE_DIR / JOURNAL_NAME


def journal_entry(reports_dir: str | os.PathLike, report_id: str, entry: Mapping[str, Any]) -> None:
    """Append one recorded report to the run's journal and flush it to disk.

    The manifest is written once, at the end of a run; if the run dies before, the next one
    replays the journal (:func:`read_manifest`), so no recorded report is lost.
    """
    line = json.dumps({"report_id": report_id, "entry": entry}, ensure_ascii=False, default=str)
    path = state_dir(reports_dir) / JOURNAL_NAME
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as err:
        raise paths.OutputPathError(paths.output_problem(path, err)) from None


def _journal_entries(reports_dir, warn) -> list[tuple[str, dict[str, Any]]]:
    path = journal_path(reports_dir)
    if not path.is_file():
        return []
    out = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    for line in lines:
        try:
            item = json.loads(line)
        except ValueError:
            continue  # the last line of a run killed while writing it
        if (
            isinstance(item, dict)
            and isinstance(item.get("report_id"), str)
            and isinstance(item.get("entry"), dict)
        ):
            out.append((item["report_id"], item["entry"]))
    if out:
        warn(
            f"nq18: the previous run was interrupted; {len(out)} report(s) recovered "
            "from its journal"
        )
    return out


def write_manifest(reports_dir: str | os.PathLike, manifest: Mapping[str, Any]) -> Path:
    """Write ``reports/manifest.json`` atomically, then empty the run's journal."""
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True, default=str)
    path = write_atomic(Path(reports_dir) / MANIFEST_NAME, text + "\n")
    journal_path(reports_dir).unlink(missing_ok=True)
    return path
