"""Word lists behind the scrubber, loaded once per process on first use.

Sources:
- deduce 3.0.6 (GPL-3.0): its packaged Dutch first names, surnames, streets and place names, read
  as data files. The package is found with ``importlib.util.find_spec`` and never imported, so
  none of deduce's start-up (or its memory) is paid.
- pyspellchecker (MIT): its Dutch word frequencies, for inflected everyday words ("woont", "komt"),
  and its English ones: the most frequent English words, for notes that mix in English.
- OpenTaal's word list (BSD), shipped in ``data/``: lowercase entries are ordinary Dutch words.
- The short lists below, written for community workers' notes.
"""

from __future__ import annotations

import functools
import gc
import gzip
import hashlib
import importlib.util
import json
import marshal
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mdsa.errors import MdsaError

DATA_DIR = Path(__file__).resolve().parent / "data"
DEDUCE_REQUIREMENT = "deduce==3.0.6"

# Words that introduce a person's (sur)name: "mw. Jansen", "de familie Yilmaz".
TITLES = frozenset(
    """mw mw. mevr mevr. mevrouw mevrouwtje dhr dhr. meneer mijnheer heer hr hr. fam fam. familie
    gezin mej mej. juf juffrouw meester mr mr. dr dr. drs drs. ir ir. ing ing. wijlen""".split()
)
# Words after which a first name usually follows: "buurman Piet", "dochter ingrid".
RELATIONS = frozenset(
    """buurman buurvrouw buren buurjongen buurmeisje buurkind buurtgenoot overbuurman overbuurvrouw
    bovenbuurman bovenbuurvrouw onderbuurman onderbuurvrouw zoon zoontje dochter dochtertje kind
    kleinzoon kleindochter kleinkind achterkleinkind man echtgenoot echtgenote vrouw partner vriend
    vriendin vriendje vriendinnetje ex moeder vader mama papa ma pa oma opa moeders vaders zus zusje
    zuster broer broertje schoonzoon schoondochter schoonmoeder schoonvader zwager schoonzus nicht
    neef oom tante peetoom peettante stiefvader stiefmoeder stiefzoon stiefdochter kennis collega
    mantelzorger contactpersoon vrijwilliger maatje bewindvoerder casemanager begeleider
    wijkagent behandelaar huisgenoot huisgenote kostganger bewoner bewoonster buurtbewoner
    huurder huurster""".split()
)
INTERFIXES = frozenset(
    """van de der den het 't t te ten ter v v. vd vd. v.d. v/d d' da del di dos du el al la le lo
    von zur op in aan bij uit ben bin ibn abu""".split()
)
# Never a name, whatever the lists say: weekdays, months, frequent note words and abbreviations.
WEEKDAYS = frozenset(
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma di wo do vr za zo".split()
)
MONTHS = frozenset(
    """januari februari maart april mei juni juli augustus september oktober november december
    jan feb mrt apr jun jul aug sep sept okt nov dec""".split()
)
FUNCTION_WORDS = frozenset(
    """is was zijn wil wilde heeft had hebben kan kon moet mag gaat ging komt kwam wordt werd zegt
    zei vindt vond woont woonde werkt werkte zit zat ligt lag staat stond vraagt vroeg weet wist
    belt belde krijgt kreeg doet deed blijft bleef loopt liep kijkt keek helpt hielp spreekt sprak
    en of maar want dus ook nog niet geen wel al erg heel zeer veel weinig graag alleen samen zelf
    die dat deze dit wie wat waar hoe hij zij ze haar hem hun zijn mijn je jij u uw we wij ik
    met van voor naar bij in op uit aan over onder tot om door na als dan toen nu hier daar
    er een het de des der den ook zo even soms vaak altijd nooit thuis weg terug net pas""".split()
)
ABBREVIATIONS = frozenset(
    """tel telnr tel. nr nr. no huisnr huisnummer ivm i.v.m. bv bijv evt ca mbt m.b.t. oa o.a.
    jr jr. jaar wk bsn iban pc geb geb. gebdatum dob hnr nl whatsapp app sms mail email e-mail
    ggz ggd wmo uwv svb cak cjg roc mbo hbo vmbo havo vwo aow ww wia wajong zzp ov nt2 adhd
    copd ptss nah lvb ok hoi tm t/m etc""".split()
)
# Organisations, services and places a note may name and must keep.
KEEP = frozenset(
    """bindkracht10 woonwaarts portaal talis standvast wijkteam buurtteam voedselbank humanitas
    schuldhulpmaatjes ggz ggd wmo uwv svb buurtzorg thuiszorg zuidzorg radboudumc radboud cwz
    maartenskliniek dichterbij iriszorg propersona kwadraad jumbo lidl aldi action kruidvat
    hema coop spar gemeente politie wijkagent huisarts buurthuis moskee kerk
    nijmegen dukenburg lindenholt hatert meijhorst tolhuis zwanenveld aldenhof malvert
    weezenhof lankforst vogelzang staddijk neerbosch wolfskuil hees heseveld biezen
    bottendaal spoorbuurt grootstal brakkenstein heyendaal hengstdal nijmegen-oost waalsprong
    lent oosterhout wijchen arnhem beuningen malden heumen groesbeek
    nederland turkije marokko suriname polen syrië afghanistan eritrea somalië irak iran
    ghana nigeria vietnam china indonesië antillen curaçao aruba bulgarije roemenië
    nederlands turks marokkaans surinaams pools arabisch berbers engels duits frans english dutch
    koerdisch tigrinya somalisch antilliaans papiaments hindoestaans javaans
    kerst kerstmis pasen pinksteren ramadan suikerfeest offerfeest divali koningsdag
    nederlandse turkse marokkaanse surinaamse poolse engelse duitse franse arabische koerdische
    antilliaanse hindoestaanse syrische afghaanse eritrese somalische
    facebook instagram whatsapp google heijn vivare vluchtelingenwerk
    eid chanoeka sinterklaas keti koti newroz nowruz
    máxima maxima willem-alexander bruls rutte""".split()
)
KEEP_PHRASES = frozenset(
    "albert heijn|sociaal wijkteam|sint maartenskliniek|pro persona|leger des heils"
    "|keti koti|mark rutte|koning willem-alexander|juridisch loket|oud en nieuw|rode kruis"
    "".split("|")
)
STREET_SUFFIXES = (
    "straat", "laan", "weg", "plein", "singel", "gracht", "kade", "dijk", "steeg", "dreef",
    "pad", "ring", "str", "ln", "plantsoen", "park", "hof", "erf", "baan", "markt", "wal", "horst",
    "forst", "veld", "hoven", "akker", "kamp", "donk", "hage", "weide", "oord", "straatje",
    "pleintje", "lei", "hoeve", "gaarde", "berg", "heuvel", "rijk", "boulevard", "promenade",
    "allee", "passage", "poort", "burcht", "dal", "vliet",
)  # fmt: skip
STREET_PREFIXES = frozenset(
    """eerste tweede derde vierde oude nieuwe burgemeester burg burg. pater sint st st. sint-
    koningin koning prins prinses dokter dr dr. kapitein graaf generaal professor prof prof. mgr
    mgr. pastoor kardinaal hertog kanunnik van de den der het ter ten en gen gen. jac jac. pr
    mr kromme lange korte hoge lage grote kleine""".split()
)
# Abbreviated titles before a first name in a street: "Dr. Jan Berendsstraat", "Gen. Foulkesweg".
STREET_TITLES = frozenset(
    "dr dokter burg burgemeester prof professor mgr pater st sint gen generaal jac pr mr".split()
)


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]
    surnames: frozenset[str]
    interfix_surnames: frozenset[str]
    streets: frozenset[str]
    # The last word of every street of more than one word ("van dijkstraat" gives
    # "dijkstraat"): a word not among them ends no such street.
    street_last_words: frozenset[str]
    places: frozenset[str]
    words: frozenset[str]
    frequent_words: frozenset[str]
    english_words: frozenset[str]


