"""mdsa: toolkit for the Meer dan Steen Alleen approach.

The public API is small and loaded lazily, so that ``import mdsa`` (and ``mdsa --help``) stays
fast: ``from mdsa import load_project`` imports the project loader only when it is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = {
    "MdsaError": "mdsa.errors",
    "find_project": "mdsa.project.folder",
    "load_project": "mdsa.project.folder",
    "validate_project": "mdsa.project.validate",
    "import_export": "mdsa.phases.visits",
    "anonymise": "mdsa.privacy.anonymise",
    "anonymise_and_publish": "mdsa.privacy.gate",
    "scan_project": "mdsa.privacy.scan",
}

__all__ = [
    "MdsaError",
    "__version__",
    "anonymise",
    "anonymise_and_publish",
    "find_project",
    "import_export",
    "load_project",
    "scan_project",
    "validate_project",
]

if TYPE_CHECKING:
    from mdsa.errors import MdsaError
    from mdsa.phases.visits import import_export
    from mdsa.privacy.anonymise import anonymise
    from mdsa.privacy.gate import anonymise_and_publish
    from mdsa.privacy.scan import scan_project
    from mdsa.project.folder import find_project, load_project
    from mdsa.project.validate import validate_project


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'mdsa' has no attribute {name!r}")
