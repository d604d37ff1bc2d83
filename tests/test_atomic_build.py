"""Nothing is lost: a failed, broken or killed build leaves the previous site/ exactly as it was.

``build`` writes into ``.site.building-<pid>-*`` beside ``site/`` and swaps the finished tree in
only on success; a build killed half-way leaves that folder behind, and the next build removes
it. ``check`` writes nothing at all.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_project, snapshot

from iranru_ref.cli import cli
from iranru_ref.engines import workspace

pytestmark = pytest.mark.slow

EPOCH = "1700000000"


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


def build_command(project: Path) -> list[str]:
    return [sys.executable, "-m", "iranru_ref.cli", "build", "--root", str(project)]


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a site from a successful build, kept as a template for each test."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = subprocess.run(build_command(project), capture_output=True, text=True, check=False,
                            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def site_project(built_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project."""
    return Path(shutil.copytree(built_project, tmp_path / "project", symlinks=True))


def break_a_record(project: Path) -> None:
    (project / "data" / "places" / "test-broken.yml").write_text("name: [unclosed\n")


# ------------------------------------------------------------------ failures


def test_a_validation_failure_keeps_the_previous_site(site_project: Path, runner: CliRunner) -> None:
    before = snapshot(site_project / "site")
    break_a_record(site_project)
    result = runner.invoke(cli, ["build", "--root", str(site_project)])
    assert result.exit_code == 1
    assert "data/places/test-broken.yml:2: YAML syntax error" in result.output
    assert snapshot(site_project / "site") == before
    assert leftovers(site_project) == []


BROKEN_SETUPS = {
    "template-syntax": (
        lambda p: (p / "templates" / "entity.md.j2").write_text(
            (p / "templates" / "entity.md.j2").read_text() + "{% if unclosed %}\n"),
        "templates/entity.md.j2:",
    ),
    "template-undefined": (
        lambda p: (p / "templates" / "entity.md.j2").write_text(
            "{{ entity.no_such_field.deeper }}\n" + (p / "templates" / "entity.md.j2").read_text()),
        "templates/entity.md.j2:1: the template failed",
    ),
    "template-macro-missing": (
        lambda p: (p / "templates" / "_macros.md.j2").write_text(
            (p / "templates" / "_macros.md.j2").read_text().replace("macro claim_item(",
                                                                    "macro renamed_item(")),
        "templates/_macros.md.j2:1: the macro claim_item is missing",
    ),
    "template-missing": (
        lambda p: (p / "templates" / "timeline.md.j2").unlink(),
        "templates/timeline.md.j2: the template is missing",
    ),
    "mkdocs-yaml-syntax": (
        lambda p: (p / "mkdocs.yml").write_text((p / "mkdocs.yml").read_text() + "nav: [\n"),
        "MkDocs could not build the site",
    ),
    "mkdocs-unknown-theme": (
        lambda p: (p / "mkdocs.yml").write_text(
            (p / "mkdocs.yml").read_text().replace("name: material", "name: no-such-theme")),
        "Unrecognised theme name: 'no-such-theme'",
    ),
    "mkdocs-strict-warning": (
        lambda p: (p / "docs" / "methodology.md").write_text(
            (p / "docs" / "methodology.md").read_text() + "\nSee [nowhere](no-such-page.md).\n"),
        "no-such-page.md",
    ),
}


@pytest.mark.parametrize("setup", sorted(BROKEN_SETUPS))
def test_a_failed_mkdocs_or_template_step_keeps_the_previous_site(
    setup: str, site_project: Path, runner: CliRunner
) -> None:
    breaks, message = BROKEN_SETUPS[setup]
    before = snapshot(site_project / "site")
    breaks(site_project)
    result = runner.invoke(cli, ["build", "--root", str(site_project)])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert snapshot(site_project / "site") == before
    assert leftovers(site_project) == []


def test_a_full_scratch_disk_for_the_sqlite_file_keeps_the_previous_site(
        site_project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from iranru_ref.exports import sqlite_file

    def full(rows: object, path: Path) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_file, "build_sqlite", full)
    before = snapshot(site_project / "site")
    result = runner.invoke(cli, ["build", "--root", str(site_project)])
    assert result.exit_code == 1, result.output
    assert "cannot write the site:" in result.output
    assert "iranru.sqlite: database or disk is full; free space there or set TMPDIR" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert snapshot(site_project / "site") == before
    assert leftovers(site_project) == []


def test_a_real_process_reports_a_template_error_without_a_traceback(site_project: Path) -> None:
    BROKEN_SETUPS["template-syntax"][0](site_project)
    process = subprocess.run(build_command(site_project), capture_output=True, text=True, check=False)
    assert process.returncode == 1
    assert "templates/entity.md.j2:" in process.stderr
    assert "Traceback" not in process.stdout + process.stderr


# ------------------------------------------------------------------ killed builds


def wait_for_workspace(project: Path, process: subprocess.Popen[bytes], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(name.startswith(".site.building-") for name in leftovers(project)):
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.002)
    return False


