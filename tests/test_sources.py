import pytest

from nq18lib.dataset.sources import load_sources
from nq18lib.exceptions import DataError


def test_a_row_with_an_unquoted_comma_is_a_data_error_with_its_place(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text(
        "source_id,title,publisher\na,Tin bài một,Báo A\nb,Tin bài hai,Báo B, số đặc biệt\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_sources(path)
    (problem,) = err.value.problems
    assert problem.row == 3
    assert "4 fields where the header has 3" in problem.reason


def test_the_shipped_sources_load_one_row_per_source():
    table = load_sources()
    assert table.index.is_unique
    assert "hanam-nq18-7nam" in table.index
    assert table.loc["hanam-nq18-7nam", "language"] == "vi"
