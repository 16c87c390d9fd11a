"""``mdsa themes``: what the working sessions found, read back from the filled-in worksheets.

The team puts the worksheets of ``mdsa packets`` (filled in: a theme, a condition of social
quality and perhaps a quote mark per block) in the project's ``sessions/`` folder, any names,
and the top 5s in ``sessions.yaml``. ``collect_themes`` reads them, checks them against
``data/`` and returns the shared :class:`~mdsa.phases.findings.Findings`; ``themes`` also
writes ``output/themes.xlsx``. A problem is an error naming the file, sheet, row and column,
never a value of the data.

Counts shown to anyone (the terminal, the JSON, the workbook) follow the project's privacy
rule: a theme seen in fewer than ``min_group_size`` households shows ``< N`` for its blocks
and households, not the number, and a theme names only the subareas where at least
``min_group_size`` households have it (``Theme.subareas``). The theme itself is still
shown: the team named it, and a unique story is worth attention (handbook, Fase 3 stap 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mdsa.errors import MdsaError
from mdsa.phases.findings import CONDITIONS, Findings, Quote, Theme
from mdsa.phases.packets import HEADER, SHEET
from mdsa.phases.sessions import (
    WORKSHEETS_DIR,
    Block,
    SessionsConfig,
    load_sessions_config,
    normal,
    read_blocks,
)
from mdsa.project.folder import Project

THEMES_FILE = "output/themes.xlsx"
QUOTE_MARKS = {"x", "ja", "j", "yes", "y", "✓", "v", "1"}
SHORTENING = "[...]"
IGNORED = {"readme", "readme.md", "readme.txt", "leesmij.txt"}


class WorksheetError(MdsaError):
    """A filled-in worksheet that mdsa cannot read back."""

    code = "invalid-worksheet"


@dataclass
class ThemeRow:
    """A theme as shown: counts below min_group_size as ``< N``."""

    name: str
    condition: str  # the Dutch label
    blocks: str
    households: str
    subareas: list[str]
    quotes: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ThemesResult:
    findings: Findings
    min_group_size: int
    worksheets: list[str]
    rows: list[ThemeRow]
    files: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "min_group_size": self.min_group_size,
            "worksheets": self.worksheets,
            "themes": [r.to_dict() for r in self.rows],
            "top_promising": list(self.findings.top_promising),
            "top_concerns": list(self.findings.top_concerns),
            "files": self.files,
        }


def shown_count(value: int, k: int) -> str:
    """A count of a theme as shared output shows it."""
    return str(value) if value >= k or value == 0 else f"< {k}"


def collect_themes(project: Project) -> Findings:
    """The themes of the filled-in worksheets in ``sessions/`` and the top 5s of
    ``sessions.yaml``, checked against ``data/``."""
    findings, _ = _collect(project)
    return findings


def themes(project: Project) -> ThemesResult:
    """``collect_themes`` and ``output/themes.xlsx``."""
    findings, worksheets = _collect(project)
    k = project.config.min_group_size if project.config else 5
    rows = [
        ThemeRow(
            t.name,
            CONDITIONS[t.condition],
            shown_count(t.blocks, k) if t.households >= k else f"< {k}",
            shown_count(t.households, k),
            list(t.subareas),
            len(t.quotes),
        )
        for t in findings.themes
    ]
    result = ThemesResult(findings, k, worksheets, rows, [THEMES_FILE])
    _write_workbook(project.root / THEMES_FILE, result)
    return result


# -- reading -------------------------------------------------------------------------------


@dataclass
class _Mark:
    """One filled-in row of a worksheet."""

    block: Block
    theme: str
    condition: str  # a key of CONDITIONS, or "" (given in another row)
    quote: str  # "" or the quoted words
    where: dict[str, Any]  # path, row: for an error


def _collect(project: Project) -> tuple[Findings, list[str]]:
    data = read_blocks(project)
    config = load_sessions_config(project, data.subareas)
    folder = project.root / WORKSHEETS_DIR
    if not folder.is_dir():
        raise MdsaError(
            f"there is no {WORKSHEETS_DIR}/ folder with filled-in worksheets",
            path=folder,
            hint=f"fill in the worksheets of output/packets/ and put them in {WORKSHEETS_DIR}/",
        )
    by_id = {b.id: b for b in data.blocks}
    marks: list[_Mark] = []
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~$")) or path.name.lower() in IGNORED or path.is_dir():
            continue
        files.append(f"{WORKSHEETS_DIR}/{path.name}")
        marks += _read_worksheet(path, by_id)
    if not files:
        raise MdsaError(
            f"{WORKSHEETS_DIR}/ holds no filled-in worksheet",
            path=folder,
            hint="put the worksheets of output/packets/ there once the team has filled them in",
        )
    found = _themes(marks, data.subareas, data.min_group_size)
    return _with_tops(found, config), files


def _read_worksheet(path: Path, by_id: dict[str, Block]) -> list[_Mark]:
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() != ".xlsx":
        raise WorksheetError(
            "is not an Excel worksheet (.xlsx)",
            path=path,
            hint="save the worksheet as an Excel workbook (.xlsx), or move this file elsewhere",
        )
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
    except Exception as e:  # calamine's own errors: a damaged or odd workbook
        raise WorksheetError(
            "cannot be opened as an Excel workbook",
            path=path,
            code="bad-xlsx",
            hint="save it again as an Excel workbook (.xlsx)",
        ) from e
    if SHEET not in names:
        raise WorksheetError(
            f"has no sheet '{SHEET}'",
            path=path,
            code="missing-sheet",
            hint=f"the blocks belong on the sheet '{SHEET}', as mdsa packets wrote it",
        )
    table = workbook.get_sheet_by_name(SHEET).to_python(skip_empty_area=False)
    where = f"{path} [{SHEET}]"
    if not table:
        raise WorksheetError("has no header row", path=where)
    header = [str(c).strip() for c in table[0]]
    columns = {}
    for name in ("Blok", *HEADER[-3:]):
        if name not in header:
            raise WorksheetError(
                f"has no column '{name}'",
                path=where,
                row=1,
                hint="use the worksheet of mdsa packets; its header row must stay as it is",
            )
        columns[name] = header.index(name)
    marks = []
    for number, raw in enumerate(table[1:], start=2):

        def cell(name: str, raw: list[Any] = raw) -> str:
            index = columns[name]
            value = raw[index] if index < len(raw) else ""
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return " ".join(str(value).split()) if value is not None else ""

        block_id, theme, condition, quote = (cell(n) for n in ("Blok", *HEADER[-3:]))
        if not (block_id or theme or condition or quote):
            continue
        at: dict[str, Any] = {"path": where, "row": number}
        if block_id not in by_id:
            raise WorksheetError(
                "names a block id that is not in data/text_blocks.csv"
                if block_id
                else "has a theme, condition or quote but no block id",
                **at,
                column="Blok",
                code="unknown-block",
                hint="keep the column Blok as mdsa packets wrote it; make the packets again "
                "after mdsa anonymise changed the data",
            )
        if not theme:
            if condition or quote:
                raise WorksheetError(
                    "has a condition or a quote but no theme",
                    **at,
                    column="Thema",
                    code="missing-theme",
                    hint="write the theme the block belongs to",
                )
            continue
        key = _condition(condition)
        if condition and key is None:
            raise WorksheetError(
                "is not one of the four conditions of social quality",
                **at,
                column="Voorwaarde",
                code="unknown-condition",
                hint="choose one of: " + ", ".join(CONDITIONS.values()),
            )
        block = by_id[block_id]
        words = ""
        if quote:
            words = block.text if quote.casefold() in QUOTE_MARKS else quote
            if not is_quote_of(words, block.text):
                raise WorksheetError(
                    "is not word for word the block's text (or a shortening of it with [...])",
                    **at,
                    column="Citaat",
                    code="quote-not-in-block",
                    hint="put an x to quote the whole block, or copy its words and leave "
                    "parts out with [...]",
                )
        marks.append(_Mark(block, theme, key or "", words, at))
    return marks


def _condition(text: str) -> str | None:
    if not text:
        return None
    wanted = normal(text)
    for key, label in CONDITIONS.items():
        if wanted in (normal(key), normal(label), normal(key.replace("_", " "))):
            return key
    return None


def is_quote_of(quote: str, text: str) -> bool:
    """``quote`` is ``text`` word for word, or parts of it in order joined by ``[...]``."""
    whole = " ".join(text.split())
    parts = [" ".join(p.split()) for p in quote.split(SHORTENING)]
    if not any(parts):
        return False
    position = 0
    for part in parts:
        if not part:
            continue
        found = whole.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return SHORTENING in quote or parts[0] == whole


def _themes(marks: list[_Mark], subareas: list[str], k: int) -> list[Theme]:
    from mdsa.phases.picture import TEXT_LABELS

    grouped: dict[str, list[_Mark]] = {}
    for mark in marks:
        grouped.setdefault(normal(mark.theme), []).append(mark)
    out = []
    for group in grouped.values():
        first = group[0]
        condition = ""
        for mark in group:
            if mark.condition and condition and mark.condition != condition:
                raise WorksheetError(
                    f"gives the theme '{first.theme}' another condition than an earlier row "
                    f"({first.where['path']}, row {first.where['row']})",
                    **mark.where,
                    column="Voorwaarde",
                    code="conflicting-condition",
                    hint="give a theme one condition everywhere, or name the two themes apart",
                )
            condition = condition or mark.condition
        if not condition:
            raise WorksheetError(
                f"the theme '{first.theme}' has no condition of social quality in any row",
                **first.where,
                column="Voorwaarde",
                code="unknown-condition",
                hint="choose one of: " + ", ".join(CONDITIONS.values()),
            )
        blocks = {m.block.id: m.block for m in group}
        quotes: dict[tuple[str, str], Quote] = {}
        for m in group:
            if m.quote:
                quotes[m.block.id, m.quote] = Quote(
                    m.block.id, m.quote, m.block.category, m.block.subarea
                )
        # A subarea is named for a theme only when at least k of its households have it:
        # "seen in Overige subbuurten" would otherwise tell about the few visits there.
        where: dict[str, set[str]] = {}
        for b in blocks.values():
            where.setdefault(b.subarea, set()).add(b.household)
        seen_subareas = {s for s, households in where.items() if len(households) >= k}
        out.append(
            Theme(
                name=first.theme,
                condition=condition,
                categories=tuple(
                    c for c in TEXT_LABELS if any(b.category == c for b in blocks.values())
                ),
                blocks=len(blocks),
                households=len({b.household for b in blocks.values()}),
                subareas=tuple(s for s in subareas if s in seen_subareas),
                quotes=tuple(quotes.values()),
            )
        )
    order = list(CONDITIONS)
    out.sort(key=lambda t: (order.index(t.condition), -t.households, normal(t.name)))
    return out


def _with_tops(found: list[Theme], config: SessionsConfig) -> Findings:
    from mdsa.phases.sessions import SessionsFileError

    names = {normal(t.name): t.name for t in found}
    tops: dict[str, list[str]] = {}
    for key in ("top_promising", "top_concerns"):
        tops[key] = []
        for index, name in enumerate(getattr(config, key)):
            if normal(name) not in names:
                raise SessionsFileError(
                    f"item {index + 1} of {key} is not a theme of the worksheets",
                    path=config.path,
                    line=config.lines.get((key, index)) or None,
                    code="unknown-theme",
                    hint="write the theme's name as in the column Thema of a worksheet",
                )
            tops[key].append(names[normal(name)])
    return Findings(tuple(found), tuple(tops["top_promising"]), tuple(tops["top_concerns"]))


# -- writing -------------------------------------------------------------------------------


def _write_workbook(path: Path, result: ThemesResult) -> None:
    from mdsa.documents.workbook import Sheet, write_workbook
    from mdsa.phases.picture import TEXT_LABELS
    from mdsa.phases.picture_files import suppression_note

    k = result.min_group_size
    note = f"< {k} = gezien bij minder dan {k} huishoudens: het getal wordt niet getoond."
    theme_rows: list[list[str | int | float]] = [
        [
            r.name,
            r.condition,
            ", ".join(TEXT_LABELS.get(c, c) for c in t.categories),
            r.blocks,
            r.households,
            ", ".join(r.subareas),
            r.quotes,
        ]
        for r, t in zip(result.rows, result.findings.themes, strict=True)
    ]
    top_rows: list[list[str | int | float]] = [
        [kind, place, name]
        for kind, names in (
            ("Kansrijk", result.findings.top_promising),
            ("Zorgen", result.findings.top_concerns),
        )
        for place, name in enumerate(names, 1)
    ]
    quote_rows: list[list[str | int | float]] = [
        [t.name, q.block, TEXT_LABELS.get(q.category, q.category), q.subarea, q.text]
        for t in result.findings.themes
        for q in t.quotes
    ]
    write_workbook(
        path,
        [
            Sheet(
                "Thema's",
                [
                    "Thema",
                    "Voorwaarde",
                    "Soort tekst",
                    "Blokken",
                    "Huishoudens",
                    "Subbuurten",
                    "Citaten",
                ],  # fmt: skip
                theme_rows,
                notes=[note, suppression_note(k)],
            ),
            Sheet("Top 5", ["Soort", "Plaats", "Thema"], top_rows),
            Sheet(
                "Citaten",
                ["Thema", "Blok", "Soort tekst", "Subbuurt", "Citaat"],
                quote_rows,
                wrap=("Citaat",),
                notes=[
                    "Gemarkeerd door het team; nog niet goedgekeurd voor verslag of praatplaat."
                ],
            ),
        ],
    )
