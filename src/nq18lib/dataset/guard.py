"""The guarded door of every input file: limits checked before anything is allocated.

Every reader (figure tables in CSV, XLSX, XLS, ODS; report texts in TXT, DOCX, HTML)
goes through :func:`guarded_read`, which turns any failure into a
:class:`~nq18lib.exceptions.DataError` naming the file (and the part, row or cell when
known) and the reason; and checks the limits of ``docs/limits.md`` first:

- :data:`MAX_INPUT_BYTES` for a file, :data:`MAX_UNZIPPED_BYTES` and
  :data:`MAX_ZIP_RATIO` for what a workbook or document expands to, before unzipping;
- no DTD or entity declaration in the XML of a workbook or document (none is ever
  written by Excel, LibreOffice or Word; "billion laughs" and external entities need one);
- :data:`MAX_CELLS` cells claimed by a sheet (rows × columns, merged ranges included),
  :data:`MAX_COLUMNS` columns of a CSV line, :data:`MAX_CELL_CHARS` characters in a cell;
- control characters (NUL …) in a cell are reported with their place, not dropped.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

from nq18lib.exceptions import DataError, Problem

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""The largest input file read (64 MiB; the national dataset is a few MiB)."""
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
"""The most a workbook or a document may expand to, all parts together (512 MiB)."""
MAX_ZIP_RATIO = 200
"""The largest compression ratio of a part larger than 1 MiB (real sheets stay below 50)."""
MAX_ZIP_MEMBERS = 10_000
"""The most parts a workbook or document may hold."""
MAX_CELLS = 20_000_000
"""The most cells (rows × columns) a sheet may claim, merged ranges included."""
MAX_ROWS = 1_048_576
"""The most rows of a table (Excel's limit)."""
MAX_COLUMNS = 16_384
"""The most columns of a table (Excel's limit, column XFD)."""
MAX_CELL_CHARS = 32_767
"""The longest cell (Excel's limit)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


class InputWarning(UserWarning):
    """Something was read with a guess or a repair the user should know about."""


def warn_input(file: str, reason: str) -> None:
    """Tell the user (one line on stderr in the CLI) how a file was read."""
    warnings.warn(f"{file}: {reason}", InputWarning, stacklevel=2)


def check_size(path: Path) -> int:
    """Return the size of an input file; refuse one larger than :data:`MAX_INPUT_BYTES`."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise DataError(Problem(str(path), None, None, f"cannot read: {_oserror(err)}")) from None
    if not path.is_file():
        raise DataError(Problem(str(path), None, None, "not a regular file"))
    if size > MAX_INPUT_BYTES:
        raise DataError(
            Problem(
                str(path),
                None,
                None,
                f"the file is {size:,} bytes, more than the limit of {MAX_INPUT_BYTES:,} "
                "(docs/limits.md); split it",
            )
        )
    return size


def read_bytes(path: Path) -> bytes:
    """Read an input file whole, within :data:`MAX_INPUT_BYTES`."""
    check_size(path)
    try:
        return path.read_bytes()
    except OSError as err:
        raise DataError(Problem(str(path), None, None, f"cannot read: {_oserror(err)}")) from None


def _oserror(err: OSError) -> str:
    return err.strerror or type(err).__name__


@contextlib.contextmanager
def guarded_read(file: str, what: str = "the file") -> Iterator[None]:
    """Turn any failure inside the block into a DataError on ``file`` (never a traceback).

    A :class:`DataError` raised inside passes as it is; anything else (a broken zip, a
    parser error, an index out of range in a damaged workbook, an exhausted memory or
    recursion) becomes one problem: ``cannot read {what}: {reason}``.
    """
    try:
        yield
    except DataError:
        raise
    except MemoryError:
        raise DataError(
            Problem(file, None, None, f"cannot read {what}: it needs more memory than there is")
        ) from None
    except RecursionError:
        raise DataError(
            Problem(file, None, None, f"cannot read {what}: it is nested too deeply")
        ) from None
    except OSError as err:
        raise DataError(Problem(file, None, None, f"cannot read {what}: {_oserror(err)}")) from None
    except Exception as err:
        name = type(err).__name__
        text = str(err).splitlines()[0][:200] if str(err) else ""
        raise DataError(
            Problem(file, None, None, f"cannot read {what}: {name}{': ' + text if text else ''}")
        ) from None


