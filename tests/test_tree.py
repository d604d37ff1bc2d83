"""The generated tree is rewritten in place: unchanged files untouched, stale ones removed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from iranru_ref.site.tree import MARKER, TreeWriter


def generation(root: Path, files: dict[str, str]) -> None:
    writer = TreeWriter(root)
    for relative, text in files.items():
        writer.write_text(relative, text)
    writer.finish()


def test_a_fresh_tree_gets_every_file_and_the_marker(tmp_path: Path) -> None:
    generation(tmp_path / "docs", {"index.md": "home", "people/a.md": "A"})
    assert (tmp_path / "docs" / "people" / "a.md").read_text() == "A"
    assert (tmp_path / "docs" / MARKER).is_file()


def test_regenerating_keeps_unchanged_files_and_drops_stale_ones(tmp_path: Path) -> None:
    """`mkdocs serve` watches the tree: rewriting identical files would rebuild it in a loop."""
    root = tmp_path / "docs"
    generation(root, {"index.md": "home", "people/a.md": "A", "people/b.md": "B"})
    unchanged = root / "index.md"
    os.utime(unchanged, (1_000_000, 1_000_000))
    generation(root, {"index.md": "home", "people/a.md": "A, edited"})
    assert unchanged.stat().st_mtime == 1_000_000
    assert (root / "people" / "a.md").read_text() == "A, edited"
    assert not (root / "people" / "b.md").exists()


def test_a_folder_left_empty_is_removed(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    generation(root, {"index.md": "home", "events/e.md": "E"})
    generation(root, {"index.md": "home"})
    assert not (root / "events").exists()


def test_two_pages_at_one_path_are_refused(tmp_path: Path) -> None:
    writer = TreeWriter(tmp_path)
    writer.write_text("people/a.md", "A")
    with pytest.raises(ValueError, match="people/a.md"):
        writer.write_text("people/a.md", "another A")
