"""Write the built-in DOCX templates (mdsa/templates/documents/): the invitation letter, the
action plan for partners (``docx_actionplan.py``), the final evaluation for partners, the
year's evaluation summary and the report of phase 3 (verslag).

Run ``python tools/make_docx_templates.py`` after changing the wording; the .docx is committed,
so a corporation can open it in Word, restyle it (letterhead, logo) and put it in its project's
``templates/`` folder. Jinja tags are docxtpl's: ``{{ field }}`` inside a paragraph, ``{%p ... %}``
as a paragraph of its own for loops and conditions.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx_actionplan import fixed_bytes, new_document, partners_plan

OUT = Path(__file__).resolve().parent.parent / "mdsa" / "templates" / "documents"
ACCENT = RGBColor(0x1F, 0x5F, 0x8B)
GREY = RGBColor(0x5A, 0x5A, 0x5A)


def _base(title: str, margins: tuple[float, float, float, float]) -> Document:
    """A4 portrait with the margins (left, right, top, bottom, mm), in 10.5 pt."""
    return new_document(title, size=10.5, margins=margins)


def _para(
    document: Document,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
    align: int | None = None,
    after: float | None = None,
    style: str | None = None,
):
    paragraph = document.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if italic:
            run.italic = True
        if size:
            run.font.size = Pt(size)
        if colour:
            run.font.color.rgb = colour
    if align is not None:
        paragraph.alignment = align
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def invitation_letter() -> Document:
    document = _base("Uitnodiging huisbezoek", (22, 20, 18, 22))
    section = document.sections[0]

    def para(text: str = "", **kwargs):
        return _para(document, text, **kwargs)

    para(
        "{{ sender.name }}",
        bold=True,
        size=15,
        colour=ACCENT,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        after=0,
    )
    para(
        "{% for line in sender.address %}{{ line }}{% if not loop.last %}, {% endif %}{% endfor %}",
        size=8.5,
        colour=GREY,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        after=0,
    )
    para(
        "{% if sender.phone %}T {{ sender.phone }}  {% endif %}"
        "{% if sender.email %}{{ sender.email }}{% endif %}",
        size=8.5,
        colour=GREY,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        after=0,
    )
    # The address block at about 50 mm from the top, where the envelope's window is.
    spacer = para(after=0)
    spacer.paragraph_format.space_before = Pt(44)
    para(
        "{% if household.name %}{{ household.name }}{% else %}De bewoner(s) van{% endif %}", after=0
    )
    para("{{ household.street_line }}", after=0)
    para(
        "{% if household.postcode %}{{ household.postcode }}  {% endif %}{{ household.city }}",
        after=0,
    )
    spacer = para(after=0)
    spacer.paragraph_format.space_before = Pt(70)
    para("Datum: {{ letter.place }}, {{ letter.date | datum }}", after=0)
    p = para("Onderwerp: ", after=14)
    p.add_run("{{ letter.subject }}").bold = True

    para("Beste bewoner,")
    para(
        "Binnenkort begint het groot onderhoud van de woningen in de {{ project.neighbourhood }}. "
        "Voordat het werk begint, komt {{ visit.contractor }} bij u langs voor een technische "
        "opname: we bekijken samen met u wat er in uw woning gaat gebeuren en wat u daarvoor "
        "moet weten."
    )
    para("{%p if household.visit_date %}")
    p = para()
    p.add_run(
        "Wij komen bij u op {{ household.visit_date | dag }}{% if household.visit_time %}, "
        "{{ household.visit_time }}{% endif %}."
    ).bold = True
    para("{%p else %}")
    para("We spreken de dag en de tijd van het bezoek nog met u af: u hoort dit van tevoren.")
    para("{%p endif %}")
    p = para()
    p.add_run("Een gesprek over wonen in uw buurt. ").bold = True
    p.add_run(
        "Bij het bezoek is ook een {{ visit.visitor_roles }} aanwezig. Zij horen graag hoe u "
        "het wonen in de {{ project.neighbourhood }} ervaart: wat gaat goed, wat kan beter, "
        "en wat zou u zelf willen doen in de buurt? Dit gesprek duurt ongeveer een "
        "half uur. "
    )
    p.add_run("Het gesprek is vrijwillig: ").bold = True
    p.add_run(
        "u bepaalt zelf of u meedoet en waarover u praat. De technische opname gaat ook "
        "door als u geen gesprek wilt."
    )
    para("{%p if visit.visitors %}")
    para("Wie komen er langs? Een van deze medewerkers:", after=2)
    para("{%p for person in visit.visitors %}")
    document.add_paragraph(
        "{{ person.name }}, {{ person.role }} bij {{ person.organisation }}", style="List Bullet"
    ).paragraph_format.space_after = Pt(0)
    para("{%p endfor %}")
    para("{%p endif %}")
    p = para()
    p.add_run("Past het moment niet? ").bold = True
    p.add_run("{{ visit.reschedule }}")
    p = para()
    p.add_run("Uw privacy. ").bold = True
    p.add_run(
        "Wat u vertelt, schrijven we op zonder uw naam.{% if privacy.raw_access %} Alleen "
        "{{ privacy.raw_access }} kunnen uw antwoorden zien;{% endif %} andere organisaties "
        "krijgen alleen gegevens waarin niemand te herkennen is.{% if privacy.retention_months %}"
        " We bewaren de gegevens {{ privacy.retention_months }} maanden en verwijderen ze "
        "daarna.{% endif %} U mag altijd vragen welke gegevens wij van u hebben, en ze laten "
        "verwijderen{% if privacy.contact %}: bij {{ privacy.contact }}{% endif %}. Bij het "
        "gesprek krijgt u onze privacyfolder."
    )
    para("We zien u graag.")
    para("Met vriendelijke groet,", after=18)
    para("{%p for person in signatories %}")
    p = para(after=0)
    p.add_run("{{ person.name }}").bold = True
    para(
        "{% if person.role %}{{ person.role }}, {% endif %}{% if person.organisation %}"
        "{{ person.organisation }}{% endif %}",
        size=9,
        colour=GREY,
        after=8,
    )
    para("{%p endfor %}")
    footer = section.footer.paragraphs[0]
    run = footer.add_run("{{ sender.name }} · {{ project.name }}")
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    return document


def _headings(document: Document) -> None:
    """Headings in the shipped font: level 1 in the accent colour, level 2 near black."""
    for level, size in (("Heading 1", 15), ("Heading 2", 12)):
        style = document.styles[level]
        style.font.name = "Source Sans Pro"
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT if level == "Heading 1" else RGBColor(0x22, 0x22, 0x22)


def _table(document: Document, headers: list[str], cells: list[str], loop: str) -> None:
    """A table with a header row and one row repeated by docxtpl (``{%tr for ... %}``)."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for i, text in enumerate(headers):
        run = table.rows[0].cells[i].paragraphs[0].add_run(text)
        run.bold = True
        _shade(table.rows[0].cells[i], "E8F0F6")
    table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    for i, text in enumerate(cells):
        table.rows[2].cells[i].paragraphs[0].add_run(text)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(9.5)


