"""mdsa lock / unlock: private/ encrypted at rest, a wrong passphrase or a changed archive
changes nothing, and an interrupted lock or unlock can be finished."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner
from vaultfixtures import CANARY_VALUES, canary_project

from mdsa.cli import app
from mdsa.privacy import vault

PASSPHRASE = "correct horse battery staple"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def imported(runner: CliRunner, tmp_path: Path) -> Path:
    folder, export = canary_project(tmp_path)
    result = runner.invoke(app, ["import", str(export), "-p", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def private_files(folder: Path) -> dict[str, str]:
    return {k: v for k, v in snapshot(folder).items() if k.startswith("private/")}


def test_lock_and_unlock_round_trip(
    imported: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = private_files(imported)
    monkeypatch.setenv("MDSA_PASSPHRASE", PASSPHRASE)
    result = runner.invoke(app, ["lock", str(imported)])
    assert result.exit_code == 0, result.output
    assert not (imported / "private").exists()
    archive = (imported / "private.locked").read_bytes()
    assert archive.startswith(b"MDSALCK1")
    for value in CANARY_VALUES:
        assert value.encode() not in archive
    assert not [p for p in imported.glob(".*") if p.name != ".gitignore"], (
        "no temporary file left behind"
    )

    result = runner.invoke(app, ["unlock", str(imported)])
    assert result.exit_code == 0, result.output
    assert not (imported / "private.locked").exists()
    after = private_files(imported)
    assert {k: v for k, v in after.items() if k != "private/audit.jsonl"} == {
        k: v for k, v in before.items() if k != "private/audit.jsonl"
    }
    commands = [e["command"] for e in vault.audit.read_log(imported).entries]
    assert commands == ["import", "lock", "unlock"]


def test_the_passphrase_can_be_typed(imported: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["lock", str(imported)], input=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["unlock", str(imported)], input=f"{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output
    assert (imported / "private" / "registrations.jsonl").is_file()


def test_a_wrong_passphrase_changes_nothing(
    imported: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MDSA_PASSPHRASE", PASSPHRASE)
    assert runner.invoke(app, ["lock", str(imported)]).exit_code == 0
    before = snapshot(imported)
    monkeypatch.setenv("MDSA_PASSPHRASE", "correct horse battery stable")
    result = runner.invoke(app, ["unlock", str(imported)])
    assert result.exit_code == 1, result.output
    assert "wrong passphrase, or the archive was changed; nothing was changed" in result.output
    assert snapshot(imported) == before


def test_a_changed_archive_is_refused_and_changes_nothing(
    imported: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MDSA_PASSPHRASE", PASSPHRASE)
    assert runner.invoke(app, ["lock", str(imported)]).exit_code == 0
    path = imported / "private.locked"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit in the ciphertext
    path.write_bytes(bytes(data))
    before = snapshot(imported)
    result = runner.invoke(app, ["unlock", str(imported)])
    assert result.exit_code == 1, result.output
    assert "the archive was changed" in result.output
    assert snapshot(imported) == before

    path.write_bytes(b"MDSALCK1" + bytes(10))  # cut short
    result = runner.invoke(app, ["unlock", str(imported)])
    assert result.exit_code == 1 and "cut short" in result.output


def test_commands_that_need_private_say_how_to_unlock(
    imported: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MDSA_PASSPHRASE", PASSPHRASE)
    assert runner.invoke(app, ["lock", str(imported)]).exit_code == 0
    before = snapshot(imported)
    export = tmp_path / "Registratie.csv"
    for args in (
        ["import", str(export), "-p", str(imported)],
        ["anonymise", str(imported)],
        ["scan", str(imported)],
        ["audit", str(imported)],
        ["scrub", "-", "--project", str(imported)],
        ["erase", "Perronstraat 8", str(imported)],
        ["access", "Perronstraat 8", str(imported)],
        ["purge", str(imported), "--force"],
        ["lock", str(imported)],
    ):
        result = runner.invoke(app, args, input="Mevrouw Jansen\n")
        assert result.exit_code == 1, (args, result.output)
        errors = [line for line in result.output.splitlines() if line.startswith("error")]
        assert len(errors) == 1 and "locked" in errors[0], (args, result.output)
        assert "mdsa unlock" in result.output
    result = runner.invoke(app, ["validate", str(imported)])
    assert result.exit_code == 0 and "[project-locked]" in result.output
    assert snapshot(imported) == before


def test_an_interrupted_lock_is_finished_by_unlock(
    imported: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed while removing the plain files: the archive is complete, part of private/ left."""
    before = private_files(imported)
    monkeypatch.setenv("MDSA_PASSPHRASE", PASSPHRASE)
    real_rmtree = shutil.rmtree

    def killed(path: Path, *args: object, **kwargs: object) -> None:
        (Path(path) / "registrations.jsonl").unlink()  # got this far
        raise KeyboardInterrupt

    monkeypatch.setattr(shutil, "rmtree", killed)
    with pytest.raises(KeyboardInterrupt):
        vault.lock(imported, PASSPHRASE)
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    assert (imported / "private.locked").is_file() and (imported / "private").is_dir()

    result = runner.invoke(app, ["lock", str(imported)])  # would lose the removed file
    assert result.exit_code == 1 and "interrupted" in result.output
    result = runner.invoke(app, ["unlock", str(imported)])
    assert result.exit_code == 0, result.output
    assert not (imported / "private.locked").exists()
    after = private_files(imported)
    assert after["private/registrations.jsonl"] == before["private/registrations.jsonl"]


