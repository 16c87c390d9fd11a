"""Finding a project's own identifiers (known names, streets, addresses, phones) in a note:
an index of phrases by their first word, and a one-edit fuzzy index for misspellings."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A phone number as people write it: digits with spaces, dots, dashes, brackets, a + or 00.
# (As "(?<![\w+])\+?\(?\d[\d\s./()-]{7,}\d(?!\d)", its first character first, so re goes
# from digit to digit; a leading 00 is two of its digits anyway.)
DIGIT_RUN = re.compile(
    r"[+(\d](?<![\w+][+(\d])(?:(?<=\d)|(?<=\+)\(?\d|(?<=\()\d)[\d\s./()-]{7,}\d(?!\d)"
)


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


# Separators between the words of a phrase, and a dash with or without spaces around it.
SEPARATORS = r"[\s,]+"
DASH = r"\s?-\s?"
_SPLIT = re.compile(SEPARATORS).split


def phrase_groups(values: Iterable[str]) -> list[tuple[str, list[str], bool]]:
    """The phrases as (first word, the rests in the order they are tried, rest optional), the
    first words in the order they are tried: a pattern per phrase, as ``phrases_pattern``."""
    groups: dict[str, set[str]] = {}
    for value in values:
        parts = [re.escape(p) for p in _SPLIT(value.strip()) if p]
        if parts:
            rest = SEPARATORS.join(parts[1:]).replace(r"\-", DASH)
            groups.setdefault(parts[0].lower().replace(r"\-", DASH), set()).add(rest)
    return [
        (first, sorted((r for r in rests if r), key=len, reverse=True), "" in rests)
        for first, rests in sorted(groups.items(), key=lambda g: len(g[0]), reverse=True)
    ]


def _body(first: str, tails: list[str], optional: bool) -> str:
    if not tails:
        return first
    return rf"{first}(?:{SEPARATORS}(?:{'|'.join(tails)})){'?' if optional else ''}"


def phrases_pattern(values: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for whole-word occurrences of any of the phrases.

    Words may be separated by white space or commas and a dash may have spaces around it
    ("Lankforst 27 - 14"). ``KnownPhrases`` finds the same, faster; this pattern is what it
    must agree with, and what it falls back on for the rare note it cannot index.
    """
    groups = phrase_groups(values)
    if not groups:
        return None
    bodies = "|".join(_body(first, tails, optional) for first, tails, optional in groups)
    return re.compile(rf"(?<![\w])(?:{bodies})(?![\w])", re.IGNORECASE)


# Case-insensitive matching as ``re.IGNORECASE`` does it, one character at a time: the simple
# lowercase of each character (``str.lower`` differs only for "İ", which it makes two), and
# the letters ``re`` takes for one another ("ı" and "i", "ſ" and "s", "ς" and "σ"; CPython's
# ``re._casefix``). ``fold`` keeps a text's length, so its positions are the text's.
_SAME_AS = {
    "\u0131": "i", "\u017f": "s", "\u03bc": "\u00b5", "\u03d0": "\u03b2", "\u03f5": "\u03b5",
    "\u03d1": "\u03b8", "\u03f0": "\u03ba", "\u03d6": "\u03c0", "\u03f1": "\u03c1",
    "\u03c2": "\u03c3", "\u03d5": "\u03c6", "\u1c80": "\u0432", "\u1c81": "\u0434",
    "\u1c82": "\u043e", "\u1c83": "\u0441", "\u1c84": "\u0442", "\u1c85": "\u0442",
    "\u1c86": "\u044a", "\u1c87": "\u0463", "\ua64b": "\u1c88", "\u1e9b": "\u1e61",
    "\ufb06": "\ufb05", "\u1fd3": "\u0390", "\u1fe3": "\u03b0",
}  # fmt: skip
_FOLD = str.maketrans(_SAME_AS)
_DOTTED_I = str.maketrans({"\u0130": "i"})
# Letters whose case class holds a combining mark too (Greek iota and "ͅ"): where a word ends
# is then not what ``re`` sees, so a note with one is searched with the whole pattern.
ODD = re.compile("[\u0345\u0399\u03b9\u1fbe]")
WORD_RUN = re.compile(r"\w+")
LEADING_WORD = re.compile(r"\w*")
SEPARATOR_RUN = re.compile(r"[\s,]*")


def _leading_word(pattern: str) -> str:
    if pattern.isalnum():
        return pattern  # most rests are a house number ("12"), most first words a word
    return LEADING_WORD.match(pattern).group()  # type: ignore[union-attr]


def fold(text: str) -> str:
    """``text`` as ``re.IGNORECASE`` compares it, of the same length (see ``_SAME_AS``)."""
    if text.isascii():
        return text.lower()
    return text.translate(_DOTTED_I).lower().translate(_FOLD)


