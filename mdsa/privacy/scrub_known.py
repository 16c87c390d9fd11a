"""Finding a project's own identifiers (known names, streets, addresses, phones) in a note:
one pattern per kind and a one-edit fuzzy index for misspellings."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A phone number as people write it: digits with spaces, dots, dashes, brackets, a + or 00.
DIGIT_RUN = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s./()-]{7,}\d(?!\d)")


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


def is_fuzzy(word: str, index: dict[str, set[str]], minimum: int = 5) -> bool:
    """True when ``word`` is at most one edit (or a swap) from a word in ``index``."""
    if len(word) < minimum:
        return False
    return any(variant in index for variant in deletions(word))


def fuzzy_index(words: Iterable[str], minimum: int = 5) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for word in words:
        if len(word) >= minimum:
            for variant in deletions(word):
                index.setdefault(variant, set()).add(word)
    return index


def phrases_pattern(values: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for whole-word occurrences of any of the phrases.

    Words may be separated by white space or commas and a dash may have spaces around it
    ("Lankforst 27 - 14"). Phrases are grouped by their first word, so a note is not tried
    against every address of the project at every position.
    """
    groups: dict[str, set[str]] = {}
    for value in values:
        parts = [re.escape(p) for p in re.split(r"[\s,]+", value.strip()) if p]
        if parts:
            rest = r"[\s,]+".join(parts[1:]).replace(r"\-", r"\s?-\s?")
            groups.setdefault(parts[0].lower().replace(r"\-", r"\s?-\s?"), set()).add(rest)
    if not groups:
        return None
    bodies = []
    for first, rests in sorted(groups.items(), key=lambda g: len(g[0]), reverse=True):
        tails = sorted((r for r in rests if r), key=len, reverse=True)
        if not tails:
            bodies.append(first)
            continue
        optional = "?" if "" in rests else ""
        bodies.append(rf"{first}(?:[\s,]+(?:{'|'.join(tails)})){optional}")
    return re.compile(rf"(?<![\w])(?:{'|'.join(bodies)})(?![\w])", re.IGNORECASE)
