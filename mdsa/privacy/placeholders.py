"""Choosing among overlapping candidates and writing the numbered placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mdsa.privacy import lexicon as lx
from mdsa.privacy.scrub_tokens import WORD

NAME_JOIN = re.compile(r"[\s-]{0,3}")  # between two parts of one name
NOT_WORD = re.compile(r"\W")


@dataclass(frozen=True)
class Replacement:
    """One replaced span of the original text."""

    kind: str
    start: int
    end: int
    original: str
    placeholder: str


@dataclass(frozen=True)
class ScrubResult:
    text: str
    replacements: tuple[Replacement, ...]


def resolve(text: str, candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep candidates in order of priority, drop overlaps, join adjacent name parts."""
    taken: list[tuple[int, int, str]] = []
    occupied = [False] * (len(text) + 1)
    for start, end, kind in candidates:
        if start >= end or any(occupied[start:end]):
            continue
        taken.append((start, end, kind))
        occupied[start:end] = [True] * (end - start)
    taken.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in taken:
        if merged and merged[-1][2] == kind == "PERSOON":
            gap = text[merged[-1][1] : start]
            if NAME_JOIN.fullmatch(gap) and "\n" not in gap:
                merged[-1] = (merged[-1][0], end, kind)
                continue
        merged.append((start, end, kind))
    return merged


def _person_key(original: str) -> frozenset[str]:
    return frozenset(
        t.lower() for t in WORD.findall(original) if t.lower() not in lx.INTERFIXES and len(t) > 1
    )


def replace_spans(text: str, spans: list[tuple[int, int, str]]) -> ScrubResult:
    numbers: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}
    people: list[tuple[frozenset[str], int]] = []
    replacements: list[Replacement] = []
    out: list[str] = []
    position = 0
    for start, end, kind in spans:
        original = text[start:end]
        number: int | None = None
        if kind == "PERSOON":
            key = _person_key(original)
            number = next((n for k, n in people if key and (key <= k or k <= key)), None)
            if number is None:
                number = counts[kind] = counts.get(kind, 0) + 1
                people.append((key, number))
        else:
            norm = (kind, NOT_WORD.sub("", original).lower())
            number = numbers.get(norm)
            if number is None:
                number = numbers[norm] = counts[kind] = counts.get(kind, 0) + 1
        placeholder = f"[{kind}-{number}]"
        replacements.append(Replacement(kind, start, end, original, placeholder))
        out.append(text[position:start])
        out.append(placeholder)
        position = end
    out.append(text[position:])
    return ScrubResult("".join(out), tuple(replacements))
