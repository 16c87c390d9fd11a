"""How results look in a terminal: reports, checklists and status, rendered with rich."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from mdsa.codes import CODES
from mdsa.errors import MdsaError, ReportError
from mdsa.report import Issue, Report

if TYPE_CHECKING:
    from mdsa.phases.overview import ProjectStatus
    from mdsa.phases.preparation import Readiness
    from mdsa.phases.visits import ImportResult, LettersResult, UndoResult
    from mdsa.privacy.anonymise import AnonymiseResult
    from mdsa.privacy.scan import ScanResult

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

MARK = {True: "[green]✔[/]", False: "[red]✘[/]"}
STATE = {
    "done": "[green]done[/]",
    "in_progress": "[yellow]in progress[/]",
    "not_started": "[dim]not started[/]",
}


def print_error(error: MdsaError) -> None:
    location = f"{escape(error.location)}: " if error.location else ""
    err.print(f"[bold red]error:[/] {location}{escape(error.message)}{_code(error.code)}")
    if error.hint:
        err.print(f"  hint: {escape(error.hint)}")
    if isinstance(error, ReportError):
        for issue in error.report.sorted():
            err.print(
                f"  {issue.severity} {escape(issue.location)}: {escape(issue.message)}"
                + _code(issue.code)
            )
            if issue.hint:
                err.print(f"      hint: {escape(issue.hint)}")


def _code(code: str) -> str:
    """`` [code]`` after a problem's line, for a code of the README's "Problem codes"."""
    return f" [dim]\\[{code}][/]" if code in CODES else ""


def print_issue(issue: Issue, *, hint: bool) -> None:
    colour = "red" if issue.severity == "error" else "yellow"
    out.print(
        f"[{colour}]{issue.severity}[/] {escape(issue.location)}: {escape(issue.message)} "
        f"[dim]\\[{issue.code}][/]"
    )
    if hint and issue.hint:
        out.print(f"    hint: {escape(issue.hint)}")


def print_report(report: Report, root: Path) -> None:
    for issue in report.sorted():
        print_issue(issue, hint=True)
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"{errors} error(s), {warnings} warning(s) in {escape(str(root))}"
    out.print(f"[bold red]{summary}[/]" if errors else f"[green]✔[/] {summary}")


def print_readiness(readiness: Readiness, name: str) -> None:
    out.print(f"[bold]Readiness of {escape(name)}[/] (phase 1, Voorbereiding)")
    for item in readiness.items:
        out.print(f" {MARK[item.ok]} {escape(item.label)}: {escape(item.detail)}")
        if item.next_step:
            out.print(f"     next: {escape(item.next_step)}")
    total = len(readiness.items)
    if readiness.ready:
        out.print(f"[green]Ready for the home visits[/] ({total} of {total})")
    else:
        out.print(f"[bold]Not ready yet[/]: {readiness.done} of {total} in place")


def print_status(status: ProjectStatus) -> None:
    out.print(f"[bold]{escape(status.name)}[/]")
    if status.errors:
        out.print(f"[red]{status.errors} error(s) in the project files: run mdsa validate[/]")
    for phase in status.phases:
        out.print(f"\n[bold]{phase.title}[/]  {STATE[phase.state]}")
        for fact in phase.facts:
            out.print(f"  • {escape(fact)}")
    if status.privacy:
        from mdsa.output_privacy import print_privacy

        out.print()
        print_privacy(status.privacy)
    if status.next_step:
        out.print(f"\n[bold]Next:[/] {escape(status.next_step)}")


def print_import(result: ImportResult) -> None:
    report = result.report
    for issue in report.sorted():
        print_issue(issue, hint=False)
    out.print(
        f"[bold]{escape(result.export)}[/] ({result.kind}): {result.rows} rows, "
        f"{result.imported} new visits, {result.superseded} superseded, "
        f"{result.incomplete} incomplete, {result.unchanged} already imported, "
        f"{result.blank} blank rows skipped"
        + (
            f", {result.not_stored} rows not stored (no address or visit date)"
            if result.not_stored
            else ""
        )
    )
    errors, warnings = len(report.errors), len(report.warnings)
    out.print(f"{errors} error(s), {warnings} warning(s)")
    if result.dry_run:
        out.print("[bold]dry run:[/] nothing was written")
    else:
        out.print(f"{result.total} visits in private/registrations.jsonl")


def print_undo(result: UndoResult) -> None:
    verb = "would remove" if result.dry_run else "removed"
    out.print(
        f"{verb} {result.removed} visit(s) that only [bold]{escape(result.export)}[/] brought"
        + (f"; kept {result.kept} that another export brought too" if result.kept else "")
    )
    for copy in result.raw_copies:
        out.print(f"  {verb} its copy {escape(copy)}")
    if result.dry_run:
        out.print("[bold]dry run:[/] nothing was written")
    else:
        out.print(f"{result.total} visits in private/registrations.jsonl")


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr; yields ``advance(done, total)``."""
    from rich.progress import Progress

    with Progress(console=err, transient=True) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance


def print_anonymise(result: AnonymiseResult, scan: ScanResult) -> None:
    out.print(f"[bold]Anonymised {result.visits} visits[/] and {result.text_blocks} text blocks")
    for path in result.files:
        out.print(f"  wrote {escape(path)}")
    if result.generalised:
        out.print(
            f"  {result.generalised} visit(s) had the visit period, age group, household type or "
            "years in the neighbourhood coarsened or withheld, so that no combination is rarer "
            "than min_group_size"
        )
    if result.replacements:
        total = sum(result.replacements.values())
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(result.replacements.items()))
        out.print(f"  replaced {total} identifier(s): {kinds}")
        for category, counts in sorted(result.replacements_by_category.items()):
            if counts:
                detail = ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
                out.print(f"    {escape(category)}: {detail}")
        out.print("  check them in private/review/scrub-review.csv")
    print_scan(scan)


def print_scan(result: ScanResult) -> None:
    for finding in result.findings:
        masked = f" ({escape(finding.masked)})" if finding.masked else ""
        out.print(
            f"[red]finding[/] {escape(finding.file)}: {escape(finding.location)}: "
            f"{escape(finding.kind)}{masked}"
        )
    if result.clean:
        out.print(
            f"[green]✔[/] scan: no identifiers in {len(result.files)} file(s) outside private/"
        )
    else:
        out.print(
            f"[bold red]scan: {len(result.findings)} finding(s)[/] outside private/; "
            "remove or correct them before sharing anything"
        )


def print_letters(result: LettersResult) -> None:
    for issue in result.report.sorted():
        print_issue(issue, hint=False)
    if result.pdf:
        out.print(
            f"wrote {escape(str(result.pdf))}: {result.pages} page(s) for "
            f"{result.households} household(s)"
        )
    if result.docx_dir:
        out.print(f"wrote {result.docx_files} letter(s) as DOCX in {escape(str(result.docx_dir))}")
    if result.households and (result.pdf or result.docx_dir):
        out.print(
            "[dim]the letters hold addresses: keep them in private/, delete them after sending[/]"
        )
