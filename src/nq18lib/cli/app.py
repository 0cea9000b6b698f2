"""Parsing the ``nq18`` command line and dispatching to one command module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nq18lib.cli import audit, extract, init, run, validate
from nq18lib.exceptions import EXIT_BAD_INPUT, EXIT_OK, DataError, Nq18Error

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
    try:
        return args.handler(args)
    except DataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except Nq18Error as err:
        print(f"nq18: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("nq18: interrupted", file=sys.stderr)
        return 130
