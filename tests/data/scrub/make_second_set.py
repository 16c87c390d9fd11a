"""Second labelled set of visit notes, written independently of make_labelled_set.py.

    .venv/bin/python tests/data/scrub/make_second_set.py  # set2_dev.jsonl, set2_heldout.jsonl

Nothing here is shared with the first set's generator or examples/notes.py: other styles (chat
lines with times and speakers, e-mail threads with headers and signatures, telegraphic notes with
pc/nr/geb/dob/bgg/vlgs, narrative paragraphs, mixed and ALL CAPS notes, form blocks), names from
Faker (nl_NL, tr_TR, pl_PL; Faker's ar_* locales write Arabic script, so Arabic names come from the
hand-made Syrian list) and hand-made lists, each name tagged with its source. Every note also
carries hard negatives: form headings, ALL CAPS housing signals, organisations and their public
numbers, holidays, public figures, "van"/"de" alone, street names without a number, block plannings.

Labels are character spans with a kind. The split into dev and held-out is made once, here, with
a fixed seed; the files are committed and not regenerated when the scrubber changes.
Faker is pinned in pyproject.toml (test extra) because its output depends on its version.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from faker import Faker

HERE = Path(__file__).resolve().parent
SEED = 20261202
N_NOTES = 360

# Hand-made lists (first, last), tagged by source.
HAND_NAMES: dict[str, list[tuple[str, str]]] = {
    "hand-eritrean": [
        ("Yonas", "Tesfamariam"), ("Senait", "Ghebremedhin"), ("Filmon", "Haile"),
        ("Merhawi", "Kidane"), ("Ruta", "Woldu"), ("Semhar", "Tekle"), ("Abraham", "Mehari"),
        ("Luwam", "Ghirmay"), ("Daniel", "Kahsay"), ("Saba", "Habtemariam"),
    ],
    "hand-somali": [
        ("Abdirahman", "Farah"), ("Hodan", "Warsame"), ("Fadumo", "Abdi"), ("Mohamed", "Jama"),
        ("Sahra", "Nur"), ("Abdullahi", "Dahir"), ("Hibo", "Yusuf"), ("Faysal", "Egal"),
        ("Ubah", "Hassan"), ("Ayan", "Mohamud"),
    ],
    "hand-syrian": [
        ("Rania", "Haddad"), ("Omar", "Al-Khatib"), ("Lina", "Kassab"), ("Yara", "Sabbagh"),
        ("Khaled", "Hamdan"), ("Nour", "Darwish"), ("Ahmad", "al Masri"), ("Hiba", "Qassem"),
        ("Samer", "Zein"), ("Rasha", "Mardini"),
    ],
    "hand-west-african": [
        ("Kwame", "Mensah"), ("Ama", "Owusu"), ("Chinedu", "Okafor"), ("Ngozi", "Eze"),
        ("Aminata", "Diallo"), ("Moussa", "Traoré"), ("Fatoumata", "Camara"), ("Kofi", "Boateng"),
        ("Adaeze", "Nwosu"), ("Ibrahima", "Sow"),
    ],
    "hand-antillean": [
        ("Shurandy", "Martina"), ("Jurgen", "Rosalia"), ("Giovanni", "Isenia"),
        ("Sharelle", "Statia"), ("Xiomara", "Cijntje"), ("Glenn", "Wanga"),
        ("Jeanette", "Girigorie"), ("Ruthmila", "Leito"), ("Edsel", "Doran"), ("Rudsel", "Koeiman"),
    ],
    "hand-surinamese": [
        ("Ravi", "Ramdin"), ("Shanti", "Jagessar"), ("Priya", "Bhageloe"), ("Marvin", "Pinas"),
        ("Sharmila", "Ramsaran"), ("Iwan", "Kartodikromo"), ("Sita", "Mangal"),
        ("Roy", "Sewnarain"), ("Natasja", "Tjon-A-Fat"), ("Errol", "Amatmoekrim"),
    ],
    # Names that are also Dutch words or places: the hardest kind for a scrubber.
    "hand-word-names": [
        ("Wil", "Storm"), ("Roos", "Hoop"), ("Frans", "Bos"), ("Bas", "Oosterbroek"),
        ("Mark", "Hoogeveen"), ("Hoop", "Apeldoorn"), ("Storm", "de Wit"), ("Koen", "Visser"),
        ("Jolanda", "d' Hondt"), ("Dirk", "van de Berg"),
    ],
}  # fmt: skip

STREET_HEADS = [
    "Dr. Jan Berends",
    "Burg. Hustinx",
    "Pater Leo",
    "St. Anna",
    "Mgr. Zwijsen",
    "Tulp",
    "Kastanje",
    "Esdoorn",
    "Prof. Molkenboer",
    "Hortensia",
    "Wilg",
    "Jac. Perk",
    "Karel Doorman",
    "Gen. Foulkes",
    "Zilverschoon",
    "Meidoorn",
]
STREET_TAILS = ["straat", "str", "laan", "ln", "weg", "hof", "plein", "singel", "pad"]
KEPT_STREETS = ["de Tolhuis", "de Molenweg", "het Kerkplein", "de Dennenstraat", "de Rozenlaan"]

HEADINGS = [
    "Persoon - belemmeringen",
    "Persoon - kansen",
    "Omgeving - belemmeringen",
    "Omgeving - kansen",
    "Belemmeringen",
    "Zorgsignalen",
    "Woonvragen",
    "Participatiekansen",
    "Directe acties",
]
CAPS_SIGNALS = [
    "HEEFT SCHIMMEL",
    "LEKKAGE IN BADKAMER",
    "GEEN WARM WATER",
    "TRAPLIFT NODIG",
    "ROOKMELDER KAPOT",
    "VEEL ZORGEN OVER GELD",
    "WIL MEEDOEN",
    "BANG VOOR HERRIE",
]
ORGS = [
    "Bindkracht10",
    "Woonwaarts",
    "Sociaal Wijkteam",
    "de Voedselbank",
    "Humanitas",
    "Buurtzorg",
    "het Juridisch Loket",
    "de GGD",
    "Talis",
    "het UWV",
]
ORG_CONTACT = [
    "huisartsenpost 0900-8880",
    "Juridisch Loket 0900-8020",
    "alarmnummer 112",
    "Sociaal Wijkteam 14 024",
    "Woonwaarts via 024 - 3650000 (klantenservice)",
]
HOLIDAYS = ["Eid", "Pasen", "Suikerfeest", "Keti Koti", "Sinterklaas", "Kerst", "Divali"]
PUBLIC = ["koning Willem-Alexander", "burgemeester Bruls", "Mark Rutte", "Máxima"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]  # fmt: skip
RELATIONS = ["zoon", "dochter", "buurvrouw", "buurman", "zus", "broer", "kleinzoon", "schoonzus"]


@dataclass
class Person:
    first: str
    last: str
    source: str


@dataclass
class Note:
    """A note under construction: text with labelled spans."""

    parts: list[str] = field(default_factory=list)
    spans: list[dict[str, object]] = field(default_factory=list)
    length: int = 0

    def t(self, text: str) -> Note:
        self.parts.append(text)
        self.length += len(text)
        return self

    def id(self, text: str, kind: str) -> Note:
        self.spans.append({"start": self.length, "end": self.length + len(text), "kind": kind})
        return self.t(text)

    def text(self) -> str:
        return "".join(self.parts)


class World:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fakers = {}
        for i, loc in enumerate(("nl_NL", "tr_TR", "pl_PL")):
            f = Faker(loc)
            f.seed_instance(SEED + i)
            self.fakers[loc] = f
        self.nl = self.fakers["nl_NL"]
        self.sources: list[str] = []  # where the names of the current note came from

    def person(self) -> Person:
        r = self.rng.random()
        if r < 0.45:
            loc = self.rng.choice(list(self.fakers))
            f = self.fakers[loc]
            self.sources.append(f"faker-{loc}")
            return Person(f.first_name(), f.last_name(), f"faker-{loc}")
        source = self.rng.choice(list(HAND_NAMES))
        first, last = self.rng.choice(HAND_NAMES[source])
        self.sources.append(source)
        return Person(first, last, source)

    def street(self) -> str:
        if self.rng.random() < 0.5:
            return str(self.nl.street_name())
        return self.rng.choice(STREET_HEADS) + self.rng.choice(STREET_TAILS)

    def number(self) -> str:
        n = str(self.rng.randint(1, 240))
        return n + self.rng.choice(["", "", "", "a", "-2", " bis", "-03"])

    def postcode(self) -> str:
        digits = str(self.rng.randint(1000, 9999))
        letters = "".join(self.rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2))
        form = self.rng.choice(["{d} {l}", "{d}{l}", "{d}  {l}", "{d} {ll}", "{d}  {ll}"])
        return form.format(d=digits, l=letters, ll=letters.lower())

    def phone(self) -> str:
        tail = "".join(str(self.rng.randint(0, 9)) for _ in range(8))
        forms = [
            f"06-{tail}",
            f"06 {tail[:2]} {tail[2:4]} {tail[4:6]} {tail[6:]}",
            f"+31 6 {tail}",
            f"024-{tail[:7]}",
            f"0{self.rng.randint(10, 99)} {tail[:3]} {tail[3:7]}",
        ]
        return self.rng.choice(forms)

    def email(self, p: Person) -> str:
        first = p.first.lower().replace(" ", "")
        last = p.last.lower().replace(" ", "").replace("'", "")
        dom = self.rng.choice(["gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl"])
        return f"{first}.{last}{self.rng.randint(1, 99)}@{dom}".replace("é", "e")

    def bsn(self) -> str:
        return str(self.nl.ssn())

    def iban(self) -> str:
        raw = str(self.nl.iban())
        if self.rng.random() < 0.5:
            return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
        return raw

    def birth(self) -> str:
        d, m, y = self.rng.randint(1, 28), self.rng.randint(1, 12), self.rng.randint(1932, 2004)
        forms = [f"{d}-{m}-{y}", f"{d:02d}-{m:02d}-'{y % 100:02d}", f"{d} {MONTHS[m - 1]} {y}",
                 f"{d}/{m}/{y % 100:02d}", f"{d:02d}.{m:02d}.{y}"]  # fmt: skip
        return self.rng.choice(forms)

    def pick(self, items: list[str]) -> str:
        return self.rng.choice(items)


def name_forms(w: World, n: Note, p: Person, *, lower: bool = False) -> None:
    """Write one person's name in one of the forms people use."""
    form = w.rng.choice(["full", "first", "last", "init", "init", "comma", "full"])
    first, last = p.first, p.last
    if form == "full":
        s = f"{first} {last}"
    elif form == "first":
        s = first
    elif form == "last":
        s = last
    elif form == "init":
        middle = w.pick(["C", "H", "M"])
        s = w.pick([f"{first[0]}. {last}", f"{first[0]}.{last[0]}. {last}",
                    f"{first[0]} {last}", f"{first[0]}.{middle} {last}"])  # fmt: skip
    else:
        s = f"{last}, {first}"
    if lower:
        s = s.lower()
    n.id(s, "PERSOON")


