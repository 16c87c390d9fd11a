"""Split a checkbox answer into the options it names and the "other" text typed by the worker.

Google Forms joins checkbox answers with ``;`` in its own CSV download and with ``, `` in the
linked sheet, without escaping labels that contain the separator
(``Woning (onderhoud, vocht, schimmel)``). So the known labels are matched first, longest
first, and only at item boundaries; what is left is "other" text, kept whole.
"""

from __future__ import annotations

from collections.abc import Sequence


def split_choices(
    value: str, separator: str, known_options: Sequence[str]
) -> tuple[list[str], list[str]]:
    """Return ``(known labels found, other pieces)`` for one checkbox cell.

    ``separator`` is ``";"`` or ``", "`` (``RawExport.checkbox_separator``); white space
    around it is not significant, so ``"a,b"`` and ``"a ;b"`` split too. Labels are returned
    as given in ``known_options``, in the order they occur. An "other" piece runs up to the
    next separator that is followed by a known label, so free text may contain the separator
    (``Anders: hulp bij verhuizen, inpakken`` stays one piece).
    """
    mark = separator.strip() or separator
    labels = sorted({o.strip() for o in known_options if o.strip()}, key=len, reverse=True)
    text = value.strip()
    found: list[str] = []
    other: list[str] = []
    position = 0
    while position < len(text):
        label = _label_at(text, position, labels, mark)
        if label is not None:
            found.append(label)
            position = _after_separator(text, position + len(label), mark)
            continue
        end = _next_boundary(text, position, labels, mark)
        piece = text[position:end].strip()
        if piece.endswith(mark):
            piece = piece[: -len(mark)].rstrip()
        if piece:
            other.append(piece)
        position = _after_separator(text, end, mark)
    return found, other


def _label_at(text: str, position: int, labels: Sequence[str], mark: str) -> str | None:
    """The longest known label starting at ``position`` and ending at an item boundary."""
    for label in labels:
        if text.startswith(label, position) and _at_boundary(text, position + len(label), mark):
            return label
    return None


def _at_boundary(text: str, position: int, mark: str) -> bool:
    while position < len(text) and text[position].isspace():
        position += 1
    return position >= len(text) or text.startswith(mark, position)


def _after_separator(text: str, position: int, mark: str) -> int:
    """Skip white space, one separator and the white space after it."""
    while position < len(text) and text[position].isspace():
        position += 1
    if text.startswith(mark, position):
        position += len(mark)
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _next_boundary(text: str, position: int, labels: Sequence[str], mark: str) -> int:
    """Where the "other" piece starting at ``position`` ends: before a separator that is
    followed by a known label, or at the end of the text."""
    search = position
    while (found := text.find(mark, search)) != -1:
        start = _after_separator(text, found, mark)
        if start < len(text) and _label_at(text, start, labels, mark) is not None:
            return found
        search = found + len(mark)
    return len(text)
