"""A typed figures frame as a checked file: written exactly, read back exactly, or not at all.

The on-disk layer of the figures cache (:mod:`nq18lib.dataset.figurecache`) keeps a parsed
and validated frame in this form. It is plain data, never code (JSON, not pickle: reading a
cache file cannot run anything), and it vouches for itself:

- a first line ``nq18-frame <format> <sha256 of the rest>``: a truncated, cut or altered
  file fails the check and is not used;
- the key it was written for, checked against the key asked for (a file copied or renamed
  over another key's name is not used);
- only the dtypes of the data contract (``string``, ``Int64``, ``Float64``) and a default
  ``RangeIndex``; a frame with anything else is not written (:func:`frame_bytes` returns
  None), and a frame is written only when reading it back gives it exactly
  (:func:`same_frame`: columns, dtypes, missing cells, every value, floats to the bit).

:func:`read_frame` returns None on anything unexpected; the caller then parses the data
files as if there were no cache.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import numpy as np
import pandas as pd

FORMAT = 1
"""The version of the layout below; a file of another version is not read."""
MAGIC = b"nq18-frame"
DTYPES = ("string", "Int64", "Float64")
"""The dtypes a frame file holds: those of the data contract (``COLUMNS`` of ``contract``)."""


def _dtype_name(series: pd.Series) -> str | None:
    """Return the contract dtype of a column, or None when it has another one."""
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype):
        return "string" if dtype == pd.StringDtype("python") else None
    if isinstance(dtype, (pd.Int64Dtype, pd.Float64Dtype)):
        return str(dtype)
    return None


def _values(series: pd.Series, dtype: str) -> list[Any] | None:
    """Return a column's cells as JSON values (None for a missing one).

    None when a cell is not what its dtype promises (a NaN that is not missing, an
    infinite value …).
    """
    out: list[Any] = []
    missing = series.isna().to_numpy()
    for value, gone in zip(series.to_numpy(dtype=object), missing, strict=True):
        if gone:
            out.append(None)
        elif dtype == "string":
            out.append(str(value))
        elif dtype == "Int64":
            out.append(int(value))
        else:
            number = float(value)
            if not math.isfinite(number):
                return None
            out.append(number)
    return out


def _array(values: list[Any], dtype: str) -> Any:
    """Return a column's array, checking every cell's type.

    A missing count or percent holds 0 under its mask, as the parse leaves it.
    """
    kinds = {"string": (str,), "Int64": (int,), "Float64": (int, float)}[dtype]
    for value in values:
        if value is not None and (not isinstance(value, kinds) or isinstance(value, bool)):
            raise ValueError(f"{value!r} is not a {dtype} cell")
    if dtype == "string":
        return pd.array(values, dtype="string[python]")
    mask = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    if dtype == "Int64":
        data = np.fromiter((0 if v is None else v for v in values), np.int64, len(values))
        return pd.arrays.IntegerArray(data, mask)
    data = np.fromiter((0.0 if v is None else v for v in values), np.float64, len(values))
    return pd.arrays.FloatingArray(data, mask)


def _build(columns: list[Any], rows: int) -> pd.DataFrame:
    data = {}
    for name, dtype, values in columns:
        if dtype not in DTYPES or not isinstance(values, list) or len(values) != rows:
            raise ValueError(f"column {name!r}: not a {rows}-row column of a contract dtype")
        data[name] = _array(values, dtype)
    frame = pd.DataFrame(data, index=pd.RangeIndex(rows))
    if list(frame.columns) != [c[0] for c in columns]:
        raise ValueError("repeated column names")
    return frame


def same_frame(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Whether two frames hold the same columns, dtypes, index and cells (floats to the bit).

    >>> x = pd.DataFrame({"n": pd.array([1, None], dtype="Int64")})
    >>> same_frame(x, x.copy()), same_frame(x, x.astype("Float64"))
    (True, False)
    """
    if list(a.columns) != list(b.columns) or not a.index.equals(b.index):
        return False
    if type(a.index) is not type(b.index):
        return False
    for name in a.columns:
        left, right = a[name], b[name]
        if left.dtype != right.dtype or str(left.dtype) != str(right.dtype):
            return False
        gone = left.isna().to_numpy()
        if not (gone == right.isna().to_numpy()).all():
            return False
        for x, y in zip(left[~gone].to_numpy(object), right[~gone].to_numpy(object), strict=True):
            if type(x) is not type(y):
                return False
            if isinstance(x, float) and x.hex() != y.hex():
                return False
            if x != y:
                return False
    return True


def frame_bytes(frame: pd.DataFrame, key: str) -> bytes | None:
    """Return the file form of a frame for ``key``, or None when it cannot be kept exactly.

    Only a frame with a default ``RangeIndex``, unique string column names and contract
    dtypes is kept, and only when reading the bytes back gives the same frame.
    """
    index = frame.index
    if not isinstance(index, pd.RangeIndex) or index.start != 0 or index.step != 1:
        return None
    names = list(frame.columns)
    if len(set(names)) != len(names) or not all(isinstance(n, str) for n in names):
        return None
    columns = []
    for name in names:
        dtype = _dtype_name(frame[name])
        values = _values(frame[name], dtype) if dtype else None
        if values is None:
            return None
        columns.append([name, dtype, values])
    payload = json.dumps(
        {"key": key, "rows": len(frame), "columns": columns},
        ensure_ascii=False,
        allow_nan=False,
        separators=(",", ":"),
    ).encode("utf-8")
    data = _header(payload) + payload
    back = read_frame(data, key)
    if back is None or not same_frame(frame, back):
        return None
    return data


def _header(payload: bytes) -> bytes:
    return b"%s %d %s\n" % (MAGIC, FORMAT, hashlib.sha256(payload).hexdigest().encode())


def read_frame(data: bytes, key: str) -> pd.DataFrame | None:
    """Return the frame a file holds for ``key``; None when the file does not vouch for it.

    None when the first line is not this format's, the checksum does not match the rest,
    the file was written for another key, or a column is not what a frame file holds.
    """
    head, _, payload = data.partition(b"\n")
    parts = head.split(b" ")
    if len(parts) != 3 or parts[0] != MAGIC or parts[1] != str(FORMAT).encode():
        return None
    if hashlib.sha256(payload).hexdigest().encode() != parts[2]:
        return None
    try:
        document = json.loads(payload)
        if not isinstance(document, dict) or document.get("key") != key:
            return None
        rows, columns = document["rows"], document["columns"]
        if not isinstance(rows, int) or rows < 0 or not isinstance(columns, list):
            return None
        return _build(columns, rows)
    except (ValueError, TypeError, KeyError, OverflowError):
        return None
