"""What a project leader checks in a scrubbed note: identifiers gone, meaning kept."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdsa.privacy.scrub import Scrubber

ROOT = Path(__file__).resolve().parents[2]
KEEP = ["Lankforst", "Spoorbuurt", "Bindkracht10", "Woonwaarts", "Sociaal Wijkteam"]


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber(keep_words=KEEP)


def scrub(scrubber: Scrubber, text: str) -> str:
    return scrubber.scrub(text).text


@pytest.mark.parametrize(
    ("note", "identifier", "kind"),
    [
        ("Mw. Jansen woont alleen.", "Jansen", "PERSOON"),
        ("dhr. de Vries heeft pijn.", "de Vries", "PERSOON"),
        ("Gesproken met de familie Yilmaz.", "Yilmaz", "PERSOON"),
        ("Gesprek met Fatima el Amrani over haar zoon.", "Fatima el Amrani", "PERSOON"),
        ("gesprek met fatima, 3 kinderen", "fatima", "PERSOON"),
        ("mw bouzid zit veel thuis", "bouzid", "PERSOON"),
        ("Dhr. Wiśniewski spreekt Pools.", "Wiśniewski", "PERSOON"),
        ("Mevr Soekhai heeft diabetes.", "Soekhai", "PERSOON"),
        ("Buurman Piet helpt met boodschappen.", "Piet", "PERSOON"),
        ("Dochter Agnieszka belt terug.", "Agnieszka", "PERSOON"),
        ("Ze praat veel met Grzegorz Kowalczyk.", "Grzegorz Kowalczyk", "PERSOON"),
        ("Woont op Lankforst 27-14, ingang achter.", "Lankforst 27-14", "ADRES"),
        ("Adres: Thijmstraat 12a.", "Thijmstraat 12a", "ADRES"),
        ("Adres: Thijmstraat 12 A.", "Thijmstraat 12 A", "ADRES"),
        ("woont hatertseweg 103-2", "hatertseweg 103-2", "ADRES"),
        ("Overlast van de buren van nr. 14, hard muziek.", "nr. 14", "ADRES"),
        ("Postcode 6543 AB Nijmegen", "6543 AB", "POSTCODE"),
        ("postcode 6543AB", "6543AB", "POSTCODE"),
        ("tel 06-12345678", "06-12345678", "TELEFOON"),
        ("tel 06 1234 5678", "06 1234 5678", "TELEFOON"),
        ("tel 0612345678", "0612345678", "TELEFOON"),
        ("tel +31 6 1234 5678", "+31 6 1234 5678", "TELEFOON"),
        ("tel +31612345678", "+31612345678", "TELEFOON"),
        ("tel 0031612345678", "0031612345678", "TELEFOON"),
        ("vast 024-3456789", "024-3456789", "TELEFOON"),
        ("vast 024 345 67 89", "024 345 67 89", "TELEFOON"),
        ("vast (024) 3456789", "024) 3456789", "TELEFOON"),
        ("nummer zonder nul 612345678", "612345678", "TELEFOON"),
        ("mail r.oudenaarde64@hotmail.com graag", "r.oudenaarde64@hotmail.com", "EMAIL"),
        ("BSN 123456782 doorgegeven", "123456782", "BSN"),
        ("BSN 123.456.782 doorgegeven", "123.456.782", "BSN"),
        ("bsn 123 456 782 doorgegeven", "123 456 782", "BSN"),
        ("IBAN NL91 ABNA 0417 1643 00 voor huur", "NL91 ABNA 0417 1643 00", "IBAN"),
        ("IBAN NL91ABNA0417164300 voor huur", "NL91ABNA0417164300", "IBAN"),
        ("Zij is geboren 3-4-1956 in Tilburg.", "3-4-1956", "GEBOORTEDATUM"),
        ("Mw (geb. 12 maart 1948) is weduwe.", "12 maart 1948", "GEBOORTEDATUM"),
        ("geboortedatum: 04-07-1962", "04-07-1962", "GEBOORTEDATUM"),
        # second labelled set, issue 7: the misses found there
        ("de familie Yilmaz op 41 heeft lekkage", "41", "ADRES"),
        ("bij de buren op 139 is het ook nat", "139", "ADRES"),
        ("Mw. Smit (58) heeft last van de trap.", "58", "ADRES"),
        ("pc + nr: 6511  xb 12", "12", "ADRES"),
        ("Dossier: Bakker / Dr. Jan Berendsstraat 8 / 6511 XB", "Dr. Jan Berendsstraat 8", "ADRES"),
        ("woont Tulpstr 3, achterom", "Tulpstr 3", "ADRES"),
        ("dob Sanne: 3-4-1951", "3-4-1951", "GEBOORTEDATUM"),
        ("dob Sanne: 3-4-1951", "Sanne", "PERSOON"),
        ("geb.datum Visser: 12 maart 1949", "12 maart 1949", "GEBOORTEDATUM"),
        ("geb 14-06-'47, weduwe", "14-06-'47", "GEBOORTEDATUM"),
        ("postcode 6541  KL", "6541  KL", "POSTCODE"),
        ("pc 6511  xb", "6511  xb", "POSTCODE"),
        ("[14:02] Roos: ik ben thuis", "Roos", "PERSOON"),
        ("Van: Wil Storm <w.storm@example.nl>", "Wil Storm", "PERSOON"),
        ("Hoi,\n\nGroet,\nFrans\n", "Frans", "PERSOON"),
        ("Dossier: Bakker, Sanne / 3e etage", "Bakker, Sanne", "PERSOON"),
        ("vlgs zus a.m. peeters veel alleen", "a.m. peeters", "PERSOON"),
        ("G.H Visser belt terug", "G.H Visser", "PERSOON"),
        ("broer Wil komt dinsdag", "Wil", "PERSOON"),
        ("koken met özdil van hiernaast", "özdil", "PERSOON"),
        ("vlgs zus fredriks, wessel veel alleen", "wessel", "PERSOON"),
        ("mw M.K. Klein, pc 4569 xz", "M.K. Klein", "PERSOON"),
        ("vlgs buurvrouw marvin pinas veel alleen", "marvin pinas", "PERSOON"),
        # the misses of the second set's dev split, by kind (names written for these tests)
        ("en buurman jolanda d' hondt komt morgen", "jolanda d' hondt", "PERSOON"),
        ("en schoonzus abraham mehari komt morgen", "abraham mehari", "PERSOON"),
        ("Persoon - kansen\nAma Owusu (12) heeft last van de trap.", "Ama Owusu", "PERSOON"),
        ("Persoon - kansen\nN Darwish (16) heeft last van de trap.", "N Darwish", "PERSOON"),
        ("vlgs kleinzoon Manço, tülin veel alleen", "tülin", "PERSOON"),
        ("vlgs buurvrouw kırat i\u0307nönü veel alleen", "kırat i\u0307nönü", "PERSOON"),
        ("Bewoner Ahmed vraagt om een tolk", "Ahmed", "PERSOON"),
        ("woont in 6541  kl sinds kort", "6541  kl", "POSTCODE"),
        ("adres 6541-KL, achterom", "6541-KL", "POSTCODE"),
        ("6541 kL Nijmegen", "6541 kL", "POSTCODE"),
        # a shout: capitals say nothing about a name, positions and lists still do
        ("HAAR DOCHTER MARK KOMT EENS PER MAAND", "MARK", "PERSOON"),
        ("GEEN WARM WATER EN SCHOONZUS ABRAHAM MEHARI KOMT", "ABRAHAM MEHARI", "PERSOON"),
        ("VLGS BUURVROUW MARVIN PINAS VEEL ALLEEN", "MARVIN PINAS", "PERSOON"),
        ("HENK EN TRUUS BAKKER ZIJN AL 40 JAAR GETROUWD", "HENK TRUUS BAKKER", "PERSOON"),
        ("DHR D' HONDT WILGHOF 96A. LEKKAGE", "D' HONDT", "PERSOON"),
        ("VLGS SCHOONZUS S. VAN DER STAEL VEEL ALLEEN", "S. VAN DER STAEL", "PERSOON"),
        ("P.D. DE PLANTARD (121) HEEFT LAST VAN ZIJN TRAP", "P.D. DE PLANTARD", "PERSOON"),
        ("HET BLEEK OLAF TE ZIJN, DE BUURVROUW", "OLAF", "PERSOON"),
        ("BEN BIJ FAM. DORAN OP 2 BIS", "2 BIS", "ADRES"),
        ("DOSSIER: SIEJAK / BURG. HUSTINXWEG 164-03 / 7433 GW", "BURG. HUSTINXWEG 164-03", "ADRES"),
        ("ZE IS GEBOREN OP 28.10.1972 EN VOELT ZICH OUD", "28.10.1972", "GEBOORTEDATUM"),
        ("WIL HELPEN. TEL 018 227 4227 DE SPEELTUIN IS DICHT", "018 227 4227", "TELEFOON"),
        # a postcode beside an address or before a place, whatever its letters spell
        ("adres: Meijhorst 60-12, 6537 en Nijmegen.", "6537 en", "POSTCODE"),
        ("Dossier: Nwosu / Annapad 181 / 2003 op\nGisteren gesproken.", "2003 op", "POSTCODE"),
        ("Dossier: Haile / Esdoornsingel 235-03 / 2474 gj\nGisteren", "2474 gj", "POSTCODE"),
        ("Postcode: 6541 - KL.", "6541 - KL", "POSTCODE"),
        ("pc 8695 w j nr 85", "8695 w j", "POSTCODE"),
        # the misses of the third set's dev split, by kind (notes written for these tests)
        ("hr. Dekkers Hazelaarhof 1-II - tel. volgt", "Hazelaarhof 1-II", "ADRES"),
        ("dhr Cabo, hnr 201a. Zegt dat de buurt veranderd is", "201a", "ADRES"),
        ("Bij mevrouw Jansen (239-III): vond het fijn", "239-III", "ADRES"),
        ("Bij 1e Zilverschoonstraat 72-2 deed hij open", "1e Zilverschoonstraat 72-2", "ADRES"),
        ("Adres: Kromme Akker 32\nTel: volgt", "Kromme Akker 32", "ADRES"),
        ("- postcode/huisnr: 4628 tg / 136-II", "136-II", "ADRES"),
        ("mvr C. Visconti 90 - de tuin is groen", "90", "ADRES"),
        ("[12-03-26 14:05] Wolf Mooi: steiger komt dinsdag", "Wolf Mooi", "PERSOON"),
        ("Van: Bloem Bos\nAan: Projectteam\nOnderwerp: lift", "Bloem Bos", "PERSOON"),
        ("Tot dinsdag. groet Despina Ene", "Despina Ene", "PERSOON"),
        ("dob sanne: 3-4-1951", "sanne", "PERSOON"),
        ("Note for Anouk: mevrouw Sama says the ladder is unsafe.", "Sama", "PERSOON"),
        ("BEWONER 2: AMA OFORI\nADRES: KETELBOETERHOF 58", "AMA OFORI", "PERSOON"),
        ("VANDAAG WAS IK BIJ LUCIA BRITO. ZE WOONT HIER AL LANG", "BRITO", "PERSOON"),
        ("ADRES: 1E KIEVITSTRAAT 39-B", "1E KIEVITSTRAAT 39-B", "ADRES"),
        ("Contact: Marion Gehringer, tel volgt", "Marion Gehringer", "PERSOON"),
        ("[15:05] Tola: ik ben Wil van 2 bis zei de buurman", "Wil", "PERSOON"),
        ("Gesprek met Sylvie van der Stael over de trap", "Sylvie van der Stael", "PERSOON"),
        ("gesprek met fatima wood over de trap", "fatima wood", "PERSOON"),
    ],
)
def test_identifier_is_replaced(scrubber: Scrubber, note: str, identifier: str, kind: str) -> None:
    result = scrubber.scrub(note)
    for token in re.findall(r"[^\W_]+", identifier):
        assert not re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", result.text), result.text
    assert any(r.kind == kind for r in result.replacements), result.replacements


@pytest.mark.parametrize(
    ("note", "kept"),
    [
        ("Mw. Jansen (78 jaar) woont alleen.", "78 jaar"),
        ("Afspraak volgende week dinsdag 14 maart met wijkteam.", "dinsdag 14 maart"),
        ("Zoon is bakker en werkt 's nachts.", "bakker"),
        ("De Witstraat is erg druk met verkeer.", "De Witstraat"),
        ("Huisarts weet ervan, GGZ is betrokken.", "GGZ"),
        ("Bindkracht10 en Woonwaarts gaan contact opnemen.", "Bindkracht10 en Woonwaarts"),
        ("Wil contact met Sociaal Wijkteam over geldzorgen.", "Sociaal Wijkteam"),
        ("Krijgt pakket van de Voedselbank, Humanitas helpt met post.", "Voedselbank, Humanitas"),
        ("Wil naar de koffieochtend in het buurthuis in Nijmegen.", "buurthuis in Nijmegen"),
        ("In Dukenburg en de Lankforst woont ze al 30 jaar.", "Dukenburg en de Lankforst"),
        ("Buurman helpt met de tuin, dochter woont ver weg.", "Buurman helpt"),
        ("Ze werkt bij de Albert Heijn.", "Albert Heijn"),
        ("Op woensdag 3 mei komt de aannemer kijken.", "woensdag 3 mei"),
        ("Planning: blok 41 t/m 67 in fase 2.", "blok 41 t/m 67"),
        ("Mw Sewdien ging op 14 maart naar het ziekenhuis.", "op 14 maart"),
        ("LEKKAGE IN BADKAMER. HEEFT SCHIMMEL.", "HEEFT SCHIMMEL"),
        ("Met Keti Koti en Eid komt de hele familie.", "Keti Koti en Eid"),
        ("Een foto met koning Willem-Alexander aan de muur.", "koning Willem-Alexander"),
        ("Op de Tolhuis is het 's avonds donker.", "Op de Tolhuis"),
        ("Van de week weer gebeld.", "Van de week"),
        ("Gesprek in het Turks, vriendin Anja vertaalde alles.", "vertaalde alles"),
        ("buurvrouw Sanne woont hier al lang", "woont hier"),
        ("In 2005 en 2006 woonde ze in 1500 ml nat huis.", "2005 en 2006"),
        ("Om 1030 uur komt de aannemer, sinds 2019 al.", "1030 uur"),
        ("Gisteren Jansen gebeld over de lift.", "Gisteren"),
        # capitals as a shout or an acronym, and numbers that only look like postcodes
        ("DE BAKKER OP DE HOEK IS DICHT, JAMMER.", "DE BAKKER OP DE HOEK"),
        ("KINDEREN GAAN NAAR DE SCHOOL IN DE WIJK.", "IN DE WIJK"),
        ("SLECHT TER BEEN, 82 JAAR. WIL GRAAG EEN SCOOTMOBIEL.", "SLECHT TER BEEN"),
        ("OP DE ROZENLAAN IS HET 'S AVONDS DONKER.", "'S AVONDS DONKER"),
        ("WOONT SINDS 1975 IN DE WIJK, KENT IEDEREEN.", "SINDS 1975 IN DE WIJK"),
        ("Vraag bij de GGD en het UWV, AOW is laat.", "GGD en het UWV, AOW"),
        ("ZE KWAM IN 1998 IN NIJMEGEN WONEN.", "1998 IN NIJMEGEN"),
        ("Ze kwam in 1998 in Nijmegen wonen.", "1998 in Nijmegen"),
        ("Woont op Lankforst 12, sinds 2005 op de flat.", "2005 op de flat"),
        ("bel 024 - 345 6789 en vraag naar Bram", "bel [TELEFOON-1] en vraag"),
        # field labels, abbreviations, plannings, streets without a number, holidays
        ("Naam: Wendy Clarke\nAdres: Thijmstraat 4", "\nAdres: "),
        ("Naam: meneer Pavlenko\nLeeftijd: 80", "Naam: meneer "),
        ("Geboortedatum voor de aanvraag: 06.07.1978.", "Geboortedatum voor de aanvraag: "),
        ("actie: de Voedselbank i.o.m. Suzanne", "de Voedselbank i.o.m. "),
        ("blok 2: hnr 17 t/m 40 klaar.", "hnr 17 t/m 40 klaar"),
        ("Van: Bloem Bos\nAan: Projectteam\nOnderwerp: lift", "Aan: Projectteam"),
        ("Loopt graag achter de Burgemeester Kerstensstraat.", "de Burgemeester Kerstensstraat"),
        ("Met Oud en Nieuw komt iedereen langs.", "Met Oud en Nieuw"),
        ("[08-03-26 19:55] Anouk: afspraak staat op 07-06-2026", "op 07-06-2026"),
        # notes that mix in English
        ("Note for Anouk: mevrouw Sama says the ladder is unsafe.", "says the ladder"),
        ("Worried about the rent. Quick call next week.", "Worried about the rent. Quick call"),
        ("Would love to join a walking group.", "Would love to join"),
        # places where a name could stand, and streets without a number
        ("Adres: Prof. Ruysdaellaan 74 hs, 6048AV Gruttewaard\nBSN: volgt", "Gruttewaard"),
        ("Woonplaats: Bergeijkhoven\nGeboren: 24-8-1976", "Woonplaats: Bergeijkhoven"),
        ("Geboren in 1945 in Wolderveen, daar nooit meer geweest.", "in Wolderveen"),
        ("Ze loopt graag achter de Duivenkamphof langs.", "de Duivenkamphof"),
        ("Ik heb afgesproken dat Gosia van het Rode Kruis belt.", " van het Rode Kruis"),
        ("hallo, ik ben Lente Zwart. ik wil graag", "ik ben "),
        ("Contactpersoon: zus Dewi, belt zelf", "Contactpersoon: zus "),
        ("NOTE FOR KUBA: SHE SAYS THE LADDER IS DANGEROUS.", "SHE SAYS THE LADDER IS DANGEROUS"),
    ],
)
def test_hard_negative_is_kept(scrubber: Scrubber, note: str, kept: str) -> None:
    assert kept in scrub(scrubber, note)


def test_a_house_number_and_the_next_sentence_are_no_bsn(scrubber: Scrubber) -> None:
    # 100-14 and 4275 are nine digits that pass the 11-check, across a full stop
    out = scrub(scrubber, "Woont op Lankforst 100-14. 4275 vj Nijmegen")
    assert "BSN" not in out and "[POSTCODE-1]" in out


def test_relation_word_stays_and_name_after_it_goes(scrubber: Scrubber) -> None:
    assert scrub(scrubber, "buurman Piet en dochter Ingrid") == (
        "buurman [PERSOON-1] en dochter [PERSOON-2]"
    )


def test_profession_versus_surname(scrubber: Scrubber) -> None:
    text = scrub(scrubber, "Mevrouw Bakker vindt het jammer dat de bakker weg is.")
    assert text == "Mevrouw [PERSOON-1] vindt het jammer dat de bakker weg is."


def test_de_wit_street_is_an_address_only_with_a_number(scrubber: Scrubber) -> None:
    text = scrub(scrubber, "Woont op De Witstraat 14. De Witstraat is druk.")
    assert text == "Woont op [ADRES-1]. De Witstraat is druk."


def test_placeholders_are_numbered_per_note(scrubber: Scrubber) -> None:
    result = scrubber.scrub("Piet helpt Fatima. Later belde Piet via 06-12345678 en 06-87654321.")
    assert result.text == (
        "[PERSOON-1] helpt [PERSOON-2]. Later belde [PERSOON-1] via [TELEFOON-1] en [TELEFOON-2]."
    )
    again = scrubber.scrub("Fatima belde.")
    assert again.text == "[PERSOON-1] belde."


def test_first_name_alone_reuses_the_number_of_the_full_name(scrubber: Scrubber) -> None:
    text = scrub(scrubber, "Ramon Kartosen is 34. Ramon wil vrijwilligerswerk doen.")
    assert text == "[PERSOON-1] is 34. [PERSOON-1] wil vrijwilligerswerk doen."


def test_replacements_point_into_the_original(scrubber: Scrubber) -> None:
    note = "Mw. Jansen, Lankforst 27-14, tel 06-12345678."
    result = scrubber.scrub(note)
    assert [r.original for r in result.replacements] == ["Jansen", "Lankforst 27-14", "06-12345678"]
    for r in result.replacements:
        assert note[r.start : r.end] == r.original
        assert r.placeholder in result.text


def test_known_project_identifiers_are_removed_even_lowercased_or_misspelt() -> None:
    scrubber = Scrubber(
        known_names=["Gerdien Bakker", "Xandro Vlijtig"],
        known_streets=["Zonnebloemhof"],
        known_addresses=["Klaproosstraat 7-3"],
        known_phones=["06-11223344"],
        keep_words=["Lankforst"],
    )
    note = (
        "gerdien bakker zegt dat xandro vlijtig ziek is. Xandor komt niet. "
        "Woont op de zonnebloemhof, vroeger klaproosstraat 7 - 3. Bel 6 11 22 33 44. "
        "Vlijtg belt terug. In de Lankforst is het rustig."
    )
    text = scrubber.scrub(note).text.lower()
    for word in ("gerdien", "bakker", "xandro", "xandor", "vlijtig", "vlijtg", "zonnebloemhof"):
        assert word not in text, text
    assert "klaproosstraat" not in text and "11 22" not in text
    assert "lankforst" in text


def test_keep_words_are_never_removed() -> None:
    scrubber = Scrubber(keep_words=["Kraayenberg", "Stichting Ooievaarsnest"])
    text = scrubber.scrub("Gesprek in de Kraayenberg, Stichting Ooievaarsnest helpt.").text
    assert text == "Gesprek in de Kraayenberg, Stichting Ooievaarsnest helpt."


def test_empty_and_identifier_free_notes_are_unchanged(scrubber: Scrubber) -> None:
    assert scrubber.scrub("").text == ""
    note = "Wil graag naar de koffieochtend, voelt zich eenzaam."
    assert scrubber.scrub(note).replacements == ()


def test_importing_the_scrubber_loads_no_word_list_and_no_deduce() -> None:
    code = (
        "import sys, mdsa.privacy.scrub as s; "
        "assert 'deduce' not in sys.modules; "
        "assert s.lx.lexicon.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _accuracy_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "scrub_accuracy", ROOT / "benchmarks" / "scrub_accuracy.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Figures measured at the end of issue 7's second round (README, "Accuracy"), less a small
# margin: recall may not fall, the share of notes with an identifier left may not rise.
RECALL_FLOORS = {
    (1, "dev"): 0.988,
    (1, "heldout"): 0.995,
    (2, "dev"): 0.997,
    (2, "heldout"): 0.992,
    (3, "dev"): 0.994,
    (3, "heldout"): 0.993,
}
LEAK_CEILINGS = {1: 0.03, 2: 0.03, 3: 0.035}
# The same notes written in capitals (benchmarks/scrub_accuracy.py --upper).
SHOUTED_RECALL_FLOORS = {
    (1, "dev"): 0.98,
    (1, "heldout"): 0.995,
    (2, "dev"): 0.995,
    (2, "heldout"): 0.99,
    (3, "dev"): 0.987,
    (3, "heldout"): 0.985,
}
STRUCTURED = ("TELEFOON", "EMAIL", "POSTCODE", "BSN", "IBAN", "GEBOORTEDATUM")


def _recall(counts: dict[str, dict[str, int]], kind: str) -> float:
    c = counts[kind]
    return c["caught"] / c["ids"] if c["ids"] else 1.0


@pytest.mark.parametrize(("which", "split"), sorted(RECALL_FLOORS))
def test_labelled_sets_keep_their_recall(which: int, split: str) -> None:
    accuracy = _accuracy_module()
    records = accuracy.load(split, which)
    assert len(records) >= 150
    result = accuracy.score(records, accuracy.mdsa_finder())
    counts = result["counts"]
    assert _recall(counts, "ALL") >= RECALL_FLOORS[which, split]
    for kind in STRUCTURED:
        assert _recall(counts, kind) >= 0.995, kind
    assert counts["ALL"]["ok"] / counts["ALL"]["rep"] >= 0.95
    assert result["leaky"] / result["notes"] <= LEAK_CEILINGS[which]


@pytest.mark.parametrize(("which", "split"), sorted(SHOUTED_RECALL_FLOORS))
def test_labelled_sets_in_capitals_keep_their_recall(which: int, split: str) -> None:
    """A note typed in capitals is scrubbed like the same note in normal case."""
    accuracy = _accuracy_module()
    records = accuracy.shouted(accuracy.load(split, which))
    assert len(records) >= 150
    counts = accuracy.score(records, accuracy.mdsa_finder())["counts"]
    assert _recall(counts, "ALL") >= SHOUTED_RECALL_FLOORS[which, split]


# -- property: inserted identifiers never survive ------------------------------------------------

FIRST = ["Piet", "Fatima", "Mehmet", "Agnieszka", "Ramon", "ingrid", "Kwame", "Shanti"]
SURNAMES = ["Jansen", "el Amrani", "Yılmaz", "Kowalska", "Soekhai", "de Vries", "Mensah"]
TITLES = ["mw.", "Mw", "dhr.", "meneer", "de familie", "buurman", "dochter"]
STREETS = ["Lankforst", "Thijmstraat", "Graafseweg", "Meijhorst", "De Witstraat"]
FILLERS = [
    "woont alleen en is eenzaam.",
    "Wil graag naar de koffieochtend in het buurthuis.",
    "Huisarts en wijkteam zijn op de hoogte.",
    "Afspraak volgende week dinsdag 14 maart.",
    "Heeft veel pijn, is 78 jaar.",
    "",
]


def _bsn(draw: st.DrawFn) -> str:
    digits = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8).filter(lambda d: d[0] > 0))
    check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    if check == 10:
        digits[7] = (digits[7] + 1) % 10
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    return "".join(map(str, digits)) + (str(check) if check < 10 else "0")


@st.composite
def identifier(draw: st.DrawFn) -> tuple[str, str]:
    """(text to insert, the identifying part that must disappear)."""
    choice = draw(st.sampled_from(["name", "address", "phone", "email", "postcode", "bsn"]))
    if choice == "name":
        name = f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(SURNAMES))}"
        return f"{draw(st.sampled_from(TITLES))} {name}", name
    if choice == "address":
        number = f"{draw(st.integers(1, 200))}{draw(st.sampled_from(['', 'a', ' B', '-14']))}"
        address = f"{draw(st.sampled_from(STREETS))} {number}"
        return f"woont op {address}", address
    if choice == "phone":
        digits = "".join(map(str, draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))))
        fmt = draw(st.sampled_from(["06-{}", "06 {} ", "+31 6 {}", "06{}", "0031 6 {}"]))
        phone = fmt.format(f"{digits[:4]} {digits[4:]}" if " " in fmt else digits).strip()
        return f"tel {phone}", phone
    if choice == "email":
        local = draw(st.from_regex(r"[a-z]{2,8}(\.[a-z]{2,8})?[0-9]{0,2}", fullmatch=True))
        email = f"{local}@{draw(st.sampled_from(['gmail.com', 'ziggo.nl', 'hotmail.com']))}"
        return f"mail {email}", email
    if choice == "postcode":
        letters = draw(st.from_regex(r"[A-Z]{2}", fullmatch=True))
        postcode = f"{draw(st.integers(1000, 9999))}{draw(st.sampled_from(['', ' ']))}{letters}"
        return f"postcode {postcode}", postcode
    bsn = _bsn(draw)
    return f"BSN {bsn}", bsn


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(
        st.one_of(identifier(), st.sampled_from(FILLERS).map(lambda f: (f, ""))),
        min_size=1,
        max_size=5,
    )
)
def test_inserted_identifiers_never_survive(parts: list[tuple[str, str]]) -> None:
    scrubber = Scrubber(keep_words=KEEP)
    note = " ".join(text for text, _ in parts)
    out = scrubber.scrub(note).text
    # the rest of the note (fillers, titles) may contain the same token, e.g. "14" in "14 maart"
    rest = " ".join(text.replace(secret, " ") if secret else text for text, secret in parts)

    def count(token: str, text: str) -> int:
        return len(re.findall(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text))

    for _, secret in parts:
        for token in re.findall(r"[^\W_]+", secret):
            if token.lower() not in {"de", "el", "van"}:
                assert count(token, out) <= count(token, rest), (note, out)


@pytest.mark.parametrize(
    "note",
    [
        "Mw. Arts kookt heerlijk, wil koken voor de buurtmaaltijd.",
        "Mevr arts kookt heerlijk.",
        "Frans helpt graag met de tuin.",
    ],
)
def test_a_residents_name_that_is_also_a_word_is_removed(note: str) -> None:
    """Found in the example notes: the project's own residents come before the word lists."""
    scrubber = Scrubber(known_names=["Gert Arts", "Frans Martens"])
    text = scrubber.scrub(note).text
    assert "Arts" not in text and "arts" not in text and "Frans" not in text
    assert "[PERSOON-1]" in text


