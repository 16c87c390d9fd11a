"""Write the example Google Forms exports of the two example projects, deterministically.

Called at the end of ``generate.py``. The rows follow the reference registration form in
``mdsa/forms/reference.py``; the notes come from ``notes.py``. Two download paths are shown:

- Spoorbuurt: Forms > Responses > Download responses, a zip holding one CSV named after the form
  (every field quoted, ``\\r\\n`` record ends, ``;`` between checkbox answers, Dutch timestamps).
- Lankforst: the linked Google Sheet downloaded as .xlsx, with the project leader's notes on a tab
  before "Formulierreacties 1" and typed cells (numbers, dates, phone numbers without their 0).

Each export holds a few deliberate messy cases (see ``MESSY``); every other row is complete.
All people, phone numbers, e-mail addresses and identifiers are invented.
"""

from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml
from notes import (
    PARTICIPATIE,
    RE,
    WONING,
    Home,
    Household,
    Note,
    NoteWriter,
    Person,
    Setting,
    email_address,
    identifier_share,
    invent_person,
    phone_number,
)

from mdsa.intake.forms.reference import (
    AGE_GROUPS,
    CARDS,
    FACILITY_OPTIONS,
    FACILITY_ROWS,
    FORM_TITLE,
    HOUSEHOLD_TYPES,
    Question,
    questions,
)

SPOORBUURT_ZIP = f"{FORM_TITLE}.csv.zip"
LANKFORST_XLSX = "Registratie sociaal gesprek (Antwoorden).xlsx"
RESPONSES_SHEET = "Formulierreacties 1"
VISITING_ROLES = ("housing_consultant", "community_worker")

SATISFACTION = "scale.satisfaction"
CONTACT = "scale.neighbour_contact"
SAFETY = "scale.safety"


@dataclass(frozen=True)
class Project:
    folder: str
    seed: int
    setting: Setting
    visit_share: float
    start: date
    end: date
    breaks: tuple[tuple[date, date], ...]  # no visits (holidays, lockdown)
    origins: dict[str, int]
    ages: dict[str, int]  # age group code -> weight
    scales: dict[str, tuple[int, ...]]  # weights for 1..10
    facilities: dict[str, tuple[int, int, int, int]]  # row code -> Slecht, Matig, Goed, Weet niet
    typo_street: tuple[str, str]  # (street in the list, how it is misspelt)
    downloaded: datetime


SPOORBUURT = Project(
    folder="spoorbuurt",
    seed=2016_0905,
    setting=Setting("Spoorbuurt", (), flavour="spoorbuurt"),
    visit_share=0.80,
    start=date(2016, 9, 5),
    end=date(2017, 6, 30),
    breaks=(
        (date(2016, 10, 24), date(2016, 10, 28)),  # herfstvakantie
        (date(2016, 12, 26), date(2017, 1, 6)),  # kerstvakantie
        (date(2017, 2, 27), date(2017, 3, 3)),  # voorjaarsvakantie
        (date(2017, 4, 17), date(2017, 4, 17)),  # tweede paasdag
        (date(2017, 4, 24), date(2017, 4, 28)),  # meivakantie, Koningsdag
        (date(2017, 5, 25), date(2017, 5, 26)),  # Hemelvaart
        (date(2017, 6, 5), date(2017, 6, 5)),  # tweede pinksterdag
    ),
    origins={"nl": 62, "ma": 12, "tr": 11, "sr": 10, "pl": 5},
    ages={"under_25": 4, "25_44": 24, "45_64": 32, "65_79": 27, "80_plus": 13},
    scales={
        SATISFACTION: (1, 1, 2, 3, 6, 12, 25, 28, 14, 8),
        CONTACT: (2, 2, 3, 4, 8, 12, 20, 24, 15, 10),
        SAFETY: (1, 1, 2, 3, 7, 12, 24, 27, 15, 8),
    },
    facilities={
        "shops": (5, 20, 70, 5),
        "green": (15, 35, 45, 5),
        "transport": (3, 10, 80, 7),
        "community_centre": (8, 22, 40, 30),
    },
    typo_street=("Perronstraat", "Peronstraat"),
    downloaded=datetime(2017, 7, 3, 10, 12, 40),
)