def negatives(w: World, n: Note) -> None:
    kind = w.rng.randrange(8)
    if kind == 0:
        n.t(f" {w.pick(CAPS_SIGNALS)}.")
    elif kind == 1:
        n.t(f" Doorverwezen naar {w.pick(ORGS)}, {w.pick(ORG_CONTACT)}.")
    elif kind == 2:
        n.t(f" Met {w.pick(HOLIDAYS)} komt de hele familie.")
    elif kind == 3:
        n.t(f" Heeft een foto met {w.pick(PUBLIC)} aan de muur.")
    elif kind == 4:
        n.t(f" Op {w.pick(KEPT_STREETS)} is het 's avonds donker.")
    elif kind == 5:
        a = w.rng.randint(1, 60)
        n.t(f" Planning: blok {a} t/m {a + w.rng.randint(8, 30)} in fase {w.rng.randint(1, 3)}.")
    elif kind == 6:
        n.t(" Van de week weer gebeld, de aannemer komt later.")
    else:
        n.t(f" De {w.pick(['lift', 'galerij', 'speeltuin'])} is van de corporatie.")


def chat(w: World) -> Note:
    n = Note()
    worker, res = w.person(), w.person()
    hh = w.rng.randint(8, 20)
    mm = w.rng.randint(10, 59)
    n.t(f"[{hh}:{mm:02d}] ").id(worker.first, "PERSOON").t(": ben bij ")
    n.t(w.pick(["mw ", "dhr ", "fam. "])).id(res.last, "PERSOON").t(" op ").id(
        w.number(), "ADRES"
    ).t("\n")
    n.t(f"[{hh}:{mm + 1 if mm < 59 else mm:02d}] ").id(res.first, "PERSOON").t(": ")
    n.t(w.pick(["ja kom maar boven", "deur is open", "ik ben thuis", "bel maar aan"]) + "\n")
    n.t(f"[{hh + 1}:05] ").id(worker.first, "PERSOON").t(": ")
    r = w.rng.randrange(4)
    if r == 0:
        n.t("nieuw nr is ").id(w.phone(), "TELEFOON")
    elif r == 1:
        n.t(f"{w.pick(RELATIONS)} ").id(w.person().first, "PERSOON").t(" helpt met inpakken")
    elif r == 2:
        n.t("mailt haar via ").id(w.email(res), "EMAIL")
    else:
        n.t("ik ben ").id(w.person().first, "PERSOON").t(" van ").id(w.number(), "ADRES")
        n.t(" zei de buurman")
    negatives(w, n)
    return n


