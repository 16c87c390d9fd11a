"""``mdsa form``: the reference form as a readable document, a ``forms.yaml`` that maps it,
and a Google Apps Script that creates exactly that Google Form."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from mdsa.errors import ProjectExistsError
from mdsa.fileio import write_text
from mdsa.intake.forms.mapping import FORMS_FILE, TIMESTAMP_TITLES
from mdsa.intake.forms.reference import FORM_DESCRIPTION, FORM_TITLE, SECTIONS, Question, questions

FORM_DIR = "form"
DOCUMENT_FILE = f"{FORM_DIR}/registratieformulier.md"
SCRIPT_FILE = f"{FORM_DIR}/maak-formulier.gs"

_TYPE_NL = {
    "short": "kort antwoord",
    "paragraph": "alinea",
    "date": "datum",
    "choice": "meerkeuze (één antwoord)",
    "dropdown": "keuzelijst",
    "checkbox": "selectievakjes (meer antwoorden)",
    "scale": "lineaire schaal",
    "grid": "meerkeuzeraster",
    "checkbox_grid": "selectievakjesraster",
}


def quote(text: str) -> str:
    """A YAML (and JavaScript) string literal: JSON strings are valid in both."""
    return json.dumps(text, ensure_ascii=False)


def mapping_yaml() -> str:
    lines = [
        "# Koppeling van de vragen van het Google-formulier aan de velden van mdsa.",
        "# Gemaakt door `mdsa form` voor het referentieformulier; pas hem aan als het formulier",
        "# verandert. Een hernoemde vraag krijgt een extra regel met dezelfde field.",
        "columns:",
    ]
    for title in TIMESTAMP_TITLES[:2]:
        lines.append(f"  {quote(title)}: submitted_at")
    for title in ("E-mailadres", "Email address", "Email Address"):
        lines.append(f"  {quote(title)}: drop  # e-mail van de invuller, niet nodig")
    by_title: dict[str, list[Question]] = defaultdict(list)
    for question in questions():
        by_title[question.title].append(question)
    for title, group in by_title.items():
        if len(group) > 1:
            fields = ", ".join(q.field for q in group)
            lines.append(f"  {quote(title)}: [{fields}]  # per sectie: persoon, dan omgeving")
            continue
        question = group[0]
        entry = [f"    field: {question.field}"]
        if question.range:
            entry.append(f"    range: [{question.range[0]}, {question.range[1]}]")
        if question.required:
            entry.append("    required: true")
        if question.options:
            entry.append("    options:")
            entry.extend(
                f"      {quote(label)}: {quote(code)}" for label, code in question.options.items()
            )
        if question.rows:
            entry.append("    rows:")
            entry.extend(
                f"      {quote(label)}: {quote(code)}" for label, code in question.rows.items()
            )
        if len(entry) == 1:
            lines.append(f"  {quote(title)}: {question.field}")
        else:
            lines.append(f"  {quote(title)}:")
            lines.extend(entry)
    return "\n".join(lines) + "\n"


def document_markdown() -> str:
    lines = [f"# {FORM_TITLE}", "", FORM_DESCRIPTION, ""]
    number = 0
    for section in SECTIONS:
        lines += [f"## {section.title}", "", f"*{section.description}*", ""]
        for question in section.questions:
            number += 1
            required = " (verplicht)" if question.required else ""
            lines.append(f"{number}. **{question.title}**{required} — {_TYPE_NL[question.type]}")
            if question.help:
                lines.append(f"   {question.help}")
            if question.range:
                lines.append(f"   Schaal van {question.range[0]} tot en met {question.range[1]}.")
            if question.rows:
                lines.append(f"   Rijen: {', '.join(question.rows)}.")
            if question.options:
                lines.append(f"   Antwoorden: {'; '.join(question.options)}.")
            if question.other:
                lines.append("   Met de keuze 'Anders' en ruimte voor een eigen antwoord.")
        lines.append("")
    return "\n".join(lines)


def apps_script() -> str:
    out = [
        "/**",
        f" * Maakt het formulier '{FORM_TITLE}'.",
        " * Gebruik: script.google.com, Nieuw project, plak dit bestand, voer maakFormulier uit.",
        " * Gemaakt door `mdsa form`; past precies bij forms.yaml.",
        " */",
        "function maakFormulier() {",
        f"  var form = FormApp.create({quote(FORM_TITLE)});",
        f"  form.setDescription({quote(FORM_DESCRIPTION)});",
        "  form.setCollectEmail(false);",
    ]
    for index, section in enumerate(SECTIONS):
        item = "addPageBreakItem" if index else "addSectionHeaderItem"
        title, description = quote(section.title), quote(section.description)
        out.append(f"  form.{item}().setTitle({title}).setHelpText({description});")
        for question in section.questions:
            out.append(f"  {_script_item(question)};")
    out += ["  Logger.log('Formulier bewerken: ' + form.getEditUrl());", "}", ""]
    return "\n".join(out)


def _script_item(question: Question) -> str:
    title = quote(question.title)
    options = json.dumps(list(question.options), ensure_ascii=False)
    chain = {
        "short": f"form.addTextItem().setTitle({title})",
        "paragraph": f"form.addParagraphTextItem().setTitle({title})",
        "date": f"form.addDateItem().setTitle({title})",
        "choice": f"form.addMultipleChoiceItem().setTitle({title}).setChoiceValues({options})",
        "dropdown": f"form.addListItem().setTitle({title}).setChoiceValues({options})",
        "checkbox": f"form.addCheckboxItem().setTitle({title}).setChoiceValues({options})",
        "scale": f"form.addScaleItem().setTitle({title})",
        "grid": f"form.addGridItem().setTitle({title})",
        "checkbox_grid": f"form.addCheckboxGridItem().setTitle({title})",
    }[question.type]
    if question.range:
        chain += f".setBounds({question.range[0]}, {question.range[1]})"
    if question.rows:
        rows = json.dumps(list(question.rows), ensure_ascii=False)
        chain += f".setRows({rows}).setColumns({options})"
    if question.other:
        chain += ".showOtherOption(true)"
    if question.help:
        chain += f".setHelpText({quote(question.help)})"
    if question.required:
        chain += ".setRequired(true)"
    return chain


def write_reference_form(root: Path, *, force: bool = False) -> list[Path]:
    """Write forms.yaml, the readable form and the Apps Script; refuse to overwrite forms.yaml."""
    target = root / FORMS_FILE
    if target.exists() and not force:
        raise ProjectExistsError(
            f"{FORMS_FILE} exists already; nothing was changed",
            path=target,
            hint="use --force to replace it with the reference mapping",
        )
    files = {
        target: mapping_yaml(),
        root / DOCUMENT_FILE: document_markdown(),
        root / SCRIPT_FILE: apps_script(),
    }
    for path, text in files.items():
        write_text(path, text)
    return list(files)