LANKFORST = Project(
    folder="lankforst",
    seed=2021_0906,
    setting=Setting("Lankforst", (), district="Dukenburg", flavour="lankforst"),
    visit_share=0.81,  # handbook: a social conversation in 81% of the households
    start=date(2021, 9, 6),
    end=date(2022, 3, 31),
    breaks=(
        (date(2021, 10, 18), date(2021, 10, 22)),  # herfstvakantie
        (date(2021, 12, 20), date(2022, 1, 14)),  # lockdown and kerstvakantie
        (date(2022, 2, 28), date(2022, 3, 4)),  # voorjaarsvakantie
    ),
    origins={"nl": 45, "ma": 16, "tr": 16, "sr": 13, "pl": 10},
    ages={"under_25": 7, "25_44": 35, "45_64": 30, "65_79": 20, "80_plus": 8},
    scales={
        SATISFACTION: (2, 2, 3, 5, 10, 16, 24, 22, 10, 6),
        CONTACT: (3, 3, 4, 6, 10, 14, 20, 20, 12, 8),
        SAFETY: (3, 3, 5, 8, 12, 18, 22, 17, 8, 4),
    },
    facilities={
        "shops": (8, 25, 62, 5),
        "green": (10, 25, 60, 5),
        "transport": (8, 25, 55, 12),
        "community_centre": (15, 25, 25, 35),
    },
    typo_street=("Lankforst", "Lankvorst"),
    downloaded=datetime(2022, 4, 4, 9, 31, 5),
)

AGE_RANGES = {
    "under_25": (19, 24),
    "25_44": (25, 44),
    "45_64": (45, 64),
    "65_79": (65, 79),
    "80_plus": (80, 94),
}
HOUSEHOLD_WEIGHTS = {  # age group -> single, single_parent, couple, family, other
    "under_25": (60, 25, 10, 5, 0),
    "25_44": (25, 20, 15, 38, 2),
    "45_64": (40, 10, 25, 20, 5),
    "65_79": (50, 0, 45, 2, 3),
    "80_plus": (70, 0, 28, 0, 2),
}
SCALE_SHIFTS = {  # theme -> scale -> shift of the drawn answer
    "veiligheid": {SAFETY: -2},
    "galerij": {SAFETY: -1},
    "eenzaamheid": {CONTACT: -2, SATISFACTION: -1},
    "burenhulp": {CONTACT: 1},
    "tevreden": {SATISFACTION: 1},
    "onzekerheid": {SATISFACTION: -1},
    "afval": {SATISFACTION: -1},
    "geluid": {CONTACT: -1},
}


@dataclass
class Visit:
    home: Home
    household: Household
    visitor: str
    start: datetime
    submitted: datetime
    answers: dict[str, Any] = field(default_factory=dict)  # field -> value
    notes: dict[str, Note] = field(default_factory=dict)
    messy: str = ""  # what is deliberately odd about this row


# --- building visits ----------------------------------------------------------------------------
def _label(options: dict[str, str], code: str) -> str:
    return next(label for label, value in options.items() if value == code)


