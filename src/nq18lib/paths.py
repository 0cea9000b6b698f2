"""Where things live: every default path of the project in one place.

A *project* is the folder an analyst works in: ``data/figures/``, ``data/sources.csv``,
``notebooks/`` and ``reports/`` (``nq18 init DIR`` lays one out; a checkout of nq18lib is
one too). It is found in this order:

1. ``$NQ18_PROJECT_DIR``;
2. the working folder or the nearest folder above it that holds ``nq18.toml`` or
   ``data/figures/``;
3. the checkout the package was installed from (an editable install), when there is one;
4. the working folder.

What a project does not hold comes with the package (:data:`BUNDLE_DIR`, read through
:mod:`importlib.resources`): the reference tables, the notebooks and their registry, the
shipped figures. ``$NQ18_DATA_DIR`` moves the data folder and ``$NQ18_REPORTS_DIR`` the
reports folder. Paths shown to readers and schedulers are relative (:func:`display_path`).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLE_DIR = Path(str(resources.files("nq18lib").joinpath("_bundle")))
"""In a wheel: copies of ``data/`` and ``notebooks/`` made at build time (``setup.py``)."""
CHECKOUT_DIR = PACKAGE_DIR.parent.parent
"""The checkout of an editable install (only meaningful when :func:`_is_checkout`)."""
PROJECT_MARKER = "nq18.toml"


def _is_checkout(folder: Path) -> bool:
    return (folder / "pyproject.toml").is_file() and (folder / "data" / "figures").is_dir()


def _is_project(folder: Path) -> bool:
    return (folder / PROJECT_MARKER).is_file() or (folder / "data" / "figures").is_dir()


def find_project(start: str | os.PathLike | None = None) -> Path:
    """Return the project folder for a working folder (see the module's docstring).

    Parameters
    ----------
    start : path-like, optional
        The working folder (default: the current one).
    """
    if os.environ.get("NQ18_PROJECT_DIR"):
        return Path(os.environ["NQ18_PROJECT_DIR"]).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_project(folder):
            return folder
    return CHECKOUT_DIR if _is_checkout(CHECKOUT_DIR) else here


def shipped_dir(name: str) -> Path:
    """Return a folder that comes with nq18lib: ``data`` or ``notebooks``.

    From a wheel this is the packaged copy; from a checkout, the checkout's own folder.
    """
    bundled = BUNDLE_DIR / name
    return bundled if bundled.is_dir() else CHECKOUT_DIR / name


PROJECT_DIR = find_project()
DATA_DIR = Path(os.environ.get("NQ18_DATA_DIR", PROJECT_DIR / "data"))
FIGURES_DIR = DATA_DIR / "figures"
SOURCES_FILE = DATA_DIR / "sources.csv"
_OWN_REFERENCE = DATA_DIR / "reference"
REFERENCE_DIR = _OWN_REFERENCE if _OWN_REFERENCE.is_dir() else shipped_dir("data") / "reference"
NOTEBOOKS_DIR = (
    PROJECT_DIR / "notebooks"
    if (PROJECT_DIR / "notebooks" / "reports.yaml").is_file()
    else shipped_dir("notebooks")
)
REPORTS_DIR = Path(os.environ.get("NQ18_REPORTS_DIR", PROJECT_DIR / "reports"))
CACHE_VARIABLE = "NQ18_CACHE_DIR"
"""Where parsed data is kept between processes (default ``<project>/.nq18/cache``); set to
an empty value to keep nothing on disk."""


def cache_dir() -> Path | None:
    """Return the folder of the project's cache, or None when it is turned off.

    Read at every call (not at import), so a runner, its kernels and a test can point it
    elsewhere through :data:`CACHE_VARIABLE`.
    """
    value = os.environ.get(CACHE_VARIABLE)
    if value is None:
        return PROJECT_DIR / ".nq18" / "cache"
    return Path(value) if value.strip() else None


TEMPLATES_DIR = PACKAGE_DIR / "runner" / "templates"


def reference_file(name: str) -> Path:
    """Return the path of a reference table: the project's, else the one shipped.

    Parameters
    ----------
    name : str
        File name, e.g. ``"taxonomy.csv"``.
    """
    own = REFERENCE_DIR / name
    return own if own.is_file() else shipped_dir("data") / "reference" / name


def display_path(path: str | os.PathLike) -> str:
    """Return a path as readers and schedulers see it: never a machine path.

    Relative to the project when it lies inside (``data/figures/ha_nam.csv``), marked
    ``nq18lib:`` when it comes with the package (``nq18lib:notebooks/overview.ipynb``),
    else its name alone.

    >>> display_path(PROJECT_DIR / "data" / "figures" / "x.csv")
    'data/figures/x.csv'
    >>> display_path("/somewhere/else/y.csv")
    'y.csv'
    """
    resolved = Path(path).resolve()
    roots = [(PROJECT_DIR, ""), (BUNDLE_DIR, "nq18lib:")]
    if _is_checkout(CHECKOUT_DIR):
        roots.append((CHECKOUT_DIR, "nq18lib:"))
    for root, prefix in roots:
        try:
            return prefix + resolved.relative_to(root).as_posix()
        except ValueError:
            continue
    return resolved.name


def project_relative(path: str | os.PathLike) -> str:
    """Return a path relative to the project folder (``..`` steps when it lies outside).

    Notebooks run with the project as their working folder, so report parameters name files
    this way and carry no machine path.

    >>> project_relative(PROJECT_DIR / "reports" / "ha-nam" / "overview.xlsx")
    'reports/ha-nam/overview.xlsx'
    """
    return Path(os.path.relpath(Path(path).resolve(), PROJECT_DIR)).as_posix()


PUBLISHED_MODE = 0o644
"""Permissions of every file a command publishes (reports, workbooks, CSV): world-readable."""


class OutputPathError(OSError):
    """An output path that cannot be written: a folder, under a file, read-only, disk full."""


def output_problem(path: str | os.PathLike, err: OSError | None = None) -> str:
    """Return why an output path cannot be written, in plain words (no traceback).

    Examples
    --------
    >>> output_problem("/dev/null")
    "'/dev/null' exists and is not a regular file (a device, a folder or a pipe): not replaced"
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        if path.is_dir():
            return f"{str(path)!r} is a folder, not a file"
        return (
            f"{str(path)!r} exists and is not a regular file (a device, a folder or a pipe): "
            "not replaced"
        )
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                return f"{str(path)!r} lies under {str(parent)!r}, which is a file, not a folder"
            break
    if err is None:
        return f"cannot write {str(path)!r}"
    import errno

    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied (a read-only folder?)",
        errno.EPERM: "permission denied (a read-only folder?)",
        errno.ENAMETOOLONG: "the name is too long",
    }
    reason = reasons.get(err.errno, err.strerror or str(err))
    return f"cannot write {str(path)!r}: {reason}"


