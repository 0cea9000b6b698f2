"""The shipped figures: valid, cited, in agreement with the hand labels, and where they say.

The checks against the corpus (hand labels in ``*.gold.json``, the texts the locations
point into) read ``../shared`` and are skipped when it is absent.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from nq18lib.dataset import figures as dataset
from nq18lib.extract.tokens import tokenize
from nq18lib.paths import FIGURES_DIR, SOURCES_FILE

SHARED = Path(__file__).resolve().parents[2] / "shared"
SHIPPED = dataset.figure_files(FIGURES_DIR)
LOCATION = re.compile(r"p(\d+):(\d+)-(\d+)")
SYNTHETIC = "seed_style_extra"
"""The corpus's wholly invented text: it tests the extractor and must never be shipped."""


@cache
def loaded(path: Path) -> pd.DataFrame:
    """One file's figures, loaded once for all the tests of this module (read-only)."""
    return dataset.load_figures(path)


def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is absent (a clone without the corpus)")
    return SHARED


def sources() -> dict[str, dict[str, str]]:
    with SOURCES_FILE.open(encoding="utf-8", newline="") as fh:
        return {row["source_id"]: row for row in csv.DictReader(fh)}


def count(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


def rate(value: object) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 6)


NEW_CATEGORIES = frozenset(
    {
        "ministry",
        "government_agency",
        "general_department",
        "central_unit",
        "province_unit",
        "leadership_post",
        "payroll_exit",
    }
)
"""Categories added by issue 12: the hand labels, older, count them as ``other``."""


def label_of(row: dict) -> tuple:
    """The fields the shipped figures share with the hand labels."""
    category = row["category"]
    return (
        "other" if category in NEW_CATEGORIES else category,
        count(row.get("reduced")),
        rate(row.get("percent")),
        count(row.get("numerator")),
        count(row.get("denominator")),
        row["status"],
    )


def document_of(path: Path) -> str:
    """The ``document`` (path in ../shared) of the one source a shipped file cites."""
    ids = set(loaded(path)["source_id"])
    assert len(ids) == 1, f"{path.name} cites {sorted(ids)}: one source per file expected"
    return sources()[ids.pop()]["document"]


def numbers_in(text: str, start: int, end: int) -> set[float]:
    """Every number written in ``text[start:end]``, digits or words, fractions both ways."""
    words = frozenset(w.lower() for w in re.findall(r"[^\W\d_]+", text[start:end]))
    found: set[float] = set()
    for tok in tokenize(text, start, end, units=words):
        if tok.kind in ("N", "P", "F"):
            found.add(round(float(tok.value), 6))
        if tok.kind == "F":
            found.add(float(tok.value2))
    return found


def test_numbers_in_reads_digits_words_percents_and_fractions():
    text = "Tỉnh A giảm bốn phòng, đạt 12,5% (3/24); còn lại hơn 2 nghìn người."
    assert numbers_in(text, 0, len(text)) == {4.0, 12.5, 3.0, 24.0, 2000.0}
    assert numbers_in(text, 0, 21) == {4.0}


# (a) ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_validates(path):
    figures = loaded(path)
    assert len(figures) > 0


def test_shipped_files_validate_together():
    """Ids are unique and no figure is repeated across files."""
    figures = dataset.load_figures(SHIPPED)
    assert figures["figure_id"].is_unique
    assert len(figures) == sum(len(loaded(p)) for p in SHIPPED)


# (b) ---------------------------------------------------------------------------------------
CORPUS_FILES = [p for p in SHIPPED if document_of(p).startswith("corpus/")]


DOCUMENTED = [p for p in SHIPPED if document_of(p)]
"""Files read from a text in ``../shared`` (the corpus, the seed): their spans can be checked.
The others were read from web pages (``url`` in sources.csv), located by paragraph."""


def test_files_outside_the_corpus_are_the_seed_or_web_pages():
    outside = sorted(p.name for p in DOCUMENTED if p not in CORPUS_FILES)
    assert outside == ["ha_nam_nq18_7nam.csv"]
    for path in SHIPPED:
        if path not in DOCUMENTED:
            (source_id,) = set(loaded(path)["source_id"])
            assert sources()[source_id]["url"].startswith("http"), path.name


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_shipped_figures_agree_with_the_hand_labels(path):
    gold_file = shared() / Path(document_of(path)).with_suffix(".gold.json")
    gold = Counter(label_of(entry) for entry in json.loads(gold_file.read_text("utf-8")))
    shipped = Counter(label_of(row) for row in loaded(path).to_dict("records"))
    assert shipped - gold == Counter(), f"shipped but not labelled: {shipped - gold}"
    assert gold - shipped == Counter(), f"labelled but not shipped: {gold - shipped}"


