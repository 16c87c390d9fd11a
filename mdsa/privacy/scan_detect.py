"""What ``mdsa scan`` looks for in a piece of text: its own patterns, stricter than the scrubber's.

The scan is the second line of defence, so it shares no pattern with the scrubber
(``patterns.py``, ``scrub*.py``): a mistake in one is not repeated in the other. It only shares
the list of what the project knows (``known.py``). Where the scrubber must keep a note
readable, the scan may be suspicious: a date long ago is a possible birth date, a number after
``op`` in a sentence about a home is a possible house number.

Each hit has a stable ``code`` (``mdsa.codes``): ``telefoon``, ``email``, ``iban``, ``bsn``,
``postcode``, ``birth-date``, ``known-name``, ``known-phone``, ``known-email``,
``known-address``, ``address``, ``house-number`` and ``visitor-name``.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from mdsa.privacy.known import KnownIdentifiers, name_parts, normalise_postcode

# Where a text comes from: the data set (``data/``: also the visitors' names are out of
# place), the project's own YAML files (team e-mail, subarea postcodes are there by design),
# or any other file.
Scope = Literal["data", "config", "other"]
BIRTH_YEARS = 16  # a full date this many years before the visit may be a birth date
RARE_WORD_COUNT = 2000  # pyspellchecker's count under which a capitalised word may be a name

# The scrubber's placeholders ("[PERSOON-1]") are what should be there: blanked before looking.
# So are mdsa's own household pseudonyms ("HH-1DEC1963A0" is hex, not a date).
_PLACEHOLDER = re.compile(r"\[[A-Z]{3,}(?:-\d+)?\]|(?<![\w-])HH-[0-9A-F]{10}(?![\w-])")
_DIGIT = r"[ \t.\-/()]{0,3}\d"
_PHONE_NL = re.compile(rf"(?<![\w+])(?:(?:\+|00)31[\s.\-]*(?:\(0\))?|\(?0)(?:{_DIGIT}){{9}}(?!\d)")
_PHONE_INTL = re.compile(rf"(?<![\w+])(?:\+|00)[1-9](?:{_DIGIT}){{7,13}}(?!\d)")
_DIGIT_RUN = re.compile(r"(?<!\d)\d(?:[\s.\-/]?\d){7,}(?!\d)")
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+\s*(?:@|\(at\)|\[at\]|\{at\}|\s@\s)\s*[\w-]+"
    r"(?:\s*(?:\.|\(dot\)|\[dot\]|\(punt\))\s*[\w-]+)*\s*(?:\.|\(dot\)|\[dot\]|\(punt\))\s*[a-z]{2,}",
    re.IGNORECASE,
)
_IBAN = re.compile(
    r"(?<![\w])[a-z]{2}\d{2}(?:[ ]?[a-z0-9]{4}){2,7}(?:[ ]?\d{1,3}|[a-z0-9]{1,3})?(?![\w])",
    re.IGNORECASE,
)
_NL_IBAN = re.compile(r"^NL\d{2}[A-Z]{4}\d{10}$")
_NINE = re.compile(r"(?<![\w.\-])\d(?:[\s.\-]?\d){8}(?![\w]|[.\-]\d)")
_POSTCODE = re.compile(r"(?<![\w\-])([1-9]\d{3})([ \t\-]{0,2})([a-z]{2})(?![\w])", re.IGNORECASE)
# Two letters after four digits that are a word, not a postcode ("in 2016 en", "1998 op").
_NOT_POSTCODE = frozenset(
    """en is op in de te of al na er om ze je we nu ik zo ja uw ga ca ad co pm am at on to an as
    be by do go he if it me my no or so up us id vs jr nr tm wo vr za zo ma di do""".split()
)
# ... of which these are so common after any number that they never make one a postcode.
_NEVER_POSTCODE = frozenset("en is op in de te of er om na ze je we nu ik zo ja".split())
_MONTHS = {
    **dict.fromkeys(("januari", "jan", "january"), 1),
    **dict.fromkeys(("februari", "feb", "febr", "february"), 2),
    **dict.fromkeys(("maart", "mrt", "mar", "march", "mars"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("augustus", "aug", "august"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "oct", "october"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_DMY = re.compile(
    r"(?<![\d\w])(\d{1,2})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{4}|'?\d{2})(?![\d])"
)
_DATE_YMD = re.compile(r"(?<![\d\w])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
_DATE_TEXT = re.compile(
    rf"(?<![\d\w])(\d{{1,2}})(?:e|ste|de)?[\s\-.]+({_MONTH_WORDS})\.?[\s\-.,]*(\d{{4}}|'\d{{2}})(?![\d])",
    re.IGNORECASE,
)
_DATE_START = re.compile(r"^\(?\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
# Ten digits in five pairs with one separator throughout ("06.24.70.17.29") are a phone number
# written the Dutch way, even where the first three pairs would also read as a date.
_PHONE_PAIRS = re.compile(r"^0\d([.\- ])\d\d(?:\1\d\d){3}$")
_RANGE = re.compile(r"^(?:\s*(?:t/m|tot en met|tot)\s*|\s+-\s*|-)(\d{1,5})(?!\d)")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_ANY_DIGIT = re.compile(r"\d")
# Abbreviated street endings: "Perronstr." is "Perronstraat".
_STREET_ENDINGS = (("str", "straat"), ("ln", "laan"), ("pln", "plein"), ("wg", "weg"))
_NUMBER_WORDS = frozenset({"nr", "nummer", "no", "huisnummer", "huisnr"})
# A house number after one of these words, in a sentence about a home or a person.
_AFTER_WORD = re.compile(
    r"(?<!\w)(?P<word>op|nr|nummer|no|huisnummer|huisnr)\.?\s*(?P<number>\d{1,4})"
    r"(?:\s?-?\s?(?P<addition>[a-z]\b|\d{1,3}\b))?",
    re.IGNORECASE,
)
_IN_BRACKETS = re.compile(r"\(\s*(?P<number>\d{1,4})(?:\s?-?\s?[a-z])?\s*\)", re.IGNORECASE)
_UNITS = re.compile(
    r"^\s*(?:jaar|jaren|jr|j\b|uur|u\b|keer|x\b|%|procent|kinderen|kind|personen|mensen|pers|"
    r"weken|week|maanden|maand|dagen|dag|minuten|min|euro|eur|€|kg|km|m\b|m2|kamers|hoog|"
    r"verdieping|etage|trap|treden|stuks|punten|cm|graden|jarige|'?s|"
    rf"{_MONTH_WORDS}|[:.,]\d)",
    re.IGNORECASE,
)
# Words about one home or one person (not counts: "woningen (40)", "huishoudens (12)").
_HOUSEHOLD_WORDS = re.compile(
    r"(?<!\w)(?:woont|woonde|woning|huis|huisje|thuis|buurvrouw|buurman|buren|bewoner|"
    r"bewoonster|familie|fam|gezin|mw|mevr|mevrouw|dhr|meneer|heer|portiek|flat|adres|deur|"
    r"naast|hiernaast|tegenover|verderop|overbuur\w*|bovenbuur\w*|onderbuur\w*|straat|"
    r"nummer|nr|huisnr|huisnummer)(?!\w)",
    re.IGNORECASE,
)
_TITLES = (
    "mw|mevr|mevrouw|dhr|hr|heer|meneer|mijnheer|fam|familie|gezin|buurvrouw|buurman|"
    "overbuurvrouw|overbuurman|dochter|zoon|mej|juf|dr|mr|wijlen"
)


@dataclass(frozen=True)
class Hit:
    code: str
    start: int
    end: int


@functools.cache
def _ordinary_words() -> frozenset[str]:
    """Lowercase Dutch words (OpenTaal's list): a name that is also a word needs a capital."""
    path = Path(__file__).resolve().parent / "data" / "opentaal-basiswoorden.txt.gz"
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return frozenset(w for w in handle.read().split() if w[0].islower())
    except OSError:  # without the list every name word needs a capital: stricter, not blind
        return frozenset()


@functools.cache
def _everyday_words() -> frozenset[str]:
    """OpenTaal's words plus the inflected forms people write ("kijkt", "woont"): the words
    pyspellchecker's Dutch list counts more than its floor (entries at the floor hold names)."""
    return frozenset(_ordinary_words() | {w for w, n in _word_counts().items() if n > 50})


@functools.cache
def _word_counts() -> dict[str, int]:
    import importlib.util
    import json

    spec = importlib.util.find_spec("spellchecker")
    if spec and spec.origin:
        path = Path(spec.origin).parent / "resources" / "nl.json.gz"
        try:
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                counts: dict[str, int] = json.load(handle)
            return counts
        except (OSError, ValueError):
            pass
    return {}


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def national_phone(value: str) -> str:
    """The digits of a phone number as dialled in the Netherlands (``+31 6..`` is ``06..``)."""
    digits = _digits(value)
    stripped = value.strip()
    if stripped.startswith("+31") or digits.startswith("0031"):
        digits = "0" + digits[(4 if digits.startswith("0031") else 2) :].removeprefix("0")
    return digits


@functools.lru_cache(maxsize=65536)  # the same words come back in every text
def _canon(word: str) -> str:
    word = word.lower()
    for short, full in _STREET_ENDINGS:
        if word.endswith(short) and not word.endswith(full):
            return word[: -len(short)] + full
    return word


def _street_variants(street: str) -> set[str]:
    """The street joined without spaces, and without its leading words (``Dr. Jan van
    Bemmelstraat`` is also ``janvanbemmelstraat``, ``vanbemmelstraat``, ``bemmelstraat``)."""
    words = [_canon(w) for w in _WORD.findall(street)]
    variants = {"".join(words)}
    for index in range(1, len(words)):
        tail = "".join(words[index:])
        if len(tail) >= 6 and not tail.isdigit():
            variants.add(tail)
    return variants


class Detector:
    """Finds identifier patterns and the project's own identifiers in a piece of text."""

    def __init__(self, known: KnownIdentifiers | None = None, *, today: date | None = None):
        known = known or KnownIdentifiers()
        self.today = today or date.today()
        self.published_emails = known.published_emails
        self.published_phones = {national_phone(p) for p in known.published_phones}
        self.published_postcodes = known.published_postcodes
        self.known_emails = known.emails
        self.area_postcodes = known.area_postcodes
        self.known_postcodes = known.postcodes
        self.known_phone_tails = {p[-8:] for p in map(national_phone, known.phones) if len(p) >= 8}
        # Streets: canonical variant -> canonical full street; numbers per full street.
        self.street_of: dict[str, set[str]] = {}
        self.numbers: dict[str, set[int]] = {}
        for street in known.streets:
            full = "".join(_canon(w) for w in _WORD.findall(street))
            if len(full) < 3:
                continue  # "A 3" typed as an address: no street to look for ("Hof" is one)
            for variant in _street_variants(street):
                self.street_of.setdefault(variant, set()).add(full)
        # Every beginning of a street's spelling: a run of words that is none can stop early.
        self.street_starts = {v[:n] for v in self.street_of for n in range(1, len(v) + 1)}
        canonical: dict[str, str] = {}  # a few streets, many thousands of addresses
        for address in known.addresses:
            if address.street not in canonical:
                canonical[address.street] = "".join(
                    _canon(w) for w in _WORD.findall(address.street)
                )
            self.numbers.setdefault(canonical[address.street], set()).add(address.number.number)
        self.longest_street = max((len(_WORD.findall(s)) for s in known.streets), default=0)
        self._cache: dict[tuple[str, str], list[Hit]] = {}
        self._dates_cache: dict[tuple[str, int | None], list[Hit]] = {}
        self.residents = _NameFinder(known.residents)
        self.workers = _NameFinder(known.workers - known.residents)

    def load_word_lists(self) -> None:
        """Load the word lists now (about 1 s), not at the first text that needs them: worker
        processes forked after this share them instead of each loading its own."""
        _everyday_words()

    def hits(self, text: str, *, year: int | None = None, scope: Scope = "other") -> list[Hit]:
        """Every hit in ``text``; ``year`` is the visit's year when the text belongs to one."""
        if len(text) > 4000:
            return self._hits(text, scope) + self._dates(text, year)
        # Cells repeat: short answers ("good", "25_44") in every row, and every text block
        # stands in the CSV (with its visit's year) and again in the workbook beside it. Look
        # at each once; only a birth date depends on the year, and only a text with a digit
        # can hold one.
        cached = self.text_hits(text, scope)
        if not _ANY_DIGIT.search(text):
            return cached
        dated = (text, year)
        dates = self._dates_cache.get(dated)
        if dates is None:
            if len(self._dates_cache) > 500_000:
                self._dates_cache.clear()
            dates = self._dates_cache[dated] = self._dates(text, year)
        return cached + dates if dates else cached

    def text_hits(self, text: str, scope: Scope = "other") -> list[Hit]:
        """The hits of ``hits`` but birth dates (which depend on the year), remembered."""
        if len(text) > 4000:
            return self._hits(text, scope)
        key = (text, scope)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._hits(text, scope)
            self.remember(text, scope, cached)
        return cached

    def remember(self, text: str, scope: Scope, hits: list[Hit]) -> None:
        """Keep what ``text_hits`` gave for ``text`` (in a worker process with a copy of
        this detector: ``mdsa.privacy.parallel``), so it is not worked out here again."""
        if len(text) > 4000:
            return
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[(text, scope)] = hits

    def _dates(self, text: str, year: int | None) -> list[Hit]:
        """Birth dates: a date at least BIRTH_YEARS before ``year`` (the visit's, or this one)."""
        text = _PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)
        found = list(self._birth_dates(text, year or self.today.year))
        return [
            h
            for h in found
            if not any(o.start <= h.start and h.end <= o.end and o != h for o in found)
        ]

    def _hits(self, text: str, scope: Scope) -> list[Hit]:
        """Every hit but birth dates (see _dates)."""
        found: list[Hit] = list(_beside_placeholders(text)) if "[" in text else []
        found += _after_relations(text)
        text = _PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)
        digits = _ANY_DIGIT.search(text) is not None  # most text blocks have none
        if digits:
            found += self._phones(text)
        found += self._emails(text, scope)
        if digits:  # every shape but an e-mail address has a digit
            found += self._ibans(text)
            found += self._bsns(text, found)
            found += self._postcodes(text, scope)
            found += self._addresses(text)
            found += self._house_numbers(text)
        if scope == "config":
            return found  # team.yaml and partners.yaml name the team and contacts by design
        found += [Hit(code="known-name", start=s, end=e) for s, e in self.residents.find(text)]
        if scope == "data":
            found += [Hit(code="visitor-name", start=s, end=e) for s, e in self.workers.find(text)]
        named = [h for h in found if h.code in {"known-name", "visitor-name"}]
        found = [  # a name the project knows is reported as that, not also as a possible name
            h
            for h in found
            if h.code != "possible-name"
            or not any(n.start < h.end and h.start < n.end for n in named)
        ]
        # One hit per place: "Ruben" inside "Ruben Hoekstra" is the same finding.
        return [
            h
            for h in found
            if not any(
                o.code == h.code and o.start <= h.start and h.end <= o.end and o != h for o in found
            )
        ]

    def _phones(self, text: str) -> Iterator[Hit]:
        taken: list[tuple[int, int]] = []
        for pattern in (_PHONE_NL, _PHONE_INTL):
            for m in pattern.finditer(text):
                digits = national_phone(m.group())
                if pattern is _PHONE_NL and digits[:4] in {"0800", "0900", "0906", "0909"}:
                    continue  # a service number of an organisation, not a person's
                if _DATE_START.match(m.group()) and not _PHONE_PAIRS.match(m.group()):
                    continue  # "06-10-2016 12:00" is a date and a time
                if any(s <= m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                if digits in self.published_phones:
                    continue  # the letter sender's own number (mdsa.yaml's letters:)
                yield Hit(code="telefoon", start=m.start(), end=m.end())
        if self.known_phone_tails:
            for m in _DIGIT_RUN.finditer(text):
                digits = _digits(m.group())
                if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in taken):
                    continue  # already a phone number
                if any(tail in digits for tail in self.known_phone_tails):
                    yield Hit(code="known-phone", start=m.start(), end=m.end())

    def _emails(self, text: str, scope: Scope) -> Iterator[Hit]:
        for m in _EMAIL.finditer(text):
            value = re.sub(r"\s+", "", m.group().lower())
            value = re.sub(r"\(at\)|\[at\]|\{at\}", "@", value)
            value = re.sub(r"\(dot\)|\[dot\]|\(punt\)", ".", value)
            if value in self.published_emails:
                continue
            if value in self.known_emails:
                yield Hit(code="known-email", start=m.start(), end=m.end())
            else:
                yield Hit(code="email", start=m.start(), end=m.end())

    def _ibans(self, text: str) -> Iterator[Hit]:
        for m in _IBAN.finditer(text):
            value = m.group().replace(" ", "").upper()
            if _NL_IBAN.match(value) or (len(value) >= 15 and _mod97(value)):
                yield Hit(code="iban", start=m.start(), end=m.end())

    def _bsns(self, text: str, found: list[Hit]) -> Iterator[Hit]:
        for m in _NINE.finditer(text):
            if any(h.start <= m.start() < h.end for h in found):
                continue  # part of a phone number or an IBAN
            if _eleven_proof(_digits(m.group())):
                yield Hit(code="bsn", start=m.start(), end=m.end())

    def _postcodes(self, text: str, scope: Scope) -> Iterator[Hit]:
        for m in _POSTCODE.finditer(text):
            code = normalise_postcode(m[1] + m[3])
            if code is None or (scope == "config" and code in self.area_postcodes):
                continue
            if code in self.published_postcodes:
                continue  # the letter sender's postal address (a Postbus, an office)
            letters = m[3]
            if code in self.known_postcodes or letters.isupper() or not m[2]:
                yield Hit(code="postcode", start=m.start(), end=m.end())
            elif letters.upper() in {"SA", "SD", "SS"}:  # never given to a postcode
                continue
            elif letters.lower() not in _NOT_POSTCODE or (
                not 1900 <= int(m[1]) <= 2099 and letters.lower() not in _NEVER_POSTCODE
            ):
                yield Hit(code="postcode", start=m.start(), end=m.end())

    def _birth_dates(self, text: str, year: int) -> Iterator[Hit]:
        def old(y: str) -> bool:
            value = int(y.lstrip("'"))
            if len(y.lstrip("'")) == 2:
                value += 1900 if value > year % 100 else 2000
            return year - value >= BIRTH_YEARS

        for m in _DATE_DMY.finditer(text):
            if 1 <= int(m[1]) <= 31 and 1 <= int(m[2]) <= 12 and old(m[3]):
                yield Hit(code="birth-date", start=m.start(), end=m.end())
        for m in _DATE_YMD.finditer(text):
            if 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31 and old(m[1]):
                yield Hit(code="birth-date", start=m.start(), end=m.end())
        for m in _DATE_TEXT.finditer(text):
            if 1 <= int(m[1]) <= 31 and old(m[3]):
                yield Hit(code="birth-date", start=m.start(), end=m.end())

    def _addresses(self, text: str) -> Iterator[Hit]:
        """A known street in any spelling, followed by a house number."""
        if not self.street_of:
            return
        words = list(_WORD.finditer(text))
        canon = [_canon(w.group()) for w in words]
        for i in range(len(words)):
            if words[i].group().isdigit():
                continue
            joined = ""
            for k in range(i, min(len(words), i + self.longest_street + 1)):
                if k > i and len(text[words[k - 1].end() : words[k].start()].strip(" .-'")) > 0:
                    break  # the street's words follow each other with spaces, dots, dashes
                joined += canon[k]
                if joined not in self.street_starts:
                    break
                streets = self.street_of.get(joined)
                if not streets:
                    continue
                number_at = k + 1
                if number_at < len(words) and canon[number_at] in _NUMBER_WORDS:
                    number_at += 1
                if number_at >= len(words) or not words[number_at].group().isdigit():
                    continue
                gap = text[words[number_at - 1].end() : words[number_at].start()]
                if len(gap) > 3 or gap.strip(" ,.:") or len(words[number_at].group()) > 5:
                    continue
                number = int(words[number_at].group())
                end = words[number_at].end()
                upto = _RANGE.match(text[end : end + 16])
                if upto and (not upto.group().startswith("-") or int(upto[1]) > number):
                    continue  # a range of homes ("Perronstraat 1 t/m 17", "1-17"), not a home
                known = any(number in self.numbers.get(s, set()) for s in streets)
                if known:
                    yield Hit(code="known-address", start=words[i].start(), end=end)
                else:
                    yield Hit(code="address", start=words[i].start(), end=end)
                break

    def _house_numbers(self, text: str) -> Iterator[Hit]:
        for pattern in (_AFTER_WORD, _IN_BRACKETS):
            for m in pattern.finditer(text):
                if _UNITS.match(text[m.end("number") : m.end("number") + 12]):
                    continue  # "op 12 oktober", "(46 jaar)", "op 3 hoog": not a house number
                word = m.groupdict().get("word") or "("
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                around = text[
                    max(line_start, m.start() - 80) : (line_end if line_end >= 0 else len(text))
                ][:200]
                if word.lower() in {"huisnummer", "huisnr"} or _HOUSEHOLD_WORDS.search(around):
                    yield Hit(code="house-number", start=m.start(), end=m.end())