def open_zip(path: Path, kind: str) -> zipfile.ZipFile:
    """Open a workbook or document after checking its parts against the limits.

    Refuses a file that is not a zip archive, holds too many parts, or whose parts would
    expand beyond :data:`MAX_UNZIPPED_BYTES` or :data:`MAX_ZIP_RATIO` (a zip bomb), before
    anything is unzipped.
    """
    file = str(path)
    check_size(path)
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise DataError(
            Problem(file, None, None, f"not a {kind} file (not a zip archive: {err})")
        ) from None
    infos = book.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        book.close()
        raise DataError(Problem(file, None, None, f"{len(infos):,} parts: not a real {kind}"))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > MAX_ZIP_RATIO:
            book.close()
            raise DataError(
                Problem(
                    file,
                    None,
                    info.filename,
                    f"part {info.filename!r} expands {ratio:,.0f} times "
                    f"(limit {MAX_ZIP_RATIO}, docs/limits.md): refused as a zip bomb",
                )
            )
    if total > MAX_UNZIPPED_BYTES:
        book.close()
        raise DataError(
            Problem(
                file,
                None,
                None,
                f"the {kind} expands to {total:,} bytes, more than the limit of "
                f"{MAX_UNZIPPED_BYTES:,} (docs/limits.md)",
            )
        )
    return book


def read_part(book: zipfile.ZipFile, name: str, file: str) -> bytes:
    """Read one XML part of a zip; refuse a DTD or an entity declaration in it."""
    try:
        data = book.read(name)
    except KeyError:
        raise DataError(Problem(file, None, name, f"the part {name!r} is missing")) from None
    check_xml(data, file, name)
    return data


def check_xml(data: bytes, file: str, part: str) -> None:
    """Refuse XML that declares a DTD or entities (entity expansion, external entities)."""
    if _DTD.search(data):
        raise DataError(
            Problem(
                file,
                None,
                part,
                f"{part}: XML with a DTD or entity declarations is refused "
                "(entity expansion or external entities)",
            )
        )


def control_character(text: str) -> str | None:
    r"""Return a description of the first control character of a text, or None.

    Tab, line feed and carriage return are not control characters here.

    Examples
    --------
    >>> control_character("Hà\x00 Nam")
    'a control character U+0000 (NUL) at character 3'
    >>> control_character("Hà Nam") is None
    True
    """
    m = _CONTROL.search(text)
    if m is None:
        return None
    ch = m.group()
    name = _CONTROL_NAMES.get(ch) or unicodedata.name(ch, "") or "control"
    return f"a control character U+{ord(ch):04X} ({name}) at character {m.start() + 1}"


def has_control(text: str) -> bool:
    """Whether a text holds a control character (other than tab and line ends)."""
    return _CONTROL.search(text) is not None


_CONTROL_NAMES = {"\x00": "NUL", "\x1a": "SUB", "\x1b": "ESC", "\x7f": "DEL", "\x0c": "FF"}


def describe_magic(raw: bytes) -> str | None:
    r"""Name what a file really is from its first bytes, when it is not text.

    Examples
    --------
    >>> describe_magic(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1...")
    'ole2'
    >>> describe_magic(b"figure_id,source_id") is None
    True
    """
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole2"
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        return "zip"
    if raw.startswith(b"%PDF"):
        return "pdf"
    return None


def zip_kind(book: zipfile.ZipFile) -> str:
    """Tell an XLSX, an ODS, a DOCX or another zip apart by their parts."""
    names = set(book.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names:
        with contextlib.suppress(Exception):
            mime = book.read("mimetype")[:100]
            if b"spreadsheet" in mime:
                return "ods"
            if b"text" in mime:
                return "odt"
    return "zip"


ZIP_NAMES = {
    "xlsx": "an Excel workbook (.xlsx)",
    "docx": "a Word document (.docx)",
    "ods": "an OpenDocument spreadsheet (.ods)",
    "odt": "an OpenDocument text (.odt)",
    "zip": "a zip archive that is neither a workbook nor a document",
}
