"""How the privacy commands look in a terminal: the audit log, lock, erase, purge, access."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape

from mdsa.output import out

if TYPE_CHECKING:
    from mdsa.privacy.audit import AuditLog
    from mdsa.privacy.erasure import EraseResult
    from mdsa.privacy.retention import PrivacyState, PurgeResult


def _counts(counts: dict[str, Any]) -> str:
    return ", ".join(f"{key} {value}" for key, value in counts.items())


def print_audit(log: AuditLog) -> None:
    for entry in log.entries:
        outcome = entry.get("outcome", "")
        colour = "green" if outcome == "ok" else "yellow"
        line = (
            f"{escape(str(entry.get('when', '')))}  [bold]{escape(str(entry.get('command')))}[/]"
            f"  [{colour}]{escape(str(outcome))}[/]"
        )
        files = len(entry.get("reads", {})) + len(entry.get("writes", {}))
        line += f"  {files} file(s)"
        if entry.get("counts"):
            line += f"  {escape(_counts(entry['counts']))}"
        out.print(line)
    total = len(log.entries)
    if log.intact:
        out.print(f"[green]✔[/] {total} entr{'y' if total == 1 else 'ies'}; every line unchanged")
    else:
        out.print(
            f"[bold red]the audit log was changed after it was written[/]: line "
            f"{log.broken_at} does not follow the line before it"
        )


def print_erase(result: EraseResult) -> None:
    out.print(
        f"[bold]Erased one household[/]: {result.visits} visit(s), "
        f"{result.households_rows} row(s) of the address list, {result.raw_rows} row(s) in "
        f"{len(result.raw_files)} raw export(s); its name, phone and e-mail removed from "
        f"{result.redacted_visits} other visit(s)"
    )
    for rewrite in result.raw_files:
        out.print(f"  rewrote {escape(rewrite.name)} ({rewrite.rows} row(s) removed)")
    charts = [p for p in result.rederived if p.startswith("output/charts/")]
    for path in result.rederived:
        if path not in charts:
            out.print(f"  derived again {escape(path)}")
    if charts:  # the aggregate's charts, PNG and SVG of each question: one line
        out.print(f"  derived again {len(charts)} charts in output/charts/")
    out.print(
        f"  {result.erasures} erasure(s) in private/erasures.csv (a pseudonym, not the address)"
    )
    for name in result.leftovers:
        out.print(
            f"[red]still holds the household[/] {escape(name)}: made before the erasure; "
            "delete it or make it again"
        )
    if result.scan_findings:
        out.print(f"[bold red]scan: {result.scan_findings} finding(s)[/]: run mdsa scan")
    elif result.scan_findings == 0:
        out.print("[green]✔[/] scan: no identifiers outside private/")


def print_privacy(state: PrivacyState) -> None:
    out.print("[bold]Privacy[/]")
    for fact in state.facts():
        out.print(f"  • {escape(fact)}")
    for warning in state.warnings():
        out.print(f"  [yellow]warning:[/] {escape(warning)}")


def print_purge(result: PurgeResult) -> None:
    until = result.retention_until
    why = (
        "before the retention date, as asked (--force)"
        if result.forced
        else (f"the retention period ended on {until:%d-%m-%Y}" if until else "as asked (--force)")
    )
    out.print(f"[bold]Purged the identifiable data[/] ({why}): {result.files} file(s)")
    for name in result.removed:
        out.print(f"  removed {escape(name)}")
    for name in result.kept:
        out.print(f"  kept {escape(name)}")
    out.print("  kept data/: the anonymised data set")
