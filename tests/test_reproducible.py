"""Reproducible builds: the same commit with the same SOURCE_DATE_EPOCH gives byte-identical sites.

The two builds run in separate processes with different ``PYTHONHASHSEED`` values, from two
copies of the project at different paths, so neither set ordering nor the checkout's location
can leak into the output unnoticed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project

pytestmark = pytest.mark.slow

EPOCH = "1700000000"  # 2023-11-14


def build(project: Path, *, epoch: str, hash_seed: str) -> Path:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": hash_seed}
    process = subprocess.run(
        [sys.executable, "-m", "iranru_ref.cli", "build", "--root", str(project)],
        capture_output=True, text=True, check=False, env=env, timeout=600,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    return project / "site"


def tree(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*")) if path.is_file()
    }


def differences(first: dict[str, str], second: dict[str, str]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first = copy_project(tmp_path_factory.mktemp("first") / "project")
    second = copy_project(tmp_path_factory.mktemp("second") / "elsewhere" / "project")
    return (build(first, epoch=EPOCH, hash_seed="1"), build(second, epoch=EPOCH, hash_seed="2"))


def test_two_builds_with_the_same_epoch_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (tree(site) for site in two_builds)
    assert len(first) > 20
    assert differences(first, second) == []


def test_the_site_does_not_contain_the_checkout_path(two_builds: tuple[Path, Path]) -> None:
    for site in two_builds:
        root = str(site.parent).encode()
        leaked = [p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and root in p.read_bytes()]
        assert leaked == [], f"these files contain the path of the checkout: {leaked}"


def test_the_epoch_is_what_dates_the_build(
    two_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    """A different SOURCE_DATE_EPOCH changes the output: the comparison above is not vacuous,
    and the build date comes from the epoch, not from the clock."""
    third = build(copy_project(tmp_path / "project"), epoch="1600000000", hash_seed="3")
    changed = differences(tree(two_builds[0]), tree(third))
    assert changed, "the epoch is not used anywhere, so the clock may be"
    assert "sitemap.xml.gz" in changed
