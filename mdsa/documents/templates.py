"""Finding and rendering templates: one sandboxed, strict Jinja environment per output format.

Built-in Dutch templates live in ``mdsa/templates/documents/``; a file with the same name in
the project's ``templates/`` folder replaces it, and may still extend the built-in one as
``default/NAME`` (datasette's ChoiceLoader + PrefixLoader). Every environment is sandboxed
(templates come from a user's folder) and strict: a field the context does not have is an
``MdsaError`` naming the field and the template, never an empty gap in a letter.

The typst environment's ``finalize`` turns every value into a typst string literal, so a name
with ``#``, ``*``, ``_``, ``$``, ``@`` or ``<`` prints as written; a value that must be markup
(a length from the configuration) is a ``TypstCode``, made only by this module's filters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from mdsa.documents.numbers import dutch_date, dutch_number, dutch_percent
from mdsa.errors import MdsaError

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

Kind = Literal["typst", "html", "docx"]

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates" / "documents"
PROJECT_TEMPLATES_DIR = "templates"
DEFAULT_PREFIX = "default"


class TemplateError(MdsaError):
    """A template that cannot be read, parsed or typeset, or that the sandbox refused."""

    code = "template-error"


class MissingFieldError(TemplateError):
    """A template asks for a field the document does not have."""

    code = "missing-field"


class TypstCode(str):
    """Typst markup that ``finalize`` passes through unescaped (built by this module only)."""


def typst_string(value: str) -> str:
    """A typst string literal, embedded in markup and ended by ``;`` so that a following
    ``.word`` or ``[`` is text, not a method call or an argument."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\n").replace("\n", "\\n").replace("\t", " ")
    return f'#"{escaped}";'


def _typst_finalize(value: Any) -> str:
    if isinstance(value, TypstCode):
        return value
    if value is None:
        raise TemplateError("a field used in the template has no value")
    return typst_string(_plain(value))


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        return dutch_number(value, 0 if isinstance(value, int) else 1)
    if isinstance(value, date):
        return dutch_date(value)
    return str(value)