def _shade(cell: object, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def evaluation_report() -> Document:
    """The final evaluation for partners: the same parts as evaluation-report.typ."""
    document = _base("Eindevaluatie Meer dan Steen Alleen", (20, 20, 18, 20))
    section = document.sections[0]
    _headings(document)

    def para(text: str = "", **kwargs):
        return _para(document, text, **kwargs)

    def heading(text: str, level: int) -> None:
        document.add_heading(text, level)

    def stories(key: str, none: str) -> None:
        para(f'{{%p for s in report.stories.get("{key}", []) %}}')
        p = para(after=0)
        p.add_run("{{ s.title }}").bold = True
        para("{{ s.teller }} · {{ s.domain }}", size=9, colour=GREY, after=2)
        para("{{ s.text }}", after=2)
        para(
            'Gekozen in {{ s.chosen | map(attribute="round") | join("; ") }}',
            size=9,
            colour=GREY,
            after=8,
        )
        para("{%p else %}")
        para(
            f"{{% if report.stories_known %}}{none}{{% else %}}Er zijn nog geen verhalen van de "
            "belangrijkste verandering verzameld.{% endif %}",
            italic=True,
        )
        para("{%p endfor %}")

    para("{{ project.name }}", size=9.5, colour=GREY, after=0)
    para("Eindevaluatie", bold=True, size=24, colour=ACCENT, after=0)
    para(
        "Meer dan Steen Alleen in de {{ project.neighbourhood }}: wat heeft het opgeleverd?",
        size=13,
        after=10,
    )
    p = para()
    p.add_run(
        "Deze eindevaluatie kijkt terug op het project vanuit drie perspectieven, zoals de "
        "handreiking Meer dan Steen Alleen vraagt: dat van bewoners, van de buurt en van "
        "professionals. Eerst staan de cijfers van het project: hoeveel huishoudens een gesprek "
        "voerden, wat er met hun vragen gebeurde en welke activiteiten er kwamen."
    )
    para("{%p if report.missing %}")
    para("Nog niet in deze evaluatie", bold=True, after=2)
    para("{%p for line in report.missing %}")
    para("{{ line }}", style="List Bullet", after=0)
    para("{%p endfor %}")
    para("{%p endif %}")

    heading("1. Het project in cijfers", 1)
    heading("Gesprekken", 2)
    para("{%p if report.response is none %}")
    para(
        "Er is nog geen geanonimiseerde registratie van de huisbezoeken; het aantal gesprekken "
        "ontbreekt.",
        italic=True,
    )
    para("{%p elif report.response.households is not none %}")
    p = para()
    p.add_run("{{ report.response.households }}").bold = True
    p.add_run(
        " huishoudens voerden een sociaal gesprek{% if report.response.homes %} bij "
        "{{ report.response.homes }} woningen{% if report.response.percent is not none %}: "
        "{{ report.response.percent | procent(0) }}{% endif %}{% endif %}."
    )
    para("{%p elif report.response.small %}")
    para(
        "Er waren minder dan {{ report.min_group_size }} gesprekken; het precieze aantal staat "
        "hier niet, zodat niemand herkenbaar is."
    )
    para("{%p else %}")
    para("Er zijn nog geen gesprekken geregistreerd.")
    para("{%p endif %}")

    heading("Acties naar aanleiding van de gesprekken", 2)
    para("{%p if report.actions is none %}")
    para("Er is geen actielijst; de acties ontbreken in deze evaluatie.", italic=True)
    para("{%p else %}")
    para(
        "Elke vraag of kans uit een gesprek werd een actie met een eigenaar. Per soort en stand "
        "van zaken:"
    )
    _table(
        document,
        [f"{{{{ report.actions.columns[{i}] }}}}" for i in range(6)],
        [f"{{{{ row[{i}] }}}}" for i in range(6)],
        "row in report.actions.rows",
    )
    para("{%p if report.actions.withheld %}")
    para(
        'Een aantal van 1 tot {{ report.min_group_size }} staat er als "< '
        '{{ report.min_group_size }}"; "niet getoond" betekent dat het getal is weggelaten '
        "zodat zo'n klein aantal niet uit de totalen terug te rekenen is.",
        size=9,
        colour=GREY,
    )
    para("{%p endif %}")
    para("{%p endif %}")

    heading("Activiteiten van het actieplan", 2)
    para("{%p if report.activities is none %}")
    para("Er is nog geen actieplan; de activiteiten ontbreken in deze evaluatie.", italic=True)
    para("{%p elif not report.activities %}")
    para("Het actieplan noemt nog geen activiteiten.")
    para("{%p else %}")
    para("Het actieplan telt {{ report.activities_total }} activiteiten:")
    _table(
        document,
        ["Stand", "Aantal", "Activiteiten"],
        ["{{ a.label }}", "{{ a.count }}", '{{ a.names | join(", ") }}'],
        "a in report.activities",
    )
    para("{%p endif %}")

    heading("2. Het perspectief van bewoners", 1)
    heading("De wijkwaardenkaart: wat vinden bewoners belangrijk?", 2)
    para("{%p if report.rounds is none %}")
    para("Er is nog geen vergelijking van twee rondes met de wijkwaardenkaart.", italic=True)
    para("{%p else %}")
    para(
        "In twee rondes kozen bewoners op de wijkwaardenkaart wat zij belangrijk vinden in hun "
        "buurt: {% for p in report.rounds.participants %}{{ p.round }} ({{ p.count }} "
        "deelnemers){% if not loop.last %} en {% endif %}{% endfor %}."
    )
    para("{%p if report.rounds.chart %}")
    para("{{ report.rounds.chart }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    para("{%p endif %}")
    _table(
        document,
        [
            "Waarde",
            "{{ report.rounds.first }}",
            "{{ report.rounds.second }}",
            "Verschil (%-punt)",
            "Toets (Fisher)",
        ],
        [f"{{{{ row[{i}] }}}}" for i in range(5)],
        "row in report.rounds.rows",
    )
    para(
        "{{ report.rounds.caveat }} Een waarde of groep met minder dan "
        "{{ report.min_group_size }} deelnemers is niet getoond.",
        size=9,
        colour=GREY,
    )
    para("{%p endif %}")
    para("{%p if report.baseline %}")
    heading("De huisbezoeken als nulmeting", 2)
    para(
        "Bij de huisbezoeken gaven bewoners rapportcijfers; hier staat hoeveel een hoog cijfer "
        "gaven, naast hoeveel deelnemers van {{ report.baseline.second }} de waarde kozen "
        "({% for p in report.baseline.participants %}{{ p.round }}: {{ p.count }}"
        "{% if not loop.last %}, {% endif %}{% endfor %})."
    )
    _table(
        document,
        [
            "Waarde",
            "{{ report.baseline.first }}",
            "{{ report.baseline.second }}",
            "Verschil (%-punt)",
            "Toets (Fisher)",
        ],
        [f"{{{{ row[{i}] }}}}" for i in range(5)],
        "row in report.baseline.rows",
    )
    para("{{ report.baseline.caveat }}", size=9, colour=GREY)
    para("{%p endif %}")
    heading("Verhalen van bewoners", 2)
    para("{%p if report.question %}")
    para("{{ report.question }}", italic=True)
    para("{%p endif %}")
    stories("resident", "Geen van de gekozen verhalen is van bewoners.")

    heading("3. Het perspectief van de buurt", 1)
    heading("Rimpelingen: wat leidde tot wat?", 2)
    para("{%p if report.ripple_map %}")
    para(
        "Wat de activiteiten teweegbrachten, in drie ringen: direct, indirect en blijvend "
        "({{ report.ripple_count }} rimpelingen)."
    )
    para("{{ report.ripple_map }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    para("{%p for level in report.ripples %}")
    p = para("{% if level.titles %}", after=2)
    p.add_run("{{ level.label }}: ").bold = True
    p.add_run('{{ level.titles | join("; ") }}.{% endif %}')
    para("{%p endfor %}")
    para("{%p else %}")
    para("Er zijn nog geen rimpelingen in kaart gebracht.", italic=True)
    para("{%p endif %}")
    heading("Verhalen uit de buurt", 2)
    stories("neighbourhood", "Geen van de gekozen verhalen gaat over de buurt als geheel.")

    heading("4. Het perspectief van professionals", 1)
    heading("Verhalen van professionals", 2)
    stories("professional", "Geen van de gekozen verhalen is van professionals.")
    heading("De tussentijdse evaluaties", 2)
    para("{%p if report.evaluations %}")
    _table(
        document,
        ["Fase", "Ging goed", "Liep vast", "Besloten"],
        [
            "{{ e.title }} ({{ e.date | datum }})",
            '{{ e.went_well | join("; ") }}',
            '{{ e.stuck | join("; ") }}',
            '{{ e.decisions | join("; ") }}',
        ],
        "e in report.evaluations",
    )
    para("{%p else %}")
    para("Er zijn nog geen tussentijdse evaluaties vastgelegd.", italic=True)
    para("{%p endif %}")

    heading("Verantwoording", 1)
    para(
        "Deze evaluatie is gemaakt met mdsa uit de gedeelde bestanden van het project. Er staan "
        "geen namen of adressen in: verhalen zijn verteld door een rol, niet door een persoon, en "
        "elke tekst is vooraf gecontroleerd op namen, adressen en telefoonnummers. Aantallen "
        "huishoudens staan er alleen als ze ten minste {{ report.min_group_size }} zijn, zodat "
        "geen huishouden herkenbaar is.",
        size=9.5,
    )
    footer = section.footer.paragraphs[0]
    run = footer.add_run("{{ project.name }} · Eindevaluatie, {{ report.date | datum }}")
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    return document


def evaluation_summary() -> Document:
    """The year's interim evaluations: the same parts as evaluation-summary.typ."""
    document = _base("Evaluaties", (20, 20, 18, 20))
    _headings(document)

    def para(text: str = "", **kwargs):
        return _para(document, text, **kwargs)

    para("{{ project.name }}", size=9.5, colour=GREY, after=0)
    para("{{ summary.title }}", bold=True, size=22, colour=ACCENT, after=6)
    para(
        "Wat het projectteam en de bewoners na elke fase samen bespraken: wat goed ging, wat "
        "vastliep, en wat daarom anders gaat."
    )
    para("{%p if summary.missing %}")
    p = para()
    p.add_run("Nog niet geëvalueerd: ").bold = True
    p.add_run('{{ summary.missing | join(", ") }}.')
    para("{%p endif %}")
    para("{%p for e in summary.evaluations %}")
    document.add_heading("{{ e.title }}", 2)
    para('{{ e.date | datum }} · met {{ e.participants | join(", ") }}', size=9.5, colour=GREY)
    for key, label in (
        ("went_well", "Ging goed"),
        ("stuck", "Liep vast"),
        ("decisions", "Besloten"),
    ):
        para(label, bold=True, after=2)
        para(f"{{%p for item in e.{key} %}}")
        para("{{ item }}", style="List Bullet", after=0)
        para("{%p else %}")
        para("(niets genoteerd)", colour=GREY)
        para("{%p endfor %}")
    para("{%p endfor %}")
    footer = document.sections[0].footer.paragraphs[0]
    run = footer.add_run("{{ project.name }} · Gemaakt op {{ summary.made | datum }}")
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    return document


def report() -> Document:
    """The report (mdsa report) as an editable Word document: the same text as report.typ."""
    document = _base("Beeld van de buurt", (20, 20, 18, 20))
    _headings(document)
    section = document.sections[0]

    def para(text: str = "", **kwargs):
        return _para(document, text, **kwargs)

    def heading(text: str, level: int = 1):
        return document.add_heading(text, level=level)

    para("{{ project.name }}", size=10, colour=GREY, after=0)
    title = document.add_heading("Beeld van de buurt", level=0)
    for run in title.runs:
        run.font.color.rgb = ACCENT
        run.font.name = "Source Sans Pro"
    para(
        "Wat bewoners van de {{ project.neighbourhood }} vertelden in de sociale gesprekken",
        size=13,
        after=2,
    )
    para("Verslag voor partners en beleidsmakers · {{ date | datum }}", colour=GREY, after=12)
    p = para()
    p.add_run(
        "{% if response.households is not none %}{{ response.households | getal }}"
        "{% else %}–{% endif %}"
    ).bold = True
    p.add_run(" huishoudens voerden een sociaal gesprek · ")
    p.add_run(
        "{% if response.percent is not none %}{{ response.percent | procent(0) }}"
        "{% else %}–{% endif %}"
    ).bold = True
    p.add_run(" van de {% if response.homes %}{{ response.homes | getal }} {% endif %}woningen · ")
    p.add_run("{{ method.themes }}").bold = True
    p.add_run(" thema's uit de werksessies")

    heading("1. Waarom dit verslag")
    para(
        "Bij het onderhoud van de woningen in de {{ project.neighbourhood }} is het technische "
        "huisbezoek gecombineerd met een vrijwillig sociaal gesprek: hoe wonen bewoners, wat gaat "
        "goed, wat kan beter en wat willen zij zelf bijdragen? Dit verslag brengt die gesprekken "
        "samen tot een beeld van de buurt. Het is geen eindproduct maar een begin: het is bedoeld "
        "om met bewoners en partners het gesprek aan te gaan over wat de buurt nodig heeft."
    )

    heading("2. De top 5's")
    for title_text, field in (
        ("Kansrijk: wat goed gaat en waar energie zit", "top_promising"),
        ("Zorgen: waar aandacht nodig is", "top_concerns"),
    ):
        para(title_text, bold=True, colour=ACCENT, after=2)
        para(f"{{%p for name in {field} %}}")
        # The number written out: Word's List Number would go on counting in the second list.
        item = para("{{ loop.index }}.  {{ name }}", after=0)
        item.paragraph_format.left_indent = Mm(5)
        para("{%p endfor %}")
        para(f"{{%p if not {field} %}}")
        para("De werksessies kozen (nog) geen top 5.", italic=True)
        para("{%p endif %}")

    heading("3. Respons")
    para(
        "{% if response.households is not none %}Met {{ response.households | getal }} "
        "huishoudens is een sociaal gesprek gevoerd{% if response.percent is not none %}, "
        "{{ response.percent | procent(0) }} van de {{ response.homes | getal }} woningen"
        "{% endif %}.{% else %}Er zijn nog te weinig gesprekken om een aantal te noemen zonder dat "
        "iemand herkenbaar wordt.{% endif %} Bezoeken per subbuurt:"
    )
    para("{%p for g in response.groups %}")
    para("{{ g.name }}: {{ g.visits }}", style="List Bullet", after=0)
    para("{%p endfor %}")
    para("{%p if response.merged %}")
    para(
        "Subbuurten met te weinig bezoeken ({{ response.merged | join(', ') }}) zijn samengenomen "
        "als Overige subbuurten.",
        size=9,
        colour=GREY,
    )
    para("{%p endif %}")

    heading("4. Wie deden mee")
    para("{%p for c in who %}")
    para("{{ c.picture }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    para("{%p endfor %}")

    heading("5. Thema's per voorwaarde van sociale kwaliteit")
    para(
        "In werksessies lazen de woonconsulenten, opbouwwerkers en de projectleider alle "
        "geanonimiseerde tekstblokken uit de gesprekken en benoemden de thema's en signalen. Die "
        "staan hier geordend naar de vier voorwaarden van sociale kwaliteit. Het aantal "
        "huishoudens zegt hoe vaak een thema terugkwam; ook een thema van een paar huishoudens "
        "kan de moeite waard zijn."
    )
    para("{%p for c in conditions %}")
    heading("{{ c.label }}", level=2)
    para("{{ c.text }}", size=9.5, colour=GREY)
    para("{%p for t in c.themes %}")
    p = para(after=2)
    p.add_run("{{ t.name }}").bold = True
    run = p.add_run(
        "  ({{ t.households }} huishoudens{% if t.subareas %} · {{ t.subareas }}{% endif %})"
    )
    run.font.size = Pt(9)
    run.font.color.rgb = GREY
    para("{%p for q in t.quotes %}")
    quote = para("“{{ q.text | hoofdletter }}” ({{ q.subarea }})", italic=True)
    quote.paragraph_format.left_indent = Mm(8)
    para("{%p endfor %}")
    para("{%p endfor %}")
    para("{%p if not c.themes %}")
    para("In de werksessies kwam bij deze voorwaarde geen thema naar voren.", italic=True)
    para("{%p endif %}")
    para("{%p endfor %}")
    para("{%p if loose_quotes %}")
    heading("Meer uit de gesprekken", level=2)
    para("{%p for q in loose_quotes %}")
    quote = para("“{{ q.text | hoofdletter }}” ({{ q.subarea }})", italic=True)
    quote.paragraph_format.left_indent = Mm(8)
    para("{%p endfor %}")
    para("{%p endif %}")

    para("{%p if charts %}")
    heading("6. De gesloten vragen in grafieken")
    para("Per subbuurt en voor de hele buurt, in procenten van wie de vraag beantwoordde.")
    para("{%p for c in charts %}")
    para("{{ c.picture }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    para("{%p endfor %}")
    para("{%p endif %}")

    heading("{% if charts %}7{% else %}6{% endif %}. Hoe dit verslag is gemaakt")
    for label, text in (
        (
            "De gesprekken. ",
            "{% if method.period %}Van {{ method.period }}{% else %}Tijdens de huisbezoeken"
            "{% endif %} voerden woonconsulenten en opbouwwerkers bij het technische huisbezoek "
            "een vrijwillig sociaal gesprek, met de gesprekskaarten Waarde van Welzijn. Zij "
            "legden het gesprek vast in een registratieformulier.",
        ),
        (
            "Anoniem. ",
            "Namen, adressen en andere directe gegevens zijn voor de analyse verwijderd; de "
            "teksten zijn ontdaan van namen en plaatsaanduidingen. Cijfers over groepen van minder "
            "dan {{ min_group_size }} huishoudens staan er niet in, ook niet als ze uit andere "
            "cijfers terug te rekenen zouden zijn ({{ note }}).",
        ),
        (
            "De werksessies. ",
            "Het projectteam las alle tekstblokken per soort (belemmeringen en kansen, voor de "
            "persoon en de omgeving, talenten en opmerkingen), benoemde {{ method.themes }} "
            "thema's en koos een top 5 van kansrijke thema's en van zorgen.",
        ),
        (
            "De citaten. ",
            "{% if method.quotes %}De {{ method.quotes }} citaten zijn letterlijk (soms ingekort "
            "met [...]) uit de tekstblokken gekozen door het team en goedgekeurd door de "
            "projectleider. Een citaat dat een straat noemt, of een leeftijd of gezinssituatie in "
            "een kleine subbuurt, is niet opgenomen.{% else %}Er zijn nog geen citaten "
            "goedgekeurd.{% endif %}",
        ),
    ):
        p = document.add_paragraph(style="List Bullet")
        p.add_run(label).bold = True
        p.add_run(text)
    para("{%p if method.partners %}")
    p = document.add_paragraph(style="List Bullet")
    p.add_run("Partners. ").bold = True
    p.add_run("{{ method.partners | join(', ') }}.")
    para("{%p endif %}")
    footer = section.footer.paragraphs[0]
    run = footer.add_run("{{ project.name }} · Beeld van de buurt · {{ date | datum }}")
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    return document


def main() -> None:
    for name, make in (
        ("invitation-letter.docx", invitation_letter),
        ("actionplan-partners.docx", partners_plan),
        ("evaluation-report.docx", evaluation_report),
        ("evaluation-summary.docx", evaluation_summary),
        ("report.docx", report),
    ):
        path = OUT / name
        data = fixed_bytes(make())
        if path.is_file() and path.read_bytes() == data:
            continue
        path.write_bytes(data)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
