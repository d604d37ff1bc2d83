"""Generated files that are committed (the JSON Schemas): written only when they change, so that
rewriting them leaves git and editors nothing to notice when the models did not change."""

from __future__ import annotations

from pathlib import Path


def is_current(path: Path, text: str) -> bool:
    return path.is_file() and path.read_text("utf-8") == text


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it already holds it; return whether it wrote."""
    if is_current(path, text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return True
