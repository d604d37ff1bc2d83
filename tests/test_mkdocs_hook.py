"""Plain `mkdocs build --strict` works after install: the hook generates the Markdown tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_plain_mkdocs_build_strict(project: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project, capture_output=True, text=True, check=False,
    )
    assert process.returncode == 0, process.stderr
    assert (project / "site" / "people" / "alexey-dedov" / "index.html").is_file()
    assert (project / ".build" / "docs" / "people" / "alexey-dedov.md").is_file()


def test_mkdocs_reports_bad_records_without_traceback(project: Path) -> None:
    (project / "data" / "places" / "iran.yml").write_text("name: Iran\ntags: [nope]\n")
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project, capture_output=True, text=True, check=False,
    )
    assert process.returncode == 1
    assert "data/places/iran.yml:2: tags[0]: unknown tag 'nope'" in process.stderr
    assert "Traceback" not in process.stderr


def test_generated_files_are_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text().split()
    assert {"/site/", "/.build/"} <= set(ignored)


def test_mkdocs_reports_a_tree_it_cannot_write_without_traceback(project: Path) -> None:
    (project / ".build").write_text("a file where the generated tree's folder goes\n")
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project, capture_output=True, text=True, check=False,
    )
    assert process.returncode == 1
    assert "cannot generate the site's Markdown into" in process.stderr
    assert "Not a directory" in process.stderr and "make that folder writable" in process.stderr
    assert "Traceback" not in process.stderr
