"""Third labelled set of visit notes for the scrubber, written blind to its rules (issue 7).

    .venv/bin/python tests/data/scrub/make_third_set.py  # set3_dev.jsonl, set3_heldout.jsonl

The notes imitate what a project team really types: Google Forms cells pasted with their line
breaks, WhatsApp exports, forwarded Outlook mails with signatures, a worker's shorthand, intake
lists, long reflective narrative, simple Dutch with spelling mistakes by a non-native writer and
mixed Dutch/English. Names come from Faker locales the other sets hardly use (Latin script only)
and from hand-made lists below, each tagged with its source. Streets and towns are invented.
Every note carries hard negatives (organisations, public figures, holidays, meeting dates, money,
times, room counts, bus lines, years, ages, block numbers, streets without a number, everyday
words that are names elsewhere). The labelling rules are in SET3.md next to this file.

Deterministic: a fixed seed, Faker pinned in pyproject.toml; tests/test_scrub_third_set.py checks
that the committed files are what this script writes.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 73_2026
NOTES_PER_STYLE = 42
KINDS = ("PERSOON", "ADRES", "POSTCODE", "TELEFOON", "EMAIL", "BSN", "IBAN", "GEBOORTEDATUM")
STYLES = ("forms", "whatsapp", "mail", "shorthand", "intake", "narrative", "nt2", "mixed")

# --- names: (female first names, male first names, surnames) per source --------------------------

HAND_NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "hand-moroccan-berber": (
        ["Fatima", "Khadija", "Rachida", "Naima", "Touria", "Tiziri", "Itto", "Tanirt", "Ijja",
         "Malika", "Hafsa", "Nadia", "Zoulikha", "Fadma"],
        ["Mohamed", "Youssef", "Hassan", "Said", "Abdelkader", "Mimoun", "Driss", "Massinissa",
         "Yuba", "Mohand", "Brahim", "Lahcen", "Abdeslam", "Hamid"],
        ["El Idrissi", "Boukhari", "Amrani", "Azzouzi", "Ouaali", "Bouzidi", "El Ouazzani",
         "Ait Hammou", "Ben Haddou", "Tahiri", "Chakour", "Oulad Ali", "Aharchi", "Bouchtaoui"],
    ),
    "hand-ghanaian": (
        ["Akosua", "Ama", "Abena", "Efua", "Adwoa", "Esi", "Akua", "Yaa", "Afua", "Gifty"],
        ["Kwame", "Kofi", "Yaw", "Kwabena", "Kojo", "Kwaku", "Kwesi", "Ebo", "Nana", "Fiifi"],
        ["Mensah", "Owusu", "Boateng", "Asante", "Osei", "Agyeman", "Appiah", "Amoako", "Ofori",
         "Darko", "Quaye", "Ansah", "Frimpong"],
    ),
    "hand-indonesian-moluccan": (
        ["Dewi", "Sri", "Ratna", "Johanna", "Wilhelmina", "Elisabeth", "Yohana", "Nona", "Putri",
         "Martha"],
        ["Agus", "Budi", "Yohanis", "Semuel", "Alfons", "Frits", "Hendrik", "Benny", "Johny",
         "Daan"],
        ["Latumahina", "Pattikawa", "Tuhumury", "Matulessy", "Sahetapy", "Manuhutu", "Wattimena",
         "Soplanit", "Lekatompessy", "Siahaya", "Nanlohy", "Pattiwael", "Hehanussa", "Wijaya",
         "Santoso", "Hartono"],
    ),
    "hand-cape-verdean": (
        ["Djenifer", "Zuleica", "Ivanilda", "Elisângela", "Nilda", "Edna", "Maria de Lurdes",
         "Dulce", "Carla", "Lúcia"],
        ["Anilton", "Edmilson", "Nelson", "Adilson", "Januário", "Djoy", "Arlindo", "Valdir",
         "Zeca", "Nuno"],
        ["Tavares", "Lopes", "Monteiro", "Fortes", "Semedo", "Varela", "Rodrigues", "Gomes",
         "Delgado", "da Veiga", "Brito", "Pina", "Andrade"],
    ),
    "hand-afghan": (
        ["Mariam", "Shabnam", "Nasrin", "Parwin", "Gulalai", "Sediqa", "Mursal", "Freshta",
         "Zarghona", "Homa"],
        ["Ahmad", "Farid", "Hamidullah", "Wahid", "Rahmatullah", "Habibullah", "Najib",
         "Zabihullah", "Khalid", "Jawed"],
        ["Rahimi", "Sultani", "Ahmadzai", "Popal", "Karimi", "Noori", "Hakimi", "Wardak",
         "Nazari", "Amiri", "Stanikzai", "Safi", "Mohammadi"],
    ),
    "hand-ukrainian": (
        ["Olena", "Yuliia", "Nataliia", "Oksana", "Tetiana", "Iryna", "Svitlana", "Halyna",
         "Liudmyla", "Khrystyna"],
        ["Oleksandr", "Mykola", "Dmytro", "Andrii", "Bohdan", "Vasyl", "Serhii", "Yurii",
         "Taras", "Volodymyr"],
        ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko",
         "Lysenko", "Hrytsenko", "Savchuk", "Koval", "Moroz", "Pavlenko"],
    ),
    "hand-polish-diminutive": (
        ["Kasia", "Gosia", "Basia", "Asia", "Ola", "Jadzia", "Zosia", "Marysia", "Ewka", "Madzia"],
        ["Tomek", "Bartek", "Jurek", "Zbyszek", "Krzysiek", "Piotrek", "Staszek", "Wojtek",
         "Maciek", "Kuba"],
        ["Kowalczyk", "Wiśniewska", "Nowak", "Zieliński", "Wójcik", "Kamińska", "Lewandowski",
         "Dąbrowski", "Szymańska", "Grabowski", "Pietrzak"],
    ),
    "hand-dutch-nickname": (
        ["Truus", "Ria", "Bep", "Mien", "Greet", "Ans", "Toos", "Riek", "Nel", "Dini", "Ineke",
         "Lenie", "Joke", "Wil"],
        ["Henk", "Joop", "Kees", "Sjaak", "Wim", "Bert", "Gerrit", "Cor", "Harrie", "Jan-Willem",
         "Teun", "Piet", "Jantje"],
        ["Janssen", "van den Heuvel", "Verhoeven", "Hendriks", "Peters", "Willems", "van Beek",
         "Gerritsen", "Arts", "Derksen", "Hermsen", "Jacobs", "Roelofs", "Wijers", "Thijssen"],
    ),
    "hand-dutch-word": (
        ["Roos", "Fleur", "Iris", "Sterre", "Bloem", "Hoop", "Lente", "Zon", "Merel", "Anemoon"],
        ["Mees", "Storm", "Vos", "Bram", "Stijn", "Klaas", "Sander", "Tijs", "Wolf", "Daan"],
        ["Groen", "Koning", "de Bakker", "Visser", "Bos", "Klein", "de Wit", "Hoek", "Kok",
         "Vos", "Schipper", "Brouwer", "Zwart", "Winter", "Appel", "Baas", "Smit", "Mooi"],
    ),
}  # fmt: skip

FAKER_LOCALES = ("fr_FR", "de_DE", "en_GB", "it_IT", "es_ES", "pt_PT", "ro_RO", "en_IN")


def _latin(word: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in word)


def faker_names() -> dict[str, tuple[list[str], list[str], list[str]]]:
    """Forty draws per list and locale; only Latin-script names, first occurrence kept."""
    from faker import Faker

    pools: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for number, locale in enumerate(FAKER_LOCALES):
        fake = Faker(locale)
        fake.seed_instance(SEED + number)
        lists = (
            [fake.first_name_female() for _ in range(40)],
            [fake.first_name_male() for _ in range(40)],
            [fake.last_name() for _ in range(40)],
        )
        female, male, last = (list(dict.fromkeys(n for n in ls if _latin(n))) for ls in lists)
        assert female and male and last, locale
        pools[f"faker-{locale}"] = (female, male, last)
    return pools


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool
    source: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def initials(self) -> str:
        return f"{self.first[0]}. {self.last}"

    @property
    def surname(self) -> str:
        """After a title a Dutch prefix is capitalised: mevrouw Van den Heuvel."""
        return self.last[0].upper() + self.last[1:]


# --- places: invented towns and streets with real-style suffixes -------------------------------

TOWNS = ["Wolderveen", "Hazelrode", "Kempenhorst", "Ravenswaard", "Oosterbroek", "Lindelo",
         "Terbeke", "Gruttewaard", "Heesterloo", "Molenrade", "Bergeijkhoven", "Dommelveld",
]  # fmt: skip
ROOTS = ["Lijsterbes", "Kievit", "Wilgen", "Meidoorn", "Reiger", "Vlasakker", "Korenbloem",
         "Brem", "Hazelaar", "Ooievaar", "Zilverschoon", "Molenwerf", "Duivenkamp", "Klaproos",
         "Watermunt", "Smidse", "Ganzenwei", "Boterbloem", "Zwanenveld", "Heggenrank", "Vlier",
         "Gruttoveld", "Ketelboeter", "Touwslagers", "Lakenblekers", "Kromme Akker"]  # fmt: skip
SUFFIXES = ["straat", "laan", "hof", "plein", "singel", "kade", "erf", "dreef", "weg", "pad",
            "gaarde", "wal", "steeg", "akker"]  # fmt: skip
STREET_PEOPLE = ["Terwindt", "Hoogkamp", "Daalderop", "Kerstens", "Van Beuningen", "Ruysdael",
                 "Lorentz", "Suijs", "Van Wely", "Brugmans", "Dr. Schaepman"]  # fmt: skip
HOUSE_ADDITIONS = ["", "", "", "", "a", "A", "b", "-III", "-II", "-1", "-2", " bis", " hs", "-B"]


def street(rng: random.Random) -> str:
    pattern = rng.randrange(7)
    if pattern == 0:
        return f"Burgemeester {rng.choice(STREET_PEOPLE)}{rng.choice(['straat', 'laan', 'plein'])}"
    if pattern == 1:
        return f"Prof. {rng.choice(STREET_PEOPLE)}{rng.choice(['laan', 'hof', 'singel'])}"
    if pattern == 2:
        return f"{rng.choice(['1e', '2e', '3e'])} {rng.choice(ROOTS)}straat"
    root = rng.choice(ROOTS)
    suffix = rng.choice(SUFFIXES)
    return root if " " in root else f"{root}{suffix}"  # Kromme Akker 12


def house_number(rng: random.Random) -> str:
    return f"{rng.randint(1, 240)}{rng.choice(HOUSE_ADDITIONS)}"


def postcode(rng: random.Random) -> str:
    digits = rng.randint(1000, 9999)
    letters = "".join(rng.choice("ABCEGHJKLMNPRTVWXZ") for _ in range(2))
    return rng.choice([f"{digits}{letters}", f"{digits} {letters}", f"{digits} {letters.lower()}",
                       f"{digits}-{letters}", f"{digits}{letters.lower()}"])  # fmt: skip


# --- identifiers in many formats ----------------------------------------------------------------

AREA_CODES = ["024", "026", "0481", "0485", "0487", "073", "030", "010", "0575", "0317"]


def phone(rng: random.Random) -> str:
    d = "".join(rng.choice("0123456789") for _ in range(8))
    area = rng.choice(AREA_CODES)
    rest = "".join(rng.choice("0123456789") for _ in range(10 - len(area)))
    return rng.choice([
        f"06-{d}", f"06 {d}", f"06{d}", f"+31 6 {d}", f"+31 (0)6 {d[:4]} {d[4:]}",
        f"0031 6 {d}", f"00316{d}", f"06.{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:]}",
        f"06 - {d[:4]} {d[4:]}",
        f"{area}-{rest}", f"{area} {rest[:3]} {rest[3:5]} {rest[5:]}", f"({area}) {rest}",
        f"+31 {area[1:]} {rest}", f"{area}.{rest}",
    ])  # fmt: skip


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]  # fmt: skip
MONTHS_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def birth_date(rng: random.Random) -> str:
    day = date(1936, 1, 1) + timedelta(days=rng.randrange(68 * 365))
    d, m, y = day.day, day.month, day.year
    return rng.choice([
        f"{d:02}-{m:02}-{y}", f"{d}/{m}/{y % 100:02}", f"{d} {MONTHS_SHORT[m - 1]} '{y % 100:02}",
        f"{d} {MONTHS[m - 1]} {y}", f"{d:02}.{m:02}.{y}", f"{d}-{m}-{y}", f"{y}-{m:02}-{d:02}",
        f"{d:02}-{m:02}-{y % 100:02}", f"{d} {MONTHS_SHORT[m - 1]}. {y}",
    ])  # fmt: skip


def birth_month(rng: random.Random) -> str:
    """Month and year of birth: labelled GEBOORTEDATUM (SET3.md says why)."""
    return f"{rng.choice(MONTHS)} {rng.randint(1936, 2003)}"


def bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum(w * x for w, x in zip(range(9, 1, -1), digits, strict=True))
        last = total % 11
        if last < 10 and digits[0] != 0:
            text = "".join(map(str, [*digits, last]))
            assert (total - last) % 11 == 0  # the 11-proef: weights 9..2 and -1
            return rng.choice([text, text, f"{text[:4]}.{text[4:6]}.{text[6:]}",
                               f"{text[:3]} {text[3:6]} {text[6:]}"])  # fmt: skip


BANKS = ["ABNA", "INGB", "RABO", "SNSB", "ASNB", "TRIO", "KNAB", "BUNQ", "RBRB"]


def iban(rng: random.Random) -> str:
    bank = rng.choice(BANKS)
    account = "".join(rng.choice("0123456789") for _ in range(10))
    numeric = "".join(str(int(c, 36)) for c in f"{bank}{account}NL00")
    check = 98 - int(numeric) % 97
    text = f"NL{check:02}{bank}{account}"
    assert int("".join(str(int(c, 36)) for c in text[4:] + text[:4])) % 97 == 1
    grouped = " ".join(text[i : i + 4] for i in range(0, len(text), 4))
    return rng.choice([text, grouped, grouped, text.lower(), f"{text[:4]} {text[4:]}"])


def email(rng: random.Random, person: Person) -> str:
    def plain(s: str) -> str:
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z]", "", s.lower())

    first, last = plain(person.first), plain(person.last)
    user = rng.choice([f"{first}.{last}", f"{first[0]}.{last}", f"{first}{rng.randint(40, 99)}",
                       f"fam.{last}", f"{last}{first[0]}", f"{first}_{last}{rng.randint(1, 9)}",
    ])  # fmt: skip
    domain = rng.choice(["hotmail.com", "gmail.com", "ziggo.nl", "kpnmail.nl", "live.nl",
                         "outlook.com", "hetnet.nl", "yahoo.fr", "planet.nl"])  # fmt: skip
    return f"{user}@{domain}"


# --- hard negatives -----------------------------------------------------------------------------

ORGS = ["Talis", "Woonwaarts", "Portaal", "Vivare", "Bindkracht10", "Sociaal Wijkteam", "GGD",
        "Buurtzorg", "De Schakel", "Thuiszorg West", "het Rode Kruis", "Humanitas",
        "VluchtelingenWerk", "de Voedselbank", "het Juridisch Loket", "Dar", "Pro Persona",
]  # fmt: skip
PUBLIC = ["koning Willem-Alexander", "Máxima", "André Hazes", "Johan Cruijff", "Max Verstappen",
          "Sinterklaas", "Mark Rutte", "Guus Meeuwis", "Willem Drees", "Prins Bernhard",
]  # fmt: skip
HOLIDAYS = ["Kerst", "Pasen", "het Suikerfeest", "Koningsdag", "Keti Koti", "de Ramadan",
            "Oud en Nieuw", "Pinksteren", "het Offerfeest", "Sinterklaas", "Bevrijdingsdag",
]  # fmt: skip
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
ROLES = ["woonconsulent", "opbouwwerker", "sociaal beheerder", "technisch uitvoerder",
         "bewonersconsulent", "wijkverpleegkundige", "medewerker Sociaal Wijkteam"]  # fmt: skip


def meeting_date(rng: random.Random) -> str:
    day = date(2026, 1, 5) + timedelta(days=rng.randrange(200))
    return rng.choice([f"{day.day:02}-{day.month:02}-{day.year}",
                       f"{day.day} {MONTHS[day.month - 1]}",
                       f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS_SHORT[day.month - 1]}",
                       f"{day.day}/{day.month}"])  # fmt: skip


def money(rng: random.Random) -> str:
    amount = rng.choice([35, 120, 450, 1250, 2400, 86, 15, 600])
    text = f"{amount:,}".replace(",", ".")
    return rng.choice([f"€ {text},-", f"€{text},00", f"{text} euro", f"EUR {text}"])


def negatives(rng: random.Random) -> dict[str, str]:
    return {
        "org": rng.choice(ORGS),
        "org2": rng.choice(ORGS),
        "public": rng.choice(PUBLIC),
        "holiday": rng.choice(HOLIDAYS),
        "meet": meeting_date(rng),
        "visit": meeting_date(rng),
        "time": f"{rng.randint(8, 20)}:{rng.choice(['00', '15', '30', '45'])}",
        "time2": f"{rng.randint(9, 17)}.{rng.choice(['00', '30'])} uur",
        "money": money(rng),
        "rooms": str(rng.randint(2, 5)),
        "bus": str(rng.choice([2, 5, 6, 8, 11, 12, 33, 300])),
        "year": str(rng.randint(1968, 2019)),
        "byear": str(rng.randint(1936, 1990)),  # a birth year alone is not labelled (SET3.md)
        "age": str(rng.randint(19, 96)),
        "block": str(rng.randint(1, 9)),
        "floor": str(rng.randint(1, 4)),
        "weekday": rng.choice(WEEKDAYS),
        "role": rng.choice(ROLES),
        "street2": street(rng),
        "town": rng.choice(TOWNS),
        "count": str(rng.randint(2, 6)),
        "range": f"{rng.randint(1, 20)} t/m {rng.randint(30, 80)}",
    }


# --- fillers: plain sentences around the identifiers ({F} Dutch, {FN} simple Dutch, {FE} English)

FILL_NL = [
    "Woont al sinds {year} in deze woning en wil hier blijven.",
    "Is {age} en loopt slecht, trap is een probleem.",
    "Maakt zich zorgen over de geluidsoverlast tijdens de werkzaamheden in blok {block}.",
    "Heeft een {rooms}-kamerwoning, de kinderen zijn de deur uit.",
    "Gaat elke {weekday} met lijn {bus} naar de markt.",
    "Vond het fijn dat we langskwamen, koffie gehad.",
    "Huurachterstand van {money}, loopt via {org}.",
    "Wil graag meedoen met de bewonersprojectgroep.",
    "Voelt zich soms eenzaam, vooral rond {holiday}.",
    "De roos in de voortuin moet blijven, daar is de familie erg aan gehecht.",
    "Loopt graag in het bos achter de {street2}.",
    "Contact met {org} loopt al, niets extra nodig.",
    "Vraagt of de bakker op de hoek nog terugkomt na de verbouwing.",
    "Keek naar de toespraak van {public} en vond het mooi.",
    "Afspraak gemaakt voor {meet} om {time}.",
    "Steiger komt volgens planning in week {block}; woningen {range} eerst.",
    "De tuin is groen en netjes, daar zijn ze trots op.",
    "Kleinkinderen komen met {holiday}, dan is het vol in huis.",
    "Heeft hulp nodig bij het inpakken, {count} dozen staan al klaar.",
    "Kan niet tegen stof, astma. Graag vooraf bellen.",
    "Heeft een hond, die moet tijdens de werkzaamheden ergens anders heen.",
    "Was vroeger vrijwilliger bij {org2}, wil dat wel weer doen.",
    "Zegt dat de buurt sinds {year} erg veranderd is.",
    "Wil de koning nog eens zien op {holiday}, maar dat lukt niet meer.",
    "Vraag over de huurverhoging van {money} per maand na de renovatie.",
    "Bus {bus} rijdt niet meer door de wijk, dat wordt gemist.",
    "Geboren in {byear} in {town}, daar nooit meer geweest.",
    "Is in {byear} geboren en woont hier het langst van iedereen in de portiek.",
    "Heeft {count} kleinkinderen; de oudste is {age}.",
]  # fmt: skip
FILL_NT2 = [
    "ik woon hier al lang sins {year}, ik ben tevrede.",
    "mijn man is ziek en ik heb hulp nodig voor de verbouwing.",
    "de kinderen gaan naar school met bus {bus}.",
    "ik wil graag nederlandse les, ik praat niet goed.",
    "de buren zijn aardig maar ik ken niet veel mensen.",
    "trap is moeilijk voor mijn knie, ik ben {age} jaar.",
    "ik heb brief van {org} niet begrepen.",
    "met {holiday} komt familie, heel gezelig.",
    "er is vocht in de badkamer, schimmel op de muur.",
    "wij hebben {rooms} kamers en {count} kinderen, het is klein.",
    "ik wil helpen met koken voor de buurt feest.",
]  # fmt: skip
FILL_EN = [
    "She prefers English, Dutch is still hard for her.",
    "Very friendly, we had tea. Next step: check with {org} about the stairs.",
    "No issues with the renovation planning for block {block}.",
    "Worried about the rent, about {money} extra. Explained the huurcommissie.",
    "Works night shifts, so mornings are a no-go.",
    "Would love to join a walking group, maybe on {weekday}.",
    "Kids go to school by bus {bus}, so the road works are a concern.",
    "Has lived here since {year}, knows everyone on the {street2}.",
]  # fmt: skip


# --- rendering: a template with {field} holes, some labelled -----------------------------------

HOLE = re.compile(r"\{(\w+)\}")  # a template starting <f> or <m> fixes the resident's sex
Field = tuple[str, str | None]


def render(template: str, fields: dict[str, Field]) -> tuple[str, list[dict[str, object]]]:
    text: list[str] = []
    spans: list[dict[str, object]] = []
    at = 0
    for number, piece in enumerate(HOLE.split(template)):
        if number % 2:
            value, kind = fields[piece]
            if kind:
                spans.append({"start": at, "end": at + len(value), "kind": kind})
        else:
            value = piece
        text.append(value)
        at += len(value)
    return "".join(text), spans


def check(text: str, spans: list[dict[str, object]], wanted: list[str]) -> None:
    """Self-check: each span covers exactly the value meant, trimmed, in order, not overlapping."""
    assert len(spans) == len(wanted), (text, spans, wanted)
    end = -1
    for span, value in zip(spans, wanted, strict=True):
        start, stop, kind = span["start"], span["end"], span["kind"]
        assert isinstance(start, int) and isinstance(stop, int)
        assert kind in KINDS, kind
        assert text[start:stop] == value, (text[start:stop], value)
        assert value == value.strip() and value, repr(value)
        assert start > end, ("overlap", text, spans)
        # a span never starts or ends inside a word, so token scoring sees whole tokens
        assert start == 0 or not text[start - 1].isalnum(), (text, value)
        assert stop == len(text) or not text[stop].isalnum(), (text, value)
        end = stop


# --- the notes ----------------------------------------------------------------------------------

TEMPLATES: dict[str, list[str]] = {
    "forms": [
        "Aanvraag bijzondere bijstand\nBSN {bsn}\nIBAN {iban}\n\n{F}\n{F}",
        "Naam bewoner(s)\n{full}\n\nAdres\n{addr}\n{pc} {town}\n\nTelefoon\n{phone}\n\n"
        "Bijzonderheden\n{F}\n{F}",
        "{full}\n{addr}\n\n{F} {F}\n\nTerugbellen op {phone}",
        "Wat vertelt de bewoner?\n{F}\n{F}\n\nAanvullende info:\n{P_rel} {p_first} regelt veel, "
        "bereikbaar op {phone2}.\n",
        "{title} {surname}\n{F}\n\nDirecte actie: doorgeven aan {org}. {F}",
        "Gesprek gehad met {full} ({age} jaar). {F}\n{F}\nE-mail: {email}",
        "Huisnummer: {nr}\nGesprek: ja\nToelichting:\n{F}\nBuurvrouw {n_full} komt vaak langs.",
        "Gesprek op {visit} door {w_full}.\n\nBewoner: {title} {surname}, {addr}\n{F}\n"
        "{F}\nTel: {phone}",
        "{F}\n\n{F}\nVolgende afspraak {meet}, {time}.",
        "Zorgsignaal\n{title} {surname} {F}\nIBAN voor de teruggave: {iban}",
    ],
    "whatsapp": [
        "[{wa1}] {w_first}: BSN van {first} is {bsn}, rekening {iban}\n[{wa2}] {c_first}: "
        "stuur dat liever niet via de app!\n[{wa3}] {w_first}: sorry, verwijder ik",
        "[{wa1}] {w_full}: Net bij {title} {surname} geweest, {addr}\n"
        "[{wa2}] {w_full}: {F}\n[{wa3}] {c_full}: Top! Bel je {p_first} nog?",
        "[{wa1}] {c_full}: wie gaat er naar {street2}?\n"
        "[{wa2}] {w_full}: ik. {full} op {nr} wil graag gebeld worden {phone}\n"
        "[{wa3}] {c_full}: 👍",
        "[{wa1}] {w_first}: {F}\n[{wa2}] {w_first}: nummer van de zoon "
        "{p_first} is {phone2}\n[{wa3}] {c_first}: thx",
        "[{wa1}] {c_full}: Afspraak met {org} staat op {meet}\n"
        "[{wa2}] {w_full}: Prima. {title} {surname} ({addr}, {pc}) komt ook\n"
        "[{wa3}] {w_full}: {F}",
        "[{wa1}] {w_full}: <Media weggelaten>\n[{wa2}] {w_full}: "
        "foto van de schimmel bij {first} op {addr}\n[{wa3}] {c_full}: {F}",
        "[{wa1}] {c_first}: Iemand het mailadres van {first}?\n"
        "[{wa2}] {w_first}: {email}\n[{wa3}] {w_first}: {F}",
        "[{wa1}] {w_full}: {F} {F}\n[{wa2}] {c_full}: Ok, zet ik op de "
        "lijst voor {weekday}.",
    ],
    "mail": [
        "Van: {w_full} <{w_email}>\nVerzonden: {meet} {time}\nAan: Projectteam\n"
        "Onderwerp: FW: bewoner {addr}\n\nHoi allen,\n\nHieronder het bericht van {full}. {F}\n\n"
        "---------- Doorgestuurd bericht ----------\nVan: {email}\nOnderwerp: verbouwing\n\n"
        "Beste mevrouw, {F} Mijn nummer is {phone}.\nGroet, {first}\n\n"
        "Met vriendelijke groet,\n\n{w_full}\n{role} | {org}\nT {w_phone}",
        "Van: {c_full}\nAan: {w_full}\nCC: {org}\nOnderwerp: RE: {title} {surname}\n\n"
        "Dag {w_first},\n\n{F} {F}\nGeboortedatum voor de aanvraag: {dob}.\n\n"
        "Groet,\n{c_first}\n{role}\nM: {w_phone}\nwerkdagen ma t/m do",
        "Onderwerp: aanmelding schuldhulp\n\nNaam: {full}\nAdres: {addr}, {pc} {town}\n"
        "BSN: {bsn}\nRekening: {iban}\n\n{F}\n\nMet vriendelijke groet,\n{w_full}\n{org}\n"
        "tel. {w_phone}\n{w_email}",
        "Van: {w_full} <{w_email}>\nOnderwerp: terugkoppeling huisbezoeken blok {block}\n\n"
        "Hallo,\n\nDeze week {count} gesprekken. Bij {title} {surname} ({nr}): {F} "
        "{F}\n\nGroeten,\n{w_first}\n\nDit bericht is uitsluitend bestemd voor de geadresseerde.",
        "-----Oorspronkelijk bericht-----\nVan: {full} <{email}>\nVerzonden: {meet}\n"
        "Onderwerp: klacht\n\n{FN} {FN}\n\n{first}\n{addr}\n{phone}",
        "Van: {c_full}\nOnderwerp: doorzetten naar {org2}\n\nDe familie {surname} heeft "
        "toestemming gegeven. {F}\nContact via {phone} of {email}.\n\n"
        "Hartelijke groet,\n\n{c_full}\n{role}\n{w_phone} (niet op vrijdag)",
    ],
    "shorthand": [
        "{tshort} {surname} bsn {bsn} doorgeg. aan {org} i.o.m. {w_first}. {F} rek.nr {iban}",
        "{tshort} {surname}, hnr {nr}. {F} i.o.m. {org} z.s.m. terugbellen: tel. {phone}",
        "fam. {surname} ({street2}) - {F} bijv. hulp bij inpakken. {tshort} geb. {dob}.",
        "{tshort} {initials} {nr} - {F} afspr {meet} {time}",
        "bzk {visit}: {tshort} {surname} niet thuis, briefje achtergelaten. {n_short} {n_first} "
        "({n_nr}) zegt: {F}",
        "{tabbr} {surname} {addr} - tel. {phone} - {F} - actie: {org} i.o.m. {w_first}",
        "gespr. m. {first} ({age}), {F} {p_rel} {p_first} tel. {phone2}. wv: ja",
        "{tshort} {surname} pc {pc} hnr {nr}: {F} z.s.m. naar {org2}.",
        "blok {block}: hnr {range} klaar. {tshort} {surname} nog niet, bijv. {F}",
    ],
    "intake": [
        "Naam: {full}\nAdres: {addr}\nPostcode: {pc}\nWoonplaats: {town}\nGeboren: {dob}\n"
        "Tel: {phone}\nE-mail: {email}\nGezinssamenstelling: {count} personen\nNotitie: {F}",
        "INTAKE\nNaam: {title} {initials}\nGeboren: {dob}\nBSN: {bsn}\nAdres: {addr}, {pc}\n"
        "Contactpersoon: {p_full} ({phone2})\nHuurder sinds: {year}\nBijzonderheden: {F}",
        "naam: {full}\nadres: {addr}\ntel: {phone}\ngeboren in {dob_month}\n"
        "woning: {rooms} kamers, {floor}e verdieping\nopmerking: {F}",
        "Bewoner 1: {full}, geb. {dob}\nBewoner 2: {p_full}\nAdres: {addr} ({pc})\n"
        "Rekeningnummer: {iban}\nAanwezig bij gesprek: {w_full}\n{F}",
        "Intake {visit}\nNaam: {title} {surname}\nLeeftijd: {age}\nAdres: {street2} (nummer "
        "volgt)\nTelefoon: {phone}\n{F}",
        "Gegevens bewoner\n- naam: {full}\n- postcode/huisnr: {pc} / {nr}\n- geboortedatum: "
        "{dob}\n- mail: {email}\n- hulpvraag: {F}",
    ],
    "narrative": [
        "Het was een zwaar gesprek. {F} {full} liet brieven zien van de deurwaarder, met "
        "haar BSN {bsn} er gewoon op. {F} {F} Samen met {c_first} gaan we naar {org}.",
        "<f>Vandaag was ik bij {full}. Ze woont al sinds {year} op de {street2}, maar eigenlijk "
        "vertelt ze vooral over vroeger. {F} {F} Haar {p_rel} {p_first} komt elke {weekday}, "
        "maar verder ziet ze weinig mensen. Toen ik wegging zei ze: 'kom je nog eens terug?' "
        "Dat bleef hangen. {F} Ik heb afgesproken dat {c_first} van {org} contact opneemt.",
        "<m>Het gesprek met {title} {surname} duurde langer dan gepland. {F} Hij vertelde over "
        "zijn tijd bij de spoorwegen en over {public}, die hij ooit de hand schudde. {F} "
        "Op {addr} staat alles al in dozen. {F} Hij is {age} en wil niemand tot last zijn.",
        "Wat me bijblijft van deze week is het bezoek aan {first}. {F} De {n_rel}, "
        "{n_title} {n_surname}, kwam binnen en samen vertelden ze over {holiday} in de wijk. "
        "{F} {F} Misschien is hier een rol voor de bewonersprojectgroep.",
        "<f>Ik twijfelde of ik dit moest opschrijven. {F} {full} vertelde dat haar ex-partner "
        "{p_full} nog steeds langskomt en dat ze bang is. Ze gaf haar nummer ({phone}) zodat "
        "{org} haar kan bellen. {F} Sinds {year} woont ze hier, eerst met drie kinderen.",
        "<f>Een mooi gesprek. {F} {title} {surname} (geboren {dob}) vertelde over het dorp waar ze "
        "vandaan komt en hoe ze hier in {year} aankwam. {F} {F} Ze wil graag iets doen met koken, "
        "bijvoorbeeld met {holiday}.",
        "Reflectie {visit}. {F} Bij {addr} deed {first} open met een kleinkind op de arm. {F} "
        "Wat ik leer: vraag niet te snel naar de werkzaamheden. {F}",
    ],
    "nt2": [
        "{FN} mijn bsn is {bsn} en mijn bank {iban}. {FN} {full}",
        "ik ben {first} van nummer {nr}. {FN} {FN} mijn telefon is {phone}",
        "beste mevrouw, ik heb u brief gekregen. {FN} mijn adres is {addr} {pc}. groet {full}",
        "naam {full} geboren {dob}. {FN} {FN}",
        "mijn {n_rel} {n_first} is ziek, {n_pron} woont {n_nr}. {FN} u kan mij bellen {phone}",
        "hallo, ik ben {full}. {FN} mijn email {email}. {FN} dank u wel",
        "<f>mevrouw {surname} zegt: {FN} {FN} mijn {p_rel} {p_first} kan vertalen, tel {phone2}",
        "{FN} {FN} ik woon in {street2} sinds {year}, ik ben {age}.",
    ],
    "mixed": [
        "{FE} For the toeslag form we need her BSN ({bsn}) and IBAN {iban}. {F}",
        "Visit {visit}: {full}, {addr}. {FE} Follow-up via {phone}. Wil ook graag {F}",
        "Met {first} gesproken. {FE} Her {p_rel_en} {p_first} handles the mail: {email}.",
        "<f>Note for {c_first}: {title} {surname} says the ladder is dangerous. {FE} "
        "Call her back op {phone}, she's home na {time}.",
        "{FE} {F} Contact: {full}, DOB {dob}, tel {phone}.",
        "Quick update: {F} {FE} Address is {addr}, postcode {pc}. Niet verder delen pls.",
        "Meeting with {org} on {meet} at {time}: discussed {title} {surname} (no. {nr}). {FE}",
        "{FE} {FE} The IBAN for the refund is {iban}, check with {w_first} first.",
    ],
}  # fmt: skip

TITLES_F = ("mevrouw", "mvr", "mw.")
TITLES_M = ("meneer", "dhr", "hr.")


class Cast:
    """Draws people from all name sources, round-robin by source so none dominates."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pools = {**HAND_NAMES, **faker_names()}
        self.sources = sorted(self.pools)

    def person(self) -> Person:
        source = self.rng.choice(self.sources)
        female_names, male_names, last_names = self.pools[source]
        female = self.rng.random() < 0.55
        first = self.rng.choice(female_names if female else male_names)
        return Person(first, self.rng.choice(last_names), female, source)


