"""Words of a note as the scrubber sees them, and the tests on a single word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mdsa.privacy import lexicon as lx

# Letters, with the combining marks a name may carry when it is typed decomposed (the dotted
# capital I of "İnönü" lowercases to "i" plus a combining dot: one word, not two).
_LETTERS = r"(?:[^\W\d_][\u0300-\u036f]*)+"
WORD = re.compile(rf"{_LETTERS}(?:['’-]{_LETTERS})*")
# Two words in capitals in a row ("MW OWUSU", "HUISBEZOEK. DHR"), tried before the words are:
# letters that are no lowercase ASCII or Latin-1 letter count as capitals here, so it may say
# yes too often, never too rarely.
TWO_CAPITALS = re.compile(r"[^\W\d_a-zß-ÿ]{2}\b[^\w\n]+[^\W\d_a-zß-ÿ]{2}")
SHORT_FORMS = frozenset("nr hnr tel geb ca bijv evt st vd bv oa ivm mbt jr".split())


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str
    cap: bool
    sentence_start: bool
    # In capitals next to another word in capitals ("DOCHTER MARK KOMT"): the writer shouts,
    # so the capital says nothing about a name; an acronym alone ("de GGD") is no shout.
    shout: bool = False


def mark_shouts(tokens: list[Token], text: str) -> None:
    """Set ``shout`` on words in capitals that stand beside another one on the same line."""
    if TWO_CAPITALS.search(text) is None:
        return  # most notes: no two words in capitals in a row anywhere
    upper = [len(t.text) > 1 and t.text.isupper() for t in tokens]
    for i, tok in enumerate(tokens):
        if not upper[i]:
            continue
        before = i > 0 and upper[i - 1] and "\n" not in text[tokens[i - 1].end : tok.start]
        after = (
            i + 1 < len(tokens) and upper[i + 1] and "\n" not in text[tok.end : tokens[i + 1].start]
        )
        tok.shout = before or after


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
