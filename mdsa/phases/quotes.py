"""Quotes for the report and the poster: chosen by the team, approved by the project leader.

A quote is a text block of ``data/text_blocks.csv`` (named by its block id), word for word or
shortened with ``[...]``. The team marks it in a worksheet's column Citaat (``mdsa themes``
reads it back) or in ``quotes.yaml``; ``mdsa quotes approve BLOCK_ID`` records the project
leader's approval, with its date, in ``quotes.yaml``. Only approved quotes reach a document.

Before a quote is approved, and again before every document, ``single_out`` asks whether its
words could point at one household: a street of the project is always refused (the street and
the story together are a house), an age or a household situation only in a subarea of fewer
than ``10 x min_group_size`` homes. A refusal names the block id and the kind, never the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mdsa.errors import MdsaError
from mdsa.phases.findings import Findings
from mdsa.phases.themes import is_quote_of
from mdsa.project.folder import Project
from mdsa.project.models import NonEmpty, Strict

QUOTES_FILE = "quotes.yaml"
WORKSHEET = "werkblad"  # marked_by of a quote marked in a worksheet's column Citaat
SMALL_SUBAREA_FACTOR = 10  # age or household words refused below 10 x min_group_size homes
HEADER = (
    "# Citaten voor het verslag en de praatplaat (mdsa report, mdsa poster). Een citaat is een\n"
    "# tekstblok uit data/text_blocks.csv, letterlijk of ingekort met [...]. Het team markeert\n"
    "# het in een werkblad (kolom Citaat) of hier; mdsa quotes approve BLOK zet de datum van\n"
    "# goedkeuring. Alleen goedgekeurde citaten komen in een document.\n"
)

# Words that tell an age (or how many years), and words that tell who a household is. Alone
# they are harmless; in a small subarea, with a story, they can point at one home.
AGE = re.compile(
    r"\b(\d{1,3}\s*(jaar|jr)\b|\d{1,3}[- ]?jarig\w*|jarig\w*|tachtig\w*|negentig\w*|"
    r"zeventig\w*|bejaard\w*|gepensioneerd\w*|pensioen\w*|aow\w*|leeftijd|senior\w*|"
    r"tiener\w*|puber\w*|student\w*|baby\w*)",
    re.IGNORECASE,
)
HOUSEHOLD = re.compile(
    r"\b(alleenstaand\w*|woon\w* alleen|alleen woon\w*|weduw\w*|gescheiden|scheiding|"
    r"eenoudergezin\w*|gezin met|zwanger\w*|tweeling\w*|(mijn|m'n|onze|zijn|haar) "
    r"(man|vrouw|partner|zoon|dochter|zoons|dochters|kind|kinderen|kleinkind\w*|vriend|"
    r"vriendin|moeder|vader))\b",
    re.IGNORECASE,
)
KINDS = {
    "street": "a street of the project",
    "age": "an age or a number of years",
    "household": "a household situation",
}


class QuotesFileError(MdsaError):
    """quotes.yaml names a block, a quote or a theme that is not there."""

    code = "unknown-block"


class QuoteRefusedError(MdsaError):
    """A quote that could single out a household, or that is not marked or approved."""

    code = "quote-singles-out"


class QuoteEntry(Strict):
    block: NonEmpty
    quote: str | None = None  # default: the worksheet's quote, else the whole block
    theme: str | None = None  # default: the theme the worksheet gave the block
    marked_by: str | None = None
    approved: date | None = None


class QuotesFile(Strict):
    quotes: list[QuoteEntry] = []


@dataclass
class Candidate:
    """A quote the team marked, with where it stands."""

    block: str
    text: str
    theme: str  # "" when no theme has this block
    condition: str  # a key of CONDITIONS, or ""
    subarea: str
    category: str
    marked_by: str
    approved: date | None = None
    refused: str | None = None  # a key of KINDS when single_out refuses it
    line: int | None = None  # its entry's line in quotes.yaml

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["approved"] = self.approved.isoformat() if self.approved else None
        return data


@dataclass
class QuotesResult:
    candidates: list[Candidate]
    min_group_size: int

    def approved(self) -> list[Candidate]:
        return [c for c in self.candidates if c.approved and not c.refused]

    def to_dict(self) -> dict[str, Any]:
        return {
            "min_group_size": self.min_group_size,
            "quotes": [c.to_dict() for c in self.candidates],
        }


# -- reading ---------------------------------------------------------------------------------


@dataclass
class _Loaded:
    entries: list[QuoteEntry]
    lines: list[int | None]
    header: str


def _load_file(root: Path) -> _Loaded:
    """quotes.yaml checked like the project's own YAML (any problem: ReportError with lines)."""
    from mdsa.fileio import load_yaml
    from mdsa.phases.evaluation import load_file

    parsed = load_file(root, QUOTES_FILE, QuotesFile)
    if parsed is None:
        return _Loaded([], [], HEADER)
    path = root / QUOTES_FILE
    document = load_yaml(path)
    lines = [document.line_of(("quotes", i)) for i in range(len(parsed.quotes))]
    head = []  # the comment lines at the top are kept when mdsa quotes approve writes it
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        head.append(line + "\n")
    return _Loaded(list(parsed.quotes), lines, "".join(head) or HEADER)