def _weighted(rng: random.Random, weights: dict[str, int] | dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _working_days(project: Project) -> list[date]:
    days = []
    day = project.start
    while day <= project.end:
        off = any(first <= day <= last for first, last in project.breaks)
        if day.weekday() < 5 and not off:
            days.append(day)
        day += timedelta(days=1)
    return days


def _next_working_day(day: date, days: Sequence[date], ahead: int = 1) -> date:
    later = [d for d in days if d > day]
    return later[min(ahead, len(later)) - 1] if later else day + timedelta(days=ahead)


def _typed_address(rng: random.Random, home: Home) -> str:
    """The address as a worker types it: mostly neat, sometimes not."""
    street, number = home.street, home.number
    roll = rng.random()
    if number[-1].isalpha() and roll < 0.25:  # 12a -> 12 A, 12 a, 12-a
        number = rng.choice((f"{number[:-1]} {number[-1].upper()}", f"{number[:-1]} {number[-1]}"))
        number = number if rng.random() < 0.7 else f"{number[:-1].strip()}-{number[-1].lower()}"
    elif "-" in number and roll < 0.08:
        number = number.replace("-", " - ")
    if rng.random() < 0.06:
        street = street.lower()
    text = f"{street} {number}"
    return text + " " if rng.random() < 0.03 else text


def _typed_postcode(rng: random.Random, postcode: str) -> str:
    roll = rng.random()
    if roll < 0.35:
        return ""
    if roll < 0.45:
        return postcode.replace(" ", "")
    if roll < 0.5:
        return postcode.lower()
    return postcode


def _resident_name(rng: random.Random, person: Person, couple: bool) -> str:
    title = "mw." if person.gender == "f" else "dhr."
    return rng.choice(
        (
            f"{person.first} {person.surname}",
            f"{person.first} {person.surname}",
            f"{title} {person.surname}",
            f"{title.rstrip('.')} {person.surname}",
            f"{person.first[0]}. {person.surname}",
            person.first,
            f"fam. {person.surname}" if couple else f"{person.first} {person.surname}",
        )
    )


def _years_here(rng: random.Random, age: int, project: Project) -> int:
    cap = max(1, age - 18) if age > 24 else age
    mode = cap * (0.55 if project.folder == "spoorbuurt" else 0.3)
    return min(cap, int(rng.triangular(0, cap, mode)))


def _scale(rng: random.Random, weights: Sequence[int], shift: int) -> int | None:
    if rng.random() < 0.02:
        return None
    answer = rng.choices(range(1, 11), weights=weights)[0] + shift
    return min(10, max(1, answer))


def _closed_answers(
    rng: random.Random, project: Project, hh: Household, age_code: str, themes: list[str]
) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "age_group": _label(AGE_GROUPS, age_code),
        "household_type": _label(HOUSEHOLD_TYPES, hh.household_type),
        "years_in_neighbourhood": hh.years_here,
    }
    for name, weights in project.scales.items():
        shift = sum(SCALE_SHIFTS.get(theme, {}).get(name, 0) for theme in themes)
        answers[name] = _scale(rng, weights, shift)
    grid = {}
    for row_label, row_code in FACILITY_ROWS.items():
        if rng.random() < 0.03:
            continue
        grid[row_label] = rng.choices(list(FACILITY_OPTIONS), project.facilities[row_code])[0]
    answers["grid.facilities"] = grid
    return answers


def _cards_actions_join(
    rng: random.Random, suggested_cards: list[str], suggested_actions: list[str], age: int
) -> dict[str, Any]:
    cards = list(suggested_cards)
    popular = {"Contact met anderen": 5, "Gezondheid": 4, "Veiligheid": 3, "Leven": 2}
    if not cards or (len(cards) < 4 and rng.random() < 0.3):
        extra = _weighted(rng, {card: popular.get(card, 1) for card in CARDS})
        if extra not in cards:
            cards.append(extra)
    cards = cards[: rng.choice((1, 2, 2, 3, 3, 4))] if len(cards) > 1 else cards
    actions = suggested_actions[:2]
    if PARTICIPATIE in actions:
        join = "Ja" if rng.random() < 0.9 else "Misschien"
    elif age >= 80:
        join = _weighted(rng, {"Ja": 12, "Nee": 60, "Misschien": 28})
    else:
        join = _weighted(rng, {"Ja": 28, "Nee": 35, "Misschien": 37})
    return {"cards": cards, "actions": actions, "wants_to_join": join}


