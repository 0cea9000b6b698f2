"""``nq18 extract``: figures found in report text, as JSON or a CSV draft."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nq18lib.cli.output import print_json
from nq18lib.exceptions import DataError, Nq18Error, Problem
from nq18lib.extract.extraction import extract_file, figure_rows, write_rows_csv


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``extract`` command and its options."""
    extract = sub.add_parser("extract", help="figures found in report text")
    extract.add_argument("paths", nargs="+", help=".txt, .docx or .html files")
    extract.add_argument("--format", choices=["json", "csv"], default="json")
    extract.add_argument("--source-id", default=None, help="source id for every figure")
    extract.add_argument(
        "--jurisdiction",
        default=None,
        help='province (or "Toàn quốc") for texts that name none',
    )
    extract.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``nq18 extract FILE … --format json|csv [--source-id ID] [--jurisdiction NAME]``."""
    rows: list[dict[str, object]] = []
    for name in args.paths:
        path = Path(name)
        if not path.is_file():
            raise DataError(Problem(str(path), None, None, "no such file"))
        try:
            figures = extract_file(path, jurisdiction=getattr(args, "jurisdiction", None))
        except (OSError, ValueError) as err:
            raise Nq18Error(f"{path}: cannot read: {err}") from None
        source_id = args.source_id or path.stem
        rows.extend(figure_rows(figures, source_id, str(path)))
    if args.format == "csv":
        write_rows_csv(rows, sys.stdout)
    else:
        print_json(rows)
    return 0
