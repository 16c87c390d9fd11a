"""Generate the labelled scrubber test set: ``dev.jsonl`` (for tuning) and ``heldout.jsonl``.

Run ``python tests/data/scrub/make_labelled_set.py``; the output is deterministic (fixed seed).
Each line is ``{"id", "split", "source", "text", "spans": [{"start", "end", "kind"}]}``.

Two sources per split:
- ``hand``: notes written by hand in ``hand_<split>.txt`` with ``{KIND:text}`` markup;
- ``template``: notes assembled from sentence fragments with invented identifiers filled in.
The two splits share no fragment, no name, no street and no hand-written note: the fragment list
is split alternately and every pool below is declared per split. Every identifier is invented.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240603
TEMPLATE_NOTES = {"dev": 160, "heldout": 260}
CODES = {
    "P": "PERSOON",
    "A": "ADRES",
    "C": "POSTCODE",
    "T": "TELEFOON",
    "E": "EMAIL",
    "B": "BSN",
    "I": "IBAN",
    "G": "GEBOORTEDATUM",
}

FIRST = {
    "dev": (
        "Piet Anja Henk Ingrid Truus Kees Sandra Wim Marloes Joost Femke Gert Riet Bram Lieke Ruud "
        "Mohammed Fatima Youssef Khadija Hamza Nadia Samira Rachid Karim Latifa "
        "Mehmet Ayşe Emre Zeynep Hatice Yusuf Elif Burak "
        "Ramon Shanti Rishi Dewi Sunita Ravi Kiran Anand "
        "Agnieszka Piotr Marta Krzysztof Magda Tomek "
        "Jerry Gloria Kwame Ama Ngozi Thanh"
    ).split(),
    "heldout": (
        "Jan Gerda Theo Yvonne Harrie Mieke Ton Wilma Sjaak Bea Niels Lisa Koen Joyce Arie Nel "
        "Abdel Malika Hicham Soufiane Zineb Imane Bilal Houda Driss Layla "
        "Ahmet Fatma Osman Gül Serkan Derya Kemal Sibel "
        "Radjesh Anita Prem Vanita Sharda Roy Sylvana Orlando "
        "Katarzyna Paweł Joanna Łukasz Dorota Marek "
        "Kofi Abena Samuel Grace Hoa Minh"
    ).split(),
}
SURNAME = {
    "dev": (
        "Jansen|de Vries|van den Berg|Bakker|Visser|Smit|Meijer|de Boer|Mulder|Dekker|"
        "Hendriks|Peeters|van Dijk|Willems|Verhoeven|Gerritsen|Arts|Thijssen|Hoogendoorn|"
        "El Amrani|Bouzid|Benali|Ouahabi|El Khatib|Azzouzi|Tahiri|"
        "Yilmaz|Kaya|Demir|Şahin|Öztürk|Arslan|Doğan|"
        "Soekhai|Ramdin|Kartosen|Sewnarain|Jadnanansing|Pinas|Tjon-A-Joe|"
        "Kowalski|Nowak|Wiśniewska|Zieliński|Mensah|Nguyen|Okafor"
    ).split("|"),
    "heldout": (
        "Jacobs|van Leeuwen|de Graaf|Koster|Schouten|Brouwer|de Wit|van der Heijden|Wolters|"
        "Kuijpers|Hermsen|Janssens|Roelofs|Geurts|Derksen|van Beek|Lamers|Huisman|Cornelissen|"
        "Belhaj|Ait Taleb|Chaouch|Boulahrouz|El Ouardi|Ziani|Haddouchi|"
        "Çelik|Aydın|Kılıç|Koç|Yıldız|Erdoğan|Polat|"
        "Ramsaran|Bhikhie|Doerga|Mahabier|Kanhai|Sardjoe|Lie-A-Ling|"
        "Kowalczyk|Lewandowska|Wójcik|Kamiński|Asante|Tran|Adeyemi"
    ).split("|"),
}
STREETS = {
    "dev": (
        "Lankforst|Meijhorst|Zwanenveld|Tolhuis|Thijmstraat|Graafseweg|Sint Annastraat|"
        "De Witstraat|Kerkstraat|Molenweg|Vossendijk|Burgemeester Daleslaan|Oranjesingel|"
        "St. Jacobslaan|Dijkstraat"
    ).split("|"),
    "heldout": (
        "Aldenhof|Malvert|Weezenhof|Hatertseweg|Wolfskuilseweg|Tweede Oude Heselaan|"
        "Van Welderenstraat|Groenestraat|Hazenkampseweg|Heyendaalseweg|Berg en Dalseweg|"
        "Energieweg|Javastraat|Dennenstraat|Pater Brugmanstraat"
    ).split("|"),
}
TITLES = {
    "dev": "mw.|Mw.|mw|Mevr.|mevrouw|dhr.|Dhr.|dhr|meneer|fam.|Fam.|familie|de heer".split("|"),
    "heldout": "Mw|mevr|Mevrouw|Dhr|Meneer|heer|Fam|Familie|gezin|mevr.|De heer|mw.".split("|"),
}
RELATIONS = (
    "buurman buurvrouw dochter zoon kleinzoon kleindochter vriendin vriend zus broer "
    "schoonzoon nicht neef oom tante partner man vrouw moeder vader mantelzorger buurjongen"
).split()
DOMAINS = "gmail.com hotmail.com outlook.com ziggo.nl kpnmail.nl live.nl home.nl planet.nl".split()
MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
BANKS = "ABNA INGB RABO SNSB TRIO ASNB KNAB BUNQ".split()

# Fragments: <FULL> first + surname, <FIRST>, <SUR> surname with a title before it, <REL> a
# relation word followed by a first name, <ADDR> street and house number, <NR> "nr. 14",
# <PC>, <PHONE>, <EMAIL>, <BSN>, <IBAN>, <BDATE> a birth date with its lead-in word.
# Fragments without slots are hard negatives. Even positions go to dev, odd ones to heldout.
FRAGMENTS = [
    "<SUR> (<AGE> jaar) woont alleen.",
    "<SUR> is <AGE>, woont alleen sinds overlijden partner.",
    "<REL> komt elke week langs.",
    "Heeft veel steun aan <REL>.",
    "<FULL> wil graag meedoen met de bewonersgroep.",
    "gesprek gehad met <FULL>, gaat goed.",
    "Tel. <PHONE>",
    "bereikbaar op <PHONE> (na 17u)",
    "Woont op <ADDR>.",
    "adres <ADDR>, ingang achterom",
    "<PC> Nijmegen",
    "Postcode is <PC>, klopt met lijst.",
    "Mail: <EMAIL>",
    "wil nieuwsbrief op <EMAIL>",
    "BSN <BSN> voor Wmo-aanvraag.",
    "bsn nr <BSN> doorgegeven aan wijkteam",
    "IBAN <IBAN> voor terugbetaling huur.",
    "rekeningnummer <IBAN>",
    "<BDATE>, weduwe.",
    "Bewoner is <BDATE>.",
    "Afspraak volgende week dinsdag 14 maart met wijkteam.",
    "Op woensdag 3 mei komt de aannemer kijken.",
    "Huisarts weet ervan, GGZ is betrokken.",
    "Wil contact met Sociaal Wijkteam over geldzorgen.",
    "Krijgt pakket van de Voedselbank.",
    "Humanitas thuisadministratie helpt met post.",
    "Wil naar koffieochtend in het buurthuis.",
    "Bindkracht10 gaat contact opnemen.",
    "Woonwaarts is op de hoogte van de schimmel.",
    "Zoon is bakker en werkt 's nachts.",
    "De bakker op de hoek is dicht, jammer.",
    "De Witstraat is te druk, kinderen steken over.",
    "De speeltuin aan de Kerkstraat is kapot.",
    "Buurman helpt met de tuin.",
    "Dochter woont in Amsterdam.",
    "<SUR> en <REL> willen samen iets organiseren.",
    "<FIRST> vertelt dat de lift vaak kapot is.",
    "<FIRST> is eenzaam en zit veel binnen.",
    "mantelzorg voor <FULL> zwaar.",
    "<SUR> heeft hulp nodig bij inpakken.",
    "Overlast van <FIRST> van <NR>, hard muziek.",
    "bij <NR> ook vocht in slaapkamer",
    "Belt terug via <PHONE>.",
    "<SUR>: tel <PHONE>, mail <EMAIL>",
    "<FULL>, <ADDR>, <PC>",
    "<SUR>, <ADDR>",
    "Diabetes, slecht ter been, <AGE> jaar.",
    "Heeft 3 kinderen, oudste is 17.",
    "Geldzorgen door hoge energierekening.",
    "Wil helpen met koken voor de buurtmaaltijd.",
    "Kan goed naaien, wil dat anderen leren.",
    "<FIRST> ziet de renovatie niet zitten.",
    "ze kent <FIRST> van de moskee.",
    "<REL> regelt de financiën.",
    "Contactpersoon: <REL>, <PHONE>",
    "<SUR> geeft aan dat <FIRST> veel drinkt.",
    "Gesprek in het Turks, <REL> vertaalde.",
    "<BDATE>, BSN <BSN>.",
    "Heeft geen telefoon, alleen vaste lijn <PHONE>.",
    "<FULL> (<AGE>) is mantelzorger voor haar man.",
    "Volgende afspraak maandag 9 oktober.",
    "Vrijdag 2 juni gaat ze naar het ziekenhuis.",
    "In Dukenburg woont ze al 30 jaar.",
    "Wil graag verhuizen naar Lindenholt.",
    "Vindt de wijk onveilig 's avonds.",
    "Heeft een hond, Bobby, die niet tegen boren kan.",
    "<SUR> wil een bankje bij de ingang.",
    "<FIRST> en <FIRST> willen barbecue organiseren.",
    "huisnummer <ADDR> heeft lekkage",
    "<SUR> woont op <ADDR> met <REL>.",
    "Zorgsignaal: <SUR> valt vaak.",
    "Welzijnsvraag: <FIRST> wil vrijwilligerswerk.",
    "<SUR> is een van de eerste bewoners van de flat.",
    "Wil niet dat Woonwaarts weet van onderhuur.",
    "<FULL> spreekt weinig Nederlands.",
    "Buurvrouw is 80 en heeft dementie.",
    "Tel <PHONE>, liever whatsapp.",
    "Geen mail, wel <PHONE>.",
    "<SUR> vraagt naar de planning van de keuken.",
    "<REL> woont op <ADDR>.",
    "<FIRST> zegt: 'ik wil gewoon rust'.",
    "<FIRST> werkt bij de Albert Heijn.",
    "Verwezen naar huisarts en wijkverpleging.",
    "Maandag komt de thuiszorg.",
    "Vaak bezoek van <REL>.",
    "<SUR> (<PHONE>) niet thuis, briefje in bus.",
    "<FULL> <BDATE>.",
    "<SUR>, <BDATE>, rolstoel.",
    "Postcode <PC>, huisnummer klopt niet.",
    "<ADDR> <PC>",
    "<EMAIL> is haar mailadres.",
    "<FIRST> heeft schulden, IBAN <IBAN> bij bewindvoerder bekend.",
]

PHONE_FORMATS = [
    "06-{a}{b}",
    "06 {a4} {b4}",
    "06{a}{b}",
    "+31 6 {a4} {b4}",
    "+316{a}{b}",
    "0031 6 {a}{b}",
    "06-{a2} {a3} {b3}",
    "6{a}{b}",
    "06 - {a}{b}",
    "024-{l7}",
    "024 {l3} {l2} {l2b}",
    "0243{l6}",
    "+31 24 {l7}",
    "(024) {l7}",
]


def digits(rnd: random.Random, n: int) -> str:
    return "".join(str(rnd.randint(0, 9)) for _ in range(n))


def phone(rnd: random.Random) -> str:
    a, b = digits(rnd, 4), digits(rnd, 4)
    fmt = rnd.choice(PHONE_FORMATS)
    return fmt.format(
        a=a,
        b=b,
        a4=a,
        b4=b,
        a2=(a + b)[:2],
        a3=(a + b)[2:5],
        b3=(a + b)[5:8],
        l7=str(rnd.randint(2, 8)) + digits(rnd, 6),
        l6=digits(rnd, 6),
        l3=str(rnd.randint(2, 8)) + digits(rnd, 2),
        l2=digits(rnd, 2),
        l2b=digits(rnd, 2),
    )


def bsn(rnd: random.Random) -> str:
    while True:
        d = [rnd.randint(1, 9)] + [rnd.randint(0, 9) for _ in range(7)]
        check = sum(x * w for x, w in zip(d, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            s = "".join(map(str, [*d, check]))
            return rnd.choice([s, f"{s[:3]}.{s[3:6]}.{s[6:]}", f"{s[:3]} {s[3:6]} {s[6:]}", s])


def iban(rnd: random.Random) -> str:
    bank, account = rnd.choice(BANKS), digits(rnd, 10)
    rearranged = bank + account + "NL00"
    number = int("".join(str(int(c, 36)) for c in rearranged))
    s = f"NL{98 - number % 97:02d}{bank}{account}"
    spaced = " ".join(s[i : i + 4] for i in range(0, len(s), 4))
    return rnd.choice([s, spaced, spaced, s.lower()])


def birth_date(rnd: random.Random) -> tuple[str, str]:
    """Return (lead-in, date); only the date is labelled."""
    d, m, y = rnd.randint(1, 28), rnd.randint(1, 12), rnd.randint(1930, 1990)
    date = rnd.choice(
        [
            f"{d}-{m}-{y}",
            f"{d:02d}-{m:02d}-{y}",
            f"{d} {MONTHS[m - 1]} {y}",
            f"{d}/{m}/{y}",
            f"{d}.{m}.{y}",
            f"{y}-{m:02d}-{d:02d}",
        ]
    )
    lead = rnd.choice(
        ["geboren", "geb.", "geboortedatum", "Geb.", "geb", "geboren op", "Geb. datum:"]
    )
    return lead, date


def address(rnd: random.Random, split: str) -> str:
    street = rnd.choice(STREETS[split])
    n = rnd.randint(1, 140)
    number = rnd.choice(
        [
            str(n),
            f"{n}-{rnd.randint(1, 40)}",
            f"{n}a",
            f"{n} A",
            f"{n}-{rnd.randint(1, 9)}",
            f"{n}B",
            f"{n}-b",
        ]
    )
    if rnd.random() < 0.12:
        street = street.lower()
    return f"{street} {number}"


def mangle(rnd: random.Random, name: str) -> str:
    """Lowercase some names and misspell a few, as hurried notes do."""
    r = rnd.random()
    if r < 0.15:
        return name.lower()
    swaps = [
        i
        for i in range(1, len(name) - 1)
        if name[i : i + 2].isalpha() and name[i : i + 2].islower()
    ]
    if r < 0.20 and swaps:
        i = rnd.choice(swaps)
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name


def template_note(rnd: random.Random, split: str, fragments: list[str]) -> tuple[str, list[dict]]:
    parts = rnd.sample(fragments, rnd.randint(2, 4))
    text, spans = "", []
    people = [(rnd.choice(FIRST[split]), rnd.choice(SURNAME[split])) for _ in range(2)]

    def add(value: str, kind: str | None) -> None:
        nonlocal text
        if kind:
            spans.append({"start": len(text), "end": len(text) + len(value), "kind": kind})
        text += value

    for part in parts:
        pieces = re.split(r"(<[A-Z]+>)", part)
        for piece in pieces:
            first, sur = rnd.choice(people)
            if piece == "<FULL>":
                add(mangle(rnd, first), "PERSOON")
                add(" ", None)
                add(mangle(rnd, sur), "PERSOON")
            elif piece == "<FIRST>":
                add(mangle(rnd, first), "PERSOON")
            elif piece == "<SUR>":
                title = rnd.choice(TITLES[split])
                add(title if text else title[0].upper() + title[1:], None)
                add(" ", None)
                add(mangle(rnd, sur), "PERSOON")
            elif piece == "<REL>":
                add(rnd.choice(RELATIONS) + " ", None)
                add(mangle(rnd, first), "PERSOON")
            elif piece == "<ADDR>":
                add(address(rnd, split), "ADRES")
            elif piece == "<NR>":
                add(rnd.choice(["nr. ", "nr ", "Nr. ", "no. "]) + str(rnd.randint(1, 99)), "ADRES")
            elif piece == "<PC>":
                pc = f"{rnd.randint(1000, 9999)}{rnd.choice(['', ' '])}"
                pc += "".join(rnd.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
                add(pc.lower() if rnd.random() < 0.1 else pc, "POSTCODE")
            elif piece == "<PHONE>":
                add(phone(rnd), "TELEFOON")
            elif piece == "<EMAIL>":
                local = rnd.choice(
                    [f"{first}.{sur}", f"{first[0]}.{sur}", f"{first}{rnd.randint(50, 99)}", sur]
                )
                local = re.sub(r"[^a-z0-9.]", "", local.lower())
                add(f"{local}@{rnd.choice(DOMAINS)}", "EMAIL")
            elif piece == "<BSN>":
                add(bsn(rnd), "BSN")
            elif piece == "<IBAN>":
                add(iban(rnd), "IBAN")
            elif piece == "<BDATE>":
                lead, date = birth_date(rnd)
                add(lead + " ", None)
                add(date, "GEBOORTEDATUM")
            elif piece == "<AGE>":
                add(str(rnd.randint(18, 95)), None)
            else:
                add(piece, None)
        add(" ", None)
    return text.strip(), spans


def hand_notes(rnd: random.Random, split: str) -> list[tuple[str, list[dict]]]:
    notes = []
    for line in (HERE / f"hand_{split}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, spans, pos = "", [], 0
        for m in re.finditer(r"\{([A-Z]):([^}]*)\}", line):
            text += line[pos : m.start()]
            kind, value = CODES[m.group(1)], m.group(2)
            if value == "*":
                value = bsn(rnd) if kind == "BSN" else iban(rnd)
            spans.append({"start": len(text), "end": len(text) + len(value), "kind": kind})
            text += value
            pos = m.end()
        text += line[pos:]
        notes.append((text, spans))
    return notes


def main() -> None:
    for index, split in enumerate(("dev", "heldout")):
        rnd = random.Random(SEED + index)
        fragments = FRAGMENTS[index::2]
        notes = [("hand", *n) for n in hand_notes(rnd, split)]
        notes += [
            ("template", *template_note(rnd, split, fragments))
            for _ in range(TEMPLATE_NOTES[split])
        ]
        with (HERE / f"{split}.jsonl").open("w", encoding="utf-8") as out:
            for number, (source, text, spans) in enumerate(notes, start=1):
                record = {
                    "id": f"{split}-{number:04d}",
                    "split": split,
                    "source": source,
                    "text": text,
                    "spans": spans,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{split}: {len(notes)} notes")


if __name__ == "__main__":
    main()
