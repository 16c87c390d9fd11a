"""The action plan for partners as a DOCX template (actionplan-partners.docx), written by
``tools/make_docx_templates.py``: landscape A4, tables with fixed column widths that Word and
LibreOffice both keep, a header row repeated on every page and rows never split over two pages.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "mdsa" / "templates" / "documents"
ACCENT = RGBColor(0x1F, 0x5F, 0x8B)
GREY = RGBColor(0x5A, 0x5A, 0x5A)
RED = RGBColor(0xC0, 0x00, 0x00)
LIGHT = "E8F0F6"  # the header rows, as in the PDF
GAP = "F8CBAD"  # a top-5 theme without an activity, as in the PDF


def new_document(
    title: str,
    *,
    size: float,
    landscape: bool = False,
    margins: tuple[float, float, float, float] = (22, 20, 18, 22),
) -> Document:
    """An A4 document in Source Sans Pro with Dutch spelling and fixed metadata (so the
    committed .docx only changes when the wording does)."""
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(14)
        section.top_margin, section.bottom_margin = Mm(14), Mm(16)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(margins[0]), Mm(margins[1])
        section.top_margin, section.bottom_margin = Mm(margins[2]), Mm(margins[3])
    style = document.styles["Normal"]
    style.font.name = "Source Sans Pro"
    style.font.size = Pt(size)
    style.paragraph_format.space_after = Pt(5)
    # Dutch spelling check in Word, not English red lines under every word.
    fonts = style.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "nl-NL")
    fonts.append(language)
    properties = document.core_properties
    properties.author = "mdsa"
    properties.title = title
    properties.created = properties.modified = datetime(2026, 1, 1)
    properties.last_modified_by = "mdsa"
    properties.revision = 1
    return document


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _write(cell, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(8.5)


def _table(document: Document, columns: list[tuple[str, float]], cells: list[str]):
    """A table with a shaded header row (repeated on every page), a row that opens the loop,
    the row filled in for every item and a row that closes it (docxtpl's ``{%tr %}`` rows
    disappear from the result)."""
    table = document.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for (_, width), column in zip(columns, table.columns, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for (_, width), cell in zip(columns, row.cells, strict=True):
            cell.width = Mm(width)
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for (label, _), cell in zip(columns, header.cells, strict=True):
        _write(cell, label, bold=True)
        _shade(cell, LIGHT)
    whole = OxmlElement("w:cantSplit")  # a row is never split over two pages
    whole.set(qn("w:val"), "true")
    table.rows[2]._tr.get_or_add_trPr().append(whole)
    for text, cell in zip(cells, table.rows[2].cells, strict=True):
        _write(cell, text)
    return table


def partners_plan() -> Document:
    """The action plan for partners (bijlage 11), with the same content as actionplan-partners.typ:
    the top-5 themes of phase 3 against the activities that answer them, then every activity."""
    document = new_document("Actieplan sociaal verbinden", size=9.5, landscape=True)
    section = document.sections[0]
    title = document.add_paragraph()
    run = title.add_run("Actieplan sociaal verbinden")
    run.bold = True
    run.font.size = Pt(18)
    run.font.color.rgb = ACCENT
    title.paragraph_format.space_after = Pt(0)
    # The project's name on a line of its own: "Lankforst: 9" would read as an address.
    name = document.add_paragraph()
    name.paragraph_format.space_after = Pt(0)
    run = name.add_run("{{ project.name }}")
    run.bold = True
    run.font.size = Pt(11)
    line = document.add_paragraph()
    run = line.add_run(
        "{{ plan.count }} activiteiten · {{ plan.hours }} uur · € {{ plan.budget }} budget"
    )
    run.font.color.rgb = GREY
    run.font.size = Pt(10)
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(10)
    run = heading.add_run("Het beeld van de buurt en wat het plan ermee doet")
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = ACCENT
    document.add_paragraph("{%p if plan.themes_known %}")
    coverage = _table(
        document,
        [("Thema (top 5)", 80), ("Soort", 35), ("Activiteiten die het beantwoorden", 154)],
        [
            "{{ row.theme }}",
            "{{ row.kind }}",
            "{% cellbg 'F8CBAD' if not row.activities else 'FFFFFF' %}"
            "{% if row.activities %}{{ row.activities }}{% else %}nog geen activiteit{% endif %}",
        ],
    )
    coverage.rows[1].cells[0].paragraphs[0].add_run("{%tr for row in plan.coverage %}")
    coverage.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    note = document.add_paragraph()
    note.paragraph_format.space_before = Pt(4)
    run = note.add_run("Gekleurd: een thema uit de top 5 waar nog geen activiteit op antwoordt.")
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    document.add_paragraph("{%p else %}")
    document.add_paragraph().add_run(
        "Er zijn nog geen thema's uit fase 3 (Beeld van de buurt)."
    ).italic = True
    document.add_paragraph("{%p endif %}")
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(10)
    heading.paragraph_format.keep_with_next = True
    run = heading.add_run("Activiteiten")
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = ACCENT
    activities = _table(
        document,
        [
            ("Activiteit", 31),
            ("Soort", 23),
            ("Doel", 42),
            ("Thema's", 28),
            ("Plek", 25),
            ("Trekker", 29),
            ("Uren", 12),
            ("Budget (€)", 19),
            ("Planning", 40),
            ("Status", 19),
        ],
        [
            "{{ a.name }}",
            "{{ a.kind }}",
            "{{ a.goal }}",
            "{{ a.themes }}",
            "{{ a.place }}",
            "{{ a.owner }}",
            "{{ a.hours }}",
            "{{ a.budget }}",
            "{{ a.when }}",
            "{{ a.status }}",
        ],
    )
    activities.rows[1].cells[0].paragraphs[0].add_run("{%tr for a in plan.activities %}")
    activities.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    planning = activities.rows[2].cells[8].paragraphs[0]
    run = planning.add_run("{% if a.clash %} (renovatie!){% endif %}")
    run.font.size = Pt(8.5)
    run.font.color.rgb = RED
    run.bold = True
    for cell in activities.rows[2].cells[6:8]:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note = document.add_paragraph()
    note.paragraph_format.space_before = Pt(4)
    run = note.add_run(
        "(renovatie!): gepland in de renovatieweken van een blok in dezelfde straat of subbuurt."
    )
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    document.add_paragraph("{%p if plan.chart %}")
    heading = document.add_paragraph()
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.keep_with_next = True
    run = heading.add_run("Planning")
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = ACCENT
    para = document.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run("{{ plan.chart }}")
    document.add_paragraph("{%p endif %}")
    footer = section.footer.paragraphs[0]
    run = footer.add_run(
        "{{ project.name }} · Actieplan sociaal verbinden, versie {{ plan.date | datum }}"
    )
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    return document


def fixed_bytes(document: Document) -> bytes:
    """The .docx with every part dated 2026-01-01, so a file is rewritten only when its
    content changes (python-docx stamps the zip entries with the time of saving)."""
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zip_:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, (2026, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            zip_.writestr(entry, source.read(item))
    return out.getvalue()
