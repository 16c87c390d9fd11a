"""The ``mdsa`` command line: turns options into arguments, calls the library, renders results.

Nothing heavy is imported at module level so that ``mdsa --help`` stays fast; each command
imports what it uses. User errors (``MdsaError``) are printed once, without a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from mdsa import __version__
from mdsa.errors import MdsaError

if TYPE_CHECKING:
    # Typer vendors click; its Group methods take click's Context, not typer.Context.
    from typer._click import Context

OVERVIEW = "Overzicht"
PREPARATION = "1 Voorbereiding"
VISITS = "2 Huisbezoeken"
PICTURE = "3 Beeld van de buurt"
PRIVACY = "Privacy"


EXIT_BUG = 70  # EX_SOFTWARE of sysexits.h: an internal error, not the user's input

# Exceptions that are not bugs: Typer's own signals (exit, abort, usage errors) and the ones
# click's main() turns into a clean exit (end of input, a closed pipe as in `mdsa scrub | head`).
PASS_THROUGH = (typer.Exit, typer.Abort, TyperException, EOFError, BrokenPipeError)


class MdsaGroup(TyperGroup):
    """The one error handler of the command line.

    A user error (``MdsaError``) is printed as ``error: file:line: message`` plus a hint, exit 1.
    Any other exception is a bug: one line naming the command and the exception's type, exit
    70. Its message is never printed, because it may hold a value from ``private/`` (a
    ``KeyError`` names the key, a ``ValueError`` quotes the cell). ``--debug`` re-raises both,
    so the traceback shows where.
    """

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except PASS_THROUGH:
            raise
        except MdsaError as e:
            if ctx.meta.get("mdsa.debug"):
                raise
            from mdsa.output import print_error

            print_error(e)
            raise typer.Exit(1) from None
        except Exception as e:
            if ctx.meta.get("mdsa.debug"):
                raise
            command = ctx.invoked_subcommand or ""
            typer.echo(bug_message(command, e), err=True)
            raise typer.Exit(EXIT_BUG) from None

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)  # in the order of the handbook, not alphabetical


app = typer.Typer(
    cls=MdsaGroup,
    help="mdsa: from home visits to a picture of the neighbourhood, privacy first.\n\n"
    "Commands find their project folder like git does: the folder given, or else the "
    "current folder or its nearest parent with an mdsa.yaml.",
    no_args_is_help=True,
    add_completion=False,
    # Tracebacks only with --debug, and then Python's plain one: rich's pretty traceback would
    # print local variables (cell values from private/) if show_locals were ever turned on.
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
)

ProjectDir = Annotated[
    Path | None,
    typer.Argument(
        help="Project folder (default: this folder or the nearest parent with mdsa.yaml).",
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mdsa {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.meta["mdsa.debug"] = debug


def bug_message(command: str, error: BaseException) -> str:
    """One line for an unexpected exception: the command and the type, never the message."""
    name = f"mdsa {command}".strip()
    debug = f"mdsa --debug {command} ...".replace("  ", " ")
    return (
        f"error: {name} stopped on an unexpected {type(error).__name__}: this is a bug in mdsa. "
        f"Run `{debug}` to see where, and report it (the traceback may show private data)."
    )


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@app.command(rich_help_panel=OVERVIEW)
def status(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Where the project stands in each of the five phases, and what to do next."""
    from mdsa.output import print_status
    from mdsa.phases.overview import project_status
    from mdsa.project.folder import find_project
    from mdsa.project.validate import validate_project

    loaded, report = validate_project(find_project(project))
    result = project_status(loaded, report)
    if as_json:
        _print_json(result.to_dict())
    else:
        print_status(result)


@app.command(rich_help_panel=PREPARATION)
def init(
    folder: Annotated[Path, typer.Argument(help="Folder for the new project.")],
    neighbourhood: Annotated[
        str | None, typer.Option(help="Name of the neighbourhood (default: from the folder).")
    ] = None,
    municipality: Annotated[str | None, typer.Option(help="The municipality.")] = None,
    add_missing: Annotated[
        bool,
        typer.Option(help="In an existing project, add only the files that are missing."),
    ] = False,
) -> None:
    """Create a new, commented project folder (with private/ kept out of git)."""
    from mdsa.phases.preparation import init_project

    written = init_project(
        folder, neighbourhood=neighbourhood, municipality=municipality, add_missing=add_missing
    )
    for path in written:
        typer.echo(f"created {path}")
    if not written:
        typer.echo("nothing to add: every file is there")
    else:
        typer.echo(f"next: fill in the files, then run: mdsa validate {folder}", err=True)