def test_every_real_corpus_text_is_shipped_and_the_synthetic_one_is_not():
    corpus = shared() / "corpus"
    labelled = {p.name.removesuffix(".gold.json") for p in corpus.glob("*.gold.json")}
    real = labelled - {"seed", SYNTHETIC}
    shipped = {Path(document_of(p)).stem for p in SHIPPED}
    assert real <= shipped, f"corpus texts without shipped figures: {sorted(real - shipped)}"
    assert SYNTHETIC not in shipped
    assert not any(SYNTHETIC in row["document"] for row in sources().values())


# (c) ---------------------------------------------------------------------------------------
def location_problems(figures: pd.DataFrame, text: str) -> list[str]:
    """Why a figure's location does not hold its numbers (empty when all is well)."""
    problems = []
    lines = text.split("\n")
    for row in figures.to_dict("records"):
        fid, where = row["figure_id"], row["location"]
        match = LOCATION.fullmatch(str(where))
        if match is None:
            problems.append(f"{fid}: no location")
            continue
        line, start, end = (int(g) for g in match.groups())
        if text.count("\n", 0, start) + 1 != line or "\n" in text[start:end]:
            problems.append(f"{fid}: {where} is not within paragraph {line}")
            continue
        if end > len(text) or not lines[line - 1].strip():
            problems.append(f"{fid}: {where} is outside the text")
            continue
        written = numbers_in(text, start, end)
        wanted = {
            name: row[name]
            for name in ("percent", "numerator", "denominator", "baseline", "after")
            if not pd.isna(row[name])
        }
        reduced, baseline, after = (count(row[n]) for n in ("reduced", "baseline", "after"))
        derived = baseline is not None and after is not None and reduced == baseline - after
        if reduced is not None and not derived and reduced != count(row["numerator"]):
            wanted["reduced"] = reduced
        missing = [f"{n}={v}" for n, v in wanted.items() if round(float(v), 6) not in written]
        if missing:
            problems.append(f"{fid}: {where} {text[start:end]!r} lacks {', '.join(missing)}")
    return problems


def test_location_problems_names_what_a_span_lacks():
    text = "Mở đầu.\nHuyện B giảm từ 9 phòng xuống còn 7 phòng, đạt 22,2%.\n"
    start, end = text.index("giảm"), text.index("%") + 1
    row = {
        "figure_id": "T-01",
        "location": f"p2:{start}-{end}",
        "reduced": 2,
        "percent": 22.2,
        "numerator": pd.NA,
        "denominator": pd.NA,
        "baseline": 9,
        "after": 7,
    }
    good = pd.DataFrame([row])
    assert location_problems(good, text) == []
    assert location_problems(good.assign(location=f"p1:{start}-{end}"), text) == [
        f"T-01: p1:{start}-{end} is not within paragraph 1"
    ]
    short = good.assign(location=f"p2:{start}-{start + 25}")
    (problem,) = location_problems(short, text)
    assert problem.endswith("lacks percent=22.2, after=7")
    # A reduction that is not before minus after must be written in the span itself.
    (problem,) = location_problems(good.assign(reduced=3), text)
    assert problem.endswith("lacks reduced=3")


@pytest.mark.parametrize("path", DOCUMENTED, ids=lambda p: p.name)
def test_every_location_holds_the_figures_numbers(path):
    text_file = shared() / document_of(path)
    text = text_file.read_bytes().decode("utf-8")
    assert location_problems(loaded(path), text) == []


# (d) ---------------------------------------------------------------------------------------
def test_every_source_id_has_a_row_in_sources_csv():
    known = sources()
    for path in SHIPPED:
        cited = set(loaded(path)["source_id"])
        assert cited <= set(known), f"{path.name} cites unknown {sorted(cited - set(known))}"
        for source_id in cited:
            row = known[source_id]
            assert row["document"] or row["url"], f"{source_id} has neither document nor url"
            assert re.match(r"\d{4}", row["date"]), f"{source_id} has no date"
            assert re.fullmatch(r"[a-z]{2}", row["language"]), f"{source_id}: {row['language']!r}"
