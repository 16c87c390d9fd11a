"""How the privacy commands look in a terminal: the audit log, lock, erase, purge, access."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape

from mdsa.output import out

if TYPE_CHECKING:
    from mdsa.privacy.audit import AuditLog


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