def _submitted(rng: random.Random, start: datetime, days: Sequence[date]) -> datetime:
    end = start + timedelta(minutes=rng.randint(40, 85))
    roll = rng.random()
    if roll < 0.65:  # straight after the visit
        moment = end + timedelta(minutes=rng.randint(4, 95))
    elif roll < 0.85:  # that evening
        moment = datetime.combine(end.date(), time(19)) + timedelta(minutes=rng.randint(0, 210))
        moment = max(moment, end + timedelta(minutes=30))
    else:  # a working day or two later
        day = _next_working_day(end.date(), days, rng.choice((1, 1, 2)))
        moment = datetime.combine(day, time(8, 30)) + timedelta(minutes=rng.randint(0, 780))
    return moment.replace(second=rng.randint(0, 59))


def _visit_starts(rng: random.Random, count: int, days: Sequence[date]) -> list[datetime]:
    """Visit start times, spread over the working days in the order the homes are visited."""
    starts = []
    for i in range(count):
        index = min(len(days) - 1, max(0, int(i * len(days) / count) + rng.randint(-2, 2)))
        slot = rng.choices(
            (time(9, 30), time(10, 30), time(11, 15), time(13, 30), time(14, 30), time(15, 45)),
            weights=(14, 20, 14, 18, 20, 14),
        )[0]
        if rng.random() < 0.08:
            slot = time(18, 45)  # an evening visit for people who work
        start = datetime.combine(days[index], slot) + timedelta(minutes=rng.randint(-10, 10))
        starts.append(start)
    return sorted(starts)


def _team(folder: Path) -> tuple[list[str], list[str]]:
    members = yaml.safe_load((folder / "team.yaml").read_text(encoding="utf-8"))["members"]
    visitors = [m["name"] for m in members if m["role"] in VISITING_ROLES]
    leaders = [m["name"] for m in members if m["role"] == "project_leader"]
    return visitors, leaders


def _homes(folder: Path) -> list[tuple[Home, str]]:
    with (folder / "private" / "households.csv").open(encoding="utf-8", newline="") as handle:
        return [
            (Home(row["street"], row["house_number"], row["postcode"]), row["block"])
            for row in csv.DictReader(handle)
        ]


def build_visits(project: Project, folder: Path) -> list[Visit]:
    """All visits of one project, messy cases included, ordered by submission time."""
    rng = random.Random(project.seed)
    homes = _homes(folder)
    setting = replace(project.setting, homes=tuple(home for home, _ in homes))
    writer = NoteWriter(random.Random(project.seed + 1), setting)
    visitors, leaders = _team(folder)
    days = _working_days(project)

    visited = sorted(rng.sample(range(len(homes)), round(project.visit_share * len(homes))))
    starts = _visit_starts(rng, len(visited), days)
    block_visitor = {block: rng.choice(visitors) for _, block in homes}
    visits: list[Visit] = []
    for number, (index, start) in enumerate(zip(visited, starts, strict=True)):
        home, block = homes[index]
        if number in (3, 9):  # the project leader does two visits early on (handbook, phase 2)
            visitor = leaders[0]
        elif rng.random() < 0.7:
            visitor = block_visitor[block]
        else:
            visitor = rng.choice(visitors)
        visits.append(_visit(rng, project, writer, home, visitor, start, days))
    _make_messy(rng, project, writer, visits, days)
    visits.sort(key=lambda v: v.submitted)
    return visits


