"""Data downloads, written into the generated tree under ``data/`` so every engine serves them.

Each exporter returns ``{file name: bytes}``; ``export_files`` gathers them all.
"""

from __future__ import annotations

from ..database import Database
from .database_json import database_json


def export_files(database: Database) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    files.update(database_json(database))
    return files
