"""The words a figure was read from, quoted where the text is ours to quote.

A figure's ``location`` is ``p<paragraph>:<start>-<end>``: character offsets into its
source's ``document``. Where that document is one of the project's own texts (the seed
documents, ``seeds/…`` in the sources registry, kept in the project's shared folder), the
report quotes the words at those offsets beside "đoạn 4", so a reader sees what the figure
says in the source's words. Texts of other publishers (web pages, the corpus) are never
quoted: their location is given, not their words.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

QUOTABLE_FOLDERS = ("seeds/",)
"""Documents (paths as the sources registry writes them) whose words reports may quote."""
SHARED_ENV = "NQ18_SHARED"
"""Environment variable naming the shared folder that holds ``seeds/`` (default: the
folder ``shared`` beside the project)."""
MAX_QUOTE = 160
"""A quote longer than this (characters) is cut at a word boundary, with an ellipsis."""
OFFSETS = re.compile(r"p\d+:(\d+)-(\d+)")


def shared_dir() -> Path:
    """Return the folder that holds the project's own documents (``seeds/``)."""
    from nq18lib.paths import PROJECT_DIR

    return Path(os.environ.get(SHARED_ENV) or PROJECT_DIR.parent / "shared")


@lru_cache(maxsize=32)
def _document_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def quotable(document: object) -> bool:
    """Return whether a source document is ours to quote.

    Examples
    --------
    >>> quotable("seeds/000_x.txt"), quotable("corpus/02_x.txt"), quotable(None)
    (True, False, False)
    """
    text = "" if document is None else str(document).strip()
    return text.startswith(QUOTABLE_FOLDERS) and ".." not in Path(text).parts


def quote_at(text: str, location: object) -> str:
    """Return the words of ``text`` at a location's offsets, whitespace tidied, or "".

    Examples
    --------
    >>> quote_at("Năm 2024 tỉnh giảm  4 sở; còn 15 sở.", "p1:14-24")
    'giảm 4 sở'
    >>> quote_at("short", "p1:2-40"), quote_at("text", "line 3")
    ('', '')
    """
    found = OFFSETS.fullmatch(str(location or "").strip())
    if not found or not text:
        return ""
    start, end = int(found.group(1)), int(found.group(2))
    if not 0 <= start < end <= len(text):
        return ""
    words = " ".join(text[start:end].split())
    if len(words) > MAX_QUOTE:
        words = words[:MAX_QUOTE].rsplit(" ", 1)[0] + " …"
    return words


def figure_quote(location: object, document: object) -> str:
    """Return the quoted words of a figure, or "" when its source is not ours to quote."""
    if not quotable(document):
        return ""
    return quote_at(_document_text(str(shared_dir() / str(document).strip())), location)


def quoted_location(place: str, quote: str) -> str:
    """Write a location with its quote: ``đoạn 4: “giảm 4 sở”``.

    Examples
    --------
    >>> quoted_location("đoạn 4", "giảm 4 sở"), quoted_location("đoạn 4", "")
    ('đoạn 4: “giảm 4 sở”', 'đoạn 4')
    """
    return f"{place}: “{quote}”" if quote and place else place