def email(w: World) -> Note:
    n = Note()
    sender, res = w.person(), w.person()
    n.t("Van: ").id(f"{sender.first} {sender.last}", "PERSOON").t(" <")
    n.id(w.email(sender), "EMAIL").t(">\nAan: team\nOnderwerp: huisbezoek\n\nHoi allen,\n\n")
    n.t("Dossier: ").id(f"{res.last}, {res.first}", "PERSOON").t(" / ")
    n.id(f"{w.street()} {w.number()}", "ADRES").t(" / ").id(w.postcode(), "POSTCODE").t("\n")
    n.t(f"Gisteren gesproken. {w.pick(HEADINGS)}: ")
    n.t(w.pick(["weinig contact met buren", "moeite met trap", "wil helpen bij de moestuin"]))
    if w.rng.random() < 0.5:
        n.t(". Tel ").id(w.phone(), "TELEFOON")
    if w.rng.random() < 0.4:
        n.t(". Rekening voor de vergoeding: ").id(w.iban(), "IBAN")
    negatives(w, n)
    n.t("\n\nGroet,\n").id(sender.first, "PERSOON").t("\nopbouwwerker ")
    n.t(w.pick(["Bindkracht10", "Sociaal Wijkteam"]))
    return n


def telegram(w: World) -> Note:
    n = Note()
    res = w.person()
    n.t(w.pick(["mw ", "dhr ", "hr. ", "mevr "]))
    name_forms(w, n, res)
    n.t(", pc ").id(w.postcode(), "POSTCODE").t(" nr ").id(w.number(), "ADRES")
    r = w.rng.randrange(4)
    if r == 0:
        n.t(", geb ").id(w.birth(), "GEBOORTEDATUM")
    elif r == 1:
        n.t(", dob ").id(res.first, "PERSOON").t(": ").id(w.birth(), "GEBOORTEDATUM")
    elif r == 2:
        n.t(", geb.datum ").id(res.last, "PERSOON").t(": ").id(w.birth(), "GEBOORTEDATUM")
    else:
        n.t(", bsn ").id(w.bsn(), "BSN")
    n.t(". bgg ").id(w.phone(), "TELEFOON").t(". vlgs ")
    n.t(w.pick(RELATIONS) + " ")
    name_forms(w, n, w.person(), lower=w.rng.random() < 0.4)
    n.t(" veel alleen.")
    negatives(w, n)
    return n


