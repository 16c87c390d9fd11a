"""Addresses without the street lists: a street name's own start, and bare house numbers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from mdsa.privacy import lexicon as lx
from mdsa.privacy import patterns
from mdsa.privacy.scrub_tokens import Token

ARTICLES = frozenset({"de", "het", "den", "der", "en", "ter", "ten"})


def street_prefix(tokens: list[Token], first: int, last: int) -> int:
    """Grow a street name to the left over words like "St.", "Burgemeester", "Tweede"."""
    while first > 0:
        if (
            first > 1
            and tokens[first - 1].cap
            and tokens[first - 2].low in lx.STREET_TITLES
            and tokens[first - 2].end + 2 >= tokens[first - 1].start
        ):
            first -= 2  # "Dr. Jan Berendsstraat": a title and a first name
            continue
        if tokens[first - 1].low not in lx.STREET_PREFIXES:
            break
        if tokens[first - 1].end + 2 < tokens[first].start:
            break
        first -= 1
    # "aan de Wilghof", "AAN DE WILGHOF": the article is not part of the street's name
    while first < last and (
        (not tokens[first].cap and tokens[last].cap)
        or ((not tokens[first].cap or tokens[first].shout) and tokens[first].low in ARTICLES)
    ):
        first += 1
    return first


# Bare house numbers: "de familie X op 41", "ik ben Sanne van 27", "mw Smit (58)".
BARE_NUMBER_LEAD = re.compile(r"(?i)\b(?:op|van|bij)\s+$")
HOUSEHOLD_WORDS = frozenset("buren buurman buurvrouw familie fam gezin huis woning".split())
# How many words back a person or household word may stand from "op 41".
BARE_NUMBER_REACH = 6
# A number right after a name ends a shorthand heading: "dhr G. Viswanathan 201-B - ...".
SHORTHAND_END = re.compile(r"[ \t]*(?:$|\n|[-–:;,)]|\.(?:\s|$))")
PLANNING_BEFORE = re.compile(r"(?i)\b(?:blok|fase)\s+$")
DATE_AFTER = re.compile(r"[-/.]\d")
NOT_A_HOME = re.compile(r"(?i)\s*(?:t/?m\b|" + patterns.MONTH_NAMES + ")")


def bare_house_numbers(
    text: str,
    tokens: list[Token],
    persons: list[tuple[int, int, str]],
    found: list[tuple[int, int, str]],
    numbers: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int, str]]:
    """House numbers without a street, told by their neighbours: a person, a household word,
    brackets right after a name, or a postcode just before. ``numbers`` are the candidates
    (``patterns.find_house_numbers``), when the caller has them already."""
    spans: list[tuple[int, int, str]] = []
    person_ends = {end for _, end, _ in persons}
    token_ends = [t.end for t in tokens]
    postcode_ends = {end for _, end, kind in found if kind == "POSTCODE"}
    if numbers is None:
        numbers = list(patterns.find_house_numbers(text))
    for start, end in numbers:
        before = text[max(0, start - 40) : start]
        after = text[end : end + 12]
        if NOT_A_HOME.match(after) or PLANNING_BEFORE.search(before):
            continue  # "blok 41 t/m 67", "op 14 maart": a planning or a date, not a home
        if DATE_AFTER.match(after):
            continue  # "op 07-06-2026": a date
        word_end = len(text[:start].rstrip())  # where the text before the number ends
        if text[word_end - 1 : word_end] == "(" and after.startswith(")"):
            if len(text[: word_end - 1].rstrip()) in person_ends:  # "mw Smit (58)"
                spans.append((start, end, "ADRES"))
            continue
        if (
            len(text[:start].rstrip(" \t/,")) in postcode_ends
        ):  # "pc + nr: 6511 XB 12", "4628 tg / 136"
            spans.append((start, end, "ADRES"))
            continue
        if (
            text[word_end:start] == " "
            and word_end in person_ends
            and SHORTHAND_END.match(after)
            and not YEAR.fullmatch(text[start:end])  # "lived here since 1988"
        ):
            spans.append((start, end, "ADRES"))  # "mvr C. Visconti 90 - tuin is groen"
            continue
        lead = BARE_NUMBER_LEAD.search(before)
        if lead is None:
            continue
        lead_start = start - len(before) + lead.start()
        upto = bisect.bisect_right(token_ends, lead_start)
        near = tokens[max(0, upto - BARE_NUMBER_REACH) : upto]
        household = any(t.low in HOUSEHOLD_WORDS or t.low in lx.TITLES for t in near)
        person = bool(near) and any(near[0].start <= e <= lead_start for e in person_ends)
        if household or person:
            spans.append((start, end, "ADRES"))
    return spans


# A postcode beside an address or before a place is one whatever its letters spell
# ("Annapad 181 / 2003 en", "6537 in Nijmegen"); other finders leave out letters that are a
# short word after a number ("sinds 2005 en").
POSTCODE_AFTER_ADDRESS = re.compile(
    r"[ \t]*[,/]?[ \t]*([1-9]\d{3}" + patterns.LOOSE_GAP + r"[a-zA-Z]{2})(?![\w-])"
)
POSTCODE_BEFORE_WORD = re.compile(
    r"([1-9](?<![\w-][1-9])\d{3}" + patterns.POSTCODE_GAP + r"[a-zA-Z]{2})[ \t]*,?[ \t]*([^\W\d_]+)"
)
# ... but "sinds 2005 op de flat", "in 1998 in Nijmegen": a year and a word go on with a sentence.
YEAR_IN_SENTENCE = re.compile(r"(?:19|20)\d\d\s+[a-z]{2}\s+[a-z]")
YEAR = re.compile(r"(?:19|20)\d\d")


def postcodes_beside(
    text: str, addresses: list[tuple[int, int, str]], is_place: Callable[[str], bool]
) -> list[tuple[int, int, str]]:
    """Postcodes right after an address found, or right before the name of a place."""
    spans: list[tuple[int, int, str]] = []
    if patterns.FOUR_DIGITS.search(text) is None:
        return spans
    for _, end, kind in addresses:
        if kind == "ADRES" and (m := POSTCODE_AFTER_ADDRESS.match(text, end)):
            if not YEAR_IN_SENTENCE.match(text, m.start(1)):
                spans.append((m.start(1), m.end(1), "POSTCODE"))
    for m in POSTCODE_BEFORE_WORD.finditer(text):
        year = YEAR.match(m.group(1)) and patterns.WORD_AFTER_NUMBER.fullmatch(m.group(1)[-2:])
        if m.group(2)[0].isupper() and is_place(m.group(2).lower()) and not year:
            spans.append((m.start(1), m.end(1), "POSTCODE"))
    return spans
