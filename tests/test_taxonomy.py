import pytest

from nq18lib.reference import taxonomy


def test_every_design_category_is_present_with_its_sector():
    expected = {
        "ministry": "central",
        "government_agency": "central",
        "general_department": "central",
        "central_unit": "central",
        "party_agency": "party",
        "state_department": "government",
        "division": "government",
        "steering_committee": "government",
        "public_service_unit": "public_service",
        "district_unit": "admin_units",
        "commune_unit": "admin_units",
        "province_unit": "admin_units",
        "village": "admin_units",
        "civil_servant": "staffing",
        "public_employee": "staffing",
        "commune_official": "staffing",
        "part_time_worker": "staffing",
        "leadership_post": "staffing",
        "payroll_exit": "staffing",
        "other": "other",
    }
    table = taxonomy.load_taxonomy()
    assert dict(zip(table["code"], table["sector"], strict=True)) == expected
    assert table["code"].iloc[-1] == "other"  # the catch-all comes last in reports


def test_every_category_has_labels_and_synonyms():
    table = taxonomy.load_taxonomy()
    assert (table["label_vi"].str.len() > 0).all()
    assert (table["label_en"].str.len() > 0).all()
    assert all(len(s) > 0 for s in table["synonyms"])
    assert all(s == s.lower() for syn in table["synonyms"] for s in syn)


def test_sectors_in_report_order():
    assert taxonomy.sector_codes() == [
        "party",
        "government",
        "public_service",
        "admin_units",
        "staffing",
        "central",
    ]
    assert taxonomy.categories_of("central") == [
        "ministry",
        "government_agency",
        "general_department",
        "central_unit",
    ]
    assert taxonomy.categories_of("government") == [
        "state_department",
        "division",
        "steering_committee",
    ]


def test_unknown_codes_and_languages_are_refused():
    with pytest.raises(KeyError):
        taxonomy.sector_of("bureau")
    with pytest.raises(KeyError):
        taxonomy.categories_of("army")
    with pytest.raises(ValueError, match="language"):
        taxonomy.category_label("village", "fr")
