"""One collector of a project's own identifiers, for the scrubber and the scan alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mdsa.intake.registrations import Registration
from mdsa.privacy.known import collect_known, name_parts, normalise_postcode, split_address
from mdsa.project.addresses import HouseNumber
from mdsa.project.folder import load_project


def test_collects_residents_visitors_contacts_addresses_and_postcodes(
    example: Callable[[str], Path],
) -> None:
    project, _ = load_project(example("spoorbuurt"))
    registration = Registration(
        source="x",
        row=2,
        identity={
            "resident_name": "mw. Bouzid",
            "visitor": "Els Bakker",
            "resident_phone": "06-12345678",
            "resident_email": "Bouzid@Example.com",
            "address": "Dr. Jan van Bemmelstraat 3-2",
            "postcode": "6512 aa",
        },
    )
    known = collect_known(project, [registration, Registration(source="x", row=3)])
    assert known.residents == {"mw. Bouzid"}
    assert {"Els Bakker", "Ruben Hoekstra"} <= known.workers  # the visitor and the team
    assert known.phones == {"06-12345678"} and known.emails == {"bouzid@example.com"}
    assert "Dr. Jan van Bemmelstraat" in known.streets and "Perronstraat" in known.streets
    assert split_address("Dr. Jan van Bemmelstraat 3-2") in known.addresses
    assert "6512AA" in known.postcodes
    assert "r.hoekstra@bindkracht10.example" in known.published_emails


def test_the_scrubber_is_told_the_visitor_too(example: Callable[[str], Path]) -> None:
    from mdsa.privacy.anonymise import make_scrubber

    project, _ = load_project(example("spoorbuurt"))
    visit = Registration(source="x", row=2, identity={"visitor": "Annelies Oosterbroek"})
    scrubbed = make_scrubber(project, [visit]).scrub("Gesprek met Annelies Oosterbroek gevoerd.")
    assert "Oosterbroek" not in scrubbed.text


def test_addresses_postcodes_and_names_are_split_as_typed() -> None:
    assert split_address("Perronstraat 12 a") == split_address("Perronstraat 12A")
    assert split_address("Lankforst nr 27-14").number == HouseNumber(27, "14")  # type: ignore[union-attr]
    assert split_address("Perronstraat") is None
    assert normalise_postcode(" 6512aa ") == "6512AA" and normalise_postcode("6512") is None
    assert name_parts("mw. Bouzid") == ([], ["Bouzid"])
    assert name_parts("G.W. van Haren") == (["G", "W"], ["van", "Haren"])
    assert name_parts("Kim van Haren") == (["Kim"], ["van", "Haren"])
    assert name_parts("Karim") == (["Karim"], [])
    assert name_parts("Samira Bakkali") == (["Samira"], ["Bakkali"])