def narrative(w: World) -> Note:
    n = Note()
    res, other = w.person(), w.person()
    n.t("Vandaag op bezoek geweest bij ")
    n.t(w.pick(["mevrouw ", "meneer ", "de familie "])).id(res.last, "PERSOON")
    n.t(" aan de ").id(f"{w.street()} {w.number()}", "ADRES")
    n.t(". Het gesprek ging vooral over eenzaamheid. Haar ")
    n.t(w.pick(RELATIONS)).t(" ").id(other.first, "PERSOON")
    n.t(" komt eens per maand langs. ")
    r = w.rng.randrange(4)
    if r == 0:
        n.t("Het bleek ").id(w.person().first, "PERSOON").t(" te zijn, de buurvrouw van hiernaast.")
    elif r == 1:
        n.t("Bij de buren op ").id(w.number(), "ADRES").t(" is ook lekkage.")
    elif r == 2:
        n.t("Ze is geboren op ").id(w.birth(), "GEBOORTEDATUM").t(" en voelt zich oud.")
    else:
        n.t("Haar ").id(f"{other.first} {other.last}", "PERSOON").t(" belt soms vanuit Turkije.")
    negatives(w, n)
    return n


def caps(w: World) -> Note:
    n = Note()
    res = w.person()
    n.t("NOTITIE HUISBEZOEK. ")
    n.t(w.pick(["MW ", "DHR "])).id(res.last.upper(), "PERSOON").t(" ")
    n.id(f"{w.street().upper()} {w.number()}", "ADRES").t(". ")
    n.t(w.pick(CAPS_SIGNALS)).t(". ")
    n.t("Tel: ").id(w.phone(), "TELEFOON").t(". ")
    n.t(w.pick(CAPS_SIGNALS)).t(" en ")
    n.t(w.pick(RELATIONS)).t(" ")
    name_forms(w, n, w.person(), lower=True)
    n.t(" komt " + w.pick(["dinsdag", "morgen", "na de vakantie"]) + ".")
    negatives(w, n)
    return n


