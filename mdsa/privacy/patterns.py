"""Identifiers with a fixed shape: e-mail, IBAN, BSN, phone, postcode, birth date, house number.

Each finder returns ``(start, end, kind)`` spans in the text it was given. Numbers are validated
where the format allows it (IBAN mod-97, BSN 11-check), but a number the note itself calls a BSN or
an IBAN is removed even when the check fails: a typo in a BSN still identifies a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mdsa.privacy import lexicon as lx

Span = tuple[int, int, str]

MONTH_NAMES = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}\b")
IBAN = re.compile(
    r"(?<![\w])[A-Za-z]{2}\s?\d{2}(?:\s?[A-Za-z0-9]{4}){2,7}(?:\s?[A-Za-z0-9]{1,3})?(?![\w])"
)
# What every IBAN holds: two digits after a word of two letters, or after it and a space. It starts
# with a digit, so re looks for it digit to digit instead of trying every position (a lookbehind
# that stands after the first character does the same for the patterns below that start with
# one: "[1-9](?<![\w-][1-9])" is "(?<![\w-])[1-9]").
IBAN_HINT = re.compile(r"\d(?:(?<=\b[A-Za-z]{2}\d)|(?<=\b[A-Za-z]{2}\s\d))\d")
NL_IBAN = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")
IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}")
SPACE = re.compile(r"\s")
IBAN_CONTEXT = re.compile(r"(?i)(iban|rekening|reknr|bank)\W{0,20}$")
BSN_CONTEXT = re.compile(r"(?i)(bsn|burgerservice|sofi)\w*\W{0,12}(?:nr\.?|nummer)?\W{0,6}$")
DIGITS = re.compile(r"\d+")
# A run of digit groups: "06-12345678", "+31 (0)6 1234 5678", "123.456.782", "024 - 345 67 89";
# never over a full stop and a space ("Lankforst 100-14. 4275 vj" is no BSN).
# (As "(?<![\w@/.,-])[+(]?\d", digit first; a leading "00" is two of its digits anyway.)
NUMBER_RUN = re.compile(
    r"[+(\d](?<![\w@/.,-][+(\d])(?:(?<=\d)|(?<=[+(])\d)"
    r"(?:\d|[ \t]?[-/)][ \t]?(?=\d)|[ \t]?\.(?=\d)|[ \t](?=\(?\d)|[ \t]?\(0?\d{0,3}\)[ \t]?)*"
)
# People type one or two spaces, or a dash, between the digits and the letters ("6541  KL",
# "6541-KL", "6541 - KL").
POSTCODE_GAP = r"(?:\s{0,2}-?\s{0,2})"
# Where the note says it is a postcode, or the letters are no word, also "6541.kl", "6541 k l".
LOOSE_GAP = r"(?:\s{0,2}[-.]?\s{0,2})"
# Every postcode starts with these four digits (a note without them has none).
FOUR_DIGITS = re.compile(r"[1-9]\d{3}")
# The four digits, none before them and no dash: "(?<![\w-])[1-9]\d{3}", digit first.
_POSTCODE_DIGITS = r"[1-9](?<![\w-][1-9])\d{3}"
POSTCODE = re.compile(rf"{_POSTCODE_DIGITS}(?:{POSTCODE_GAP}[A-Z]{{2}}|[a-z]{{2}})(?![\w-])")
POSTCODE_LOWER = re.compile(
    rf"(?i)\b(?:postcode|pc)\b\W{{0,6}}(?:nr\W{{0,3}})?([1-9]\d{{3}}{LOOSE_GAP}[a-z]\s?[a-z])\b"
)
POSTCODE_WORD = re.compile(r"(?i)\bpostcode")
# "6543 ab Nijmegen": a spaced lowercase postcode is recognised by the place name after it.
# Two-letter words and abbreviations that follow a number without being postcode letters.
_NOT_POSTCODE_LETTERS = (
    "en|in|op|de|te|om|of|is|al|na|nu|zo|ze|je|we|ik|er|ja|af|uw|ma|di"
    "|wo|do|vr|za|ca|bv|ok|nl|pm|am|uur"
)
POSTCODE_PLACE = re.compile(
    _POSTCODE_DIGITS + r"\s{1,2}(?!(?:" + _NOT_POSTCODE_LETTERS + r")\b)[a-z]{2}"
    r"(?=\s+[A-Z][a-z]|\s*$|[ \t]*\n|\s*[,;)/])"
)
# In a note that talks about a postcode, any "6513 ar" is one (unless it is "2005 en").
POSTCODE_ANY_CASE = re.compile(
    _POSTCODE_DIGITS
    + LOOSE_GAP
    + r"(?!(?i:"
    + _NOT_POSTCODE_LETTERS
    + r"|km|kg|cm|mm|ml|jr)\b)(?:[a-zA-Z]{2}|[A-Z]\s[A-Z])(?![\w-])"
)
# Two-letter words that follow a number in a sentence, beyond those above ("1030 uur" has three).
_AFTER_NUMBER_WORDS = (
    _NOT_POSTCODE_LETTERS
    + "|km|kg|cm|mm|ml|jr|af|la|id|ex|tv|pc|cv|wc|mw|hr|dr|mr|st|nr|ah|no|au|oh|ha|he|hé|eh"
)
POSTCODE_LOOSE = re.compile(
    _POSTCODE_DIGITS + LOOSE_GAP + r"(?!(?i:" + _AFTER_NUMBER_WORDS + r")\b)"
    r"(?:[a-zA-Z]{2}|[A-Z]\s[A-Z])(?![\w-])"
)
BIRTH_LEAD = re.compile(
    r"(?i)\b(?:geboren(?:\s+(?:op|in|per))?|geb\.?\s?datum|geboortedatum|geboortedag|geb"
    r"|d\.?o\.?b)\b\.?\s*[:.]?\s*"
)
# The marker may stand a name away from the date: "dob Sanne: 3-4-1951", "geb.datum Smit: ...".
BIRTH_GAP = re.compile(r"(?:[^\W\d][\w'’.-]*,?\s+){0,2}[^\W\d][\w'’.-]*\s*:\s*")
DATE = re.compile(
    rf"(?i)\d{{1,2}}\s?[-/.]\s?\d{{1,2}}\s?[-/.]\s?(?:\d{{4}}|['’]?\d{{2}})(?!\d)"
    rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}(?!\d)"
    rf"|\d{{1,2}}\s+{MONTH_NAMES}(?:\s+(?:\d{{4}}|'\d{{2}}))?(?![\w])"
    rf"|{MONTH_NAMES}\s+\d{{4}}(?!\d)"
    rf"|(?:19|20)\d{{2}}(?!\d)"
)
# What follows a house number: "12a", "12 A", "12-B", "12 bis", "12 hs", "12-III", "12 boven".
HOUSE_ADDITION = r"(?:\s?-?\s?(?:(?i:bis|hs)|I{1,3}|IV|boven|beneden)\b)"
HOUSE_NUMBER = re.compile(
    r"\d(?<![\w.,/-]\d)\d{0,3}(?:(?:\s?-\s?|/)\d{1,4}(?![\d]|[.,]\d))?(?:(?:\s?-?\s?)[a-zA-Z](?![\w@/]))?"
    + HOUSE_ADDITION
    + r"?(?!\d|[.,]\d)"
)
NOT_AFTER_NUMBER = re.compile(
    r"(?i)\s*(?:%|x\b|jaar|jr|keer|uur|u\b|min|minuten|euro|eur|kinderen|kids|kamers|personen"
    r"|dagen|weken|maanden|km|m\b|cm|kg|stuks|pakketten|katten|honden|verdieping|hoog|etage)"
)
_NR_NUMBER = (
    r"(\d{1,4}(?:\s?-\s?\d{1,3})?(?:\s?-?\s?(?:bis|hs|i{1,3}|iv)\b|\s?-?\s?[a-z](?![\w/]))?)"
    r"(?!\d|[.,]\d)"
)
NR = re.compile(r"(?i)(?<![\w])(?:nr|no|nummer)\.?\s?:?\s?" + _NR_NUMBER)
HOUSE_NR_WORD = re.compile(r"(?i)\b(?:huisnr|huisnummer|hnr)\.?\s?:?\s?" + _NR_NUMBER)


def bsn_valid(digits: str) -> bool:
    """The 11-check (elfproef) of a 9-digit citizen service number."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def iban_valid(iban: str) -> bool:
    """ISO 13616 mod-97 check of an IBAN without spaces."""
    s = iban.upper()
    if not IBAN_SHAPE.fullmatch(s):
        return False
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def find_emails(text: str) -> Iterator[Span]:
    if "@" not in text:
        return
    for m in EMAIL.finditer(text):
        yield m.start(), m.end(), "EMAIL"


