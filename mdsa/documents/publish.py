"""Publishing a shared document: written into ``private/staging/``, scanned, then moved out.

A document for residents or partners is first written into ``private/staging/<name>/``, where a
leak would still be inside ``private/``. ``mdsa scan``'s detector reads it there; only when it
finds nothing are the files moved, each in one rename, to their place (``output/`` and below).
On a finding nothing outside ``private/`` changes and ``PrivacyError`` names the first finding's
file and place and its kind, never the value.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

from mdsa.errors import OutputFileError, PrivacyError
from mdsa.project.folder import PRIVATE_DIR, Project

INPUTS = "inputs"  # the folder in staging for the texts scanned but not published


def staging_dir(name: str) -> str:
    return f"{PRIVATE_DIR}/staging/{name}"


def publish_scanned(
    project: Project,
    name: str,
    files: Mapping[str, bytes | str],
    *,
    hint: str,
    inputs: Mapping[str, str] | None = None,
) -> list[str]:
    """Write ``files`` (paths relative to the project, outside private/) after a clean scan.

    ``inputs`` (name -> text: what the documents are made of) are scanned with them and never
    published: a value a PDF breaks over two lines is still found in its input."""
    from mdsa.fileio import write_bytes, write_text
    from mdsa.privacy.scan import make_detector, scan_folder

    root = project.root
    staged = staging_dir(name)
    staging = root / staged
    remove(staging)
    for relative, content in files.items():
        if isinstance(content, str):
            write_text(staging / relative, content)
        else:
            write_bytes(staging / relative, content)
    for relative, text in (inputs or {}).items():
        write_text(staging / INPUTS / relative, text)
    scan = scan_folder(make_detector(project), staging, as_folder="")
    if scan.findings:
        first = scan.findings[0]
        raise PrivacyError(
            f"the scan found {len(scan.findings)} possible identifier(s) "
            f"(first: {first.file.lstrip('/')}, {first.location}: {first.kind}); "
            "nothing was published",
            path=staged,
            hint=hint,
        )
    for relative in files:
        target = root / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).replace(target)
        except OSError as e:
            raise OutputFileError(
                f"cannot move {relative} into place ({type(e).__name__})",
                path=relative,
                hint=f"make its folder writable; the staged files are in {staged}",
            ) from e
    remove(staging)
    return list(files)


def remove(folder: Path) -> None:
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        pass
    except OSError as e:
        raise OutputFileError(
            f"cannot clear the staging folder ({type(e).__name__})", path=folder
        ) from e