def test_lowercase_postcode_in_a_note_about_the_postcode() -> None:
    """Found in the example notes: the postcode comes well after the word 'postcode'."""
    text = Scrubber().scrub("Postcode klopt niet in het systeem, moet 6513 ar zijn.").text
    assert text == "Postcode klopt niet in het systeem, moet [POSTCODE-1] zijn."
    kept = Scrubber().scrub("Postcode gecontroleerd; woont er sinds 2005 en fietst 1500 km.").text
    assert "2005 en" in kept and "1500 km" in kept


def _labelled_notes() -> list[str]:
    notes = []
    for name in ("dev", "heldout", "set2_dev", "set2_heldout", "set3_dev", "set3_heldout"):
        with (ROOT / "tests" / "data" / "scrub" / f"{name}.jsonl").open(encoding="utf-8") as f:
            notes += [json.loads(line)["text"] for line in f if line.strip()]
    return notes


LABELLED_NOTES = _labelled_notes()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(0, len(LABELLED_NOTES) - 1),
    where=st.integers(0, 50),
    inserted=identifier(),
)
def test_an_identifier_inserted_into_any_labelled_note_never_survives(
    scrubber: Scrubber, index: int, where: int, inserted: tuple[str, str]
) -> None:
    """Any set, any note: an identifier put in at a sentence boundary is gone afterwards."""
    note = LABELLED_NOTES[index]
    boundaries = [0] + [m.end() for m in re.finditer(r"[.!?\n]\s", note)] + [len(note)]
    at = boundaries[where % len(boundaries)]
    text, secret = inserted
    sentence = f"{text[0].upper()}{text[1:]}. " if at < len(note) else f" {text}."
    mixed = note[:at] + sentence + note[at:]
    out = scrubber.scrub(mixed).text

    def count(token: str, body: str) -> int:
        return len(re.findall(rf"(?<![\w-]){re.escape(token)}(?![\w-])", body))

    for token in re.findall(r"[^\W_]+", secret):
        if token.lower() not in {"de", "el", "van"}:
            # the note itself may hold the same token and leak it; the inserted one must go
            assert count(token, out) <= count(token, note), (mixed, out)


