"""Build hook: the wheel carries copies of ``data/`` and ``notebooks/`` (see ``paths.py``).

Everything else about the build is in ``pyproject.toml``. The copies go to
``nq18lib/_bundle/`` inside the wheel, so that an installed nq18lib finds its reference
tables, notebooks, report registry and shipped figures through ``importlib.resources``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = {
    "data/reference": ("*.csv", "*.md"),
    "data/figures": ("*.csv",),
    "data": ("sources.csv", "README.md"),
    "notebooks": ("*.ipynb", "reports.yaml"),
}


class BuildWithBundle(build_py):
    """Copy the shipped data and notebooks into the package being built."""

    def run(self):
        """Build the package, then copy the shipped files into ``nq18lib/_bundle``."""
        super().run()
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "nq18lib" / "_bundle"
        for folder, patterns in BUNDLED.items():
            for pattern in patterns:
                for file in sorted((root / folder).glob(pattern)):
                    dest = target / folder / file.name
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(file, dest)


setup(cmdclass={"build_py": BuildWithBundle})