def collect_quotes(project: Project, findings: Findings | None = None) -> QuotesResult:
    """Every quote marked in a worksheet or in quotes.yaml, with its approval and whether
    ``single_out`` refuses it. Raises on a quote that is not its block's text."""
    from mdsa.phases.sessions import read_blocks
    from mdsa.phases.themes import collect_themes

    data = read_blocks(project)
    if findings is None:
        findings = collect_themes(project)
    blocks = {b.id: b for b in data.blocks}
    themes_of: dict[str, tuple[str, str]] = {}
    candidates: dict[str, Candidate] = {}
    for theme in findings.themes:
        for quote in theme.quotes:
            themes_of.setdefault(quote.block, (theme.name, theme.condition))
            if quote.block not in candidates:
                candidates[quote.block] = Candidate(
                    quote.block,
                    quote.text,
                    theme.name,
                    theme.condition,
                    quote.subarea,
                    quote.category,
                    WORKSHEET,
                )
    loaded = _load_file(project.root)
    for entry, line in zip(loaded.entries, loaded.lines, strict=True):
        block = blocks.get(entry.block)
        if block is None:
            raise QuotesFileError(
                "names a block id that is not in data/text_blocks.csv",
                path=QUOTES_FILE,
                line=line,
                code="unknown-block",
                hint="copy the block id from a packet or worksheet of mdsa packets",
            )
        found = candidates.get(entry.block)
        text = entry.quote or (found.text if found else block.text)
        if not is_quote_of(text, block.text):
            raise QuotesFileError(
                "the quote is not word for word its block's text (or a shortening of it with "
                "[...])",
                path=QUOTES_FILE,
                line=line,
                code="quote-not-in-block",
                hint="copy the block's words and leave parts out with [...]",
            )
        theme_name, condition = themes_of.get(entry.block, ("", ""))
        if entry.theme:
            named = findings.theme(entry.theme) or next(
                (t for t in findings.themes if t.name.casefold() == entry.theme.casefold()), None
            )
            if named is None:
                raise QuotesFileError(
                    "names a theme that no worksheet has",
                    path=QUOTES_FILE,
                    line=line,
                    code="unknown-theme",
                    hint="write the theme's name as in the column Thema of a worksheet",
                )
            theme_name, condition = named.name, named.condition
        candidates[entry.block] = Candidate(
            entry.block,
            text,
            theme_name,
            condition,
            block.subarea,
            block.category,
            entry.marked_by or (found.marked_by if found else QUOTES_FILE),
            entry.approved,
            line=line,
        )
    homes = homes_per_subarea(project, data.subareas)
    k = data.min_group_size
    for candidate in candidates.values():
        candidate.refused = single_out(candidate.text, candidate.subarea, project, homes, k)
    return QuotesResult(list(candidates.values()), k)


# -- the guard -------------------------------------------------------------------------------