def _visit(
    rng: random.Random,
    project: Project,
    writer: NoteWriter,
    home: Home,
    visitor: str,
    start: datetime,
    days: Sequence[date],
    household: Household | None = None,
) -> Visit:
    if household is None:
        age_code = _weighted(rng, project.ages)
        age = rng.randint(*AGE_RANGES[age_code])
        person = invent_person(
            rng, _weighted(rng, project.origins), "f" if rng.random() < 0.58 else "m"
        )
        household_code = rng.choices(list(HOUSEHOLD_TYPES.values()), HOUSEHOLD_WEIGHTS[age_code])[0]
        phone = phone_number(rng, landline=0.3 if age >= 65 else 0.05)
        email = email_address(rng, person) if rng.random() < (0.25 if age >= 65 else 0.6) else ""
        years = _years_here(rng, age, project)
        household = Household(home, person, age, household_code, years, start.date(), phone, email)
    else:
        household = replace(household, visit_date=start.date())
    age_code = next(
        code for code, (low, high) in AGE_RANGES.items() if low <= household.age <= high
    )
    written = writer.visit(household)
    answers: dict[str, Any] = {
        "visitor": visitor,
        "visit_date": start.date(),
        "address": _typed_address(rng, home),
        "postcode": _typed_postcode(rng, home.postcode),
    }
    if rng.random() < 0.3:  # the resident wants to be called or mailed back
        person = household.resident
        couple = household.household_type in {"couple", "family"}
        answers["resident_name"] = _resident_name(rng, person, couple)
        answers["resident_phone"] = household.phone
        if household.email and rng.random() < 0.8:
            answers["resident_email"] = household.email
    answers |= _closed_answers(rng, project, household, age_code, written.themes)
    answers |= _cards_actions_join(rng, written.cards, written.actions, household.age)
    answers |= {name: note.text for name, note in written.notes.items()}
    return Visit(
        home,
        household,
        visitor,
        start,
        _submitted(rng, start, days),
        answers,
        written.notes,
    )


