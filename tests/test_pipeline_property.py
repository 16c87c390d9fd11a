"""The whole pipeline on exports Hypothesis makes up: any subset of answers left empty, any
subset of questions missing from the export, any project size from one visit, answers that are
not options, odd dates and numbers. import, anonymise and scan must each end with exit 0, or
exit 1 and a message; never a crash, and never a private value in the message.

Every name, address and phone number here is invented.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

from formfixtures import reference_headers, visit, write_forms_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mdsa.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "spoorbuurt"
with (EXAMPLE / "private" / "households.csv").open(encoding="utf-8", newline="") as _f:
    ADDRESSES = [f"{r['street']} {r['house_number']}" for r in csv.DictReader(_f)][:40]
CANARY_NAME = "Wilhelmina Oostveen-Brakel"
CANARY_PHONE = "06-71932855"

# Answers per field, the usual ones and the ones real exports hold as well.
ANSWERS: dict[str, list[str]] = {
    "visit_date": ["2016-10-03", "03-10-2016", "10/3/2016", "2016-13-45", "gisteren", ""],
    "address": [*ADDRESSES[:6], "perronstraat  4", "Onbekende Weg 1", ""],
    "postcode": ["6512 AA", "6512aa", "1234", ""],
    "resident_name": [CANARY_NAME, ""],
    "resident_phone": [CANARY_PHONE, "0612", ""],
    "age_group": ["65 tot 80", "18 tot 25", "Anders: 101", ""],
    "household_type": ["Alleenstaand", "Gezin met kinderen", f"woont bij {CANARY_NAME}", ""],
    "years_in_neighbourhood": ["12", "5 jaar", "sinds 1998", "ruim 20", "-3", "3,5", ""],
    "scale.satisfaction": ["7", "10", "0", "3,5", "zeer", ""],
    "cards": ["Gezondheid;Contact met anderen", "Leven", f"Anders: bij {CANARY_NAME}", ""],
    "text.person_obstacles": [
        f"{CANARY_NAME} is bang voor de verbouwing, bel {CANARY_PHONE}.",
        '=HYPERLINK("x")',
        "",
    ],
    "text.remarks": ["Geen bijzonderheden.", "", "Blij 😀 met\u200bde tuin"],
    "actions": [
        "Zorgsignaal",
        "Welzijnsvraag;Woning (onderhoud, vocht, schimmel)",
        "Weet niet",
        "",
    ],
    "wants_to_join": ["Ja", "Nee", "Misschien", ""],
}

one_visit = st.fixed_dictionaries(
    {field: st.sampled_from(values) for field, values in ANSWERS.items()}
)
HEADERS = reference_headers()


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    visits=st.lists(one_visit, min_size=1, max_size=8),
    dropped=st.sets(st.sampled_from(HEADERS[1:]), max_size=6),
)
def test_import_anonymise_and_scan_never_crash(
    visits: list[dict[str, str]], dropped: set[str]
) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "project"
        shutil.copytree(EXAMPLE, folder)
        headers = [h for h in HEADERS if h not in dropped]
        rows = [visit(**answers) for answers in visits]
        export = write_forms_csv(Path(tmp) / "Registratie.csv", rows, headers)
        for command in (
            ["import", str(export), "--project", str(folder)],
            ["anonymise", str(folder)],
            ["scan", str(folder)],
        ):
            result = runner.invoke(app, command)
            assert result.exit_code in (0, 1), (command[0], result.exit_code, result.output)
            assert result.exception is None or isinstance(result.exception, SystemExit)
            if result.exit_code == 1:
                assert result.output.strip(), f"{command[0]} failed without saying why"
            assert CANARY_NAME not in result.output and CANARY_PHONE not in result.output
        data = folder / "data"
        if data.is_dir():
            shared = "".join(
                p.read_text(encoding="utf-8", errors="replace")
                for p in data.rglob("*")
                if p.is_file() and p.suffix in {".csv", ".json", ".txt"}
            )
            assert CANARY_NAME not in shared and CANARY_PHONE not in shared
            assert "Oostveen" not in shared
