"""Token-level recall and precision of the scrubber on the labelled notes in tests/data/scrub/.

    python benchmarks/scrub_accuracy.py                  # held-out split, mdsa's scrubber
    python benchmarks/scrub_accuracy.py --split dev
    python benchmarks/scrub_accuracy.py --route deduce   # deduce 3.0.6 out of the box
    python benchmarks/scrub_accuracy.py --route combined # union of both
    python benchmarks/scrub_accuracy.py --misses         # list what was missed / over-removed
    python benchmarks/scrub_accuracy.py --set 2          # the second, independent set
    python benchmarks/scrub_accuracy.py --set 3          # the third, written blind to the rules
    python benchmarks/scrub_accuracy.py --upper          # every note in capitals (a shout)

A token is a run of letters or digits. An identifier token counts as caught when it lies inside
any replaced span (whatever kind the scrubber gave it); precision is the share of replaced tokens
that lie inside a labelled span. Prints a Markdown table, overall and per identifier type, then
per style of note (sets 2 and 3), and the share of notes with at least one identifier token left.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "scrub"
KINDS = ("PERSOON", "ADRES", "POSTCODE", "TELEFOON", "EMAIL", "BSN", "IBAN", "GEBOORTEDATUM")
TOKEN = re.compile(r"[^\W_]+")
Span = tuple[int, int, str]


def load(split: str, which: int = 1) -> list[dict]:
    name = f"{split}.jsonl" if which == 1 else f"set{which}_{split}.jsonl"
    with (DATA / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def shouted(records: list[dict]) -> list[dict]:
    """The notes written in capitals, as some writers do (a note whose length would change in
    capitals, "ß" to "SS", is left out: its labels would no longer fit)."""
    return [
        {**r, "text": r["text"].upper()}
        for r in records
        if len(r["text"].upper()) == len(r["text"])
    ]


def project() -> dict:
    """Keep words of the invented project the notes come from."""
    return json.loads((DATA / "project.json").read_text(encoding="utf-8"))


def _kind_at(spans: list[Span], start: int, end: int) -> str | None:
    for s, e, kind in spans:
        if s <= start and end <= e or (s < end and start < e):
            return kind
    return None


def _around(text: str, m: re.Match[str]) -> str:
    return text[max(0, m.start() - 40) : m.end() + 40]


def score(records: list[dict], find: Callable[[str], list[Span]]) -> dict:
    """Counts per kind: identifier tokens, caught ones; replaced tokens, correct ones."""
    counts: dict[str, dict[str, int]] = {
        k: dict.fromkeys(("ids", "caught", "rep", "ok"), 0) for k in ("ALL", *KINDS)
    }
    misses: list[str] = []
    over: list[str] = []
    leaky: set[str] = set()
    styles: dict[str, dict[str, int]] = {}
    for record in records:
        style = styles.setdefault(
            record.get("style", "-"),
            dict.fromkeys(("notes", "ids", "caught", "rep", "ok", "leaky"), 0),
        )
        style["notes"] += 1
        leaked = False
        text = record["text"]
        gold = [(s["start"], s["end"], s["kind"]) for s in record["spans"]]
        found = find(text)
        for m in TOKEN.finditer(text):
            truth = _kind_at(gold, m.start(), m.end())
            got = _kind_at(found, m.start(), m.end())
            if truth:
                for k in ("ALL", truth):
                    counts[k]["ids"] += 1
                    counts[k]["caught"] += got is not None
                style["ids"] += 1
                style["caught"] += got is not None
                if got is None:
                    leaked = True
                    misses.append(f"{record['id']} {truth}: {m.group()!r} in {_around(text, m)!r}")
            if got:
                for k in ("ALL", got):
                    counts.setdefault(k, dict.fromkeys(("ids", "caught", "rep", "ok"), 0))
                    counts[k]["rep"] += 1
                    counts[k]["ok"] += truth is not None
                style["rep"] += 1
                style["ok"] += truth is not None
                if truth is None:
                    over.append(f"{record['id']} {got}: {m.group()!r} in {_around(text, m)!r}")
        if leaked:
            leaky.add(record["id"])
            style["leaky"] += 1
    return {
        "counts": counts, "misses": misses, "over": over, "styles": styles,
        "leaky": len(leaky), "notes": len(records),
    }  # fmt: skip


def table(result: dict) -> str:
    rows = ["| type | tokens | recall | replaced | precision |", "|---|---:|---:|---:|---:|"]
    for kind, c in result["counts"].items():
        recall = c["caught"] / c["ids"] if c["ids"] else float("nan")
        precision = c["ok"] / c["rep"] if c["rep"] else float("nan")
        name = kind.lower() if kind != "ALL" else "**all**"
        rows.append(f"| {name} | {c['ids']} | {recall:.3f} | {c['rep']} | {precision:.3f} |")
    rows.append("")
    rows.append("| style | notes | recall | precision | notes with an identifier left |")
    rows.append("|---|---:|---:|---:|---:|")
    for style, c in sorted(result["styles"].items()):
        recall = c["caught"] / c["ids"] if c["ids"] else float("nan")
        precision = c["ok"] / c["rep"] if c["rep"] else float("nan")
        rows.append(
            f"| {style} | {c['notes']} | {recall:.3f} | {precision:.3f} | "
            f"{c['leaky']} ({c['leaky'] / c['notes']:.1%}) |"
        )
    share = result["leaky"] / result["notes"] if result["notes"] else float("nan")
    rows.append(f"\nnotes with at least one identifier left: {result['leaky']} of "
                f"{result['notes']} ({share:.1%})")  # fmt: skip
    return "\n".join(rows)


def mdsa_finder() -> Callable[[str], list[Span]]:
    from mdsa.privacy.scrub import Scrubber

    scrubber = Scrubber(keep_words=project()["keep_words"])

    def find(text: str) -> list[Span]:
        return [(r.start, r.end, r.kind) for r in scrubber.scrub(text).replacements]

    return find


DEDUCE_KINDS = {
    "persoon": "PERSOON", "patient": "PERSOON", "locatie": "ADRES", "adres": "ADRES",
    "telefoonnummer": "TELEFOON", "emailadres": "EMAIL", "bsn": "BSN", "datum": "GEBOORTEDATUM",
    "iban": "IBAN", "postcode": "POSTCODE", "leeftijd": "LEEFTIJD", "instelling": "INSTELLING",
    "ziekenhuis": "INSTELLING", "url": "URL", "id": "ID", "huisnummer": "ADRES",
}  # fmt: skip


def deduce_finder() -> Callable[[str], list[Span]]:
    from deduce import Deduce

    model = Deduce()

    def find(text: str) -> list[Span]:
        doc = model.deidentify(text)
        return [
            (a.start_char, a.end_char, DEDUCE_KINDS.get(a.tag.split("_")[0], a.tag.upper()))
            for a in doc.annotations
        ]

    return find


def combined_finder() -> Callable[[str], list[Span]]:
    ours, theirs = mdsa_finder(), deduce_finder()
    return lambda text: ours(text) + theirs(text)


ROUTES = {"mdsa": mdsa_finder, "deduce": deduce_finder, "combined": combined_finder}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="heldout", choices=["dev", "heldout"])
    parser.add_argument("--route", default="mdsa", choices=sorted(ROUTES))
    parser.add_argument("--set", type=int, default=1, choices=[1, 2, 3], help="labelled set")
    parser.add_argument("--misses", action="store_true", help="list misses and over-removals")
    parser.add_argument("--upper", action="store_true", help="every note in capitals")
    args = parser.parse_args(argv)
    records = load(args.split, args.set)
    if args.upper:
        records = shouted(records)
    result = score(records, ROUTES[args.route]())
    shout = ", in capitals" if args.upper else ""
    print(f"{args.route} on set {args.set} {args.split}{shout} ({len(records)} notes)\n")
    print(table(result))
    if args.misses:
        print("\nmissed:", *result["misses"], sep="\n  ")
        print("\nover-removed:", *result["over"], sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