# --- the deliberate messy cases -----------------------------------------------------------------
def _make_messy(
    rng: random.Random,
    project: Project,
    writer: NoteWriter,
    visits: list[Visit],
    days: Sequence[date],
) -> None:
    count = len(visits)
    # 1. Submitted twice: the worker thought the first submission was lost and sent it again
    # the next morning, with a slightly different text. The later row supersedes.
    first = visits[int(count * 0.3)]
    again = replace(first, answers=dict(first.answers), notes=dict(first.notes))
    next_day = _next_working_day(first.submitted.date(), days)
    again.submitted = datetime.combine(next_day, time(8, 40)) + timedelta(
        minutes=rng.randint(0, 50), seconds=rng.randint(0, 59)
    )
    remark = again.answers.get(RE, "")
    extra = "opnieuw ingevuld, eerste keer leek niet opgeslagen"
    again.answers[RE] = f"{remark}\n{extra}" if remark else extra
    if again.answers.get(CONTACT):
        again.answers[CONTACT] = min(10, again.answers[CONTACT] + 1)
    if not again.answers["postcode"]:
        again.answers["postcode"] = again.home.postcode
    first.messy = "submitted twice: first submission (superseded)"
    again.messy = "submitted twice: second submission, same address and visit date"
    visits.append(again)

    # 2. One household visited twice: a short first talk, the real conversation weeks later.
    short = visits[int(count * 0.55)]
    later_day = _next_working_day(short.start.date(), days, rng.randint(8, 14))
    follow_up = _visit(
        rng,
        project,
        writer,
        short.home,
        short.visitor,
        datetime.combine(later_day, time(10, 30)),
        days,
        short.household,
    )
    follow_up.answers["address"] = short.answers["address"]
    for name in list(short.notes):
        short.answers[name] = ""
    short.answers[RE] = (
        f"Kort gesprek, bewoner had weinig tijd. Vervolgafspraak {later_day.day}-{later_day.month}"
    )
    short.notes = {RE: Note(short.answers[RE])}
    short.answers["cards"] = short.answers["cards"][:1]
    short.answers["actions"] = []
    short.messy = "household visited twice: first, short visit"
    follow_up.messy = "household visited twice: second visit on a later date"
    visits.append(follow_up)

    # 3. A typed "Anders" answer in a checkbox question, after a label holding the separator.
    other = next(
        v for v in visits[int(count * 0.4) :] if v.answers["actions"] == [WONING] and not v.messy
    )
    other.answers["actions"] = [WONING, "Klacht over de aannemer doorgezet"]
    other.messy = "'Anders' answer typed in Soort actie"

    # 4. A street that is not in the address list (a typo).
    street, typo = project.typo_street
    candidates = [v for v in visits if v.home.street == street and not v.messy]
    wrong = candidates[len(candidates) * 2 // 3]
    wrong.answers["address"] = (
        wrong.answers["address"].replace(street, typo).replace(street.lower(), typo.lower())
    )
    wrong.messy = f"street not in the address list ({typo})"


# --- rendering ----------------------------------------------------------------------------------
def header(form: Sequence[Question]) -> list[str]:
    titles = ["Tijdstempel"]
    for question in form:
        if question.type in {"grid", "checkbox_grid"}:
            titles.extend(f"{question.title} [{row}]" for row in question.rows)
        else:
            titles.append(question.title)
    return titles


def _ordered(question: Question, labels: Sequence[str]) -> list[str]:
    known = [label for label in question.options if label in labels]
    return known + [label for label in labels if label not in question.options]


def _cells(visit: Visit, form: Sequence[Question]) -> list[Any]:
    """One row of answers, as Python values; None for an empty cell."""
    cells: list[Any] = [visit.submitted]
    for question in form:
        value = visit.answers.get(question.field)
        if question.type in {"grid", "checkbox_grid"}:
            cells.extend((value or {}).get(row) for row in question.rows)
        elif question.type == "checkbox":
            cells.append(_ordered(question, value) if value else None)
        else:
            cells.append(value if value not in ("", None) else None)
    return cells


def _zone(moment: datetime) -> str:
    """CET or CEST for a local time in the Netherlands (EU rule: last Sundays of March, October)."""

    def last_sunday(year: int, month: int) -> date:
        day = date(year, month, 31)
        return day - timedelta(days=(day.weekday() + 1) % 7)

    summer_from = datetime.combine(last_sunday(moment.year, 3), time(2))
    summer_until = datetime.combine(last_sunday(moment.year, 10), time(3))
    return "CEST" if summer_from <= moment < summer_until else "CET"


def forms_timestamp(moment: datetime) -> str:
    """``2016/09/12 3:15:42 p.m. CEST``, as the Forms CSV download shows it with a Dutch UI."""
    hour = moment.hour % 12 or 12
    marker = "a.m." if moment.hour < 12 else "p.m."
    return f"{moment:%Y/%m/%d} {hour}:{moment:%M:%S} {marker} {_zone(moment)}"


def forms_csv(visits: Sequence[Visit]) -> bytes:
    form = questions()
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header(form))
    for visit in visits:
        row = []
        for cell in _cells(visit, form):
            if isinstance(cell, datetime):
                row.append(forms_timestamp(cell))
            elif isinstance(cell, date):
                row.append(cell.isoformat())
            elif isinstance(cell, list):
                row.append(";".join(cell))
            else:
                row.append("" if cell is None else str(cell))
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def _zip_entry(name: str, moment: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # the same bytes on every platform
    info.external_attr = 0o644 << 16
    return info


def write_forms_zip(path: Path, visits: Sequence[Visit], downloaded: datetime) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            _zip_entry(f"{FORM_TITLE}.csv", downloaded), forms_csv(visits), compresslevel=6
        )
    _write_bytes(path, buffer.getvalue())


_NUMERIC = re.compile(r"\+?\d+")


def _sheet_value(question: Question | None, cell: Any) -> Any:
    """A cell as the linked Google Sheet types it."""
    if isinstance(cell, list):
        return ", ".join(cell)
    if isinstance(cell, str) and question is not None and question.field == "resident_phone":
        if _NUMERIC.fullmatch(cell):  # the sheet stores it as a number: the 0 or + is lost
            return int(cell.lstrip("+"))
    return cell


