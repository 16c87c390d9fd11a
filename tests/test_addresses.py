"""Address handling that import and pseudonymisation rely on: one address, one key."""

from __future__ import annotations

import pytest

from mdsa.project.addresses import HouseNumber, SubareaIndex, address_key, parse_house_number
from mdsa.project.models import Subarea


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", HouseNumber(12)),
        ("12a", HouseNumber(12, "A")),
        ("12 A", HouseNumber(12, "A")),
        ("12-a", HouseNumber(12, "A")),
        (" 12 - a ", HouseNumber(12, "A")),
        ("103-2", HouseNumber(103, "2")),
        ("27-14", HouseNumber(27, "14")),
        ("8 hs", HouseNumber(8, "HS")),
        ("8/2", HouseNumber(8, "2")),
    ],
)
def test_house_numbers_in_every_spelling(text: str, expected: HouseNumber) -> None:
    assert parse_house_number(text) == expected


@pytest.mark.parametrize("text", ["", "a12", "0", "twaalf", "12 a b", "1234567"])
def test_not_a_house_number(text: str) -> None:
    assert parse_house_number(text) is None


def test_spellings_of_one_address_share_a_key() -> None:
    keys = {
        address_key(street, number)
        for street, text in [("Tulpstraat", "12a"), ("tulpstraat ", "12 A"), ("TULPSTRAAT", "12-a")]
        if (number := parse_house_number(text)) is not None
    }
    assert len(keys) == 1
    twelve = parse_house_number("12")
    assert twelve is not None
    assert address_key("Tulpstraat", twelve) not in keys


def test_house_number_prints_as_people_write_it() -> None:
    assert [str(HouseNumber(12, "A")), str(HouseNumber(103, "2")), str(HouseNumber(5))] == [
        "12A",
        "103-2",
        "5",
    ]


def test_placement_by_postcode_then_street() -> None:
    index = SubareaIndex(
        {
            "Noord": Subarea(streets=["Lankforst", "Kerkstraat"], postcodes=["6538 LA"]),
            "Zuid": Subarea(streets=["Lankforst"], postcodes=["6538 LD"]),
        }
    )
    assert index.place("Lankforst", "6538LD").subarea == "Zuid"
    assert index.place("kerkstraat", None).subarea == "Noord"
    ambiguous = index.place("Lankforst", "6538 XX")
    assert ambiguous.subarea is None and ambiguous.reason == "ambiguous"
    assert set(ambiguous.candidates) == {"Noord", "Zuid"}
    assert index.place("Molenweg", None).reason == "unknown"
