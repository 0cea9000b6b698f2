"""``python -m nq18lib.cli``: the same as the ``nq18`` command."""

from nq18lib.cli.app import main

raise SystemExit(main())
