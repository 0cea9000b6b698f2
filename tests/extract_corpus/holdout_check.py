"""Check the locked holdout set of issue 11 (gold files only; runs no extractor).

Usage::

    python tests/extract_corpus/holdout_check.py [FOLDER]

For every ``NAME.txt`` + ``NAME.gold.json`` pair in FOLDER (default: ``holdout/`` beside this
file) it checks that the gold file parses, that every entry has the fields of
``../shared/corpus/README.md`` with the right types, a known category code
(``data/reference/taxonomy.csv``), a status ``result`` or ``plan``, a ``unit`` when the category
is ``other``, a quote that is an exact substring of the text, and that each number of the entry
can be read in its quote: the percent as written ("36,4"; 50 also as "một nửa"), the numerator
and denominator ("215/1.503"), and the reduction either written (digits or Vietnamese word
numerals) or as the difference of two counts of the quote (before − after). It prints the
number of texts and figures, a tally of the kinds of figures, and every problem; it exits 1
when there is a problem.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAXONOMY = HERE.parents[1] / "data" / "reference" / "taxonomy.csv"
FIELDS = {
    "subject": (str,),
    "category": (str,),
    "reduced": (int, type(None)),
    "percent": (float, int, type(None)),
    "numerator": (int, type(None)),
    "denominator": (int, type(None)),
    "quote": (str,),
    "status": (str,),
}
OPTIONAL = {"unit": (str,)}
STATUSES = {"result", "plan"}

UNITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
NUMBER_WORDS = set(UNITS) | {"mười", "mươi", "trăm", "linh", "lẻ", "nghìn", "ngàn"}
DIGITS = re.compile(r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+")


def codes() -> set[str]:
    """The category codes of the taxonomy."""
    with TAXONOMY.open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def _below_thousand(words: list[str]) -> int | None:
    """The value of number words below a thousand ("một trăm linh tư" = 104), or None."""
    value = 0
    if "trăm" in words:
        at = words.index("trăm")
        if at > 1 or (at == 1 and words[0] not in UNITS):
            return None
        value, words = (UNITS[words[0]] if at else 1) * 100, words[at + 1 :]
        if words[:1] in (["linh"], ["lẻ"]):
            words = words[1:]
            if len(words) != 1 or words[0] not in UNITS:
                return None
            return value + UNITS[words[0]]
    if not words:
        return value
    if words[0] == "mười":
        tens, rest = 1, words[1:]
    elif len(words) >= 2 and words[1] == "mươi" and words[0] in UNITS:
        tens, rest = UNITS[words[0]], words[2:]
    else:
        tens, rest = 0, words
    if len(rest) > 1 or (rest and rest[0] not in UNITS):
        return None
    return value + tens * 10 + (UNITS[rest[0]] if rest else 0)


def words_value(words: list[str]) -> int | None:
    """The value of a run of Vietnamese number words ("hai mươi mốt" = 21), or None.

    "năm" and "tư" alone are not read as numerals (they are also "year" and "fourth").
    """
    if len(words) == 1 and words[0] in ("năm", "tư"):
        return None
    for thousand in ("nghìn", "ngàn"):
        if thousand in words:
            at = words.index(thousand)
            high = _below_thousand(words[:at]) if at else 1
            low = _below_thousand(words[at + 1 :]) if words[at + 1 :] else 0
            if high is None or low is None:
                return None
            return high * 1000 + low
    return _below_thousand(words)


def numbers_in(text: str) -> list[int]:
    """Every count written in a text: digits ("1.647", "03") and runs of number words."""
    found = [int(m.group().replace(".", "")) for m in DIGITS.finditer(text)]
    run: list[str] = []
    for token in [*re.findall(r"\w+", text.lower()), ""]:
        if token in NUMBER_WORDS:
            run.append(token)
            continue
        if run:
            value = words_value(run)
            if value is not None:
                found.append(value)
            run = []
    return found


def percent_text(value: float) -> str:
    """A percent the Vietnamese way, as a writer would: 36.4 -> "36,4", 8.0 -> "8"."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def vi_count(value: int) -> str:
    """A count the Vietnamese way: 198230 -> "198.230"."""
    return f"{value:,}".replace(",", ".")


