"""``nq18 run``: build the reports (HTML, PDF, index, manifest) of the grid."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from typing import Any

from nq18lib.dataset.reader import READER
from nq18lib.exceptions import EXIT_BUSY, Nq18Error, ParameterError
from nq18lib.runner.run import RunLockedError, RunOptions, run_reports


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``run`` command and its options."""
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
    run.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``nq18 run`` from parsed command-line arguments and return the exit code."""
    options = RunOptions(
        provinces=args.province,
        kinds=args.sector,
        langs=args.lang,
        grid_file=args.grid,
        jobs=args.jobs,
        force=args.force,
        pdf=not args.no_pdf,
        browser=args.browser,
        timeout=args.timeout,
        data=args.data,
        out=args.out,
        registry=getattr(args, "registry", None),
        reuse_kernel=not getattr(args, "fresh_kernel", False),
        data_reader=READER,
    )
    if options.jobs is not None and options.jobs < 1:
        raise ParameterError("--jobs must be at least 1")
    if options.timeout <= 0:
        raise ParameterError("--timeout must be positive")

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not in the main thread
        signal.signal(signal.SIGTERM, stop)
    from nq18lib.runner.worker import without_uri_grammar

    without_uri_grammar()  # this process and its forked workers, when papermill is imported
    try:
        summary = run_reports(options)
    except RunLockedError as err:
        print(f"nq18: error: {err}", file=sys.stderr)
        return EXIT_BUSY
    except Nq18Error:
        raise
    print(f"nq18: {summary.line()}", file=sys.stderr)
    return summary.exit_code
