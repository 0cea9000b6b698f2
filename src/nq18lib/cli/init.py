"""``nq18 init DIR``: lay out a working project folder for an analyst's own data.

The folder gets the shipped figures (``data/figures/``) and sources (``data/sources.csv``),
copies of the report notebooks and their registry (``notebooks/``) to edit, an empty
``reports/``, a ``nq18.toml`` that marks it as a project, and a short README. Reference
tables stay in the package (a ``data/reference/`` folder there, when added, takes
precedence). Nothing that exists is overwritten: a folder that already holds a project,
or any of these files, is refused with exit 2.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from nq18lib.exceptions import EXIT_OK, Nq18Error
from nq18lib.paths import PROJECT_MARKER, shipped_dir

README = """# {name}

A project folder of nq18lib: figures on how the provinces carried out Resolution 18-NQ/TW.

- `data/figures/*.csv`: one row per reported figure (the data contract:
  `python -c "import nq18lib, pathlib; print(pathlib.Path(nq18lib.__file__).parent)"`, then
  `_bundle/data/README.md` there); add your own files here.
- `data/sources.csv`: where each figure was published.
- `notebooks/`: the report notebooks and `reports.yaml`, the kinds of report to build.
- `reports/`: what `nq18 run` builds (HTML, PDF, XLSX, `index.html`).

Commands, run inside this folder:

    nq18 validate data/figures        # check the data: file:row:column: reason
    nq18 audit data/figures           # implied baselines and consistency findings
    nq18 extract report.txt --format csv > draft.csv   # figures from report text
    nq18 run                          # build the reports into reports/
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``init`` command."""
    init = sub.add_parser("init", help="create a project folder (data, notebooks, README)")
    init.add_argument("folder", help="the folder to create (or an empty one)")
    init.set_defaults(handler=handle)


def project_files(folder: Path) -> dict[Path, Path]:
    """Return ``{destination: shipped file}`` for every file a new project gets."""
    data, notebooks = shipped_dir("data"), shipped_dir("notebooks")
    files = {folder / "data" / "figures" / f.name: f for f in sorted(data.glob("figures/*.csv"))}
    files[folder / "data" / "sources.csv"] = data / "sources.csv"
    for pattern in ("*.ipynb", "reports.yaml"):
        files.update({folder / "notebooks" / f.name: f for f in sorted(notebooks.glob(pattern))})
    return files


def handle(args: argparse.Namespace) -> int:
    """Create the project folder; refuse to overwrite anything."""
    folder = Path(args.folder)
    if folder.exists() and not folder.is_dir():
        raise Nq18Error(f"{folder}: exists and is not a folder")
    files = project_files(folder)
    missing = [str(src) for src in files.values() if not src.is_file()]
    if missing or not files:
        raise Nq18Error(f"the package ships no project files ({', '.join(missing[:3])})")
    extra = [folder / PROJECT_MARKER, folder / "README.md"]
    taken = [p for p in [*files, *extra] if p.exists()]
    if taken:
        raise Nq18Error(f"{folder}: already holds {taken[0].relative_to(folder)}; nothing written")
    try:
        for dest, src in files.items():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
        (folder / "reports").mkdir(exist_ok=True)
        (folder / PROJECT_MARKER).write_text(
            "# This folder is an nq18lib project: nq18 commands run here use its data/,\n"
            "# notebooks/ and reports/.\n",
            encoding="utf-8",
        )
        (folder / "README.md").write_text(README.format(name=folder.name), encoding="utf-8")
    except OSError as err:
        raise Nq18Error(f"{folder}: cannot create the project: {err.strerror or err}") from None
    n_figures = sum(1 for d in files if d.parent.name == "figures")
    print(
        f"nq18 init: created {folder} ({n_figures} figure file(s), "
        f"{sum(1 for d in files if d.parent.name == 'notebooks')} notebook file(s)); "
        f"next: cd {folder} && nq18 run",
        file=sys.stderr,
    )
    return EXIT_OK
