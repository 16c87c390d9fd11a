"""The working sessions of phase 3 (handbook Fase 3 stap 2): the plan, the blocks and their ids.

A session reads the text blocks of one or more text categories, of all subareas or of some.
By default there is one session per text category, split into one session per subarea when
the category has blocks of more than ``SPLIT_ABOVE`` households (a session is a dagdeel; the
handbook's projects read about that many notes in one). ``sessions.yaml`` in the project
changes the threshold, lists the sessions by hand, and holds the team's top 5s.

Only ``data/`` is read, never ``private/``. Each block gets a short id that stays the same when
``mdsa anonymise`` and ``mdsa packets`` run again on the same registrations: it is made from the
block's category, subarea and anonymised text (never from the household's pseudonym, whose key
is made anew when a project folder is copied without ``private/pseudonym.key``), see
``block_ids``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mdsa.errors import MdsaError
from mdsa.phases.picture import MERGED, TEXT_LABELS
from mdsa.project.folder import Project

SESSIONS_FILE = "sessions.yaml"
WORKSHEETS_DIR = "sessions"  # where the team puts the filled-in worksheets
PACKETS_DIR = "output/packets"
SPLIT_ABOVE = 150  # households of one category: above this, one session per subarea
TOP_SIZE = 5
# Two letters per category in a block id, so the team sees at once where a block is from.
CATEGORY_PREFIX = {
    "person_obstacles": "PB",
    "person_opportunities": "PK",
    "environment_obstacles": "OB",
    "environment_opportunities": "OK",
    "talents": "TW",
    "remarks": "OO",
}
OTHER_PREFIX = "TX"
ID_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"  # 20 consonants: 8 of them are 20**8, about 2.6e10 ids
ID_LETTERS = 8
NO_GROUP = "–"


class SessionsFileError(MdsaError):
    """sessions.yaml says something mdsa cannot use."""

    code = "invalid-sessions"


@dataclass(frozen=True)
class Block:
    """One anonymised text block as a working session sees it."""

    id: str
    category: str
    subarea: str  # the subarea as the aggregate shows it (small ones merged)
    group: str  # age group and household type, where the group is not small; else NO_GROUP
    text: str
    household: str  # pseudonym: only counted (households per theme), never printed


@dataclass(frozen=True)
class Session:
    id: str  # the packet's file name without extension
    title: str
    categories: tuple[str, ...]
    subareas: tuple[str, ...]  # empty: every subarea
    date: str = ""

    def holds(self, block: Block) -> bool:
        return block.category in self.categories and (
            not self.subareas or block.subarea in self.subareas
        )


@dataclass
class SessionsConfig:
    path: Path | None = None
    split_above: int = SPLIT_ABOVE
    sessions: list[Session] | None = None  # None: the default plan
    top_promising: list[str] = field(default_factory=list)
    top_concerns: list[str] = field(default_factory=list)
    lines: dict[tuple[str, int], int] = field(default_factory=dict)  # (key, index) -> line


# --- block ids --------------------------------------------------------------------------------


def block_ids(blocks: list[dict[str, str]]) -> list[str]:
    """An id per block: the category's two letters and 8 letters made from the SHA-256 of its
    category, subarea and text, e.g. ``PB-KXTRMBQZ``. Blocks with the same id (the same short
    text in one subarea, such as ``n.v.t.``, or a rare clash of letters) get ``-2``, ``-3`` in
    the order of ``data/text_blocks.csv``, which follows the registrations, so the ids stay
    the same on the same data.

    Consonants only, no digits: an id can never look like an IBAN, a BSN, a phone number or
    a postcode to ``mdsa scan`` (hex digits did: ``BB03F74E Emplacement`` passed the IBAN
    check), nor spell a word."""
    seen: Counter[str] = Counter()
    out = []
    for b in blocks:
        category = b.get("category", "")
        key = "\x1f".join((category, b.get("subarea", ""), b.get("text", "")))
        number = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
        letters = ""
        for _ in range(ID_LETTERS):
            number, index = divmod(number, len(ID_ALPHABET))
            letters += ID_ALPHABET[index]
        base = f"{CATEGORY_PREFIX.get(category, OTHER_PREFIX)}-{letters}"
        seen[base] += 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


# --- reading data/ --------------------------------------------------------------------------


@dataclass
class SessionData:
    min_group_size: int
    subareas: list[str]  # as shown, in the project's order (MERGED last when there)
    blocks: list[Block]
    categories: list[str]  # text categories with at least one block, in the handbook's order


def read_blocks(project: Project) -> SessionData:
    """Every text block of data/ (the ``other_answers`` of closed questions left out), with its
    id, shown subarea and demographic group."""
    from mdsa.intake.forms.mapping import FORMS_FILE, load_mapping
    from mdsa.phases.picture import _groups, _questions, _without_markers, read_visits
    from mdsa.privacy.anonymise import TEXT_BLOCKS_FILE, VISITS_FILE
    from mdsa.privacy.dataset import read_table
    from mdsa.report import Report

    root = project.root
    for name in (VISITS_FILE, TEXT_BLOCKS_FILE):
        if not (root / name).is_file():
            raise MdsaError(
                "there is no anonymised data set yet", path=root / name, hint="run: mdsa anonymise"
            )
    k = project.config.min_group_size if project.config else 5
    visits = read_visits(root / VISITS_FILE)
    raw = _without_markers(read_table(root / TEXT_BLOCKS_FILE))
    ids = block_ids(raw)
    shown, _, _, group_of = _groups(
        visits, list(project.config.subareas) if project.config else [], k
    )
    labels: dict[str, dict[str, str]] = {}
    if (root / FORMS_FILE).is_file():
        mapping = load_mapping(root / FORMS_FILE, Report())
        if mapping is not None:
            columns = list(visits[0]) if visits else []
            for q in _questions(mapping, columns):
                if q.field in ("age_group", "household_type"):
                    labels[q.field] = q.options
    shown_of = {s: (g if g in shown else MERGED) for s, g in group_of.items()}
    demographic = _demographic_groups(visits, shown_of, set(shown), labels, k)
    blocks = []
    for b, block_id in zip(raw, ids, strict=True):
        category = b.get("category", "")
        if category not in TEXT_LABELS:
            continue
        subarea = shown_of.get(b.get("subarea", ""), MERGED)
        household = b.get("household", "")
        blocks.append(
            Block(
                id=block_id,
                category=category,
                subarea=subarea,
                group=demographic.get(household, NO_GROUP),
                text=b.get("text", ""),
                household=household,
            )
        )
    subareas = [*shown, *([MERGED] if any(b.subarea == MERGED for b in blocks) else [])]
    present = {b.category for b in blocks}
    return SessionData(k, subareas, blocks, [c for c in TEXT_LABELS if c in present])


def _demographic_groups(
    visits: list[dict[str, str]],
    shown_of: dict[str, str],
    shown: set[str],
    labels: dict[str, dict[str, str]],
    k: int,
) -> dict[str, str]:
    """Household pseudonym -> its age group and household type as printed beside its blocks.

    Printed only what at least ``k`` households of the same shown subarea share: both when
    the combination is that common, else the one of the two that is, else nothing. A subarea
    too small to be shown (merged or left out) prints no group at all."""
    both: Counter[tuple[str, str, str]] = Counter()
    ages: Counter[tuple[str, str]] = Counter()
    types: Counter[tuple[str, str]] = Counter()
    facts = []
    for v in visits:
        where = shown_of.get(v.get("subarea", ""), MERGED)
        age, kind = v.get("age_group", ""), v.get("household_type", "")
        age = age if age in labels.get("age_group", {}) else ""
        kind = kind if kind in labels.get("household_type", {}) else ""
        facts.append((v.get("household", ""), where, age, kind))
        both[where, age, kind] += 1
        ages[where, age] += 1
        types[where, kind] += 1
    out = {}
    for household, where, age, kind in facts:
        if where not in shown:
            continue
        age_label = labels.get("age_group", {}).get(age, "") if ages[where, age] >= k else ""
        kind_label = (
            labels.get("household_type", {}).get(kind, "") if types[where, kind] >= k else ""
        )
        if age_label and kind_label and both[where, age, kind] < k:
            # Each alone is common, together they are rare: print the one fewer share.
            if ages[where, age] >= types[where, kind]:
                kind_label = ""
            else:
                age_label = ""
        shown_label = " · ".join(x for x in (age_label, kind_label) if x)
        if shown_label:
            out[household] = shown_label
    return out


# --- the plan ---------------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "sessie"


def plan(config: SessionsConfig, data: SessionData) -> list[Session]:
    """The sessions of sessions.yaml, or the default plan."""
    if config.sessions is not None:
        return config.sessions
    sessions: list[Session] = []
    for category in data.categories:
        mine = [b for b in data.blocks if b.category == category]
        label = TEXT_LABELS[category]
        households = len({b.household for b in mine})
        present = [s for s in data.subareas if any(b.subarea == s for b in mine)]
        if households > config.split_above and len(present) > 1:
            # A subarea with blocks of fewer than min_group_size households joins the session
            # before it, so that no packet holds the blocks of a few households only.
            chunks: list[list[str]] = []
            for subarea in present:
                few = len({b.household for b in mine if b.subarea == subarea})
                if chunks and few < data.min_group_size:
                    chunks[-1].append(subarea)
                else:
                    chunks.append([subarea])
            for chunk in chunks:
                number = len(sessions) + 1
                sessions.append(
                    Session(
                        f"{number:02d}-{slug(category)}-{slug(chunk[0])}",
                        f"{label} — {', '.join(chunk)}",
                        (category,),
                        tuple(chunk),
                    )
                )
        else:
            number = len(sessions) + 1
            sessions.append(Session(f"{number:02d}-{slug(category)}", label, (category,), ()))
    return sessions


def load_sessions_config(project: Project, subareas: list[str] | None = None) -> SessionsConfig:
    """sessions.yaml when the project has one (else the defaults), checked: every problem is
    an error naming the file, line and key."""
    from mdsa.fileio import load_yaml

    path = project.root / SESSIONS_FILE
    if not path.is_file():
        return SessionsConfig()
    document = load_yaml(path)
    data = document.data if document.data is not None else {}

    def fail(message: str, loc: tuple[str | int, ...], hint: str | None = None) -> MdsaError:
        line = document.line_of(loc)
        return SessionsFileError(message, path=path, line=line, hint=hint)

    if not isinstance(data, dict):
        raise fail("should be a list of keys (split_above, sessions, top_promising, ...)", ())
    allowed = {"split_above", "sessions", "top_promising", "top_concerns"}
    for key in data:
        if key not in allowed:
            raise fail(
                f"unknown key '{key}'", (key,), hint="known keys: " + ", ".join(sorted(allowed))
            )
    config = SessionsConfig(path=path)
    split = data.get("split_above", SPLIT_ABOVE)
    if isinstance(split, bool) or not isinstance(split, int) or split < 1:
        raise fail(
            "split_above should be a whole number of households, 1 or more", ("split_above",)
        )
    config.split_above = split
    for key in ("top_promising", "top_concerns"):
        names = data.get(key) or []
        if not isinstance(names, list):
            raise fail(f"{key} should be a list of theme names", (key,))
        if len(names) > TOP_SIZE:
            raise fail(
                f"{key} names {len(names)} themes; a top {TOP_SIZE} has at most {TOP_SIZE}",
                (key, TOP_SIZE),
                hint="keep the five most important, most important first",
            )
        seen: set[str] = set()
        for index, name in enumerate(names):
            if not isinstance(name, str) or not name.strip():
                raise fail(f"item {index + 1} of {key} should be a theme name", (key, index))
            if normal(name) in seen:
                raise fail(f"item {index + 1} of {key} names a theme twice", (key, index))
            seen.add(normal(name))
            config.lines[key, index] = document.line_of((key, index)) or 0
        getattr(config, key).extend(n.strip() for n in names)
    if "sessions" in data:
        config.sessions = _sessions(data["sessions"], fail, subareas)
    return config


def _sessions(value: Any, fail: Any, subareas: list[str] | None) -> list[Session]:
    if not isinstance(value, list) or not value:
        raise fail(
            "sessions should be a list of sessions, each with a title and categories", ("sessions",)
        )
    out: list[Session] = []
    ids: set[str] = set()
    for index, item in enumerate(value):
        loc: tuple[str | int, ...] = ("sessions", index)
        if not isinstance(item, dict):
            raise fail(f"session {index + 1} should have keys title, categories", loc)
        for key in item:
            if key not in ("title", "categories", "subareas", "date"):
                raise fail(
                    f"session {index + 1}: unknown key '{key}'",
                    (*loc, key),
                    hint="a session has title, categories, and optionally subareas and date",
                )
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            raise fail(f"session {index + 1} has no title", loc)
        categories = item.get("categories")
        if isinstance(categories, str):
            categories = [categories]
        if not isinstance(categories, list) or not categories:
            raise fail(f"session {index + 1} lists no categories", (*loc, "categories"))
        for c_index, category in enumerate(categories):
            if category not in TEXT_LABELS:
                raise fail(
                    f"session {index + 1}: unknown text category '{category}'",
                    (*loc, "categories", c_index),
                    hint="categories: " + ", ".join(TEXT_LABELS),
                )
        chosen = item.get("subareas") or []
        if isinstance(chosen, str):
            chosen = [chosen]
        if not isinstance(chosen, list):
            raise fail(f"session {index + 1}: subareas should be a list", (*loc, "subareas"))
        for s_index, subarea in enumerate(chosen):
            if subareas is not None and subarea not in subareas:
                raise fail(
                    f"session {index + 1}: subarea '{subarea}' has no blocks to show",
                    (*loc, "subareas", s_index),
                    hint="subareas shown: " + ", ".join(subareas),
                )
        session_id = f"{index + 1:02d}-{slug(title)}"
        if session_id in ids:  # pragma: no cover - the number keeps them apart
            raise fail(f"session {index + 1}: two sessions with the same title", loc)
        ids.add(session_id)
        date = item.get("date")
        out.append(
            Session(
                session_id,
                title.strip(),
                tuple(categories),
                tuple(str(s) for s in chosen),
                str(date) if date is not None else "",
            )
        )
    return out


def normal(name: str) -> str:
    """A theme name as compared: case and spacing do not matter."""
    return " ".join(name.split()).casefold()
