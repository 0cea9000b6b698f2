"""The exception hierarchy of nq18lib.

Every error that a user can cause with bad input is a subclass of :class:`Nq18Error`;
the command line turns these into one line per problem and exit code 2, without a
traceback. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
"""Every command: success."""
EXIT_FAILED = 1
"""``run``: a report failed (the others were written); ``audit --strict``: an error found."""
EXIT_BAD_INPUT = 2
"""Bad arguments or bad data: one line per problem on stderr, no traceback."""
EXIT_NO_BROWSER = 3
"""``run``: the HTML was built but no Chromium was found for the PDFs."""
EXIT_BUSY = 4
"""``run``: another run holds the lock of the reports folder."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as possible.

    Parameters
    ----------
    file : str
        The file the problem was found in ("" when the input was not a file).
    row : int or None
        The 1-based line number in the file as a spreadsheet shows it (the header
        row is row 1 of a CSV file), or None when the problem concerns the whole file.
    column : str or None
        The column name as written in the file, or None.
    reason : str
        What is wrong, in plain English.
    """

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        """Render as ``file:row:column: reason`` (empty parts kept as ``-``)."""
        row = "-" if self.row is None else str(self.row)
        column = "-" if self.column is None else self.column
        return f"{self.file}:{row}:{column}: {self.reason}"


class Nq18Error(Exception):
    """Base class of every expected error raised by nq18lib."""


class DataError(Nq18Error):
    """A data file or table breaks the data contract.

    Carries every problem found, not only the first, in :attr:`problems`.
    """

    def __init__(self, problems: list[Problem] | Problem, message: str | None = None):
        self.problems: list[Problem] = (
            [problems] if isinstance(problems, Problem) else list(problems)
        )
        summary = message or f"{len(self.problems)} problem(s) in the data"
        super().__init__(summary + "".join(f"\n  {p}" for p in self.problems[:20]))


class ParameterError(Nq18Error):
    """A report or command parameter has a wrong name, type or value."""


class NumberFormatError(Nq18Error, ValueError):
    """A number written in a cell or a text cannot be read without guessing."""


class ReportError(Nq18Error):
    """A report could not be built (notebook failure, missing browser …)."""


class BrowserNotFoundError(ReportError):
    """No Chromium executable was found to print PDFs."""
