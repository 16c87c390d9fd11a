"""Words of a note as the scrubber sees them, and the tests on a single word."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mdsa.privacy import lexicon as lx

# Letters, with the combining marks a name may carry when it is typed decomposed (the dotted
# capital I of "İnönü" lowercases to "i" plus a combining dot: one word, not two).
_LETTERS = r"(?:[^\W\d_][\u0300-\u036f]*)+"
WORD = re.compile(rf"{_LETTERS}(?:['’-]{_LETTERS})*")
# The same words in a text without combining marks (most notes), three times quicker: re
# repeats a single class much faster than a group (``words``).
PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
ASCII_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")  # and in plain ASCII, quicker still
COMBINING = re.compile("[\u0300-\u036f]")
# Two words in capitals in a row ("MW OWUSU", "HUISBEZOEK. DHR"), tried before the words are:
# letters that are no lowercase ASCII or Latin-1 letter count as capitals here, so it may say
# yes too often, never too rarely.
# (The first class written twice, not {2}: a pattern that starts with a class is searched
# capital to capital.)
TWO_CAPITALS = re.compile(r"[^\W\d_a-zß-ÿ][^\W\d_a-zß-ÿ]\b[^\w\n]+[^\W\d_a-zß-ÿ]{2}")
JOINERS = re.compile(r"['’-]")
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


def words(text: str) -> Iterator[re.Match[str]]:
    """``WORD.finditer(text)``, quicker."""
    if text.isascii():
        return ASCII_WORD.finditer(text)
    if COMBINING.search(text) is None:
        return PLAIN_WORD.finditer(text)
    return WORD.finditer(text)


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


def may_be_initial(tok: Token, text: str) -> bool:
    """Whether the word ends in a letter that may be an initial: a letter alone (or after a
    dash or a combining mark) before a full stop or white space, as "J. Smit", "G.H Visser",
    "w janssen" begin. Every ``INITIALS_NAME`` in ``scrub.py`` starts at such a letter."""
    after = text[tok.end : tok.end + 1]
    return (after == "." or after.isspace()) and (len(tok.text) == 1 or not tok.text[-2].isalnum())


def is_abbreviation(low: str) -> bool:
    """Words whose full stop does not end a sentence ("mw. Jansen", "nr. 4", "J. Smit")."""
    return low in lx.TITLES or low in SHORT_FORMS or len(low) == 1


def is_word(low: str, words: frozenset[str]) -> bool:
    if low in words:
        return True
    if low.endswith("t") and len(low) > 4 and (low[:-1] in words or low[:-1] + "en" in words):
        return True  # a verb form: "tolkt", "maait"
    parts = JOINERS.split(low)
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
