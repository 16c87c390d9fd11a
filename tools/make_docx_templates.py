"""Write the built-in DOCX template of the invitation letter (mdsa/templates/documents/).

Run ``python tools/make_docx_templates.py`` after changing the wording; the .docx is committed,
so a corporation can open it in Word, restyle it (letterhead, logo) and put it in its project's
``templates/`` folder. Jinja tags are docxtpl's: ``{{ field }}`` inside a paragraph, ``{%p ... %}``
as a paragraph of its own for loops and conditions.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "mdsa" / "templates" / "documents"
ACCENT = RGBColor(0x1F, 0x5F, 0x8B)
GREY = RGBColor(0x5A, 0x5A, 0x5A)


def invitation_letter() -> Document:
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(22), Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(22)
    style = document.styles["Normal"]
    style.font.name = "Source Sans Pro"
    style.font.size = Pt(10.5)
    style.paragraph_format.space_after = Pt(5)
    # Dutch spelling check in Word, not English red lines under every word.
    fonts = style.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "nl-NL")
    fonts.append(language)
    properties = document.core_properties
    properties.author = "mdsa"
    properties.title = "Uitnodiging huisbezoek"
    properties.created = properties.modified = datetime(2026, 1, 1)
    properties.last_modified_by = "mdsa"
    properties.revision = 1

    def para(
        text: str = "",
        *,
        bold: bool = False,
        size: float | None = None,
        colour: RGBColor | None = None,
        align: int | None = None,
        after: float | None = None,
    ):
        paragraph = document.add_paragraph()
        if text:
            run = paragraph.add_run(text)
            run.bold = bold
            if size:
                run.font.size = Pt(size)
            if colour:
                run.font.color.rgb = colour
        if align is not None:
            paragraph.alignment = align
        if after is not None:
            paragraph.paragraph_format.space_after = Pt(after)
        return paragraph

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


def main() -> None:
    path = OUT / "invitation-letter.docx"
    invitation_letter().save(str(path))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
