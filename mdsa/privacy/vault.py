"""Encryption at rest of ``private/``: ``mdsa lock`` and ``mdsa unlock``.

``lock`` packs ``private/`` into one archive, ``private.locked``, encrypted with AES-256-GCM
under a key derived from the passphrase with scrypt and a random salt (the ``cryptography``
library; nothing home-made). The archive is written atomically and read back and decrypted
before the plaintext folder is removed, so an interrupted lock leaves either the old folder
alone, or the archive complete beside what is left of the folder. ``unlock`` decrypts into a
temporary folder next to the project and only then puts it in place; a wrong passphrase, or an
archive changed by even one byte, fails the GCM tag check and changes nothing.

Archive layout: ``MDSALCK1``, then one byte each for log2(N), r and p of scrypt, the 16-byte
salt and the 12-byte nonce; these 39 bytes are the authenticated associated data of the
ciphertext that follows (a gzipped tar of ``private/``).
"""

from __future__ import annotations

import io
import secrets
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

from mdsa.errors import InputFileError, MdsaError
from mdsa.fileio import write_bytes
from mdsa.privacy import audit

LOCKED_FILE = "private.locked"
PRIVATE_DIR = "private"
PASSPHRASE_ENV = "MDSA_PASSPHRASE"
MAGIC = b"MDSALCK1"
SALT_BYTES = 16
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + 3 + SALT_BYTES + NONCE_BYTES
# scrypt as recommended for interactive use (RFC 7914 and OWASP: N=2^15 at r=8 uses 32 MB).
LOG2_N, R, P = 15, 8, 1
_UNLOCKING = ".unlocking"  # inside private/


class LockedError(MdsaError):
    """A command needs ``private/`` but the project is locked."""

    code = "project-locked"


class PassphraseError(MdsaError):
    code = "wrong-passphrase"


def is_locked(root: Path) -> bool:
    return (root / LOCKED_FILE).is_file()


