"""Packaging: declared dependencies, one version, the public API, the build key, init."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml

import nq18lib
from nq18lib.cli import main
from nq18lib.runner.manifest import library_source_hash

REPO = Path(__file__).resolve().parents[1]
PACKAGE = Path(nq18lib.__file__).parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
IMPORT_NAMES = {  # import name → distribution name, where they differ
    "yaml": "pyyaml",
    "docx": "python-docx",
    "IPython": "ipython",
}
CONDA_NAMES = {"playwright": "playwright-python", "build": "python-build"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _spec(requirement: str) -> str:
    return re.sub(r"^[A-Za-z0-9_.\-]+(\[[^\]]*\])?", "", requirement.split(";")[0]).strip()


def _third_party_imports() -> set[str]:
    stdlib = set(sys.stdlib_module_names)
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in stdlib and m not in {"nq18lib", "__future__"}}


def test_every_imported_package_is_declared():
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    imported = {IMPORT_NAMES.get(m, m).lower().replace("_", "-") for m in _third_party_imports()}
    assert imported <= declared, sorted(imported - declared)
    assert "jupyterlab" not in declared  # in the [lab] extra: the CLI does not pay for it


RUNTIME_ONLY = {"ipykernel": "the kernel every report runs in; started, never imported"}


def test_every_declared_package_is_imported():
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    imported = {IMPORT_NAMES.get(m, m).lower().replace("_", "-") for m in _third_party_imports()}
    unused = declared - imported - set(RUNTIME_ONLY)
    assert not unused, f"declared but never imported: {sorted(unused)}"


def test_environment_yml_pins_what_pyproject_pins():
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    conda = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            conda[_name(dep)] = _spec(dep).lstrip("=")
    extras = PYPROJECT["project"]["optional-dependencies"]
    wanted = [*PYPROJECT["project"]["dependencies"], *extras["lab"], *extras["dev"]]
    for requirement in wanted:
        name = CONDA_NAMES.get(_name(requirement), _name(requirement))
        if name == "dask":
            assert "dask" in conda and "distributed" in conda
            continue
        assert name in conda, f"{name} missing from environment.yml"
        assert conda[name] == _spec(requirement).lstrip("="), name
    assert env["dependencies"][0] == "python=3.11"
    assert PYPROJECT["project"]["requires-python"] == ">=3.11"


def test_one_version():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert metadata.version("nq18lib") == nq18lib.__version__


def test_dir_lists_every_public_name_in_a_fresh_interpreter():
    code = (
        "import json, nq18lib as nq; names = dir(nq); "
        "print(json.dumps([names, sorted(nq.__all__), [n for n in nq.__all__ if n not in names]]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    names, public, missing = json.loads(out.stdout)
    assert not missing
    assert {"audit_figures", "reduction_bar", "run_reports", "load_figures"} <= set(names)
    assert len(public) > 60


def test_every_public_name_resolves():
    for name in nq18lib.__all__:
        assert getattr(nq18lib, name) is not None, name


def test_notebooks_use_only_public_names():
    used = set()
    for notebook in (REPO / "notebooks").glob("*.py"):
        used |= set(re.findall(r"\bnq\.([A-Za-z_]\w*)", notebook.read_text(encoding="utf-8")))
    assert used and used <= set(dir(nq18lib)), sorted(used - set(dir(nq18lib)))


def _tree(root: Path) -> Path:
    package = root / "pkg"
    (package / "stage" / "deep").mkdir(parents=True)
    (package / "runner" / "templates" / "nq18").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "stage" / "deep" / "module.py").write_text("X = 1\n")
    (package / "runner" / "templates" / "nq18" / "index.html.j2").write_text("{{ x }}")
    return package


def test_the_build_key_covers_modules_at_any_depth_and_templates(tmp_path):
    package = _tree(tmp_path)
    before = library_source_hash(package)
    (package / "stage" / "deep" / "module.py").write_text("X = 2\n")
    after_module = library_source_hash(package)
    (package / "runner" / "templates" / "nq18" / "index.html.j2").write_text("{{ y }}")
    after_template = library_source_hash(package)
    (package / "stage" / "deep" / "notes.txt").write_text("not code")
    assert len({before, after_module, after_template}) == 3
    assert library_source_hash(package) == after_template


def test_init_lays_out_a_project_and_refuses_to_overwrite(tmp_path, capsys):
    folder = tmp_path / "proj"
    assert main(["init", str(folder)]) == 0
    assert (folder / "nq18.toml").is_file() and (folder / "README.md").is_file()
    figures = sorted(p.name for p in (folder / "data" / "figures").glob("*.csv"))
    assert "ha_nam_nq18_7nam.csv" in figures
    assert (folder / "notebooks" / "reports.yaml").is_file()
    assert (folder / "notebooks" / "overview.ipynb").is_file()
    assert (folder / "data" / "sources.csv").is_file()
    capsys.readouterr()
    assert main(["init", str(folder)]) == 2
    assert "already holds" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["init", str(tmp_path / "file")]) == 2


@pytest.mark.parametrize("command", ["validate", "audit"])
def test_a_missing_file_is_one_line_and_exit_2_from_any_folder(tmp_path, command):
    out = subprocess.run(
        [sys.executable, "-m", "nq18lib.cli", command, "nope.csv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines()[0].startswith("nope.csv")


def test_validate_works_outside_any_project_with_the_shipped_reference(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "figure_id,source_id,jurisdiction,province_code,category,status,percent\n"
        "x,s,Hà Nam,35,nope,result,140\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "nq18lib.cli", "validate", "bad.csv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "NQ18_PROJECT_DIR": str(tmp_path)},
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert any(line.startswith("bad.csv:2:category:") for line in lines), lines
    assert any(line.startswith("bad.csv:2:percent:") for line in lines), lines