class _NameFinder:
    """Known names: the whole name, the surname after a title or initials, and a surname or
    given name of four letters or more on its own (unless it is also a Dutch word).

    Word by word with set look-ups, not one large pattern: a project knows thousands of names.
    """

    def __init__(self, names: Iterable[str]) -> None:
        # first word -> (the words, whether a title or initials must come before them)
        self.sequences: dict[str, set[tuple[tuple[str, ...], bool]]] = {}
        alone: set[str] = set()
        for name in names:
            given, surname = name_parts(name)
            given = [g for g in given if len(g) > 1]
            if given and surname:
                self._add([*given, *surname], prefix=False)
            if surname:
                self._add(surname, prefix=True)
                if len(surname) > 1 and len(surname[-1]) >= 3:
                    self._add(surname, prefix=False)  # "van Haren", "El Khatib"
                if len(surname[-1]) >= 4:
                    alone.add(surname[-1].lower())
            alone.update(w.lower() for w in given if len(w) >= 4)
            if len(given) == 1 and not surname:
                self._add(given, prefix=True)  # "Hoop": after a title it is a surname too
        for word in list(alone):
            parts = _NAME_PART.findall(word)
            if len(parts) != 1 or parts[0] != word:
                alone.discard(word)  # "d'hondt", "nwosu,": a sequence of its parts
                if len(parts) == 1:
                    alone.add(parts[0])
                elif parts:
                    self._add([word], prefix=False)
        # A name that is also a word ("Visser", "Roos", "Wijkagent") is only found with a
        # title, initials or the rest of the name: on its own it is far more often the word.
        words = _ordinary_words() if alone else frozenset()
        self.alone = {w for w in alone if w not in words}
        self.needs_capital = not words  # without the word list: at least a capital

    def _add(self, words: list[str], *, prefix: bool) -> None:
        parts = tuple(p.lower() for w in words for p in _NAME_PART.findall(w))
        if parts:
            self.sequences.setdefault(parts[0], set()).add((parts, prefix))

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        if not self.sequences and not self.alone:
            return
        tokens = list(_NAME_PART.finditer(text))
        lows = [t.group().lower() for t in tokens]
        if self.alone.isdisjoint(lows) and self.sequences.keys().isdisjoint(lows):
            return  # no word of the text starts a known name: the usual case
        for i, low in enumerate(lows):
            if low in self.alone and (not self.needs_capital or tokens[i].group()[:1].isupper()):
                yield tokens[i].start(), tokens[i].end()
            for words, prefix in self.sequences.get(low, ()):
                last = i + len(words) - 1
                if last >= len(tokens) or tuple(lows[i : last + 1]) != words:
                    continue
                if any(
                    not _NAME_GAP.fullmatch(text[tokens[k].end() : tokens[k + 1].start()])
                    for k in range(i, last)
                ):
                    continue
                if prefix and not _prefixed(text, tokens, i):
                    continue
                yield tokens[i].start(), tokens[last].end()