def _addresses(street: str, homes: int) -> list[str]:
    return [f"{street} {n}" for n in range(1, homes + 1)]


def test_a_street_alone_is_kept_when_enough_homes_share_it() -> None:
    """'op de Tolhuis is het donker' names a group; a street of two homes names a household."""
    note = "Op de Tolhuis is het 's avonds donker, op de Kromme Akker ook."
    scrubber = Scrubber(
        known_addresses=_addresses("Tolhuis", 5) + _addresses("Kromme Akker", 2),
        min_group_size=5,
    )
    out = scrubber.scrub(note).text
    assert "Tolhuis" in out
    assert "Kromme Akker" not in out
    assert "Tolhuis 3" not in scrubber.scrub("Mw woont op Tolhuis 3.").text


def test_a_street_alone_is_replaced_below_the_group_size() -> None:
    scrubber = Scrubber(known_addresses=_addresses("Tolhuis", 4), min_group_size=5)
    assert "Tolhuis" not in scrubber.scrub("Op de Tolhuis is het donker.").text
    # outside a project nothing is known: a street name alone always stays
    assert "Tolhuis" in Scrubber().scrub("Op de Tolhuis is het donker.").text


def test_mdsa_yaml_can_list_words_the_scrubber_must_keep() -> None:
    from pydantic import ValidationError

    from mdsa.project.models import ProjectConfig

    config = ProjectConfig(name="p", neighbourhood="n", keep_words=["Stichting Oase"])
    assert Scrubber(keep_words=config.keep_words).scrub("Hulp van Stichting Oase.").text == (
        "Hulp van Stichting Oase."
    )
    with pytest.raises(ValidationError):
        ProjectConfig(name="p", neighbourhood="n", keep_words=[""])