def _mm(value: Any) -> TypstCode:
    """A number of millimetres as a typst length; anything else is a template error."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TemplateError("the mm filter needs a number")
    return TypstCode(f"{float(value):.2f}mm")


def _code(value: Any) -> TypstCode:
    """A value as a typst string in code mode (a function's argument): ``"..."``."""
    return TypstCode(typst_string(_plain(value))[1:-1])


def _filters() -> dict[str, Any]:
    return {
        "getal": dutch_number,
        "procent": dutch_percent,
        "datum": dutch_date,
        "dag": lambda day: dutch_date(day, weekday=True),
        # Jinja's own capitalize lowercases the rest ("Woonwaarts" -> "woonwaarts").
        "hoofdletter": lambda text: str(text)[:1].upper() + str(text)[1:],
    }


def search_path(project_root: Path | None) -> tuple[Path, ...]:
    """Where templates are looked for, first match wins: the project's, then the built-in."""
    folders: list[Path] = []
    if project_root is not None and (project_root / PROJECT_TEMPLATES_DIR).is_dir():
        folders.append(project_root / PROJECT_TEMPLATES_DIR)
    folders.append(BUILTIN_DIR)
    return tuple(folders)


_ENVIRONMENTS: dict[tuple[Kind, tuple[Path, ...]], SandboxedEnvironment] = {}


def environment(kind: Kind, folders: tuple[Path, ...]) -> SandboxedEnvironment:
    """The one environment of a format for a search path (built once, then reused)."""
    key = (kind, folders)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _build(kind, folders)
    return _ENVIRONMENTS[key]


def _build(kind: Kind, folders: tuple[Path, ...]) -> SandboxedEnvironment:
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loader = ChoiceLoader(
        [
            FileSystemLoader([str(f) for f in folders]),
            PrefixLoader({DEFAULT_PREFIX: FileSystemLoader(str(BUILTIN_DIR))}),
        ]
    )
    options: dict[str, Any] = {
        "loader": loader,
        "undefined": StrictUndefined,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if kind == "typst":
        env = SandboxedEnvironment(autoescape=False, finalize=_typst_finalize, **options)
        env.filters["mm"] = _mm
        env.filters["code"] = _code
    elif kind == "docx":
        env = _cached_from_string(SandboxedEnvironment)(autoescape=True, **options)
    else:
        env = SandboxedEnvironment(autoescape=True, **options)
    env.filters.update(_filters())
    return env


def _cached_from_string(base: type[SandboxedEnvironment]) -> type[SandboxedEnvironment]:
    """An environment whose ``from_string`` compiles each source once.

    docxtpl compiles the document's XML with ``from_string`` on every render; for 500 letters
    that was most of the time, and the XML is the same for every letter of a template."""
    from jinja2 import Template

    class Cached(base):  # type: ignore[valid-type, misc]
        _compiled: dict[str, Template]

        def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Template:
            if args or kwargs or not isinstance(source, str):
                fresh: Template = super().from_string(source, *args, **kwargs)
                return fresh
            cache = self.__dict__.setdefault("_compiled", {})
            if source not in cache:
                if len(cache) > 64:
                    cache.clear()
                cache[source] = super().from_string(source)
            cached: Template = cache[source]
            return cached

    return Cached


def find_template(name: str, project_root: Path | None) -> Path:
    """The file a template name resolves to (project's first); an error when there is none."""
    for folder in search_path(project_root):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise TemplateError(
        f"there is no template '{name}'",
        path=Path(PROJECT_TEMPLATES_DIR) / name,
        hint="remove the override or restore the file; the built-in templates are in "
        "mdsa/templates/documents/",
    )


def render(kind: Kind, name: str, context: Mapping[str, Any], project_root: Path | None) -> str:
    """Render template ``name`` of format ``kind`` with ``context``."""
    folders = search_path(project_root)
    env = environment(kind, folders)
    path = find_template(name, project_root)
    with template_errors(name, path):
        return env.get_template(name).render(context)


class template_errors:  # noqa: N801 - used as a context manager, named like one
    """Turn Jinja's errors into ``MdsaError``s that name the template, the field and the line.

    Messages never include a value from the context: a missing field is named by the template's
    own text, a syntax error by the template's line.
    """

    def __init__(self, name: str, path: Path, *, lines: bool = True) -> None:
        self.name = name
        self.path = path
        self.lines = lines  # a DOCX template's "line" is one of its XML, of no use to anyone

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: Any
    ) -> None:
        from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
        from jinja2.exceptions import SecurityError

        if error is None:
            return
        shown = _shown_path(self.path)
        if isinstance(error, MissingFieldError | TemplateError) and error.path is None:
            error.path = shown
            error.line = self._line(tb)
            error.message = f"template {self.name}: {error.message}"
            return
        if isinstance(error, UndefinedError):
            field = _field_name(str(error.message or ""))
            raise MissingFieldError(
                f"template {self.name} uses the field '{field}', which this document does not have",
                path=shown,
                line=self._line(tb),
                hint="correct the field's name in the template (see the fields in "
                "mdsa/templates/documents/README.md), or add it to the project's files",
            ) from None
        if isinstance(error, TemplateSyntaxError):
            raise TemplateError(
                f"template {error.name or self.name} cannot be read: {error.message}",
                path=_shown_path(Path(error.filename)) if error.filename else shown,
                line=error.lineno if self.lines else None,
            ) from None
        if isinstance(error, TemplateNotFound):
            raise TemplateError(
                f"template {self.name} includes '{error.name}', which does not exist", path=shown
            ) from None
        if isinstance(error, SecurityError):
            raise TemplateError(
                f"template {self.name} does something templates may not do (sandbox)",
                path=shown,
                line=self._line(tb),
            ) from None

    def _line(self, tb: TracebackType | None) -> int | None:
        return _template_line(tb, self.path) if self.lines else None


_FIELD_PATTERNS = (
    re.compile(r"has no attribute '([^']+)'"),
    re.compile(r"'([^']+)' is undefined"),
    re.compile(r"has no element '([^']+)'"),
)


def _field_name(message: str) -> str:
    for pattern in _FIELD_PATTERNS:
        match = pattern.search(message)
        if match:
            return match[1]
    return "?"


def _template_line(tb: TracebackType | None, path: Path) -> int | None:
    """The line of the template in Jinja's rewritten traceback (its last frame there)."""
    line = None
    target = str(path)
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in (target, "<template>"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _shown_path(path: Path) -> Path:
    """A built-in template is named by its package path, a project's by its own path."""
    try:
        return Path("mdsa/templates/documents") / path.resolve().relative_to(BUILTIN_DIR)
    except ValueError:
        return path


def context_strings(context: Any) -> set[str]:
    """Every string in a context, to keep them out of an error message (see ``pdf``)."""
    found: set[str] = set()
    stack = [context]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if len(value) >= 3:
                found.add(value)
        elif isinstance(value, Mapping):
            stack.extend(value.values())
        elif isinstance(value, list | tuple | set):
            stack.extend(value)
        elif hasattr(value, "__dict__"):
            stack.extend(vars(value).values())
    return found
