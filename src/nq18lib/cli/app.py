"""Parsing the ``nq18`` command line and dispatching to one command module."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from collections.abc import Sequence

from nq18lib.cli import audit, extract, init, run, validate
from nq18lib.dataset.guard import InputWarning
from nq18lib.exceptions import EXIT_BAD_INPUT, EXIT_OK, DataError, Nq18Error
from nq18lib.paths import OutputPathError

COMMANDS = (run, validate, audit, extract, init)


class _Parser(argparse.ArgumentParser):
    """An argument parser that exits with code 2 and a one-line message."""

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of every subcommand."""
    parser = _Parser(
        prog="nq18",
        description="Figures on how Vietnam's provinces carried out Resolution 18-NQ/TW.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from nq18lib import __version__

        print(__version__)
        return EXIT_OK
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    with warnings.catch_warnings():
        warnings.simplefilter("always", InputWarning)
        warnings.showwarning = _show_warning
        return _handle(args)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a warning as one line: ``nq18: warning: …`` (no source line, no traceback)."""
    print(f"nq18: warning: {message}", file=sys.stderr)


def _handle(args: argparse.Namespace) -> int:
    """Run the chosen command; turn every failure into one line and an exit code."""
    try:
        return args.handler(args)
    except DataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except (Nq18Error, OutputPathError) as err:
        print(f"nq18: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("nq18: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `nq18 extract … | head`
        with contextlib.suppress(OSError):
            sys.stderr.close()
        return EXIT_OK
    except MemoryError:
        print("nq18: error: out of memory (an input too large?)", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as err:  # a bug: one line here, the traceback in a log
        log = _log_traceback()
        print(
            f"nq18: internal error: {type(err).__name__}: {err} (details: {log})", file=sys.stderr
        )
        return EXIT_INTERNAL


EXIT_INTERNAL = 70
"""A bug (not the user's input): one line on stderr, the traceback in a log file."""


def _log_traceback() -> str:
    """Write the traceback being handled to a log file in the temporary folder; its path."""
    import tempfile
    import traceback

    try:
        fd, path = tempfile.mkstemp(prefix="nq18-error-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(traceback.format_exc())
    except OSError:
        return "no log: the temporary folder cannot be written"
    return path
