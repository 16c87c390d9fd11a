"""Recall of ``mdsa scan`` on its own, on the labelled notes in tests/data/scrub/ (sets 1, 2, 3).

    python benchmarks/scan_recall.py               # both sets, dev and held-out
    python benchmarks/scan_recall.py --known-names    # every labelled name a known resident
    python benchmarks/scan_recall.py --known-streets  # the labelled addresses' streets known

Two measures, each on the identifier tokens (runs of letters or digits inside a labelled span):

- raw: the scan on the raw notes. A token counts as found when it lies inside a hit.
- after scrub: the notes are scrubbed by mdsa's scrubber (as ``mdsa anonymise`` does) and the
  scan is run on the scrubbed text; recall is over the identifier tokens the scrubber left.
  This is the scan's job as a second line of defence: what it finds here stops the gate.

Per note, "notes flagged" is the share of notes with an identifier (raw) or with an identifier
left (after scrub) on which the scan has at least one finding: one finding is enough to stop
``anonymise`` from publishing. "false alarms" counts the notes without any labelled identifier
on which the scan finds something. The scan knows no project here (no registrations): names
are only found through the project's own list, so without ``--known-names`` a name counts as
missed unless another detector covers it. With ``--known-names`` every labelled name of the
note is given as a registered resident: an upper bound, since in a project only the residents
who were registered are known, not the neighbours and family named in a note. With
``--known-streets`` the streets of the labelled addresses are the project's streets, as a
project knows its streets from the address list and ``mdsa.yaml`` (addresses elsewhere in
town are not known to a project, so this too is optimistic).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from scrub_accuracy import KINDS, TOKEN, load, project  # noqa: E402

from mdsa.privacy.known import KnownIdentifiers, split_address  # noqa: E402
from mdsa.privacy.scan_detect import Detector  # noqa: E402

TODAY = date(2026, 1, 1)  # the notes carry no visit date: dates are judged against this day
Span = tuple[int, int]


def _inside(spans: list[Span], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _scrubbed(scrubber: object, text: str) -> tuple[str, dict[int, int]]:
    """The scrubbed text and, for each kept character of the note, its place in it."""
    result = scrubber.scrub(text)  # type: ignore[attr-defined]
    moved: dict[int, int] = {}
    shift = 0
    replaced = sorted(result.replacements, key=lambda r: r.start)
    at = 0
    for r in replaced:
        for i in range(at, r.start):
            moved[i] = i + shift
        shift += len(r.placeholder) - (r.end - r.start)
        at = r.end
    for i in range(at, len(text)):
        moved[i] = i + shift
    return result.text, moved


def measure(records: list[dict], detector_for: Callable[[dict], Detector]) -> dict:
    from mdsa.privacy.scrub import Scrubber

    scrubber = Scrubber(keep_words=project()["keep_words"])
    zero = {"ids": 0, "found": 0}
    raw = {k: dict(zero) for k in ("ALL", *KINDS)}
    left = {k: dict(zero) for k in ("ALL", *KINDS)}
    misses: list[str] = []
    notes = {"with": 0, "flagged": 0, "left": 0, "left_flagged": 0, "without": 0, "alarms": 0}
    for record in records:
        text = record["text"]
        detector = detector_for(record)
        gold = [(s["start"], s["end"], s["kind"]) for s in record["spans"]]
        hits = [(h.start, h.end) for h in detector.hits(text, year=TODAY.year)]
        if not gold:
            notes["without"] += 1
            notes["alarms"] += bool(hits)
            continue
        notes["with"] += 1
        notes["flagged"] += bool(hits)
        scrubbed, moved = _scrubbed(scrubber, text)
        after = [(h.start, h.end) for h in detector.hits(scrubbed, year=TODAY.year)]
        any_left = False
        for m in TOKEN.finditer(text):
            kind = next((k for s, e, k in gold if s < m.end() and m.start() < e), None)
            if kind is None:
                continue
            for k in ("ALL", kind):
                raw[k]["ids"] += 1
                raw[k]["found"] += _inside(hits, m.start(), m.end())
            start, end = moved.get(m.start()), moved.get(m.end() - 1)
            if start is None or end is None or scrubbed[start : end + 1] != m.group():
                continue  # the scrubber replaced this token
            any_left = True
            found = _inside(after, start, end + 1)
            for k in ("ALL", kind):
                left[k]["ids"] += 1
                left[k]["found"] += found
            if not found:
                around = scrubbed[max(0, start - 40) : end + 40]
                misses.append(f"{record['id']} {kind}: {m.group()!r} in {around!r}")
        if any_left:
            notes["left"] += 1
            notes["left_flagged"] += bool(after)
    return {"raw": raw, "left": left, "notes": notes, "misses": misses}


def table(result: dict) -> str:
    rows = [
        "| type | tokens (raw) | scan recall (raw) | left by the scrubber | scan recall on those |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in ("ALL", *KINDS):
        r, left = result["raw"][kind], result["left"][kind]
        if not r["ids"]:
            continue
        raw_recall = r["found"] / r["ids"]
        left_recall = f"{left['found'] / left['ids']:.3f}" if left["ids"] else "-"
        name = "**all**" if kind == "ALL" else kind.lower()
        rows.append(f"| {name} | {r['ids']} | {raw_recall:.3f} | {left['ids']} | {left_recall} |")
    n = result["notes"]
    rows.append("")
    rows.append(
        f"notes with an identifier flagged (raw): {n['flagged']} of {n['with']}; "
        f"notes with an identifier left after scrubbing flagged: {n['left_flagged']} of "
        f"{n['left']}; false alarms on notes without identifiers: {n['alarms']} of "
        f"{n['without']}"
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--known-names", action="store_true", help="give each note's names as known residents"
    )
    parser.add_argument(
        "--known-streets",
        action="store_true",
        help="give the streets of each note's addresses as the project's streets",
    )
    parser.add_argument("--misses", action="store_true", help="list what both missed")
    args = parser.parse_args(argv)
    plain = Detector(KnownIdentifiers(), today=TODAY)

    def detector_for(record: dict) -> Detector:
        if not (args.known_names or args.known_streets):
            return plain
        spans = [(record["text"][s["start"] : s["end"]], s["kind"]) for s in record["spans"]]
        names = {text for text, kind in spans if kind == "PERSOON"} if args.known_names else set()
        streets: set[str] = set()
        if args.known_streets:
            for text, kind in spans:
                if kind == "ADRES" and (address := split_address(text)):
                    streets.add(address.street)
                elif kind == "ADRES" and not any(c.isdigit() for c in text):
                    streets.add(text)
        known = KnownIdentifiers(residents=frozenset(names), streets=frozenset(streets))
        return Detector(known, today=TODAY)

    for which in (1, 2, 3):
        records = load("dev", which) + load("heldout", which)
        given = ["the notes' names as known residents"] if args.known_names else []
        given += ["their streets as the project's"] if args.known_streets else []
        label = ", ".join(given) or "no project"
        print(f"scan on set {which}, dev + held-out ({len(records)} notes; {label})\n")
        result = measure(records, detector_for)
        print(table(result))
        if args.misses:
            print("\nleft by the scrubber, not found:", *result["misses"], sep="\n  ")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
