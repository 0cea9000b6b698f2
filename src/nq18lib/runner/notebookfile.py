"""The executed notebook as it is published beside its report: no build path in it.

The runner hands notebooks paths relative to the project (:func:`nq18lib.paths.
project_relative`); a reports folder outside the project makes them climb out of it
(``../../tmp/build/ha-nam/overview.xlsx``), which would publish where the reports were built.
In the published ``.ipynb`` a parameter path that leads outside the project keeps only its
file name, and one inside the reports folder becomes relative to the report, as readers
find it beside the notebook.
"""

from __future__ import annotations

import ast
import posixpath
import re
from typing import Any

ASSIGNMENT = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<value>.+)$")
INJECTED_TAG = "injected-parameters"


def published_path(value: str, report_dir: str = "") -> str:
    """Return a parameter path as the published notebook shows it.

    ``report_dir`` is the report's folder relative to the project (``reports/ha-nam``).

    Examples
    --------
    >>> published_path("../../tmp/build/ha-nam/overview.xlsx")
    'overview.xlsx'
    >>> published_path("reports/ha-nam/overview.xlsx", "reports/ha-nam")
    'overview.xlsx'
    >>> published_path("data/figures"), published_path("/home/me/data.csv"), published_path("")
    ('data/figures', 'data.csv', '')
    """
    if not value:
        return value
    if report_dir and value.startswith(report_dir.rstrip("/") + "/"):
        return posixpath.relpath(value, report_dir)
    if value.startswith(("/", "../", "~")) or ":\\" in value:
        return posixpath.basename(value.replace("\\", "/"))
    return value


def published_parameters(parameters: dict[str, Any], report_dir: str = "") -> dict[str, Any]:
    """Return report parameters as the manifest publishes them: paths without build folders.

    Examples
    --------
    >>> published_parameters({"lang": "vi", "tables_path": "../../tmp/b/ha-nam/overview.xlsx"})
    {'lang': 'vi', 'tables_path': 'overview.xlsx'}
    """
    return {
        name: published_path(value, report_dir)
        if isinstance(value, str) and ("/" in value or "\\" in value)
        else value
        for name, value in parameters.items()
    }


def publishable_notebook(nb: Any, report_dir: str = "") -> Any:
    """Rewrite the path values of a notebook's parameters (injected cell, metadata), in place.

    Only string values that look like paths (with a slash or a backslash) are touched; the
    notebook is returned.
    """
    recorded = nb.get("metadata", {}).get("papermill", {}).get("parameters", {})
    for name, value in list(recorded.items()):
        if isinstance(value, str) and ("/" in value or "\\" in value):
            recorded[name] = published_path(value, report_dir)
    for cell in nb.cells:
        if INJECTED_TAG not in cell.get("metadata", {}).get("tags", []):
            continue
        lines = []
        for line in str(cell.source).splitlines():
            found = ASSIGNMENT.match(line)
            if found:
                try:
                    value = ast.literal_eval(found.group("value"))
                except (ValueError, SyntaxError):
                    value = None
                if isinstance(value, str) and ("/" in value or "\\" in value):
                    line = f"{found.group('name')} = {published_path(value, report_dir)!r}"
            lines.append(line)
        cell.source = "\n".join(lines)
    return nb
