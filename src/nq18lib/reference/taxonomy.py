"""The taxonomy: what a figure counts (category) and which report covers it (sector).

The taxonomy is data, not code: ``data/reference/taxonomy.csv`` and
``data/reference/sectors.csv``. Extraction, validation, charts and reports all read it
through this module.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from nq18lib.paths import reference_file

LANGS = ("vi", "en")


@lru_cache(maxsize=1)
def load_taxonomy() -> pd.DataFrame:
    """Return the categories, one row each, in report order.

    Columns: ``code``, ``sector``, ``order``, ``unit_vi``, ``unit_en``, ``label_vi``,
    ``label_en`` and ``synonyms`` (a tuple of lower-case Vietnamese phrases).

    Examples
    --------
    >>> load_taxonomy().set_index("code").loc["civil_servant", "sector"]
    'staffing'
    """
    table = pd.read_csv(reference_file("taxonomy.csv"), dtype=str, keep_default_na=False)
    table["order"] = table["order"].astype(int)
    table["synonyms"] = table["synonyms"].map(
        lambda s: tuple(x.strip() for x in s.split("|") if x.strip())
    )
    return table.sort_values("order").reset_index(drop=True)


@lru_cache(maxsize=1)
def load_sectors() -> pd.DataFrame:
    """Return the sectors, one row each, in report order (``code``, ``label_vi``, ``label_en``)."""
    table = pd.read_csv(reference_file("sectors.csv"), dtype=str, keep_default_na=False)
    table["order"] = table["order"].astype(int)
    return table.sort_values("order").reset_index(drop=True)


@lru_cache(maxsize=1)
def _categories_by_code() -> dict[str, dict[str, str]]:
    """Return each category's row (as strings) by its code: lookups without re-indexing."""
    return {str(row["code"]): row for row in load_taxonomy().astype(str).to_dict("records")}


@lru_cache(maxsize=1)
def _sectors_by_code() -> dict[str, dict[str, str]]:
    """Return each sector's row (as strings) by its code."""
    return {str(row["code"]): row for row in load_sectors().astype(str).to_dict("records")}


def category_codes() -> list[str]:
    """Return every category code, in report order."""
    return load_taxonomy()["code"].tolist()


def sector_codes(*, with_other: bool = False) -> list[str]:
    """Return the sector codes that get a report (``other`` only when asked).

    Examples
    --------
    >>> sector_codes()
    ['party', 'government', 'public_service', 'admin_units', 'staffing', 'central']
    """
    codes = load_sectors()["code"].tolist()
    return codes if with_other else [c for c in codes if c != "other"]


def sector_of(category: str) -> str:
    """Return the sector a category belongs to.

    Examples
    --------
    >>> sector_of("village")
    'admin_units'
    """
    row = _categories_by_code().get(category)
    if row is None:
        raise KeyError(f"unknown category {category!r}")
    return row["sector"]


def categories_of(sector: str) -> list[str]:
    """Return the category codes of a sector, in report order.

    Examples
    --------
    >>> categories_of("party")
    ['party_agency']
    """
    table = load_taxonomy()
    if sector not in set(load_sectors()["code"]):
        raise KeyError(f"unknown sector {sector!r}")
    return table.loc[table["sector"] == sector, "code"].tolist()


def category_label(category: str, lang: str = "vi") -> str:
    """Return the reader's label of a category.

    Examples
    --------
    >>> category_label("civil_servant"), category_label("civil_servant", "en")
    ('Công chức', 'Civil servants')
    """
    _check_lang(lang)
    row = _categories_by_code().get(category)
    return row[f"label_{lang}"] if row is not None else category


def category_unit(category: str, lang: str = "vi") -> str:
    """Return what a category counts ("người", "đơn vị" …) in the reader's language."""
    _check_lang(lang)
    row = _categories_by_code().get(category)
    return row[f"unit_{lang}"] if row is not None else ""


def sector_label(sector: str, lang: str = "vi") -> str:
    """Return the reader's label of a sector.

    Examples
    --------
    >>> sector_label("admin_units", "en")
    'Administrative units'
    """
    _check_lang(lang)
    row = _sectors_by_code().get(sector)
    return row[f"label_{lang}"] if row is not None else sector


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
