"""The identifiers a project knows: one collector for the scrubber and for ``mdsa scan``.

Everything here comes from the project itself: residents' names, phone numbers and e-mail
addresses typed into the form, the visitor who filled it in, the addresses (typed and matched)
with their postcodes, the address list, the streets of ``mdsa.yaml`` and the team and partners.
The scrubber removes these from notes; the scan looks for them in every shared file. Both use
this one collector, so a name the scrubber is told about is also one the scan looks for.

Nothing here is ever printed: it lives in memory only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from mdsa.project.addresses import HouseNumber, parse_house_number
from mdsa.project.folder import REGISTRATIONS_FILE, Project

_POSTCODE_IN_TEXT = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b")

if TYPE_CHECKING:
    from mdsa.intake.registrations import Registration

# "Perronstraat 12a", "Dr. Jan van Bemmelstraat, 3-2", "Lankforst nr 27-14".
_ADDRESS = re.compile(r"^(?P<street>.*?[^\d\s,.])[\s,.]*(?:nr\.?\s*)?(?P<number>\d.*)$", re.I)
_POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([a-zA-Z]{2})\s*$")
# Words before a name that are not part of it: "mw. Bouzid", "fam. Loeffen", "dhr Kaya".
NAME_TITLES = frozenset(
    """mw mevr mevrouw dhr heer meneer mijnheer hr fam familie gezin mej juf mr dr drs ir ing
    de""".split()
)
INTERFIXES = frozenset(
    "van de der den het 't ten ter te in op aan bij el al la le du da di dos von zur ben".split()
)


@dataclass(frozen=True)
class KnownAddress:
    street: str
    number: HouseNumber


@dataclass(frozen=True)
class KnownIdentifiers:
    """A project's own identifiers, as typed (names) or normalised (phones, postcodes)."""

    residents: frozenset[str] = frozenset()  # resident names as typed in the form
    workers: frozenset[str] = frozenset()  # visitors, team members and partner contacts
    phones: frozenset[str] = frozenset()  # as typed
    emails: frozenset[str] = frozenset()  # residents' e-mail addresses, lowercase
    streets: frozenset[str] = frozenset()  # address list, mdsa.yaml, typed addresses
    addresses: frozenset[KnownAddress] = frozenset()
    typed_addresses: frozenset[str] = frozenset()  # the address field as typed
    postcodes: frozenset[str] = frozenset()  # "6512AA": address list and typed postcodes
    published_emails: frozenset[str] = frozenset()  # team and partners: shared on purpose
    # The letter sender's own phone number (national digits) and postal code, printed on
    # every letter and in mdsa.yaml by design: an organisation's, never a resident's.
    published_phones: frozenset[str] = frozenset()
    published_postcodes: frozenset[str] = frozenset()
    area_postcodes: frozenset[str] = frozenset()  # the postcodes mdsa.yaml gives subareas


def collect_known(
    project: Project, registrations: Iterable[Registration] | None = None
) -> KnownIdentifiers:
    """Collect what ``project`` knows; ``registrations`` default to private/registrations.jsonl."""
    from mdsa.intake.registrations import iter_registrations

    regs = (  # gone through once, so they may come one at a time
        registrations
        if registrations is not None
        else iter_registrations(project.root / REGISTRATIONS_FILE)
    )
    residents: set[str] = set()
    workers: set[str] = set()
    phones: set[str] = set()
    emails: set[str] = set()
    streets: set[str] = set()
    addresses: set[KnownAddress] = set()
    typed: set[str] = set()
    postcodes: set[str] = set()
    for household in project.households or []:
        streets.add(household.street)
        addresses.add(KnownAddress(household.street, household.house_number))
        if household.postcode and (code := normalise_postcode(household.postcode)):
            postcodes.add(code)
    for r in regs:
        identity = r.identity
        if name := identity.get("resident_name", "").strip():
            residents.add(name)
        if visitor := identity.get("visitor", "").strip():
            workers.add(visitor)
        if phone := identity.get("resident_phone", "").strip():
            phones.add(phone)
        if email := identity.get("resident_email", "").strip():
            emails.add(email.lower())
        if code := normalise_postcode(identity.get("postcode", "")):
            postcodes.add(code)
        if (address := identity.get("address", "").strip()) and address not in typed:
            typed.add(address)  # a home visited again: the same address, looked at once
            if split := split_address(address):
                streets.add(split.street)
                addresses.add(split)
    area_postcodes: set[str] = set()
    if project.config:
        for area in project.config.subareas.values():
            streets.update(area.streets)
            area_postcodes.update(c for p in area.postcodes if (c := normalise_postcode(p)))
    published: set[str] = set()
    if project.team:
        for member in project.team.members:
            workers.add(member.name)
            if member.email:
                published.add(member.email.lower())
    if project.partners:
        for partner in project.partners.organisations:
            if partner.contact:
                workers.add(partner.contact)
            if partner.email:
                published.add(partner.email.lower())
    if project.privacy and project.privacy.contact_email:  # the leaflet's contact, on purpose
        published.add(project.privacy.contact_email.lower())
    published_phones: set[str] = set()
    published_postcodes: set[str] = set()
    if project.config is not None:
        letters = project.config.letters
        if letters.email:
            published.add(letters.email.lower())
        if letters.phone:
            published_phones.add(re.sub(r"\D", "", letters.phone))
        for line in letters.sender_address:
            published_postcodes.update(
                c for m in _POSTCODE_IN_TEXT.finditer(line) if (c := normalise_postcode(m.group()))
            )
    return KnownIdentifiers(
        residents=frozenset(residents),
        workers=frozenset(workers),
        phones=frozenset(phones),
        emails=frozenset(emails - published),
        streets=frozenset(s.strip() for s in streets if s.strip()),
        addresses=frozenset(addresses),
        typed_addresses=frozenset(typed),
        postcodes=frozenset(postcodes),
        published_emails=frozenset(published),
        published_phones=frozenset(published_phones),
        published_postcodes=frozenset(published_postcodes),
        area_postcodes=frozenset(area_postcodes),
    )


def split_address(address: str) -> KnownAddress | None:
    """``Perronstraat 12a`` as street and house number; ``None`` without a number."""
    found = _ADDRESS.match(address.strip())
    if not found:
        return None
    number = parse_house_number(found["number"])
    if number is None:
        return None
    return KnownAddress(found["street"].strip(), number)


@lru_cache(maxsize=4096)  # 80,000 homes share a few hundred postcodes
def normalise_postcode(value: str) -> str | None:
    """``6512 aa`` becomes ``6512AA``; ``None`` when it is not a full Dutch postcode."""
    found = _POSTCODE.match(value or "")
    return f"{found[1]}{found[2].upper()}" if found else None


def name_parts(name: str) -> tuple[list[str], list[str]]:
    """(given names or initials, surname words) of a name as a worker typed it.

    ``mw. Bouzid`` is ([], [Bouzid]); ``G.W. van Haren`` is ([G, W], [van, Haren]); ``Kim van
    Haren`` is ([Kim], [van, Haren]); a single word ``Karim`` is ([Karim], []): it may be a
    given name or a surname, the caller decides (after a title it is a surname).
    """
    words = [w for w in re.split(r"[\s.]+", name.strip()) if w]
    titled = False
    while len(words) > 1 and words[0].lower() in NAME_TITLES:
        words, titled = words[1:], True
    if len(words) == 1:
        return ([], words) if titled else (words, [])
    for index, word in enumerate(words[1:], start=1):
        if word.lower() in INTERFIXES:
            return words[:index], words[index:]
    return words[:-1], words[-1:]
