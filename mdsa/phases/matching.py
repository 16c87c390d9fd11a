"""``mdsa match``: persoonlijke verbindingen. Proposes pairs of residents whose talents or offers
answer another's wish or need, or who share a hobby, from the registrations in ``private/``.

Only residents who said yes to "Wil de bewoner meedoen aan activiteiten in de buurt?"
(``wants_to_join: yes``) take part; a household that said no (or only "maybe") at any visit is
never proposed. The list with names and addresses stays in ``private/``; the shared summary only
counts matches per topic, and only topics with at least ``min_group_size`` matches.

A shared hobby matches every pair that mentions it (171 pairs for "bewegen" in the demo), so the
list keeps each resident's best matches only (``per_resident``, 3 unless asked otherwise): a
list the community worker can work through, best first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mdsa.project.folder import REGISTRATIONS_FILE, Project

MATCHES_FILE = "private/matches.xlsx"
SUMMARY_FILE = "output/matches-summary.json"
PER_RESIDENT = 3  # the best matches kept per resident; 0 keeps every match

# topic -> (Dutch label, pattern). A topic in talents is an offer or a hobby; in the
# opportunities a wish; in the person obstacles a need.
TOPICS: dict[str, tuple[str, str]] = {
    "walking": ("wandelen", r"wandel"),
    "cooking": ("koken en samen eten", r"kook|koken|bakt|eetgroep|samen eten|mee-eten|maaltijd"),
    "garden": ("de tuin", r"tuin|hovenier|kweekt|stekjes"),
    "shopping": ("boodschappen", r"boodschap"),
    "language": ("taal", r"taal|nederlands|tolk|vertal"),
    "computer": ("computer en telefoon", r"computer|digid|laptop|telefoon"),
    "odd_jobs": ("klussen", r"klus|repareren"),
    "exercise": ("bewegen", r"fiets|yoga|bewegen|beweeg|hardlo|gym"),
    "company": ("een maatje", r"maatje|luisteren|langskomt|leren kennen"),
}
_PATTERNS = {topic: re.compile(pattern, re.IGNORECASE) for topic, (_, pattern) in TOPICS.items()}
OFFER_FIELDS = ("text.talents",)
WISH_FIELDS = ("text.person_opportunities",)
NEED_FIELDS = ("text.person_obstacles",)


@dataclass
class Resident:
    key: str  # the household (address key); stays in private/
    subarea: str | None
    identity: dict[str, str]
    offers: set[str] = field(default_factory=set)
    wishes: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Match:
    first: Resident
    second: Resident
    topic: str
    kind: str  # "help" (an offer answers a wish or need) or "shared" (both mention it)
    reason: str
    score: int


@dataclass
class MatchResult:
    consenting: int
    declined: int
    matches: list[Match]
    min_group_size: int
    summary: dict[str, int]  # topic -> matches, only topics at or above min_group_size
    per_resident: int = PER_RESIDENT
    found: int = 0  # every match found, before each resident's best were kept
    files: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "consenting": self.consenting,
            "declined": self.declined,
            "matches": len(self.matches),
            "found": self.found,
            "per_resident": self.per_resident,
            "min_group_size": self.min_group_size,
            "summary": self.summary,
            "files": [str(p) for p in self.files],
        }


def _topics(texts: list[str]) -> set[str]:
    text = " ".join(texts)
    return {topic for topic, pattern in _PATTERNS.items() if pattern.search(text)}


def _texts(visits: list[Any], names: tuple[str, ...]) -> list[str]:
    return [str(v.answers[n]) for v in visits for n in names if v.answers.get(n)]


def consenting_residents(project: Project) -> tuple[list[Resident], int]:
    """The residents who agreed to take part, and how many households declined (or doubted)."""
    from mdsa.intake.registrations import load_registrations

    by_home: dict[str, list[Any]] = {}
    for registration in load_registrations(project.root / REGISTRATIONS_FILE):
        key = registration.address_key
        if key:
            by_home.setdefault(key, []).append(registration)
    residents: list[Resident] = []
    declined = 0
    for key, visits in by_home.items():
        answers = [v.answers.get("wants_to_join") for v in visits]
        if "yes" not in answers or any(a in ("no", "maybe") for a in answers):
            declined += 1
            continue
        latest = max(visits, key=lambda v: (v.visit_date or "", v.submitted_at or ""))

        residents.append(
            Resident(
                key=key,
                subarea=latest.subarea,
                identity=dict(latest.identity),
                offers=_topics(_texts(visits, OFFER_FIELDS)),
                wishes=_topics(_texts(visits, WISH_FIELDS + NEED_FIELDS)),
            )
        )
    return residents, declined


def propose(residents: list[Resident]) -> list[Match]:
    """Every pair with something in common, explained and ranked (best first)."""
    matches: list[Match] = []
    for i, first in enumerate(residents):
        for second in residents[i + 1 :]:
            near = 1 if first.subarea and first.subarea == second.subarea else 0
            for topic in sorted(set(TOPICS)):
                label = TOPICS[topic][0]
                if topic in first.offers and topic in second.wishes:
                    matches.append(
                        Match(
                            first,
                            second,
                            topic,
                            "help",
                            f"de eerste biedt {label}, de tweede zoekt het",
                            2 + near,
                        )
                    )
                elif topic in second.offers and topic in first.wishes:
                    matches.append(
                        Match(
                            second,
                            first,
                            topic,
                            "help",
                            f"de eerste biedt {label}, de tweede zoekt het",
                            2 + near,
                        )
                    )
                elif (
                    topic in first.offers | first.wishes and topic in second.offers | second.wishes
                ):
                    matches.append(
                        Match(first, second, topic, "shared", f"beiden noemen {label}", 1 + near)
                    )
    matches.sort(key=lambda m: (-m.score, m.topic, m.first.key, m.second.key))
    return matches


def best_per_resident(matches: list[Match], per_resident: int) -> list[Match]:
    """The ranked matches, keeping a match only while both of its residents are in fewer than
    ``per_resident`` kept matches (``0``: every match)."""
    if per_resident <= 0:
        return list(matches)
    taken: Counter[str] = Counter()
    kept: list[Match] = []
    for m in matches:
        if taken[m.first.key] < per_resident and taken[m.second.key] < per_resident:
            kept.append(m)
            taken[m.first.key] += 1
            taken[m.second.key] += 1
    return kept


def match(project: Project, *, per_resident: int = PER_RESIDENT) -> MatchResult:
    """Propose matches, each resident's best ``per_resident`` (``0``: all); the list goes to
    private/, the counts per topic to output/."""
    from mdsa.documents.workbook import Sheet, write_workbook
    from mdsa.fileio import write_text

    residents, declined = consenting_residents(project)
    found = propose(residents)
    matches = best_per_resident(found, per_resident)
    size = project.config.min_group_size if project.config else 5
    counts = Counter(m.topic for m in matches)
    summary = {TOPICS[t][0]: n for t, n in sorted(counts.items()) if n >= size}
    result = MatchResult(
        len(residents), declined, matches, size, summary, per_resident, found=len(found)
    )

    def who(resident: Resident) -> list[str | int | float]:
        identity = resident.identity
        return [
            identity.get("address", resident.key),
            identity.get("resident_name", ""),
            identity.get("resident_phone", ""),
            resident.subarea or "",
        ]

    rows: list[list[str | int | float]] = []
    for rank, m in enumerate(matches, start=1):
        kind = "hulp" if m.kind == "help" else "zelfde interesse"
        start: list[str | int | float] = [rank, TOPICS[m.topic][0], kind, m.reason]
        rows.append([*start, *who(m.first), *who(m.second), m.score])
    header = [
        "rank",
        "topic",
        "kind",
        "reason",
        "address_1",
        "name_1",
        "phone_1",
        "subarea_1",
        "address_2",
        "name_2",
        "phone_2",
        "subarea_2",
        "score",
    ]
    labels = [
        "Nr",
        "Onderwerp",
        "Soort",
        "Waarom",
        "Adres 1",
        "Naam 1",
        "Telefoon 1",
        "Subbuurt 1",
        "Adres 2",
        "Naam 2",
        "Telefoon 2",
        "Subbuurt 2",
        "Score",
    ]
    path = project.root / MATCHES_FILE
    write_workbook(
        path,
        [
            Sheet(
                "Matches",
                header,
                rows,
                labels=labels,
                notes=[
                    "Alleen bewoners die ja zeiden op meedoen aan activiteiten. Bel eerst beiden.",
                    _kept_note(result),
                    "Dit bestand blijft in private/: het bevat namen en adressen.",
                ],
            )
        ],
    )
    import json

    shared = {"min_group_size": size, "per_resident": per_resident, "matches_by_topic": summary}
    summary_path = project.root / SUMMARY_FILE
    write_text(summary_path, json.dumps(shared, ensure_ascii=False, indent=2) + "\n")
    result.files = [path, summary_path]
    return result


def last_per_resident(root: Path) -> int:
    """The ``per_resident`` of the last ``mdsa match`` (its summary says), else the default:
    what an erasure uses when it makes the matches again."""
    import json

    try:
        value = json.loads((root / SUMMARY_FILE).read_text(encoding="utf-8"))["per_resident"]
    except (OSError, ValueError, KeyError, TypeError):
        return PER_RESIDENT
    return value if isinstance(value, int) and not isinstance(value, bool) else PER_RESIDENT


def _kept_note(result: MatchResult) -> str:
    if result.per_resident <= 0 or result.found == len(result.matches):
        return f"Alle {len(result.matches)} gevonden matches, de beste eerst."
    return (
        f"Per bewoner de {result.per_resident} beste matches: {len(result.matches)} van de "
        f"{result.found} gevonden, de beste eerst."
    )
