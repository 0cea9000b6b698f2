"""Reading and writing numbers the Vietnamese way.

In Vietnamese writing "." groups thousands and "," marks decimals: ``1.503`` is one
thousand five hundred and three and ``36,4%`` is 36.4 percent. Spreadsheets typed by
hand mix that with English writing, so the readers here accept both where the reading
is unambiguous and raise :class:`~nq18lib.exceptions.NumberFormatError` where it is not.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from nq18lib.exceptions import NumberFormatError

MAX_COUNT = 999_999_999
"""The largest count read (a country's staff or units are far below it); larger is refused."""
MAX_RATE = 1_000_000_000.0
"""The largest absolute percent or rate read; larger is refused."""
MAX_NUMBER_LENGTH = 40
"""The longest text read as a number (signs, digits, marks): longer is refused unread."""

# Every pattern is ASCII-only: other decimal digits are first turned into ASCII ones.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_DOT_GROUPED = re.compile(r"^[1-9][0-9]{0,2}(\.[0-9]{3})+$")
_COMMA_GROUPED = re.compile(r"^[1-9][0-9]{0,2}(,[0-9]{3})+$")
_PLAIN = re.compile(r"^[0-9]+$")
_VN_DECIMAL = re.compile(r"^([0-9]{1,3}(\.[0-9]{3})+|[0-9]+),([0-9]+)$")
_EN_DECIMAL = re.compile(r"^([0-9]{1,3}(,[0-9]{3})+|[0-9]+)\.([0-9]+)$")


@dataclass(frozen=True)
class Decimal:
    """A decimal number together with how many decimals were written.

    ``Decimal(25.0, 1)`` is "25,0": the number of decimals matters for the
    rounding audit (25,0% is not the same claim as 25%).
    """

    value: float
    decimals: int


def ascii_digits(text: str) -> str:
    """Write every Unicode decimal digit of a text as its ASCII digit.

    Full-width (``１２``), Arabic-Indic (``١٢``), Devanagari and every other digit that
    Unicode calls decimal (category Nd) are read as that digit. Other characters that
    look like digits (superscripts ``²``, circled ``①``, fractions) are refused.

    Raises
    ------
    NumberFormatError
        When the text holds a digit-like character that is not a decimal digit.

    Examples
    --------
    >>> ascii_digits("１.５０３"), ascii_digits("٣٦,٤")
    ('1.503', '36,4')
    >>> ascii_digits("10²")
    Traceback (most recent call last):
    ...
    nq18lib.exceptions.NumberFormatError: '10²' holds '²' (U+00B2 SUPERSCRIPT TWO), ...
    """
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            out.append(str(digit))
        elif ch.isdigit() or ch.isnumeric():
            name = unicodedata.name(ch, "?")
            raise NumberFormatError(
                f"{text!r} holds {ch!r} (U+{ord(ch):04X} {name}), which is not a decimal "
                "digit; write the number with the digits 0-9"
            )
        else:
            out.append(ch)
    return "".join(out)


def _clean(text: object) -> str:
    raw = str(text)
    if len(raw) > 4 * MAX_NUMBER_LENGTH:
        raise NumberFormatError(f"{raw[:20]!r}… is {len(raw)} characters long: not a number")
    s = ascii_digits(_SPACES.sub("", raw).strip())
    if len(s) > MAX_NUMBER_LENGTH:
        raise NumberFormatError(f"{s[:20]!r}… is {len(s)} characters long: not a number")
    if s.startswith("+"):
        s = s[1:]
    return s


def _checked_count(value: int, text: object) -> int:
    if abs(value) > MAX_COUNT:
        raise NumberFormatError(
            f"{str(text).strip()!r} is beyond any count ({MAX_COUNT:,} at most)".replace(",", ".")
        )
    return value


def _checked_rate(value: float, text: object) -> float:
    if not math.isfinite(value) or abs(value) > MAX_RATE:
        raise NumberFormatError(f"{str(text).strip()!r} is beyond any percent or rate")
    return value


def parse_count(text: object) -> int:
    """Read a whole number written the Vietnamese or the plain way.

    Parameters
    ----------
    text : object
        ``"1.503"``, ``"1503"``, ``"1 503"``, ``"-3"`` or an int.

    Returns
    -------
    int

    Raises
    ------
    NumberFormatError
        When the text is not a whole number, or when it could be read two ways
        (``"1,503"`` is 1,503 in Vietnamese writing but 1503 in English).

    Examples
    --------
    >>> parse_count("1.503"), parse_count("15327"), parse_count("03")
    (1503, 15327, 3)
    >>> parse_count("1,503")
    Traceback (most recent call last):
    ...
    nq18lib.exceptions.NumberFormatError: '1,503' is ambiguous: ...
    """
    if isinstance(text, bool):
        raise NumberFormatError(f"{text!r} is not a number")
    if isinstance(text, int):
        return _checked_count(text, text)
    if isinstance(text, float):
        if math.isfinite(text) and text == int(text):
            return _checked_count(int(text), text)
        raise NumberFormatError(f"{text!r} is not a whole number")
    s = _clean(text)
    negative = s.startswith("-") or s.startswith("\u2212")
    body = s[1:] if negative else s
    if _PLAIN.match(body) or _DOT_GROUPED.match(body):
        value = int(body.replace(".", ""))
        return _checked_count(-value if negative else value, s)
    if _COMMA_GROUPED.match(body):
        whole, plain = body.replace(",", "."), body.replace(",", "")
        if body.count(",") == 1:
            head, tail = body.split(",")
            reading = f"it is {head} and {int(tail)}/1000, not a whole number"
        else:
            reading = "it cannot be a Vietnamese number at all"
        raise NumberFormatError(
            f"{s!r} is ambiguous: ',' is the Vietnamese decimal comma, so {reading}; if "
            f"{plain} was meant, write {whole} or {plain}"
        )
    if body.endswith("%"):
        raise NumberFormatError(f"{s!r} is a percent where a count was expected")
    if _VN_DECIMAL.match(body) or _EN_DECIMAL.match(body):
        raise NumberFormatError(f"{s!r} is not a whole number")
    raise NumberFormatError(f"{s!r} is not a number")


def parse_decimal(text: object) -> Decimal:
    """Read a decimal number (a percent, a rate) and how many decimals it shows.

    A trailing ``%`` is allowed and dropped. ``","`` is the decimal mark; ``"."``
    is read as a decimal mark only when it cannot be a thousands separator
    (``"14.4"``, ``"0.125"``), and as a thousands separator when followed by
    groups of exactly three digits (``"1.503"``).

    Examples
    --------
    >>> parse_decimal("36,4%")
    Decimal(value=36.4, decimals=1)
    >>> parse_decimal("14.4"), parse_decimal("25,0")
    (Decimal(value=14.4, decimals=1), Decimal(value=25.0, decimals=1))
    >>> parse_decimal("8")
    Decimal(value=8.0, decimals=0)
    >>> parse_decimal("1.503,25").value
    1503.25
    """
    if isinstance(text, bool):
        raise NumberFormatError(f"{text!r} is not a number")
    if isinstance(text, int):
        if abs(text) > MAX_RATE:
            raise NumberFormatError(f"{text!r} is beyond any percent or rate")
        return Decimal(float(text), 0)
    if isinstance(text, float):
        if not math.isfinite(text):
            raise NumberFormatError(f"{text!r} is not a finite number")
        return Decimal(_checked_rate(text, text), _float_decimals(text))
    s = _clean(text)
    parsed = _parse_decimal_text(s, text)
    return Decimal(_checked_rate(parsed.value, text), parsed.decimals)


def _parse_decimal_text(s: str, text: object) -> Decimal:
    if s.endswith("%"):
        s = s[:-1]
    negative = s.startswith("-") or s.startswith("\u2212")
    body = s[1:] if negative else s
    sign = -1.0 if negative else 1.0
    if _PLAIN.match(body):
        return Decimal(sign * float(body), 0)
    if _DOT_GROUPED.match(body):
        return Decimal(sign * float(body.replace(".", "")), 0)
    m = _VN_DECIMAL.match(body)
    if m:
        whole = m.group(1).replace(".", "")
        return Decimal(sign * float(f"{whole}.{m.group(3)}"), len(m.group(3)))
    m = _EN_DECIMAL.match(body)
    if m and "," in m.group(1):
        whole = m.group(1).replace(",", "")
        return Decimal(sign * float(f"{whole}.{m.group(3)}"), len(m.group(3)))
    if m:
        return Decimal(sign * float(body), len(m.group(3)))
    raise NumberFormatError(f"{str(text).strip()!r} is not a number")


def _float_decimals(value: float) -> int:
    text = repr(value)
    if "e" in text or "." not in text:
        return 0
    decimals = text.split(".")[1].rstrip("0")
    return len(decimals)


def format_number(value: float | int | None, lang: str = "vi", decimals: int = 0) -> str:
    """Write a number for readers: ``1.503`` in Vietnamese, ``1,503`` in English.

    Parameters
    ----------
    value : float, int or None
        The number; None and NaN give an en dash.
    lang : {"vi", "en"}
        The language of the reader.
    decimals : int
        How many decimals to show.

    Examples
    --------
    >>> format_number(15327), format_number(15327, "en"), format_number(1503.25, decimals=1)
    ('15.327', '15,327', '1.503,2')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_percent(value: float | None, lang: str = "vi", decimals: int = 1) -> str:
    """Write a percent for readers: ``14,4%`` in Vietnamese, ``14.4%`` in English.

    Examples
    --------
    >>> format_percent(14.4), format_percent(14.4, "en"), format_percent(25, decimals=0)
    ('14,4%', '14.4%', '25%')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return format_number(value, lang, decimals) + "%"
