"""The ``nq18`` command line: run, validate, audit, extract, init.

Import rule: ``cli`` may import every stage; nothing imports ``cli``. One module per command
(``run``, ``validate``, ``audit``, ``extract``, ``init``), each with ``register`` (its
arguments) and ``handle`` (the command); :mod:`nq18lib.cli.app` parses and dispatches.

Exit codes (:mod:`nq18lib.exceptions`): 0 success; 1 when a report failed (``run``) or the
audit found errors (``audit --strict``); 2 for bad arguments or bad data, with one line per
problem on stderr and no traceback; 3 HTML built but no PDF (no Chromium); 4 another run
holds the lock. JSON goes to stdout, messages to stderr.
"""

from nq18lib.cli.app import build_parser, main

__all__ = ["build_parser", "main"]
