"""``mdsa scrub`` on a stream: one note per line, or JSON lines with a ``"text"`` field."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from mdsa.errors import InputFileError

if TYPE_CHECKING:
    from mdsa.privacy.scrub import Scrubber


def scrub_stream(
    scrubber: Scrubber, source: TextIO, target: TextIO, *, jsonl: bool, name: str
) -> int:
    """Scrub every line of ``source`` into ``target`` in the same shape; return the count."""
    count = 0
    for number, line in enumerate(source, start=1):
        text = line.rstrip("\r\n")
        if not jsonl:
            target.write(scrubber.scrub(text).text + "\n")
            count += 1
            continue
        if not text.strip():
            target.write("\n")
            continue
        try:
            record = json.loads(text)
        except ValueError as e:
            raise InputFileError("not a JSON object", path=name, line=number) from e
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputFileError(
                'a JSON line needs a "text" field with a string', path=name, line=number
            )
        record["text"] = scrubber.scrub(record["text"]).text
        target.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