def require_unlocked(root: Path) -> None:
    """Stop a command that needs ``private/`` on a locked project, saying how to unlock it."""
    if is_locked(root):
        raise LockedError(
            "the project is locked: private/ is encrypted in private.locked",
            path=root / LOCKED_FILE,
            hint=f"unlock it first: mdsa unlock {root} (passphrase from {PASSPHRASE_ENV} or asked)",
        )


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if not passphrase:
        raise PassphraseError("the passphrase is empty", hint="choose a passphrase")
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _pack(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(folder, arcname=PRIVATE_DIR)
    return buffer.getvalue()


def encrypt(plain: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    header = MAGIC + bytes([LOG2_N, R, P]) + salt + nonce
    key = _key(passphrase, salt, LOG2_N, R, P)
    return header + AESGCM(key).encrypt(nonce, plain, header)


def decrypt(data: bytes, passphrase: str, *, path: Path) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(data) < HEADER_BYTES + 16 or not data.startswith(MAGIC):
        raise InputFileError(
            "this is not an archive made by mdsa lock, or it is cut short",
            path=path,
            code="damaged-archive",
            hint="restore private.locked from a backup",
        )
    header = data[:HEADER_BYTES]
    log2_n, r, p = header[len(MAGIC)], header[len(MAGIC) + 1], header[len(MAGIC) + 2]
    salt = header[len(MAGIC) + 3 : len(MAGIC) + 3 + SALT_BYTES]
    nonce = header[-NONCE_BYTES:]
    if not (10 <= log2_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16):
        raise InputFileError(
            "the archive's key settings are damaged", path=path, code="damaged-archive"
        )
    key = _key(passphrase, salt, log2_n, r, p)
    try:
        return AESGCM(key).decrypt(nonce, data[HEADER_BYTES:], header)
    except InvalidTag as e:
        raise PassphraseError(
            "wrong passphrase, or the archive was changed; nothing was changed",
            path=path,
            hint=f"check the passphrase (or {PASSPHRASE_ENV}); a changed archive must be "
            "restored from a backup",
        ) from e


@dataclass
class LockResult:
    archive: str
    files: int
    bytes: int


def lock(root: Path, passphrase: str) -> LockResult:
    """Encrypt ``private/`` into ``private.locked``, check the archive, then remove ``private/``."""
    folder = root / PRIVATE_DIR
    archive = root / LOCKED_FILE
    if archive.exists():
        raise LockedError(
            "the project is already locked (private.locked exists)"
            + ("; a lock or unlock was interrupted" if folder.exists() else ""),
            path=archive,
            hint=f"unlock it first: mdsa unlock {root}",
        )
    if not folder.is_dir():
        raise InputFileError("there is no private/ folder to lock", path=folder, code="not-found")
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    # The log's line goes into the archive with the rest: after the lock there is no private/.
    audit.note(root, reads=[folder], settings=_settings(), counts={"files": files})
    audit.flush(root)
    plain = _pack(folder)
    data = encrypt(plain, passphrase)
    write_bytes(archive, data)
    # Read back what is on disk and decrypt it before anything is removed.
    if decrypt(archive.read_bytes(), passphrase, path=archive) != plain:  # pragma: no cover
        archive.unlink()
        raise MdsaError("the archive did not read back correctly; nothing was removed")
    shutil.rmtree(folder)
    return LockResult(archive=LOCKED_FILE, files=files, bytes=len(data))


def _settings() -> dict[str, int | str]:
    return {"cipher": "AES-256-GCM", "kdf": "scrypt", "log2_n": LOG2_N, "r": R, "p": P}


def _extract(plain: bytes, target: Path, path: Path) -> None:
    try:
        with tarfile.open(fileobj=io.BytesIO(plain), mode="r:gz") as tar:
            for member in tar.getmembers():
                parts = Path(member.name).parts
                if not parts or parts[0] != PRIVATE_DIR or ".." in parts or member.issym():
                    raise InputFileError(
                        "the archive holds a path outside private/", path=path, code="bad-archive"
                    )
                if not (member.isfile() or member.isdir()):
                    raise InputFileError(
                        "the archive holds a link or device", path=path, code="bad-archive"
                    )
            if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
                tar.extractall(target, filter="data")
            else:  # pragma: no cover - the members were checked above
                tar.extractall(target)
    except tarfile.TarError as e:
        raise InputFileError(
            "the archive's contents are damaged", path=path, code="damaged-archive"
        ) from e


def _same_as_archive(folder: Path, unpacked: Path, *, skip: Path) -> bool:
    """True when every file left in ``folder`` is byte for byte in the unpacked archive: what
    an interrupted lock (or unlock) leaves behind."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_relative_to(skip):
            twin = unpacked / path.relative_to(folder)
            if not twin.is_file() or twin.read_bytes() != path.read_bytes():
                return False
    return True


def unlock(root: Path, passphrase: str) -> int:
    """Decrypt ``private.locked`` back into ``private/`` and remove the archive; returns the
    number of files restored. Nothing changes on a wrong passphrase or a changed archive."""
    archive = root / LOCKED_FILE
    folder = root / PRIVATE_DIR
    if not archive.is_file():
        raise InputFileError(
            "the project is not locked (there is no private.locked)", path=archive, code="not-found"
        )
    plain = decrypt(archive.read_bytes(), passphrase, path=archive)
    # The plain files are unpacked inside private/ (kept out of git, skipped by the scan),
    # then moved up one by one: an interrupted unlock leaves complete files only, and the
    # archive, so running unlock again finishes it.
    existed = folder.exists()
    folder.mkdir(mode=0o700, exist_ok=True)
    staging = folder / _UNLOCKING
    if staging.exists():
        shutil.rmtree(staging)  # left by an interrupted unlock; the archive still has it all
    try:
        _extract(plain, staging, archive)
        unpacked = staging / PRIVATE_DIR
        if existed and not _same_as_archive(folder, unpacked, skip=staging):
            raise MdsaError(
                "private/ exists beside private.locked and holds files that are not in the "
                "archive; nothing was changed",
                path=folder,
                hint="move one of the two away, after checking which one is current",
                code="lock-conflict",
            )
        for entry in sorted(unpacked.iterdir()):
            target = folder / entry.name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            entry.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    folder.chmod(0o700)
    archive.unlink()
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    audit.note(root, writes=[folder], settings=_settings(), counts={"files": files})
    return files
