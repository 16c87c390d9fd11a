"""The Spoorbuurt's filled-in worksheets of the phase-3 working sessions, deterministically.

Run by ``examples/generate.py`` after the exports (or on its own: ``python examples/sessions.py``).
It imports and anonymises a copy of the example in a temporary folder, exactly as ``make demo``
does, makes the session plan ``mdsa packets`` makes, and writes each session's worksheet into
``spoorbuurt/sessions/`` as a team would fill it in: a theme and a condition of social quality
for the blocks that speak of one (keyword rules below, a team's reading in miniature), an ``x``
for a few quotes and one quote shortened with ``[...]``. The block ids follow from the
anonymised text, so they match the ids ``make demo`` prints (no pseudonym key is involved).
The top 5s are in ``spoorbuurt/sessions.yaml``, written by hand.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE / "spoorbuurt"
EXPORT = "Registratie sociaal gesprek Meer dan Steen Alleen.csv.zip"
CREATED = datetime(2017, 9, 12, 16, 0, 0)  # the day of the working sessions, fixed
MDSA = Path(sys.executable).with_name("mdsa")

SEC = "Sociaaleconomische zekerheid"
COH = "Sociale cohesie"
INC = "Sociale inclusie"
EMP = "Sociale empowerment"
# theme, condition, words of which one must be in the block (lower case)
RULES: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "Vocht en schimmel in de woning",
        SEC,
        ("schimmel", "schimel", "vocht", "lekkage", "lekt", "nat,", "zwart", "zwarte plekken"),
    ),
    ("Geluid en trillingen van het spoor", SEC, ("spoor", "treinen", "trillingen")),
    (
        "Onzekerheid over sloop en renovatie",
        SEC,
        ("sloop", "gesloopt", "aan de beurt", "verhuis", "werkzaamheden", "keuken"),
    ),
    (
        "Geldzorgen en werk",
        SEC,
        (
            "inkomen",
            "werkloos",
            "zoekt werk",
            "bewindvoerder",
            "schuld",
            "huurverhoging",
            "administratie",
        ),
    ),
    (
        "Zorg en gezondheid thuis",
        SEC,
        (
            "ter been",
            "rollator",
            "rolstoel",
            "pijn",
            "dementie",
            "psych",
            "thuiszorg",
            "wijkverpleging",
            "huishoudelijke hulp",
            "mantelzorg",
            "zorgt voor",
        ),
    ),
    (
        "Overlast en onveiligheid op straat",
        SEC,
        (
            "overlast",
            "hangjongeren",
            "gedeald",
            "racen",
            "hard",
            "donker",
            "gestolen",
            "feest",
            "herrie",
            "durft",
        ),
    ),
    (
        "Zwerfvuil, afval en ratten",
        SEC,
        ("grofvuil", "afval", "containers", "ratten", "hondenpoep", "glas", "opschoonactie"),
    ),
    (
        "Eenzaamheid",
        INC,
        (
            "alleen",
            "eenzaam",
            "niemand",
            "weinig contact",
            "langs elkaar",
            "niet gezien",
            "kent de buren niet",
            "kent nog niemand",
        ),
    ),
    (
        "Te weinig voor kinderen en jongeren",
        INC,
        ("speeltuin", "spelen", "speelplek", "jongeren", "kleinkinderen"),
    ),
    ("Buurthuis niet voor iedereen", INC, ("buurthuis is", "openingstijden")),
    (
        "Buren helpen elkaar",
        COH,
        (
            "boodschappen",
            "sleutel",
            "behulpzaam",
            "kijkt om",
            "letten op",
            "buurtpreventie",
            "appgroep",
            "goed contact",
            "helpt",
        ),
    ),
    (
        "Trots op de buurt en lang wonen",
        COH,
        (
            "nooit meer weg",
            "geboren en getogen",
            "woont hier",
            "ziet de buurt veranderen",
            "rustige buurt",
            "fijne plek",
            "hoort bij de buurt",
            "tevreden",
        ),
    ),
    (
        "Samen koken, tuinieren en wandelen",
        EMP,
        (
            "koken",
            "kookt",
            "moestuin",
            "geveltuin",
            "boomspiegels",
            "stekjes",
            "wandel",
            "planten",
            "hovenier",
            "tomaten",
        ),
    ),
    (
        "Talenten inzetten voor de buurt",
        EMP,
        (
            "klussen",
            "repareren",
            "computers",
            "nieuwsbrief",
            "knutselt",
            "organiseert",
            "naait",
            "oppassen",
            "bakt",
            "vrijwilligerswerk",
            "iets betekenen",
            "maatje",
        ),
    ),
    (
        "Ontmoeten in het buurthuis en de modelwoning",
        COH,
        ("soos", "koffie", "modelwoning", "pipowagen", "koffieochtend"),
    ),
]
QUOTES_PER_THEME = 1  # the first fitting block of each theme gets an x
SHORTENED_THEME = "Eenzaamheid"  # and this theme gets one quote shortened with [...]


def theme_of(text: str) -> tuple[str, str] | None:
    low = text.lower()
    for name, condition, words in RULES:
        if any(w in low for w in words):
            return name, condition
    return None


def _shortened(text: str) -> str | None:
    """The block's first and last clause, joined by [...] (when it has three or more)."""
    parts = [p.strip() for p in text.replace("\n", ", ").split(",") if p.strip()]
    if len(parts) < 3 or "[" in text:
        return None
    return f"{parts[0]} [...] {parts[-1]}"


def build(folder: Path) -> Path:
    """Import and anonymise a copy of the example as make demo does; the copy's path."""
    project = folder / "spoorbuurt"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("sessions"))
    export = project / "private" / "downloads" / EXPORT
    for args in (["import", str(export), "--project", str(project)], ["anonymise", str(project)]):
        subprocess.run([str(MDSA), *args], check=True, capture_output=True)
    return project


def write_sessions(project: Path, target: Path) -> int:
    from mdsa.phases.packets import write_worksheet
    from mdsa.phases.sessions import load_sessions_config, plan, read_blocks
    from mdsa.project.folder import load_project

    loaded, _ = load_project(project)
    data = read_blocks(loaded)
    sessions = plan(load_sessions_config(loaded, data.subareas), data)  # as mdsa packets
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    quoted: dict[str, int] = {}
    shortened = False
    for session in sessions:
        blocks = [b for b in data.blocks if session.holds(b)]
        order = {s: n for n, s in enumerate(data.subareas)}
        blocks.sort(key=lambda b: (session.categories.index(b.category), order.get(b.subarea, 99)))
        fills: dict[str, tuple[str, str, str]] = {}
        for block in blocks:
            found = theme_of(block.text)
            if found is None:
                continue
            name, condition = found
            quote = ""
            fits = 25 <= len(block.text) <= 140 and "[" not in block.text
            if name == SHORTENED_THEME and not shortened and (short := _shortened(block.text)):
                quote, shortened = short, True
            elif fits and quoted.get(name, 0) < QUOTES_PER_THEME and len(quoted) < 8:
                quote = "x"
                quoted[name] = quoted.get(name, 0) + 1
            # A team writes the condition once per theme and sheet, not in every row.
            written = any(f[0] == name and f[1] for f in fills.values())
            fills[block.id] = (name, "" if written else condition, quote)
        write_worksheet(
            target / f"{session.id}.xlsx", session, blocks, fills=fills, created=CREATED
        )
    return len(sessions)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = build(Path(tmp))
        count = write_sessions(project, EXAMPLE / "sessions")
    print(f"wrote {count} filled-in Spoorbuurt worksheets in spoorbuurt/sessions/")


if __name__ == "__main__":
    main()
