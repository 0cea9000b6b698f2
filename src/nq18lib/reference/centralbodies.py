"""The central bodies: ministries, government agencies and other national bodies as jurisdictions.

A ministry or central body reports its own figures ("Bộ Tài chính giảm 3.600 đầu mối"):
it is a jurisdiction of its own, distinct from the whole country, and shares the
country's province code ``00``. The list lives in ``data/reference/central_bodies.csv``
(Vietnamese and English names, kind, parent body, the dates a body existed between
when it was created or merged away in the 2025 restructuring, and other names it is
written with); ``data/reference/README.md`` says where it comes from.

Names match like province names: with or without diacritics, any case, abbreviations
listed as aliases ("Bộ GD&ĐT").

>>> find_central_body("Bộ Nội vụ").name_en, find_central_body("bo gd&dt").name
('Ministry of Home Affairs', 'Bộ Giáo dục và Đào tạo')
>>> find_central_body("Hà Nam") is None
True
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from nq18lib.paths import reference_file
from nq18lib.reference.provinces import NATIONAL_CODE, name_key

KINDS = (
    "government",
    "ministry",
    "ministry_level",
    "government_agency",
    "general_department",
    "party",
    "national_assembly",
    "judiciary",
    "front",
)
"""What a body is: the Government itself, a ministry (bộ), a ministry-level agency (cơ
quan ngang bộ), an agency of the Government (cơ quan thuộc Chính phủ), a general
department (tổng cục), a central Party body, a body of the National Assembly, a court or
procuracy, the Fatherland Front."""


@dataclass(frozen=True)
class CentralBody:
    """A ministry or other central body, a jurisdiction with province code ``00``.

    Parameters
    ----------
    name, name_en : str
        Its Vietnamese name ("Bộ Nội vụ") and English name ("Ministry of Home Affairs").
    kind : str
        One of :data:`KINDS`.
    parent : str
        The body it belongs to ("Bộ Tài chính" for Tổng cục Thuế), or "".
    since, until : str
        ISO dates it existed from and to (empty when before or after the period covered).
    aliases : tuple of str
        Other names it is written with.
    """

    name: str
    name_en: str
    kind: str
    parent: str = ""
    since: str = ""
    until: str = ""
    aliases: tuple[str, ...] = ()
    code: str = NATIONAL_CODE


@lru_cache(maxsize=1)
def all_central_bodies() -> tuple[CentralBody, ...]:
    """Return every listed central body, in the order of the reference file.

    Examples
    --------
    >>> "Bộ Công an" in [b.name for b in all_central_bodies()]
    True
    """
    table = pd.read_csv(reference_file("central_bodies.csv"), dtype=str, keep_default_na=False)
    bodies = []
    for r in table.itertuples(index=False):
        if r.kind not in KINDS:
            raise RuntimeError(f"central_bodies.csv: unknown kind {r.kind!r} of {r.name!r}")
        bodies.append(
            CentralBody(
                name=unicodedata.normalize("NFC", r.name),
                name_en=r.name_en,
                kind=r.kind,
                parent=unicodedata.normalize("NFC", r.parent),
                since=r.since,
                until=r.until,
                aliases=tuple(
                    unicodedata.normalize("NFC", a.strip())
                    for a in r.aliases.split("|")
                    if a.strip()
                ),
            )
        )
    return tuple(bodies)


@lru_cache(maxsize=1)
def _index() -> dict[str, CentralBody]:
    index: dict[str, CentralBody] = {}
    for body in all_central_bodies():
        for name in (body.name, body.name_en, *body.aliases):
            key = name_key(name)
            if index.get(key, body) is not body:
                raise RuntimeError(f"central body name {name!r} is ambiguous")
            index[key] = body
    return index


def find_central_body(name: str | None) -> CentralBody | None:
    """Find a ministry or central body by the name a report or a spreadsheet gives.

    Examples
    --------
    >>> find_central_body("Ministry of Finance").name
    'Bộ Tài chính'
    >>> find_central_body("Bộ Lao động - Thương binh và Xã hội").until
    '2025-02-28'
    """
    if name is None:
        return None
    return _index().get(name_key(str(name)))


def jurisdiction_key(name: object, code: object) -> str:
    """Return a key that tells jurisdictions apart, central bodies included.

    Provinces and the country are their code; a central body, which shares the country's
    code ``00``, is ``00:`` and its name in ``central_bodies.csv`` (so "Bộ GD&ĐT" and
    "Bộ Giáo dục và Đào tạo" are one key, and neither is the country).

    Examples
    --------
    >>> jurisdiction_key("Hà Nam", "35"), jurisdiction_key("Toàn quốc", "00")
    ('35', '00')
    >>> jurisdiction_key("Bộ GD&ĐT", "00")
    '00:Bộ Giáo dục và Đào tạo'
    """
    code = "" if code is None else str(code).strip()
    if code != NATIONAL_CODE:
        return code
    body = find_central_body(None if name is None else str(name))
    return code if body is None else f"{code}:{body.name}"
