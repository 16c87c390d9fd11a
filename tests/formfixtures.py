"""Build small Google Forms exports of the reference form for tests (in tmp_path only).

Every name, address and phone number here is invented.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from mdsa.intake.forms.reference import questions


def reference_headers() -> list[str]:
    headers = ["Tijdstempel"]
    for question in questions():
        if question.rows:
            headers.extend(f"{question.title} [{row}]" for row in question.rows)
        else:
            headers.append(question.title)
    return headers


def visit(**answers: str) -> dict[str, str]:
    """One response of the reference form, by field name; sensible defaults for the rest."""
    values = {
        "submitted_at": "2016/10/03 4:12:09 p.m. CEST",
        "visitor": "Ruben Hoekstra",
        "visit_date": "2016-10-03",
        "address": "Perronstraat 4",
        "postcode": "6512 AA",
        "age_group": "65 tot 80",
        "household_type": "Alleenstaand",
        "years_in_neighbourhood": "12",
        "scale.satisfaction": "7",
        "cards": "Gezondheid;Contact met anderen",
        "text.person_obstacles": "Voelt zich soms alleen sinds de buurvrouw verhuisde.",
        "actions": "Welzijnsvraag",
        "wants_to_join": "Ja",
    }
    values.update(answers)
    return values


def row_cells(values: dict[str, str], headers: list[str]) -> list[str]:
    by_title: dict[str, list[str]] = {}
    for question in questions():
        by_title.setdefault(question.title, []).append(question.field)
    seen: dict[str, int] = {}
    cells = []
    for header in headers:
        if header == "Tijdstempel":
            cells.append(values.get("submitted_at", ""))
            continue
        fields = by_title.get(header)
        if fields is None:  # a grid column or an extra column
            cells.append(values.get(header, ""))
            continue
        index = seen.get(header, 0)
        seen[header] = index + 1
        cells.append(values.get(fields[min(index, len(fields) - 1)], ""))
    return cells


def write_forms_csv(
    path: Path, rows: list[dict[str, str]], headers: list[str] | None = None
) -> Path:
    """The Forms 'Download responses' CSV: every field quoted, CRLF, UTF-8."""
    headers = headers or reference_headers()
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(headers)
    for values in rows:
        writer.writerow(row_cells(values, headers))
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path