def test_a_build_killed_mid_way_keeps_the_previous_site(site_project: Path) -> None:
    """SIGKILL at several moments after the temporary folder appears: the site is always either
    the previous one, untouched, or (if the kill came after the swap) the complete new one."""
    before = snapshot(site_project / "site")
    # Change the data so that a complete new build is distinguishable from the old site.
    record = site_project / "data" / "people" / "alexey-dedov.yml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "name: Alexey Dedov", "name: Alexey Dedov (edited)", 1), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    killed_mid_way = 0
    swapped: dict[str, str] | None = None
    for delay in (0.0, 0.05, 0.15, 0.3, 0.6):
        process = subprocess.Popen(build_command(site_project), env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        appeared = wait_for_workspace(site_project, process)
        time.sleep(delay)
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert appeared, "the build never created its temporary folder"
        assert (site_project / "site").is_dir(), "site/ disappeared"
        if finished:
            break
        if snapshot(site_project / "site") != before:
            swapped = snapshot(site_project / "site")  # the kill came after the swap
            break
        killed_mid_way += 1
        assert any(name.startswith(".site.building-") for name in leftovers(site_project)), (
            "a build killed mid-way left no temporary folder, so it was not mid-way"
        )
    assert killed_mid_way >= 1, "no kill landed in the middle of a build"
    # The next build removes what the killed ones left behind and completes.
    result = subprocess.run(build_command(site_project), env=env, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert leftovers(site_project) == []
    if swapped is not None:
        assert snapshot(site_project / "site") == swapped, "a killed build swapped in a partial site"
    assert "Alexey Dedov (edited)" in (
        site_project / "site" / "people" / "alexey-dedov" / "index.html").read_text(encoding="utf-8")


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_stale_folders_of_dead_builds_are_removed_but_live_ones_kept(
    site_project: Path, runner: CliRunner
) -> None:
    stale = site_project / f".site.building-{dead_pid()}-abcd1234"
    (stale / "site").mkdir(parents=True)
    old = site_project / f".site.old-{dead_pid()}"
    old.mkdir()
    live = site_project / f".site.building-{os.getppid()}-efgh5678"  # pytest's parent is alive
    live.mkdir()
    result = runner.invoke(cli, ["build", "--root", str(site_project)])
    assert result.exit_code == 0, result.output
    assert leftovers(site_project) == [live.name]


def test_a_kill_between_the_two_renames_is_repaired_by_the_next_build(
    site_project: Path, runner: CliRunner
) -> None:
    """Where renameat2 cannot swap atomically, site/ is renamed away before the new tree takes
    its place; if a kill falls in between, the next build (even a failing one) puts it back."""
    before = snapshot(site_project / "site")
    os.rename(site_project / "site", site_project / f".site.old-{dead_pid()}")
    break_a_record(site_project)
    result = runner.invoke(cli, ["build", "--root", str(site_project)])
    assert result.exit_code == 1
    assert snapshot(site_project / "site") == before
    assert leftovers(site_project) == []


@pytest.mark.parametrize("atomic", [True, False], ids=["renameat2", "two-renames"])
def test_the_swap_replaces_the_site_whole(
    atomic: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not atomic:
        monkeypatch.setattr(workspace, "_exchange", lambda first, second: False)
    target = tmp_path / "site"
    (target / "old-only").mkdir(parents=True)
    (target / "index.html").write_text("old")
    built = tmp_path / ".site.building-1-x" / "site"
    built.mkdir(parents=True)
    (built / "index.html").write_text("new")
    workspace.swap_in(built, target)
    assert snapshot(target) == {"index.html": hashlib.sha256(b"new").hexdigest()}
    assert not built.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.building-1-x", "site"]


def test_the_fallback_swap_restores_the_site_when_the_second_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace, "_exchange", lambda first, second: False)
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old")
    built = tmp_path / "built"
    built.mkdir()
    real_rename = os.rename

    def failing_rename(source: os.PathLike[str] | str, destination: os.PathLike[str] | str) -> None:
        if Path(source) == built:
            raise OSError(28, "No space left on device")
        real_rename(source, destination)

    monkeypatch.setattr(workspace.os, "rename", failing_rename)
    with pytest.raises(OSError):
        workspace.swap_in(built, target)
    assert (target / "index.html").read_text() == "old"


# ------------------------------------------------------------------ check writes nothing


def test_check_writes_nothing(site_project: Path, runner: CliRunner) -> None:
    before = snapshot(site_project)
    result = runner.invoke(cli, ["check", "--root", str(site_project)])
    assert result.exit_code == 0, result.output
    break_a_record(site_project)
    broken = snapshot(site_project)
    result = runner.invoke(cli, ["check", "--root", str(site_project)])
    assert result.exit_code == 1
    assert snapshot(site_project) == broken
    assert set(broken) - set(before) == {"data/places/test-broken.yml"}
