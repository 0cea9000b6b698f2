"""``nq18 validate``: check data files against the data contract."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nq18lib.cli.output import print_problems
from nq18lib.exceptions import DataError, Problem


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``validate`` command and its options."""
    validate = sub.add_parser("validate", help="check data files against the data contract")
    validate.add_argument("paths", nargs="+", help="CSV or XLSX files, or folders")
    validate.add_argument("--sheet", default=None, help="XLSX sheet name (default: the first)")
    validate.add_argument(
        "--keep-going",
        action="store_true",
        help="write good rows to OUT and rejected rows with reasons beside it",
    )
    validate.add_argument("--out", default=None, help="canonical CSV of the good rows")
    validate.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``nq18 validate``: check files, print one line per problem, return the exit code.

    Prints ``file:row:column: reason`` lines and a summary on stderr. Exit code 2 when any
    problem is found, 0 otherwise. With ``--out`` the good figures are written as a
    canonical CSV (atomically); with ``--keep-going`` too, they are written even when
    some rows are rejected, and the rejected rows with their reasons go to
    ``OUT.rejects.csv`` (written every time, empty but for its header when nothing was
    rejected). The exit code stays 2 when anything was rejected, so that scripts notice.
    """
    from nq18lib.dataset.figures import load_figures, rejects_path, write_csv_atomic, write_figures

    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise DataError([Problem(str(p), None, None, "no such file or folder") for p in missing])
    keep_going = bool(getattr(args, "keep_going", False))
    out = getattr(args, "out", None)
    try:
        figures = load_figures(paths, sheet=getattr(args, "sheet", None), keep_going=keep_going)
    except DataError as err:
        print_problems(err.problems, "nq18 validate")
        return 2
    files = figures.attrs.get("files", [])
    problems = figures.attrs.get("problems", [])
    print_problems(problems, "nq18 validate")
    if out:
        write_figures(figures, out)
        if keep_going:
            rejects = figures.attrs["rejects"]
            write_csv_atomic(rejects, rejects_path(out))
            print(
                f"nq18 validate: wrote {len(figures)} figures to {out} and {len(rejects)} "
                f"rejected rows to {rejects_path(out)}",
                file=sys.stderr,
            )
    if problems:
        return 2
    print(f"nq18 validate: OK, {len(figures)} figures in {len(files)} file(s)", file=sys.stderr)
    return 0