def find_ibans(text: str) -> Iterator[Span]:
    if IBAN_HINT.search(text) is None:
        return
    for m in IBAN.finditer(text):
        compact = SPACE.sub("", m.group()).upper()
        context = bool(IBAN_CONTEXT.search(text[max(0, m.start() - 30) : m.start()]))
        if iban_valid(compact) or NL_IBAN.fullmatch(compact) or context:
            yield m.start(), m.end(), "IBAN"


def _phone_kind(digits: str, plus: bool, bsn_context: bool) -> str | None:
    """Kind of a complete digit string, or None when it is no identifier."""
    if plus or digits.startswith("0031"):
        if plus and not digits.startswith("31"):
            return "TELEFOON" if 10 <= len(digits) <= 13 else None  # a foreign number
        rest = (digits[2:] if plus else digits[4:]).removeprefix("0")
        return "TELEFOON" if len(rest) == 9 and rest[0] != "0" else None
    if len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
        return "TELEFOON"
    if len(digits) == 9:
        if bsn_context or (digits[0] != "6" and bsn_valid(digits)):
            return "BSN"
        return "TELEFOON" if digits[0] != "0" else None
    return None


# A postcode that ends a run of digit groups ends the phone number or BSN before it: its letters
# are no short word after a number, or it closes a line or a field of an address.
POSTCODE_AT_END = re.compile(
    r"[1-9]\d{3}" + LOOSE_GAP + r"[a-zA-Z]{2}[ \t]*(?:$|\n|[,;/)|])", re.MULTILINE
)
POSTCODE_AFTER_DIGITS = (POSTCODE_LOOSE, POSTCODE_PLACE, POSTCODE_AT_END)


