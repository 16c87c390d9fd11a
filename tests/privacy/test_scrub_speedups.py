"""The scrubber's quicker forms find exactly what their plain forms find.

Patterns that start with a lookbehind are written with it after their first character (re then
searches from candidate to candidate), words are found with a simpler pattern when a note has
no combining marks, and a pattern is skipped when the note lacks what every match holds. Each
test derives the plain form or checks the skipped pattern on notes made of the characters
that matter.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdsa.privacy import patterns, scrub, scrub_addresses, scrub_known, scrub_tokens
from mdsa.privacy.scrub import Scrubber
from mdsa.privacy.scrub_tokens import WORD, Token, may_be_initial, words

# Characters that make or break the patterns: digits, letters in both cases and beyond ASCII,
# combining marks, joiners, signs, white space and the words the patterns look for.
PIECES = [
    "0", "1", "4", "6", "9", "12", "2474", "6541", "06", "+31", "a", "K", "kl", "GJ", "ab", "en",
    "é", "e\u0301", "Ö", "ı", "İ", "ſ", "Σ", "-", "'", "’", ".", ",", "/", "(", ")", ":", "@", "_",
    " ", "  ", "\t", "\n", "\u00a0", "nr", "NO", "nummer", "huisnr", "hnr", "pc", "Postcode",
    "geb", "GEB.", "dob", "d.o.b", "datum", "IBAN", "NL", "ABNA", "J.", "w ", "t/m", "mei", "uur",
]  # fmt: skip
note = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, ...]]:
    return [
        (*m.span(), *(x for g in range(1, pattern.groups + 1) for x in m.span(g)))
        for m in pattern.finditer(text)
    ]


def _plain(pattern: re.Pattern[str], fast: str, plain: str) -> re.Pattern[str]:
    assert fast in pattern.pattern, pattern.pattern
    return re.compile(pattern.pattern.replace(fast, plain), pattern.flags)


DIGITS_FIRST = [
    (patterns.POSTCODE, r"[1-9](?<![\w-][1-9])\d{3}", r"(?<![\w-])[1-9]\d{3}"),
    (patterns.POSTCODE_PLACE, r"[1-9](?<![\w-][1-9])\d{3}", r"(?<![\w-])[1-9]\d{3}"),
    (patterns.POSTCODE_ANY_CASE, r"[1-9](?<![\w-][1-9])\d{3}", r"(?<![\w-])[1-9]\d{3}"),
    (patterns.POSTCODE_LOOSE, r"[1-9](?<![\w-][1-9])\d{3}", r"(?<![\w-])[1-9]\d{3}"),
    (scrub_addresses.POSTCODE_BEFORE_WORD, r"([1-9](?<![\w-][1-9])\d{3}", r"(?<![\w-])([1-9]\d{3}"),
    (
        patterns.NUMBER_RUN,
        r"[+(\d](?<![\w@/.,-][+(\d])(?:(?<=\d)|(?<=[+(])\d)",
        r"(?<![\w@/.,-])(?:\+|\b00|\()?\d",
    ),
    (
        scrub_known.DIGIT_RUN,
        r"[+(\d](?<![\w+][+(\d])(?:(?<=\d)|(?<=\+)\(?\d|(?<=\()\d)",
        r"(?<![\w+])(?:\+|00)?\(?\d",
    ),
    (patterns.HOUSE_NUMBER, r"\d(?<![\w.,/-]\d)\d{0,3}", r"(?<![\w.,/-])\d{1,4}"),
    (scrub_tokens.TWO_CAPITALS, r"[^\W\d_a-zß-ÿ][^\W\d_a-zß-ÿ]\b", r"[^\W\d_a-zß-ÿ]{2}\b"),
]  # fmt: skip


@pytest.mark.parametrize(("pattern", "fast", "plain"), DIGITS_FIRST)
def test_a_lookbehind_after_the_first_character_finds_the_same(
    pattern: re.Pattern[str], fast: str, plain: str
) -> None:
    slow = _plain(pattern, fast, plain)

    @settings(max_examples=300, deadline=None)
    @given(note)
    def same(text: str) -> None:
        assert _spans(pattern, text) == _spans(slow, text), text
        for at in range(len(text)):  # find_numbers matches these at a position
            expected = slow.match(text, at)
            assert (m.span() if (m := pattern.match(text, at)) else None) == (
                expected.span() if expected else None
            )

    same()


@settings(max_examples=500, deadline=None)
@given(note)
def test_words_are_the_word_pattern_s(text: str) -> None:
    assert [m.span() for m in words(text)] == [m.span() for m in WORD.finditer(text)], text


@settings(max_examples=500, deadline=None)
@given(note)
def test_a_pattern_is_skipped_only_when_it_cannot_match(text: str) -> None:
    low = text.lower()
    if patterns.IBAN.search(text):
        assert patterns.IBAN_HINT.search(text)
    if patterns.BIRTH_LEAD.search(text):
        assert any(needle in low for needle in patterns.BIRTH_NEEDLES)
    if patterns.NR.search(text):
        assert "nr" in low or "no" in low or "nummer" in low
    if patterns.HOUSE_NR_WORD.search(text):
        assert "huisn" in low or "hnr" in low
    if patterns.POSTCODE_LOWER.search(text):
        assert "pc" in low or "postcode" in low
    if patterns.POSTCODE_WORD.search(text):
        assert "postcode" in low
    if any(p.search(text) for p in (patterns.POSTCODE_LOOSE, patterns.POSTCODE_PLACE)):
        assert patterns.FOUR_DIGITS.search(text)
    if patterns.EMAIL.search(text):
        assert "@" in text
    starts = {m.start() for m in scrub.INITIALS_NAME.finditer(text)}
    tokens = [Token(m.start(), m.end(), m.group(), "", False, False) for m in WORD.finditer(text)]
    initials = {t.end - 1 for t in tokens if may_be_initial(t, text)}
    assert starts <= initials, text


def test_every_shape_is_still_found_in_a_note_that_has_them_all() -> None:
    note = (
        "Dhr. J. Smit, geb. 12-03-1951, Lankforst 27-14, 6541 KL Nijmegen, pc 6511 xb, "
        "nr. 14, huisnummer 8, iban NL91ABNA0417164300, bsn 123456782, tel 06-12345678, "
        "mail j.smit@example.nl"
    )
    kinds = {r.kind for r in Scrubber().scrub(note).replacements}
    assert kinds == {
        "PERSOON",
        "GEBOORTEDATUM",
        "ADRES",
        "POSTCODE",
        "IBAN",
        "BSN",
        "TELEFOON",
        "EMAIL",
    }
