"""nq18lib: figures on how Vietnam's provinces carried out Resolution 18-NQ/TW.

The public API, so that a notebook can say ``import nq18lib as nq``.
"""

from nq18lib.dataset import load_figures, validate_figures, write_figures
from nq18lib.exceptions import DataError, Nq18Error, NumberFormatError, ParameterError, Problem
from nq18lib.numerals import format_number, format_percent, parse_count, parse_decimal
from nq18lib.taxonomy import (
    categories_of,
    category_label,
    load_taxonomy,
    sector_codes,
    sector_label,
    sector_of,
)

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Nq18Error",
    "NumberFormatError",
    "ParameterError",
    "Problem",
    "__version__",
    "categories_of",
    "category_label",
    "format_number",
    "format_percent",
    "load_figures",
    "load_taxonomy",
    "parse_count",
    "parse_decimal",
    "sector_codes",
    "sector_label",
    "sector_of",
    "validate_figures",
    "write_figures",
]
