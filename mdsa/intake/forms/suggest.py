"""``mdsa import EXPORT --suggest``: propose a forms.yaml for a form mdsa does not know yet.

Each column title is compared with the questions of the reference form (and with the names of
the fields); a good match becomes a mapping marked ``REVIEW``, anything else is proposed as an
open text field, so nothing is guessed silently. The proposal never overwrites forms.yaml.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from mdsa.fileio import write_text
from mdsa.intake.forms.mapping import FORMS_FILE
from mdsa.intake.forms.reference import Question, questions
from mdsa.intake.forms.writer import quote

SUGGESTION_FILE = "forms.suggested.yaml"
_GRID = re.compile(r"^(?P<title>.*?)\s*\[(?P<row>[^\[\]]+)\]$")
_CUTOFF = 0.6
# The e-mail column Google Forms itself adds after the timestamp: the respondent's address,
# which in a visit project is the worker's, never the resident's.
RESPONDENT_EMAIL_TITLES = frozenset({"email address", "e-mailadres", "e-mail address"})
# Titles that ask for an identifier. Such a column must never become an open text field
# (text.* is scrubbed and passed on as text blocks); it becomes the identifying field, which
# never leaves private/, or is dropped. The e-mail test comes first: "E-mailadres" holds "adres".
_IDENTIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("resident_email", re.compile(r"e-?mail|mailadres", re.I)),
    ("resident_phone", re.compile(r"telefoon|\btel\b|\btel\.|phone|mobiel|mobile|\bgsm\b", re.I)),
    ("postcode", re.compile(r"postcode|postal|\bzip\b", re.I)),
    (
        "address",
        re.compile(r"\badres|address|\bstraat(naam)?\b|\bstreet\b|huisnummer|house ?number", re.I),
    ),
    ("resident_name", re.compile(r"\bnaam\b|\bname\b|voornaam|achternaam|surname", re.I)),
)
_VISITOR = re.compile(
    r"medewerker|bezoeker|interviewer|worker|visitor|vrijwilliger|volunteer|ingevuld door", re.I
)


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.casefold())
    return "_".join(words[:4]) or "vraag"


def _best(title: str, pool: list[Question]) -> tuple[Question | None, float]:
    best: tuple[Question | None, float] = (None, 0.0)
    for question in pool:
        score = difflib.SequenceMatcher(None, title.casefold(), question.title.casefold()).ratio()
        if score > best[1]:
            best = (question, score)
    return best


def suggest_mapping(headers: tuple[str, ...]) -> tuple[str, int]:
    """A forms.yaml text for these headers, and how many columns were matched by guess."""
    from mdsa.intake.exports.table import TIMESTAMP_TITLES

    lines = [
        "# Voorstel van `mdsa import --suggest`. Controleer elke regel met REVIEW, pas aan en",
        f"# hernoem dit bestand dan naar {FORMS_FILE}.",
        "columns:",
    ]
    pool = questions()
    used: dict[str, list[str]] = {}
    taken_fields: set[str] = set()
    guesses = 0
    seen_grids: set[str] = set()
    for position, header in enumerate(headers):
        title = header.strip()
        if position == 0 and title.casefold() in TIMESTAMP_TITLES:
            lines.append(f"  {quote(title)}: submitted_at")
            continue
        grid = _GRID.match(title)
        if grid:
            base = grid["title"].strip()
            if base in seen_grids:
                continue
            seen_grids.add(base)
            question, score = _best(base, [q for q in pool if q.type in ("grid", "checkbox_grid")])
            name = question.field if question and score >= _CUTOFF else f"grid.{_slug(base)}"
            guesses += 1
            lines.append(f"  {quote(base)}: {name}  # REVIEW: raster ({score:.0%} match)")
            continue
        if title in used:
            continue
        repeats = sum(h.strip() == title for h in headers)
        if position == 1 and title.casefold() in RESPONDENT_EMAIL_TITLES:
            used[title] = ["drop"]
            lines.append(
                f"  {quote(title)}: drop  # e-mail van de invuller (medewerker), niet nodig"
            )
            continue
        question, score = _best(title, pool)
        identifier = identifying_field(title)
        matched = question is not None and score >= _CUTOFF and question.field == identifier
        if identifier is not None and not matched:
            taken = identifier in taken_fields
            fields = ["drop" if taken else identifier] + ["drop"] * (repeats - 1)
            taken_fields.add(identifier)
            used[title] = fields
            guesses += 1
            entry = fields[0] if repeats == 1 else f"[{', '.join(fields)}]"
            note = (
                "al gekoppeld aan een andere kolom; niet geïmporteerd"
                if taken
                else "persoonsgegeven: blijft in private/, nooit als open tekst"
            )
            lines.append(f"  {quote(title)}: {entry}  # REVIEW: {note}")
            continue
        if identifier is not None:
            taken_fields.add(identifier)
        if repeats > 1:
            same = [
                q.field for q in pool if question and score >= _CUTOFF and q.title == question.title
            ]
            fields = (same + [f"text.{_slug(title)}_{n}" for n in range(1, repeats + 1)])[:repeats]
            used[title] = fields
            guesses += 1
            note = f"# REVIEW: {repeats} kolommen met deze titel"
            lines.append(f"  {quote(title)}: [{', '.join(fields)}]  {note}")
            continue
        if question is not None and score >= _CUTOFF:
            guesses += 1
            used[title] = [question.field]
            lines.append(
                f"  {quote(title)}:  # REVIEW: {score:.0%} match with {quote(question.title)}"
            )
            lines.append(f"    field: {question.field}")
            if question.range:
                lines.append(f"    range: [{question.range[0]}, {question.range[1]}]")
            if question.options:
                lines.append("    options:")
                lines.extend(f"      {quote(k)}: {quote(v)}" for k, v in question.options.items())
        else:
            used[title] = [f"text.{_slug(title)}"]
            lines.append(
                f"  {quote(title)}: text.{_slug(title)}  # REVIEW: geen match; open tekst?"
            )
    return "\n".join(lines) + "\n", guesses


def identifying_field(title: str) -> str | None:
    """The identifying field a title asks for (a name, phone, address, postcode or e-mail),
    or ``None``; a name with a word for the worker is the visitor's."""
    for field, pattern in _IDENTIFIERS:
        if pattern.search(title):
            if field == "resident_name" and _VISITOR.search(title):
                return "visitor"
            return field
    return None


def write_suggestion(root: Path, export: Path) -> tuple[Path, int]:
    from mdsa.intake.exports import read_export

    raw = read_export(export)  # an ExportError is an MdsaError: the CLI renders it
    text, guesses = suggest_mapping(raw.headers)
    path = root / SUGGESTION_FILE
    write_text(path, text)
    return path, guesses
