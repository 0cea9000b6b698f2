"""The ``nq18`` command line: run, validate, audit, extract.

Exit codes: 0 success; 1 when a report failed (``run``) or the audit found errors
(``audit --strict``); 2 for bad arguments or bad data, with one line per problem on
stderr and no traceback. JSON goes to stdout, messages to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from nq18lib.exceptions import DataError, Nq18Error

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """An argument parser that exits with code 2 and a one-line message."""

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of every subcommand."""
    parser = _Parser(prog="nq18", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    run = sub.add_parser("run", help="build the reports (HTML, PDF, index, manifest)")
    run.add_argument("--province", action="append", default=None, help="province (repeatable)")
    run.add_argument("--sector", action="append", default=None, help="sector or report kind")
    run.add_argument("--lang", action="append", choices=["vi", "en"], default=None)
    run.add_argument("--grid", default=None, help="a YAML file describing the grid")
    run.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    run.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    run.add_argument("--no-pdf", action="store_true", help="build HTML only")
    run.add_argument("--browser", default=None, help="path of a Chromium executable for PDFs")
    run.add_argument("--timeout", type=int, default=600, help="seconds per notebook")
    run.add_argument("--data", default=None, help="figures file or folder (default data/figures)")
    run.add_argument("--out", default=None, help="reports folder (default reports/)")
    run.add_argument(
        "--registry", default=None, help="report kinds file (default notebooks/reports.yaml)"
    )
    run.add_argument(
        "--fresh-kernel",
        action="store_true",
        help="start a new kernel for every report (default: one kernel per worker, reset)",
    )
    run.set_defaults(handler=_run)

    validate = sub.add_parser("validate", help="check data files against the data contract")
    validate.add_argument("paths", nargs="+", help="CSV or XLSX files, or folders")
    validate.add_argument("--sheet", default=None, help="XLSX sheet name (default: the first)")
    validate.add_argument(
        "--keep-going",
        action="store_true",
        help="write good rows to OUT and rejected rows with reasons beside it",
    )
    validate.add_argument("--out", default=None, help="canonical CSV of the good rows")
    validate.set_defaults(handler=_validate)

    audit = sub.add_parser("audit", help="implied baselines and consistency findings")
    audit.add_argument("paths", nargs="+")
    audit.add_argument("--format", choices=["json", "table"], default="table")
    audit.add_argument("--lang", choices=["vi", "en"], default="vi")
    audit.add_argument("--strict", action="store_true", help="exit 1 when any error is found")
    audit.set_defaults(handler=_audit)

    extract = sub.add_parser("extract", help="figures found in report text")
    extract.add_argument("paths", nargs="+", help=".txt, .docx or .html files")
    extract.add_argument("--format", choices=["json", "csv"], default="json")
    extract.add_argument("--source-id", default=None, help="source id for every figure")
    extract.add_argument(
        "--jurisdiction",
        default=None,
        help='province (or "Toàn quốc") for texts that name none',
    )
    extract.set_defaults(handler=_extract)
    return parser


def _run(args: argparse.Namespace) -> int:
    from nq18lib.runner import run_from_args

    return run_from_args(args)


def _validate(args: argparse.Namespace) -> int:
    from nq18lib.dataset import validate_from_args

    return validate_from_args(args)


def _audit(args: argparse.Namespace) -> int:
    from nq18lib.audit import audit_from_args

    return audit_from_args(args)


def _extract(args: argparse.Namespace) -> int:
    from nq18lib.extract import extract_from_args

    return extract_from_args(args)


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


def print_json(payload: object) -> None:
    """Write a JSON document to stdout (UTF-8, Vietnamese letters kept as they are)."""
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    raise SystemExit(main())
