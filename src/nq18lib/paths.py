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
