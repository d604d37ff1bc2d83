"""Data downloads, written into the generated tree under ``data/`` so every engine serves them.

Each exporter returns ``{file name: bytes}``; ``export_files`` gathers them all, then describes
them: ``dataset.jsonld`` lists the data files with their hashes, and ``index.json`` lists
every other file, so each is computed over the final bytes of the ones before it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..database import Database
from .annotations import annotations_file
from .catalogue import catalogue
from .csv_tables import csv_files
from .database_json import database_json
from .database_schema import database_schema_file
from .dataset import dataset_file
from .graph_files import graph_exports
from .index_file import index_json
from .sqlite_file import sqlite_export

EXPORTERS: tuple[Callable[[Database], dict[str, bytes]], ...] = (
    database_json,
    database_schema_file,
    csv_files,
    sqlite_export,
    graph_exports,
    annotations_file,
)


def export_files(database: Database) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for exporter in EXPORTERS:
        files.update(exporter(database))
    files.update(dataset_file(database, catalogue(files)))
    files.update(index_json(catalogue(files)))
    return files
