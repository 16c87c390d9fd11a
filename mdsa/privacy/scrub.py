"""Remove names, addresses, phone numbers and other identifiers from Dutch free-text notes.

``Scrubber(...).scrub(text)`` returns the text with every identifier replaced by a typed placeholder
numbered per note (``[PERSOON-1]``, ``[ADRES-1]``, ``[TELEFOON-1]``) and the list of replacements.
Building a Scrubber is cheap; the word lists load on the first ``scrub`` call and are cached for
the process (see ``lexicon.py``). One module per concern:

- ``patterns.py``: structured identifiers (e-mail, IBAN, phone, BSN, postcode, birth date, nr. 14);
- ``scrub_known.py``: the project's own identifiers, also lowercased or one typo off;
- ``scrub_addresses.py``: where a street name starts, and bare house numbers;
- this module: person names (and the street lists' use, which needs the word tests);
- ``scrub_tokens.py``: the words of a note; ``placeholders.py``: overlaps and placeholders.

Precedence, first wins where candidates overlap (``resolve``), in the order of ``scrub``:

1. fixed shapes (``patterns.find_structured``);
2. the project's own identifiers (``known_*``);
3. a street (known, in the list of Dutch streets, or ending in -straat, -str, -laan, ...)
   followed by a house number, and a postcode right after an address or before a place
   (``scrub_addresses.postcodes_beside``), whatever its letters spell;
4. person names: by position (chat speaker, e-mail sender, signature, ``Dossier:``), after
   initials, after a title (``mw.``, ``dhr``, ``fam.``) or a relation word (``buurman``,
   ``dochter``), first names and surnames from the lists, and capitalised words that are neither
   Dutch words nor places; a name found grows over the rest of the name (``Anna de Vries``);
5. bare house numbers told by a person, household word, brackets or postcode next to them.

Words in capitals beside other words in capitals are a shout (``Token.shout``): their capital
says nothing, so they are names by position (title, relation word, after a first name) or by
the lists, like lowercase words; a word in capitals alone ("GGD", "AOW") is an acronym.

``keep_words`` (the neighbourhood, its subareas, the project's organisations) are never taken for
a name; a street name followed by a house number is an address even when it is a keep word; a
known street alone is kept when at least ``min_group_size`` known homes share it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import repeat

from mdsa.privacy import lexicon as lx
from mdsa.privacy import patterns
from mdsa.privacy.placeholders import Replacement, ScrubResult, replace_spans, resolve
from mdsa.privacy.scrub_addresses import bare_house_numbers, postcodes_beside, street_prefix
from mdsa.privacy.scrub_known import (
    DIGIT_RUN,
    KnownPhrases,
    find_phrases,
    fuzzy_index,
    is_fuzzy,
)
from mdsa.privacy.scrub_tokens import (
    WORD,
    Token,
    is_abbreviation,
    is_compound,
    is_word,
    mark_shouts,
    may_be_initial,
    words,
)

__all__ = ["KINDS", "Replacement", "ScrubResult", "Scrubber"]

KINDS = ("PERSOON", "ADRES", "POSTCODE", "TELEFOON", "EMAIL", "BSN", "IBAN", "GEBOORTEDATUM")
# Gaps between words that never end a sentence, checked before the pattern (most gaps are).
PLAIN_GAPS = frozenset({" ", ", ", "  ", ","})
SENTENCE_BREAK = re.compile(r"[.!?:;\n\"“(•*]|^\s*[-–]\s")
# Gaps between words up to this long are looked up, once tested ("", " ", ". ", ", ", " - ").
MEMO_GAP = 4
INITIALS = re.compile(r"(?:(?<![\w.])[A-Z]\.\s?){1,3}$")
# A title or relation word right before a name: "mw. Jansen", "buurman  Piet".
TIGHT = re.compile(r"\.?\s{1,3}")
# A known address: its street, and the house number from the first digit on.
STREET_AND_NUMBER = re.compile(r"\s*(.*?[^\d\s])\s*(\d.*)$")
SPACE = re.compile(r"\s")
SPACE_OR_DOT = re.compile(r"[\s.]")
NOT_DIGIT = re.compile(r"\D")
NAME_STREET_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "singel",
    "gracht",
    "kade",
    "steeg",
    "dreef",
    "hof",
    "pad",
    "erf",
    "plantsoen",
)
# How Dutch verb forms end ("woont", "vertaalde", "komen"): after "buurvrouw Sanne" such a word
# is what she does, not her surname.
VERB_ENDINGS = ("t", "de", "te", "en", "d")
# mdsa.yaml's default min_group_size: fewer homes than this on a street and its name alone
# points to a household.
DEFAULT_MIN_GROUP_SIZE = 5
NAME_INTERFIXES = (lx.INTERFIXES - {"in", "op", "aan", "bij", "uit"}) | {"d"}
# Positions only a name takes, whatever the word: a chat line's speaker ("[14:02] Roos:",
# "[12-03-26 14:05] Wolf Mooi:"), the sender in an e-mail header, the name under a greeting, the
# name after "Dossier:". A name never runs over a line break.
NAME_WORD = r"[^\W\d_][\w'’-]*"
NAME_POSITIONS = (
    re.compile(
        r"(?m)^[ \t]*\[?(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4},?[ \t]+)?\d{1,2}[:.]\d{2}\]?[ \t]*[-–]?"
        rf"[ \t]*({NAME_WORD}(?: {NAME_WORD})?)[ \t]*:"
    ),
    re.compile(
        rf"(?im)^(?:van|aan|cc|from|to)[ \t]*:[ \t]*({NAME_WORD}(?:[ ,]+{NAME_WORD}){{0,3}})[ \t]*<"
    ),
    re.compile(
        rf"(?im)^[ \t]*(?:(?:met[ \t]+)?(?:vriendelijke[ \t]+)?groet(?:en|jes)?|mvg|gr"
        rf"|hartelijke groet)[ \t]*,?[ \t]*\n[ \t]*({NAME_WORD}(?: {NAME_WORD})?)[ \t]*$"
    ),
    re.compile(
        rf"(?i)\b(?:dossier|naam|betreft|bewoner(?:[ \t]*\d)?)[ \t]*:[ \t]*"
        rf"({NAME_WORD}(?:[ \t]{NAME_WORD}){{0,2}}(?:,[ \t]*{NAME_WORD}(?:[ \t]{NAME_WORD})?)?)"
        rf"(?=[ \t]*(?:[/|\n(,;]|$))"
    ),
    re.compile(rf"(?i)\b({NAME_WORD})\s+van\s+hiernaast\b"),
)
TITLE_LEAD = re.compile(
    r"(?i)(?:"
    + "|".join(sorted(map(re.escape, lx.TITLES | lx.RELATIONS), key=len, reverse=True))
    + r")\.?[ \t]+"
)
# Weaker positions, where an organisation may stand too ("Aan: het Juridisch Loket", "groet
# Team Oost"): a name only when one of its words is a listed name or no word at all.
MAYBE_NAME_POSITIONS = (
    re.compile(
        rf"(?im)^(?:van|aan|cc|from|to)[ \t]*:[ \t]*({NAME_WORD}(?:[ ,]+{NAME_WORD}){{0,3}})[ \t]*$"
    ),
    re.compile(
        rf"(?im)\b(?:groet(?:en|jes)?|mvg)[ \t]*,?[ \t]+({NAME_WORD}(?: {NAME_WORD})?)[ \t]*$"
    ),
    re.compile(
        rf"(?i)\bcontact(?:persoon)?[ \t]*:[ \t]*({NAME_WORD}(?:[ \t]{NAME_WORD}){{0,2}})"
        rf"(?=[ \t]*(?:[,;/(\n]|$))"
    ),
)
# What a note must hold for a position pattern to match at all (tried first: cheaper).
POSITION_NEEDLES = {
    **dict.fromkeys((*NAME_POSITIONS[:2], *NAME_POSITIONS[3:4], MAYBE_NAME_POSITIONS[0]), (":",)),
    NAME_POSITIONS[2]: ("gr", "mvg"),
    NAME_POSITIONS[4]: ("hiernaast",),
    MAYBE_NAME_POSITIONS[1]: ("groet", "mvg"),
    MAYBE_NAME_POSITIONS[2]: ("contact",),
}
# The same, in the order tried, with whether a position is a weak one (a pattern's hash is
# computed from its whole code: looked up per note, it cost more than the needles).
POSITIONS_TRIED = [
    (pattern, POSITION_NEEDLES[pattern], maybe)
    for patterns_, maybe in ((NAME_POSITIONS, False), (MAYBE_NAME_POSITIONS, True))
    for pattern in patterns_
]
# Abbreviations written like initials: "o.a.", "i.o.m. Suzanne", "z.s.m.".
NOT_INITIALS = frozenset("oa ivm mbt as ed zsm tzt ca bv nb ps iom ipv nav tav ovv iov mvg".split())
# "Burgemeester Kerstensstraat", "Prof. Lorentzlaan": a title word before a street's name.
TITLED_STREET = re.compile(
    r"\b([^\W\d_a-z][^\W\d_]*)\.?[ \t]+[^\W\d_a-z][\w'’-]{2,}(?:"
    + "|".join(NAME_STREET_SUFFIXES)
    + r")\b"
)
VOWEL = re.compile(r"[aeiouyáéíóúàèëïöüâêîôû].*[aeiouyáéíóúàèëïöüâêîôû]")
POSTCODE_HINT = re.compile(r"[1-9]\d{3}[ \t]?-?[ \t]?[A-Za-z]{2}\b")
PRONOUNS = frozenset({"ik", "u", "je", "jij"})
TITLES_AND_RELATIONS = lx.TITLES | lx.RELATIONS
# What a word decides alone, after no title or relation word (``Scrubber._verdict``).
NOT_A_NAME, NAME, KNOWN_NAME, NEIGHBOURS = range(4)  # "ik ben Lente": the verb, not "Ben Ali"
PLACE_POSITIONS = re.compile(
    r"(?:(?<![\w-])[1-9]\d{3}[ \t]?-?[ \t]?[A-Za-z]{2}[ \t]*,?[ \t]*"
    r"|(?i:woonplaats|plaats|geboorteplaats)[ \t]*:[ \t]*"
    r"|(?i:geboren)(?:[ \t]+in[ \t]+(?:19|20)\d\d)?[ \t]+(?i:in|te)[ \t]+)"
    r"([^\W\d_a-z][\w'’-]+)(?=[ \t]*(?:$|[\n,.;)]))",
    re.MULTILINE,
)
ORDINAL = re.compile(r"(?<![\w.])\d{1,2}(?i:e|de|ste)[ \t]+$")
# "'s avonds", "’s-Hertogenbosch": the word after the old genitive is no name.
AFTER_S = re.compile(r"['’][sS][\s-]$")
# Between two parts of one name: white space, or the apostrophe of "d' Hondt".
NAME_GAP = re.compile(r"['’]?[^\S\n]+")
COMMA_FIRST_NAME = re.compile(r",[ \t]?([^\W\d_][\w'’-]+)")
# Initials before a surname: "J.C. Smits", "G.H Visser", "a.m. peeters", "w. janssen".
INITIALS_NAME = re.compile(
    r"(?<![\w.'’])((?:[^\W\d_]\.\s?){1,3}|[^\W\d_]\.[^\W\d_]\.?\s|[^\W\d_]\s)"
    r"((?:(?i:van|de|der|den|al|el|d')\s+)*[^\W\d_][\w'’-]+)"
)


class Scrubber:
    """De-identifies Dutch notes; one instance per project, reusable for any number of notes."""

    def __init__(
        self,
        *,
        known_names: Iterable[str] = (),
        known_streets: Iterable[str] = (),
        known_addresses: Iterable[str] = (),
        known_phones: Iterable[str] = (),
        keep_words: Iterable[str] = (),
        min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    ) -> None:
        self._keep = frozenset(w.strip().lower() for w in keep_words if w.strip())
        self._keep_tokens = frozenset(
            t.lower() for w in self._keep for t in WORD.findall(w) if len(t) > 2
        )
        self._ordinary_words = (
            self._keep
            | self._keep_tokens
            | lx.WEEKDAYS
            | lx.TITLES
            | lx.RELATIONS
            | lx.ABBREVIATIONS
        )
        # The answers of the per-word tests, which depend on the word and its place in a
        # sentence only: a project's notes repeat the same words thousands of times.
        self._is_name_memo: dict[tuple[str, bool, bool], bool] = {}
        self._never_name_memo: dict[str, bool] = {}
        self._shout_never_name_memo: dict[str, bool] = {}
        self._gap_memo: dict[str, int] = {}
        self._verdict_memo: dict[tuple[str, bool, bool], int] = {}
        self._keep_phrases = sorted(
            {w for w in self._keep | lx.KEEP_PHRASES if " " in w}, key=len, reverse=True
        )
        names = [n for n in (s.strip() for s in known_names) if n]
        self._name_phrases = names
        self._name_tokens = frozenset(
            t.lower()
            for n in names
            for t in WORD.findall(n)
            if len(t) > 2 and t.lower() not in lx.INTERFIXES and t.lower() not in self._keep
        )
        self._name_fuzzy = fuzzy_index(self._name_tokens)
        streets = {s.strip().lower() for s in known_streets if s.strip()}
        address_phrases = []
        # A street name alone ("op de Tolhuis is het donker") is kept when the project has at
        # least min_group_size homes on it: it names a group, not a household. The homes are
        # counted from the known addresses; with a house number it is always an address.
        homes: dict[str, set[str]] = {}
        for address in known_addresses:
            m = STREET_AND_NUMBER.match(address)
            if m:
                street = m.group(1).lower()
                streets.add(street)
                address_phrases.append(address)
                homes.setdefault(street, set()).add(SPACE.sub("", m.group(2)).lower())
        self._streets = frozenset(streets)
        self._street_last_words = lx.last_words(self._streets)
        shared = {street for street, numbers in homes.items() if len(numbers) >= min_group_size}
        alone = [s for s in streets if s not in self._keep and s not in shared]
        self._street_phrases = alone
        self._street_fuzzy = fuzzy_index({s for s in alone if " " not in s}, 6)
        self._address_phrases = address_phrases
        # Known phone numbers are compared by their last nine digits, however they are written.
        self._phone_tails = frozenset(
            digits[-9:] for phone in known_phones if len(digits := NOT_DIGIT.sub("", phone)) >= 9
        )
        # Found through an index of their first words, not a pattern per identifier: a
        # project knows up to 100,000 addresses and names, and every note is searched for all.
        self._known_phrases = KnownPhrases.kinds(
            (self._address_phrases, "ADRES"),
            (self._street_phrases, "ADRES"),
            (self._name_phrases, "PERSOON"),
        )

    # -- public -------------------------------------------------------------------------------

    def scrub(self, text: str) -> ScrubResult:
        """Return ``text`` with every identifier replaced by a numbered placeholder."""
        tokens = self._tokens(text)
        # In order of precedence (see the module's docstring): the first wins on overlap.
        structured = patterns.find_structured(text)
        known = self._known(text)
        digits = patterns.DIGIT.search(text) is not None
        numbers = list(patterns.find_house_numbers(text)) if digits else []
        addresses = self._addresses(text, tokens, numbers)
        persons = (
            self._name_positions(text) + self._initials(text, tokens) + self._persons(text, tokens)
        )
        persons += self._first_after_comma(text, persons)
        found = structured + known + addresses + persons
        bare_numbers = bare_house_numbers(text, tokens, persons, found, numbers) if numbers else []
        postcodes = (
            postcodes_beside(text, known + addresses + bare_numbers, self._is_place)
            if digits
            else []
        )
        return replace_spans(
            text, resolve(text, structured + known + addresses + postcodes + persons + bare_numbers)
        )

    # -- steps --------------------------------------------------------------------------------

    def _tokens(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        gaps = self._gap_memo
        previous_end = 0
        for m in words(text):
            start, end = m.span()
            gap = text[previous_end:start]
            kind = gaps.get(gap)
            if kind is None:
                # 0: no sentence break, 1: a break, 2: a full stop only (an abbreviation's?)
                kind = 0
                if gap not in PLAIN_GAPS and SENTENCE_BREAK.search(gap):
                    kind = 2 if gap.strip() == "." else 1
                if len(gap) <= MEMO_GAP:
                    gaps[gap] = kind
            if not tokens:
                sentence_start = True
            elif kind == 2:
                sentence_start = not is_abbreviation(tokens[-1].low)
            else:
                sentence_start = kind == 1
            word = m.group()
            tokens.append(Token(start, end, word, word.lower(), word[0].isupper(), sentence_start))
            previous_end = end
        mark_shouts(tokens, text)
        return tokens

    def _known(self, text: str) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        if self._phone_tails:
            for m in DIGIT_RUN.finditer(text):
                if NOT_DIGIT.sub("", m.group())[-9:] in self._phone_tails:
                    found.append((m.start(), m.end(), "TELEFOON"))
        if self._known_phrases:
            found += find_phrases(text, self._known_phrases)
        return found

    def _name_positions(self, text: str) -> list[tuple[int, int, str]]:
        """Names told by their position (see NAME_POSITIONS), even when they are words."""
        lex = lx.lexicon()
        found = []
        low = text.lower()
        for pattern, needles, maybe in POSITIONS_TRIED:
            if not any(map(low.__contains__, needles)):
                continue  # most notes have no chat line, header, greeting or form field
            for m in pattern.finditer(text):
                words = [
                    w
                    for w in WORD.finditer(m.group(1))
                    if not self._ordinary(w.group().lower())
                    and (
                        w.group().lower() not in lx.FUNCTION_WORDS
                        or (w.group()[0].isupper() and w.group().lower() in lex.first_names)
                    )
                ]
                if not words or self._protected_word(m.group(1)):
                    continue
                if maybe and not any(self._listed_or_unknown(w.group()) for w in words):
                    continue
                # "Naam: meneer Pavlenko": the title before the name stays
                lead = TITLE_LEAD.match(m.group(1))
                found.append((m.start(1) + (lead.end() if lead else 0), m.end(1), "PERSOON"))
        return found

    def _listed_or_unknown(self, word: str) -> bool:
        lex = lx.lexicon()
        low = word.lower()
        if low in lex.first_names or low in lex.surnames:
            return True
        return not is_word(low, lex.words) and low not in lex.places and low not in lx.KEEP

    def _protected_word(self, phrase: str) -> bool:
        low = phrase.lower()
        return low in self._keep or low in self._keep_tokens

    def _initials(self, text: str, tokens: list[Token]) -> list[tuple[int, int, str]]:
        """A surname after initials; without a dot or a title/relation before it only when the
        surname is no everyday word."""
        found: list[tuple[int, int, str]] = []
        if not any(map(may_be_initial, tokens, repeat(text))):
            return found  # most notes: no letter alone before a full stop or a space
        lex = lx.lexicon()
        for m in INITIALS_NAME.finditer(text):
            initials, surname = m.group(1), m.group(2)
            last = WORD.findall(surname)[-1].lower()
            letters = SPACE_OR_DOT.sub("", initials).lower()
            if letters in NOT_INITIALS:
                continue
            if last in lx.FUNCTION_WORDS or self._ordinary(last):
                continue
            if last in lx.KEEP or last in lx.MONTHS or last in self._keep_tokens:
                continue
            before = text[max(0, m.start() - 20) : m.start()].split()
            lead = before[-1].lower().rstrip(".:,") if before else ""
            context = lead in lx.TITLES or lead in lx.RELATIONS or lead.rstrip(".") in lx.TITLES
            if last in lex.frequent_words and not (context and surname[0].isupper()):
                continue  # "mw M.K. Klein" is a name, "o.a. klein" is not
            dotted = "." in initials
            if not (context or dotted):
                continue
            word = is_word(last, lex.words)
            if word and not context and not (surname[0].isupper() and initials[0].isupper()):
                continue
            found.append((m.start(), m.end(), "PERSOON"))
        return found

    def _first_after_comma(
        self, text: str, persons: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """ "Surname, First": a first name right after a comma that follows a name found."""
        lex = lx.lexicon()
        found = []
        for _, end, _ in persons:
            m = COMMA_FIRST_NAME.match(text, end)
            if m is None:
                continue
            low = m.group(1).lower()
            if low in lx.FUNCTION_WORDS or self._ordinary(low) or low in lx.KEEP:
                continue
            # "Bakker, Sanne"; "kleinzoon Manço, Tülin": a first name the lists do not have
            if low in lex.first_names or (
                len(low) > 2 and not is_word(low, lex.words) and low not in lex.places
            ):
                found.append((m.start(1), m.end(1), "PERSOON"))
        return found

    def _is_place(self, low: str) -> bool:
        return low in lx.lexicon().places

    def _is_street(self, phrase: str) -> bool:
        low = phrase.lower()
        return low in self._streets or low in lx.lexicon().streets

    def _addresses(
        self, text: str, tokens: list[Token], numbers: list[tuple[int, int]]
    ) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        if not numbers:
            return found
        ends: dict[int, int] | None = None  # where each word ends: made when first needed
        for start, end in numbers:
            # the street must end right before the number, separated by white space only
            stripped = text[:start].rstrip()
            if len(stripped) == start or stripped.endswith("\n") or stripped.rstrip(".") == "":
                continue
            if ends is None:
                ends = {t.end: i for i, t in enumerate(tokens)}
            last = ends.get(len(stripped))
            if last is None:
                continue
            first = self._street_start(tokens, last)
            if first is not None:
                begin = tokens[first].start
                ordinal = ORDINAL.search(text, max(0, begin - 6), begin)  # "2e Meidoornstraat"
                found.append((ordinal.start() if ordinal else begin, end, "ADRES"))
        return found

    def _street_start(self, tokens: list[Token], last: int) -> int | None:
        """Index of the first token of a street name ending at token ``last``, if any."""
        low = tokens[last].low
        longer = low in self._street_last_words or low in lx.lexicon().street_last_words
        for size in range(min(5, last + 1) if longer else 1, 0, -1):
            first = last - size + 1
            phrase = " ".join(t.text for t in tokens[first : last + 1])
            if self._is_street(phrase) and not (
                size == 1 and self._plain_word_street(tokens[last])
            ):
                return street_prefix(tokens, first, last)
        word = tokens[last]
        if word.low.endswith(lx.STREET_SUFFIXES) and len(word.low) > 5:
            return street_prefix(tokens, last, last)
        if (
            word.cap
            and word.low in lx.STREET_SUFFIXES
            and last > 0
            and tokens[last - 1].cap
            and tokens[last - 1].low in lx.STREET_PREFIXES
        ):
            return street_prefix(tokens, last, last)  # "Kromme Akker 32", "Oude Markt 5"
        if is_fuzzy(word.low, self._street_fuzzy, 6):
            return last
        return None

    def _plain_word_street(self, token: Token) -> bool:
        """A one-word street that is also an everyday word ("Markt 3" vs "groep 8")."""
        if token.low in self._streets:
            return False
        return token.low in lx.lexicon().words and (not token.cap or token.sentence_start)

    def _persons(self, text: str, tokens: list[Token]) -> list[tuple[int, int, str]]:
        name = [False] * len(tokens)
        protected = self._protected(text, tokens)
        verdicts = self._verdict_memo
        for i, tok in enumerate(tokens):
            if name[i] or i in protected:
                continue
            if i == 0 or tokens[i - 1].low not in TITLES_AND_RELATIONS:
                # Most words follow no title or relation word: then the word alone decides,
                # and a project's notes repeat the same words thousands of times.
                key = (tok.text, tok.sentence_start, tok.shout)
                verdict = verdicts.get(key)
                if verdict is None:
                    verdict = verdicts[key] = self._verdict(tok)
                if verdict == NOT_A_NAME:
                    continue
                if verdict == KNOWN_NAME:
                    name[i] = True
                    continue
                if verdict == NAME:
                    if not AFTER_S.match(
                        text, max(0, tok.start - 3), tok.start
                    ) and not self._english(tokens, i):
                        name[i] = True
                    continue
            self._person_at(text, tokens, i, name)
        self._grow(text, tokens, name)
        self._grow_back(text, tokens, name)
        spans = []
        for i in protected:
            name[i] = False
        before_keep: set[int] = set()
        for i in range(len(tokens) - 1, -1, -1) if protected else ():
            # "Gosia van het Rode Kruis": "van het" before a keep phrase is no part of a name
            if (
                name[i]
                and tokens[i].low in NAME_INTERFIXES
                and (i + 1 in protected or i + 1 in before_keep)
            ):
                name[i] = False
                before_keep.add(i)
        for i in self._places(text, tokens):
            name[i] = False
        for i, tok in enumerate(tokens):
            if name[i]:
                start = tok.start
                initials = INITIALS.search(text, max(0, start - 9), start)
                if initials and (i == 0 or not name[i - 1]):
                    start = initials.start()
                spans.append((start, tok.end, "PERSOON"))
        return spans

    def _verdict(self, tok: Token) -> int:
        """What ``_person_at`` decides for a word after no title or relation word, as far as
        the word alone decides it (see ``_persons``)."""
        if self._known_name(tok):
            return KNOWN_NAME
        if self._never_name(tok):
            return NOT_A_NAME
        if tok.low == "ben" or tok.low in NAME_INTERFIXES:
            return NEIGHBOURS  # "ik ben Wil", "van Dijk": the words around it decide
        return NAME if self._is_name(tok) else NOT_A_NAME

    def _person_at(self, text: str, tokens: list[Token], i: int, name: list[bool]) -> None:
        """Whether token ``i`` is (part of) a name, from the word and those around it."""
        lex = lx.lexicon()
        tok = tokens[i]
        prev = tokens[i - 1] if i else None
        if (
            prev is not None
            and prev.low in lx.TITLES
            and TIGHT.fullmatch(text, prev.end, tok.start)
        ):
            for j in self._after_title(text, tokens, i):
                name[j] = True
        elif self._known_name(tok):
            name[i] = True  # the project's own residents come before any word list
        elif (
            prev is not None
            and prev.low in lx.RELATIONS
            and tok.low in self._name_tokens
            and TIGHT.fullmatch(text, prev.end, tok.start)
            and tok.low not in self._keep
        ):
            name[i] = True  # "kleinzoon frans": a resident's name after a relation word
        elif self._never_name(tok):
            return
        elif (
            prev is not None
            and prev.low in lx.RELATIONS
            and TIGHT.fullmatch(text, prev.end, tok.start)
            and "." not in text[prev.end : tok.start]
        ):
            # "broer Wil": capitalised mid-sentence after a relation word, a name even when
            # it is also a word
            name[i] = self._after_relation(tok) or (
                tok.cap
                and not tok.shout
                and not tok.sentence_start
                and tok.low in lex.first_names
                and tok.low not in lx.INTERFIXES
            )
        elif tok.low == "ben" and prev is not None and prev.low in PRONOUNS and i + 1 < len(tokens):
            # "ik ben Wil van 125": the verb, and a capitalised word after it introduces
            # the writer, whatever the word
            nxt = tokens[i + 1]
            if nxt.cap and not nxt.sentence_start and not self._ordinary(nxt.low):
                name[i + 1] = nxt.low not in lx.FUNCTION_WORDS or nxt.low in lex.first_names
        elif tok.low in NAME_INTERFIXES and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if (
                text[tok.end : nxt.start].isspace()
                and nxt.cap
                and nxt.low in lex.interfix_surnames
                and not self._never_name(nxt)
                and not (nxt.shout and is_word(nxt.low, lex.words))  # "IN DE WIJK"
            ):
                name[i] = name[i + 1] = True
        elif (
            self._is_name(tok)
            and not AFTER_S.match(text, max(0, tok.start - 3), tok.start)
            and not self._english(tokens, i)
        ):
            name[i] = True

    def _protected(self, text: str, tokens: list[Token]) -> set[int]:
        """Tokens inside a keep phrase ("Albert Heijn", "Sociaal Wijkteam") or a street with a
        title before it ("de Burgemeester Kerstensstraat": no person, with no house number no
        address either)."""
        found: set[int] = set()
        low = text.lower()
        titled = any(map(low.__contains__, NAME_STREET_SUFFIXES))
        for m in TITLED_STREET.finditer(text) if titled else ():
            if m.group(1).lower() in lx.STREET_PREFIXES and m.group(1).lower() not in lx.INTERFIXES:
                found |= {i for i, t in enumerate(tokens) if m.start() <= t.start < m.end()}
        if not any(map(low.__contains__, self._keep_phrases)):
            return found  # most notes: no keep phrase
        for phrase in self._keep_phrases:
            at = low.find(phrase)
            while at >= 0:
                end = at + len(phrase)
                found |= {i for i, t in enumerate(tokens) if at <= t.start and t.end <= end}
                at = low.find(phrase, end)
        return found

    def _english(self, tokens: list[Token], i: int) -> bool:
        """A lowercase English word among English words ("Would love to join"), though a list
        has it as a name ("love"); "can" alone in a Dutch note may still be Can."""
        tok = tokens[i]
        if tok.cap:
            return False
        lex = lx.lexicon()
        if tok.low not in lex.english_words:
            return False
        return any(
            0 <= j < len(tokens)
            and tokens[j].low in lex.english_words
            and tokens[j].low not in lex.words
            for j in (i - 1, i + 1)
        )

    def _places(self, text: str, tokens: list[Token]) -> set[int]:
        """The town after a postcode, after "Woonplaats:" or "geboren in": a place, even one
        no list knows ("6048 AV Gruttewaard", "Geboren in 1945 in Wolderveen")."""
        found: set[int] = set()
        lex = lx.lexicon()
        low = text.lower()
        if "plaats" not in low and "geboren" not in low and not POSTCODE_HINT.search(text):
            return found
        for m in PLACE_POSITIONS.finditer(text):
            # a listed name stays a name there ("6541 KL Fatima, ..."); a real town is no name
            # anyway (lexicon places)
            low = m.group(1).lower()
            if low not in lex.first_names and low not in lex.surnames:
                found |= {i for i, t in enumerate(tokens) if t.start == m.start(1)}
        return found

    def _known_name(self, tok: Token) -> bool:
        """A name of one of the project's residents: capitalised, or not an everyday word."""
        low = tok.low
        if low not in self._name_tokens or low in self._keep or low in self._keep_tokens:
            return False
        return tok.cap or not is_word(low, lx.lexicon().words)

    def _ordinary(self, low: str) -> bool:
        """Words that are never a name, wherever they stand: the project's keep words,
        weekdays, titles, relation words and abbreviations."""
        return low in self._ordinary_words

    def _never_name(self, tok: Token) -> bool:
        memos = self._shout_never_name_memo if tok.shout else self._never_name_memo
        memo = memos.get(tok.text)
        if memo is None:
            memo = memos[tok.text] = self._never_name_word(tok)
        return memo

    def _never_name_word(self, tok: Token) -> bool:
        low = tok.low
        if (
            tok.text.isupper()
            and not tok.shout
            and len(low) > 1
            and is_word(low, lx.lexicon().words)
        ):
            return True  # "Let op: BELLEN": a word in capitals is stressed, not a surname
        return self._ordinary(low) or low in lx.KEEP or (low in lx.MONTHS and low != "jan")

    def _after_title(self, text: str, tokens: list[Token], i: int) -> list[int]:
        lex = lx.lexicon()
        j = i
        while j < len(tokens) - 1 and tokens[j].low in NAME_INTERFIXES:
            j += 1
        head = tokens[j]
        low = head.low
        if self._ordinary(low) or low in lx.MONTHS or (low in lx.FUNCTION_WORDS and j == i):
            return []
        listed = (
            low in lex.surnames
            or low in lex.first_names
            or low in lex.interfix_surnames
            or low in self._name_tokens
        )
        word = is_word(low, lex.words)
        title = tokens[i - 1]
        # After "mw." or "dhr." the full stop is the abbreviation's; after "mevrouw." it ends
        # the sentence ("bij mevrouw. Goed contact").
        full_stop = "." in text[title.end : head.start] and len(title.low) > 4
        if head.shout:  # "MW BAKKER": a listed name even when it is a word, in a shout
            named = low not in lex.words or (listed and low not in lx.FUNCTION_WORDS)
            return list(range(i, j + 1)) if named else []
        if head.cap and word and not listed and full_stop:
            return []  # "bij mw. Goed contact": the full stop ended the sentence
        if head.cap or not word or (listed and (j > i or low not in lex.frequent_words)):
            return list(range(i, j + 1))
        return []

    def _after_relation(self, tok: Token) -> bool:
        lex = lx.lexicon()
        if tok.low in lx.FUNCTION_WORDS or tok.low in lex.frequent_words:
            return False
        if tok.cap and not tok.shout:
            return tok.low not in lex.places or tok.low in lex.first_names
        return tok.low in lex.first_names or (len(tok.low) > 2 and not is_word(tok.low, lex.words))

    def _is_name(self, tok: Token) -> bool:
        key = (tok.text, tok.sentence_start, tok.shout)
        memo = self._is_name_memo.get(key)
        if memo is None:
            memo = self._is_name_memo[key] = self._is_name_word(tok)
        return memo

    def _is_name_word(self, tok: Token) -> bool:
        lex = lx.lexicon()
        low = tok.low
        if self._name_tokens and (
            low in self._name_tokens
            or (is_fuzzy(low, self._name_fuzzy) and not is_word(low, lex.words))
        ):
            return True
        if len(low) < 2 or low in lex.places:
            return False
        word = is_word(low, lex.words)
        listed = low in lex.first_names or low in lex.surnames
        if tok.shout:
            # Capitals say nothing here: a listed name unless it is an everyday word (a first
            # name may be a rare one: "ELS", "BRAM"), or a long word no list knows ("OWUSU"
            # is short but listed; "GGD", "AOW" are acronyms).
            if listed:
                return low not in lx.FUNCTION_WORDS and (
                    not word or (low in lex.first_names and low not in lex.frequent_words)
                )
            # an acronym ("GGD", "AOW") has no vowel or fewer than four letters
            long_enough = len(low) > 5 or (len(low) > 3 and VOWEL.search(low) is not None)
            english = low in lex.english_words  # "NOTE FOR KUBA: SHE SAYS"
            return long_enough and not word and not english and not is_compound(low, lex.words)
        if tok.text.isupper() and len(low) <= 5:
            return False  # an acronym: "GGD", "AOW"
        if tok.cap:
            if listed and not tok.sentence_start:
                return low not in lx.FUNCTION_WORDS
            if listed and low in lex.first_names:
                return not word or low not in lex.frequent_words
            if tok.sentence_start and low in lex.english_words:
                return False  # "Note for Anna:", "Worried about the rent."
            if word or is_compound(low, lex.words):
                return False
            return not (low.endswith(NAME_STREET_SUFFIXES) and len(low) > 7)
        return listed and not word and len(low) > 2

    def _grow_back(self, text: str, tokens: list[Token], name: list[bool]) -> None:
        """The word before a name at the start of a line or sentence: its first name or an
        initial without a dot ("Ama Owusu (123) heeft ...", "N Darwish (16) ...")."""
        if True not in name:
            return
        lex = lx.lexicon()
        for i in range(len(tokens) - 1, 0, -1):
            prev, tok = tokens[i - 1], tokens[i]
            if not name[i] or name[i - 1] or text[prev.end : tok.start] != " ":
                continue
            if not (prev.cap and prev.sentence_start and not tok.sentence_start):
                continue
            low = prev.low
            initial = len(low) == 1 and prev.text.isupper() and low not in {"u", "o"}
            first = (
                len(low) > 1
                and not prev.text.isupper()
                and low not in lex.frequent_words
                and low not in lx.FUNCTION_WORDS
                and low not in lex.places
                and not self._never_name(prev)
                and not low.endswith(VERB_ENDINGS)
            )
            if initial or first:
                name[i - 1] = True

    def _grow(self, text: str, tokens: list[Token], name: list[bool]) -> None:
        """Extend each name over the rest of it: ``Anna de Vries``, ``fatima el amrani``."""
        if True not in name:
            return
        lex = lx.lexicon()
        i = 0
        while i < len(tokens) - 1:
            if not name[i] or name[i + 1]:
                i += 1
                continue
            j = i + 1
            while j < len(tokens) and tokens[j].low in NAME_INTERFIXES and j - i <= 3:
                j += 1
            if j >= len(tokens) or any(
                not NAME_GAP.fullmatch(text[tokens[k].end : tokens[k + 1].start])
                for k in range(i, j)
            ):
                i += 1
                continue
            tok = tokens[j]
            ok = not self._never_name(tok) and tok.low not in lx.FUNCTION_WORDS
            if ok and tok.cap and not tok.shout:
                # "Frans Driessen": a listed surname after a name, even when it is also a place
                listed = tok.low in lex.surnames and tok.low not in lx.KEEP
                ok = tok.low not in lex.places or j > i + 1 or listed
            elif ok:
                # "mevrouw Sama says": after a name in capitals, a lowercase English word is
                # none of it ("peter wood" may be)
                english = tokens[i].cap and tok.low in lex.english_words
                ok = len(tok.low) > 2 and not is_word(tok.low, lex.words) and not english
                ok = ok or (j > i + 1 and tok.low in lex.interfix_surnames)
                # "TRUUS BAKKER ZIJN": in a shout, a listed surname after a name
                ok = ok or (
                    tok.shout and tok.low in lex.surnames and tok.low not in lex.frequent_words
                )
                # "jolanda d' hondt": after a name and an interfix, a surname, unless it is
                # an everyday word as it stands ("Piet van de week")
                ok = ok or (
                    j > i + 1
                    and len(tok.low) > 2
                    and tok.low not in lex.words
                    and tok.low not in lex.frequent_words
                )
                # "buurvrouw marvin pinas": a listed surname after a name that follows a relation
                after_relation = i > 0 and tokens[i - 1].low in lx.RELATIONS
                ok = ok or (
                    after_relation and tok.low in lex.surnames and tok.low not in lex.frequent_words
                )
                # "schoonzus abraham mehari komt": the word after a relation word and a first
                # name is a surname unless it is a frequent word or a verb ("woont", "bakt")
                ok = ok or (
                    after_relation
                    and j == i + 1
                    and tokens[i].low in lex.first_names
                    and len(tok.low) > 2
                    and tok.low not in lex.frequent_words
                    and not tok.low.endswith(VERB_ENDINGS)
                    and not is_compound(tok.low, lex.words)
                )
            if ok:
                for k in range(i + 1, j + 1):
                    name[k] = True
            i += 1
