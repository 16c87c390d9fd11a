"""Words of a note as the scrubber sees them, and the tests on a single word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mdsa.privacy import lexicon as lx

# Letters, with the combining marks a name may carry when it is typed decomposed (the dotted
# capital I of "İnönü" lowercases to "i" plus a combining dot: one word, not two).
_LETTERS = r"(?:[^\W\d_][\u0300-\u036f]*)+"
WORD = re.compile(rf"{_LETTERS}(?:['’-]{_LETTERS})*")
SHORT_FORMS = frozenset("nr tel geb ca bijv evt st vd bv oa ivm mbt jr".split())


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str
    cap: bool
    sentence_start: bool


def is_abbreviation(low: str) -> bool:
    """Words whose full stop does not end a sentence ("mw. Jansen", "nr. 4", "J. Smit")."""
    return low in lx.TITLES or low in SHORT_FORMS or len(low) == 1


def is_word(low: str, words: frozenset[str]) -> bool:
    if low in words:
        return True
    if low.endswith("t") and len(low) > 4 and (low[:-1] in words or low[:-1] + "en" in words):
        return True  # a verb form: "tolkt", "maait"
    parts = re.split(r"['’-]", low)
    return len(parts) > 1 and all(
        not p or p in words or p in lx.ABBREVIATIONS or p in lx.KEEP for p in parts
    )


def is_compound(low: str, words: frozenset[str]) -> bool:
    """A Dutch compound of two known words ("zorgsignaal", "rekeningnr", "bewonersavond")."""
    for i in range(3, len(low) - 1):
        head, tail = low[:i], low[i:]
        if head in words and (
            (len(tail) > 2 and tail in words)
            or tail in lx.ABBREVIATIONS
            or (tail[0] == "s" and len(tail) > 3 and tail[1:] in words)
        ):
            return True
    return False
