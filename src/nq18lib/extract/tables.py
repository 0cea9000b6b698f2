r"""Tables written as text: rows of cells split by tabs or pipes, read under their header.

A header row names what its columns hold ("Huyện | Trước sắp xếp | Sau sắp xếp | Giảm"):
a column whose header says "giảm" holds the reduction, "trước"/"hiện có" the count before,
"sau"/"còn" the count after. Each row under it is one figure: the reduction column, or the
count before minus the count after. What is counted comes from the row's cells ("22 xã"),
the header ("Số phòng trước"), or the title line above the table.

>>> header = TableHeader.read("Huyện\tTrước sắp xếp\tSau sắp xếp\tGiảm")
>>> header.roles
{1: 'before', 2: 'after', 3: 'reduced'}
>>> row = header.row("Cao Lộc\t22 xã\t8 xã\t14")
>>> row.label, row.reduced, row.before, row.after, row.unit_words
('Cao Lộc', 14, 22, 8, ['xã'])

A row without a header (a label and one count, "Sở Y tế | 4 phòng") is left to the sentence
grammar, which reads it as a list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nq18lib.extract import phrasebook as pb

_SEPARATOR = re.compile(r"\t|\s*\|\s*")
_CELL_NUMBER = re.compile(r"\s*(\d{1,3}(?:\.\d{3})+|\d+)(?![\d,./%])\s*(.*)")
_WORD = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_CELL_RATE = re.compile(r"\s*(\d{1,3})(?:,(\d{1,2}))?\s*%\s*")


def table_cells(line: str) -> list[tuple[int, int]] | None:
    """Return the (start, end) spans of a table row's cells, or None if the line is no row.

    A row has at least two tabs, or at least two pipes ("| a | b |" or "a | b | c").
    """
    if line.count("\t") < 2 and line.count("|") < 2:
        return None
    spans, start = [], 0
    for m in _SEPARATOR.finditer(line):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(line)))
    cells = []
    for a, b in spans:
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        cells.append((a, b))
    while cells and cells[0][0] == cells[0][1]:
        cells.pop(0)  # "| Sở | 4 |": the empty cell before the first pipe
    while cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    return cells if len(cells) >= 2 else None


def _words(text: str) -> list[str]:
    return [pb.fold_tone(w) for w in _WORD.findall(text.lower())]


@dataclass
class TableRow:
    """One row read under a header: its label, counts and the words of its unit."""

    label: str
    reduced: int | None
    before: int | None
    after: int | None
    unit_words: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0
    percent: float | None = None
    percent_decimals: int | None = None


@dataclass
class TableHeader:
    """The columns of a table: which holds the count before, after and the reduction."""

    roles: dict[int, str]
    nouns: list[str]
    """Words of the header cells that are no column role ("Số phòng trước" → "phòng")."""

    @classmethod
    def read(cls, line: str) -> TableHeader | None:
        """Return the header a row of column names gives, or None (a row with numbers)."""
        cells = table_cells(line)
        if cells is None or any(ch.isdigit() for ch in _YEAR.sub("", line)):
            return None  # numbers are data; years name columns ("Năm học 2017-2018")
        roles: dict[int, str] = {}
        nouns: list[str] = []
        years: list[tuple[int, int]] = []  # (first year, column) of columns named by a year
        for index, (a, b) in enumerate(cells):
            if index == 0 and len(cells) >= 3:
                continue  # the label column: "Sở (sau sắp xếp)" names the rows, not a count
            words = _words(line[a:b])
            role = None
            for name, cues in pb.TABLE_COLUMNS:
                if any(tuple(words[i : i + len(c)]) == c for c in cues for i in range(len(words))):
                    role = name
                    break
            if role is not None and role not in roles.values():
                roles[index] = role
                nouns += [w for w in words if w not in pb.TABLE_HEADER_WORDS]
            elif role is None and (year := _YEAR.search(line, a, b)):
                years.append((int(year.group()), index))
        if len(years) == 2 and not {"before", "after"} & set(roles.values()):
            (_, first), (_, second) = sorted(years)  # the earlier year is the count before
            roles[first], roles[second] = "before", "after"
        if "reduced" not in roles.values() and not {"before", "after"} <= set(roles.values()):
            return None
        return cls(roles, list(dict.fromkeys(nouns)))

    def row(self, line: str) -> TableRow | None:
        """Read one row under this header, or None when it holds no reduction."""
        cells = table_cells(line)
        if cells is None:
            return None
        values: dict[str, int] = {}
        unit_words: list[str] = []
        percent = decimals = None
        for index, role in self.roles.items():
            if index >= len(cells):
                continue
            a, b = cells[index]
            if role == "rate":
                if rate := _CELL_RATE.fullmatch(line[a:b]):
                    decimals = len(rate.group(2) or "")
                    percent = float(f"{rate.group(1)}.{rate.group(2) or 0}")
                continue
            m = _CELL_NUMBER.fullmatch(line[a:b])
            if m is None:
                continue
            values[role] = int(m.group(1).replace(".", ""))
            if not unit_words:
                unit_words = _words(m.group(2))
        reduced = values.get("reduced")
        before, after = values.get("before"), values.get("after")
        if reduced is None and before is not None and after is not None and before > after:
            reduced = before - after
        if not reduced or reduced <= 0:
            return None
        a, b = cells[0]
        label = line[a:b] if not _CELL_NUMBER.fullmatch(line[a:b]) else ""
        end = max(cells[i][1] for i in self.roles if i < len(cells))
        return TableRow(label, reduced, before, after, unit_words, a, end, percent, decimals)


__all__ = ["TableHeader", "TableRow", "table_cells"]
