"""The provinces: the 63 provincial units before 1 July 2025, the 34 after, and the merger map.

The data lives in ``data/reference/provinces.csv`` (63 units with the statistics office's
2-digit codes and the code of the unit each became on 1 July 2025) and
``data/reference/provinces_2025.csv`` (the 34 units formed by Resolution 202/2025/QH15).
``data/reference/README.md`` names the sources.

Names are matched with or without diacritics, with or without a prefix ("tỉnh", "TP.",
"thành phố"), and with either tone-mark placement ("Hòa"/"Hoà"):

>>> find_province("tỉnh Hà Nam").code, find_province("Ha Nam").successor_name
('35', 'Ninh Bình')
>>> find_province("TP. Hồ Chí Minh").name, find_province("Toàn quốc").code
('Hồ Chí Minh', '00')
>>> find_province("Hà Tây") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from nq18lib.paths import reference_file

NATIONAL_CODE = "00"
KIND_PROVINCE = "tỉnh"
KIND_CITY = "thành phố trực thuộc trung ương"
KIND_NATIONAL = "toàn quốc"

_NATIONAL_NAMES = ("Toàn quốc", "cả nước", "Việt Nam", "national", "Vietnam", "nationwide")
_PREFIXES = (
    "thanh pho truc thuoc trung uong",
    "thanh pho",
    "tinh",
    "tp",
    "t p",
    "city of",
    "province",
)
_SUFFIXES = ("province", "city")


@dataclass(frozen=True)
class Province:
    """A provincial unit as it stood before 1 July 2025, or the whole country.

    Parameters
    ----------
    code : str
        The statistics office's 2-digit code ("35" Hà Nam); "00" for the whole country.
    name : str
        The Vietnamese name without prefix ("Hà Nam", "Hồ Chí Minh").
    kind : str
        "tỉnh", "thành phố trực thuộc trung ương" or "toàn quốc".
    name_en : str
        The English name ("Ha Nam", "Ho Chi Minh City").
    successor_code, successor_name : str
        The unit it belongs to from 1 July 2025 (itself when unchanged).
    aliases : tuple of str
        Other names it is written with ("Thừa Thiên Huế", "TP.HCM").
    """

    code: str
    name: str
    kind: str
    name_en: str
    successor_code: str
    successor_name: str
    aliases: tuple[str, ...] = ()

    @property
    def merged(self) -> bool:
        """Whether the unit was merged with others on 1 July 2025."""
        return self.code != NATIONAL_CODE and len(predecessors_of(self.successor_code)) > 1


@dataclass(frozen=True)
class ProvinceUnit2025:
    """A provincial unit formed on 1 July 2025 (Resolution 202/2025/QH15).

    ``predecessor_codes`` are the pre-2025 codes of the units it was formed from.
    """

    code: str
    name: str
    kind: str
    name_en: str
    predecessor_codes: tuple[str, ...]


NATIONAL = Province(
    NATIONAL_CODE, "Toàn quốc", KIND_NATIONAL, "Viet Nam", NATIONAL_CODE, "Toàn quốc"
)


def name_key(name: str) -> str:
    """Return the matching key of a name: no diacritics, no prefix, lower case, single spaces.

    Examples
    --------
    >>> name_key("Tỉnh  Hoà Bình"), name_key("TP. Hồ Chí Minh"), name_key("Đắk Lắk")
    ('hoa binh', 'ho chi minh', 'dak lak')
    """
    text = unicodedata.normalize("NFD", str(name).strip().lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "d")
    text = re.sub(r"[^0-9a-z]+", " ", text).strip()
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if text.startswith(prefix + " ") and len(text) > len(prefix) + 1:
                text = text[len(prefix) + 1 :]
                changed = True
        for suffix in _SUFFIXES:
            if text.endswith(" " + suffix):
                text = text[: -len(suffix) - 1]
                changed = True
    return text


@lru_cache(maxsize=1)
def _tables() -> tuple[tuple[Province, ...], tuple[ProvinceUnit2025, ...]]:
    old = pd.read_csv(reference_file("provinces.csv"), dtype=str, keep_default_na=False)
    new = pd.read_csv(reference_file("provinces_2025.csv"), dtype=str, keep_default_na=False)
    new_names = dict(zip(new["code"], new["name"], strict=True))
    provinces = tuple(
        Province(
            code=r.code,
            name=unicodedata.normalize("NFC", r.name),
            kind=r.kind,
            name_en=r.name_en,
            successor_code=r.successor_code,
            successor_name=new_names[r.successor_code],
            aliases=tuple(
                unicodedata.normalize("NFC", a.strip()) for a in r.aliases.split("|") if a.strip()
            ),
        )
        for r in old.itertuples(index=False)
    )
    units = tuple(
        ProvinceUnit2025(
            code=r.code,
            name=unicodedata.normalize("NFC", r.name),
            kind=r.kind,
            name_en=r.name_en,
            predecessor_codes=tuple(p.code for p in provinces if p.successor_code == r.code),
        )
        for r in new.itertuples(index=False)
    )
    return provinces, units


@lru_cache(maxsize=1)
def _index() -> dict[str, Province]:
    provinces = _tables()[0]
    index: dict[str, Province] = {}
    for name in _NATIONAL_NAMES:
        index[name_key(name)] = NATIONAL
    for p in provinces:
        for name in (p.name, p.name_en, *p.aliases):
            key = name_key(name)
            if index.get(key, p) is not p:
                raise RuntimeError(f"province name {name!r} is ambiguous")
            index[key] = p
    return index


def all_provinces(*, national: bool = False) -> list[Province]:
    """Return the 63 provincial units before 1 July 2025, by code (and the country first if asked).

    Examples
    --------
    >>> len(all_provinces()), all_provinces(national=True)[0].name
    (63, 'Toàn quốc')
    """
    provinces = list(_tables()[0])
    return [NATIONAL, *provinces] if national else provinces


def province_codes(*, national: bool = True) -> list[str]:
    """Return the known codes: "00" (the whole country, unless excluded) and the 63 codes.

    Examples
    --------
    >>> province_codes()[:3], len(province_codes(national=False))
    (['00', '01', '02'], 63)
    """
    return [p.code for p in all_provinces(national=national)]


def units_2025() -> list[ProvinceUnit2025]:
    """Return the 34 provincial units in force from 1 July 2025, by code.

    Examples
    --------
    >>> units = units_2025()
    >>> len(units), [u.predecessor_codes for u in units if u.name == "Ninh Bình"]
    (34, [('35', '36', '37')])
    """
    return list(_tables()[1])


def predecessors_of(code_2025: str) -> list[Province]:
    """Return the pre-2025 units that make up a post-2025 unit.

    Examples
    --------
    >>> [p.name for p in predecessors_of("37")]
    ['Hà Nam', 'Nam Định', 'Ninh Bình']
    """
    return [p for p in _tables()[0] if p.successor_code == code_2025]


def find_province(name: str) -> Province | None:
    """Find a province (or the whole country) by the name a report or a spreadsheet gives.

    Parameters
    ----------
    name : str
        "Hà Nam", "tỉnh Hà Nam", "Ha Nam", "TP. Hồ Chí Minh", "Thừa Thiên Huế", "Toàn quốc" …
        A 2-digit code ("35") is accepted too.

    Returns
    -------
    Province or None
        None when nothing matches (a former province such as Hà Tây, a typo).

    Examples
    --------
    >>> find_province("thành phố Hải Phòng").kind
    'thành phố trực thuộc trung ương'
    >>> find_province("Thừa Thiên Huế").code, find_province("35").name
    ('46', 'Hà Nam')
    """
    if name is None:
        return None
    text = str(name).strip()
    if re.fullmatch(r"\d{2}", text):
        return province_by_code(text)
    return _index().get(name_key(text))


def province_by_code(code: str) -> Province | None:
    """Return the province with a pre-2025 code ("00" is the whole country), or None.

    Examples
    --------
    >>> province_by_code("36").name
    'Nam Định'
    """
    code = str(code).strip()
    if code == NATIONAL_CODE:
        return NATIONAL
    return next((p for p in _tables()[0] if p.code == code), None)
