"""Editable DOCX through docxtpl: Jinja inside a Word document, so a corporation can design the
letter in Word and mdsa fills it in.

Always rendered with ``autoescape=True`` (without it ``Fam. Bakker & Zn`` silently lost the
``&``), in the same sandboxed, strict environment as every other format.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mdsa.documents.templates import (
    TemplateError,
    environment,
    find_template,
    search_path,
    template_errors,
)


@dataclass(frozen=True)
class DocxImage:
    """A picture (PNG or JPEG bytes) to place in a DOCX, anywhere in the context: in a field,
    a list or a mapping. ``{{ chart }}`` in the template shows it ``width_mm`` wide."""

    data: bytes
    width_mm: float


def _with_images(value: Any, template: Any) -> Any:
    """The context with every ``DocxImage`` made into docxtpl's ``InlineImage`` of ``template``
    (an inline image belongs to the document it is rendered into)."""
    if isinstance(value, DocxImage):
        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(template, io.BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, Mapping):
        return {key: _with_images(item, template) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_with_images(item, template) for item in value]
    return value


class DocxTemplate:
    """A DOCX template read once; ``render`` gives the bytes of one filled-in document."""

    def __init__(self, name: str, project_root: Path | None) -> None:
        self.name = name
        self.path = find_template(name, project_root)
        self.data = self.path.read_bytes()
        self.env = environment("docx", search_path(project_root))

    def render(self, context: Mapping[str, Any]) -> bytes:
        from docxtpl import DocxTemplate as Docx

        try:
            template = Docx(io.BytesIO(self.data))
            template.render(_with_images(context, template), jinja_env=self.env, autoescape=True)
        except (zipfile.BadZipFile, KeyError) as e:
            # Not a zip, or a zip without the parts of a Word document.
            raise TemplateError(
                f"template {self.name} is not a Word document (.docx) that can be filled in",
                path=self.path,
            ) from e
        except Exception as e:
            with template_errors(self.name, self.path, lines=False):
                raise e from None
        out = io.BytesIO()
        template.save(out)
        return out.getvalue()

    def undeclared_fields(self) -> set[str]:
        """The top-level fields the template uses (to lint it against a context)."""
        from docxtpl import DocxTemplate as Docx

        return set(Docx(io.BytesIO(self.data)).get_undeclared_template_variables(self.env))
