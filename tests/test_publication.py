"""`mdsa quotes`, `mdsa report` and `mdsa poster`: quotes chosen and approved, the guard that
refuses a quote that could single out a household, and the publication guard, on the Spoorbuurt
example and on a small crafted data set."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import docx
import pytest
import yaml
from typer.testing import CliRunner, Result

from mdsa.cli import app
from mdsa.errors import MdsaError, ReportError
from mdsa.phases.quotes import QuoteRefusedError, approve, collect_quotes, single_out
from mdsa.phases.sessions import read_blocks
from mdsa.project.folder import load_project
from tests.test_sessions import EXPORT, K, crafted, fill, make_project


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def ok(result: Result) -> None:
    assert result.exit_code == 0, result.output
    assert result.exception is None


def refused(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return " ".join(result.output.split())


# -- the example -----------------------------------------------------------------------------


@dataclass
class Example:
    folder: Path
    report: Result
    poster: Result
    scan: Result


@pytest.fixture(scope="module")
def spoorbuurt(tmp_path_factory: pytest.TempPathFactory) -> Example:
    """The example as make demo runs it: import, anonymise, aggregate, report, poster."""
    from tests.conftest import EXAMPLES

    folder = tmp_path_factory.mktemp("publication") / "spoorbuurt"
    shutil.copytree(EXAMPLES / "spoorbuurt", folder)
    runner = CliRunner()
    export = folder / "private" / "downloads" / EXPORT
    for args in (
        ["import", str(export), "--project", str(folder)],
        ["anonymise", str(folder)],
        ["aggregate", str(folder)],
    ):
        ok(runner.invoke(app, args))
    report = runner.invoke(app, ["report", str(folder), "--json"])
    poster = runner.invoke(app, ["poster", str(folder), "--json"])
    scan = runner.invoke(app, ["scan", str(folder)])
    return Example(folder, report, poster, scan)


def test_report_on_the_example(spoorbuurt: Example) -> None:
    ok(spoorbuurt.report)
    data = json.loads(spoorbuurt.report.stdout)
    folder = spoorbuurt.folder
    assert data["files"] == ["output/verslag.pdf", "output/verslag.html", "output/verslag.docx"]
    text = pdf_text(folder / "output" / "verslag.pdf")
    page = (folder / "output" / "verslag.html").read_text(encoding="utf-8")
    word = docx.Document(str(folder / "output" / "verslag.docx"))
    words = " ".join(p.text for p in word.paragraphs)
    charts = sorted((folder / "output" / "charts").glob("*.png"))
    assert len(word.inline_shapes) == len(charts) - 1, "every chart but the visit outcome"
    entries = yaml.safe_load((folder / "quotes.yaml").read_text(encoding="utf-8"))["quotes"]
    approved = [e for e in entries if e.get("approved")]
    waiting = [e for e in entries if not e.get("approved")]
    assert data["quotes"] == len(approved) >= 3 and waiting
    for entry in approved:
        start = entry["quote"].split("[...]")[0].strip()[1:40]  # first letter is capitalised
        assert start in text and start in page and start in words, entry["block"]
    for entry in waiting:
        start = entry["quote"][1:40]
        assert start not in text and start not in page and start not in words
    assert "Buren helpen elkaar" in words and "1.  Vocht en schimmel in de woning" in words
    assert "{{" not in words and "{%" not in words
    # The themes ordered by the four conditions, the top 5s, and how it was made.
    for heading in ("Sociaaleconomische zekerheid", "Sociale cohesie", "Sociale inclusie",
                    "Sociale empowerment", "Hoe dit verslag is gemaakt"):  # fmt: skip
        assert heading in text and heading in page
    assert "Vocht en schimmel in de woning" in text
    assert "Buurthuis niet voor iedereen" in text and f"< {K} huishoudens" in text
    assert "<svg" in page, "the charts inside the page"
    assert not re.search(r"(src|href)=\"?(https?:|//)|<script|<link", page), "self-contained"
    assert not (folder / "private" / "staging" / "report").exists()


def test_poster_on_the_example(spoorbuurt: Example) -> None:
    from PIL import Image
    from pypdf import PdfReader

    ok(spoorbuurt.poster)
    folder = spoorbuurt.folder
    pdf = folder / "output" / "praatplaat.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1, "one page"
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 420)
    with Image.open(folder / "output" / "praatplaat.png") as image:
        assert image.size == (1754, 2480), "A3 at 150 ppi"
    text = pdf_text(pdf)
    assert "Dit gaat goed" in text and "Buren helpen elkaar" in text
    assert "14 november 2017" in text, "the conversation of communication.yaml"
    assert "Praat mee over uw buurt" in text


def test_the_docx_template_uses_only_fields_of_the_report(spoorbuurt: Example) -> None:
    from mdsa.documents.docx import DocxTemplate
    from mdsa.phases.publication import picture

    context = picture(load_project(spoorbuurt.folder)[0])
    assert DocxTemplate("report.docx", None).undeclared_fields() <= set(context)


def test_the_scan_finds_nothing_in_report_and_poster(spoorbuurt: Example) -> None:
    ok(spoorbuurt.scan)
    assert "no identifiers" in spoorbuurt.scan.output


def test_quotes_list_on_the_example(spoorbuurt: Example, runner: CliRunner) -> None:
    result = runner.invoke(app, ["quotes", "list", str(spoorbuurt.folder), "--json"])
    ok(result)
    quotes = json.loads(result.stdout)["quotes"]
    marked = {q["marked_by"] for q in quotes}
    assert {"werkblad", "projectleider"} <= marked, "from worksheets and from quotes.yaml"
    assert any(q["approved"] for q in quotes) and any(not q["approved"] for q in quotes)
    result = runner.invoke(app, ["quotes", "list", str(spoorbuurt.folder)])
    ok(result)
    assert "mdsa quotes approve" in result.output


# -- quotes on a crafted project -------------------------------------------------------------

STREET = "Perronstraat"  # a street of the Spoorbuurt example's mdsa.yaml


def crafted_project(example: Callable[[str], Path], texts: dict[int, str]) -> Path:
    """The crafted set of test_sessions, some block texts replaced, worksheets filled in."""
    visits, blocks = crafted()
    for n, text in texts.items():
        blocks[n]["text"] = text
    folder = make_project(example, visits, blocks)
    (folder / "quotes.yaml").unlink()  # the example's quotes are of the example's blocks
    fill(folder)
    return folder


def block_of(folder: Path, words: str) -> str:
    return next(b.id for b in read_blocks(load_project(folder)[0]).blocks if words in b.text)


def mark(folder: Path, *entries: dict[str, object]) -> None:
    (folder / "quotes.yaml").write_text(
        yaml.safe_dump({"quotes": list(entries)}, allow_unicode=True), encoding="utf-8"
    )


def test_approve_records_the_date_and_keeps_the_header(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = crafted_project(example, {1: "Zou graag een moestuin beginnen met buren."})
    block = block_of(folder, "moestuin")
    (folder / "quotes.yaml").write_text(
        f"# onze citaten\nquotes:\n  - block: {block}\n    marked_by: opbouwwerker\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["quotes", "approve", block, str(folder)])
    ok(result)
    text = (folder / "quotes.yaml").read_text(encoding="utf-8")
    assert text.startswith("# onze citaten\n")
    entry = yaml.safe_load(text)["quotes"][0]
    assert entry["approved"] == date.today() and entry["marked_by"] == "opbouwwerker"
    assert entry["quote"] == "Zou graag een moestuin beginnen met buren."
    ok(runner.invoke(app, ["quotes", "approve", block, str(folder)]))  # again: still one entry
    assert len(yaml.safe_load((folder / "quotes.yaml").read_text("utf-8"))["quotes"]) == 1
    other = block_of(folder, "blok 2,")
    result = runner.invoke(app, ["quotes", "approve", other, str(folder)])
    assert "is not marked as a quote" in refused(result)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"Woont al jaren in de {STREET}, wil graag meedoen.", "a street of the project"),
        ("Is 82 jaar en wil graag meedoen.", "an age or a number of years"),
        ("Sinds kort weduwe, wil graag meedoen.", "a household situation"),
    ],
)
def test_a_quote_that_could_single_out_is_refused_by_block_and_kind(
    example: Callable[[str], Path], runner: CliRunner, text: str, kind: str
) -> None:
    folder = crafted_project(example, {1: text})
    block = block_of(folder, "wil graag meedoen")
    mark(folder, {"block": block})
    output = refused(runner.invoke(app, ["quotes", "approve", block, str(folder)]))
    assert f"block {block}" in output and kind in output
    with pytest.raises(QuoteRefusedError) as raised:
        approve(load_project(folder)[0], block)
    assert raised.value.code == "quote-singles-out"
    assert "meedoen" not in output and STREET not in output and "82" not in output
    assert "approved" not in (folder / "quotes.yaml").read_text(encoding="utf-8")
    # shortened with [...] so that it leaves the words out, it can be approved
    mark(folder, {"block": block, "quote": "[...] wil graag meedoen."})
    ok(runner.invoke(app, ["quotes", "approve", block, str(folder)]))
    # an approval given before (by hand, or before the words were changed) stops the report
    mark(folder, {"block": block, "approved": date(2017, 9, 26)})
    ok(runner.invoke(app, ["aggregate", str(folder)]))
    for command in ("report", "poster"):
        output = refused(runner.invoke(app, [command, str(folder)]))
        assert f"block {block}" in output and kind in output
        assert not (folder / "output" / "verslag.pdf").exists()


def test_age_words_pass_in_a_large_subarea() -> None:
    from mdsa.phases.picture import MERGED

    project = load_project(Path(__file__).parents[1] / "examples" / "spoorbuurt")[0]
    homes = {"Stationskwartier": 166, MERGED: 12}
    assert single_out("Is 82 jaar.", "Stationskwartier", project, homes, K) is None
    assert single_out("Is 82 jaar.", MERGED, project, homes, K) == "age"
    assert single_out("Is 82 jaar.", "Stationskwartier", project, {}, K) == "age", "unknown"
    assert single_out("Woont in de perronstraat.", "Stationskwartier", project, homes, K) == (
        "street"
    )
    assert single_out("Perronstraatje", "Stationskwartier", project, homes, K) is None


@pytest.mark.parametrize(
    ("entry", "code", "line"),
    [
        ({"block": "PB-BBBBBBBB"}, "unknown-block", 3),
        ({"block": "{block}", "quote": "Zorg over de lift [...] al lang"}, "quote-not-in-block", 3),
        ({"block": "{block}", "approved": "gisteren"}, "invalid-value", 3),
        ({"block": "{block}", "theme": "Bestaat niet"}, "unknown-theme", 3),
        ({"block": "{block}", "color": "rood"}, "unknown-key", 4),
    ],
)
def test_a_bad_quotes_file_is_named_with_its_line(
    example: Callable[[str], Path],
    runner: CliRunner,
    entry: dict[str, str],
    code: str,
    line: int,
) -> None:
    folder = crafted_project(example, {})
    block = block_of(folder, "blok 2,")
    first = {"block": block_of(folder, "blok 1,")}
    mark(folder, first, {k: v.format(block=block) for k, v in entry.items()})
    output = refused(runner.invoke(app, ["quotes", "list", str(folder)]))
    assert f"quotes.yaml:{line}:" in output, output  # line 1 is quotes:, 2 the first entry
    assert "trap naar boven" not in output
    with pytest.raises(MdsaError) as raised:
        collect_quotes(load_project(folder)[0])
    error = raised.value
    codes = [i.code for i in error.report.issues] if isinstance(error, ReportError) else []
    assert code in (error.code, *codes)


def test_approve_in_the_library(example: Callable[[str], Path]) -> None:
    folder = crafted_project(example, {})
    project = load_project(folder)[0]
    block = block_of(folder, "blok 2,")
    mark(folder, {"block": block, "quote": "Zorg over de trap [...] al lang"})
    candidate = approve(project, block, today=date(2017, 9, 26))
    assert candidate.approved == date(2017, 9, 26) and candidate.text.endswith("al lang")
    assert [c.approved for c in collect_quotes(project).candidates] == [date(2017, 9, 26)]
    again = approve(project, block, today=date(2018, 1, 8))
    assert again.approved == date(2017, 9, 26), "approved before: the first date stays"
    with pytest.raises(QuoteRefusedError) as raised:
        approve(project, "PB-BBBBBBBB")
    assert raised.value.code == "quote-not-marked"


# -- the publication guard and small groups --------------------------------------------------


def test_the_scan_stops_a_report_with_an_identifier(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = crafted_project(example, {})
    fill(folder, lambda rows: rows[1].__setitem__(5, "Bellen naar 06-12345678"))
    ok(runner.invoke(app, ["aggregate", str(folder)]))
    for command in ("report", "poster"):
        output = refused(runner.invoke(app, [command, str(folder)]))
        assert "nothing was published" in output and "private/staging" in output
        assert "12345678" not in output
    assert not list((folder / "output").glob("verslag.*"))
    assert not list((folder / "output").glob("praatplaat.*"))


def test_the_texts_a_document_is_made_of_are_scanned_too(example: Callable[[str], Path]) -> None:
    from mdsa.documents.publish import publish_scanned
    from mdsa.errors import PrivacyError

    project = load_project(example("spoorbuurt"))[0]
    files: dict[str, bytes | str] = {"output/x.txt": "Niets bijzonders."}
    with pytest.raises(PrivacyError) as raised:
        publish_scanned(project, "x", files, hint="-", inputs={"in.json": "Bel 06-12345678"})
    assert "inputs/in.json" in raised.value.message and "12345678" not in raised.value.message
    assert not (project.root / "output" / "x.txt").exists()
    assert publish_scanned(project, "x", files, hint="-", inputs={"in.json": "Niets."}) == [
        "output/x.txt"
    ]
    assert not (project.root / "private" / "staging" / "x").exists()


def test_an_old_or_missing_aggregate_is_refused(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    import os

    folder = crafted_project(example, {})
    output = refused(runner.invoke(app, ["report", str(folder)]))
    assert "no figures yet" in output and "mdsa aggregate" in output
    ok(runner.invoke(app, ["aggregate", str(folder)]))
    aggregate = folder / "output" / "aggregate.json"
    old = aggregate.stat().st_mtime - 60
    os.utime(aggregate, (old, old))
    output = refused(runner.invoke(app, ["poster", str(folder)]))
    assert "older than data/visits.csv" in output
    aggregate.write_text("{", encoding="utf-8")
    output = refused(runner.invoke(app, ["report", str(folder)]))
    assert "output/aggregate.json:1:2: output/aggregate.json is not valid JSON" in output


def numbers(text: str) -> list[int]:
    return [
        int(n.replace(".", "")) for n in re.findall(r"(?<![\w,.-])\d+(?:\.\d{3})*(?![\w,%])", text)
    ]


def test_no_shared_artefact_shows_a_small_group(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    """The crafted set of test_sessions (Emplacement: 4 visits; 2 households of 80 plus): every
    count the report and the poster show is at least min_group_size, and the visits of the
    subarea left out cannot be recomputed from the whole and the parts."""
    folder = crafted_project(example, {})
    block = block_of(folder, "blok 1,")
    mark(
        folder,
        {"block": block, "quote": "Zorg over de trap [...] al lang", "approved": date(2017, 9, 26)},
    )
    ok(runner.invoke(app, ["aggregate", str(folder)]))
    ok(runner.invoke(app, ["report", str(folder)]))
    ok(runner.invoke(app, ["poster", str(folder)]))
    out = folder / "output"
    page = (out / "verslag.html").read_text(encoding="utf-8")
    body = re.sub(r"<svg.*?</svg>", " ", page.split("<body>")[1], flags=re.S)
    visible = re.sub(r"<[^>]+>", " ", body)
    word = " ".join(p.text for p in docx.Document(str(out / "verslag.docx")).paragraphs)
    shared = (pdf_text(out / "verslag.pdf"), pdf_text(out / "praatplaat.pdf"), visible, word)
    for text in shared:
        assert "Zorg over de trap [...] al lang" in text, "the approved quote"
        counts = [n for n in numbers(text) if n not in (2017, 26, 1, 2, 3, 4, 5, 6, 7)]
        # (page numbers, list numbers, dates and the rule's own number are not counts)
        assert all(n >= K for n in counts), counts
        assert "Emplacement" not in text, "4 visits: counted only in the whole neighbourhood"
    households = re.findall(r"(\d+|< \d+) huishoudens", visible)
    assert households and all(h == f"< {K}" or int(h) >= K for h in households)
    # The visits per subarea: the whole neighbourhood less the subareas shown is no small
    # group either (it would be the visits of the subarea left out).
    table = dict(re.findall(r"<tr><td>([^<]+)</td><td class=\"n\">([^<]+)</td></tr>", page))
    parts = [v for name, v in table.items() if name != "Hele buurt"]
    assert len(parts) == 2, table
    if table["Hele buurt"] != "✱" and "✱" not in parts:
        rest = int(table["Hele buurt"]) - sum(int(v) for v in parts)
        assert rest == 0 or rest >= K, (table, "the left-out subarea recomputed")
    data = json.loads((out / "aggregate.json").read_text(encoding="utf-8"))
    assert data["left_out"] == ["Emplacement"]


def test_status_names_report_and_poster(spoorbuurt: Example, runner: CliRunner) -> None:
    result = runner.invoke(app, ["status", str(spoorbuurt.folder), "--json"])
    ok(result)
    phase = next(p for p in json.loads(result.stdout)["phases"] if p["phase"] == "picture")
    assert "shared: report (output/verslag.*), poster (output/praatplaat.*)" in phase["facts"]
    assert "step 4" in phase["next_step"]


def test_status_before_the_report_says_what_comes_next(
    example: Callable[[str], Path], runner: CliRunner
) -> None:
    folder = crafted_project(example, {})
    ok(runner.invoke(app, ["aggregate", str(folder)]))
    result = runner.invoke(app, ["status", str(folder), "--json"])
    ok(result)
    phase = next(p for p in json.loads(result.stdout)["phases"] if p["phase"] == "picture")
    assert "mdsa quotes list" in phase["next_step"], "worksheets are back: quotes, report"
    assert not any(f.startswith("shared:") for f in phase["facts"])