_NAME_PART = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
# "de Vries", "G.W. van Haren", "Bakker-de Vries", "d'Hondt", "Nwosu, Adaeze"
_NAME_GAP = re.compile(r"[\s.]+|\s*[-'\u2019]\s*|,\s*")
_TITLE_SET = frozenset(_TITLES.split("|"))


def _prefixed(text: str, tokens: list[re.Match[str]], i: int) -> bool:
    """A title ("mw.", "buurvrouw") or initials ("G.", "G.W.", "GJ ") before token ``i``."""
    if i == 0:
        return False
    before = tokens[i - 1]
    gap = text[before.end() : tokens[i].start()]
    word = before.group()
    if word.lower() in _TITLE_SET and re.fullmatch(r"\.?\s*", gap):
        return True
    if len(word) == 1 and re.fullmatch(r"\.\s*", gap):
        return True  # "G.Visser", "g. visser", the last of "G.W. van Haren"
    return word.isupper() and len(word) <= 3 and re.fullmatch(r"\s+", gap) is not None


def _eleven_proof(digits: str) -> bool:
    if len(digits) != 9 or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _mod97(iban: str) -> bool:
    if not iban[:2].isalpha() or not iban[2:4].isdigit():
        return False
    rearranged = iban[4:] + iban[:4]
    try:
        number = int("".join(str(int(c, 36)) for c in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


# A word that is left beside a scrubbed name ("Ama [PERSOON-1]", "[PERSOON-2] mehari") or follows
# a relation word ("schoonzus ihsanoglu"), and is no Dutch word: probably the rest of a name.
_NAME_WORD = (
    r"(?:[^\W\d_]|[\u0300-\u036f])(?:[\w'\u2019\u0300-\u036f-]*(?:[^\W\d_]|[\u0300-\u036f]))?"
)
_PERSON_PLACEHOLDER = re.compile(r"\[PERSOON-\d+\]")
_WORD_BEFORE = re.compile(rf"({_NAME_WORD})[ \t]+$")
_WORD_AFTER = re.compile(rf"^(?:[ \t]*,)?[ \t]+({_NAME_WORD})")
_RELATION_WORDS = (
    "buurvrouw|buurman|overbuurvrouw|overbuurman|dochter|zoon|broer|zus|zuster|schoonzus|"
    "zwager|schoonzoon|schoondochter|schoonmoeder|schoonvader|kleinzoon|kleindochter|kleinkind|"
    "neef|nicht|oom|tante|vriend|vriendin|moeder|vader|echtgenoot|echtgenote|partner|"
    "mantelzorger|mw|mevr|mevrouw|dhr|meneer|fam|familie"
)
_AFTER_RELATION = re.compile(
    rf"(?<!\w)(?:{_RELATION_WORDS})\.?[ \t]+(?:[,:][ \t]*)?({_NAME_WORD})", re.IGNORECASE
)
# Short words of notes that OpenTaal lists with a capital or not at all.
_NOT_A_NAME = frozenset(
    """mw mevr dhr hr fam mej ivm evt bgg tel mob nr ca incl excl vlgs ok oke wmo ggd ggz pgb
    uwv cjg svb wijkteam buurtteam sociaal en geb geboren adres pc tav mbt oa bijv zgn dd
    huisnr mail""".split()
)
_RELATION_SET = frozenset(_RELATION_WORDS.split("|"))


def _one_edit(a: str, b: str) -> bool:
    """``a`` is ``b`` with one letter added, dropped, changed or two swapped ("buurvrou")."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        )
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _suspect(word: str) -> bool:
    low = word.lower()
    if len(low) < 3 or low in _NOT_A_NAME or "[" in word:
        return False
    if len(low) >= 5 and any(_one_edit(low, r) for r in _RELATION_SET if len(r) >= 5):
        return False  # a relation word mistyped ("buurvrou", "buruvrouw"), not a name
    words = _everyday_words()
    return bool(words) and low not in words and low.replace("-", "") not in words


def _capitalised_rare(word: str) -> bool:
    """A capitalised word that is not a frequent one, right before a scrubbed name: "Riet
    [PERSOON-1]" is a given name left beside the surname, "Met [PERSOON-1]" is not."""
    low = word.lower()
    if not word[:1].isupper() or word.isupper() or len(low) < 3 or low in _NOT_A_NAME:
        return False
    if any(_one_edit(low, r) or low == r for r in _RELATION_SET):
        return False
    return _word_counts().get(low, 0) < RARE_WORD_COUNT


def _beside_placeholders(text: str) -> Iterator[Hit]:
    for m in _PERSON_PLACEHOLDER.finditer(text):
        before = _WORD_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        if before and (_suspect(before[1]) or _capitalised_rare(before[1])):
            yield Hit(code="possible-name", start=m.start() - len(before[0]), end=m.start())
        after = _WORD_AFTER.match(text[m.end() : m.end() + 40])
        if after and _suspect(after[1]):
            yield Hit(code="possible-name", start=m.end(), end=m.end() + len(after[0]))


def _after_relations(text: str) -> Iterator[Hit]:
    for m in _AFTER_RELATION.finditer(text):
        if _suspect(m[1]):
            yield Hit(code="possible-name", start=m.start(1), end=m.end(1))