def write_sheet_xlsx(
    path: Path, visits: Sequence[Visit], downloaded: datetime, notes: Sequence[str]
) -> None:
    from openpyxl import Workbook

    form = questions()
    columns: list[Question | None] = [None]
    for question in form:
        columns.extend([question] * (len(question.rows) if question.rows else 1))
    workbook = Workbook()
    about = workbook.active
    about.title = "Toelichting"
    for line in notes:
        about.append([line])
    about.column_dimensions["A"].width = 100
    sheet = workbook.create_sheet(RESPONSES_SHEET)
    sheet.append(header(form))
    for visit in visits:
        sheet.append(
            [_sheet_value(q, cell) for q, cell in zip(columns, _cells(visit, form), strict=True)]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "d-m-yyyy H:mm:ss"
            elif isinstance(cell.value, date):
                cell.number_format = "d-m-yyyy"
    sheet.freeze_panes = "A2"
    workbook.properties.creator = None
    workbook.properties.created = downloaded
    buffer = io.BytesIO()
    workbook.save(buffer)
    _write_bytes(path, _reproducible_zip(buffer.getvalue(), downloaded))


def _reproducible_zip(data: bytes, moment: datetime) -> bytes:
    """Rewrite an .xlsx with fixed entry dates and a fixed 'modified' property."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    content,
                )
            target.writestr(_zip_entry(info.filename, moment), content, compresslevel=6)
    return out.getvalue()


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


# --- the two examples ---------------------------------------------------------------------------
def messy_rows(visits: Sequence[Visit]) -> list[tuple[int, str]]:
    """(spreadsheet row, what is odd) for every deliberate messy case; the header is row 1."""
    return [(number, v.messy) for number, v in enumerate(visits, start=2) if v.messy]


def _lankforst_notes(visits: list[Visit], project: Project) -> list[str]:
    """Out of range: the project leader typed a 0 over a safety answer after a phone call."""
    row, visit = next(
        (n, v) for n, v in enumerate(visits, start=2) if n > len(visits) // 2 and not v.messy
    )
    visit.answers[SAFETY] = 0
    visit.messy = "scale answer out of range (0), typed over the answer in the sheet"
    call = _next_working_day(visit.submitted.date(), _working_days(project), 2)
    return [
        "Registratie sociaal gesprek Lankforst: toelichting",
        "",
        "Dit bestand bevat persoonsgegevens. Alleen bewaren in de projectmap (map 'private'), "
        "niet mailen of delen.",
        "Huisbezoeken van 6 september 2021 tot en met 31 maart 2022. Van 20 december tot 14 "
        "januari geen bezoeken (lockdown en kerstvakantie).",
        "Tabblad 'Formulierreacties 1' wordt door het formulier gevuld: daar geen rijen "
        "verwijderen of verplaatsen.",
        f"Rij {row}: bewoner belde op {call.day}-{call.month}, wilde voor veiligheid een 0 "
        "geven. Aangepast (EM).",
        "Weekoverleg huisbezoeken: dinsdag 9.00 uur in de modelwoning.",
    ]


def write_example_exports(here: Path) -> dict[str, list[Visit]]:
    """Write both example exports under ``here`` and return their visits, in row order."""
    written: dict[str, list[Visit]] = {}
    spoorbuurt = build_visits(SPOORBUURT, here / SPOORBUURT.folder)
    write_forms_zip(
        here / SPOORBUURT.folder / "private" / "downloads" / SPOORBUURT_ZIP,
        spoorbuurt,
        SPOORBUURT.downloaded,
    )
    written[SPOORBUURT.folder] = spoorbuurt
    lankforst = build_visits(LANKFORST, here / LANKFORST.folder)
    notes = _lankforst_notes(lankforst, LANKFORST)
    write_sheet_xlsx(
        here / LANKFORST.folder / "private" / "downloads" / LANKFORST_XLSX,
        lankforst,
        LANKFORST.downloaded,
        notes,
    )
    written[LANKFORST.folder] = lankforst
    for name, visits in written.items():
        share = identifier_share([n for v in visits for n in v.notes.values()])
        print(f"wrote {len(visits)} {name} registrations ({share:.0%} of notes hold identifiers)")
    return written


if __name__ == "__main__":
    result = write_example_exports(Path(__file__).resolve().parent)
    for project_name, project_visits in result.items():
        for row_number, what in messy_rows(project_visits):
            print(f"{project_name} row {row_number}: {what}")
