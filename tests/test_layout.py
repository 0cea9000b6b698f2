"""The layout of the package: stages as sub-packages, imports that flow one way.

Every ``import`` in every module (at any depth, inside functions too) is read with
:mod:`ast`; a stage may import only the shared top-level modules and the stages that
come before it in the pipeline (``../shared/DESIGN.md``), and nothing imports ``cli``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import nq18lib

PACKAGE = Path(nq18lib.__file__).parent
SHARED = {"exceptions", "paths", "numerals", "frames", "provenance"}
ALLOWED = {
    "shared": set(),
    "reference": set(),
    "dataset": {"reference"},
    "extract": {"reference", "dataset"},
    "metrics": {"reference"},
    "audit": {"reference", "dataset", "metrics"},
    "report": {"reference", "dataset", "metrics", "audit"},
    "runner": {"reference"},
    "cli": {"reference", "dataset", "extract", "metrics", "audit", "report", "runner"},
}
STAGES = set(ALLOWED) - {"shared"}


def _unit(module: str) -> str | None:
    """Return the stage (or "shared") a dotted module of nq18lib belongs to."""
    parts = module.split(".")
    if parts[0] != "nq18lib":
        return None
    if len(parts) == 1:
        return "top"
    return parts[1] if parts[1] in STAGES else "shared"


def _imports(path: Path) -> list[tuple[int, str]]:
    """Return (line, module) of every nq18lib import in a file, names included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return [(line, m) for line, m in found if m.split(".")[0] == "nq18lib"]


def _modules() -> list[Path]:
    top = PACKAGE / "__init__.py"  # the public API re-exports every stage
    return sorted(p for p in PACKAGE.rglob("*.py") if p != top)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_only_what_its_stage_may(path):
    own = _unit(_module_name(path))
    allowed = ALLOWED[own] | {own, "shared"}
    bad = []
    for line, module in _imports(path):
        unit = _unit(module)
        if unit != "top" and unit not in allowed:  # "top": ``import nq18lib`` (its version)
            bad.append((line, module))
    assert not bad, f"{path.relative_to(PACKAGE)} imports across the stage rule: {bad}"


def test_nothing_outside_cli_imports_cli():
    importers = [
        (str(p.relative_to(PACKAGE)), line)
        for p in _modules()
        if _unit(_module_name(p)) != "cli"
        for line, module in _imports(p)
        if _unit(module) == "cli"
    ]
    assert not importers


def test_the_top_level_stays_small_and_the_stages_are_packages():
    flat = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(flat) <= 10, flat
    assert set(flat) - {"__init__"} <= SHARED
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages == STAGES


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_each_stage_states_its_import_rule(stage):
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
    assert doc and "Import rule" in doc
