"""``nq18 extract``: figures found in report text, as JSON or a CSV draft, and a review page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nq18lib.cli.output import print_json
from nq18lib.exceptions import DataError, Nq18Error, Problem


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
    extract.add_argument(
        "--review",
        default=None,
        metavar="OUT.html",
        help="also write a review page: the text with every figure and possible miss marked",
    )
    extract.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``nq18 extract FILE … [--format json|csv] [--review OUT.html] …``.

    JSON is ``{"figures": [row …], "possible_misses": [miss …]}``; CSV is the draft of
    data-contract rows (possible misses are not rows: see the review page or the JSON).
    """
    from nq18lib.extract.extraction import extract_text, figure_rows, write_rows_csv
    from nq18lib.extract.review import review_page
    from nq18lib.extract.textsource import read_text
    from nq18lib.runner.manifest import write_atomic

    review = Path(args.review) if getattr(args, "review", None) else None
    if review is not None and len(args.paths) != 1:
        raise Nq18Error("--review writes the page of one file: give exactly one FILE")
    if review is not None and review.suffix.lower() not in (".html", ".htm"):
        raise Nq18Error(f"{review}: the review page is HTML: name it OUT.html")
    rows: list[dict[str, object]] = []
    misses: list[dict[str, object]] = []
    for name in args.paths:
        path = Path(name)
        if not path.is_file():
            raise DataError(Problem(str(path), None, None, "no such file"))
        try:
            text = read_text(path)
        except (OSError, ValueError) as err:
            raise Nq18Error(f"{path}: cannot read: {err}") from None
        found = extract_text(text, jurisdiction=getattr(args, "jurisdiction", None))
        source_id = args.source_id or path.stem
        rows.extend(figure_rows(found.figures, source_id, str(path)))
        misses.extend({"file": str(path), **m.to_dict()} for m in found.possible_misses)
        if review is not None:
            page = review_page(text, found.figures, found.possible_misses, title=path.name)
            try:
                write_atomic(review, page).chmod(0o644)  # a page to share, not a secret
            except OSError as err:
                raise Nq18Error(f"{review}: cannot write the review page: {err}") from None
    if args.format == "csv":
        write_rows_csv(rows, sys.stdout)
    else:
        print_json({"figures": rows, "possible_misses": misses})
    return 0
