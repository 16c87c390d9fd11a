"""mdsa erase: after it, no file of the project holds the household's identifiers or its
pseudonym, and importing an old export again does not bring it back."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner
from vaultfixtures import (
    CANARY_ADDRESS,
    CANARY_NAME,
    CANARY_PHONE,
    CANARY_VALUES,
    canary_project,
    make_export,
    project_text,
)

from mdsa.cli import app
from mdsa.privacy.audit import read_log


def invoke(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (args, result.output)
    return result.output


@pytest.fixture
def pipeline(runner: CliRunner, tmp_path: Path) -> tuple[Path, Path]:
    folder, export = canary_project(tmp_path)
    # A neighbour's note names the canary resident: her name must go from it too.
    rows = export.read_text(encoding="utf-8").replace(
        "Wil graag koken in het buurthuis op dinsdag.",
        f"Wil graag koken met {CANARY_NAME} in het buurthuis.",
        1,
    )
    export.write_text(rows, encoding="utf-8", newline="")
    invoke(runner, "import", str(export), "-p", str(folder))
    invoke(runner, "anonymise", str(folder))
    invoke(runner, "aggregate", str(folder))
    return folder, export


def canary_pseudonym(folder: Path) -> str:
    with (folder / "data" / "visits.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    (row,) = [r for r in rows if r["years_in_neighbourhood"] and r["visit_month"]][:1] or [rows[0]]
    return row["household"]


def household_pseudonym(folder: Path, address_key: str) -> str:
    from mdsa.privacy.pseudonyms import load_or_create_key, pseudonym

    return pseudonym(load_or_create_key(folder), address_key)


def assert_gone(folder: Path, pseudonym: str) -> None:
    text = project_text(folder).casefold()
    for value in (*CANARY_VALUES, pseudonym):
        assert value.casefold() not in text, value


def test_erase_leaves_nothing_of_the_household(
    pipeline: tuple[Path, Path], runner: CliRunner
) -> None:
    folder, export = pipeline
    pseudonym = household_pseudonym(folder, "perronstraat|8|")
    assert pseudonym in (folder / "data" / "visits.csv").read_text(encoding="utf-8")
    assert CANARY_NAME in project_text(folder)

    output = invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    assert "Erased one household: 1 visit(s), 1 row(s) of the address list" in output
    assert "1 row(s) in 1 raw export(s)" in output and "removed from 1 other visit" in output
    assert CANARY_ADDRESS not in output and "Kwikkelsteijn" not in output
    assert_gone(folder, pseudonym)
    visits = (folder / "data" / "visits.csv").read_text(encoding="utf-8").splitlines()
    assert len(visits) == 1 + 11
    assert json.loads((folder / "output" / "aggregate.json").read_text("utf-8"))["visits"] == 11
    entry = read_log(folder).entries[-1]
    assert entry["command"] == "erase" and entry["counts"]["visits"] == 1
    assert entry["counts"]["raw_rows"] == 1 and entry["writes"]["private/erasures.csv"]

    # The old export imported again, and the pipeline run again: the household stays away.
    output = invoke(runner, "import", str(export), "-p", str(folder))
    assert "1 row(s) belong to households that were erased" in output
    assert "unmatched-address" not in output
    # The same export under another name: a new raw copy, stored without the household.
    older = export.with_name("Registratie oud.csv")
    shutil.copy(export, older)
    output = invoke(runner, "import", str(older), "-p", str(folder))
    assert "1 row(s) belong to households that were erased" in output
    assert len(list((folder / "private" / "raw").iterdir())) == 2
    invoke(runner, "anonymise", str(folder))
    invoke(runner, "aggregate", str(folder))
    assert_gone(folder, pseudonym)
    assert len((folder / "data" / "visits.csv").read_text("utf-8").splitlines()) == 1 + 11


def test_erase_publishes_the_new_data_set_only_through_the_privacy_gate(
    pipeline: tuple[Path, Path], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data set derived again after an erasure is scanned before it reaches data/, as with
    mdsa anonymise. When the scan refuses it, the old data set goes too (it still holds the
    erased household) and the command says so and exits 1."""
    from mdsa.privacy.scrub import ScrubResult

    folder, _ = pipeline
    pseudonym = household_pseudonym(folder, "perronstraat|8|")
    assert pseudonym in (folder / "data" / "visits.csv").read_text(encoding="utf-8")
    leak = "06-48213377"

    class LeakingScrubber:  # a scrubber gone wrong: every note gets a phone number
        def scrub(self, text: str) -> ScrubResult:
            return ScrubResult(text=f"{text} bel {leak}", replacements=[])

    monkeypatch.setattr("mdsa.privacy.anonymise.make_scrubber", lambda *_: LeakingScrubber())
    result = runner.invoke(app, ["erase", CANARY_ADDRESS, str(folder)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "the household is erased from private/" in result.output
    assert "was not published" in result.output and "telefoon" in result.output
    assert leak not in result.output and CANARY_ADDRESS not in result.output
    assert not list((folder / "data").glob("*.csv")) and not list((folder / "data").glob("*.xlsx"))
    staged = folder / "private" / "staging" / "data" / "text_blocks.csv"
    assert leak in staged.read_text(encoding="utf-8"), "kept in private/ to be checked"
    assert_gone(folder, pseudonym)  # neither in the removed data set nor in the staged one

    monkeypatch.undo()  # the scrubber put right: anonymise publishes, without the household
    invoke(runner, "anonymise", str(folder))
    assert_gone(folder, pseudonym)
    assert len((folder / "data" / "visits.csv").read_text("utf-8").splitlines()) == 1 + 11


def test_erase_works_on_an_old_export_saved_by_excel(runner: CliRunner, tmp_path: Path) -> None:
    """A ';' CSV in Windows-1252 (Dutch Excel) keeps its format when it is rewritten."""
    folder, export = canary_project(tmp_path)
    text = export.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    excel = tmp_path / "Registratie excel.csv"
    with excel.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    invoke(runner, "import", str(excel), "-p", str(folder))
    invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    (raw,) = (folder / "private" / "raw").iterdir()
    content = raw.read_bytes().decode("cp1252")
    assert ";" in content.splitlines()[0] and len(content.splitlines()) == 1 + 11
    assert_gone(folder, household_pseudonym(folder, "perronstraat|8|"))


def test_a_household_that_is_not_there(pipeline: tuple[Path, Path], runner: CliRunner) -> None:
    folder, _ = pipeline
    before = project_text(folder)
    output = invoke(runner, "erase", "Perronstraat 999", str(folder), code=1)
    assert "no household at this address" in output and "999" not in output
    output = invoke(runner, "erase", "zomaar wat", str(folder), code=1)
    assert "this is not an address" in output and "zomaar" not in output
    assert project_text(folder) == before
    invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    output = invoke(runner, "erase", CANARY_ADDRESS, str(folder), code=1)
    assert "erased before" in output


def test_an_export_without_the_household_leaves_its_raw_copy_untouched(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, export = canary_project(tmp_path)
    invoke(runner, "import", str(export), "-p", str(folder))
    invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    later = make_export(tmp_path / "later.csv", with_canary=False)
    invoke(runner, "import", str(later), "-p", str(folder))
    copies = {p.name: p.read_bytes() for p in (folder / "private" / "raw").iterdir()}
    (copy,) = [data for name, data in copies.items() if name.endswith("later.csv")]
    assert copy == later.read_bytes()
    assert CANARY_PHONE not in project_text(folder)


def test_erase_on_a_project_without_data_yet(runner: CliRunner, tmp_path: Path) -> None:
    folder, export = canary_project(tmp_path)
    invoke(runner, "import", str(export), "-p", str(folder))
    shutil.rmtree(folder / "private" / "raw")
    output = invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    assert "0 raw export(s)" in output and "derived again" not in output
    assert not (folder / "data").exists()


@pytest.mark.parametrize("kind", ["zip", "xlsx"])
def test_erase_rewrites_a_zip_or_a_workbook(kind: str, runner: CliRunner, tmp_path: Path) -> None:
    import zipfile

    folder, export = canary_project(tmp_path)
    if kind == "zip":
        packed = tmp_path / "Registratie.csv.zip"
        with zipfile.ZipFile(packed, "w") as archive:
            archive.write(export, "Registratie.csv")
    else:
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "Formulierreacties 1"
        for row in csv.reader(export.read_text(encoding="utf-8").splitlines()):
            sheet.append(row)
        packed = tmp_path / "Registratie.xlsx"
        workbook.save(packed)
    invoke(runner, "import", str(packed), "-p", str(folder))
    output = invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    assert "1 row(s) in 1 raw export(s)" in output
    assert_gone(folder, household_pseudonym(folder, "perronstraat|8|"))
    (raw,) = (folder / "private" / "raw").iterdir()
    if kind == "zip":
        text = zipfile.ZipFile(raw).read("Registratie.csv").decode("utf-8")
    else:
        import openpyxl

        values = openpyxl.load_workbook(raw).worksheets[0].values
        text = "\n".join(",".join(str(c) for c in row if c is not None) for row in values)
    for value in CANARY_VALUES:
        assert value not in text
    assert len([line for line in text.splitlines() if line.strip()]) == 1 + 11


def test_redaction_takes_whole_words_only() -> None:
    from mdsa.privacy.erasure import _redact

    text = "Sleutel bij Perronstraat 37, niet Perronstraat 3. Bel mw. Kwik of Kwikkel."
    assert _redact(text, ["Perronstraat 3", "Kwikkel"]) == (
        "Sleutel bij Perronstraat 37, niet [verwijderd]. Bel mw. Kwik of [verwijderd]."
    )


def test_erase_names_a_document_made_before_it(
    pipeline: tuple[Path, Path], runner: CliRunner
) -> None:
    folder, _ = pipeline
    pseudonym = household_pseudonym(folder, "perronstraat|8|")
    note = folder / "output" / "verslag.md"
    note.write_text(f"Huishouden {pseudonym} vraagt hulp.\n", encoding="utf-8")
    result = runner.invoke(app, ["erase", CANARY_ADDRESS, str(folder), "--json"])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["leftovers"] == ["output/verslag.md"]
    assert pseudonym not in (folder / "data" / "visits.csv").read_text(encoding="utf-8")


def test_import_refuses_when_the_key_behind_the_register_is_lost(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, export = canary_project(tmp_path)
    invoke(runner, "import", str(export), "-p", str(folder))
    invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    (folder / "private" / "pseudonym.key").unlink()
    before = project_text(folder)
    output = invoke(runner, "import", str(export), "-p", str(folder), code=1)
    assert "the pseudonymisation key is missing" in output
    assert project_text(folder) == before


def test_erase_takes_the_household_out_of_the_action_list_and_keeps_the_rest(
    pipeline: tuple[Path, Path], runner: CliRunner
) -> None:
    folder, _ = pipeline
    invoke(runner, "actions", "create", str(folder))
    invoke(runner, "actions", "export", str(folder))  # the partners' copy, made before erase
    actions = folder / "private" / "actions.csv"
    pseudonym = household_pseudonym(folder, "perronstraat|8|")
    before = actions.read_text(encoding="utf-8-sig").splitlines()
    theirs = [line for line in before if pseudonym in line]
    assert theirs, "the canary visit registered an action"
    invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    after = actions.read_text(encoding="utf-8-sig").splitlines()
    assert pseudonym not in "\n".join(after)
    assert after == [line for line in before if pseudonym not in line]  # the rest unchanged
    assert_gone(folder, pseudonym)  # the partners' workbook was made again without it
    invoke(runner, "validate", str(folder))


def test_erase_takes_the_resident_out_of_the_community_workers_matches(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, export = canary_project(tmp_path)
    rows = export.read_text(encoding="utf-8").replace(
        "is bang voor de verbouwing", "wil graag koken voor anderen, is bang voor de verbouwing"
    )
    export.write_text(rows, encoding="utf-8", newline="")
    invoke(runner, "import", str(export), "-p", str(folder))
    invoke(runner, "match", str(folder), "--per-resident", "1")
    matches = folder / "private" / "matches.xlsx"
    assert CANARY_NAME in project_text(matches.parent), "the canary was matched on cooking"
    invoke(runner, "erase", CANARY_ADDRESS, str(folder))
    assert matches.is_file()  # made again, for the others, with the cap the leader chose
    summary = json.loads((folder / "output" / "matches-summary.json").read_text("utf-8"))
    assert summary["per_resident"] == 1
    assert CANARY_NAME not in project_text(folder) and CANARY_PHONE not in project_text(folder)