@app.command(rich_help_panel=PREPARATION)
def validate(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Check every file of the project and the links between them. Exit 1 on errors."""
    from mdsa.output import print_report
    from mdsa.project.folder import find_project
    from mdsa.project.validate import validate_project

    root = find_project(project)
    _, report = validate_project(root)
    if as_json:
        _print_json({"project": str(root), **report.to_dict()})
    else:
        print_report(report, root)
    if not report.ok:
        raise typer.Exit(1)


@app.command(rich_help_panel=PREPARATION)
def readiness(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The phase-1 checklist of the handbook. Exit 0 only when the project is ready."""
    from mdsa.output import print_readiness
    from mdsa.phases.preparation import readiness as check_readiness
    from mdsa.project.folder import find_project
    from mdsa.project.validate import validate_project

    loaded, report = validate_project(find_project(project))
    result = check_readiness(loaded, report)
    if as_json:
        _print_json(result.to_dict())
    else:
        print_readiness(result, loaded.name)
    if not result.ready:
        raise typer.Exit(1)


ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-p",
        help="Project folder (default: this folder or the nearest parent with mdsa.yaml).",
        show_default=False,
    ),
]


@app.command(rich_help_panel=VISITS)
def form(
    project: ProjectDir = None,
    force: Annotated[bool, typer.Option(help="Replace an existing forms.yaml.")] = False,
) -> None:
    """Write the reference registration form: forms.yaml, a readable copy and an Apps Script."""
    from mdsa.intake.forms.writer import write_reference_form
    from mdsa.project.folder import find_project

    for path in write_reference_form(find_project(project), force=force):
        typer.echo(f"wrote {path}")
    typer.echo(
        "next: run form/maak-formulier.gs in Google Apps Script to create the Google Form",
        err=True,
    )