def find_numbers(text: str) -> Iterator[Span]:
    """Phone numbers and BSNs in any Dutch notation (they share their shapes)."""
    for run in NUMBER_RUN.finditer(text):
        groups = list(DIGITS.finditer(run.group()))
        last = run.start() + groups[-1].start() if len(groups) > 1 else -1
        if last > 0 and any(p.match(text, last) for p in POSTCODE_AFTER_DIGITS):
            groups.pop()  # "235-03 / 2474 gj": a house number and a postcode, no phone number
        plus = run.group().startswith("+")
        i = 0
        while i < len(groups):
            first = groups[i]
            starts_ok = i == 0 or first.group().startswith("0") or len(first.group()) == 9
            best: tuple[int, str] | None = None
            digits = ""
            start = run.start() + (0 if i == 0 else first.start())
            context: bool | None = None
            for j in range(i, len(groups)):
                digits += groups[j].group()
                if len(digits) > 13:
                    break
                if not starts_ok or len(digits) < 9:
                    continue  # no phone number or BSN is shorter
                if context is None:
                    context = bool(BSN_CONTEXT.search(text[max(0, start - 30) : start]))
                kind = _phone_kind(digits, plus and i == 0, context)
                if kind:
                    best = (j, kind)
            if best is None:
                i += 1
                continue
            j, kind = best
            start = run.start() + (0 if i == 0 else first.start())
            yield start, run.start() + groups[j].end(), kind
            i = j + 1


# In capitals, a two-letter word after a number is no postcode when the number goes on from
# digits before it ("TEL 018 227 4227 DE LIFT", "GEBOREN OP 28.10.1972 EN") or is a year
# followed by more capitals ("SINDS 1975 IN DE WIJK").
WORD_AFTER_NUMBER = re.compile(r"(?i)(?:" + _AFTER_NUMBER_WORDS + r")")
DIGITS_BEFORE = re.compile(r"\d[ \t./-]$")
YEAR_THEN_CAPITALS = re.compile(r"(?:19|20)\d\d\s+[A-Z]{2}\s+[A-Z]{2}")