def write_atomic(path: str | os.PathLike, content: str | bytes | None = None, *, writer=None):
    """Write a file through a temporary file in the same folder and a rename.

    Readers (and a command killed half-way) see the old file or the new one, never a part;
    a failure (disk full, read-only folder) leaves the old file as it was and no temporary
    file behind. Only a regular file is ever replaced: a device (``/dev/full``), a folder
    or a pipe at ``path`` is refused. The file gets :data:`PUBLISHED_MODE` (less the
    umask), not the 0600 of a temporary file.

    Parameters
    ----------
    path : path-like
        The file to write.
    content : str or bytes, optional
        What to write (text as UTF-8).
    writer : callable, optional
        Instead of ``content``: called with the temporary path, writes the file itself.

    Raises
    ------
    OutputPathError
        With a one-line reason, when the path cannot be written.
    """
    import tempfile

    path = Path(path)
    if path.exists() and not path.is_file():  # a device, a folder, a pipe (links followed)
        raise OutputPathError(output_problem(path))
    target = path.resolve() if path.is_symlink() else path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputPathError(output_problem(path, err)) from None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputPathError(output_problem(path, err)) from None
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                if writer is None:
                    data = content.encode("utf-8") if isinstance(content, str) else content
                    fh.write(data or b"")
            if writer is not None:
                writer(tmp)
            os.chmod(tmp, PUBLISHED_MODE & ~_umask())
            os.replace(tmp, target)
        except OSError as err:
            raise OutputPathError(output_problem(path, err)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
