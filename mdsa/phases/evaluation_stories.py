"""``mdsa msc-import``: Most Significant Change stories from a CSV into ``msc.yaml``.

Stories are often collected on a form or in a spreadsheet. The CSV has a header with
``perspective`` (resident, neighbourhood, professional, or bewoner, buurt, professional),
``teller`` (a role), ``domain``, ``title`` and ``text``, and optionally ``id`` and ``collected``
(a date). Every title and text goes through the project's scrubber on the way in, so ``msc.yaml``
never holds what it would replace; a teller that the scrubber would change is refused, by row and
column and never by value: a teller is a role, never a name.

The stories are added to the ``stories:`` list of ``msc.yaml`` (made when there is none) as
text, so the file's comments stay; the new file is validated before it is written, in one
rename. A story without an ``id`` gets one made from its content, so importing the same CSV
again adds nothing twice. The CSV is not changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mdsa.errors import ReportError
from mdsa.phases.evaluation import MSC_FILE, EvaluationFileError, _scrubber
from mdsa.project.folder import Project
from mdsa.report import Report

REQUIRED = ("perspective", "teller", "domain", "title", "text")
COLUMNS = ("id", *REQUIRED, "collected")
PERSPECTIVE_WORDS = {
    "resident": "resident",
    "bewoner": "resident",
    "bewoners": "resident",
    "neighbourhood": "neighbourhood",
    "buurt": "neighbourhood",
    "wijk": "neighbourhood",
    "professional": "professional",
    "professionals": "professional",
}


@dataclass
class StoryImport:
    added: int
    already: int  # stories of the CSV that msc.yaml already has (same id)
    scrubbed: int  # stories in which the scrubber replaced something
    file: str = MSC_FILE
    ids: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def import_stories(project: Project, source: Path) -> StoryImport:
    """Add the stories of ``source`` to ``msc.yaml``, scrubbed; nothing is written on an error."""
    from mdsa.fileio import write_text
    from mdsa.phases.evaluation_rounds import read_small_csv

    root = project.root
    shown = source.name
    if not source.is_file():
        raise EvaluationFileError("the file is not there", path=source, code="not-found")
    rows = read_small_csv(source, Path(shown))
    header = [h.strip().lower() for h in rows[0]]
    report = Report()
    for column in REQUIRED:
        if column not in header:
            report.error(
                "missing-column",
                f"there is no column '{column}'",
                file=shown,
                row=1,
                hint="columns: " + ", ".join(COLUMNS),
            )
    if not report.ok:
        raise ReportError(f"{shown} cannot be read as stories", report, path=shown)
    existing_text = (
        (root / MSC_FILE).read_text(encoding="utf-8") if (root / MSC_FILE).is_file() else ""
    )
    existing = _existing_ids(project)
    scrubber = _scrubber(project)
    stories: list[dict[str, Any]] = []
    already = scrubbed = 0
    seen: set[str] = set()
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        for column in REQUIRED:
            if not row.get(column):
                report.error(
                    "missing-value", "this cell is empty", file=shown, row=number, column=column
                )
        perspective = PERSPECTIVE_WORDS.get(row.get("perspective", "").lower())
        if row.get("perspective") and perspective is None:
            report.error(
                "invalid-value",
                "the perspective is not resident, neighbourhood or professional",
                file=shown,
                row=number,
                column="perspective",
                hint="also allowed: bewoner, buurt, professional",
            )
        if row.get("teller") and scrubber.scrub(row["teller"]).replacements:
            report.error(
                "teller-name",
                "the teller looks like a name or an address",
                file=shown,
                row=number,
                column="teller",
                hint="name the teller by role (bewoner Seinhuisbuurt, opbouwwerker), never by name",
            )
        collected = _date(row.get("collected", ""))
        if row.get("collected") and collected is None:
            report.error(
                "invalid-date",
                "the date is not a date (2019-03-12 or 12-03-2019)",
                file=shown,
                row=number,
                column="collected",
            )
        if not report.ok or perspective is None:
            continue
        title = scrubber.scrub(row["title"])
        text = scrubber.scrub(row["text"])
        story_id = row.get("id") or _content_id(perspective, row)
        if story_id in seen:
            report.error(
                "duplicate-story",
                f"story id '{story_id}' is in the file twice",
                file=shown,
                row=number,
                column="id",
            )
            continue
        seen.add(story_id)
        if story_id in existing:
            already += 1
            continue
        scrubbed += bool(title.replacements or text.replacements)
        story: dict[str, Any] = {
            "id": story_id,
            "perspective": perspective,
            "teller": row["teller"],
            "domain": row["domain"],
        }
        if collected is not None:
            story["collected"] = collected
        story.update(title=title.text, text=text.text)
        stories.append(story)
    if not report.ok:
        raise ReportError(f"{shown} has problems; no story was added", report, path=shown)
    if stories:
        new_text = _with_stories(existing_text, stories)
        _check(new_text)
        write_text(root / MSC_FILE, new_text)
    return StoryImport(len(stories), already, scrubbed, ids=[s["id"] for s in stories])


def _existing_ids(project: Project) -> set[str]:
    from mdsa.phases.evaluation import _models, load_file

    loaded = load_file(project.root, MSC_FILE, _models().MscFile)
    return {s.id for s in loaded.stories} if loaded else set()


def _content_id(perspective: str, row: dict[str, str]) -> str:
    key = "\n".join((perspective, row["teller"], row["title"], row["text"]))
    return "csv-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def _date(text: str) -> date | None:
    from datetime import datetime

    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def _with_stories(text: str, stories: list[dict[str, Any]]) -> str:
    """``text`` of msc.yaml with ``stories`` added at the end of its ``stories:`` list."""
    import yaml

    block = yaml.safe_dump(stories, allow_unicode=True, sort_keys=False, width=96)
    items = "".join(f"  {line}\n" if line else "\n" for line in block.splitlines())
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^stories\s*:", line)), None)
    if start is None:
        prefix = text if not text or text.endswith("\n") else text + "\n"
        return prefix + "stories:\n" + items
    if lines[start].split(":", 1)[1].strip() not in ("", "[]"):
        raise EvaluationFileError(
            "stories: in msc.yaml is written on one line, so stories cannot be added to it",
            path=MSC_FILE,
            line=start + 1,
            hint="write each story as a list item under stories: (see the README)",
        )
    if lines[start].split(":", 1)[1].strip() == "[]":
        lines[start] = "stories:\n"
    end = start + 1
    while end < len(lines) and not _TOP_KEY.match(lines[end]):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # comments and blank lines before the next key belong to it
    if end > 0 and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + items + "".join(lines[end:])


def _check(text: str) -> None:
    """The new msc.yaml is valid before it replaces the old one (checked in memory: the
    stories are never written anywhere else)."""
    import yaml
    from pydantic import ValidationError

    from mdsa.phases.evaluation_models import MscFile

    try:
        MscFile.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as e:
        raise EvaluationFileError(
            "the stories could not be added to msc.yaml without breaking it; nothing was added",
            path=MSC_FILE,
            hint="add them by hand (see the README)",
        ) from e