def wa_stamps(rng: random.Random) -> list[str]:
    """Time stamps of a WhatsApp export, [dd-mm-yy hh:mm], a few minutes apart."""
    day = date(2026, 1, 5) + timedelta(days=rng.randrange(200))
    minute = rng.randrange(8 * 60, 21 * 60)
    stamps = []
    for _ in range(4):
        stamps.append(
            f"{day.day:02}-{day.month:02}-{day.year % 100:02} {minute // 60:02}:{minute % 60:02}"
        )
        minute += rng.randint(1, 25)
    return stamps


def fields(
    rng: random.Random, cast: Cast, female: bool | None = None
) -> tuple[dict[str, Field], dict[str, str]]:
    """The holes a template may use; the second dict maps each person hole to its name source."""
    resident, relative, neighbour, worker, colleague = (cast.person() for _ in range(5))
    while female is not None and resident.female != female:
        resident = cast.person()
    lane, number = street(rng), house_number(rng)
    titles = TITLES_F if resident.female else TITLES_M
    f: dict[str, Field] = {
        "full": (resident.full, "PERSOON"),
        "first": (resident.first, "PERSOON"),
        "surname": (resident.surname, "PERSOON"),
        "initials": (resident.initials, "PERSOON"),
        "title": (titles[0], None),
        "tshort": (titles[1], None),
        "tabbr": (titles[2], None),
        "p_first": (relative.first, "PERSOON"),
        "p_full": (relative.full, "PERSOON"),
        "p_rel": ("dochter" if relative.female else "zoon", None),
        "P_rel": ("Dochter" if relative.female else "Zoon", None),
        "p_rel_en": ("daughter" if relative.female else "son", None),
        "n_first": (neighbour.first, "PERSOON"),
        "n_full": (neighbour.full, "PERSOON"),
        "n_surname": (neighbour.surname, "PERSOON"),
        "n_title": ("mevrouw" if neighbour.female else "meneer", None),
        "n_rel": ("buurvrouw" if neighbour.female else "buurman", None),
        "n_short": ("buurvr" if neighbour.female else "buurm", None),
        "n_pron": ("zij" if neighbour.female else "hij", None),
        "n_nr": (house_number(rng), "ADRES"),
        "w_full": (worker.full, "PERSOON"),
        "w_first": (worker.first, "PERSOON"),
        "w_phone": (phone(rng), "TELEFOON"),
        "w_email": (email(rng, worker), "EMAIL"),
        "c_full": (colleague.full, "PERSOON"),
        "c_first": (colleague.first, "PERSOON"),
        "addr": (f"{lane} {number}", "ADRES"),
        "nr": (number, "ADRES"),
        "pc": (postcode(rng), "POSTCODE"),
        "phone": (phone(rng), "TELEFOON"),
        "phone2": (phone(rng), "TELEFOON"),
        "email": (email(rng, resident), "EMAIL"),
        "dob": (birth_date(rng), "GEBOORTEDATUM"),
        "dob_month": (birth_month(rng), "GEBOORTEDATUM"),
        "bsn": (bsn(rng), "BSN"),
        "iban": (iban(rng), "IBAN"),
    }
    f.update({f"wa{n}": (stamp, None) for n, stamp in enumerate(wa_stamps(rng), 1)})
    f.update({k: (v, None) for k, v in negatives(rng).items()})
    people = {"full": resident, "first": resident, "surname": resident, "initials": resident,
              "p_first": relative, "p_full": relative, "n_first": neighbour, "n_full": neighbour,
              "n_surname": neighbour, "w_full": worker, "w_first": worker, "c_full": colleague,
              "c_first": colleague}  # fmt: skip
    return f, {hole: p.source for hole, p in people.items()}


