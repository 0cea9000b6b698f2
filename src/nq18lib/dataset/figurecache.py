"""Figures parsed once while their files are unchanged: per process, and once per project.

A report run parses the same data files in its main process (to validate them and plan the
grid) and in every kernel (each report loads them). :func:`cached_by_content` makes
:func:`nq18lib.dataset.figures.load_figures` and :func:`nq18lib.dataset.sources.load_sources`
parse and validate a set of file contents once per process, and hand each caller its own
copy (a report that changes its frame changes nothing for the next). The key is the SHA-256
of every file read, so an edited file is read again at once.

With a :class:`FrameStore` the parsed frame is also kept on disk, in the project's cache
(:func:`nq18lib.paths.cache_dir`, ``<project>/.nq18/cache``), so the other processes of a
run, and later runs, read it instead of parsing: the main process of ``nq18 run`` parses
and writes it, the kernels read it. A stored frame is found by a key that covers everything
the parse depends on (:meth:`FrameStore.key`): the contents and names of the files read, the
loader's options, the contents of the reference tables, the source of the code that parses
(the dataset and reference stages and the shared modules they may import) and the versions
of Python, pandas and numpy. Files are written atomically and vouch for their own content
(:mod:`nq18lib.dataset.framefile`); a missing, truncated, altered or unreadable one is
parsed again, a cache that cannot be written is left alone: the cache can make a load
faster, never different.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import json
import os
import platform
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from nq18lib import paths
from nq18lib.dataset import framefile
from nq18lib.provenance import known_sha256

CACHED_LOADS = 4
"""Distinct sets of files kept per process (the shipped data, a test fixture, synthetic data …)."""
STORED_FRAMES = 8
"""Frames kept on disk per store: the newest used; older ones are removed."""
PARSING_CODE = ("dataset", "reference")
"""The sub-packages whose source a stored frame depends on, besides the shared modules
(``nq18lib/*.py``): by the import rule of ``dataset`` nothing else takes part in a parse."""


@functools.lru_cache(maxsize=1)
def parsing_code_hash() -> str:
    """Return one hash of the source of the code that reads, types and validates figures.

    Taken once per process: a process runs the code it imported, whatever is on disk later.
    """
    package = paths.PACKAGE_DIR
    files = sorted(package.glob("*.py"))
    for name in PARSING_CODE:
        files += sorted((package / name).rglob("*.py"))
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.relative_to(package).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


def reference_hashes() -> list[tuple[str, str]]:
    """Return ``(name, sha256)`` of every reference table (taxonomy, provinces, headers …)."""
    folder = paths.REFERENCE_DIR
    if not folder.is_dir():
        return []
    return [(p.name, known_sha256(p)) for p in sorted(folder.iterdir()) if p.is_file()]


class FrameStore:
    """Frames kept on disk in the project's cache, for a loader of files.

    The loader's result must depend only on the files it reads, its options and the
    parsing code.

    Parameters
    ----------
    name : str
        The store's folder in the cache (``figures``).
    attrs : callable
        ``attrs(files)``: the ``attrs`` the loader gives its result for those files. A
        frame with other attrs is not stored; a stored one gets them back when read (they
        name the files as the caller gave them).
    stored_options : sequence of str
        The loader's options a stored frame may have been loaded with (others, when set,
        keep the load in memory only: ``keep_going`` results carry their problems).
    """

    def __init__(
        self,
        name: str,
        attrs: Callable[[Sequence[Path]], dict[str, Any]],
        stored_options: Sequence[str] = (),
    ):
        self.name = name
        self.attrs = attrs
        self.stored_options = tuple(stored_options)

    def folder(self) -> Path | None:
        """Return the store's folder, or None when the project's cache is turned off."""
        root = paths.cache_dir()
        return None if root is None else root / self.name

    def storable(self, options: Mapping[str, Any]) -> bool:
        """Whether a load with these options may be stored."""
        return all(k in self.stored_options or not v for k, v in options.items())

    def key(self, files: Sequence[Path], hashes: Sequence[str], options: Mapping[str, Any]) -> str:
        """Return the key of a load: it changes with anything the parsed frame depends on."""
        import numpy

        document = {
            "store": self.name,
            "format": framefile.FORMAT,
            "code": parsing_code_hash(),
            "python": platform.python_version(),
            "pandas": pd.__version__,
            "numpy": numpy.__version__,
            "reference": reference_hashes(),
            "options": sorted((k, repr(v)) for k, v in options.items()),
            "files": [[Path(f).name, sha] for f, sha in zip(files, hashes, strict=True)],
        }
        return hashlib.sha256(json.dumps(document, ensure_ascii=False).encode()).hexdigest()

    def read(
        self, files: Sequence[Path], hashes: Sequence[str], options: Mapping[str, Any]
    ) -> pd.DataFrame | None:
        """Return the stored frame of a load, or None (nothing stored, or not trusted)."""
        folder = self.folder()
        if folder is None or not self.storable(options):
            return None
        try:
            path = folder / f"{self.key(files, hashes, options)}.frame"
            frame = framefile.read_frame(path.read_bytes(), path.stem)
        except (OSError, ValueError):
            return None
        if frame is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # the newest used are the ones kept
            frame.attrs = self.attrs(files)
        return frame

    def write(
        self,
        files: Sequence[Path],
        hashes: Sequence[str],
        options: Mapping[str, Any],
        frame: pd.DataFrame,
    ) -> Path | None:
        """Store a frame loaded from ``files`` (atomically); return its path, or None.

        Nothing is stored when the cache is off, the options or the frame's attrs are not
        storable, the frame cannot be kept exactly, or the folder cannot be written.
        """
        folder = self.folder()
        if folder is None or not self.storable(options) or frame.attrs != self.attrs(files):
            return None
        try:
            key = self.key(files, hashes, options)
            data = framefile.frame_bytes(frame, key)
            if data is None:
                return None
            path = folder / f"{key}.frame"
            paths.write_atomic(path, data)
        except (OSError, ValueError):
            return None
        self.prune(folder)
        return path

    def prune(self, folder: Path) -> None:
        """Remove all but the :data:`STORED_FRAMES` most recently used frames."""
        found = []
        for path in folder.glob("*.frame"):
            with contextlib.suppress(OSError):
                found.append((path.stat().st_mtime_ns, path))
        for _, path in sorted(found, reverse=True)[STORED_FRAMES:]:
            with contextlib.suppress(OSError):
                path.unlink()


def cached_by_content(
    expand: Callable[[Any], list[Path]],
    store: FrameStore | None = None,
) -> Callable[[Callable[..., pd.DataFrame]], Callable[..., pd.DataFrame]]:
    """Decorate a figures loader so that it parses the same file contents only once.

    ``expand`` turns the loader's ``paths`` argument into the list of files it reads;
    ``store``, when given, keeps the parsed frames on disk for other processes too. The
    decorated loader gains ``cache_clear()`` (this process's frames). Loads that raise are
    not cached.
    """

    def decorate(load: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
        kept: OrderedDict[tuple, pd.DataFrame] = OrderedDict()

        @functools.wraps(load)
        def cached(paths: Any = None, **options: Any) -> pd.DataFrame:
            try:
                files = expand(paths)
                hashes = [known_sha256(f) for f in files]
            except (OSError, TypeError):  # a missing file: the loader says what is wrong
                return load(paths, **options)
            key = (
                tuple(zip(map(str, files), hashes, strict=True)),
                tuple(sorted(options.items())),
            )
            frame = kept.get(key)
            if frame is None:
                frame = store.read(files, hashes, options) if store is not None else None
                if frame is None:
                    frame = load(paths, **options)
                    if store is not None:
                        store.write(files, hashes, options, frame)
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
