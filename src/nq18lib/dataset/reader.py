"""Which files hold figures, and the dataset stage as the report runner asks for it.

Light on purpose (no pandas): a run with nothing to rebuild lists the figure tables and
hashes them, and reads them only when they changed (:class:`FigureReader`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from nq18lib.paths import FIGURES_DIR

XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
"""Workbook files read as figure tables (beside ``.csv``)."""


def figure_files(folder: str | os.PathLike | None = None) -> list[Path]:
    """Return the figure tables of a folder (``data/figures`` by default), sorted by name."""
    folder = Path(folder) if folder is not None else FIGURES_DIR
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in {".csv", *XLSX_SUFFIXES} and not p.name.startswith((".", "~$"))
    )


class FigureReader:
    """The dataset stage as the runner sees it (:class:`nq18lib.runner.plan.DataReader`)."""

    figure_files = staticmethod(figure_files)

    @staticmethod
    def jurisdictions(figures: Sequence[Path], others: Sequence[Path] = ()) -> list[str]:
        """Validate the figure tables (:func:`nq18lib.dataset.figures.data_jurisdictions`)."""
        from nq18lib.dataset.figures import data_jurisdictions

        return data_jurisdictions(figures, others)

    @staticmethod
    def sector_counts(figures: Sequence[Path]) -> dict[str, dict[str, int]]:
        """Count figures by sector (:func:`nq18lib.dataset.figures.sector_counts`)."""
        from nq18lib.dataset.figures import sector_counts

        return sector_counts(figures)

    @staticmethod
    def comparable_statuses(figures: Sequence[Path]) -> dict[str, list[str]]:
        """Where figures compare (:func:`nq18lib.dataset.comparison.comparable_figure_statuses`)."""
        from nq18lib.dataset.comparison import comparable_figure_statuses

        return comparable_figure_statuses(figures)


READER = FigureReader()
"""The reader that ``nq18 run`` and :func:`nq18lib.run_reports` hand to the runner."""
