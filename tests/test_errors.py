"""The one error path, tried as a user meets it: bad input gets one line and exit 1, a bug gets
one line and exit 70, and no message ever shows a value from private/ or a traceback."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from formfixtures import visit, write_forms_csv
from typer.testing import CliRunner

import mdsa.project.validate
from mdsa.cli import EXIT_BUG, app
from mdsa.errors import MdsaError, format_location
from mdsa.intake.exports import ExportError
from mdsa.privacy.lexicon import ScrubberDataError

SECRET = "Dorpsstraat 5 bij Jan Jansen"  # stands for a private value in a fault's message


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its content: to show nothing was changed."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def one_error_line(result: object, needle: str) -> str:
    output: str = result.output  # type: ignore[attr-defined]
    lines = [line for line in output.splitlines() if line.startswith("error")]
    assert len(lines) == 1, output
    assert needle in lines[0], output
    return lines[0]


# --- the hierarchy and the one location format --------------------------------------------


def test_every_user_error_is_an_mdsa_error() -> None:
    assert issubclass(ExportError, MdsaError) and issubclass(ScrubberDataError, MdsaError)
    error = ExportError("no CSV in the zip", path="x.zip", code="no-csv-in-zip", row=3)
    assert error.code == "no-csv-in-zip" and MdsaError.code == "error"
    assert str(error) == "x.zip:row 3: no CSV in the zip"


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({}, "f.csv"),
        ({"line": 4}, "f.csv:4"),
        ({"line": 4, "column": 7}, "f.csv:4:7"),
        ({"row": 3}, "f.csv:row 3"),
        ({"row": 3, "column": "street"}, "f.csv:row 3 (column street)"),
        ({"row": 3, "column": 2}, "f.csv:row 3 (column 2)"),
    ],
)
def test_one_location_format(where: dict[str, int | str], expected: str) -> None:
    assert format_location("f.csv", **where) == expected  # type: ignore[arg-type]
    assert MdsaError("m", path="f.csv", **where).location == expected  # type: ignore[arg-type]


def test_import_and_validate_give_problems_one_json_shape(
    example: Callable[[str], Path], runner: CliRunner, tmp_path: Path
) -> None:
    import json

    folder = example("spoorbuurt")
    export = write_forms_csv(tmp_path / "Registratie.csv", [visit(address="Nergensweg 99")])
    imported = runner.invoke(app, ["import", str(export), "-p", str(folder), "--json"])
    (folder / "team.yaml").write_text("\tmembers: []\n", encoding="utf-8")
    validated = runner.invoke(app, ["validate", str(folder), "--json"])
    assert imported.exit_code in (0, 1) and validated.exit_code in (0, 1), imported.output
    a, b = json.loads(imported.stdout), json.loads(validated.stdout)
    assert {"ok", "errors", "warnings", "issues"} <= set(a) & set(b)
    assert a["issues"] and b["issues"]
    assert set(a["issues"][0]) == set(b["issues"][0])


# --- a bug: one line, exit 70, never its message ------------------------------------------


def test_an_unexpected_exception_is_one_line_without_its_message(
    example: Callable[[str], Path], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fault(*args: object, **kwargs: object) -> None:
        raise KeyError(SECRET)  # injected: a bug whose message holds a private value

    monkeypatch.setattr(mdsa.project.validate, "validate_project", fault)
    result = runner.invoke(app, ["validate", str(example("lankforst"))])
    assert result.exit_code == EXIT_BUG == 70
    assert isinstance(result.exception, SystemExit)
    line = one_error_line(result, "mdsa validate")
    assert "KeyError" in line and "bug" in line and "--debug" in line
    assert "Dorpsstraat" not in result.output and "Jansen" not in result.output
    assert len(result.output.splitlines()) == 1


def test_debug_shows_where_a_bug_is(
    example: Callable[[str], Path], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fault(*args: object, **kwargs: object) -> None:
        raise KeyError("injected")

    monkeypatch.setattr(mdsa.project.validate, "validate_project", fault)
    with pytest.raises(KeyError):
        runner.invoke(
            app, ["--debug", "validate", str(example("lankforst"))], catch_exceptions=False
        )


def test_the_test_runner_fails_a_test_on_a_crash(
    example: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """conftest's wrapper: a crash that CliRunner swallowed fails the test."""

    def fault(*args: object, **kwargs: object) -> None:
        raise KeyError("injected")

    monkeypatch.setattr(mdsa.project.validate, "validate_project", fault)
    with pytest.raises(pytest.fail.Exception, match="KeyError"):
        CliRunner().invoke(app, ["--debug", "validate", str(example("lankforst"))])