def test_unlock_refuses_when_private_holds_newer_files(
    imported: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MDSA_PASSPHRASE", PASSPHRASE)
    assert runner.invoke(app, ["lock", str(imported)]).exit_code == 0
    (imported / "private").mkdir()
    (imported / "private" / "households.csv").write_text("street,house_number\n", "utf-8")
    before = snapshot(imported)
    result = runner.invoke(app, ["unlock", str(imported)])
    assert result.exit_code == 1, result.output
    assert "[lock-conflict]" in result.output and "nothing was changed" in result.output
    assert snapshot(imported) == before
    assert not (imported / "private" / ".unlocking").exists()


def test_an_interrupted_lock_before_the_archive_leaves_private_alone(
    imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(imported)

    def killed(*args: object, **kwargs: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(vault, "encrypt", killed)
    with pytest.raises(KeyboardInterrupt):
        vault.lock(imported, PASSPHRASE)
    after = snapshot(imported)
    assert not (imported / "private.locked").exists()
    assert {k: v for k, v in after.items() if k != "private/audit.jsonl"} == {
        k: v for k, v in before.items() if k != "private/audit.jsonl"
    }


def test_an_interrupted_unlock_is_finished_by_unlock(
    imported: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = private_files(imported)
    monkeypatch.setenv("MDSA_PASSPHRASE", PASSPHRASE)
    assert runner.invoke(app, ["lock", str(imported)]).exit_code == 0
    real_rename = Path.rename
    moved: list[str] = []

    def killed(self: Path, target: Path) -> Path:
        if moved:
            raise KeyboardInterrupt
        moved.append(self.name)
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", killed)
    with pytest.raises(KeyboardInterrupt):
        vault.unlock(imported, PASSPHRASE)
    monkeypatch.setattr(Path, "rename", real_rename)
    assert (imported / "private.locked").is_file()
    assert not [p for p in imported.glob(".*") if p.name != ".gitignore"], (
        "plain files only ever inside private/"
    )
    result = runner.invoke(app, ["unlock", str(imported)])
    assert result.exit_code == 0, result.output
    after = private_files(imported)
    assert {k: v for k, v in after.items() if k != "private/audit.jsonl"} == {
        k: v for k, v in before.items() if k != "private/audit.jsonl"
    }


def test_unlocking_a_project_that_is_not_locked(imported: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["unlock", str(imported)], input="x\n")
    assert result.exit_code == 1 and "not locked" in result.output
