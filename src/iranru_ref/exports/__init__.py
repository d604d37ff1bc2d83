"""Data downloads, written into the generated tree under ``data/`` so every engine serves them.

Each exporter returns ``{file name: bytes}``; ``export_files`` gathers them all, then describes
them: ``dataset.jsonld`` lists the data files with their hashes, and ``index.json`` lists
every other file, so each is computed over the final bytes of the ones before it. The table
rows (for the CSV and SQLite files) and the graph are computed once and shared.
"""

from __future__ import annotations

import networkx as nx

from ..database import Database
from ..graph import build_graph
from .annotations import annotations_file
from .catalogue import Download, catalogue
from .csv_tables import csv_files
from .database_json import database_json
from .dataset import dataset_file
from .graph_files import graph_exports
from .index_file import index_json
from .published_schema import database_schema_file
from .sqlite_file import sqlite_export
from .tables import table_rows


def export_files(database: Database, graph: nx.MultiDiGraph | None = None) -> dict[str, bytes]:
    """Every data download; ``graph`` is ``build_graph(database)`` when the caller has it."""
    return export_downloads(database, graph)[0]


def export_downloads(database: Database, graph: nx.MultiDiGraph | None = None
                     ) -> tuple[dict[str, bytes], list[Download]]:
    """Every data download, with its catalogue entry (in the same order); each file is hashed
    once."""
    rows = table_rows(database)
    files = {
        **database_json(database),
        **database_schema_file(),
        **csv_files(rows),
        **sqlite_export(rows),
        **graph_exports(graph if graph is not None else build_graph(database)),
        **annotations_file(database),
    }
    downloads = catalogue(files)
    dataset = dataset_file(database, downloads)
    files.update(dataset)
    downloads += catalogue(dataset)
    index = index_json(downloads)
    files.update(index)
    downloads += catalogue(index)
    return files, downloads
