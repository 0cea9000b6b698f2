"""``nq18 audit``: implied baselines and consistency findings of data files."""

from __future__ import annotations

import argparse

from nq18lib.cli.output import print_json
from nq18lib.exceptions import EXIT_FAILED, EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``audit`` command and its options."""
    audit = sub.add_parser("audit", help="implied baselines and consistency findings")
    audit.add_argument("paths", nargs="+")
    audit.add_argument("--format", choices=["json", "table"], default="table")
    audit.add_argument("--lang", choices=["vi", "en"], default="vi")
    audit.add_argument("--strict", action="store_true", help="exit 1 when any error is found")
    audit.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run ``nq18 audit PATH… --format json|table [--lang vi|en] [--strict]``.

    Returns 0, or 1 with ``--strict`` when any figure has an error finding. Bad data
    raises :class:`~nq18lib.exceptions.DataError` (exit 2 in the CLI).
    """
    from nq18lib.audit.checks import audit_figures, audit_records, format_audit_table
    from nq18lib.dataset.figures import load_figures

    figures = load_figures(args.paths)
    audited = audit_figures(figures)
    if args.format == "json":
        print_json(audit_records(audited))
    else:
        print(format_audit_table(audited, getattr(args, "lang", "vi") or "vi"), end="")
    has_error = bool((audited["severity"] == "error").any())
    return EXIT_FAILED if getattr(args, "strict", False) and has_error else EXIT_OK
