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
from mdsa.privacy import audit

if TYPE_CHECKING:
    # Typer vendors click; its Group methods take click's Context, not typer.Context.
    from typer._click import Context

OVERVIEW = "Overzicht"
PREPARATION = "1 Voorbereiding"
VISITS = "2 Huisbezoeken"
PICTURE = "3 Beeld van de buurt"
CONNECTING = "4 Sociaal verbinden"
EVALUATION = "5 Evaluatie"
PRIVACY = "Privacy"


EXIT_BUG = 70  # EX_SOFTWARE of sysexits.h: an internal error, not the user's input

# Exceptions that are not bugs: Typer's own signals (exit, abort, usage errors) and the ones
# click's main() turns into a clean exit (end of input, a closed pipe as in `mdsa scrub | head`).
PASS_THROUGH = (typer.Exit, typer.Abort, TyperException, EOFError, BrokenPipeError)


# Quotes are approved before the report and the poster print them.
GROUP_BEFORE = {"quotes": "report"}


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
            return self._invoke_audited(ctx)
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

    def _invoke_audited(self, ctx: Context) -> Any:
        """Run the command inside an audit session: what it notes is logged when it ends."""
        with audit.session():
            return super().invoke(ctx)

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        audit.name_command(name or "")  # known before the command runs (mdsa lock needs it)
        return name, command, rest

    def list_commands(self, ctx: Context) -> list[str]:
        """In the order of the handbook, not alphabetical. Typer adds command groups after the
        commands; a group whose place is earlier is moved before the command it precedes."""
        names = list(self.commands)
        for group, before in GROUP_BEFORE.items():
            if group in names and before in names:
                names.remove(group)
                names.insert(names.index(before), group)
        return names


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


def _private_project(project: Path | None) -> Path:
    """The project folder of a command that needs private/: refused when it is locked."""
    from mdsa.privacy.vault import require_unlocked
    from mdsa.project.folder import find_project

    root = find_project(project)
    require_unlocked(root)
    return root


