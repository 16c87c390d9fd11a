"""Keyed pseudonyms: the same household always gets the same code, and only the key can link
them. The key is made in ``private/`` on first use and never leaves it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from mdsa.errors import InputFileError
from mdsa.fileio import atomic_open, read_text

KEY_FILE = "private/pseudonym.key"


def load_or_create_key(root: Path) -> bytes:
    path = root / KEY_FILE
    if path.is_file():
        text = read_text(path).strip()
        try:
            key = bytes.fromhex(text)
        except ValueError as e:
            raise InputFileError(
                "the pseudonymisation key is damaged; restore it from a backup "
                "(a new key would give every household a new pseudonym)",
                path=path,
            ) from e
        if len(key) < 32:
            raise InputFileError("the pseudonymisation key is too short", path=path)
        return key
    key = secrets.token_bytes(32)
    with atomic_open(path, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    path.chmod(0o600)
    return key


def pseudonym(key: bytes, value: str, prefix: str = "HH") -> str:
    """``HH-`` and 10 characters of the HMAC-SHA256 of ``value``: stable, not reversible."""
    digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{prefix}-{digest[:10].upper()}"
