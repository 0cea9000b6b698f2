"""Provinces: the 63 units before 1 July 2025, the 34 after, the merger map, name matching."""

from __future__ import annotations

from collections import Counter

import pytest

from nq18lib.reference import provinces
from nq18lib.reference.provinces import find_province


def test_sixty_three_units_with_unique_two_digit_codes():
    units = provinces.all_provinces()
    assert len(units) == 63
    codes = [p.code for p in units]
    assert len(set(codes)) == 63 and all(len(c) == 2 and c.isdigit() for c in codes)
    assert codes == sorted(codes)
    assert Counter(p.kind for p in units) == {
        "tỉnh": 57,
        "thành phố trực thuộc trung ương": 6,  # Huế became one on 1 Jan 2025
    }


def test_thirty_four_units_after_the_merger():
    units = provinces.units_2025()
    assert len(units) == 34
    assert Counter(u.kind for u in units) == {"tỉnh": 28, "thành phố trực thuộc trung ương": 6}
    # Every pre-2025 unit belongs to exactly one post-2025 unit.
    predecessors = [c for u in units for c in u.predecessor_codes]
    assert sorted(predecessors) == provinces.province_codes(national=False)


def test_merger_map_matches_domain_facts():
    units = provinces.units_2025()
    merged = [u for u in units if len(u.predecessor_codes) > 1]
    # 52 provincial units were merged into 23; 11 stayed unchanged (DOMAIN.md, section 1).
    assert len(merged) == 23 and sum(len(u.predecessor_codes) for u in merged) == 52
    unchanged = {u.name for u in units if len(u.predecessor_codes) == 1}
    assert unchanged == {
        "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn",
        "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng",
    }  # fmt: skip
    assert [p.name for p in provinces.predecessors_of("37")] == ["Hà Nam", "Nam Định", "Ninh Bình"]
    assert [p.name for p in provinces.predecessors_of("79")] == [
        "Bình Dương",
        "Bà Rịa - Vũng Tàu",
        "Hồ Chí Minh",
    ]


def test_province_record_of_ha_nam():
    p = find_province("Hà Nam")
    assert (p.code, p.name, p.kind, p.successor_code, p.successor_name) == (
        "35",
        "Hà Nam",
        "tỉnh",
        "37",
        "Ninh Bình",
    )
    assert p.merged and not find_province("Nghệ An").merged


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Hà Nam", "35"),
        ("tỉnh Hà Nam", "35"),
        ("Tỉnh Hà Nam", "35"),
        ("Ha Nam", "35"),
        ("HA NAM", "35"),
        ("  Hà   Nam ", "35"),
        ("Ha Nam province", "35"),
        ("TP. Hồ Chí Minh", "79"),
        ("TP.HCM", "79"),
        ("Thành phố Hồ Chí Minh", "79"),
        ("thanh pho ho chi minh", "79"),
        ("Ho Chi Minh City", "79"),
        ("Hoà Bình", "17"),  # old tone placement
        ("Hòa Bình", "17"),
        ("Thừa Thiên Huế", "46"),
        ("thành phố Huế", "46"),
        ("Bà Rịa-Vũng Tàu", "77"),
        ("Đắk Lắk", "66"),
        ("Dak Lak", "66"),
        ("Toàn quốc", "00"),
        ("cả nước", "00"),
        ("35", "35"),
        ("00", "00"),
    ],
)
def test_find_province_matches_the_ways_names_are_written(written, code):
    assert find_province(written).code == code


@pytest.mark.parametrize("written", ["Hà Tây", "Hà", "Nam", "", "99", "tỉnh", "Ninh Binh Ha Nam"])
def test_find_province_returns_none_for_what_is_not_a_province(written):
    assert find_province(written) is None


def test_names_without_diacritics_do_not_collide():
    keys = Counter(provinces.name_key(p.name) for p in provinces.all_provinces())
    assert max(keys.values()) == 1


def test_every_name_and_alias_finds_its_own_province():
    for p in provinces.all_provinces():
        for name in (p.name, p.name_en, *p.aliases):
            assert find_province(name) == p, name


def test_national_is_listed_first_when_asked():
    assert provinces.province_codes()[:2] == ["00", "01"]
    assert provinces.all_provinces(national=True)[0].kind == "toàn quốc"
