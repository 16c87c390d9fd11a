"""The shareable data set as a partner opens it: Dutch Excel, a workbook, a codebook, and a
visible value in every cell."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from datasetchecks import assert_codebook_covers, assert_one_scheme_per_column, shared_text
from formfixtures import reference_headers, visit, write_forms_csv
from typer.testing import CliRunner

from mdsa.cli import app
from mdsa.privacy.codebook import CODEBOOK_HEADER
from mdsa.privacy.dataset import NOT_ANSWERED, NOT_ASKED, WITHHELD, read_table, write_table

FORMULA = '=HYPERLINK("http://example.com/x","klik")'
NUMBERS = ["1", "3", "4", "6", "8", "10", "12 A"]


@pytest.fixture
def project(example: Callable[[str], Path], runner: CliRunner, tmp_path: Path) -> Path:
    """Seven visits in one subarea and month; the export has no 'Soort actie' column."""
    folder = example("spoorbuurt")
    rows = [
        visit(
            address=f"Perronstraat {number}",
            submitted_at=f"2016/10/{day:02d} 4:12:09 p.m. CEST",
            visit_date=f"2016-10-{day:02d}",
            wants_to_join="" if day == 3 else "Ja",
            age_group="80 of ouder" if day == 4 else "65 tot 80",
            **{
                "text.talents": FORMULA if day == 3 else "- kookt graag\n- breit",
                "Oordeel over voorzieningen in de buurt [Winkels]": "Goed",
            },
        )
        for day, number in zip(range(3, 10), NUMBERS, strict=True)
    ]
    headers = [h for h in reference_headers() if h != "Soort actie"]
    export = write_forms_csv(tmp_path / "Registratie.csv", rows, headers)
    result = runner.invoke(app, ["import", str(export), "--project", str(folder)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["anonymise", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_csvs_are_utf8_with_bom_and_semicolons(project: Path) -> None:
    for name in ("visits.csv", "text_blocks.csv", "codebook.csv"):
        raw = (project / "data" / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{name}: Excel needs the BOM to read UTF-8"
        header = raw[3:].split(b"\r\n")[0].decode("utf-8")
        assert header.split(";")[0] in ("household", "file") and "," not in header, name
    visits = read_table(project / "data" / "visits.csv")
    assert {v["cards"] for v in visits} == {"health|affiliation"}, "multi codes joined by |"


def test_text_that_looks_like_a_formula_is_guarded_in_the_csv(project: Path) -> None:
    raw = (project / "data" / "text_blocks.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in raw and ";=HYPERLINK" not in raw and ';"=HYPERLINK' not in raw
    assert "\"'- kookt graag" in raw, "a leading - gets the ' too (OWASP)"
    texts = {b["text"] for b in read_table(project / "data" / "text_blocks.csv")}
    assert FORMULA in texts, "read back, the guard is taken off"


def test_missing_answers_are_three_visible_markers(project: Path) -> None:
    visits = read_table(project / "data" / "visits.csv")
    assert all(v != "" for row in visits for v in row.values()), "no blank cell"
    assert {v["actions"] for v in visits} == {NOT_ASKED}, "the export had no such question"
    assert sorted(v["wants_to_join"] for v in visits) == [NOT_ANSWERED] + ["yes"] * 6
    assert {v["grid.facilities.green"] for v in visits} == {NOT_ANSWERED}
    # the one visit aged 80 or older is rare: its age group is withheld, not blank
    assert sorted(v["age_group"] for v in visits) == ["65_79"] * 6 + [WITHHELD]
    assert_one_scheme_per_column(visits)


def test_workbooks_have_header_labels_filter_and_frozen_panes(project: Path) -> None:
    from openpyxl import load_workbook

    visits = read_table(project / "data" / "visits.csv")
    header = list(visits[0])
    workbook = load_workbook(project / "data" / "visits.xlsx")
    assert workbook.sheetnames == ["visits", "codebook"]
    sheet = workbook["visits"]
    assert [c.value for c in sheet[1]] == header, "the first row is the CSV's header"
    labels = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert labels["subarea"] == "Subbuurt" and labels["age_group"] == "Leeftijdsgroep"
    assert labels["grid.facilities.shops"] == "Oordeel over voorzieningen in de buurt: Winkels"
    assert sheet.freeze_panes == "A3", "both header rows stay in view"
    assert sheet.auto_filter.ref == f"A2:{sheet.cell(2, len(header)).column_letter}9"
    assert sheet.max_row == 2 + len(visits)
    satisfaction = sheet.cell(3, header.index("scale.satisfaction") + 1)
    assert satisfaction.value == 7 and satisfaction.data_type == "n", "a scale is a number"
    assert sheet.column_dimensions["A"].width > 10, "widths fitted to the content"
    book = workbook["codebook"]
    assert tuple(c.value for c in book[1]) == CODEBOOK_HEADER
    assert book.freeze_panes == "A2" and book.auto_filter.ref.startswith("A1:F")
    assert {r[0] for r in book.iter_rows(min_row=2, values_only=True)} == {"visits"}

    texts = load_workbook(project / "data" / "text_blocks.xlsx")
    assert texts.sheetnames == ["text_blocks", "codebook"]
    cells = [c for row in texts["text_blocks"].iter_rows(min_row=3) for c in row]
    formula = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert formula.value == FORMULA and formula.data_type == "s", "text, never a formula"


def test_codebook_lists_every_column_code_and_marker(project: Path) -> None:
    assert_codebook_covers(project)
    book = read_table(project / "data" / "codebook.csv")
    meaning = {(r["file"], r["column"], r["code"]): r["meaning"] for r in book}
    assert meaning["visits", "household_type", "single"] == "Alleenstaand"
    assert meaning["visits", "cards", "affiliation"] == "Contact met anderen"
    assert meaning["visits", "years_in_neighbourhood", "3_5"] == "3 t/m 5 jaar"
    assert meaning["text_blocks", "category", "talents"] == "Talenten en wensen"
    assert "kleine groep" in meaning["visits", "age_group", WITHHELD]
    assert "5 keer" in meaning["visits", "age_group", WITHHELD], "min_group_size is named"
    assert "niet gevraagd" in meaning["visits", "actions", NOT_ASKED]
    assert "niet beantwoord" in meaning["visits", "actions", NOT_ANSWERED]
    question = {
        (r["column"]): r["question"] for r in book if r["file"] == "visits" and r["question"]
    }
    assert question["scale.satisfaction"].startswith("Hoe tevreden bent u met uw buurt?")


def test_stored_answers_that_are_no_option_become_other(project: Path, runner: CliRunner) -> None:
    """A registration imported before forms.yaml changed (or by an older mdsa) may hold a value
    that is no option code: anonymise writes 'other' and passes its text on, scrubbed."""
    store = project / "private" / "registrations.jsonl"
    lines = [json.loads(line) for line in store.read_text(encoding="utf-8").splitlines()]
    lines[0]["answers"]["wants_to_join"] = "Ja, bel Gerda Wijnhoven op 06-48213377"
    lines[0]["answers"]["scale.satisfaction"] = "zeven"
    lines[0]["answers"]["cards"] = ["health", "kaart van mw. Wijnhoven"]
    lines[0]["answers"]["grid.facilities"] = {"shops": "heel goed"}
    store.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    result = runner.invoke(app, ["anonymise", str(project)])
    assert result.exit_code == 0, result.output
    visits = read_table(project / "data" / "visits.csv")
    first = next(v for v in visits if v["wants_to_join"] == "other")
    assert first["scale.satisfaction"] == "other" and first["cards"] == "health|other"
    assert first["grid.facilities.shops"] == "other"
    blocks = read_table(project / "data" / "text_blocks.csv")
    other = {b["field"]: b["text"] for b in blocks if b["category"] == "other_answers"}
    assert set(other) == {"wants_to_join", "scale.satisfaction", "cards", "grid.facilities.shops"}
    assert "[TELEFOON-1]" in other["wants_to_join"]
    shared = shared_text(project)
    assert "Wijnhoven" not in shared and "48213377" not in shared


def test_an_option_code_that_is_a_marker_is_refused(project: Path, runner: CliRunner) -> None:
    forms = project / "forms.yaml"
    text = forms.read_text(encoding="utf-8")
    forms.write_text(text.replace('"Misschien": "maybe"', '"Misschien": "withheld"'), "utf-8")
    before = (project / "data" / "visits.csv").read_bytes()
    result = runner.invoke(app, ["anonymise", str(project)])
    assert result.exit_code == 1
    assert "forms.yaml:" in result.output and "missing-value marker" in result.output
    assert (project / "data" / "visits.csv").read_bytes() == before, "nothing was changed"


def test_a_table_reads_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "data" / "t.csv"
    texts = ["a;b", "twee\r\nregels", "=1+2", "+31", "@x", "-", "'al een quote", 'met "quotes"']
    rows = [{"n": str(i), "text": t} for i, t in enumerate(texts)]
    write_table(path, ["n", "text"], rows)
    assert read_table(path) == rows
    path.write_bytes(path.read_bytes() + b"\r\n8\r\n")  # a blank line, then a short row
    assert read_table(path)[-1] == {"n": "8", "text": ""}