def fill(template: str, rng: random.Random) -> str:
    for marker, pool in (("{FN}", FILL_NT2), ("{FE}", FILL_EN), ("{F}", FILL_NL)):
        while marker in template:
            template = template.replace(marker, rng.choice(pool), 1)
    return template


def note(number: int, style: str, rng: random.Random, cast: Cast) -> dict[str, object]:
    template = fill(rng.choice(TEMPLATES[style]), rng)
    female = {"<f>": True, "<m>": False}.get(template[:3])
    template = template[3:] if female is not None else template
    holes, sources = fields(rng, cast, female)
    text, spans = render(template, holes)
    used = HOLE.findall(template)
    check(text, spans, [holes[h][0] for h in used if holes[h][1]])
    names = sorted({sources[h] for h in used if h in sources})
    return {"id": f"s3-{number:04}", "split": "", "source": "make_third_set", "style": style,
            "names": names, "text": text, "spans": spans}  # fmt: skip


def split_of(identifier: str, dev: set[str]) -> str:
    return "dev" if identifier in dev else "heldout"


def build() -> dict[str, str]:
    """File name -> content of the two JSONL files."""
    rng = random.Random(SEED)
    cast = Cast(rng)
    records = [
        note(i * len(STYLES) + j + 1, style, rng, cast)
        for i in range(NOTES_PER_STYLE)
        for j, style in enumerate(STYLES)
    ]
    # half each, by a fixed hash of the id: the first half in SHA-256 order is dev
    ranked = sorted(records, key=lambda r: hashlib.sha256(str(r["id"]).encode()).hexdigest())
    dev = {str(r["id"]) for r in ranked[: len(ranked) // 2]}
    files: dict[str, list[str]] = {"set3_dev.jsonl": [], "set3_heldout.jsonl": []}
    for record in records:
        record["split"] = split_of(str(record["id"]), dev)
        files[f"set3_{record['split']}.jsonl"].append(json.dumps(record, ensure_ascii=False))
    return {name: "\n".join(lines) + "\n" for name, lines in files.items()}


def main() -> int:
    for name, content in build().items():
        path = HERE / name
        tmp = path.with_suffix(".tmp")
        tmp.write_text(content, encoding="utf-8")
        tmp.replace(path)
        print(f"{path.name}: {content.count(chr(10))} notes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