def kind(entry: dict, quote_numbers: list[int]) -> list[str]:
    """The kinds of figure an entry is (for the tally)."""
    kinds = []
    reduced = entry["reduced"]
    if reduced is not None and reduced not in quote_numbers:
        kinds.append("before/after (reduced = before - after)")
    if reduced is not None and not re.search(r"\d", entry["quote"]):
        kinds.append("word numerals")
    if re.search(r"\.\s+\S", entry["quote"].rstrip(".")):
        kinds.append("count and rate in two sentences")
    if entry["category"] == "other":
        kinds.append("other + unit")
    if entry["status"] == "plan":
        kinds.append("plan")
    if entry["numerator"] is not None:
        kinds.append("fraction a/b")
    if reduced is None:
        kinds.append("percent only")
    return kinds


def check_entry(entry: object, text: str, known: set[str]) -> list[str]:
    """Every problem of one gold entry."""
    if not isinstance(entry, dict):
        return ["entry is not an object"]
    problems = [f"missing field {name}" for name in FIELDS if name not in entry]
    if problems:
        return problems
    for name, value in entry.items():
        types = FIELDS.get(name) or OPTIONAL.get(name)
        if types is None:
            problems.append(f"unknown field {name}")
        elif not isinstance(value, types) or isinstance(value, bool):
            problems.append(f"{name} has type {type(value).__name__}")
    if problems:
        return problems
    quote = entry["quote"]
    if entry["category"] not in known:
        problems.append(f"unknown category {entry['category']}")
    if entry["status"] not in STATUSES:
        problems.append(f"status {entry['status']!r} is neither result nor plan")
    if entry["category"] == "other" and not entry.get("unit"):
        problems.append("category other without a unit")
    if unicodedata.normalize("NFC", quote) != quote:
        problems.append("quote is not NFC")
    if quote not in text:
        problems.append(f"quote not in the text: {quote!r}")
    if entry["reduced"] is None and entry["percent"] is None and entry["numerator"] is None:
        problems.append("none of reduced, percent, numerator")
    numbers = numbers_in(quote)
    percent = entry["percent"]
    if percent is not None:
        written = percent_text(percent)
        if not re.search(rf"(?<![\d,]){re.escape(written)}\s*%", quote) and not (
            percent == 50 and "một nửa" in quote.lower()
        ):
            problems.append(f"percent {percent} not written as {written}% in the quote")
    for name in ("numerator", "denominator"):
        if entry[name] is not None and vi_count(entry[name]) not in quote.replace(" ", ""):
            problems.append(f"{name} {entry[name]} not in the quote")
    if entry["numerator"] is not None and f"{vi_count(entry['numerator'])}/" not in quote:
        problems.append("no fraction a/b in the quote")
    reduced = entry["reduced"]
    if reduced is not None and reduced not in numbers:
        pairs = {a - b for a in numbers for b in numbers if a > b}
        if reduced not in pairs:
            problems.append(f"reduced {reduced} neither written nor a difference in the quote")
    if reduced is not None and entry["numerator"] is not None and reduced != entry["numerator"]:
        problems.append("reduced differs from the numerator")
    return problems


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else HERE / "holdout"
    known = codes()
    problems: list[str] = []
    tally: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    texts = sorted(folder.glob("*.txt"))
    figures = 0
    for path in texts:
        gold_path = path.with_suffix(".gold.json")
        if not gold_path.exists():
            problems.append(f"{path.name}: no gold file")
            continue
        text = path.read_text(encoding="utf-8")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            problems.append(f"{gold_path.name}: does not parse: {error}")
            continue
        if not isinstance(gold, list):
            problems.append(f"{gold_path.name}: not a list")
            continue
        for i, entry in enumerate(gold, 1):
            for problem in check_entry(entry, text, known):
                problems.append(f"{gold_path.name}:{i}: {problem}")
            if isinstance(entry, dict) and "quote" in entry:
                figures += 1
                categories[entry.get("category")] += 1
                tally.update(kind(entry, numbers_in(entry["quote"])))
    for path in sorted(folder.glob("*.gold.json")):
        if not path.with_name(path.name.replace(".gold.json", ".txt")).exists():
            problems.append(f"{path.name}: no text")
    print(
        json.dumps(
            {
                "texts": len(texts),
                "figures": figures,
                "kinds": dict(tally.most_common()),
                "categories": dict(categories.most_common()),
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
