"""A copy of the project under git, made by a test: commits, tags and edits as a curator makes
them, for ``iranru-ref diff`` and the Changes page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str) -> str:
    """Run git in ``folder`` with an identity of its own, whatever the machine's settings."""
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main",
         "-C", str(folder), *args],
        capture_output=True, text=True, check=True).stdout


def commit_all(folder: Path, message: str) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)


def person_record(project: Path, index: int = 0) -> Path:
    """A record to edit: the ``index``-th person's file, in name order."""
    return sorted((project / "data" / "people").glob("*.yml"))[index]


def rename(record: Path, name: str) -> str:
    """Give the record ``record`` the name ``name``; return its former name."""
    data = yaml.safe_load(record.read_text("utf-8"))
    former: str = data["name"]
    data["name"] = name
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return former
