"""A small project with one household of canary values, for the privacy-by-design tests.

Every name, address, phone number and e-mail address here is invented. The canary household
(Perronstraat 8) has values that occur nowhere else, so a test can search every file for them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from formfixtures import visit, write_forms_csv

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

CANARY_ADDRESS = "Perronstraat 8"
CANARY_NAME = "Zwaantje Kwikkelsteijn"
CANARY_PHONE = "06-91827364"
CANARY_EMAIL = "zwaantje.kwikkel@voorbeeld.nl"
CANARY_VALUES = (
    CANARY_NAME,
    "Kwikkelsteijn",
    CANARY_PHONE,
    "91827364",
    CANARY_EMAIL,
    CANARY_ADDRESS,
)
NUMBERS = ["1", "3", "4", "6", "8", "10", "12 A", "12b", "14", "15", "17", "18"]


def make_export(path: Path, *, with_canary: bool = True) -> Path:
    rows = []
    for day, number in zip(range(3, 15), NUMBERS, strict=True):
        canary = number == "8"
        if canary and not with_canary:
            continue
        rows.append(
            visit(
                address=f"Perronstraat {number}",
                submitted_at=f"2016/10/{day:02d} 4:12:09 p.m. CEST",
                visit_date=f"2016-10-{day:02d}",
                resident_name=CANARY_NAME if canary else "",
                resident_phone=CANARY_PHONE if canary else "",
                resident_email=CANARY_EMAIL if canary else "",
                **{
                    "text.person_obstacles": (
                        f"{CANARY_NAME} is bang voor de verbouwing, bel {CANARY_PHONE}."
                        if canary
                        else "Wil graag koken in het buurthuis op dinsdag."
                    ),
                    "years_in_neighbourhood": str(day),
                },
            )
        )
    return write_forms_csv(path, rows)


def canary_project(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the Spoorbuurt example and an export of 12 visits, one of them the canary."""
    folder = tmp_path / "spoorbuurt"
    shutil.copytree(EXAMPLES / "spoorbuurt", folder)
    shutil.rmtree(folder / "private" / "downloads")
    export = make_export(tmp_path / "Registratie.csv")
    return folder, export


def project_text(folder: Path) -> str:
    """Every byte of every file in the project, as text (for searching canary values); a zip
    (a workbook, a Word file, a zipped export) with its members unpacked, as they are deflated."""
    import zipfile

    parts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            parts.append(path.read_bytes().decode("utf-8", errors="replace"))
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    parts += [
                        archive.read(name).decode("utf-8", errors="replace")
                        for name in archive.namelist()
                    ]
    return "\n".join(parts)
