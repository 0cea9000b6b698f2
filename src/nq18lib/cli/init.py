"""``nq18 init DIR``: lay out a working project folder for an analyst's own data."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``init`` command."""
    init = sub.add_parser("init", help="create a project folder (data, notebooks, README)")
    init.add_argument("folder", help="the folder to create")
    init.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Create the project folder."""
    raise NotImplementedError