def _suppressed(data: Any) -> int:
    """How many figures of an aggregate are withheld (``{"value": null, ...}``)."""
    if isinstance(data, dict):
        if "status" in data and data.get("value") is None:
            return 1
        return sum(_suppressed(v) for v in data.values())
    if isinstance(data, list):
        return sum(_suppressed(v) for v in data)
    return 0


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
    from mdsa.privacy.retention import privacy_state
    from mdsa.project.folder import find_project
    from mdsa.project.validate import validate_project

    loaded, report = validate_project(find_project(project))
    result = check_readiness(loaded, report)
    privacy = privacy_state(loaded)
    if as_json:
        _print_json({**result.to_dict(), "privacy": privacy.to_dict()})
    else:
        from mdsa.output_privacy import print_privacy

        print_readiness(result, loaded.name)
        print_privacy(privacy)
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
    undo: Annotated[
        bool,
        typer.Option("--undo", help="Remove the visits that only this export brought."),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import Google Forms registrations into private/. Exit 1 when a problem is an error."""
    from mdsa.output import print_import
    from mdsa.phases.visits import RAW_DIR
    from mdsa.project.folder import HOUSEHOLDS_FILE, REGISTRATIONS_FILE

    root = _private_project(project)
    from mdsa.privacy.retention import require_not_purged

    require_not_purged(root)
    if undo:
        from mdsa.output import print_undo
        from mdsa.phases.visits import undo_import

        undone = undo_import(root, export, dry_run=dry_run)
        if as_json:
            _print_json(undone.to_dict())
        else:
            print_undo(undone)
        return
    if suggest:
        from mdsa.intake.forms.suggest import write_suggestion

        path, guesses = write_suggestion(root, export)
        typer.echo(f"wrote {path}: {guesses} column(s) matched by guess, each marked REVIEW")
        typer.echo("next: review it, then rename it to forms.yaml", err=True)
        return
    from mdsa.phases.visits import import_export

    reads = [export, root / HOUSEHOLDS_FILE, root / "forms.yaml"]
    audit.note(root, reads=reads, settings={"dry_run": dry_run})
    result = import_export(root, export, dry_run=dry_run)
    audit.note(
        root,
        writes=[] if dry_run else [root / REGISTRATIONS_FILE, root / RAW_DIR],
        settings={"kind": result.kind},
        counts={
            "rows": result.rows,
            "imported": result.imported,
            "superseded": result.superseded,
            "incomplete": result.incomplete,
            "unchanged": result.unchanged,
            "blank": result.blank,
            "total_visits": result.total,
            "errors": len(result.report.errors),
            "warnings": len(result.report.warnings),
        },
    )
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


actions_app = typer.Typer(
    cls=TyperGroup,
    help="The action list (directe acties): follow-up per signal, with owner and status.\n\n"
    "Kept in private/actions.csv (pseudonyms, no addresses; edit it by hand if you like, "
    "mdsa validate checks it).",
    no_args_is_help=True,
)
app.add_typer(actions_app, name="actions", rich_help_panel=VISITS)

ActionType = Annotated[
    str | None,
    typer.Option(
        "--type",
        help="care_signal, wellbeing_question, housing_question or participation_chance.",
    ),
]
ActionId = Annotated[int, typer.Argument(help="The number of the action (mdsa actions list).")]


def _due(value: str | None) -> Any:
    """A due date typed as 2017-03-31 or 31-3-2017."""
    if value is None:
        return None
    from mdsa.intake.exports import parse_date

    try:
        return parse_date(value)
    except ValueError:
        raise MdsaError(
            "--due is not a date",
            hint="write it as 2017-03-31 or 31-3-2017",
            code="invalid-action-date",
        ) from None


DueOption = Annotated[str | None, typer.Option("--due", help="Due date: 2017-03-31.")]
NotesOption = Annotated[str | None, typer.Option("--notes", help="A note to add.")]
OwnerOption = Annotated[
    str | None, typer.Option("--owner", help="The organisation (as in partners.yaml).")
]


@actions_app.command("create")
def actions_create(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Take the actions of every imported visit into the list; safe to run after each import.

    An entry is keyed by its visit and type: nothing is added twice and rows already in the
    list (hand edits included) stay as they are. Owner and due date get a default per type.
    """
    from mdsa.phases.actions import ACTIONS_FILE, create_actions
    from mdsa.project.folder import REGISTRATIONS_FILE, load_project

    loaded, _ = load_project(_private_project(project))
    audit.note(loaded.root, reads=[loaded.root / REGISTRATIONS_FILE])
    result = create_actions(loaded)
    audit.note(
        loaded.root,
        writes=[loaded.root / ACTIONS_FILE],
        counts={"added": result.added, "kept": result.kept, "total": result.total},
    )
    if as_json:
        _print_json(result.to_dict())
    else:
        typer.echo(
            f"{result.added} new action(s) from {result.visits} visit(s) with an action, "
            f"{result.kept} kept as they were; {result.total} in {ACTIONS_FILE}"
        )


@actions_app.command("list")
def actions_list(
    project: ProjectDir = None,
    kind: ActionType = None,
    owner: OwnerOption = None,
    status: Annotated[str | None, typer.Option(help="open, in_progress, done or declined.")] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only open actions past their due date.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Show the action list, filtered by type, owner, status or overdue."""
    from datetime import date

    from mdsa.phases.actions import load_actions, select

    root = _private_project(project)
    today = date.today()
    chosen = select(
        load_actions(root), kind=kind, owner=owner, status=status, overdue=overdue, today=today
    )
    if as_json:
        _print_json({"actions": [a.to_dict(today) for a in chosen]})
    else:
        from mdsa.output_visits import print_actions

        print_actions(chosen, today)


@actions_app.command("add")
def actions_add(
    kind: Annotated[
        str,
        typer.Option(
            "--type",
            help="care_signal, wellbeing_question, housing_question or participation_chance.",
        ),
    ],
    project: ProjectDir = None,
    household: Annotated[
        str | None, typer.Option(help="The household's pseudonym (HH-...).")
    ] = None,
    address: Annotated[
        str | None,
        typer.Option(help='Or its address as in the address list: "Perronstraat 8". Never shown.'),
    ] = None,
    description: Annotated[str, typer.Option(help="What is needed (it is scrubbed).")] = "",
    owner: OwnerOption = None,
    due: DueOption = None,
    notes: NotesOption = None,
) -> None:
    """Add an action by hand, e.g. a signal picked up outside a registered visit."""
    from mdsa.output_visits import print_action
    from mdsa.phases.actions import add_action
    from mdsa.project.folder import load_project

    loaded, _ = load_project(_private_project(project))
    action = add_action(
        loaded,
        kind=kind,
        household=household,
        address=address,
        description=description,
        owner=owner,
        due=_due(due),
        notes=notes or "",
    )
    print_action("added", action)


@actions_app.command("update")
def actions_update(
    ident: ActionId,
    project: ProjectDir = None,
    status: Annotated[str | None, typer.Option(help="open, in_progress, done or declined.")] = None,
    owner: OwnerOption = None,
    due: DueOption = None,
    notes: NotesOption = None,
    description: Annotated[
        str | None, typer.Option(help="A new description (it is scrubbed).")
    ] = None,
) -> None:
    """Change the status, owner, due date or description of an action, or add a note."""
    from mdsa.output_visits import print_action
    from mdsa.phases.actions import update_action
    from mdsa.project.folder import load_project

    loaded, _ = load_project(_private_project(project))
    action = update_action(
        loaded,
        ident,
        status=status,
        owner=owner,
        due=_due(due),
        notes=notes,
        description=description,
    )
    print_action("updated", action)


@actions_app.command("close")
def actions_close(
    ident: ActionId,
    project: ProjectDir = None,
    declined: Annotated[
        bool, typer.Option("--declined", help="The resident did not want it (else: done).")
    ] = False,
    notes: NotesOption = None,
) -> None:
    """Close an action: done, or declined by the resident."""
    from mdsa.output_visits import print_action
    from mdsa.phases.actions import close_action
    from mdsa.project.folder import load_project

    loaded, _ = load_project(_private_project(project))
    print_action("closed", close_action(loaded, ident, declined=declined, notes=notes))


@actions_app.command("export")
def actions_export(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Write output/actions.xlsx for partners (pseudonyms only, overdue marked) and
    private/actions-adressen.xlsx with the addresses, for the team."""
    from mdsa.phases.actions import ACTIONS_FILE
    from mdsa.phases.actions_export import export_actions
    from mdsa.project.folder import HOUSEHOLDS_FILE, load_project

    loaded, _ = load_project(_private_project(project))
    root = loaded.root
    audit.note(root, reads=[root / ACTIONS_FILE, root / HOUSEHOLDS_FILE])
    result = export_actions(loaded)
    audit.note(
        root,
        writes=[root / f for f in result.files],
        counts={"actions": result.actions, "overdue": result.overdue},
    )
    if as_json:
        _print_json(result.to_dict())
    else:
        typer.echo(f"{result.actions} action(s), {result.overdue} overdue")
        for path in result.files:
            typer.echo(f"wrote {path}")


@app.command(rich_help_panel=VISITS)
def progress(
    project: ProjectDir = None,
    names: Annotated[
        bool,
        typer.Option(
            "--names",
            help="On this screen only: workers by name and exact counts (files never have them).",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """The weekly team exchange: households, visits held, declined and not at home, per subarea
    and per week; the response rate; visits per worker; open actions by type and owner.

    Writes output/progress.xlsx and output/progress.html (small counts marked, workers by
    pseudonym), each checked by the scan.
    """
    from mdsa.phases.actions import ACTIONS_FILE
    from mdsa.phases.progress import progress as run_progress
    from mdsa.phases.progress import write_documents
    from mdsa.project.folder import HOUSEHOLDS_FILE, REGISTRATIONS_FILE, load_project

    loaded, _ = load_project(_private_project(project))
    root = loaded.root
    audit.note(root, reads=[root / REGISTRATIONS_FILE, root / HOUSEHOLDS_FILE, root / ACTIONS_FILE])
    result = run_progress(loaded)
    result.files = write_documents(loaded, result)
    audit.note(
        root,
        writes=[root / f for f in result.files],
        settings={"min_group_size": result.min_group_size},
        counts={"visits": result.visits, "homes": result.homes},
    )
    if as_json:
        _print_json(result.shared())
    else:
        from mdsa.output_visits import print_progress

        print_progress(result.shared(names=names, exact=names))
    if result.actions_problems:
        typer.echo(
            f"warning: {result.actions_problems} row(s) of the action list have problems and are "
            f"not counted; run: mdsa validate {root}",
            err=True,
        )


@app.command(rich_help_panel=VISITS)
def feedback(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The newsletter to every resident after the visits (terugkoppeling), PDF and HTML.

    How many households took part, the themes that came up, the kinds of follow-up and what
    happens next; only figures of at least min_group_size. Scanned before it is published in
    output/: nothing is published when the scan finds something.
    """
    from mdsa.phases.actions import ACTIONS_FILE
    from mdsa.phases.feedback import AGGREGATE_FILE, VISITS_FILE, write_feedback
    from mdsa.project.folder import load_project

    loaded, _ = load_project(_private_project(project))
    root = loaded.root
    audit.note(root, reads=[root / VISITS_FILE, root / AGGREGATE_FILE, root / ACTIONS_FILE])
    result = write_feedback(loaded)
    audit.note(
        root,
        writes=[root / f for f in result.files],
        settings={"min_group_size": result.min_group_size},
        counts={"households": result.households or 0, "action_kinds": len(result.actions)},
    )
    if as_json:
        _print_json(result.to_dict())
        return
    shown = result.households if result.households is not None else "fewer than the minimum"
    typer.echo(f"households with a conversation: {shown}")
    typer.echo(f"themes named: {len(result.valued)} valued, {len(result.better)} could be better")
    typer.echo(f"kinds of follow-up named: {len(result.actions)}")
    for path in result.files:
        typer.echo(f"wrote {path}")


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
    audit.note(
        loaded.root,
        reads=[loaded.root / "data"],
        writes=[loaded.root / f for f in result.files],
        settings={"min_group_size": result.min_group_size},
        counts={
            "visits": result.visits,
            "suppressed": _suppressed(result.to_dict()),
            "merged_subareas": len(result.merged),
            "left_out_subareas": len(result.left_out),
        },
    )
    if as_json:
        _print_json(result.to_dict())
    else:
        from mdsa.output_aggregate import print_aggregate

        print_aggregate(result)


@app.command(rich_help_panel=PICTURE)
def packets(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """A packet per working session: a PDF to print and a worksheet (XLSX) to fill in.

    One session per text category (split by subarea above 150 households, or as planned in
    sessions.yaml), with the guiding questions, the working principles, the aggregate's charts
    and every anonymised text block with its id. Reads only data/; writes output/packets/.
    """
    from mdsa.phases.packets import packets as run_packets
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    result = run_packets(loaded)
    audit.note(
        loaded.root,
        reads=[loaded.root / "data"],
        writes=[loaded.root / f for f in result.files],
        settings={"min_group_size": result.min_group_size, "split_above": result.split_above},
        counts={"sessions": len(result.sessions), "blocks": sum(s.blocks for s in result.sessions)},
    )
    if as_json:
        _print_json(result.to_dict())
    else:
        from mdsa.output_sessions import print_packets

        print_packets(result)


@app.command(rich_help_panel=PICTURE)
def themes(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """What the working sessions found: themes, conditions, quotes and the top 5s.

    Reads the filled-in worksheets in sessions/ and the top 5s of sessions.yaml, checks them
    against data/, and writes output/themes.xlsx. Counts below min_group_size show as < N.
    """
    from mdsa.phases.themes import themes as run_themes
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    result = run_themes(loaded)
    audit.note(
        loaded.root,
        reads=[loaded.root / "data", loaded.root / "sessions"],
        writes=[loaded.root / f for f in result.files],
        settings={"min_group_size": result.min_group_size},
        counts={"themes": len(result.rows), "worksheets": len(result.worksheets)},
    )
    if as_json:
        _print_json(result.to_dict())
    else:
        from mdsa.output_sessions import print_themes

        print_themes(result)


quotes_app = typer.Typer(
    help="Quotes for the report and the poster: marked by the team, approved by you.",
    no_args_is_help=True,
)
app.add_typer(quotes_app, name="quotes", rich_help_panel=PICTURE)


@quotes_app.command("list")
def quotes_list(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Every quote marked in a worksheet or in quotes.yaml: approved, waiting or refused."""
    from mdsa.phases.quotes import collect_quotes
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    result = collect_quotes(loaded)
    if as_json:
        _print_json(result.to_dict())
    else:
        from mdsa.output_sessions import print_quotes

        print_quotes(result)


@quotes_app.command("approve")
def quotes_approve(
    block: Annotated[str, typer.Argument(help="The block id of the quote (e.g. PB-KXTRMBQZ).")],
    project: ProjectDir = None,
    as_json: JsonFlag = False,
) -> None:
    """Approve a marked quote for the report and the poster; the date goes into quotes.yaml.

    Refused when the quote names a street of the project, or an age or a household situation
    in a small subarea: shorten it with [...] first.
    """
    from mdsa.phases.quotes import QUOTES_FILE, approve
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    candidate = approve(loaded, block.strip())
    audit.note(loaded.root, reads=[loaded.root / "data"], writes=[loaded.root / QUOTES_FILE])
    if as_json:
        _print_json(candidate.to_dict())
    else:
        typer.echo(f"approved the quote of block {candidate.block} ({candidate.approved})")


def _published(command: str, project: Path | None, as_json: bool) -> None:
    """mdsa report and mdsa poster: one library call, the same audit and output."""
    from mdsa.phases import publication
    from mdsa.phases.quotes import QUOTES_FILE
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    root = loaded.root
    write = publication.write_report if command == "report" else publication.write_poster
    result = write(loaded)
    audit.note(
        root,
        reads=[root / "data", root / "output" / "aggregate.json", root / "sessions"],
        writes=[root / f for f in result.files],
        settings={"min_group_size": loaded.config.min_group_size if loaded.config else None},
        counts={"themes": result.themes, "quotes": result.quotes},
    )
    if as_json:
        _print_json(result.to_dict())
        return
    typer.echo(f"{result.themes} theme(s), {result.quotes} approved quote(s)")
    if result.waiting:
        typer.echo(
            f"{result.waiting} marked quote(s) not approved, so not shown: mdsa quotes list "
            f"(approval goes into {QUOTES_FILE})"
        )
    for path in result.files:
        typer.echo(f"wrote {path}")


@app.command(rich_help_panel=PICTURE)
def report(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The report (verslag) for partners: response, charts, themes, quotes and top 5s.

    Writes output/verslag.pdf, .html and .docx from the aggregate, the themes and the approved
    quotes, checked by the scan before they are published.
    """
    _published("report", project, as_json)


@app.command(rich_help_panel=PICTURE)
def poster(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The poster (praatplaat) for residents: one A3 page inviting them to talk.

    Writes output/praatplaat.pdf and .png: the top 5s, a few figures and approved quotes, and
    the meeting of communication.yaml's conversation:, checked by the scan first.
    """
    _published("poster", project, as_json)


@app.command(rich_help_panel=EVALUATION)
def evaluate(
    project: ProjectDir = None,
    year: Annotated[
        int | None, typer.Option("--year", help="The year of the summary (default: the latest).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Which phases have no interim evaluation yet (evaluations.yaml), and the year's summary.

    Writes output/evaluaties-YEAR.pdf, .html and .docx, checked by the scan before they are
    published.
    """
    from mdsa.phases.evaluation import EVALUATIONS_FILE, write_summary
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    root = loaded.root
    audit.note(root, reads=[root / EVALUATIONS_FILE, root / "mdsa.yaml"])
    result = write_summary(loaded, year=year)
    audit.note(root, writes=[root / f for f in result.files])
    if as_json:
        _print_json(result.to_dict())
        return
    words = {"evaluated": "evaluated", "missing": "NO interim evaluation", "not_due": "not due yet"}
    for phase in result.phases:
        typer.echo(f"{phase.title}: {words[phase.state]}")
    if not result.evaluations:
        typer.echo(f"no evaluations in {EVALUATIONS_FILE} yet, so no summary was made")
    for path in result.files:
        typer.echo(f"wrote {path}")


@app.command(rich_help_panel=EVALUATION)
def ripples(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The ripple map of ripples.yaml: direct, indirect and lasting effects, linked.

    Writes output/rimpelingen.svg, .png and .pdf (the radial map) and .html (map and table),
    checked by the scan before they are published.
    """
    from mdsa.phases.evaluation import RIPPLES_FILE, write_ripples
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    root = loaded.root
    audit.note(root, reads=[root / RIPPLES_FILE])
    result = write_ripples(loaded)
    audit.note(root, writes=[root / f for f in result.files], counts={"ripples": result.ripples})
    if as_json:
        _print_json(result.to_dict())
        return
    levels = ", ".join(f"{n} {level}" for level, n in result.per_level.items())
    typer.echo(f"{result.ripples} ripple(s) ({levels}), {result.links} link(s)")
    for path in result.files:
        typer.echo(f"wrote {path}")


@app.command(rich_help_panel=EVALUATION)
def msc(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The Most Significant Change stories of msc.yaml that a round selected, side by side by
    perspective, with the reasons; every text scrubbed.

    Writes output/verhalen.pdf and .html, checked by the scan before they are published.
    """
    from mdsa.phases.evaluation import MSC_FILE, write_msc

    root = _private_project(project)  # the scrubber reads the residents' names in private/
    from mdsa.project.folder import load_project

    loaded, _ = load_project(root)
    audit.note(root, reads=[root / MSC_FILE])
    result = write_msc(loaded)
    audit.note(root, writes=[root / f for f in result.files], counts={"stories": result.stories})
    if as_json:
        _print_json(result.to_dict())
        return
    typer.echo(
        f"{result.stories} story(ies), {result.selected} selected; the scrubber changed "
        f"{result.scrubbed} of them"
    )
    for path in result.files:
        typer.echo(f"wrote {path}")


@app.command("msc-import", rich_help_panel=EVALUATION)
def msc_import(
    source: Annotated[Path, typer.Argument(help="A CSV of stories (see the README).")],
    project: ProjectOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Add Most Significant Change stories from a CSV to msc.yaml, scrubbed on the way in.

    A teller must be a role, never a name. Importing the same CSV again adds nothing twice.
    """
    from mdsa.phases.evaluation import MSC_FILE
    from mdsa.phases.evaluation_stories import import_stories
    from mdsa.project.folder import load_project

    root = _private_project(project)  # the scrubber reads the residents' names in private/
    loaded, _ = load_project(root)
    audit.note(root, reads=[source])
    result = import_stories(loaded, source)
    audit.note(
        root, writes=[root / MSC_FILE] if result.added else [], counts={"stories": result.added}
    )
    if as_json:
        _print_json(result.to_dict())
        return
    typer.echo(
        f"{result.added} story(ies) added to {MSC_FILE} ({result.scrubbed} changed by the "
        f"scrubber); {result.already} already there"
    )
    if result.added:
        typer.echo(f"select them in a round under rounds: in {MSC_FILE}, then run mdsa msc")


@app.command("evaluation-report", rich_help_panel=EVALUATION)
def evaluation_report(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The final evaluation: for partners (PDF, DOCX) and for residents (PDF), by the
    perspectives of residents, the neighbourhood and professionals, with the project's figures.

    A part whose file is missing is named in the documents; only counts of at least
    min_group_size. Scanned before it is published in output/.
    """
    from mdsa.phases.evaluation_report import MISSING, write_final_report

    root = _private_project(project)  # the action list and the scrubber's names are in private/
    from mdsa.project.folder import load_project

    loaded, _ = load_project(root)
    audit.note(root, reads=[root / MISSING[key][0] for key in MISSING])
    result = write_final_report(loaded)
    audit.note(
        root,
        writes=[root / f for f in result.files],
        settings={"min_group_size": result.min_group_size},
        counts={"stories": sum(len(c["stories"]) for c in result.stories or [])},
    )
    if as_json:
        _print_json(result.to_dict())
        return
    for key in result.missing:
        name, text = MISSING[key]
        typer.echo(f"not in the report ({name}): {text}")
    for path in result.files:
        typer.echo(f"wrote {path}")


rounds_app = typer.Typer(
    help="Rounds of the neighbourhood-values cards (wijkwaardenkaart), compared.",
    no_args_is_help=True,
)
app.add_typer(rounds_app, name="rounds", rich_help_panel=EVALUATION)


@rounds_app.command("compare")
def rounds_compare(
    project: ProjectDir = None,
    first: Annotated[
        str | None, typer.Option("--first", help="The earlier round (default: the first).")
    ] = None,
    second: Annotated[
        str | None, typer.Option("--second", help="The later round (default: the last).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Two rounds of rounds.yaml compared: per value the share who chose it, the change and
    Fisher's exact test; small groups not shown.

    With baseline: in rounds.yaml, the home visits' scale questions against a later round too.
    Writes output/rondes-vergelijking.html and .pdf and the charts, checked by the scan.
    """
    from mdsa.phases.evaluation_rounds import ROUNDS_FILE, write_comparison
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    root = loaded.root
    audit.note(root, reads=[root / ROUNDS_FILE])
    result = write_comparison(loaded, first, second)
    audit.note(
        root,
        writes=[root / f for f in result.files],
        settings={"min_group_size": result.min_group_size},
    )
    if as_json:
        _print_json(result.to_dict())
        return
    from mdsa.documents.numbers import dutch_number, dutch_percent

    for shown in (result, result.baseline):
        if shown is None:
            continue
        typer.echo(f"{shown.first} -> {shown.second}")
        for value in shown.values:
            if value.withheld:
                typer.echo(f"  {value.label}: not shown (fewer than {shown.min_group_size})")
                continue
            for cell in value.cells:
                typer.echo(
                    f"  {value.label} / {cell.group}: {dutch_percent(cell.share1, 0)} -> "
                    f"{dutch_percent(cell.share2, 0)} (p = {dutch_number(cell.p_value, 3)}, "
                    f"{cell.verdict})"
                )
        typer.echo(shown.caveat)
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    for path in result.files:
        typer.echo(f"wrote {path}")


@rounds_app.command("import")
def rounds_import(
    export: Annotated[
        Path, typer.Argument(help="The export: Forms zip or CSV, the sheet's CSV or .xlsx.")
    ],
    name: Annotated[str, typer.Option("--round", help="The round's name, as in rounds.yaml.")],
    project: ProjectOption = None,
    as_json: JsonFlag = False,
) -> None:
    """A round of the values cards from a Google Forms export, into the round's CSV.

    Keeps only the subarea and the values chosen (form: in rounds.yaml names the questions);
    never a name, an e-mail or a time stamp. The export itself is not changed.
    """
    from mdsa.phases.evaluation_import import import_round
    from mdsa.phases.evaluation_rounds import ROUNDS_FILE
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    root = loaded.root
    audit.note(root, reads=[export, root / ROUNDS_FILE])
    result = import_round(loaded, export, name)
    audit.note(root, writes=[root / result.file], counts={"participants": result.participants})
    if as_json:
        _print_json(result.to_dict())
        return
    from mdsa.output import print_issue

    for issue in result.issues:
        print_issue(issue, hint=True)
    typer.echo(f"{result.participants} participant(s) in round '{result.round}'")
    typer.echo(f"wrote {result.file}")
    if not result.listed:
        typer.echo(
            f"add it to {ROUNDS_FILE} under rounds:\n  - name: {result.round}\n"
            f"    file: {result.file}"
        )


@app.command(rich_help_panel=CONNECTING)
def plan(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Check actionplan.yaml against the themes of phase 3 and the renovation; write the tracker.

    Warns about activities that answer no theme, top-5 concerns without an activity and
    activities planned in a block's renovation weeks (renovation.yaml). Exit 1 on errors.
    """
    from mdsa.output import print_report
    from mdsa.phases.connecting import make_plan, themes_of
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    findings = themes_of(loaded)
    result = make_plan(loaded, findings)
    if as_json:
        _print_json(result.to_dict())
    else:
        if findings is None:
            typer.echo("no themes from phase 3 yet: the theme checks are skipped", err=True)
        print_report(result.check.report, loaded.root)
        typer.echo(f"{result.activities} activities in the plan")
        for theme in result.check.unanswered_concerns:
            typer.echo(f"top-5 concern without an activity: {theme}")
        for path in result.files:
            typer.echo(f"wrote {path}")
    if not result.check.report.ok:
        raise typer.Exit(1)


@app.command(rich_help_panel=CONNECTING)
def match(
    project: ProjectDir = None,
    per_resident: Annotated[
        int, typer.Option(min=0, help="Keep each resident's N best matches (0: every match).")
    ] = 3,
    as_json: JsonFlag = False,
) -> None:
    """Propose matches of talents and wishes between residents who agreed to take part.

    Only households that answered yes to joining activities; the list with names stays in
    private/matches.xlsx, each resident's best matches first. output/matches-summary.json
    counts matches per topic (small counts left out).
    """
    from mdsa.phases.matching import match as run_match
    from mdsa.project.folder import load_project

    loaded, _ = load_project(_private_project(project))
    result = run_match(loaded, per_resident=per_resident)
    audit.note(
        loaded.root,
        reads=[loaded.private_dir / "registrations.jsonl"],
        writes=result.files,
        settings={"min_group_size": result.min_group_size, "per_resident": per_resident},
        counts={"consenting": result.consenting, "matches": len(result.matches)},
    )
    if as_json:
        _print_json(result.to_dict())
        return
    capped = len(result.matches) < result.found
    typer.echo(
        f"{result.consenting} residents agreed to take part ({result.declined} households did "
        f"not): {len(result.matches)} matches proposed"
        + (f" (each resident's {per_resident} best of {result.found} found)" if capped else "")
    )
    for topic, count in result.summary.items():
        typer.echo(f"  {topic}: {count}")
    for path in result.files:
        typer.echo(f"wrote {path}")


@app.command(rich_help_panel=CONNECTING)
def timeline(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The planning of the five phases and the renovation per block as a chart (PNG and SVG).

    From the phase planning in mdsa.yaml and renovation.yaml; writes output/planning.png/.svg.
    """
    from mdsa.output import print_report
    from mdsa.phases.connecting import timeline as draw_timeline
    from mdsa.project.folder import find_project, load_project
    from mdsa.report import Report

    loaded, _ = load_project(find_project(project))
    report = Report()
    result = draw_timeline(loaded, report)
    if as_json:
        _print_json({**report.to_dict(), **result.to_dict()})
    else:
        if report.issues:
            print_report(report, loaded.root)
        typer.echo(f"{result.phases} phases and {result.blocks} renovation blocks")
        for path in result.files:
            typer.echo(f"wrote {path}")
    if not report.ok:
        raise typer.Exit(1)


@app.command(rich_help_panel=CONNECTING)
def places(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The meaningful places of actionplan.yaml, what they mean and which activities use them.

    Writes output/plekken.xlsx. Exit 1 on errors in the plan.
    """
    from rich.markup import escape
    from rich.table import Table

    from mdsa.output import out, print_report
    from mdsa.phases.connecting import places as list_places
    from mdsa.project.folder import find_project, load_project

    loaded, _ = load_project(find_project(project))
    result = list_places(loaded)
    if as_json:
        _print_json(result.to_dict())
    else:
        if result.report.issues:
            print_report(result.report, loaded.root)
        table = Table("Plek", "Soort", "Betekenis", "Activiteiten")
        for place in result.places:
            used = ", ".join(place.activities) or "(nog geen)"
            table.add_row(*(escape(t) for t in (place.name, place.kind, place.meaning, used)))
        out.print(table)
        for path in result.files:
            typer.echo(f"wrote {path}")
    if not result.report.ok:
        raise typer.Exit(1)


@app.command(rich_help_panel=PRIVACY)
def anonymise(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Write the shareable data set from private/ to data/: CSV, xlsx and a codebook.

    The new data set is scanned before it reaches data/: on a finding data/ is left as it was.
    """
    from mdsa.output import print_anonymise, progress_bar
    from mdsa.privacy.gate import anonymise_and_publish
    from mdsa.privacy.retention import require_not_purged
    from mdsa.project.folder import HOUSEHOLDS_FILE, REGISTRATIONS_FILE, load_project

    loaded, _ = load_project(_private_project(project))
    require_not_purged(loaded.root)
    audit.note(
        loaded.root,
        reads=[loaded.root / REGISTRATIONS_FILE, loaded.root / HOUSEHOLDS_FILE],
        settings={"min_group_size": loaded.config.min_group_size if loaded.config else None},
    )
    with progress_bar("scrubbing notes") as advance:
        published = anonymise_and_publish(loaded, progress=advance)  # the privacy gate
    result, scan = published.anonymised, published.scan
    audit.note(
        loaded.root,
        writes=[loaded.root / f for f in result.files],
        counts={
            "visits": result.visits,
            "text_blocks": result.text_blocks,
            "generalised": result.generalised,
            "replacements": sum(result.replacements.values()),
            **{f"replaced.{kind}": n for kind, n in result.replacements.items()},
            "scan_files": len(scan.files),
            "scan_findings": len(scan.findings),
        },
    )
    if as_json:
        _print_json(published.to_dict())
    else:
        print_anonymise(result, scan)
    if not published.ok:
        raise typer.Exit(1)


@app.command(rich_help_panel=PRIVACY)
def scan(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Check every file outside private/ for identifiers. Exit 1 on a finding."""
    from mdsa.output import print_scan
    from mdsa.privacy.scan import scan_project
    from mdsa.project.folder import HOUSEHOLDS_FILE, REGISTRATIONS_FILE, load_project

    loaded, _ = load_project(_private_project(project))
    result = scan_project(loaded)
    audit.note(
        loaded.root,
        reads=[loaded.root / REGISTRATIONS_FILE, loaded.root / HOUSEHOLDS_FILE],
        counts={"files": len(result.files), "findings": len(result.findings)},
    )
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
    from mdsa.project.folder import HOUSEHOLDS_FILE, REGISTRATIONS_FILE
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
        from mdsa.privacy.vault import require_unlocked
        from mdsa.project.folder import HOUSEHOLDS_FILE, REGISTRATIONS_FILE

        require_unlocked(root)  # never scrub without the project's own names

        loaded, _ = load_project(root)
        scrubber = make_scrubber(loaded, load_registrations(root / REGISTRATIONS_FILE))
        audit.note(root, reads=[root / REGISTRATIONS_FILE, root / HOUSEHOLDS_FILE])
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


@app.command("audit", rich_help_panel=PRIVACY)
def audit_(project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """The audit log: every command that read private/ or wrote shared output.

    When, which command and version, file hashes, settings and counts; never a personal value.
    Exit 1 when a line was changed after it was written.
    """
    from mdsa.output_privacy import print_audit

    log = audit.read_log(_private_project(project))
    if as_json:
        _print_json(log.to_dict())
    else:
        print_audit(log)
    if not log.intact:
        raise typer.Exit(1)


AddressArg = Annotated[
    str,
    typer.Argument(
        help='The address as in the address list, quoted: "Perronstraat 8". Never printed.',
        show_default=False,
    ),
]


@app.command(rich_help_panel=PRIVACY)
def erase(address: AddressArg, project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """Erase a household from every file (right to erasure) and derive data/ again.

    The address list, the registrations and the raw exports in private/raw/ are rewritten
    without it; its resident's name, phone and e-mail go from other visits' texts. A later
    import of an old export skips it. The erasure register keeps a keyed pseudonym, never the
    address.
    """
    from mdsa.output_privacy import print_erase
    from mdsa.privacy.erasure import REGISTER_FILE
    from mdsa.privacy.erasure import erase as run_erase
    from mdsa.privacy.scan import scan_project
    from mdsa.project.folder import load_project

    root = _private_project(project)
    loaded, _ = load_project(root)
    before = [root / "private", root / "data", root / "output"]
    audit.note(root, reads=[p for p in before if p.exists()])
    result = run_erase(loaded, address)
    loaded, _ = load_project(root)
    scan = scan_project(loaded)
    result.scan_findings = len(scan.findings)
    audit.note(
        root,
        writes=[root / REGISTER_FILE, *(p for p in before if p.exists())],
        counts={**result.counts(), "scan_findings": len(scan.findings)},
    )
    if as_json:
        _print_json(result.to_dict())
    else:
        print_erase(result)
    if scan.findings or result.leftovers:
        raise typer.Exit(1)


@app.command(rich_help_panel=PRIVACY)
def access(address: AddressArg, project: ProjectDir = None, as_json: JsonFlag = False) -> None:
    """A resident's own report (right of access): their registration and actions, in Dutch.

    A print-ready letter (PDF) written inside private/inzage/ (it holds the address), named by
    a pseudonym; give it to the resident in person or by a safe channel.
    """
    from mdsa.privacy.access import access_report
    from mdsa.project.folder import HOUSEHOLDS_FILE, REGISTRATIONS_FILE, load_project

    root = _private_project(project)
    loaded, _ = load_project(root)
    audit.note(root, reads=[root / HOUSEHOLDS_FILE, root / REGISTRATIONS_FILE])
    result = access_report(loaded, address)
    audit.note(root, writes=[root / result.path], counts={"visits": result.visits})
    if as_json:
        _print_json(result.to_dict())
    else:
        typer.echo(f"wrote {result.path}: {result.visits} visit(s)")
        typer.echo("next: give it to the resident in person; it stays in private/", err=True)


@app.command(rich_help_panel=PRIVACY)
def purge(
    project: ProjectDir = None,
    force: Annotated[
        bool, typer.Option("--force", help="Purge before the retention date (or without one).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """After the retention period of privacy.yaml: delete the identifiable data in private/.

    Raw exports, registrations, the address list, the review file and the pseudonymisation
    key go; the anonymised data set in data/, the audit log and the erasure register stay.
    Refused before the retention date unless --force.
    """
    from mdsa.output_privacy import print_purge
    from mdsa.privacy.retention import purge as run_purge
    from mdsa.project.folder import load_project

    root = _private_project(project)
    loaded, _ = load_project(root)
    audit.note(root, reads=[root / "private"])
    result = run_purge(loaded, force=force)
    audit.note(
        root,
        writes=[root / "private"],
        settings={
            "force": force,
            "retention_until": str(result.retention_until) if result.retention_until else None,
        },
        counts={"files_removed": result.files},
    )
    if as_json:
        _print_json(result.to_dict())
    else:
        print_purge(result)


def _passphrase(*, confirm: bool) -> str:
    """The passphrase from MDSA_PASSPHRASE, else asked (twice when it is new)."""
    import os

    from mdsa.privacy.vault import PASSPHRASE_ENV

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    answer: str = typer.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm)
    return answer


@app.command(rich_help_panel=PRIVACY)
def lock(project: ProjectDir = None) -> None:
    """Encrypt private/ into private.locked with a passphrase, then remove the plain files.

    For project folders on shared drives. The passphrase comes from MDSA_PASSPHRASE or is
    asked; without it nobody, mdsa included, can read private/ again. AES-256-GCM, scrypt key.
    """
    from mdsa.privacy.vault import lock as run_lock
    from mdsa.project.folder import find_project

    root = find_project(project)
    result = run_lock(root, _passphrase(confirm=True))
    typer.echo(f"locked {result.files} file(s) of private/ into {result.archive}")
    typer.echo(f"next: keep the passphrase safe; to work again: mdsa unlock {root}", err=True)


@app.command(rich_help_panel=PRIVACY)
def unlock(project: ProjectDir = None) -> None:
    """Decrypt private.locked back into private/. A wrong passphrase changes nothing."""
    from mdsa.privacy.vault import unlock as run_unlock
    from mdsa.project.folder import find_project

    root = find_project(project)
    files = run_unlock(root, _passphrase(confirm=False))
    typer.echo(f"unlocked {files} file(s) into private/")
    typer.echo(f"lock it again when you are done: mdsa lock {root}", err=True)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="mdsa")


if __name__ == "__main__":  # pragma: no cover
    main()
