"""The registry of problem codes (mdsa/codes.py) is complete, sorted, unique and documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from mdsa.codes import CODES

ROOT = Path(__file__).resolve().parent.parent
KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
REPORT_METHODS = {"error", "warning", "add"}  # Report.error/warning(code, message), add(code, ...)


def codes_used() -> dict[str, list[str]]:
    """Every code written as a literal in mdsa/: the first argument of report.error/warning/
    add (with a message after it), any ``code=`` keyword, RawProblem's first argument and a
    class's ``code = ...``. Literal only: a code passed on in a variable was a literal once."""
    used: dict[str, list[str]] = {}

    def note(node: ast.expr, where: str) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            used.setdefault(node.value, []).append(where)

    for path in sorted((ROOT / "mdsa").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                func = node.func
                if (
                    isinstance(func, ast.Attribute)
                    and func.attr in REPORT_METHODS
                    and len(node.args) >= 2
                ):
                    note(node.args[0], where)
                if isinstance(func, ast.Name) and func.id == "RawProblem" and node.args:
                    note(node.args[0], where)
                for keyword in node.keywords:
                    if keyword.arg == "code":
                        note(keyword.value, where)
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == "code" for t in item.targets
                    ):
                        note(item.value, where)
    return used


def test_the_scan_finds_the_codes_it_should() -> None:
    used = codes_used()  # a scanner that finds nothing would pass the next test
    for code in ("missing-header", "yaml-aliases", "unwritable-file", "not-found", "superseded"):
        assert code in used, code


def test_every_code_used_is_registered() -> None:
    missing = {code: where for code, where in codes_used().items() if code not in CODES}
    assert not missing, f"add these to mdsa/codes.py (one line each, sorted): {missing}"


def test_the_registry_is_sorted_kebab_case_and_explained() -> None:
    assert list(CODES) == sorted(CODES), "keep mdsa/codes.py sorted"
    for code, meaning in CODES.items():
        assert KEBAB.match(code), code
        assert meaning and "\n" not in meaning and not meaning.endswith("."), code


def test_no_code_is_registered_twice() -> None:
    source = (ROOT / "mdsa" / "codes.py").read_text(encoding="utf-8")
    keys = re.findall(r'^    "([a-z0-9-]+)":', source, flags=re.MULTILINE)
    assert len(keys) == len(set(keys)) == len(CODES), "a code appears twice in mdsa/codes.py"


def test_no_registered_code_is_unused() -> None:
    unused = sorted(set(CODES) - set(codes_used()))
    assert not unused, f"remove from mdsa/codes.py (or use): {unused}"


def test_the_readme_lists_every_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Problem codes" in readme
    section = readme.split("## Problem codes", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.MULTILINE)
    assert listed == list(CODES), "README 'Problem codes' must list mdsa/codes.py, in order"
