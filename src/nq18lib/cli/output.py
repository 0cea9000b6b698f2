"""What the commands print: JSON documents on stdout, problems on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from nq18lib.exceptions import Problem


def print_json(payload: object) -> None:
    """Write a JSON document to stdout (UTF-8, Vietnamese letters kept as they are)."""
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_problems(problems: Iterable[Problem], command: str = "nq18") -> None:
    """Print one ``file:row:column: reason`` line per problem and a count, on stderr."""
    problems = list(problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        files = len({p.file for p in problems})
        print(f"{command}: {len(problems)} problem(s) in {files} file(s)", file=sys.stderr)