def _lexicon_in_new_process(cache: Path, code: str = "") -> subprocess.CompletedProcess[str]:
    program = (
        "import mdsa.privacy.lexicon as lx; lexicon = lx.lexicon(); "
        f"{code}"
        "print(len(lexicon.first_names), len(lexicon.streets), len(lexicon.words), "
        "'jansen' in lexicon.surnames, 'woont' in lexicon.words)"
    )
    env = {**os.environ, "MDSA_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True
    )


def test_the_built_word_lists_are_kept_between_runs_and_rebuilt_when_damaged(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    first = _lexicon_in_new_process(cache).stdout
    stored = list(cache.glob("lexicon-*.marshal"))
    assert len(stored) == 1
    assert _lexicon_in_new_process(cache).stdout == first  # loaded from the cache
    stored[0].write_bytes(b"\x00 not marshal")
    assert _lexicon_in_new_process(cache).stdout == first  # rebuilt, not an error
    assert stored[0].read_bytes() != b"\x00 not marshal"
    assert first.split()[-2:] == ["True", "True"]


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = _lexicon_in_new_process(blocked / "cache")
    assert result.stdout.split()[-2:] == ["True", "True"]


def test_leaks_the_scan_found_in_the_demo_are_scrubbed() -> None:
    """Two leaks the independent scan found in the Spoorbuurt demo's data set."""
    scrubber = Scrubber(known_names=["Frans Martens"])
    # a resident's given name after a relation word, though "Frans" is also the language
    assert scrubber.scrub("kleinzoon frans (8 jaar) komt na school").text == (
        "kleinzoon [PERSOON-1] (8 jaar) komt na school"
    )
    # a listed surname that is also a place, right after a name
    note = scrubber.scrub("kent Frans Driessen van de moskee").text
    assert "Driessen" not in note and "moskee" in note
    assert Scrubber().scrub("Hij spreekt Frans en Engels.").text == "Hij spreekt Frans en Engels."
