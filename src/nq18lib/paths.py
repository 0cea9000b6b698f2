"""Where things live: every default path of the project in one place.

The data folder can be moved with the ``NQ18_DATA_DIR`` environment variable and
the reports folder with ``NQ18_REPORTS_DIR``; everything else is relative to them.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
"""The checkout the package was installed from (editable installs)."""

DATA_DIR = Path(os.environ.get("NQ18_DATA_DIR", PROJECT_DIR / "data"))
FIGURES_DIR = DATA_DIR / "figures"
REFERENCE_DIR = DATA_DIR / "reference"
SOURCES_FILE = DATA_DIR / "sources.csv"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
REPORTS_DIR = Path(os.environ.get("NQ18_REPORTS_DIR", PROJECT_DIR / "reports"))
TEMPLATES_DIR = PACKAGE_DIR / "runner" / "templates"


def reference_file(name: str) -> Path:
    """Return the path of a reference table in ``data/reference/``.

    Parameters
    ----------
    name : str
        File name, e.g. ``"taxonomy.csv"``.
    """
    return REFERENCE_DIR / name
