"""The index of a project's known phrases finds exactly what one big pattern per kind found."""

from __future__ import annotations

import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdsa.privacy.scrub_known import ODD, KnownPhrases, find_phrases, fold, phrases_pattern

# Words that stress the index: case, letters re.IGNORECASE takes for one another (ı/i, ſ/s,
# ς/σ, İ), Greek iota (the slow way), dashes, dots, apostrophes, digits, signs before a word.
WORDS = [
    "anna", "Anne-Marie", "anne", "de", "Vries", "van", "'t", "Hof", "St.", "Jan", "Yıldız",
    "Yildiz", "İnönü", "inönü", "Straße", "ſanne", "Σοφία", "ΟΔΟΣ", "οδος", "ι", "Perronstraat",
    "12", "12a", "12-3", "27", "-", "14", "(58)", "Kaya", "Jansen", "jansen,", "ab", "Ab-", "-b",
    "x.y", "Dr.", "nr", "µ", "μ", "K", "ß", "_x", "1/2", "o'neill", "O’Neill", "al-Amin",
]  # fmt: skip
SEPARATORS = [" ", "  ", ", ", ",", " - ", "-", "\n", ". ", "/", "", "\t", " (", ") "]


def _cased(word: str, how: int) -> str:
    return (word, word.upper(), word.lower(), word.title())[how]


word = st.builds(_cased, st.sampled_from(WORDS), st.integers(0, 3))
phrase = st.lists(
    st.tuples(word, st.sampled_from([" ", ", ", " - ", "-"])), min_size=1, max_size=4
).map(lambda parts: "".join(w + s for w, s in parts[:-1]) + parts[-1][0])
note = st.lists(st.tuples(word, st.sampled_from(SEPARATORS)), max_size=25).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(phrase, min_size=1, max_size=12), st.lists(note, min_size=1, max_size=8))
def test_the_index_finds_what_the_pattern_finds(values: list[str], notes: list[str]) -> None:
    pattern = phrases_pattern(values)
    phrases = KnownPhrases(values)
    kinds = KnownPhrases.kinds((values, "ADRES"), (values[::-1], "PERSOON"))
    reverse = phrases_pattern(values[::-1])
    for text in notes:
        expected = [m.span() for m in pattern.finditer(text)] if pattern else []
        assert phrases.find(text) == expected, (values, text)
        both = [(*span, "ADRES") for span in expected]
        both += [(*m.span(), "PERSOON") for m in reverse.finditer(text)] if reverse else []
        assert find_phrases(text, kinds) == both, (values, text)


def test_known_phrases_in_a_note() -> None:
    phrases = KnownPhrases(["Lankforst 27-14", "Lankforst 27", "Anne-Marie de Vries", "'t Hof 3"])
    note = "Bij anne - marie DE VRIES, lankforst 27 - 14; buren op Lankforst 27a en 't hof 3."
    found = [note[start:end] for start, end in phrases.find(note)]
    assert found == ["anne - marie DE VRIES", "lankforst 27 - 14", "'t hof 3"]
    # a dotless i is an i to re.IGNORECASE, and so to the index
    assert KnownPhrases(["Yildiz Kaya"]).find("mw YILDIZ kaya") == [(3, 14)]
    assert KnownPhrases(["Yildiz Kaya"]).find("mw Yıldız Kaya") == [(3, 14)]
    assert KnownPhrases(["Yildiz Kaya"]).find("mw Yildizkaya") == []


def test_fold_compares_letters_as_re_ignorecase_does() -> None:
    for code in [*range(0x3000), *range(0x1C80, 0x1C90), *range(0x1E00, 0x2200), 0xA64B, 0xFB05]:
        char = chr(code)
        if 0xD800 <= code < 0xE000 or ODD.match(char):
            continue
        same = re.compile(re.escape(char), re.IGNORECASE)
        folded = fold(char)
        assert len(folded) == 1 and len(fold("a" + char)) == 2, hex(code)
        assert bool(re.match(r"\w", char)) == bool(re.match(r"\w", folded)), hex(code)
        for other in {char.lower(), char.upper(), folded, *_SRE_SAME.get(folded, "")}:
            if len(other) == 1 and same.fullmatch(other):
                assert fold(other) == folded, (hex(code), other)


# Letters re.IGNORECASE takes for one another beyond lowercase (CPython's re._casefix, which
# is private, so written out): the test checks ``fold`` against re itself with them.
_SRE_SAME = {
    "i": "ı", "s": "ſ", "µ": "μ", "β": "ϐ", "ε": "ϵ", "θ": "ϑ", "κ": "ϰ", "π": "ϖ", "ρ": "ϱ",
    "σ": "ς", "φ": "ϕ", "в": "ᲀ", "д": "ᲁ", "о": "ᲂ", "с": "ᲃ", "т": "ᲄᲅ", "ъ": "ᲆ", "ѣ": "ᲇ",
    "ᲈ": "ꙋ", "ṡ": "ẛ", "ﬅ": "ﬆ", "ΐ": "ΐ", "ΰ": "ΰ",
}  # fmt: skip


def test_fold_knows_every_letter_re_takes_for_another() -> None:
    casefix = sys.modules.get("re._casefix")
    if casefix is None:
        import importlib

        casefix = importlib.import_module("re._casefix")
    for lower, others in casefix._EXTRA_CASES.items():
        char = chr(lower)
        if ODD.match(char) or any(ODD.match(chr(o)) for o in others):
            continue
        assert {fold(chr(o)) for o in others} == {fold(char)}, char
