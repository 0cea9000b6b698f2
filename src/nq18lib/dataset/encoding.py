r"""Text encodings of CSV files: UTF-8 (with or without BOM), UTF-16, and the legacy ones.

Vietnamese spreadsheets still travel in two legacy 8-bit encodings:

- **Windows-1258** (CP1258): Latin-1 letters plus ă, â, ê, ô, ơ, ư, đ, with the tone marks
  written as separate *combining* characters ("Hà" is ``H`` ``a`` ``U+0300``). It is read
  and the text is normalised to NFC, so that "Hà" compares equal to its UTF-8 spelling.
- **TCVN3** (ABC, the .VnTime fonts): letters with tones sit in the byte range 0xA1–0xFE,
  most of which Windows-1258 uses for symbols ("Hµ Nam" is how "Hà Nam" shows when
  read as Latin-1). There is no codec for it in Python and guessing would alter names,
  so it is refused with a message telling how to convert it.

Every decoded text is NFC-normalised.

>>> decode_text(encode_cp1258("Tỉnh Hà Nam"), "f.csv")
('Tỉnh Hà Nam', 'windows-1258')
>>> decode_text(b"\xef\xbb\xbfH\xc3\xa0", "f.csv")
('Hà', 'utf-8-sig')
"""

from __future__ import annotations

import unicodedata

from nq18lib.dataset.guard import warn_input
from nq18lib.exceptions import DataError, Problem

# Windows-1258 bytes of the Vietnamese letters that Latin-1 lacks: Ă ă Â â Ê ê Ô ô Ơ ơ Ư ư Đ đ.
_CP1258_LETTERS = frozenset(b"\xc3\xe3\xc2\xe2\xca\xea\xd4\xf4\xd5\xf5\xdd\xfd\xd0\xf0")
# Windows-1258 combining tone marks: grave, acute, hook above, tilde, dot below.
_CP1258_TONES = frozenset(b"\xcc\xec\xd2\xde\xf2")
_VOWELS = frozenset(b"aeiouyAEIOUY") | _CP1258_LETTERS - frozenset(b"\xd0\xf0")
# In TCVN3 these bytes are lower-case letters with tones (0xB5 à, 0xB8 á, 0xA8 ă, 0xAE đ …);
# in Windows-1258 they are symbols (µ ¸ ¨ ®) that a table of figures hardly ever holds.
_TCVN3_MARKERS = frozenset(range(0xA1, 0xC0))
# Latin-1 letters that Vietnamese never uses: a text "decoded" from VNI (which writes
# "Việt" as "Vie" + 0xE4) is full of them.
_NOT_VIETNAMESE = frozenset("ÄÅÆÇËÎÏÑÖØÛÜÞßäåæçëîïñöøûüþÿ")


def decode_text(raw: bytes, file: str = "") -> tuple[str, str]:
    """Decode the bytes of a text file and return ``(text, encoding)``; text is NFC.

    Raises
    ------
    DataError
        When the bytes are TCVN3 (ABC) or in no encoding that can be read without guessing.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return _nfc(_decode(raw[3:], "utf-8", file)), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nfc(_decode(raw, "utf-16", file)), "utf-16"
    wide = _utf16_without_bom(raw)
    if wide:
        text = _nfc(_decode(raw, wide, file))
        warn_input(
            file,
            f"read as {wide.upper()} without a byte-order mark (a guess from its zero bytes); "
            "check the names, or save it as 'CSV UTF-8'",
        )
        return text, wide
    try:
        return _nfc(raw.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    legacy = detect_legacy(raw)
    line = raw[:first_bad].count(b"\n") + 1
    if legacy == "windows-1258":
        text = _nfc(raw.decode("cp1258", errors="strict"))
        foreign = sorted(set(text) & _NOT_VIETNAMESE)
        if not foreign:
            warn_input(
                file,
                "not UTF-8: read as Windows-1258 (a guess from its bytes); check the names, "
                "or save it as 'CSV UTF-8'",
            )
            return text, legacy
        reason = (
            "the file is in a legacy encoding that is neither UTF-8 nor Windows-1258 (VNI?): "
            f"read as Windows-1258 it has letters Vietnamese does not use ({''.join(foreign)}); "
            "convert it to Unicode (Unikey: Công cụ chuyển mã) or save it as 'CSV UTF-8'"
        )
        raise DataError(Problem(file, None, None, reason))
    if legacy == "tcvn3":
        reason = (
            "the file is in the legacy TCVN3 (ABC, .VnTime) encoding, which cannot be read "
            "without guessing; convert it to Unicode first (Unikey: Công cụ chuyển mã, from "
            "TCVN3 (ABC) to Unicode, or save it from Excel as 'CSV UTF-8') and validate again"
        )
    else:
        reason = (
            f"the file is not UTF-8 (first bad byte 0x{raw[first_bad]:02X} at line {line}) "
            "and not Windows-1258; save it as 'CSV UTF-8'"
        )
    raise DataError(Problem(file, None, None, reason))


def _utf16_without_bom(raw: bytes) -> str | None:
    """Return "utf-16-le" or "utf-16-be" when zero bytes fill every other place of the text.

    Examples
    --------
    >>> _utf16_without_bom("figure_id,Hà Nam".encode("utf-16-le"))
    'utf-16-le'
    >>> _utf16_without_bom(b"figure_id,x") is None
    True
    """
    head = raw[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def detect_legacy(raw: bytes) -> str | None:
    r"""Tell a legacy Vietnamese encoding from its characteristic bytes.

    Returns "windows-1258", "tcvn3" or None (neither can be recognised).

    Examples
    --------
    >>> detect_legacy(encode_cp1258("Tỉnh Hà Nam"))
    'windows-1258'
    >>> detect_legacy(b"T\xd8nh H\xb5 Nam")
    'tcvn3'
    """
    cp1258 = tcvn3 = 0
    previous = 0
    for byte in raw:
        if byte >= 0x80:
            if byte in _CP1258_TONES and previous in _VOWELS:
                cp1258 += 2
            elif byte in _CP1258_LETTERS:
                cp1258 += 1
            if byte in _TCVN3_MARKERS:
                tcvn3 += 1
        previous = byte
    if tcvn3 > cp1258:
        return "tcvn3"
    if cp1258:
        try:
            raw.decode("cp1258")
        except UnicodeDecodeError:
            return None
        return "windows-1258"
    return None


def encode_cp1258(text: str) -> bytes:
    r"""Encode text as Windows-1258 writes it: letters precomposed, tones combining.

    Python's ``cp1258`` codec encodes only the letters the code page holds whole; this
    splits the others into a letter and a combining tone mark first. Used to make test
    files.

    Examples
    --------
    >>> encode_cp1258("Tỉnh")
    b'Ti\xd2nh'
    """
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        out += (base + tones).encode("cp1258")
    return bytes(out)


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _decode(raw: bytes, encoding: str, file: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(
            Problem(file, None, None, f"not valid {encoding} text (byte {err.start}, line {line})")
        ) from None


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)