def find_strict_postcodes(text: str) -> Iterator[Span]:
    """``6541 KL``, ``6541  KL``, ``6541-KL``, ``6541kl``: shapes no phone number or date has."""
    if FOUR_DIGITS.search(text) is None:
        return
    for m in POSTCODE.finditer(text):
        letters = m.group()[-2:]
        if letters.isupper() and WORD_AFTER_NUMBER.fullmatch(letters):
            if DIGITS_BEFORE.search(text, max(0, m.start() - 2), m.start()) or (
                YEAR_THEN_CAPITALS.match(text, m.start())
            ):
                continue
        yield m.start(), m.end(), "POSTCODE"


def find_postcodes(text: str) -> Iterator[Span]:
    """Lowercase and spaced postcodes, told by a place, a line end or the word postcode."""
    if FOUR_DIGITS.search(text) is None:
        return
    low = text.lower()  # the words these patterns need, looked for before the patterns
    for m in POSTCODE_LOWER.finditer(text) if "pc" in low or "postcode" in low else ():
        yield m.start(1), m.end(1), "POSTCODE"
    for m in POSTCODE_PLACE.finditer(text):
        yield m.start(), m.end(), "POSTCODE"
    # Any other four digits and two letters, in any case, spaced or hyphened ("6541  kl",
    # "6541-KL", "6541 kL"), unless the letters are a short word that follows a number ("2005
    # en", "1500 ml"): in a note that talks about a postcode, every such shape is one.
    talks = "postcode" in low and POSTCODE_WORD.search(text)
    strict = POSTCODE_ANY_CASE if talks else POSTCODE_LOOSE
    for m in strict.finditer(text):
        yield m.start(), m.end(), "POSTCODE"


# Every birth date marker holds one of these ("geboren", "geb.datum", "dob", "d.o.b").
BIRTH_NEEDLES = ("geb", "dob", "d.ob", "do.b", "d.o.b")


def find_birth_dates(text: str) -> Iterator[Span]:
    if not any(map(text.lower().__contains__, BIRTH_NEEDLES)):
        return
    for lead in BIRTH_LEAD.finditer(text):
        m = DATE.match(text, lead.end())
        if m is None and (gap := BIRTH_GAP.match(text, lead.end())):
            m = DATE.match(text, gap.end())
            name = text[gap.start() : gap.end()].rstrip(": \t")
            # "geb.datum Smit: 12-3-1949", "dob sanne: ...": the words between marker and date
            # are a name, unless they are everyday words ("Geboortedatum voor de aanvraag: ...")
            words = name.replace(",", " ").split()
            if m and not any(w.lower() in lx.FUNCTION_WORDS for w in words):
                yield gap.start(), gap.start() + len(name), "PERSOON"
        if m:
            yield m.start(), m.end(), "GEBOORTEDATUM"


def find_house_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Candidate house numbers; the caller decides whether a street precedes them."""
    for m in HOUSE_NUMBER.finditer(text):
        if not NOT_AFTER_NUMBER.match(text, m.end()):
            yield m.start(), m.end()


RANGE_AFTER = re.compile(r"(?i)\s*(?:t/?m|tot)\b")


def find_nr(text: str) -> Iterator[Span]:
    """``nr. 14`` (replaced whole) and ``huisnummer 14`` (the number only)."""
    low = text.lower()
    for m in NR.finditer(text) if "nr" in low or "no" in low or "nummer" in low else ():
        yield m.start(), m.end(), "ADRES"
    for m in HOUSE_NR_WORD.finditer(text) if "huisn" in low or "hnr" in low else ():
        if not RANGE_AFTER.match(text, m.end()):  # "hnr 17 t/m 40 klaar": a planning
            yield m.start(1), m.end(1), "ADRES"


DIGIT = re.compile(r"\d")


def find_structured(text: str) -> list[Span]:
    """Every fixed-shape identifier, in order of priority (first wins on overlap)."""
    if not DIGIT.search(text):
        # Every shape but an e-mail address has a digit; many notes have none.
        return list(find_emails(text)) if "@" in text else []
    return [
        *find_emails(text),
        *find_ibans(text),
        # A postcode before phone numbers: "12-03 / 2474 GJ" is a house number and a postcode,
        # not the nine digits of a phone number. Only the strict shape: "06 0000 1000 mw" is a
        # phone number in a note that mentions a postcode.
        *find_strict_postcodes(text),
        *find_numbers(text),
        *find_postcodes(text),
        *find_birth_dates(text),
        *find_nr(text),
    ]
