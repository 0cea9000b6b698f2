"""The dataset: figure tables read, typed, validated and written by the data contract.

Import rule: ``dataset`` imports the shared modules and ``reference``; never a later stage
(``extract``, ``metrics``, ``audit``, ``report``, ``runner``, ``cli``).
"""

from nq18lib.dataset.figures import (
    READER,
    figure_files,
    load_figures,
    read_table,
    validate_figures,
    write_figures,
)

__all__ = [
    "READER",
    "figure_files",
    "load_figures",
    "read_table",
    "validate_figures",
    "write_figures",
]
