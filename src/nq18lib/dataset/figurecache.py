"""Figures read once per process while their files are unchanged, keyed by the files' hashes.

A kept kernel builds hundreds of reports from the same data files: :func:`cached_by_content`
makes :func:`nq18lib.dataset.figures.load_figures` and
:func:`nq18lib.dataset.sources.load_sources` parse and validate them once, and hand each
caller its own copy (a report that changes its frame changes nothing for the next).
The key is the SHA-256 of every file read, so an edited file is read again at once.
"""

from __future__ import annotations

import copy
import functools
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from nq18lib.provenance import file_sha256

CACHED_LOADS = 4
"""Distinct sets of files kept (the shipped data, a test fixture, synthetic data …)."""


def cached_by_content(
    expand: Callable[[Any], list[Path]],
) -> Callable[[Callable[..., pd.DataFrame]], Callable[..., pd.DataFrame]]:
    """Decorate a figures loader so that it parses the same file contents only once.

    ``expand`` turns the loader's ``paths`` argument into the list of files it reads. The
    decorated loader gains ``cache_clear()``. Loads that raise are not cached.
    """

    def decorate(load: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
        kept: OrderedDict[tuple, pd.DataFrame] = OrderedDict()

        @functools.wraps(load)
        def cached(paths: Any = None, **options: Any) -> pd.DataFrame:
            try:
                files = expand(paths)
                key = (
                    tuple((str(f), file_sha256(f)) for f in files),
                    tuple(sorted(options.items())),
                )
            except (OSError, TypeError):  # a missing file: the loader says what is wrong
                return load(paths, **options)
            frame = kept.get(key)
            if frame is None:
                frame = load(paths, **options)
                kept[key] = frame
                while len(kept) > CACHED_LOADS:
                    kept.popitem(last=False)
            else:
                kept.move_to_end(key)
            return _copy(frame)

        cached.cache_clear = kept.clear  # type: ignore[attr-defined]
        return cached

    return decorate


def _copy(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy(deep=True)
    out.attrs = copy.deepcopy(frame.attrs)
    return out
