"""Invented home-visit notes, written the way community workers type them after a visit.

Used by ``exports.py`` for the example Google Forms exports (and usable by benchmarks). Notes are
short and informal (``mw.``, ``dhr.``, ``fam.``, ``ivm``, ``bwn``), have the odd typo and are
sometimes spread over several lines; many questions are left empty. About one in five notes
holds an invented identifier that anonymisation has to remove (a name, ``mw. Jansen``, ``de
familie Yilmaz``, a phone number, an e-mail address, another address in the neighbourhood, a
postcode, rarely a birth date, a BSN or an IBAN). Hard negatives that must survive are mixed in:
ages, weekdays, appointment dates, organisations, ``buurthuis``, Nijmegen, the neighbourhood.

Every person, number and address in a note is invented; BSNs and IBANs have valid check digits
but are generated. The output depends only on the ``random.Random`` passed in.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

TEXT_FIELDS = (
    "text.person_obstacles",
    "text.person_opportunities",
    "text.talents",
    "text.environment_obstacles",
    "text.environment_opportunities",
    "text.remarks",
)
PO, PK, TA, EO, EK, RE = (
    TEXT_FIELDS  # person obstacles/opportunities, talents, environment, remarks
)

# Identifier kinds, as the scrubber names its placeholders.
PERSON, ADDRESS, POSTCODE, PHONE, EMAIL, BSN, IBAN, BIRTHDATE = (
    "PERSOON",
    "ADRES",
    "POSTCODE",
    "TELEFOON",
    "EMAIL",
    "BSN",
    "IBAN",
    "GEBOORTEDATUM",
)

# --- invented people -----------------------------------------------------------------------------
# Origins: nl Dutch, ma Moroccan, tr Turkish, sr Surinamese, pl Polish. No team member's name.
FIRST_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "f": (
            "Ans Truus Joke Riet Bep Marja Ineke Gerda Wilma Sandra Linda Anouk Sanne Lisa "
            "Femke Tineke Mien Dinie Henny Carla Annie Greet Jolanda Kim"
        ).split(),
        "m": (
            "Henk Gerrit Kees Jan Piet Theo Harrie Frans Bert Johan Kevin Daan Tim Jeroen "
            "Ruud Sjaak Toon Marcel Dennis Gert Hans Rob Nick"
        ).split(),
    },
    "ma": {
        "f": "Fatima Khadija Samira Nora Hanane Malika Naima Loubna Soumaya Rachida Imane".split(),
        "m": "Mohamed Youssef Said Abdelkader Mustapha Hassan Karim Rachid Bilal Anouar".split(),
    },
    "tr": {
        "f": "Ayşe Emine Fatma Zeynep Hatice Elif Gül Sevgi Derya Meryem".split(),
        "m": "Mehmet Hüseyin Mustafa Ahmet Ali Osman Murat Kemal Emre Yusuf".split(),
    },
    "sr": {
        "f": "Rinia Sharmila Priscilla Ingrid Shanti Gracia Jennifer Sita Roshni Marlies".split(),
        "m": "Ramon Ravi Jerrel Marvin Giovanni Romano Anil Edgar Clyde Rudi".split(),
    },
    "pl": {
        "f": "Katarzyna Agnieszka Ewa Magda Joanna Monika Dorota Beata".split(),
        "m": "Piotr Tomasz Krzysztof Paweł Marek Łukasz Wojtek Andrzej".split(),
    },
}
SURNAMES: dict[str, tuple[str, ...]] = {
    "nl": (
        "Jansen",
        "Janssen",
        "de Vries",
        "van den Berg",
        "Bakker",
        "Visser",
        "Smits",
        "Hermsen",
        "van Gelder",
        "Verheijen",
        "Arts",
        "Willemsen",
        "Gerritsen",
        "Derksen",
        "Thijssen",
        "Wijers",
        "Roelofs",
        "Loeffen",
        "Jacobs",
        "Martens",
        "van Beek",
        "Kersten",
        "Pouwels",
        "Driessen",
        "Lamers",
        "van Haren",
        "Geurts",
    ),
    "ma": (
        "El Amrani",
        "Bouzid",
        "Ait Lahcen",
        "El Khatib",
        "Benali",
        "Ouazzani",
        "Azzouzi",
        "Bakkali",
        "Haddouchi",
        "Tahiri",
        "Chaouch",
    ),
    "tr": (
        "Yilmaz",
        "Yılmaz",
        "Kaya",
        "Demir",
        "Şahin",
        "Çelik",
        "Öztürk",
        "Aydın",
        "Arslan",
        "Doğan",
        "Koç",
    ),
    "sr": (
        "Sewdien",
        "Ramdin",
        "Kartosen",
        "Pinas",
        "Wijngaarde",
        "Mohan",
        "Biharie",
        "Doelwijt",
        "Sitaldin",
        "Amatstam",
    ),
    "pl": ("Kowalski", "Nowak", "Wiśniewska", "Zieliński", "Lewandowska", "Wójcik", "Mazur"),
}
ORIGIN_WEIGHTS = {"nl": 58, "ma": 13, "tr": 13, "sr": 10, "pl": 6}


@dataclass(frozen=True)
class Person:
    first: str
    surname: str
    gender: str  # "f" or "m"
    origin: str


def invent_person(
    rng: random.Random, origin: str | None = None, gender: str | None = None
) -> Person:
    if origin is None:
        origin = rng.choices(list(ORIGIN_WEIGHTS), weights=list(ORIGIN_WEIGHTS.values()))[0]
    gender = gender or rng.choice("fm")
    return Person(
        rng.choice(FIRST_NAMES[origin][gender]), rng.choice(SURNAMES[origin]), gender, origin
    )


# --- invented structured identifiers --------------------------------------------------------------
MOBILE_PREFIXES = (
    "12 13 14 18 19 20 21 22 24 25 26 28 29 30 38 40 41 42 43 46 48 50 51 53 55".split()
)


def phone_number(rng: random.Random, *, landline: float = 0.15) -> str:
    """A Dutch phone number in one of the ways people write them."""
    if rng.random() < landline:  # Nijmegen, area code 024
        rest = f"3{rng.randint(40, 79)}{rng.randint(0, 9999):04d}"
        return rng.choice(
            (
                f"024-{rest}",
                f"024 {rest}",
                f"024-{rest[:3]} {rest[3:5]} {rest[5:]}",
                f"(024) {rest}",
                f"024{rest}",
            )
        )
    digits = rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 999999):06d}"
    formats = {  # the format -> how often people write it that way
        f"06-{digits}": 30,
        f"06{digits}": 25,
        f"06 {digits}": 8,
        f"06-{digits[:4]} {digits[4:]}": 6,
        f"06 {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}": 8,
        f"06-{digits[:2]} {digits[2:5]} {digits[5:]}": 3,
        f"+31 6 {digits}": 6,
        f"+316{digits}": 6,
        f"+31 (0)6 {digits}": 2,
        f"0031 6 {digits[:4]} {digits[4:]}": 2,
        f"06.{digits[:4]}.{digits[4:]}": 2,
    }
    return rng.choices(list(formats), weights=list(formats.values()))[0]


MAIL_DOMAINS = (
    "hotmail.example",
    "gmail.example",
    "ziggo.example",
    "kpnmail.example",
    "live.example",
    "outlook.example",
    "example.nl",
    "example.com",
)


def _ascii(text: str) -> str:
    text = text.replace("ı", "i").replace("ł", "l").replace("Ł", "L")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def email_address(rng: random.Random, person: Person) -> str:
    first = _ascii(person.first).lower()
    last = _ascii(person.surname).lower().replace(" ", "")
    local = rng.choice(
        (
            f"{first}.{last}",
            f"{first}{last}",
            f"{first[0]}.{last}",
            f"{first}{rng.randint(60, 99)}",
            f"{first}_{last}{rng.randint(1, 9)}",
            f"{last}{first[0]}",
            f"{first}.{rng.randint(1960, 2001)}",
        )
    )
    address = f"{local}@{rng.choice(MAIL_DOMAINS)}"
    return address if rng.random() < 0.9 else address.capitalize()


def bsn(rng: random.Random) -> str:
    """A nine-digit number that passes the BSN eleven-test (invented)."""
    while True:
        digits = [rng.randint(1, 6)] + [rng.randint(0, 9) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last <= 9:
            number = "".join(map(str, digits)) + str(last)
            return rng.choice(
                (
                    number,
                    number,
                    f"{number[:4]}.{number[4:6]}.{number[6:]}",
                    f"{number[:3]} {number[3:6]} {number[6:]}",
                )
            )


BANKS = ("INGB", "RABO", "ABNA", "SNSB", "ASNB", "TRIO", "KNAB", "BUNQ", "RBRB")


def iban(rng: random.Random) -> str:
    """A Dutch IBAN with a valid mod-97 check (invented account)."""
    bank = rng.choice(BANKS)
    account = f"{rng.randint(0, 9_999_999_999):010d}"
    numeric = "".join(str(int(c, 36)) for c in bank + account + "NL00")
    check = 98 - int(numeric) % 97
    compact = f"NL{check:02d}{bank}{account}"
    spaced = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return rng.choice((compact, spaced, spaced, compact.lower() if rng.random() < 0.3 else spaced))


MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def birth_date(rng: random.Random, year: int) -> str:
    day = date(year, rng.randint(1, 12), rng.randint(1, 28))
    return rng.choice(
        (
            f"{day.day:02d}-{day.month:02d}-{day.year}",
            f"{day.day}-{day.month}-{day.year}",
            f"{day.day} {MONTHS[day.month - 1]} {day.year}",
            f"{day.day}/{day.month}/{day.year % 100:02d}",
        )
    )


# --- the neighbourhood ----------------------------------------------------------------------
@dataclass(frozen=True)
class Home:
    street: str
    number: str
    postcode: str


@dataclass(frozen=True)
class Setting:
    """What notes may refer to in one project: its name, homes and flavour."""

    neighbourhood: str  # "Spoorbuurt", "Lankforst"
    homes: tuple[Home, ...]
    corporation: str = "Woonwaarts"
    welfare: str = "Bindkracht10"
    district: str = "Nijmegen-Oost"
    flavour: str = "spoorbuurt"  # "spoorbuurt" or "lankforst": picks a few local themes


@dataclass(frozen=True)
class Household:
    """The visited household as the note writer sees it."""

    home: Home
    resident: Person
    age: int
    household_type: str  # code from mdsa.intake.forms.reference.HOUSEHOLD_TYPES
    years_here: int
    visit_date: date
    phone: str = ""  # the resident's own number and address, when the project knows them
    email: str = ""


@dataclass
class Note:
    text: str
    identifiers: list[tuple[str, str]] = field(default_factory=list)  # (kind, value) as written


@dataclass
class VisitNotes:
    notes: dict[str, Note]  # text field -> note; an empty text means the worker skipped it
    themes: list[str]
    cards: list[str]  # card labels suggested by the themes
    actions: list[str]  # action labels suggested by the themes


# --- themes: what a conversation is about --------------------------------------------------
@dataclass(frozen=True)
class Theme:
    cards: tuple[str, ...]
    actions: dict[str, float]  # action label -> chance
    texts: dict[str, tuple[str, ...]]
    weight: dict[str, float]  # flavour -> weight


ZORG, WELZIJN, WONING, PARTICIPATIE = (
    "Zorgsignaal",
    "Welzijnsvraag",
    "Woning (onderhoud, vocht, schimmel)",
    "Participatie",
)


def _w(spoor: float, lank: float) -> dict[str, float]:
    return {"spoorbuurt": spoor, "lankforst": lank}


THEMES: dict[str, Theme] = {
    "eenzaamheid": Theme(
        ("Contact met anderen", "Gevoelens"),
        {WELZIJN: 0.45},
        {
            PO: (
                "{subj} voelt zich vaak alleen, kinderen wonen ver weg",
                "sinds overlijden van {zijn} {partner} ({ago} geleden) weinig contact meer",
                "zit veel binnen, komt de deur bijna niet uit. weekend is het ergst",
                "{ze} gaf aan eenzaam te zijn, {weekday} en zondag ziet {ze} niemand",
                "weinig sociaal netwerk, alleen contact met dochter (1x per maand)",
                "kent bijna niemand meer in de straat, 'alle oude buren zijn weg'",
                "mist de gezelligheid van vroeger in de buurt",
                "voelt zich niet gezien. 'hier komt nooit iemand'",
                "is {age}, alleenstaand, familie komt weinig",
                "{subj} vertelde dat {ze} soms dagen met niemand praat",
                "mist {zijn} {partner} nog elke dag",
                "sinds de kinderen het huis uit zijn is het erg stil",
                "durft niet goed alleen naar activiteiten",
                "heeft eigenlijk alleen contact met de thuiszorg",
                "{subj} ({age}) woont alleen, loopt moeilijk en komt weinig buiten",
            ),
            PK: (
                "zou het leuk vinden om andere buurtbewoners te leren kennen",
                "wil wel mee naar de koffieochtend in het buurthuis als iemand {haar} ophaalt",
                "staat open voor een maatje",
                "wil wel langskomen in de modelwoning voor een bakje koffie",
                "interesse in de eetgroep op {weekday}",
                "wil graag iets doen overdag, maakt niet uit wat",
                "zou wel iemand willen om samen mee te wandelen",
                "vindt het fijn als er eens iemand langskomt",
                "wil wel naar het buurthuis maar de eerste keer niet alleen",
            ),
            RE: (
                "afgesproken dat {welfare} over 2 weken belt",
                "doorgeven aan opbouwwerk ivm maatjesproject",
                "folder koffieochtend buurthuis achtergelaten",
            ),
        },
        _w(1.4, 1.2),
    ),
    "gezondheid": Theme(
        ("Gezondheid",),
        {ZORG: 0.3},
        {
            PO: (
                "slecht ter been, loopt met rollator",
                "diabetes en hartproblemen, veel ziekenhuisbezoeken (CWZ)",
                "net geopereerd aan de heup, revalideert thuis",
                "psychische klachten, is onder behandeling bij de GGZ",
                "slaapt slecht door pijn in de rug",
                "{zijn} {partner} heeft beginnende dementie, zwaar voor {haar}",
                "hoort slecht, hoort de bel vaak niet",
                "burn-out, zit al een paar maanden thuis",
                "COPD, de trap is een probleem",
                "veel pijn, kan niet lang staan. huishouden lukt niet meer",
                "heeft angstklachten, gaat niet graag naar buiten als het donker is",
                "heeft net een nieuwe knie, loopt nog moeilijk",
                "Parkinson, gaat langzaam achteruit",
                "veel hoofdpijn en stress sinds de burenruzie",
                "is {age} en slecht ter been, trap naar de slaapkamer lukt bijna niet meer",
            ),
            PK: (
                "gaat 2x per week naar de fysio, dat helpt",
                "wil meer bewegen op advies van de huisarts",
                "is {age} en nog heel zelfstandig, fietst overal naartoe",
            ),
            RE: (
                "huisarts is op de hoogte",
                "wijkverpleging komt 2x per dag",
                "heeft al huishoudelijke hulp via de WMO",
                "gevraagd of {ze} contact wil met het wijkteam: ja",
                "zorgsignaal besproken in teamoverleg {weekday}",
            ),
        },
        _w(1.3, 1.2),
    ),
    "geld": Theme(
        ("Leven", "Eigen keuzes maken"),
        {ZORG: 0.5},
        {
            PO: (
                "geldzorgen, achterstand met de huur",
                "schulden, zit al bij schuldhulpverlening",
                "rondkomen is lastig, gaat naar de Voedselbank",
                "kan de post niet goed lezen, stapel ongeopende brieven op tafel",
                "inkomen is na de scheiding flink gedaald",
                "vaste lasten te hoog, hulp nodig bij administratie",
                "werk kwijtgeraakt, uitkering nog niet rond",
                "kinderen merken dat er weinig geld is, geen geld voor sport",
                "bang voor de energierekening deze winter",
                "heeft een bewindvoerder, dat loopt goed",
                "krijgt hulp van Humanitas bij de administratie",
            ),
            RE: (
                "toestemming gevraagd voor doorverwijzing naar SHV: akkoord",
                "Humanitas thuisadministratie voorgesteld, wil er over nadenken",
                "tip: spreekuur van {welfare} op {weekday}ochtend",
                "afspraak met wijkteam gemaakt voor {appt}",
            ),
        },
        _w(1.0, 1.3),
    ),
    "taal": Theme(
        ("Denken en leren",),
        {WELZIJN: 0.4},
        {
            PO: (
                "spreekt weinig Nederlands, dochter vertaalde",
                "brieven van {corp} begrijpt {ze} niet goed",
                "gesprek ging deels in het Engels",
                "taal is een drempel, durft daardoor niet naar bijeenkomsten",
                "woont pas 2 jaar in {city}, kent de weg nog niet naar instanties",
            ),
            PK: (
                "wil graag beter Nederlands leren, interesse in taalcafé",
                "zou graag naar taalles gaan, liefst overdag",
                "wil oefenen met Nederlands praten, taalmaatje?",
                "volgt al taalles bij het Taalhuis, wil ook oefenen in de buurt",
            ),
        },
        _w(0.6, 1.0),
    ),
    "vocht": Theme(
        ("Gezondheid", "Leven"),
        {WONING: 0.75},
        {
            EO: (
                "vocht en schimmel in badkamer en slaapkamer, al vaker gemeld",
                "schimmel achter de kast in de slaapkamer, ruikt muf",
                "tocht bij de ramen, kozijnen zijn rot",
                "lekkage bij het dakraam als het hard regent",
                "ventilatie doet het niet goed, ramen beslaan",
                "CV valt steeds uit, koud in huis",
                "zwarte plekken op het plafond van de badkamer",
                "douche lekt door naar de buren beneden",
                "muren in de slaapkamer zijn nat, kinderen hoesten veel",
                "kitranden in de badkamer zwart, krijgt ze niet schoon",
                "schimmel op de kozijnen, al 3x overheen geschilderd",
            ),
            RE: (
                "melding gedaan bij {corp} (reparatieverzoek)",
                "foto's gemaakt en doorgestuurd naar de aannemer",
                "technisch uitvoerder kijkt ernaar bij de opname",
            ),
        },
        _w(1.2, 1.5),
    ),
    "inpakken": Theme(
        ("Leven", "Eigen keuzes maken"),
        {WONING: 0.6},
        {
            PO: (
                "ziet erg op tegen de renovatie, weet niet hoe {ze} alles moet inpakken",
                "heeft hulp nodig bij inpakken en verschuiven van meubels",
                "veel spullen, waardevol servies van {zijn} moeder. bang dat het kapot gaat",
                "zit in een rolstoel, badkamer moet bereikbaar blijven tijdens de werkzaamheden",
                "wil tijdens de werkzaamheden overdag liever niet thuis zijn",
                "woont {years} in dit huis, zoveel spullen, waar moet dat heen?",
                "wil weten of de keuken ook vervangen wordt",
                "heeft een groot aquarium, wat moet daarmee tijdens de werkzaamheden?",
                "is bang dat de kat wegloopt als de werklui in huis zijn",
            ),
            RE: (
                "inpakhulp aangevraagd bij de aannemer",
                "wil graag een keer in de modelwoning kijken",
                "vraag over planning werkzaamheden doorgezet naar sociaal medewerker aannemer",
                "verhuisdozen regelen voor {appt}",
            ),
        },
        _w(1.0, 1.0),
    ),
    "geluid": Theme(
        ("Veiligheid", "Gevoelens"),
        {},
        {
            EO: (
                "geluidsoverlast van bovenburen, muziek tot laat",
                "blaffende hond van de buren, de hele dag",
                "scooters racen door de straat",
                "dunne muren, je hoort alles van de buren",
                "overlast van feestjes in het weekend",
            ),
        },
        _w(1.0, 1.0),
    ),
    "treinen": Theme(
        ("Veiligheid", "Natuur en dieren"),
        {},
        {
            EO: (
                "veel last van de goederentreinen 's nachts",
                "trillingen van de treinen, scheuren in de muur?",
                "geluid van het spoor, slaapt met oordopjes",
            ),
            EK: (
                "station dichtbij, makkelijk met de trein naar familie",
                "vindt het spoor juist gezellig, 'hoort bij de buurt'",
            ),
        },
        _w(0.8, 0.0),
    ),
    "veiligheid": Theme(
        ("Veiligheid",),
        {},
        {
            EO: (
                "'s avonds voelt {ze} zich niet veilig, slechte verlichting in het steegje",
                "hangjongeren bij de speeltuin, 's avonds veel herrie",
                "inbraak gehad vorig jaar, sindsdien slecht slapen",
                "er wordt gedeald bij de garageboxen",
                "fietsen worden gestolen uit de berging",
                "durft 's avonds niet meer over straat",
                "steegje achter de huizen is donker, struiken moeten gesnoeid",
                "auto's rijden veel te hard door de straat",
            ),
            EK: (
                "wijkagent is goed bereikbaar",
                "buurtpreventie-app werkt goed, buren letten op",
                "buurtpreventieteam loopt op {weekday}avond, daar voelt {ze} zich veiliger door",
            ),
        },
        _w(1.0, 1.4),
    ),
    "galerij": Theme(
        ("Veiligheid", "Invloed op je omgeving"),
        {WONING: 0.2},
        {
            EO: (
                "galerij is donker, lampen al weken kapot",
                "lift is vaak stuk, met boodschappen de trap op",
                "portiek wordt gebruikt als hangplek",
                "trappenhuis vies, niemand voelt zich verantwoordelijk",
                "bergingen onder het blok zijn eng, daar komt {ze} niet meer",
            ),
            EK: (
                "op de galerij kennen ze elkaar, praatje bij de deur",
                "zou samen met buren de galerij wel willen opfleuren met planten",
            ),
        },
        _w(0.0, 1.4),
    ),
    "onzekerheid": Theme(
        ("Invloed op je omgeving", "Gevoelens"),
        {},
        {
            EO: (
                "onzeker of het blok gesloopt of gerenoveerd wordt, maakt onrustig",
                "voelt zich niet gehoord door {corp}",
                "te weinig informatie over de planning van de werkzaamheden",
                "bang voor huurverhoging na het onderhoud",
                "veel geruchten in de buurt over sloop",
                "wil weten wanneer het blok aan de beurt is",
                "hoorde van buren dat er gesloopt wordt, klopt dat?",
            ),
            RE: (
                "vraag over huurverhoging doorgezet naar {corp}",
                "uitgelegd wanneer de nieuwsbrief komt",
                "vraag over wisselwoning doorgezet naar {corp}",
            ),
        },
        _w(0.5, 1.8),
    ),
    "buurthuis": Theme(
        ("Ontspanning en spel", "Contact met anderen"),
        {},
        {
            EK: (
                "komt graag in het buurthuis, bingo op {weekday}",
                "buurthuis is belangrijk voor {haar}, daar ontmoet {ze} mensen",
                "modelwoning is fijn om even binnen te lopen",
                "koffie bij de pipowagen vond {ze} gezellig",
                "doet mee met de handwerkclub in het buurthuis",
                "gaat op {weekday} naar de soos in het buurthuis",
                "wil wel helpen bij activiteiten in het buurthuis",
                "de bakfiets met kookplaat vond {ze} erg leuk",
                "pop-up terras was gezellig, meer van dat soort dingen",
                "zou het buurthuis graag vaker open zien, ook in het weekend",
            ),
            EO: (
                "buurthuis is te ver weg en alleen voor ouderen",
                "buurthuis is vaak dicht, openingstijden beperkt",
                "te weinig te doen voor jongeren in de buurt",
            ),
        },
        _w(1.2, 0.9),
    ),
    "bewegen": Theme(
        ("Gezondheid", "Natuur en dieren"),
        {WELZIJN: 0.2},
        {
            PK: (
                "wil meer bewegen, interesse in een wandelgroepje",
                "wil wel meedoen met de wandelgroep op {weekday}ochtend",
                "fietst veel, zou met anderen wel een fietstocht willen maken",
                "doet aan stoelyoga, zoekt dat ook in de buurt",
                "wil wel mee met het wandelgroepje van {welfare}",
                "zoekt een beweeggroep voor ouderen (gym op muziek)",
            ),
            TA: (
                "was vroeger fanatiek hardloper",
                "kan goed fietsen repareren",
                "heeft jaren voetbaltraining gegeven",
                "wandelt veel, kent alle routes in de omgeving",
            ),
        },
        _w(1.0, 1.0),
    ),
    "koken": Theme(
        ("Contact met anderen", "Ontspanning en spel"),
        {PARTICIPATIE: 0.4},
        {
            TA: (
                "kookt graag, wil wel een keer voor de buurt koken",
                "bakt taarten voor verjaardagen in de straat",
                "kan heerlijk Surinaams koken (roti!)",
                "wil wel een Marokkaanse kookworkshop geven",
                "maakt Turkse hapjes voor buurtfeesten",
                "samen koken met buurtgenoten lijkt {haar} leuk",
                "bakt zelf brood en deelt het uit in de straat",
                "heeft jaren in een restaurant gewerkt, kan voor grote groepen koken",
                "maakt elke vrijdag soep, buren mogen altijd mee-eten",
            ),
            PK: (
                "zou graag samen eten met buren, alleen koken is niks",
                "interesse in de bakfiets met kookplaat",
            ),
        },
        _w(1.0, 1.1),
    ),
    "vrijwilliger": Theme(
        ("Invloed op je omgeving", "Contact met anderen"),
        {PARTICIPATIE: 0.65},
        {
            TA: (
                "handig met klussen, wil buren best helpen",
                "doet vrijwilligerswerk bij de Voedselbank",
                "kan goed met computers, wil ouderen helpen met DigiD en de telefoon",
                "wil meedenken in de bewonersprojectgroep",
                "kan tolken Arabisch-Nederlands",
                "spreekt Turks en Nederlands, wil wel vertalen voor buren",
                "wil helpen met de nieuwsbrief (schrijven, rondbrengen)",
                "was kapster, knipt nog wel eens buren",
                "administratief sterk, helpt al buren met formulieren",
                "goed in organiseren, deed vroeger het straatfeest",
                "werkte als bakker, wil wel bakken met kinderen",
                "kan goed luisteren, wil wel maatje zijn voor iemand",
                "rijdt auto, kan buren naar het ziekenhuis brengen",
                "speelt gitaar, wil muziek maken op een buurtfeest",
                "maakt mooie foto's van de buurt, wil die wel delen",
                "kan fietsen repareren, idee: reparatiecafé",
                "breit en haakt, wil het best aan anderen leren",
                "is 's avonds vaak thuis, wil wel oppassen",
            ),
            PK: (
                "wil iets betekenen voor de buurt",
                "zoekt vrijwilligerswerk nu {ze} met pensioen is",
            ),
        },
        _w(1.0, 1.0),
    ),
    "familie": Theme(
        ("Gevoelens", "Ontspanning en spel"),
        {},
        {
            PK: (
                "kleinkinderen komen elke {weekday}, dat geeft veel plezier",
                "past 2 dagen per week op de kleinkinderen",
                "familie woont dichtbij, veel steun aan",
                "zoon komt elke week boodschappen doen",
                "dochter woont twee straten verder, ziet haar bijna elke dag",
                "heeft grote familie in {city}, veel bezoek",
                "eerste achterkleinkind op komst, is er heel blij mee",
            ),
            EO: ("kleinkinderen kunnen nergens spelen in de buurt",),
        },
        _w(1.0, 0.9),
    ),
    "huisdieren": Theme(
        ("Natuur en dieren",),
        {},
        {
            PK: (
                "heeft een hond ({pet}), daardoor veel contact met mensen in het park",
                "kat {pet} is alles voor {haar}",
                "loopt elke ochtend een rondje met de hond",
                "zou een hondenuitlaatgroepje leuk vinden",
                "hond is oud, kleine rondjes, maar praat dan wel met iedereen",
            ),
            TA: (
                "houdt parkieten, weet er alles van",
                "wil wel oppassen op huisdieren van buren",
            ),
            EO: ("hondenpoep op het grasveld, kinderen kunnen er niet spelen",),
        },
        _w(0.9, 0.9),
    ),
    "burenhulp": Theme(
        ("Contact met anderen",),
        {},
        {
            EK: (
                "goed contact met de buren, ze doen boodschappen voor elkaar",
                "in de portiek kijken ze naar elkaar om",
                "straat heeft een appgroep, werkt goed",
                "buurvrouw heeft een sleutel voor noodgevallen",
                "helpt de buren met de tuin, krijgt er soep voor terug",
                "buren zijn als familie",
                "buurman doet de boodschappen als {ze} ziek is",
                "er wordt veel gedeeld in de straat: soep, gereedschap, een lift naar de dokter",
                "vroeger was er elk jaar een straatfeest, dat wil {ze} terug",
                "ouderen in het blok worden goed in de gaten gehouden door de buren",
            ),
            EO: (
                "weinig contact met de nieuwe buren, veel wisselingen",
                "kent de buren niet, iedereen leeft langs elkaar heen",
            ),
        },
        _w(1.3, 1.0),
    ),
    "groen": Theme(
        ("Natuur en dieren",),
        {},
        {
            EK: (
                "geniet van het groen achter het huis",
                "wil graag een geveltuintje",
                "zou samen een moestuin willen beginnen",
                "boomspiegels samen met de buren onderhouden?",
                "park is dichtbij, daar komt {ze} veel",
                "wil graag meedoen met een plantjesdag",
                "voert de eenden bij de vijver, praat daar met andere buurtbewoners",
            ),
            EO: (
                "speeltuin is verouderd",
                "te weinig groen, alles is stenen",
                "bankjes weggehaald",
            ),
            TA: (
                "groene vingers, balkon staat vol planten",
                "heeft vroeger als hovenier gewerkt",
                "kweekt tomaten en kruiden, wil stekjes ruilen",
            ),
        },
        _w(1.0, 1.0),
    ),
    "afval": Theme(
        ("Invloed op je omgeving",),
        {},
        {
            EO: (
                "afval naast de containers, ratten gezien",
                "grofvuil op de stoep, niemand ruimt het op",
                "zwerfafval bij het winkelcentrum",
                "containers zitten vaak vol, dan zetten mensen het ernaast",
                "ratten in de tuinen, ook bij de buren",
            ),
            EK: ("wil wel meedoen met een opschoonactie",),
        },
        _w(0.9, 1.3),
    ),
    "tevreden": Theme(
        ("Leven",),
        {},
        {
            EK: (
                "woont hier {years}, wil hier nooit meer weg",
                "rustige buurt, fijne plek om te wonen",
                "alles dichtbij: winkels, bus, huisarts",
                "voor jullie een huis, voor {haar} een thuis",
                "tevreden over de woning en de buurt",
                "geboren en getogen in {hood}, kent iedereen",
                "woont {years} in {hood}, ziet de buurt veranderen maar blijft graag",
                "fijne buurt om kinderen groot te brengen",
            ),
        },
        _w(1.3, 0.8),
    ),
    "kinderen": Theme(
        ("Ontspanning en spel", "Denken en leren"),
        {},
        {
            EO: (
                "te weinig speelplekken voor oudere kinderen",
                "kinderen spelen op straat, auto's rijden te hard",
                "speeltuin ligt vaak vol glas",
            ),
            PK: (
                "zoekt contact met andere moeders uit de buurt",
                "kinderen willen graag op voetbal, kan dat in de buurt?",
                "via school ontmoet {ze} andere ouders uit de buurt",
            ),
            TA: (
                "organiseert graag kinderfeestjes",
                "knutselt veel met kinderen",
            ),
        },
        _w(0.8, 1.2),
    ),
    "werk": Theme(
        ("Denken en leren", "Eigen keuzes maken"),
        {},
        {
            PO: (
                "zoekt werk, al 2 jaar werkloos",
                "werkt in ploegendienst, weinig tijd voor de buurt",
                "studeert en werkt, druk",
                "net verhuisd voor werk, kent nog niemand",
            ),
            TA: (
                "heeft een administratieve achtergrond",
                "technisch opgeleid (elektricien)",
                "werkt in de zorg, weet veel van regelingen",
            ),
        },
        _w(0.8, 1.0),
    ),
    "mantelzorg": Theme(
        ("Gevoelens", "Gezondheid"),
        {ZORG: 0.25, WELZIJN: 0.25},
        {
            PO: (
                "zorgt voor {zijn} {partner}, heeft weinig tijd voor zichzelf",
                "overbelast als mantelzorger",
                "zorgt ook voor {zijn} moeder in Dukenburg, veel heen en weer",
                "zoon met autisme, vraagt veel zorg",
            ),
            PK: ("interesse in lotgenotengroep mantelzorgers",),
        },
        _w(0.9, 0.8),
    ),
}

# Remarks that belong to no theme.
GENERAL_REMARKS = (
    "prettig gesprek",
    "kort gesprek, bwn had weinig tijd",
    "technische opname door de aannemer ging gelijk mee",
    "afspraak {appt} om {clock} in de modelwoning",
    "bewoner wil graag horen wat er uit de gesprekken komt",
    "gesprek duurde ruim een uur, veel verteld",
    "bewoner was de eerste keer niet thuis, tweede keer gelukt",
    "gesprek met de dochter erbij als tolk",
    "nieuwsbrief meegegeven",
    "geen bijzonderheden",
    "kaarten vond {ze} lastig, gewoon gepraat",
    "volgende keer samen met de woonconsulent",
    "wil op de hoogte blijven via de nieuwsbrief",
    "kaart buurthuis gegeven",
    "bewoner is {age}, nog erg kwiek",
    "woont {years} in {hood}",
    "folders Humanitas en Voedselbank gegeven",
    "doorverwezen naar het sociaal wijkteam",
    "terugkoppeling aan {corp} via de woonconsulent",
    "gesprek samen met de technisch uitvoerder gedaan",
    "volgende week {weekday} nog even langs",
    "'eindelijk luistert er iemand'",
    "bewoner wil niet dat er iets over {haar} gedeeld wordt, alleen algemeen",
    "veel vragen over de werkzaamheden, doorgezet naar de aannemer",
)
NOTHING = ("-", "nvt", "geen", "Nee", "n.v.t.", "x")

# Sentences with an invented identifier, per text field. Slots: see NoteWriter._slot.
ID_TEMPLATES: dict[str, tuple[str, ...]] = {
    PO: (
        "{resident_t} vertelt dat {ze} sinds de scheiding van {first} er alleen voor staat",
        "dochter {kin_f} woont in Tiel en komt weinig",
        "zoon {kin_m} regelt de medicijnen, tel. {phone}",
        "{resident_t} is {age}, {zijn} broer {fullname_m} is vorig jaar overleden",
        "geboren {birthdate}, voelt zich ouder dan {ze} is",
        "schuld bij de zorgverzekeraar, {resident_t} liet brief zien (BSN {bsn})",
        "{first_f} (buurvrouw van {nr}) maakt zich zorgen om {haar}",
        "zus {fullname_f} doet de administratie",
    ),
    PK: (
        "buurvrouw {first_f} van {nr} gaat ook naar de koffieochtend, misschien samen?",
        "wil samen met {mw} wandelen, die woont op {addr}",
        "kleinzoon {kin_m} ({kid_age}) komt na school, {ze} wil wel vaker iets met kinderen doen",
        "{resident_t} wil wel meedoen, bereikbaar op {own_phone}",
        "kent {fullname} van de moskee/kerk, samen naar het buurthuis?",
        "contact leggen met {fam} (ook nieuw in de buurt)",
    ),
    TA: (
        "{resident_t} kookt heerlijk, wil wel koken voor de buurtmaaltijd. mail: {own_email}",
        "handig met computers, helpt {first} van {nr} al met de laptop",
        "{kin_m} (zoon) is goed in klussen en wil helpen, {phone}",
        "wil in de bewonersprojectgroep, mailadres {own_email}",
        "naait kleding, heeft al gordijnen gemaakt voor {mw}",
    ),
    EO: (
        "overlast van {addr}, al vaker gemeld bij {corp}",
        "buren op {nr} hebben elk weekend feest tot 3 uur",
        "zelfde schimmelprobleem bij de buren op {addr}",
        "ruzie met {fam} over de parkeerplek",
        "jongens van {fam} hangen vaak bij de boxen, {ze} durft er niets van te zeggen",
        "{dhr} op {nr} gooit afval over de schutting",
        "{mw} ({addr}) heeft ook last van lekkage",
    ),
    EK: (
        "buurvrouw {first_f} van {nr} kijkt om naar {haar}",
        "{mw} van de overkant doet boodschappen voor {haar}",
        "{fam} ({addr}) is erg behulpzaam",
        "goed contact met {fullname} van hiernaast",
        "met {first} en {first} van de galerij drinken ze koffie op {weekday}",
        "{dhr} van {nr} heeft de sleutel",
    ),
    RE: (
        "terugbellen op {own_phone}",
        "wil graag gemaild worden: {own_email}",
        "dochter is contactpersoon: {fullname_f}, {phone}",
        "woonde eerder op {addr}",
        "tel {own_phone} (na 17.00 uur)",
        "mail {own_email}, tel {own_phone}",
        "IBAN {iban} doorgeven aan {corp} voor terugbetaling",
        "{resident_t} geb. {birthdate}, vraag voor de WMO doorgezet",
        "postcode klopt niet in het systeem, moet {postcode} zijn",
        "BSN {bsn} genoteerd voor aanvraag (op verzoek van bewoner)",
        "contact via {fullname}, {phone}",
        "sleutel ligt bij {mw}, {addr}",
    ),
}

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
DAY_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")
PETS = ("Bobbie", "Minoes", "Snoopy", "Pluisje", "Tijger", "Dribbel", "Guus", "Pip", "Kiki")
MONTH_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
TYPO_WORDS = {
    "vindt": "vind",
    "wordt": "word",
    "misschien": "mischien",
    "interesse": "intresse",
    "eigenlijk": "eigelijk",
    "activiteiten": "activiteten",
    "gezellig": "gezelig",
    "schimmel": "schimel",
    "buurvrouw": "buurvrou",
    "werkzaamheden": "werkzaamheiden",
}
_SLOT = re.compile(r"\{(\w+)\}")
_TITLE = re.compile(
    r"^(mw\.? |mevr\.? |mevrouw |dhr\.? |meneer |mr\. |(de )?familie |fam\.? )", re.I
)
Slot = Callable[[], tuple[str, str | None]]


class NoteWriter:
    """Writes the six text answers of one visit; deterministic for a given ``random.Random``."""

    def __init__(self, rng: random.Random, setting: Setting, *, identifier_rate: float = 0.2):
        self.rng = rng
        self.setting = setting
        self.identifier_rate = identifier_rate
        self._themes = [n for n, t in THEMES.items() if t.weight.get(setting.flavour, 0) > 0]
        self._weights = [THEMES[n].weight[setting.flavour] for n in self._themes]
        self._by_street: dict[str, list[Home]] = {}
        for home in setting.homes:
            self._by_street.setdefault(home.street, []).append(home)
        self._postcodes = sorted({home.postcode for home in setting.homes})
        self._visit_cache: dict[str, str] = {}
        name = setting.neighbourhood
        self._hood_names = (f"de {name}", f"de {name}", name, name.lower(), setting.district)

    # -- public ---------------------------------------------------------------------------------
    def visit(self, household: Household) -> VisitNotes:
        rng = self.rng
        self._visit_cache = {}
        themes = self._pick_themes(household)
        texts: dict[str, list[str]] = {name: [] for name in TEXT_FIELDS}
        sources: dict[str, set[str]] = {name: set() for name in TEXT_FIELDS}
        for theme_name in themes:
            theme = THEMES[theme_name]
            for field_name, options in theme.texts.items():
                if rng.random() < 0.75:
                    texts[field_name].append(rng.choice(options))
                    sources[field_name].add(theme_name)
        if rng.random() < 0.45:
            texts[RE].append(rng.choice(GENERAL_REMARKS))
        skip = {PO: 0.2, PK: 0.25, TA: 0.3, EO: 0.15, EK: 0.25, RE: 0.2}
        notes: dict[str, Note] = {}
        for field_name, snippets in texts.items():
            if snippets and rng.random() < skip[field_name]:
                snippets = []  # the worker skipped this question
                sources[field_name] = set()
            if not snippets and rng.random() < 0.04:
                notes[field_name] = Note(rng.choice(NOTHING))
                continue
            notes[field_name] = self._compose(field_name, snippets, household)
        if all(not n.text for n in notes.values()):  # a held conversation leaves something
            notes[EK] = self._compose(EK, [rng.choice(THEMES["tevreden"].texts[EK])], household)
        cards: list[str] = []
        actions: list[str] = []
        for theme_name in themes:
            for card in THEMES[theme_name].cards:
                if card not in cards and rng.random() < 0.7:
                    cards.append(card)
            if not any(theme_name in names for names in sources.values()):
                continue  # nothing written about it: no action either
            for action, chance in THEMES[theme_name].actions.items():
                if action not in actions and rng.random() < chance:
                    actions.append(action)
        return VisitNotes(notes, themes, cards, actions)

    def note(self, field_name: str, household: Household) -> Note:
        """One note for one text field, with at least one sentence (for benchmarks and tests)."""
        self._visit_cache = {}
        pool = [s for t in THEMES.values() for s in t.texts.get(field_name, ())]
        return self._compose(field_name, [self.rng.choice(pool)], household)

    # -- composing ------------------------------------------------------------------------------
    def _pick_themes(self, household: Household) -> list[str]:
        rng = self.rng
        weights = list(self._weights)
        for i, name in enumerate(self._themes):
            if name in {"eenzaamheid", "gezondheid", "mantelzorg"} and household.age >= 65:
                weights[i] *= 1.8
            if name in {"kinderen", "werk"} and household.age >= 65:
                weights[i] *= 0.15
            if name == "kinderen" and household.household_type in {"family", "single_parent"}:
                weights[i] *= 3
            if name == "taal" and household.resident.origin == "nl":
                weights[i] *= 0.05
        count = rng.choices((1, 2, 3, 4), weights=(20, 40, 30, 10))[0]
        chosen: list[str] = []
        while len(chosen) < count:
            name = rng.choices(self._themes, weights=weights)[0]
            if name not in chosen:
                chosen.append(name)
        return chosen

    def _compose(self, field_name: str, snippets: list[str], household: Household) -> Note:
        rng = self.rng
        snippets = list(snippets)
        if snippets and rng.random() < self.identifier_rate / 0.85:
            position = rng.randint(0, len(snippets))
            snippets.insert(position, rng.choice(ID_TEMPLATES[field_name]))
        if not snippets:
            return Note("")
        note = Note("")
        parts = [self._fill(self._typos(s), household, note) for s in snippets]
        parts = [p[0].upper() + p[1:] if rng.random() < 0.55 else p for p in parts]
        style = rng.choices(("sentences", "lines", "bullets", "semicolons"), (60, 22, 10, 8))[0]
        if len(parts) == 1 or style == "sentences":
            text = " ".join(p if p[-1] in ".?!" else p + "." for p in parts)
            if parts[-1][-1] not in ".?!" and rng.random() < 0.4:
                text = text[:-1]
        elif style == "lines":
            text = "\n".join(parts)
        elif style == "bullets":
            text = "\n".join(f"- {p}" for p in parts)
        else:
            text = "; ".join(parts)
        if rng.random() < 0.03:
            text = text.replace(" ", "  ", 1)
        if rng.random() < 0.04:
            text += " "  # a trailing space, as typed
        note.text = text
        return note

    def _typos(self, template: str) -> str:
        """Typos in the literal words of a template, never inside a slot."""
        rng = self.rng
        pieces = _SLOT.split(template)  # literal, slot name, literal, ...
        for i in range(0, len(pieces), 2):
            words = pieces[i].split(" ")
            for j, word in enumerate(words):
                if word in TYPO_WORDS and rng.random() < 0.25:
                    words[j] = TYPO_WORDS[word]
                elif len(word) > 5 and word.isalpha() and rng.random() < 0.012:
                    k = rng.randint(1, len(word) - 3)
                    words[j] = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
            pieces[i] = " ".join(words)
        return "".join(p if i % 2 == 0 else "{" + p + "}" for i, p in enumerate(pieces))

    def _fill(self, template: str, household: Household, note: Note) -> str:
        def replace(match: re.Match[str]) -> str:
            text, kind = self._slot(match.group(1), household)
            if kind is not None:  # a title (mw., de familie) is context, not identifier
                note.identifiers.append((kind, _TITLE.sub("", text) if kind == PERSON else text))
            return text

        return _SLOT.sub(replace, template)

    # -- slots ----------------------------------------------------------------------------------
    def _slot(self, name: str, hh: Household) -> tuple[str, str | None]:
        rng = self.rng
        resident = hh.resident
        female = resident.gender == "f"
        couple = hh.household_type in {"couple", "family"}
        plain: dict[str, Callable[[], str]] = {
            "ze": lambda: "ze" if female or couple else "hij",
            "zijn": lambda: "haar" if female else "zijn",
            "haar": lambda: (
                "hen" if couple and rng.random() < 0.3 else ("haar" if female else "hem")
            ),
            "partner": lambda: "man" if female else "vrouw",
            "subj": lambda: self._subject(hh),
            "age": lambda: rng.choice(("{} jaar", "{} jr", "{}jr", "{} jaar oud")).format(hh.age),
            "kid_age": lambda: f"{rng.randint(4, 14)} jaar",
            "ago": lambda: rng.choice(("2 jaar", "een half jaar", "3 jr", "vorig jaar", "5 jaar")),
            "years": lambda: self._years(hh),
            "weekday": lambda: rng.choice(WEEKDAYS),
            "appt": lambda: self._appointment(hh.visit_date),
            "clock": lambda: rng.choice(("10.00", "10:30", "14.00 uur", "15.30", "9 uur", "13:00")),
            "corp": lambda: rng.choice(("Woonwaarts", "Woonwaarts", "de corporatie", "WW")),
            "welfare": lambda: rng.choice(("Bindkracht10", "Bindkracht 10", "het opbouwwerk")),
            "pet": lambda: rng.choice(PETS),
            "city": lambda: rng.choice(("Nijmegen", "Nijmegen", "nijmegen", "Nijmegen-Oost")),
            "hood": lambda: rng.choice(self._hood_names),
        }
        if name in plain:
            return plain[name](), None
        identifiers: dict[str, tuple[Callable[[], str], str]] = {
            "first": (lambda: self._name(invent_person(rng).first), PERSON),
            "first_f": (lambda: self._name(invent_person(rng, gender="f").first), PERSON),
            "first_m": (lambda: self._name(invent_person(rng, gender="m").first), PERSON),
            "fullname": (lambda: self._full(invent_person(rng)), PERSON),
            "fullname_f": (lambda: self._full(invent_person(rng, resident.origin, "f")), PERSON),
            "fullname_m": (lambda: self._full(invent_person(rng, resident.origin, "m")), PERSON),
            "kin_f": (lambda: self._name(invent_person(rng, resident.origin, "f").first), PERSON),
            "kin_m": (lambda: self._name(invent_person(rng, resident.origin, "m").first), PERSON),
            "phone": (lambda: phone_number(rng), PHONE),
            "own_phone": (lambda: hh.phone or self._own("phone", lambda: phone_number(rng)), PHONE),
            "own_email": (
                lambda: hh.email or self._own("email", lambda: email_address(rng, resident)),
                EMAIL,
            ),
            "addr": (lambda: self._address(hh), ADDRESS),
            "nr": (lambda: self._number(hh), ADDRESS),
            "postcode": (lambda: self._postcode(hh), POSTCODE),
            "birthdate": (lambda: birth_date(rng, hh.visit_date.year - hh.age), BIRTHDATE),
            "bsn": (lambda: bsn(rng), BSN),
            "iban": (lambda: iban(rng), IBAN),
        }
        if name in identifiers:
            make, kind = identifiers[name]
            return make(), kind
        titled = {"mw": ("f", "mw"), "dhr": ("m", "dhr"), "fam": (None, "fam")}
        if name in titled or name == "resident_t":
            if name == "resident_t":
                person, title = resident, ("mw" if female else "dhr")
                if couple and rng.random() < 0.3:
                    title = "fam"
            else:
                gender, title = titled[name]
                person = invent_person(rng, gender=gender)
            return self._titled(person.surname, title), PERSON
        raise KeyError(f"unknown slot {{{name}}}")

    def _own(self, key: str, make: Callable[[], str]) -> str:
        """The resident's own number or address: the same in every note of one visit."""
        if key not in self._visit_cache:
            self._visit_cache[key] = make()
        return self._visit_cache[key]

    def _name(self, name: str) -> str:
        return name.lower() if self.rng.random() < 0.15 else name

    def _full(self, person: Person) -> str:
        full = f"{person.first} {person.surname}"
        return full.lower() if self.rng.random() < 0.08 else full

    def _titled(self, surname: str, title: str) -> str:
        rng = self.rng
        if rng.random() < 0.12:
            surname = surname.lower()
        prefixes = {
            "mw": ("mw. ", "mw ", "Mw. ", "mevr. ", "mevrouw ", "Mevr "),
            "dhr": ("dhr. ", "dhr ", "Dhr. ", "meneer ", "mr. "),
            "fam": ("de familie ", "fam. ", "fam ", "Fam. ", "familie "),
        }[title]
        return rng.choice(prefixes) + surname

    def _subject(self, hh: Household) -> str:
        if hh.household_type in {"couple", "family"} and self.rng.random() < 0.4:
            return self.rng.choice(("fam.", "echtpaar", "ze"))
        if hh.resident.gender == "f":
            return self.rng.choice(("mw.", "mw", "Mw.", "bewoonster", "bwn", "mevrouw"))
        return self.rng.choice(("dhr.", "dhr", "meneer", "bewoner", "bwn"))

    def _years(self, hh: Household) -> str:
        if hh.years_here < 1:
            return self.rng.choice(("pas een paar maanden", "nog geen jaar"))
        if self.rng.random() < 0.3:
            return f"sinds {hh.visit_date.year - hh.years_here}"
        return f"{hh.years_here} jaar" if hh.years_here > 1 else "een jaar"

    def _appointment(self, visit: date) -> str:
        rng = self.rng
        day = visit + timedelta(days=rng.randint(3, 30))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return rng.choice(
            (
                f"{day.day}-{day.month}",
                f"{day.day}/{day.month}",
                f"{day.day} {MONTHS[day.month - 1]}",
                f"{DAY_SHORT[day.weekday()]} {day.day} {MONTH_SHORT[day.month - 1]}",
                f"{WEEKDAYS[day.weekday()]} {day.day}-{day.month}",
                "volgende week " + WEEKDAYS[day.weekday()],
            )
        )

    def _other_home(self, hh: Household, same_street: bool) -> Home:
        homes = self._by_street[hh.home.street] if same_street else self.setting.homes
        while True:
            home = self.rng.choice(homes)
            if home != hh.home:
                return home

    def _address(self, hh: Household) -> str:
        rng = self.rng
        home = self._other_home(hh, same_street=rng.random() < 0.5)
        street = home.street.lower() if rng.random() < 0.15 else home.street
        if self.setting.flavour == "lankforst" and rng.random() < 0.35:
            return home.number  # "op 15-13": the block and flat number alone
        number = home.number
        if number[-1].isalpha() and rng.random() < 0.3:
            number = f"{number[:-1]} {number[-1].upper()}"
        return f"{street} {number}"

    def _number(self, hh: Household) -> str:
        home = self._other_home(hh, same_street=True)
        prefix = self.rng.choice(("nr. ", "nr ", "nummer ", "huisnr. ", "no. ", "nr."))
        return prefix + home.number

    def _postcode(self, hh: Household) -> str:
        code = self.rng.choice(self._postcodes)
        return self.rng.choice((code, code.replace(" ", ""), code.lower()))


def identifier_share(notes: Sequence[Note]) -> float:
    """The share of non-empty notes that hold at least one identifier."""
    written = [n for n in notes if n.text.strip()]
    return sum(bool(n.identifiers) for n in written) / len(written) if written else 0.0


if __name__ == "__main__":  # a quick look: python examples/notes.py
    demo = Setting(
        "Spoorbuurt",
        (Home("Perronstraat", "12a", "6512 AB"), Home("Perronstraat", "14", "6512 AB")),
    )
    writer = NoteWriter(random.Random(1), demo)
    for i in range(8):
        person = invent_person(writer.rng)
        visit = writer.visit(
            Household(demo.homes[0], person, 70 + i, "single", 30, date(2016, 10, 3))
        )
        for name, note in visit.notes.items():
            if note.text:
                print(f"{name}: {note.text!r} {note.identifiers}")
        print(visit.cards, visit.actions)