class _Group:
    """The phrases that share a first word: its rests indexed by their own first word."""

    __slots__ = ("compiled", "first", "first_pattern", "optional", "rests")

    def __init__(self, first: str, tails: list[str], optional: bool, pure: bool) -> None:
        self.first = first
        self.optional = optional
        # A first word with a dash or a dot ("anne-marie", "st.") is matched by its pattern.
        self.first_pattern = None if pure else re.compile(first, re.IGNORECASE)
        # A rest alone, or the rests in the order tried, by the word they start with. A pattern's
        # word characters are its own (re.escape escapes signs only), so the word it starts
        # with is the word its text starts with. (A project of 100,000 homes has 100,000 rests,
        # mostly a house number alone: a string each, not a list, and the key the same string.)
        self.rests: dict[str, str | list[str]] = {}
        for tail in tails:
            head = _leading_word(tail)
            key = fold(head)
            known = self.rests.get(key)
            if known is None:
                self.rests[head if key == head else key] = tail
            elif isinstance(known, str):
                self.rests[key] = [known, tail]
            else:
                known.append(tail)
        self.compiled: dict[str, re.Pattern[str] | None] = {}

    def pattern(self, key: str) -> re.Pattern[str] | None:
        """The group's pattern with only the rests that start with the word ``key``."""
        if key not in self.compiled:
            rests = self.rests.get(key, [])
            tails = [rests] if isinstance(rests, str) else rests
            if not tails and not self.optional:
                self.compiled[key] = None
            else:
                body = _body(self.first, tails, self.optional)
                self.compiled[key] = re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)
        return self.compiled[key]


class KnownPhrases:
    """Whole-word, case-insensitive occurrences of any of a project's phrases, exactly as
    ``phrases_pattern(values).finditer`` finds them, without trying every phrase at every
    position: a note's words are looked up in an index of first words, and only the phrases
    that start with one are tried there, each with a small pattern of its own rests. A project
    of 100,000 homes has 100,000 addresses; their one pattern took seconds to compile and was
    tried at every position of every note."""

    def __init__(self, values: Iterable[str]) -> None:
        self._values = [v for v in values if v.strip()]
        self._by_word: dict[str, list[_Group]] = {}
        # First words that start with a sign ("'t Hof"): rare, searched with their own pattern.
        signs = []
        for first, tails, optional in phrase_groups(self._values):
            head = _leading_word(first)
            if not head:
                signs.append((first, tails, optional))
                continue
            group = _Group(first, tails, optional, pure=head == first)
            self._by_word.setdefault(fold(head), []).append(group)
        self.words = frozenset(self._by_word)
        self._signs: re.Pattern[str] | None = None
        if signs:
            bodies = "|".join(_body(*group) for group in signs)
            self._signs = re.compile(rf"(?<![\w])(?:{bodies})(?![\w])", re.IGNORECASE)
        self._whole: re.Pattern[str] | None = None

    def __bool__(self) -> bool:
        return bool(self._values)

    @classmethod
    def kinds(cls, *lists: tuple[Iterable[str], str]) -> list[tuple[KnownPhrases, str]]:
        """An index per kind of phrase (``(values, kind)``), leaving out kinds without any."""
        return [(phrases, kind) for values, kind in lists if (phrases := cls(values))]

    def find(
        self, text: str, folded: str | None = None, words: set[str] | None = None
    ) -> list[tuple[int, int]]:
        """(start, end) of every occurrence, left to right, none overlapping. ``folded`` is
        ``fold(text)`` and ``words`` the set of its words (``WORD_RUN``), when the caller has
        them already and has made sure the note holds no ``ODD`` letter (``find_phrases``)."""
        if folded is None:
            if ODD.search(text):
                if self._whole is None:
                    self._whole = phrases_pattern(self._values)
                return [m.span() for m in self._whole.finditer(text)] if self._whole else []
            folded = fold(text)
        low = folded
        signs = self._signs
        if signs is None and words is not None and self.words.isdisjoint(words):
            return []  # most notes: none of their words starts a phrase
        hits = [m for m in WORD_RUN.finditer(low) if m.group() in self._by_word]
        if not hits and signs is None:
            return []
        found: list[tuple[int, int]] = []
        position = 0
        sign = signs.search(text) if signs else None
        i = 0
        while True:
            while i < len(hits) and hits[i].start() < position:
                i += 1
            if sign is not None and sign.start() < position:
                sign = signs.search(text, position)  # type: ignore[union-attr]
            if i < len(hits) and (sign is None or hits[i].start() < sign.start()):
                m = self._match(text, low, hits[i])
                i += 1
                if m is not None:
                    found.append(m)
                    position = m[1]
                continue
            if sign is None:
                return found
            found.append(sign.span())
            position = sign.end()

    def _match(self, text: str, low: str, word: re.Match[str]) -> tuple[int, int] | None:
        """The first phrase, in the pattern's order, that matches at ``word``."""
        start = word.start()
        for group in self._by_word[word.group()]:
            if group.first_pattern is None:
                after = word.end()
            else:
                first = group.first_pattern.match(text, start)
                if first is None:
                    continue
                after = first.end()
            rest = SEPARATOR_RUN.match(text, after).end()  # type: ignore[union-attr]
            head = WORD_RUN.match(low, rest)
            pattern = group.pattern(head.group() if head else "")
            if pattern is not None and (m := pattern.match(text, start)):
                return m.span()
        return None


def find_phrases(text: str, kinds: list[tuple[KnownPhrases, str]]) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of the phrases of each kind in ``text``, kind after kind (each
    kind's occurrences as its own ``find`` gives them); the note is folded once for all."""
    found: list[tuple[int, int, str]] = []
    if not text.isascii() and ODD.search(text):
        for phrases, kind in kinds:
            found += [(start, end, kind) for start, end in phrases.find(text)]
        return found
    low = fold(text)
    words = set(WORD_RUN.findall(low))
    for phrases, kind in kinds:
        found += [(start, end, kind) for start, end in phrases.find(text, low, words)]
    return found
