"""PDF with typst: a Jinja template writes typst markup, the bundled compiler typesets it.

One ``typst.Fonts`` with the shipped static font only (no system fonts), built once and reused,
so a letter looks the same on every machine and each document costs milliseconds. No
``@preview`` packages: they would be downloaded at compile time.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mdsa.documents.templates import TemplateError, context_strings, find_template, render

if TYPE_CHECKING:
    import typst

FONT_FAMILY = "Source Sans Pro"


def font_files() -> list[Path]:
    """The static TrueType files of the shipped font (the OTF twins are left out)."""
    import font_source_sans_pro

    folder = Path(font_source_sans_pro.__file__).resolve().parent / "files"
    files = sorted(folder.glob("SourceSansPro-*.ttf"))
    if not files:
        raise TemplateError(
            "the font for PDF documents is not installed (package font-source-sans-pro)",
            hint="reinstall mdsa: pip install --force-reinstall mdsa",
        )
    return files


@functools.cache
def fonts() -> typst.Fonts:
    """The shipped font only: no system fonts, not even typst's own (so nothing falls back)."""
    import typst

    folder = font_files()[0].parent  # typst takes folders, not files
    found = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(folder)]
    )
    if FONT_FAMILY not in found.families():
        raise TemplateError(f"the font {FONT_FAMILY} could not be loaded from {folder}")
    return found


@functools.cache
def compiler(root: str) -> typst.Compiler:
    """One compiler per root folder (the only folder a template may read files from)."""
    import typst

    return typst.Compiler(root=root, font_paths=fonts())


def typeset(
    source: str,
    *,
    template: str,
    template_path: Path,
    context: Any = None,
    root: Path | None = None,
    format: Literal["pdf", "png", "svg"] = "pdf",
    ppi: float | None = None,
) -> list[bytes]:
    """Compile typst markup (one PDF, or one PNG/SVG per page).

    A ``TypstError`` becomes an ``MdsaError`` naming the template.

    Typst's message is shown only when it quotes none of the context's values (a message
    can quote the source, and the source holds the letters' addresses).
    """
    import typst

    try:
        result = compiler(str(root or template_path.parent)).compile(
            input=source.encode("utf-8"), format=format, ppi=ppi
        )
    except typst.TypstError as e:
        message = (getattr(e, "message", "") or "").strip().splitlines()
        detail = message[0] if message else ""
        if detail and any(value in detail for value in context_strings(context)):
            detail = ""
        raise TemplateError(
            f"template {template} could not be typeset"
            + (f": {detail}" if detail else " (typst gave no message)"),
            path=template_path,
            hint="check the template's typst markup; mdsa --debug shows typst's diagnostic",
        ) from e
    if isinstance(result, list):
        return [bytes(page) for page in result]
    if result is None:  # pragma: no cover - only when typst writes to an output path
        raise TemplateError(f"template {template} gave no output", path=template_path)
    return [bytes(result)]


def render_pdf(name: str, context: Mapping[str, Any], project_root: Path | None) -> bytes:
    """Render typst template ``name`` (the project's, else the built-in one) to a PDF."""
    result = _render(name, context, project_root, "pdf", None)
    return result[0]


def image_paths(images: Mapping[str, bytes]) -> dict[str, str]:
    """Where a template finds each picture of ``render_pdf_with_images`` (``image(path)``):
    named by its content, so a compiler that keeps a file it read never shows an old one."""
    return {
        key: f"/{key}-{hashlib.sha256(data).hexdigest()[:16]}.png" for key, data in images.items()
    }


def render_pdf_with_images(
    name: str, context: Mapping[str, Any], project_root: Path, images: Mapping[str, bytes]
) -> bytes:
    """A PDF that shows pictures (charts as PNG bytes): typst reads a picture only from a file
    under its root, so they are written into ``private/staging/images/`` for the time of the
    typesetting; the template finds each at ``image_paths(images)[key]``."""
    from mdsa.documents.publish import remove, staging_dir
    from mdsa.fileio import write_bytes

    folder = project_root / staging_dir("images")
    remove(folder)
    folder.mkdir(parents=True)
    try:
        for key, at in image_paths(images).items():
            write_bytes(folder / at.lstrip("/"), images[key])
        source = render("typst", name, context, project_root)
        path = find_template(name, project_root)
        return typeset(source, template=name, template_path=path, context=context, root=folder)[0]
    finally:
        remove(folder)


def render_png(
    name: str, context: Mapping[str, Any], project_root: Path | None, *, ppi: float = 144
) -> list[bytes]:
    """The same document as one PNG per page (to look at a letter without a PDF viewer)."""
    return _render(name, context, project_root, "png", ppi)


def _render(
    name: str,
    context: Mapping[str, Any],
    project_root: Path | None,
    format: Literal["pdf", "png", "svg"],
    ppi: float | None,
) -> list[bytes]:
    source = render("typst", name, context, project_root)
    path = find_template(name, project_root)
    return typeset(
        source, template=name, template_path=path, context=context, format=format, ppi=ppi
    )
