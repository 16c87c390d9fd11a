"""``mdsa validate``: every file of the project on its own, then the links between them."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

from mdsa.project.addresses import SubareaIndex
from mdsa.project.folder import (
    COMMUNICATION_FILE,
    HOUSEHOLDS_FILE,
    PARTNERS_FILE,
    PRIVACY_FILE,
    PROJECT_FILE,
    TEAM_FILE,
    Project,
    load_project,
)
from mdsa.project.models import PHASES, ROLES
from mdsa.report import Report


def validate_project(root: Path) -> tuple[Project, Report]:
    """Load the project and run every cross-file check; the report holds all problems."""
    project, report = load_project(root)
    _check_team(project, report)
    _check_partners(project, report)
    _check_phases(project, report)
    _check_subareas(project, report)
    _check_households(project, report)
    _check_privacy(project, report)
    _check_communication(project, report)
    _check_private_is_ignored(project, report)
    _check_forms(project, report)
    _check_actions(project, report)
    _check_plan(project, report)
    return project, report


def _line(project: Project, name: str, *loc: str | int) -> int | None:
    document = project.documents.get(name)
    return document.line_of(loc) if document else None


def _suggest(word: str, options: list[str]) -> str | None:
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f"did you mean '{found[0]}'?" if found else None


def _check_team(project: Project, report: Report) -> None:
    if project.team is None or project.partners is None:
        return
    organisations = project.organisation_names()
    for index, member in enumerate(project.team.members):
        if member.organisation not in organisations:
            known = ", ".join(organisations) or "none yet"
            report.error(
                "unknown-organisation",
                f"member {index + 1} works for '{member.organisation}', "
                f"which is not in {PARTNERS_FILE}",
                file=TEAM_FILE,
                line=_line(project, TEAM_FILE, "members", index, "organisation"),
                hint=_suggest(member.organisation, organisations)
                or f"add it to {PARTNERS_FILE} (known: {known})",
            )
    seen: dict[str, int] = {}
    for index, member in enumerate(project.team.members):
        if member.name in seen:
            report.warning(
                "duplicate-member",
                f"member {index + 1} has the same name as member {seen[member.name] + 1}",
                file=TEAM_FILE,
                line=_line(project, TEAM_FILE, "members", index),
            )
        seen.setdefault(member.name, index)


def _check_partners(project: Project, report: Report) -> None:
    if project.partners is None:
        return
    seen: set[str] = set()
    for index, partner in enumerate(project.partners.organisations):
        if partner.name in seen:
            report.error(
                "duplicate-organisation",
                f"organisation '{partner.name}' is listed twice",
                file=PARTNERS_FILE,
                line=_line(project, PARTNERS_FILE, "organisations", index),
            )
        seen.add(partner.name)


def _check_phases(project: Project, report: Report) -> None:
    if project.config is None:
        return
    phases = project.config.phases
    previous: tuple[str, date] | None = None
    for name in PHASES:
        dates = getattr(phases, name)
        if dates.start and dates.end and dates.end < dates.start:
            report.error(
                "dates-out-of-order",
                f"phase '{name}' ends before it starts",
                file=PROJECT_FILE,
                line=_line(project, PROJECT_FILE, "phases", name, "end"),
            )
        if dates.start and previous and dates.start < previous[1]:
            report.error(
                "dates-out-of-order",
                f"phase '{name}' starts before phase '{previous[0]}'",
                file=PROJECT_FILE,
                line=_line(project, PROJECT_FILE, "phases", name, "start"),
                hint="the five phases start in order: " + ", ".join(PHASES),
            )
        if dates.start:
            previous = (name, dates.start)


def _check_subareas(project: Project, report: Report) -> None:
    if project.config is None:
        return
    subareas = project.config.subareas
    for name, area in subareas.items():
        if not area.streets and not area.postcodes:
            report.error(
                "empty-subarea",
                f"subarea '{name}' lists no streets or postcodes: no address can be placed in it",
                file=PROJECT_FILE,
                line=_line(project, PROJECT_FILE, "subareas", name),
                hint="add 'streets: [...]' or 'postcodes: [...]' under it, or remove it",
            )
    index = SubareaIndex(subareas)
    for names in index.streets_in_several().values():
        if all(subareas[n].postcodes for n in names):
            continue
        report.warning(
            "street-in-several-subareas",
            f"a street is listed in {', '.join(names)}; addresses there are placed by postcode",
            file=PROJECT_FILE,
            line=_line(project, PROJECT_FILE, "subareas", names[1]),
            hint="list the postcodes of each part under 'postcodes:'",
        )


def _check_households(project: Project, report: Report) -> None:
    if project.households is None:
        return
    if not project.households:
        report.warning("no-households", "the address list is empty", file=HOUSEHOLDS_FILE)
        return
    seen: dict[str, int] = {}
    for household in project.households:
        first = seen.setdefault(household.key, household.row)
        if first != household.row:
            report.error(
                "duplicate-address",
                f"the same address as row {first}",
                file=HOUSEHOLDS_FILE,
                row=household.row,
                hint="remove one of the two rows",
            )
    config = project.config
    if config is None:
        return
    if config.homes is not None and config.homes != len(project.households):
        report.warning(
            "homes-mismatch",
            f"{PROJECT_FILE} says {config.homes} homes, the address list has "
            f"{len(project.households)}",
            file=PROJECT_FILE,
            line=_line(project, PROJECT_FILE, "homes"),
        )
    index = SubareaIndex(config.subareas)
    names = list(config.subareas)
    for household in project.households:
        where = {"file": HOUSEHOLDS_FILE, "row": household.row, "column": "subarea"}
        placed = index.place(household.street, household.postcode)
        if household.subarea:
            if household.subarea not in config.subareas:
                report.error(
                    "unknown-subarea",
                    f"the subarea is not one of the subareas in {PROJECT_FILE}",
                    hint=_suggest(household.subarea, names)
                    or f"known subareas: {', '.join(names) or 'none yet'}",
                    **where,
                )
            elif placed.subarea and placed.subarea != household.subarea:
                report.warning(
                    "subarea-mismatch",
                    f"the subarea differs from the one {PROJECT_FILE} gives for this "
                    f"{placed.reason} ({placed.subarea})",
                    **where,
                )
        elif placed.subarea is None:
            reason = (
                f"the street lies in several subareas ({', '.join(placed.candidates)}) "
                "and the postcode does not tell which"
                if placed.reason == "ambiguous"
                else f"the street is not listed under any subarea in {PROJECT_FILE}"
            )
            report.error(
                "unplaced-address",
                f"cannot tell the subarea: {reason}",
                hint="fill in the subarea column, or list the street under its subarea",
                **where,
            )


def _check_privacy(project: Project, report: Report) -> None:
    plan = project.privacy
    if plan is None:
        return
    known = {n.casefold() for n in project.organisation_names()} | set(ROLES)
    for index, who in enumerate(plan.raw_data_access):
        if who.casefold() not in known:
            report.warning(
                "unknown-access",
                f"'{who}' is neither a role ({', '.join(ROLES)}) nor an organisation "
                f"in {PARTNERS_FILE}",
                file=PRIVACY_FILE,
                line=_line(project, PRIVACY_FILE, "raw_data_access", index),
            )


def _check_communication(project: Project, report: Report) -> None:
    plan = project.communication
    if plan is None:
        return
    organisations = project.organisation_names()
    for index, channel in enumerate(plan.channels):
        for audience in channel.audiences:
            if audience not in plan.audiences:
                report.warning(
                    "unknown-audience",
                    f"channel '{channel.name}' reaches '{audience}', which is not under audiences",
                    file=COMMUNICATION_FILE,
                    line=_line(project, COMMUNICATION_FILE, "channels", index, "audiences"),
                )
        if channel.owner and project.partners is not None and channel.owner not in organisations:
            report.warning(
                "unknown-organisation",
                f"channel '{channel.name}' is run by '{channel.owner}', "
                f"which is not in {PARTNERS_FILE}",
                file=COMMUNICATION_FILE,
                line=_line(project, COMMUNICATION_FILE, "channels", index, "owner"),
                hint=_suggest(channel.owner, organisations),
            )


def _check_private_is_ignored(project: Project, report: Report) -> None:
    gitignore = project.root / ".gitignore"
    lines = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.is_file() else []
    if not any(line.strip().strip("/") == "private" for line in lines):
        report.warning(
            "private-not-ignored",
            "private/ is not in .gitignore, so the address list could end up in version control",
            file=".gitignore",
            hint="add a line 'private/' to .gitignore",
        )


def _check_forms(project: Project, report: Report) -> None:
    """forms.yaml is optional until the first import; when present it must be right."""
    from mdsa.intake.forms.mapping import FORMS_FILE, load_mapping

    path = project.root / FORMS_FILE
    if not path.is_file():
        return
    mapping = load_mapping(path, report)
    for rules in mapping.rules.values() if mapping else ():
        for rule in rules:
            if rule.kind in ("choice", "multi", "grid") and not rule.options:
                report.warning(
                    "choice-without-options",
                    f"'{rule.field}' is a {rule.kind} question without options: every answer "
                    "is counted as 'other' and only reaches the data set as scrubbed text",
                    file=FORMS_FILE,
                    line=rule.line,
                    hint="list its options (label: code) in forms.yaml",
                )


def _check_actions(project: Project, report: Report) -> None:
    """private/actions.csv, the action list edited by hand: its rows and households."""
    from mdsa.phases.actions import check_actions

    check_actions(project, report)


def _check_plan(project: Project, report: Report) -> None:
    """Phase 4's actionplan.yaml and renovation.yaml, when there are any (see mdsa plan)."""
    from mdsa.phases.connecting_renovation import check_plan_files

    check_plan_files(project, report)
