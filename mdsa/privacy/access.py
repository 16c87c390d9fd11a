"""``mdsa access ADDRESS``: a resident's own personal report (right of access, AVG article 15).

The handbook's privacy plan: "Buurtbewoners krijgen ook de mogelijkheid om het persoonlijke
verslag op te vragen". The report holds what the project keeps about one household: its row of
the address list, each registered visit with the answers in the form's own Dutch wording, what
the resident told and the actions agreed, and what is shared, how long it is kept and how to
have it erased. It is written in plain Dutch, inside ``private/inzage/`` (it holds the address),
as Markdown for now; the document machinery of ``mdsa/documents/`` is to turn it into a PDF.
The file is named by a keyed pseudonym, never by the address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.fileio import write_text
from mdsa.project.folder import PRIVATE_DIR, REGISTRATIONS_FILE, Household, Project

if TYPE_CHECKING:
    from mdsa.intake.forms.mapping import FormMapping
    from mdsa.intake.registrations import Registration

ACCESS_DIR = f"{PRIVATE_DIR}/inzage"
ACTIONS_FIELD = "actions"
_IDENTITY_LABELS = {
    "resident_name": "Naam",
    "resident_phone": "Telefoon",
    "resident_email": "E-mail",
    "address": "Adres zoals genoteerd",
    "postcode": "Postcode zoals genoteerd",
}
_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


@dataclass
class AccessResult:
    path: str
    visits: int
    in_address_list: bool

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.path, "visits": self.visits, "in_address_list": self.in_address_list}


def dutch_date(value: date | str | None) -> str:
    if value is None or value == "":
        return "onbekende datum"
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


class Labels:
    """The form's own Dutch wording of each field and option (from ``forms.yaml``)."""

    def __init__(self, mapping: FormMapping | None) -> None:
        self.titles: dict[str, str] = {}
        self.options: dict[str, dict[str, str]] = {}
        self.rows: dict[str, dict[str, str]] = {}
        self.order: list[str] = []
        for title, rules in (mapping.rules if mapping else {}).items():
            for rule in rules:
                if rule.kind == "drop" or rule.field in self.titles:
                    continue
                self.titles[rule.field] = title.split(" [", 1)[0]
                self.options[rule.field] = {c: label for label, c in rule.options.items()}
                self.rows[rule.field] = {c: label for label, c in rule.rows.items()}
                self.order.append(rule.field)

    def title(self, name: str) -> str:
        return self.titles.get(name, name.split(".", 1)[-1].replace("_", " "))

    def option(self, name: str, code: Any) -> str:
        if code == "other":
            return "anders"
        return self.options.get(name, {}).get(str(code), str(code))

    def value(self, name: str, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(self.option(name, v) for v in value) or "(geen)"
        if isinstance(value, dict):
            rows = self.rows.get(name, {})
            return "; ".join(
                f"{rows.get(code, code)}: {self.value(name, cell)}"
                for code, cell in sorted(value.items())
            )
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return self.option(name, value)

    def sort_key(self, name: str) -> tuple[int, str]:
        return (self.order.index(name) if name in self.order else len(self.order), name)


def _visit(registration: Registration, labels: Labels) -> list[str]:
    lines = [f"## Het huisbezoek van {dutch_date(registration.visit_date)}", ""]
    visitor = registration.identity.get("visitor")
    if visitor:
        lines.append(f"Het gesprek werd gevoerd door {visitor}.")
        lines.append("")
    identity = [
        f"- {label}: {registration.identity[name]}"
        for name, label in _IDENTITY_LABELS.items()
        if registration.identity.get(name)
    ]
    if identity:
        lines += ["Wat we van u noteerden:", "", *identity, ""]
    answers = registration.answers
    closed = sorted(
        (n for n in answers if not n.startswith("text.") and n != ACTIONS_FIELD),
        key=labels.sort_key,
    )
    if closed:
        lines += ["### Uw antwoorden", ""]
        lines += [f"- {labels.title(n)}: {labels.value(n, answers[n])}" for n in closed]
        lines.append("")
    texts = sorted((n for n in answers if n.startswith("text.")), key=labels.sort_key)
    others = {n: p for n, p in registration.other.items() if n != "subarea" and p}
    if texts or others:
        lines += ["### Wat u ons vertelde", ""]
        for name in texts:
            lines += [f"**{labels.title(name)}**", "", str(answers[name]), ""]
        for name, pieces in sorted(others.items()):
            lines += [f"**{labels.title(name.split('.', 1)[0])}** (anders):", ""]
            lines += [f"- {piece}" for piece in pieces]
            lines.append("")
    actions = answers.get(ACTIONS_FIELD)
    lines += ["### Afspraken en acties", ""]
    if actions:
        lines += [f"- {labels.option(ACTIONS_FIELD, a)}" for a in actions]
    else:
        lines.append("Er zijn bij dit bezoek geen acties afgesproken.")
    lines.append("")
    if registration.incomplete:
        lines += ["Dit verslag is niet helemaal ingevuld.", ""]
    return lines


def _household(household: Household | None) -> list[str]:
    lines = ["## Uw adres in onze adreslijst", ""]
    if household is None:
        return [*lines, "Uw adres staat niet (meer) in onze adreslijst.", ""]
    lines.append(f"- Adres: {household.street} {household.house_number}")
    for label, value in (
        ("Postcode", household.postcode),
        ("Deel van de buurt", household.subarea),
        ("Blok", household.block),
        ("Week van de renovatie", household.renovation_week),
    ):
        if value:
            lines.append(f"- {label}: {value}")
    return [*lines, ""]


def _rights(project: Project) -> list[str]:
    from mdsa.privacy.retention import retention_until

    privacy = project.privacy
    min_group = project.config.min_group_size if project.config else 5
    lines = [
        "## Wat we met uw gegevens doen",
        "",
        "Alleen de medewerkers van het project zien uw naam, adres en het verslag van het "
        "gesprek. Met de andere organisaties delen we alleen een anoniem beeld van de buurt: "
        "daarin staat u niet met uw naam of adres, maar onder een code, en zijn namen, adressen "
        "en telefoonnummers uit de teksten gehaald. Een groep van minder dan "
        f"{min_group} huishoudens tonen we nooit apart.",
        "",
    ]
    if privacy and privacy.purposes:
        lines += ["We gebruiken uw gegevens om:", ""]
        lines += [f"- {purpose}" for purpose in privacy.purposes]
        lines.append("")
    until = retention_until(project)
    if until:
        lines += [
            f"We bewaren uw gegevens tot {dutch_date(until)}. Daarna verwijderen we alles "
            "waaraan u te herkennen bent.",
            "",
        ]
    lines += [
        "## Uw rechten",
        "",
        "U mag altijd vragen om dit overzicht, om een fout te laten verbeteren, en om al uw "
        "gegevens te laten verwijderen. Dan verwijderen we ze uit alle bestanden van het "
        "project, ook uit de anonieme gegevens.",
        "",
    ]
    if privacy and privacy.resident_contact:
        lines += [f"Hiervoor kunt u terecht bij: {privacy.resident_contact}.", ""]
    return lines


def report_code(key: bytes, address_key: str) -> str:
    """The pseudonym in the file name of a household's report (not the ``HH-`` of data/)."""
    from mdsa.privacy.pseudonyms import pseudonym

    return pseudonym(key, f"access|{address_key}", prefix="IZ")


def access_report(project: Project, address: str, *, today: date | None = None) -> AccessResult:
    """Write the personal report of the household at ``address``; refused when the project
    knows nothing of it."""
    from mdsa.intake.forms.mapping import FORMS_FILE, load_mapping
    from mdsa.intake.registrations import load_registrations
    from mdsa.privacy.erasure import (
        ErasureError,
        address_key_of,
        matcher_for,
        registration_key,
    )
    from mdsa.privacy.pseudonyms import load_or_create_key
    from mdsa.report import Report

    root = project.root
    today = today or date.today()
    matcher = matcher_for(project)
    key = address_key_of(address, matcher)
    household = matcher.by_key.get(key)
    visits = [
        r
        for r in load_registrations(root / REGISTRATIONS_FILE)
        if registration_key(r, matcher) == key
    ]
    if household is None and not visits:
        raise ErasureError(
            "no household at this address in private/ (the address list and the "
            "registrations); no report was written",
            hint="check the street and the house number (the address itself is not shown)",
            code="no-household",
        )
    mapping = load_mapping(root / FORMS_FILE, Report()) if (root / FORMS_FILE).is_file() else None
    labels = Labels(mapping)
    lines = [
        f"# Uw gegevens in het project {project.name}",
        "",
        f"Dit overzicht is gemaakt op {dutch_date(today)}, op uw verzoek. Het laat zien wat "
        "het project over uw huishouden bewaart (uw recht op inzage, artikel 15 van de AVG).",
        "",
        *_household(household),
    ]
    if visits:
        for registration in sorted(visits, key=lambda r: r.visit_date or ""):
            lines += _visit(registration, labels)
    else:
        lines += ["Er is (nog) geen huisbezoek bij u geregistreerd.", ""]
    lines += _rights(project)
    code = report_code(load_or_create_key(root), key)
    path = root / ACCESS_DIR / f"inzage-{code}-{today.isoformat()}.md"
    write_text(path, "\n".join(lines).rstrip("\n") + "\n")
    return AccessResult(
        path=Path(path).relative_to(root).as_posix(),
        visits=len(visits),
        in_address_list=household is not None,
    )