@app.command("import", rich_help_panel=VISITS)
def import_(
    export: Annotated[
        Path, typer.Argument(help="The export: Forms zip or CSV, the sheet's CSV or .xlsx.")
    ],
    project: ProjectOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and count, but write nothing.")
    ] = False,
    suggest: Annotated[
        bool,
        typer.Option("--suggest", help="Propose a forms.yaml for an unknown form; import nothing."),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import Google Forms registrations into private/. Exit 1 when a problem is an error."""
    from mdsa.output import print_import
    from mdsa.project.folder import find_project

    root = find_project(project)
    if suggest:
        from mdsa.intake.forms.suggest import write_suggestion

        path, guesses = write_suggestion(root, export)
        typer.echo(f"wrote {path}: {guesses} column(s) matched by guess, each marked REVIEW")
        typer.echo("next: review it, then rename it to forms.yaml", err=True)
        return
    from mdsa.phases.visits import import_export

    result = import_export(root, export, dry_run=dry_run)
    if as_json:
        _print_json(result.to_dict())
    else:
        print_import(result)
    if not result.report.ok:
        raise typer.Exit(1)


@app.command(rich_help_panel=VISITS)
def letters(
    project: ProjectDir = None,
    format: Annotated[
        str,
        typer.Option(
            "--format", help="pdf (one file, a page per home), docx (one per home) or both."
        ),
    ] = "pdf",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Folder for the letters (default: private/letters/); never the shared part.",
            show_default=False,
        ),
    ] = None,
    subarea: Annotated[str | None, typer.Option(help="Only the homes of this subarea.")] = None,
    street: Annotated[
        list[str] | None, typer.Option(help="Only the homes of this street (repeatable).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Invitation letters for the home visit (bijlage 5), one per household, into private/."""
    from mdsa.output import print_letters, progress_bar
    from mdsa.phases.visits import write_letters
    from mdsa.project.folder import find_project, load_project

    formats = {"pdf": ("pdf",), "docx": ("docx",), "both": ("pdf", "docx")}.get(format)
    if formats is None:
        raise typer.BadParameter("choose pdf, docx or both", param_hint="--format")
    loaded, _ = load_project(find_project(project))
    with progress_bar("writing letters") as advance:
        result = write_letters(
            loaded, formats=formats, out=out, subarea=subarea, streets=street, progress=advance
        )
    if as_json:
        _print_json(result.to_dict())
    else:
        print_letters(result)


@app.command(rich_help_panel=VISITS)
def leaflet(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The privacy leaflet for residents (bijlage 3) from privacy.yaml: PDF and HTML in output/."""
    from mdsa.phases.visits import write_leaflet
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    result = write_leaflet(loaded)
    if as_json:
        _print_json(result.to_dict())
        return
    for path in result.files:
        typer.echo(f"wrote {path}")
    typer.echo(
        "the leaflet holds no personal data: print it and hand it out at the visit", err=True
    )


@app.command(rich_help_panel=PICTURE)
def aggregate(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Counts, percentages, means and medians of every closed question, small groups suppressed.

    Per subarea and for the whole neighbourhood, from data/visits.csv; text blocks counted per
    category. Writes output/aggregate.json.
    """
    from mdsa.phases.picture import aggregate as run_aggregate
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    result = run_aggregate(loaded)
    if as_json:
        _print_json(result.to_dict())
    else:
        from mdsa.output_aggregate import print_aggregate

        print_aggregate(result)


@app.command(rich_help_panel=PRIVACY)
def anonymise(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Write the shareable data set (data/visits.csv, data/text_blocks.csv) from private/."""
    from mdsa.output import print_anonymise, progress_bar
    from mdsa.privacy.anonymise import anonymise as run_anonymise
    from mdsa.privacy.scan import scan_project
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    with progress_bar("scrubbing notes") as advance:
        result = run_anonymise(loaded, progress=advance)
    scan = scan_project(loaded)
    if as_json:
        _print_json({**result.to_dict(), "scan": scan.to_dict()})
    else:
        print_anonymise(result, scan)
    if not scan.clean:
        raise typer.Exit(1)


@app.command(rich_help_panel=PRIVACY)
def scan(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Check every file outside private/ for identifiers. Exit 1 on a finding."""
    from mdsa.output import print_scan
    from mdsa.privacy.scan import scan_project
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    result = scan_project(loaded)
    if as_json:
        _print_json(result.to_dict())
    else:
        print_scan(result)
    if not result.clean:
        raise typer.Exit(1)


@app.command(rich_help_panel=PRIVACY)
def scrub(
    file: Annotated[
        str, typer.Argument(help="A text file with one note per line, or - for standard input.")
    ] = "-",
    jsonl: Annotated[
        bool,
        typer.Option("--jsonl", help='JSON lines: scrub each "text" field, keep the others.'),
    ] = False,
    project: ProjectOption = None,
) -> None:
    """De-identify Dutch notes: names, addresses, phone numbers, e-mail, BSN, IBAN, birth dates.

    Inside a project (or with --project) the project's own names, streets and phone numbers
    from private/ are always removed too.
    """
    from mdsa.privacy.scrub import Scrubber
    from mdsa.project.folder import find_project, load_project

    scrubber = Scrubber()
    try:
        root = find_project(project)
    except MdsaError:
        if project is not None:
            raise
    else:
        from mdsa.intake.registrations import load_registrations
        from mdsa.privacy.anonymise import make_scrubber
        from mdsa.project.folder import REGISTRATIONS_FILE

        loaded, _ = load_project(root)
        scrubber = make_scrubber(loaded, load_registrations(root / REGISTRATIONS_FILE))
    from mdsa.privacy.scrubio import scrub_stream

    if file == "-":
        import io

        from mdsa.errors import InputFileError

        # Strict UTF-8 whatever the locale: Python's own stdin may pass a bad byte through.
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="strict")
        try:
            scrub_stream(scrubber, stdin, sys.stdout, jsonl=jsonl, name=file)
        except UnicodeDecodeError as e:
            raise InputFileError(
                "standard input is not UTF-8 text (lines before it may have been written)",
                path="-",
                hint="convert it first, e.g. iconv -f cp1252 -t utf-8",
            ) from e
        return
    import io

    from mdsa.fileio import read_text

    text = read_text(Path(file))  # the whole file first: a bad byte stops before any output
    scrub_stream(scrubber, io.StringIO(text), sys.stdout, jsonl=jsonl, name=file)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="mdsa")


if __name__ == "__main__":  # pragma: no cover
    main()
