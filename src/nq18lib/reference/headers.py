"""The vocabulary of figure tables: header names and coded values, Vietnamese or English.

The ONE mapping from the headers analysts write ("Tỷ lệ (%)", "Tỉnh/thành phố", "Ghi chú")
to the canonical columns of the data contract lives in ``data/reference/headers.csv``;
this module reads it. Headers match without regard to case, diacritics, spacing and a
trailing unit in parentheses. A header mapped to ``__ignore__`` (a row-number column such
as "STT") is read and dropped: it carries no figure.

>>> canonical_column("Tỷ lệ giảm (%)"), canonical_column("TINH/THANH PHO"), canonical_column("STT")
('percent', 'jurisdiction', '__ignore__')
>>> canonical_status("Dự kiến"), canonical_level("Tỉnh + Huyện")
('plan', 'tinh+huyen')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

from nq18lib.paths import reference_file

IGNORED = "__ignore__"

STATUS_WORDS: dict[str, str] = {
    "result": "result",
    "ket qua": "result",
    "da thuc hien": "result",
    "dat duoc": "result",
    "plan": "plan",
    "ke hoach": "plan",
    "du kien": "plan",
    "partly_projected": "partly_projected",
    "partly projected": "partly_projected",
    "part projected": "partly_projected",
    "du kien mot phan": "partly_projected",
    "mot phan du kien": "partly_projected",
    "ket qua va du kien": "partly_projected",
    "ket qua+du kien": "partly_projected",
    "ket qua/du kien": "partly_projected",
}
"""Status as written (matching key) → canonical status."""

SCOPE_WORDS: dict[str, str] = {
    "central": "central",
    "trung uong": "central",
    "provincial": "provincial",
    "province": "provincial",
    "tinh": "provincial",
    "cap tinh": "provincial",
    "district": "district",
    "huyen": "district",
    "cap huyen": "district",
    "commune": "commune",
    "xa": "commune",
    "cap xa": "commune",
    "village": "village",
    "thon": "village",
    "cap thon": "village",
}
"""Scope as written (matching key of one part) → canonical scope."""

LEVELS = ("tinh", "huyen", "xa", "thon")
_LEVEL_WORDS = {"tinh": "tinh", "huyen": "huyen", "xa": "xa", "thon": "thon"}


def header_key(text: object) -> str:
    """Return the matching key of a header or a coded value.

    Lower case, no diacritics ("đ" → "d"), a trailing unit in parentheses dropped
    ("Tỷ lệ (%)" → "ty le"), "%" alone kept, other punctuation turned into single spaces
    except "/" and "+".

    Examples
    --------
    >>> header_key(" Tỷ lệ  giảm (%) "), header_key("%"), header_key("Tỉnh/Thành phố")
    ('ty le giam', '%', 'tinh/thanh pho')
    """
    text = unicodedata.normalize("NFD", str(text).strip().lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").replace("đ", "d")
    if text.strip() in {"%", "(%)"}:
        return "%"
    text = re.sub(r"\([^)]*\)\s*$", "", text)
    text = re.sub(r"\s*([/+])\s*", r"\1", text)
    text = re.sub(r"[^0-9a-z/+#]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def header_variants() -> dict[str, str]:
    """Return every known header variant (as a matching key) and its canonical column."""
    table = pd.read_csv(reference_file("headers.csv"), dtype=str, keep_default_na=False)
    variants: dict[str, str] = {}
    for column, variant in zip(table["column"], table["variant"], strict=True):
        key = header_key(variant)
        if variants.get(key, column) != column:
            raise RuntimeError(f"header variant {variant!r} maps to two columns")
        variants[key] = column
    return variants


def canonical_column(header: object) -> str | None:
    """Return the canonical column of a header as written, ``IGNORED``, or None if unknown.

    Examples
    --------
    >>> canonical_column("Mã tỉnh"), canonical_column("reduced"), canonical_column("xyz")
    ('province_code', 'reduced', None)
    """
    if header is None:
        return None
    return header_variants().get(header_key(header))


def canonical_status(value: object) -> str | None:
    """Return the status code ("result", "plan", "partly_projected") of a status as written.

    None when it is none of them.

    Examples
    --------
    >>> canonical_status("Kết quả"), canonical_status("result"), canonical_status("done")
    ('result', 'result', None)
    """
    return STATUS_WORDS.get(header_key(value))


def canonical_scope(value: object) -> str | None:
    """Return a scope code ("central", "provincial+district" …) for a scope as written.

    None when a part is unknown.

    Examples
    --------
    >>> canonical_scope("Trung ương"), canonical_scope("cấp tỉnh + cấp huyện")
    ('central', 'provincial+district')
    >>> canonical_scope("bộ") is None
    True
    """
    parts = [p.strip() for p in header_key(value).split("+")]
    codes = [SCOPE_WORDS.get(p) for p in parts]
    if not codes or None in codes:
        return None
    return "+".join(c for c in codes if c)


def canonical_round(value: object) -> str:
    """Return a reform round as the contract writes it: dashes and spaces normalised.

    Examples
    --------
    >>> canonical_round("2017 – 2021"), canonical_round("2025")
    ('2017-2021', '2025')
    """
    return re.sub(r"\s*[-‐‑‒–—]\s*", "-", str(value).strip())


def canonical_level(value: object) -> str | None:
    """Return a level code ("tinh", "huyen+xa" …) for a level as written, or None if unknown.

    Examples
    --------
    >>> canonical_level("xã"), canonical_level("tinh+huyen"), canonical_level("bộ")
    ('xa', 'tinh+huyen', None)
    """
    parts = [p.strip() for p in header_key(value).split("+")]
    codes = [_LEVEL_WORDS.get(p) for p in parts]
    if not codes or None in codes:
        return None
    return "+".join(c for c in codes if c)
