"""``mdsa access ADDRESS``: a resident's own personal report (right of access, AVG article 15).

The handbook's privacy plan: "Buurtbewoners krijgen ook de mogelijkheid om het persoonlijke
verslag op te vragen". The report is a letter to the household, a print-ready PDF in Dutch made
with the document machinery of ``mdsa/documents/`` (template ``access-report.typ``): the sender
of ``mdsa.yaml``'s ``letters:`` block, the household's address where a window envelope shows it,
then what the project keeps about the household: its row of the address list, each registered
visit with the answers in the form's own Dutch wording, what the resident told and the actions
agreed, and what is shared, how long it is kept, the resident's rights and whom to ask. It holds
the address, so it is written inside ``private/inzage/``, named by a keyed pseudonym, never by
the address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mdsa.fileio import write_bytes
from mdsa.project.folder import PRIVATE_DIR, REGISTRATIONS_FILE, Household, Project

if TYPE_CHECKING:
    from mdsa.intake.forms.mapping import FormMapping
    from mdsa.intake.registrations import Registration

ACCESS_DIR = f"{PRIVATE_DIR}/inzage"
ACCESS_TEMPLATE = "access-report.typ"
ACCESS_TITLE = "Uw persoonlijk verslag van het huisbezoek"
ACTIONS_FIELD = "actions"
_IDENTITY_LABELS = {
    "resident_name": "Naam",
    "resident_phone": "Telefoon",
    "resident_email": "E-mail",
    "address": "Adres zoals genoteerd",
    "postcode": "Postcode zoals genoteerd",
}
# A question asked in several sections (forms.yaml: "Belemmeringen": [text.person_obstacles,
# text.environment_obstacles]) has one title; the section is told by the field's name.
_SECTIONS = {"person": "over uzelf", "environment": "over uw omgeving"}
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
        title = self.titles.get(name)
        if title is None:
            return name.split(".", 1)[-1].replace("_", " ").capitalize()
        shared = sum(t == title for t in self.titles.values()) > 1
        section = _SECTIONS.get(name.split(".", 1)[-1].split("_", 1)[0])
        return f"{title} ({section})" if shared and section else title

    def option(self, name: str, code: Any) -> str:
        if code == "other":
            return "anders"
        return self.options.get(name, {}).get(str(code), str(code))

    def value(self, name: str, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(self.option(name, v) for v in value) or "(geen)"
        if isinstance(value, dict):
            return "; ".join(self.lines(name, value))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return self.option(name, value)

    def lines(self, name: str, value: Any) -> list[str]:
        """An answer as lines: one per row of a grid question, else one."""
        if isinstance(value, dict):
            rows = self.rows.get(name, {})
            order = list(rows)  # the form's order of the rows, then any it does not know
            codes = sorted(value, key=lambda c: (order.index(c) if c in order else len(order), c))
            return [f"{rows.get(code, code)}: {self.value(name, value[code])}" for code in codes]
        return [self.value(name, value)]

    def sort_key(self, name: str) -> tuple[int, str]:
        return (self.order.index(name) if name in self.order else len(self.order), name)


def _visit(registration: Registration, labels: Labels) -> dict[str, Any]:
    """One visit's fields for the template (see the templates' README)."""
    answers = registration.answers
    closed = sorted(
        (n for n in answers if not n.startswith("text.") and n != ACTIONS_FIELD),
        key=labels.sort_key,
    )
    texts = sorted((n for n in answers if n.startswith("text.")), key=labels.sort_key)
    others = {n: p for n, p in registration.other.items() if n != "subarea" and p}
    told = [{"question": labels.title(n), "text": str(answers[n])} for n in texts]
    told += [
        {"question": f"{labels.title(n.split('.', 1)[0])} (anders)", "text": "\n".join(pieces)}
        for n, pieces in sorted(others.items())
    ]
    return {
        "date": dutch_date(registration.visit_date),
        "visitor": registration.identity.get("visitor") or None,
        "noted": [
            {"label": label, "value": registration.identity[name]}
            for name, label in _IDENTITY_LABELS.items()
            if registration.identity.get(name)
        ],
        "answers": [
            {"question": labels.title(n), "lines": labels.lines(n, answers[n])} for n in closed
        ],
        "told": told,
        "actions": [labels.option(ACTIONS_FIELD, a) for a in answers.get(ACTIONS_FIELD) or []],
        "incomplete": bool(registration.incomplete),
    }


def _household(household: Household | None) -> list[dict[str, str]] | None:
    """The household's row of the address list as label and value; ``None`` when not on it."""
    if household is None:
        return None
    rows = [{"label": "Adres", "value": f"{household.street} {household.house_number}"}]
    for label, value in (
        ("Postcode", household.postcode),
        ("Deel van de buurt", household.subarea),
        ("Blok", household.block),
        ("Week van de renovatie", household.renovation_week),
    ):
        if value:
            rows.append({"label": label, "value": value})
    return rows


