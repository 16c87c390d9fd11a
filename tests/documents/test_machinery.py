"""The document machinery: strict sandboxed templates for typst, HTML and DOCX, and charts."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from mdsa.documents.charts import bar_chart
from mdsa.documents.docx import DocxImage, DocxTemplate
from mdsa.documents.numbers import dutch_date, dutch_number, dutch_percent
from mdsa.documents.pdf import render_pdf, render_png
from mdsa.documents.templates import MissingFieldError, TemplateError, render, typst_string

NASTY = 'Fam. #Bakker *&* _Zn_ $5 @x <y> \\ "q"'


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def project_with(tmp_path: Path, name: str, text: str | bytes) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_dutch_numbers_and_dates() -> None:
    assert dutch_number(1234) == "1.234"
    assert dutch_number(1234567.25, 2) == "1.234.567,25"
    assert dutch_percent(0.125) == "12,5%"
    assert dutch_percent(0.81) == "81%"
    assert dutch_date(date(2026, 12, 3)) == "3 december 2026"
    assert dutch_date(date(2016, 9, 13), weekday=True) == "dinsdag 13 september 2016"


def test_typst_string_is_a_closed_literal() -> None:
    assert typst_string('a"b\\c\nd') == '#"a\\"b\\\\c\\nd";'


def test_a_value_with_markup_characters_prints_literally_in_pdf(tmp_path: Path) -> None:
    root = project_with(
        tmp_path, "t.typ", '#set text(font: "Source Sans Pro")\nAan {{ name }}.nl\n'
    )
    text = pdf_text(render_pdf("t.typ", {"name": NASTY}, root))
    assert NASTY + ".nl" in text


def test_pdf_uses_the_shipped_font_only(tmp_path: Path) -> None:
    from mdsa.documents.pdf import fonts

    assert fonts().families() == ["Source Sans Pro"]
    root = project_with(tmp_path, "t.typ", '#set text(font: "Source Sans Pro")\n*vet* {{ n }}')
    reader = PdfReader(io.BytesIO(render_pdf("t.typ", {"n": 1}, root)))
    fonts_used = {
        str(font["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].get_object().values()
    }
    assert fonts_used and all("SourceSansPro" in name for name in fonts_used)


def test_png_pages(tmp_path: Path) -> None:
    root = project_with(tmp_path, "t.typ", "een #pagebreak() twee {{ n }}")
    pages = render_png("t.typ", {"n": 1234}, root, ppi=30)
    assert len(pages) == 2
    assert all(page.startswith(b"\x89PNG") for page in pages)


def test_missing_field_names_the_field_and_the_template(tmp_path: Path) -> None:
    root = project_with(tmp_path, "t.typ", "regel 1\nBeste {{ household.naam }}\n")
    with pytest.raises(MissingFieldError) as caught:
        render_pdf("t.typ", {"household": {"name": "Bakker"}}, root)
    error = caught.value
    assert "'naam'" in error.message and "t.typ" in error.message
    assert error.line == 2
    assert "Bakker" not in str(error)


def test_a_missing_top_level_field(tmp_path: Path) -> None:
    root = project_with(tmp_path, "t.html", "<p>{{ sender }}</p>")
    with pytest.raises(MissingFieldError, match="'sender'"):
        render("html", "t.html", {}, root)


def test_the_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    root = project_with(tmp_path, "t.html", "{{ ''.__class__.__mro__ }}")
    with pytest.raises(TemplateError, match="sandbox"):
        render("html", "t.html", {}, root)


def test_a_template_syntax_error_names_the_line(tmp_path: Path) -> None:
    root = project_with(tmp_path, "t.html", "ok\n{% if %}\n")
    with pytest.raises(TemplateError) as caught:
        render("html", "t.html", {}, root)
    assert caught.value.line == 2


def test_a_typst_error_names_the_template_and_never_a_value(tmp_path: Path) -> None:
    root = project_with(tmp_path, "t.typ", "#text(fill: {{ colour }})[x]")
    with pytest.raises(TemplateError) as caught:
        render_pdf("t.typ", {"colour": "Perronstraat 12"}, root)
    assert "t.typ" in caught.value.message
    assert "Perronstraat" not in str(caught.value)


def test_a_missing_template(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no template 'nope.typ'"):
        render_pdf("nope.typ", {}, tmp_path)


def test_html_escapes_every_value(tmp_path: Path) -> None:
    root = project_with(tmp_path, "t.html", "<p>{{ name }}</p>")
    assert render("html", "t.html", {"name": "<b>Bakker & Zn</b>"}, root) == (
        "<p>&lt;b&gt;Bakker &amp; Zn&lt;/b&gt;</p>"
    )


def test_a_project_template_can_extend_the_built_in_one(tmp_path: Path) -> None:
    root = project_with(
        tmp_path,
        "privacy-leaflet.html",
        '{% extends "default/privacy-leaflet.html" %}{% block content %}Eigen{% endblock %}',
    )
    context = {"project": {"name": "P"}, "leaflet": {"title": "T", "date": date(2026, 1, 5)}}
    html = render("html", "privacy-leaflet.html", context, root)
    assert "<h1>T</h1>" in html and "Eigen" in html and "5 januari 2026" in html
    with pytest.raises(MissingFieldError, match="'privacy'"):  # the built-in content needs it
        render("html", "privacy-leaflet.html", context, tmp_path / "elsewhere")


def make_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_text(data: bytes) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_docx_keeps_an_ampersand_and_markup_characters(tmp_path: Path) -> None:
    root = project_with(tmp_path, "t.docx", make_docx("Aan {{ name }}"))
    template = DocxTemplate("t.docx", root)
    assert template.undeclared_fields() == {"name"}
    assert docx_text(template.render({"name": NASTY})) == f"Aan {NASTY}"


def test_docx_missing_field(tmp_path: Path) -> None:
    root = project_with(tmp_path, "t.docx", make_docx("Aan {{ naam }}"))
    with pytest.raises(MissingFieldError, match="t.docx uses the field 'naam'"):
        DocxTemplate("t.docx", root).render({"name": "x"})


def test_docx_places_pictures_given_anywhere_in_the_context(tmp_path: Path) -> None:
    import docx
    from docx.shared import Mm

    png = bar_chart(["a"], [1], title="Aantal")
    root = project_with(
        tmp_path, "t.docx", make_docx("{% for c in charts %}{{ c.image }}{% endfor %}{{ logo }}")
    )
    context = {
        "charts": [{"image": DocxImage(png, 60)}, {"image": DocxImage(png, 80)}],
        "logo": DocxImage(png, 20),
    }
    document = docx.Document(io.BytesIO(DocxTemplate("t.docx", root).render(context)))
    widths = [round(shape.width / Mm(1)) for shape in document.inline_shapes]
    assert widths == [60, 80, 20]
    assert all(part.blob == png for part in document.part.package.image_parts)


def test_a_docx_template_that_is_no_word_document(tmp_path: Path) -> None:
    root = project_with(tmp_path, "t.docx", b"not a zip")
    with pytest.raises(TemplateError, match="not a Word document"):
        DocxTemplate("t.docx", root).render({})


def test_chart_has_dutch_labels_and_the_shipped_font() -> None:
    svg = bar_chart(
        ["Tevreden", "Ontevreden"], [0.125, 0.875], title="Buurt", percent=True, format="svg"
    ).decode()
    assert "12,5%" in svg and "87,5%" in svg
    assert "Source Sans Pro" in svg
    png = bar_chart(["a"], [1234], title="Aantal")
    assert png.startswith(b"\x89PNG")