def project_streets(project: Project) -> list[str]:
    """The streets of mdsa.yaml's subareas and of the address list, longest first."""
    streets: set[str] = set()
    if project.config:
        for subarea in project.config.subareas.values():
            streets.update(s.strip() for s in subarea.streets)
    for household in project.households or []:
        streets.add(household.street.strip())
    return sorted((s for s in streets if s), key=len, reverse=True)


def homes_per_subarea(project: Project, shown: list[str]) -> dict[str, int]:
    """Homes of each shown subarea (the merged rest as one), from the address list; without
    an address list only a project without subareas knows its homes (mdsa.yaml homes)."""
    from mdsa.phases.picture import MERGED
    from mdsa.project.addresses import SubareaIndex

    homes: dict[str, int] = {}
    if project.households:
        index = SubareaIndex(project.config.subareas if project.config else {})
        for household in project.households:
            placed = household.subarea or index.place(household.street, household.postcode).subarea
            name = placed or ""
            group = name if name in shown else MERGED
            homes[group] = homes.get(group, 0) + 1
    elif project.config and not project.config.subareas and project.config.homes:
        homes = dict.fromkeys(shown, project.config.homes)
    return homes


def single_out(
    text: str, subarea: str, project: Project, homes: dict[str, int], k: int
) -> str | None:
    """The kind of words (a key of KINDS) for which ``text`` could single out a household in
    ``subarea``, or None."""
    words = " ".join(text.split()).casefold()
    for street in project_streets(project):
        if re.search(rf"(?<!\w){re.escape(street.casefold())}(?!\w)", words):
            return "street"
    if homes.get(subarea, 0) < SMALL_SUBAREA_FACTOR * k:
        if AGE.search(words):
            return "age"
        if HOUSEHOLD.search(words):
            return "household"
    return None


def refusal(candidate: Candidate, k: int) -> QuoteRefusedError:
    """The error for a quote that ``single_out`` refuses: the block id and the kind only."""
    kind = candidate.refused or "street"
    if kind == "street":
        why = "names a street of the project; with the story that can point at one home"
    else:
        why = (
            f"names {KINDS[kind]}, and its subarea has fewer than "
            f"{SMALL_SUBAREA_FACTOR * k} homes (or mdsa cannot count them: no address list)"
        )
    return QuoteRefusedError(
        f"the quote of block {candidate.block} {why}",
        path=QUOTES_FILE if candidate.line else "sessions/",
        line=candidate.line,
        hint=f"shorten it with [...] so that it leaves out {KINDS[kind]} (quote: in "
        f"{QUOTES_FILE}, or the column Citaat of its worksheet), or choose another quote",
    )


# -- approving -------------------------------------------------------------------------------


def approve(project: Project, block: str, *, today: date | None = None) -> Candidate:
    """Record the project leader's approval of a marked quote, with its date, in quotes.yaml
    (a quote approved before keeps its date)."""
    import yaml

    from mdsa.fileio import write_text

    result = collect_quotes(project)
    candidate = next((c for c in result.candidates if c.block == block), None)
    if candidate is None:
        raise QuoteRefusedError(
            f"block {block} is not marked as a quote",
            path=QUOTES_FILE,
            code="quote-not-marked",
            hint="mark it in its worksheet's column Citaat (then mdsa themes) or add it to "
            f"{QUOTES_FILE} as '- block: {block}'; mdsa quotes list shows the marked ones",
        )
    if candidate.refused:
        raise refusal(candidate, result.min_group_size)
    if candidate.approved:
        return candidate  # approved before: the first date stays
    candidate.approved = today or date.today()
    loaded = _load_file(project.root)
    entries: list[dict[str, Any]] = [e.model_dump(exclude_none=True) for e in loaded.entries]
    mine = next((e for e in entries if e["block"] == block), None)
    if mine is None:
        mine = {"block": block}
        entries.append(mine)
    mine["quote"] = " ".join(candidate.text.split())
    mine.setdefault("marked_by", candidate.marked_by)
    mine["approved"] = candidate.approved
    body = yaml.safe_dump(
        {"quotes": entries}, allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    write_text(project.root / QUOTES_FILE, loaded.header + body)
    return candidate