def _recipient(
    household: Household | None, visits: list[Registration], city: str
) -> dict[str, Any]:
    """The address block: the name the resident gave (latest visit), else the address list's."""
    from mdsa.phases.visits import household_fields

    noted = next((r.identity for r in reversed(visits) if r.identity.get("address")), {})
    name = next(
        (r.identity["resident_name"] for r in reversed(visits) if r.identity.get("resident_name")),
        household.name if household else None,
    )
    if household is not None:
        fields = household_fields(household, city)
        street_line, postcode = fields["street_line"], fields["postcode"]
    else:
        street_line, postcode = noted.get("address", ""), noted.get("postcode")
    return {
        "name": name or None,
        "street_line": street_line,
        "postcode": postcode or None,
        "city": city.upper(),
    }


def _privacy(project: Project) -> dict[str, Any]:
    """What privacy.yaml says, in the resident's words; every field but two optional."""
    from mdsa.phases.visits import LEGAL_BASIS_WORDS, _and_list, _readers
    from mdsa.privacy.retention import retention_until

    plan = project.privacy
    partners = project.partners.organisations if project.partners else []
    responsible = list(plan.responsible if plan else []) or [
        p.name for p in partners if p.kind in ("housing_corporation", "welfare")
    ]
    return {
        "purposes": list(plan.purposes) if plan else [],
        "readers": _readers(plan.raw_data_access) if plan and plan.raw_data_access else None,
        "shared": list(plan.shared_between_organisations) if plan else [],
        "min_group_size": project.config.min_group_size if project.config else 5,
        "retention_until": retention_until(project),
        "retention_months": plan.retention_months if plan else None,
        "legal_basis": LEGAL_BASIS_WORDS.get(plan.legal_basis or "") if plan else None,
        "consent": bool(plan and plan.legal_basis == "consent"),
        "responsible": _and_list(responsible) or None,
        "responsible_many": len(responsible) > 1,
        "contact": plan.resident_contact if plan else None,
        "contact_email": plan.contact_email if plan else None,
    }


def access_context(
    project: Project,
    household: Household | None,
    visits: list[Registration],
    labels: Labels,
    today: date,
    reference: str,
) -> dict[str, Any]:
    """Every field of the personal report (see ``mdsa/templates/documents/README.md``)."""
    from mdsa.phases.visits import letter_context

    letter = letter_context(project, today)  # the sender is that of the invitation letters
    config = project.config
    settings = config.letters if config else None
    city = (settings.city if settings else None) or (config.municipality if config else "") or ""
    ordered = sorted(visits, key=lambda r: r.visit_date or "")
    signatories = letter["signatories"]
    if not (settings and settings.signatories):
        # Without signatories of its own, the report is signed by the sender's contact only
        # (the invitation letter's are the contacts of all three core partners).
        signatories = [s for s in signatories if s["organisation"] == letter["sender"]["name"]]
    return {
        "project": letter["project"],
        "sender": letter["sender"],
        "letter": {
            "date": today,  # the day of the request, not the invitation letters' date
            "place": letter["letter"]["place"],
            "subject": ACCESS_TITLE,
            "reference": reference,
            "contact": letter["letter"]["contact"],
        },
        "window": letter["window"],
        "recipient": _recipient(household, ordered, city),
        "household": _household(household),
        "visits": [_visit(r, labels) for r in ordered],
        "privacy": _privacy(project),
        "signatories": signatories,
    }


def report_code(key: bytes, address_key: str) -> str:
    """The pseudonym in the file name of a household's report (not the ``HH-`` of data/)."""
    from mdsa.privacy.pseudonyms import pseudonym

    return pseudonym(key, f"access|{address_key}", prefix="IZ")


def access_report(project: Project, address: str, *, today: date | None = None) -> AccessResult:
    """Write the personal report of the household at ``address`` as a PDF inside
    ``private/inzage/``; refused when the project knows nothing of it, and nothing is written
    when the template cannot be rendered."""
    from mdsa.documents.pdf import render_pdf
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
    code = report_code(load_or_create_key(root), key)
    context = access_context(project, household, visits, Labels(mapping), today, code)
    pdf = render_pdf(ACCESS_TEMPLATE, context, root)
    path = root / ACCESS_DIR / f"inzage-{code}-{today.isoformat()}.pdf"
    write_bytes(path, pdf)
    return AccessResult(
        path=Path(path).relative_to(root).as_posix(),
        visits=len(visits),
        in_address_list=household is not None,
    )
