"""`mdsa packets` and `mdsa themes`: the working sessions of phase 3, on the Spoorbuurt example
and on small crafted data sets (one visit, an empty category, small demographic groups), and
filled-in worksheets that are wrong in the ways a team gets them wrong."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from mdsa.cli import app
from mdsa.phases.findings import CONDITIONS, Findings
from mdsa.phases.packets import write_worksheet
from mdsa.phases.sessions import block_ids, load_sessions_config, plan, read_blocks
from mdsa.phases.themes import WorksheetError, collect_themes, is_quote_of
from mdsa.privacy.dataset import NOT_ANSWERED, read_table, write_table
from mdsa.project.folder import load_project

K = 5
EXPORT = "Registratie sociaal gesprek Meer dan Steen Alleen.csv.zip"
VISIT_COLUMNS = ["household", "subarea", "visit_month", "age_group", "household_type", "cards"]
BLOCK_COLUMNS = ["household", "subarea", "visit_month", "category", "cards", "text", "field"]


# -- the example, imported and anonymised once ---------------------------------------------


@dataclass
class Example:
    folder: Path
    first: list[dict[str, str]]  # data/text_blocks.csv of the first anonymise
    second: list[dict[str, str]]  # the same after a new pseudonym key
    packets: Result
    themes: Result
    scan: Result  # mdsa scan after both, private/ back in place


@pytest.fixture(scope="module")
def spoorbuurt(tmp_path_factory: pytest.TempPathFactory) -> Example:
    """The example imported and anonymised twice, with a new pseudonym key the second time
    (as on a fresh copy of the example), then private/ removed and packets and themes run."""
    from tests.conftest import EXAMPLES

    folder = tmp_path_factory.mktemp("sessions") / "spoorbuurt"
    shutil.copytree(EXAMPLES / "spoorbuurt", folder)
    runner = CliRunner()
    export = folder / "private" / "downloads" / EXPORT
    for args in (["import", str(export), "--project", str(folder)], ["anonymise", str(folder)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    first = read_table(folder / "data" / "text_blocks.csv")
    (folder / "private" / "pseudonym.key").unlink()
    result = runner.invoke(app, ["anonymise", str(folder)])
    assert result.exit_code == 0, result.output
    second = read_table(folder / "data" / "text_blocks.csv")
    aside = folder.parent / "private-aside"
    shutil.move(folder / "private", aside)  # packets and themes read data/ only
    packets = runner.invoke(app, ["packets", str(folder), "--json"])
    themes = runner.invoke(app, ["themes", str(folder), "--json"])
    shutil.move(aside, folder / "private")
    scan = runner.invoke(app, ["scan", str(folder)])
    return Example(folder, first, second, packets, themes, scan)


def test_block_ids_survive_a_new_pseudonym_key(spoorbuurt: Example) -> None:
    first, second = spoorbuurt.first, spoorbuurt.second
    assert [b["household"] for b in first] != [b["household"] for b in second]
    assert block_ids(first) == block_ids(second)
    ids = block_ids(second)
    assert len(set(ids)) == len(ids), "every block has its own id"


def test_packets_on_the_example(spoorbuurt: Example) -> None:
    result = spoorbuurt.packets
    assert result.exit_code == 0, result.output
    assert result.exception is None
    data = json.loads(result.stdout)
    folder = spoorbuurt.folder
    sessions = data["sessions"]
    blocks = read_table(folder / "data" / "text_blocks.csv")
    texts = [b for b in blocks if b["category"] != "other_answers"]
    assert sum(s["blocks"] for s in sessions) == len(texts), "every block in one session"
    assert data["uncovered"] == 0
    # environment_obstacles has blocks of more than 150 households: one session per subarea
    split = [s for s in sessions if s["categories"] == ["environment_obstacles"]]
    assert [s["subareas"] for s in split] == [
        ["Stationskwartier"],
        ["Seinhuisbuurt"],
        ["Emplacement"],
    ]
    for session in sessions:
        pdf, xlsx = (folder / f for f in session["files"])
        assert pdf.read_bytes().startswith(b"%PDF")
        sheet = openpyxl.load_workbook(xlsx)["Teksten"]
        header = [c.value for c in sheet[1]]
        assert header == ["Blok", "Soort tekst", "Subbuurt", "Groep", "Tekst", "Thema",
                          "Voorwaarde", "Citaat"]  # fmt: skip
        assert sheet.max_row - 1 == session["blocks"]
        validations = sheet.data_validations.dataValidation
        assert any(
            set(CONDITIONS.values()) <= set(v.formula1.strip('"').split(",")) for v in validations
        )
    assert (folder / "output" / "aggregate.json").is_file(), "the charts come from the aggregate"


def test_the_scan_finds_no_identifier_in_packets_worksheets_or_themes(
    spoorbuurt: Example,
) -> None:
    result = spoorbuurt.scan
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "no identifiers" in result.output


def test_a_packet_lists_each_block_with_its_id_and_the_handbook_questions(
    spoorbuurt: Example,
) -> None:
    from pypdf import PdfReader

    folder = spoorbuurt.folder
    pdf = folder / "output" / "packets" / "01-person-obstacles.pdf"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    flat = " ".join(text.split())
    assert "Wat valt op?" in flat
    assert "Blijf bij de feiten." in flat and "Nog geen oplossingen." in flat
    sheet = openpyxl.load_workbook(pdf.with_suffix(".xlsx"))["Teksten"]
    ids = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert ids and all(str(i) in flat.replace(" ", "") or str(i) in text for i in ids[:20])


def test_themes_on_the_example(spoorbuurt: Example) -> None:
    result = spoorbuurt.themes
    assert result.exit_code == 0, result.output
    assert result.exception is None
    data = json.loads(result.stdout)
    conditions = {t["condition"] for t in data["themes"]}
    assert conditions == set(CONDITIONS.values()), "the example has themes of all four"
    assert data["top_promising"][0] == "Buren helpen elkaar"
    assert len(data["top_concerns"]) == 5
    for theme in data["themes"]:
        for count in (theme["blocks"], theme["households"]):
            assert count == f"< {K}" or int(count) >= K
    folder = spoorbuurt.folder
    book = openpyxl.load_workbook(folder / "output" / "themes.xlsx")
    assert book.sheetnames == ["Thema's", "Top 5", "Citaten"]
    findings = collect_themes(load_project(folder)[0])
    assert isinstance(findings, Findings)
    quotes = [q for t in findings.themes for q in t.quotes]
    assert quotes and any("[...]" in q.text for q in quotes)
    blocks = {b.id: b.text for b in read_blocks(load_project(folder)[0]).blocks}
    assert all(is_quote_of(q.text, blocks[q.block]) for q in quotes)


# -- crafted projects ------------------------------------------------------------------------


def make_project(
    example: Callable[[str], Path],
    visits: list[dict[str, str]],
    blocks: list[dict[str, str]],
) -> Path:
    folder = example("spoorbuurt")
    shutil.rmtree(folder / "private")
    shutil.rmtree(folder / "sessions")
    (folder / "sessions.yaml").unlink()
    (folder / "data").mkdir()
    write_table(
        folder / "data" / "visits.csv",
        VISIT_COLUMNS,
        [{c: v.get(c) or NOT_ANSWERED for c in VISIT_COLUMNS} for v in visits],
    )
    write_table(
        folder / "data" / "text_blocks.csv",
        BLOCK_COLUMNS,
        [{c: b.get(c) or NOT_ANSWERED for c in BLOCK_COLUMNS} for b in blocks],
    )
    return folder


def crafted() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """30 visits: Stationskwartier has 2 households of 80 plus among 12 of 65-79 (all single);
    Seinhuisbuurt 12 couples of 45-64 whose age is not answered for 2; Emplacement 4 visits."""
    visits = []
    plan_ = {
        "Stationskwartier": [("65_79", "single")] * 12 + [("80_plus", "single")] * 2,
        "Seinhuisbuurt": [("45_64", "couple")] * 10 + [("", "couple")] * 2,
        "Emplacement": [("25_44", "family")] * 4,
    }
    for subarea, people in plan_.items():
        for n, (age, kind) in enumerate(people):
            visits.append(
                {
                    "household": f"HH-{subarea[:4].upper()}{n:06d}",
                    "subarea": subarea,
                    "visit_month": "2016-M10",
                    "age_group": age,
                    "household_type": kind,
                    "cards": "life",
                }
            )
    blocks = []
    for n, v in enumerate(visits):
        category = "person_obstacles" if n % 3 else "environment_opportunities"
        text = "n.v.t." if n % 7 == 0 else f"Zorg over de trap naar boven, blok {n}, al lang"
        blocks.append({**v, "category": category, "text": text, "field": f"text.{category}"})
    return visits, blocks


@pytest.fixture
def project(example: Callable[[str], Path]) -> Path:
    visits, blocks = crafted()
    return make_project(example, visits, blocks)


def test_no_block_names_a_small_demographic_group(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["packets", str(project), "--json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    data = json.loads(result.stdout)
    rows = []
    for session in data["sessions"]:
        book = openpyxl.load_workbook(project / session["files"][1])
        rows += [[c.value for c in r] for r in book["Teksten"].iter_rows(min_row=2)]
    groups = Counter((r[2], r[3]) for r in rows)
    assert ("Stationskwartier", "65 tot 80 · Alleenstaand") in groups
    assert not any("80 of ouder" in str(g) for _, g in groups), "2 households of 80 plus"
    # Emplacement (4 visits) is merged away and shows no group at all
    assert all(g == "–" for s, g in groups if s not in ("Stationskwartier", "Seinhuisbuurt"))
    assert "Emplacement" not in {s for s, _ in groups}
    # the two of 80 plus: only what 14 share, "Alleenstaand"; the two without an age the same
    assert groups["Stationskwartier", "Alleenstaand"] >= 1
    assert groups["Seinhuisbuurt", "45 tot 65 · Samenwonend zonder kinderen"] >= 1
    assert groups["Seinhuisbuurt", "Samenwonend zonder kinderen"] >= 1


def test_a_category_without_blocks_gets_no_session(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["packets", str(project), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [s["categories"] for s in data["sessions"]] == [
        ["person_obstacles"],
        ["environment_opportunities"],
    ]
    assert "talents" in data["empty_categories"]
    result = runner.invoke(app, ["packets", str(project)])
    assert result.exit_code == 0 and "no text blocks" in result.output


def test_one_visit_project(example: Callable[[str], Path], runner: CliRunner) -> None:
    visit = {"household": "HH-0000000001", "subarea": "Emplacement", "age_group": "25_44"}
    block = {**visit, "category": "talents", "text": "Kan goed fietsen repareren."}
    folder = make_project(example, [visit], [block])
    result = runner.invoke(app, ["packets", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    data = json.loads(result.stdout)
    assert [s["blocks"] for s in data["sessions"]] == [1]
    sheet = openpyxl.load_workbook(folder / data["sessions"][0]["files"][1])["Teksten"]
    row = [c.value for c in sheet[2]]
    assert row[2] == "Overige subbuurten" and row[3] == "–", "one visit shows no subarea or group"


def test_a_rerun_gives_the_same_ids_and_removes_packets_of_old_sessions(
    project: Path, runner: CliRunner
) -> None:
    assert runner.invoke(app, ["packets", str(project)]).exit_code == 0
    first = read_blocks(load_project(project)[0]).blocks
    (project / "sessions.yaml").write_text(
        "sessions:\n  - title: Alles van de persoon\n    categories: [person_obstacles]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["packets", str(project), "--json"])
    assert result.exit_code == 0, result.output
    assert [b.id for b in read_blocks(load_project(project)[0]).blocks] == [b.id for b in first]
    names = sorted(p.name for p in (project / "output" / "packets").glob("*.*"))
    assert names == ["01-alles-van-de-persoon.pdf", "01-alles-van-de-persoon.xlsx"]
    assert json.loads(result.stdout)["uncovered"] > 0


def test_same_text_in_one_subarea_gets_a_suffix() -> None:
    blocks = [{"category": "talents", "subarea": "A", "text": "nvt"}] * 3
    ids = block_ids([*blocks, {"category": "talents", "subarea": "B", "text": "nvt"}])
    assert ids[1] == f"{ids[0]}-2" and ids[2] == f"{ids[0]}-3"
    assert ids[3].startswith("TW-") and ids[3] != ids[0]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("split_above: 0\n", "sessions.yaml:1"),
        ("sesions: []\n", "sessions.yaml:1"),
        ("sessions:\n  - title: A\n    categories: [personal]\n", "sessions.yaml:3"),
        ("top_concerns: [a, b, c, d, e, f]\n", "sessions.yaml:1"),
    ],
)
def test_a_bad_sessions_file_is_named_with_its_line(
    project: Path, runner: CliRunner, text: str, where: str
) -> None:
    (project / "sessions.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["packets", str(project)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert where in result.output.replace("\n", "")


# -- worksheets as the team fills them in ----------------------------------------------------


def fill(project: Path, edit: Callable[[list[list[object]]], None] | None = None) -> Path:
    """The session worksheets in sessions/, the first blocks given a theme; ``edit`` changes
    the rows of the first sheet (header first) before it is saved."""
    loaded = load_project(project)[0]
    data = read_blocks(loaded)
    target = project / "sessions"
    target.mkdir(exist_ok=True)
    first = None
    for session in plan(load_sessions_config(loaded, data.subareas), data):
        blocks = [b for b in data.blocks if session.holds(b)]
        fills = {
            b.id: ("Trap is te steil" if n % 2 else "Kleine woning", "Sociale inclusie", "")
            for n, b in enumerate(blocks)
        }
        path = target / f"{session.id}.xlsx"
        write_worksheet(path, session, blocks, fills=fills)
        first = first or path
    assert first is not None
    if edit is not None:
        book = openpyxl.load_workbook(first)
        sheet = book["Teksten"]
        rows = [[c.value for c in r] for r in sheet.iter_rows()]
        edit(rows)
        for r, values in enumerate(rows, 1):
            for c, value in enumerate(values, 1):
                sheet.cell(r, c).value = value
        book.save(first)
    return first


def test_themes_counts_households_and_hides_small_counts(project: Path, runner: CliRunner) -> None:
    fill(project)
    result = runner.invoke(app, ["themes", str(project), "--json"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    data = json.loads(result.stdout)
    assert {t["name"] for t in data["themes"]} == {"Trap is te steil", "Kleine woning"}
    loaded = load_project(project)[0]
    household_of = {b.id: b.household for b in read_blocks(loaded).blocks}
    marked: dict[str, set[str]] = {}
    for path in (project / "sessions").glob("*.xlsx"):
        for row in openpyxl.load_workbook(path)["Teksten"].iter_rows(min_row=2, values_only=True):
            marked.setdefault(str(row[5]), set()).add(household_of[str(row[0])])
    findings = collect_themes(loaded)
    assert {t.name: t.households for t in findings.themes} == {
        name: len(households) for name, households in marked.items()
    }
    for theme, shown in zip(findings.themes, data["themes"], strict=True):
        expected = str(theme.households) if theme.households >= K else f"< {K}"
        assert shown["households"] == expected
        # the 4 left-out visits of Emplacement have blocks with these themes, but are named
        # nowhere: a theme names a subarea only for at least K of its households
        assert "Overige subbuurten" not in theme.subareas
        assert theme.subareas == ("Stationskwartier", "Seinhuisbuurt")
    result = runner.invoke(app, ["themes", str(project)])
    assert result.exit_code == 0 and "Trap is te steil" in result.output


def test_empty_optional_cells_and_a_condition_written_once(
    project: Path, runner: CliRunner
) -> None:
    def edit(rows: list[list[object]]) -> None:
        rows[1][5:8] = ["Eenzaam", "Sociale cohesie", None]
        rows[2][5:8] = ["eenzaam ", None, "x"]  # same theme, other spelling, condition above
        rows[3][5:8] = [None, None, None]  # no theme for this block

    fill(project, edit)
    findings = collect_themes(load_project(project)[0])
    lonely = findings.theme("Eenzaam")
    assert lonely is not None and lonely.condition == "social_cohesion"
    assert lonely.blocks == 2 and len(lonely.quotes) == 1


@pytest.mark.parametrize(
    ("row", "index", "value", "code", "column"),
    [
        (1, 6, "Sociale veiligheid", "unknown-condition", "Voorwaarde"),
        (2, 0, "PB-BBBBBBBB", "unknown-block", "Blok"),
        (1, 7, "Zorg over de lift [...] al lang", "quote-not-in-block", "Citaat"),
        (1, 5, None, "missing-theme", "Thema"),
    ],
)
def test_a_bad_worksheet_row_is_named_by_file_sheet_row_and_column(
    project: Path,
    runner: CliRunner,
    row: int,
    index: int,
    value: str | None,
    code: str,
    column: str,
) -> None:
    def change(rows: list[list[object]]) -> None:
        rows[row][index] = value

    path = fill(project, change)
    result = runner.invoke(app, ["themes", str(project), "--json"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{path} [Teksten]:row {row + 1} (column {column})" in " ".join(result.output.split())
    assert "trap naar boven" not in result.output, "no text of the data in the message"
    with pytest.raises(WorksheetError) as raised:
        collect_themes(load_project(project)[0])
    assert raised.value.code == code


def test_one_theme_with_two_conditions(project: Path, runner: CliRunner) -> None:
    fill(project, lambda rows: rows[3].__setitem__(6, "Sociale cohesie"))
    result = runner.invoke(app, ["themes", str(project)])
    assert result.exit_code == 1, result.output
    assert "[Teksten]:row 4 (column Voorwaarde)" in " ".join(result.output.split())
    with pytest.raises(WorksheetError) as raised:
        collect_themes(load_project(project)[0])
    assert raised.value.code == "conflicting-condition"
    assert "Kleine woning" in raised.value.message and "row 2" in raised.value.message


def test_a_shortened_quote_is_accepted(project: Path) -> None:
    fill(project, lambda rows: rows[1].__setitem__(7, "Zorg over de trap [...] al lang"))
    quotes = [q for t in collect_themes(load_project(project)[0]).themes for q in t.quotes]
    assert [q.text for q in quotes] == ["Zorg over de trap [...] al lang"]


def test_is_quote_of() -> None:
    text = "Zorg over de trap naar boven,\nblok 3, al lang"
    assert is_quote_of("Zorg over de trap naar boven, blok 3, al lang", text)
    assert is_quote_of("Zorg over de trap [...] al lang", text)
    assert not is_quote_of("Zorg over de trap", text), "a shortening says so with [...]"
    assert not is_quote_of("al lang [...] Zorg", text), "parts in their order"
    assert not is_quote_of("[...]", text)


def test_a_worksheet_without_the_sheet_or_not_xlsx(project: Path, runner: CliRunner) -> None:
    path = fill(project)
    book = openpyxl.load_workbook(path)
    book["Teksten"].title = "Blad1"
    book.save(path)
    result = runner.invoke(app, ["themes", str(project)])
    assert result.exit_code == 1 and "no sheet 'Teksten'" in result.output
    fill(project)
    (project / "sessions" / "notities.csv").write_text("Blok;Thema\n", encoding="utf-8")
    result = runner.invoke(app, ["themes", str(project)])
    assert result.exit_code == 1 and "notities.csv" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (project / "sessions" / "notities.csv").unlink()
    broken = project / "sessions" / "kapot.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("iets.txt", "geen werkblad")
    result = runner.invoke(app, ["themes", str(project)])
    assert result.exit_code == 1 and "cannot be opened as an Excel workbook" in result.output
    with pytest.raises(WorksheetError) as raised:
        collect_themes(load_project(project)[0])
    assert raised.value.code == "bad-xlsx"


def test_top_fives_must_name_themes(project: Path, runner: CliRunner) -> None:
    fill(project)
    (project / "sessions.yaml").write_text(
        "top_promising:\n  - kleine woning\ntop_concerns:\n  - Trap is te steil\n  - Lift kapot\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["themes", str(project)])
    assert result.exit_code == 1, result.output
    assert "sessions.yaml:5: item 2 of top_concerns is not a theme" in " ".join(
        result.output.split()
    )
    (project / "sessions.yaml").write_text(
        "top_promising:\n  - kleine woning\ntop_concerns:\n  - Trap is te steil\n",
        encoding="utf-8",
    )
    findings = collect_themes(load_project(project)[0])
    assert findings.top_promising == ("Kleine woning",), "named as in the worksheets"
    assert findings.top_concerns == ("Trap is te steil",)


def test_themes_without_worksheets_says_where_to_put_them(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["themes", str(project)])
    assert result.exit_code == 1
    assert "sessions/" in result.output


def test_the_example_action_plan_answers_the_example_themes(spoorbuurt: Example) -> None:
    # Phase 4 against phase 3 on the same example: every theme the plan names is one the
    # sessions found, and the concerns left without an activity are reported as gaps.
    result = CliRunner().invoke(app, ["plan", str(spoorbuurt.folder), "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert plan["themes_known"] and plan["errors"] == 0
    assert "unknown-theme" not in [issue["code"] for issue in plan["issues"]]
    # The example leaves two concerns to the renovation itself: reported as gaps.
    assert plan["unanswered_concerns"] == [
        "Vocht en schimmel in de woning",
        "Onzekerheid over sloop en renovatie",
    ]