def blocks(w: World) -> Note:
    n = Note()
    res = w.person()
    n.t(f"{w.pick(HEADINGS)}\n")
    n.t(w.pick(["Mw. ", "Dhr. ", ""]))
    name_forms(w, n, res)
    n.t(" (").id(str(w.rng.randint(2, 180)), "ADRES").t(") heeft last van de trap.\n")
    n.t(f"{w.pick(HEADINGS)}\n")
    r = w.rng.randrange(4)
    if r == 0:
        n.t("nummer ").id(f"{w.rng.randint(1, 40)}-{w.rng.randint(1, 9):02d}", "ADRES")
        n.t(f" valt in fase {w.rng.randint(1, 3)}.")
    elif r == 1:
        n.t("Wil graag koken met ").id(w.person().first.lower(), "PERSOON").t(" van hiernaast.")
    elif r == 2:
        n.t("pc + nr: ").id(w.postcode(), "POSTCODE").t(" ").id(w.number(), "ADRES")
    else:
        n.t("Zoon woont op de ").id(f"{w.street()} {w.number()}", "ADRES").t(".")
    negatives(w, n)
    return n


STYLES = {
    "chat": chat, "email": email, "telegram": telegram, "narrative": narrative,
    "caps": caps, "blocks": blocks,
}  # fmt: skip


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    world = World(rng)
    records: list[dict[str, object]] = []
    names = list(STYLES)
    for i in range(N_NOTES):
        style = names[i % len(names)]
        world.sources = []
        note = STYLES[style](world)
        text = note.text()
        for s in note.spans:
            assert text[int(str(s["start"])) : int(str(s["end"]))].strip(), (style, text)
        records.append(
            {"style": style, "names": sorted(set(world.sources)), "text": text, "spans": note.spans}
        )
    # One split, made once with a fixed seed.
    order = list(range(len(records)))
    random.Random(SEED + 1).shuffle(order)
    half = set(order[: len(order) // 2])
    for i, r in enumerate(records):
        split = "dev" if i in half else "heldout"
        r["split"] = split
        r["id"] = f"s2-{split}-{i:04d}"
        r["source"] = "make_second_set"
    return records


def main() -> None:
    records = build()
    for split in ("dev", "heldout"):
        path = HERE / f"set2_{split}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for r in records:
                if r["split"] == split:
                    keys = ("id", "split", "source", "style", "names", "text", "spans")
                    f.write(json.dumps({k: r[k] for k in keys}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