# --- bad input: one line, exit 1, no private value, nothing changed -------------------------


def test_scrub_a_file_that_is_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes("Geen bijzonderheden.\nMw. Jansen, caf\xe9 op de hoek\n".encode("cp1252"))
    result = runner.invoke(app, ["scrub", str(notes)])
    assert result.exit_code == 1
    one_error_line(result, f"{notes}:2: not UTF-8 text")
    assert "Jansen" not in result.output and "Geen" not in result.output
    assert "hint: save it as UTF-8" in result.output


def test_an_error_line_ends_with_its_problem_code(runner: CliRunner, tmp_path: Path) -> None:
    """The code in brackets is the one of the README's "Problem codes", for looking it up."""
    from mdsa.codes import CODES

    missing = tmp_path / "nowhere"
    result = runner.invoke(app, ["validate", str(missing)])
    assert result.exit_code == 1
    line = one_error_line(result, f"{missing}: no such folder")
    assert line.endswith("[project-not-found]") and "project-not-found" in CODES
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "`project-not-found`" in readme


def test_scrub_standard_input_that_is_not_utf8(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scrub", "-"], input="Mw. Jansen, caf\xe9\n".encode("cp1252"))
    assert result.exit_code == 1
    one_error_line(result, "-: standard input is not UTF-8 text")
    assert "Jansen" not in result.output


@pytest.mark.parametrize("command", ["import", "anonymise"])
def test_read_only_private_is_refused_and_changes_nothing(
    command: str,
    example: Callable[[str], Path],
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Tests run as root, who may write into a read-only folder; so the refusal a normal user
    gets from the system is simulated: creating a file under private/ raises PermissionError,
    exactly where a read-only private/ makes tempfile.mkstemp fail."""
    folder = example("spoorbuurt")
    export = write_forms_csv(tmp_path / "Registratie.csv", [visit()])
    if command == "anonymise":
        assert runner.invoke(app, ["import", str(export), "-p", str(folder)]).exit_code == 0
    before = snapshot(folder)
    private = (folder / "private").resolve()
    real_mkstemp = tempfile.mkstemp

    def read_only(*args: object, dir: str | None = None, **kwargs: object) -> tuple[int, str]:
        if dir is not None and Path(dir).resolve().is_relative_to(private):
            raise PermissionError(13, "Permission denied", dir)
        return real_mkstemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    args = (
        ["import", str(export), "-p", str(folder)]
        if command == "import"
        else [command, str(folder)]
    )
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    one_error_line(result, "no permission to write here; nothing was changed")
    assert "hint: make the folder writable" in result.output
    assert "Perronstraat" not in result.output and "Hoekstra" not in result.output
    assert snapshot(folder) == before


def test_init_under_a_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "projecten"
    blocker.write_text("not a folder\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(blocker / "lankforst")])
    assert result.exit_code == 1
    one_error_line(result, f"{blocker}: is a file, not a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["projecten"]
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]"
            for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (BOMB, "yaml-aliases", "the YAML aliases (*name) in this file expand to more than"),
        ("loop: &a [*a]", "yaml-aliases", "the YAML aliases (*name)"),
        ("notes:\n" + "  - een regel tekst\n" * 70_000, "too-large", "larger than 1,000,000"),
        ("x: " + "[" * 5000 + "]" * 5000, "yaml-syntax", "nesting depth"),
        ("\tteam: []", "yaml-syntax", "YAML syntax error"),
        ("x: !!python/object:os.system {}", "yaml-syntax", "constructor for the tag"),
        ("a: 1\n---\nb: 2", "yaml-syntax", "another document"),
        ("a: &x 1\nb: &x 2", "yaml-syntax", "found duplicate anchor"),
        ("x: *nergens", "yaml-syntax", "found undefined alias"),
    ],
)
def test_damaged_yaml_is_refused_quickly(
    text: str,
    code: str,
    message: str,
    example: Callable[[str], Path],
    runner: CliRunner,
) -> None:
    folder = example("lankforst")
    (folder / "team.yaml").write_text(text + "\n", encoding="utf-8")
    before = snapshot(folder)
    for command in ("validate", "status"):
        result = runner.invoke(app, [command, str(folder)])
        assert result.exit_code == (1 if command == "validate" else 0), result.output
    result = runner.invoke(app, ["validate", str(folder)])
    lines = [line for line in result.output.splitlines() if f"[{code}]" in line]
    assert len(lines) == 1 and lines[0].startswith("error team.yaml") and message in lines[0]
    assert snapshot(folder) == before


def test_yaml_that_is_not_utf8_names_the_line(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("lankforst")
    (folder / "team.yaml").write_bytes(b"# team\nmembers: []\n# caf\xe9\n")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "error team.yaml:3: not UTF-8 text" in result.output


def test_a_subarea_without_streets_or_postcodes_is_an_error(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("lankforst")
    config = folder / "mdsa.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# added\n", encoding="utf-8")
    import yaml

    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["subareas"]["Leeg"] = {}
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "error mdsa.yaml:" in result.output
    assert "subarea 'Leeg' lists no streets or postcodes" in result.output
    assert "[empty-subarea]" in result.output


def households(folder: Path, text: str) -> None:
    (folder / "private" / "households.csv").write_text(text, encoding="utf-8")


def test_households_rows_with_too_many_or_too_few_cells(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("lankforst")
    households(
        folder,
        "street,house_number,postcode\n"
        "Lankforst,1,6544 AA\n"
        "Lankforst,2,6544 AA,Jansen\n"
        "Lankforst,3\n",
    )
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert (
        "error private/households.csv:row 3: the row has 4 cell(s), the header has 3"
        in result.output
    )
    assert "error private/households.csv:row 4: the row has 2 cell(s), the header has 3" in (
        result.output
    )
    assert "Jansen" not in result.output


@pytest.mark.parametrize(
    "text",
    [
        "Tulpstraat 7,7,6541 AB,Noord\nRozenhof,2,6541 AC,Zuid\n",  # the header row is missing
        "Tulpstraat 7;7;6541 AB\n",
    ],
)
def test_households_without_a_header_never_prints_an_address(
    text: str, example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("lankforst")
    households(folder, text)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    one_error_line(result, "private/households.csv:row 1: the first row is not a header")
    for value in ("Tulpstraat", "Rozenhof", "6541", "Noord"):
        assert value not in result.output


def test_households_with_a_shifted_header_never_prints_a_cell(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("lankforst")
    households(folder, "street,house_number,Tulpstraat 7\nLankforst,1,x\n")
    result = runner.invoke(app, ["validate", str(folder)])
    assert "column 3 (C) has a title mdsa does not know" in result.output
    assert "Tulpstraat" not in result.output


def test_households_that_is_a_folder_is_an_error(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = example("lankforst")
    (folder / "private" / "households.csv").unlink()
    (folder / "private" / "households.csv").mkdir()
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "error private/households.csv: is a folder, expected the address list" in result.output