def last_words(phrases: Iterable[str]) -> frozenset[str]:
    """The last word of each phrase of more than one word (words split at spaces)."""
    return frozenset(p.rsplit(" ", 1)[-1] for p in phrases if " " in p)


class ScrubberDataError(MdsaError):
    """The word lists the scrubber needs are not installed."""

    code = "scrubber-data"


def _package_dir(name: str, requirement: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ScrubberDataError(
            f"the scrubber needs the word lists of the package {name!r}: "
            f"pip install '{requirement}'"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _lower(items: Iterable[str]) -> frozenset[str]:
    return frozenset(item.lower() for item in items)


def _deduce_list(src: Path, name: str) -> frozenset[str]:
    folder = src / name
    items = _lower(_lines(folder / "items.txt"))
    exceptions = folder / "exceptions.txt"
    return items - _lower(_lines(exceptions)) if exceptions.exists() else items


def cache_dir() -> Path:
    """Where the built word lists are kept between runs: ``$MDSA_CACHE_DIR``, else the user's
    cache folder. They hold only public word lists, never project data."""
    if explicit := os.environ.get("MDSA_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "mdsa"


def _sources() -> tuple[Path, Path]:
    src = _package_dir("deduce", DEDUCE_REQUIREMENT) / "data" / "lookup" / "src"
    spell = _package_dir("spellchecker", "pyspellchecker==0.9.1") / "resources" / "nl.json.gz"
    return src, spell


def _cache_key(src: Path, spell: Path) -> str:
    """Changes when this module (its short lists and rules) or any source list changes."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in (
        src,
        spell,
        spell.with_name("en.json.gz"),
        DATA_DIR / "opentaal-basiswoorden.txt.gz",
    ):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


@functools.cache
def lexicon() -> Lexicon:
    """Every list, cached for the process. Building them takes about 0.6 s; the result is kept
    in ``cache_dir()`` (marshal, about 6 MB) so that later runs load it in about 0.1 s. A cache
    that cannot be read or written is rebuilt or skipped, never an error."""
    lists = _load()
    # The lists hold about a million words and live as long as the process: left to the
    # garbage collector, every full collection walks them all (a tenth of the scrubber's time).
    # Frozen, the collector leaves alone what exists now; reference counting still frees it.
    gc.freeze()
    return lists


def _load() -> Lexicon:
    src, spell = _sources()
    path = cache_dir() / f"lexicon-{_cache_key(src, spell)}.marshal"
    try:
        stored = marshal.loads(path.read_bytes())
        return Lexicon(**{name: frozenset(items) for name, items in stored.items()})
    except (OSError, EOFError, ValueError, TypeError):
        pass
    built = _build(src, spell)
    _store(path, {name: getattr(built, name) for name in built.__dataclass_fields__})
    return built


def _store(path: Path, lists: dict[str, frozenset[str]]) -> None:
    from mdsa.fileio import write_bytes

    try:
        write_bytes(path, marshal.dumps({name: tuple(items) for name, items in lists.items()}))
    except MdsaError:
        pass  # a read-only home or a full disk: build the lists every run, as before


# How many of the most frequent English words count as words in a note that mixes in English
# ("Note for Anna: she says ..."); more would reach surnames ("Canal", "Sow").
ENGLISH_WORDS = 8000


def _build(src: Path, spell: Path) -> Lexicon:
    with gzip.open(DATA_DIR / "opentaal-basiswoorden.txt.gz", "rt", encoding="utf-8") as f:
        opentaal = f.read().split()
    with gzip.open(spell, "rt", encoding="utf-8") as f:
        counts: dict[str, int] = json.load(f)
    with gzip.open(spell.with_name("en.json.gz"), "rt", encoding="utf-8") as f:
        english: dict[str, int] = json.load(f)
    # Entries at the floor count (50) come from a merged dictionary that holds names too.
    spoken = {word for word, count in counts.items() if count > 50}
    common = _lines(src / "whitelist" / "lst_common_word" / "items.txt")
    stop = _lines(src / "whitelist" / "lst_stop_word" / "items.txt")
    places: set[str] = set()
    for sub in ("lst_residence", "lst_municipality", "lst_province", "lst_region"):
        places |= _deduce_list(src / "locations" / "lst_placename", sub)
    words = {w for w in opentaal if w[0].islower()} | spoken | _lower(common) | _lower(stop)
    # Capitalised OpenTaal entries ("Turks", "Parijs") are not names of people either.
    words |= {w.lower() for w in opentaal if w[0].isupper() and not w.isupper()}
    streets = _deduce_list(src / "locations", "lst_street")
    return Lexicon(
        first_names=_deduce_list(src / "names", "lst_first_name"),
        surnames=_deduce_list(src / "names", "lst_surname"),
        interfix_surnames=_deduce_list(src / "names", "lst_interfix_surname"),
        streets=streets,
        street_last_words=last_words(streets),
        places=frozenset(places) | KEEP,
        words=frozenset(words),
        frequent_words=_lower(common) | _lower(stop) | FUNCTION_WORDS,
        english_words=frozenset(
            sorted(english, key=english.__getitem__, reverse=True)[:ENGLISH_WORDS]
        ),
    )
