"""The dataset: figure tables read, typed, validated and written by the data contract.

Import rule: ``dataset`` imports the shared modules and ``reference``; never a later stage
(``extract``, ``metrics``, ``audit``, ``report``, ``runner``, ``cli``). The names below are
imported on first use (``READER`` and ``figure_files`` without pandas).
"""

_NAMES = {
    "READER": "nq18lib.dataset.reader",
    "figure_files": "nq18lib.dataset.reader",
    "load_figures": "nq18lib.dataset.figures",
    "read_table": "nq18lib.dataset.figures",
    "validate_figures": "nq18lib.dataset.figures",
    "write_figures": "nq18lib.dataset.figures",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str):
    """Import a name of the dataset stage on first use."""
    if name in _NAMES:
        import importlib

        value = getattr(importlib.import_module(_NAMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'nq18lib.dataset' has no attribute {name!r}")
