"""Dutch addresses: house numbers with additions, address keys and placing a home in a subarea.

``12a``, ``12 A`` and ``12-a`` are one address; ``103-2`` and ``27-14`` (Dukenburg style) are
number 103 addition 2 and number 27 addition 14. The address key is what the importer and the
pseudonymiser compare, so it must be the same however a worker typed the address.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Protocol

_HOUSE_NUMBER = re.compile(
    r"^\s*(?P<number>[1-9][0-9]{0,4})"
    r"(?:\s*[-/\s]\s*(?P<addition>[A-Za-z0-9]{1,6})|\s*(?P<letters>[A-Za-z]{1,6}))?\s*$"
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, order=True)
class HouseNumber:
    number: int
    addition: str = ""

    def __str__(self) -> str:
        if not self.addition:
            return str(self.number)
        if self.addition.isdigit():
            return f"{self.number}-{self.addition}"
        return f"{self.number}{self.addition}"


@lru_cache(maxsize=8192)  # numbers repeat on every street; a HouseNumber is immutable
def parse_house_number(value: str) -> HouseNumber | None:
    """Parse ``12``, ``12a``, ``12 A``, ``12-a``, ``103-2``; ``None`` when it is not one."""
    match = _HOUSE_NUMBER.match(value)
    if not match:
        return None
    addition = match["addition"] or match["letters"] or ""
    return HouseNumber(int(match["number"]), addition.upper())


@lru_cache(maxsize=8192)  # a project has a few dozen streets, written a few ways each
def normalise_street(street: str) -> str:
    return _SPACES.sub(" ", street.strip()).casefold()


def address_key(street: str, house_number: HouseNumber) -> str:
    """A stable, normalised key for one address, e.g. ``tulpstraat|12|A``."""
    return f"{normalise_street(street)}|{house_number.number}|{house_number.addition}"


class SubareaLike(Protocol):
    @property
    def streets(self) -> list[str]: ...
    @property
    def postcodes(self) -> list[str]: ...


Reason = Literal["postcode", "street", "ambiguous", "unknown"]


@dataclass(frozen=True)
class Placement:
    subarea: str | None
    reason: Reason
    candidates: tuple[str, ...] = ()


class SubareaIndex:
    """Places an address in its subarea: by postcode when one is listed, else by street."""

    def __init__(self, subareas: Mapping[str, SubareaLike]) -> None:
        self.names = tuple(subareas)
        self._by_postcode: dict[str, str] = {}
        self._by_street: dict[str, list[str]] = {}
        for name, area in subareas.items():
            for postcode in area.postcodes:
                self._by_postcode[postcode.replace(" ", "").upper()] = name
            for street in area.streets:
                self._by_street.setdefault(normalise_street(street), []).append(name)

    def streets_in_several(self) -> dict[str, list[str]]:
        return {s: names for s, names in self._by_street.items() if len(names) > 1}

    def knows_street(self, street: str) -> bool:
        return normalise_street(street) in self._by_street

    def subareas_of_street(self, street: str) -> tuple[str, ...]:
        return tuple(self._by_street.get(normalise_street(street), ()))

    def place(self, street: str, postcode: str | None = None) -> Placement:
        if postcode:
            name = self._by_postcode.get(postcode.replace(" ", "").upper())
            if name is not None:
                return Placement(name, "postcode")
        candidates = self._by_street.get(normalise_street(street), [])
        if len(candidates) == 1:
            return Placement(candidates[0], "street")
        if candidates:
            return Placement(None, "ambiguous", tuple(candidates))
        return Placement(None, "unknown")
