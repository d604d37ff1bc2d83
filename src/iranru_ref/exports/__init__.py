"""Data downloads, written into the generated tree under ``data/`` so every engine serves them.

``data_files`` names each data download and the function that writes it. ``export_downloads``
has each written straight into its file, gzipped when it is one of the large data files
(``compression``), and counts its size and SHA-256 on the way (``CountingFile``), so the
downloads (0.4 GB at 10k entities before compression) never sit in memory together.
The text downloads are written as text, through an ``io.TextIOWrapper`` (UTF-8, "\n"). It then
describes them: ``dataset.jsonld`` lists the data files with their hashes, and ``index.json``
lists every other file, so each is computed over the final bytes of the ones before it; so
does ``datapackage.json``, written after the CSV files it describes. The table rows (for the
CSV and SQLite files) are computed once and shared. The per-record files
(``entities/<id>.json``, one per entity) are written last of the data, one at a time, and
``index.json`` gives their address and number rather than listing each.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

import networkx as nx

from ..database import Database
from ..graph import build_graph
from ..records.release import Releases
from .annotations import FILE_NAME as ANNOTATIONS_FILE
from .annotations import write_annotations
from .catalogue import CountingFile, Download
from .claims_ld import FILE_NAME as CLAIMS_FILE
from .claims_ld import write_claims
from .compression import GZIPPED, gzipped, served_name
from .csv_tables import write_csv
from .database_json import FILE_NAME as DATABASE_FILE
from .database_json import write_database_json
from .datapackage import FILE_NAME as DATAPACKAGE_FILE
from .datapackage import datapackage_bytes
from .dataset import FILE_NAME as DATASET_FILE
from .dataset import dataset_bytes
from .datasette_metadata import FILE_NAME as DATASETTE_METADATA_FILE
from .datasette_metadata import metadata_bytes
from .entity_records import entity_records, record_bytes
from .graph_files import GEXF_FILE, GRAPHML_FILE, write_gexf, write_graphml
from .index_file import FILE_NAME as INDEX_FILE
from .index_file import index_bytes, keep_build_time
from .published_schema import FILE_NAME as SCHEMA_FILE
from .published_schema import write_database_schema
from .release_history import FILE_NAME as CHANGES_FILE
from .site_config import SiteConfig
from .sqlite_file import FILE_NAME as SQLITE_FILE
from .sqlite_file import write_sqlite
from .tables import TABLES, table_rows

#: opens the file of a download by its name, for writing
Opener = Callable[[str], AbstractContextManager[BinaryIO]]
#: writes a download into its file
Writer = Callable[[CountingFile], object]


def as_text(write: Callable[[TextIO], object]) -> Writer:
    """A writer of ``write``'s text, in UTF-8 with "\n" line ends."""
    def writer(file: CountingFile) -> None:
        text = io.TextIOWrapper(file, encoding="utf-8", newline="\n")
        try:
            write(text)
        finally:
            text.detach()  # flushes it, and leaves the file open for its opener to close
    return writer


def data_files(database: Database, graph: nx.MultiDiGraph, written: list[Download],
               releases: Releases | None = None, changes: bytes | None = None
               ) -> Iterator[tuple[str, Writer]]:
    """Each data download's name and what writes it, in the order the catalogue lists them;
    the table rows live only while their files are written. ``written`` lists the downloads
    written so far, as they are written (the data package describes the CSV files).
    ``changes`` is ``changes.json``, when the caller has read the releases' history."""
    yield DATABASE_FILE, as_text(partial(write_database_json, database))
    yield SCHEMA_FILE, write_database_schema
    rows = table_rows(database)
    for table in TABLES:
        yield f"{table.name}.csv", as_text(partial(write_csv, table, rows[table.name]))
    yield DATAPACKAGE_FILE, lambda file: file.write(datapackage_bytes(database, written, releases))
    yield SQLITE_FILE, partial(write_sqlite, rows)
    yield DATASETTE_METADATA_FILE, lambda file: file.write(metadata_bytes(database, releases))
    del rows
    yield GRAPHML_FILE, partial(write_graphml, graph)
    yield GEXF_FILE, partial(write_gexf, graph)
    yield ANNOTATIONS_FILE, as_text(partial(write_annotations, database,
                                            served_name(ANNOTATIONS_FILE)))
    yield CLAIMS_FILE, as_text(partial(write_claims, database))
    if changes is not None:
        yield CHANGES_FILE, lambda file: file.write(changes)


def export_downloads(database: Database, open_file: Opener,
                     graph: nx.MultiDiGraph | None = None, previous_index: Path | None = None,
                     changes: bytes | None = None) -> list[Download]:
    """Write every download with ``open_file``; return their catalogue entries, in order.

    ``graph`` is ``build_graph(database)`` when the caller has it. ``previous_index`` is the
    ``index.json`` an earlier generation wrote, whose build time is kept when it lists the very
    same files. ``changes`` is ``changes.json`` (``release_history.changes_bytes``)."""
    downloads: list[Download] = []

    def write(name: str, writer: Writer) -> None:
        with open_file(served_name(name)) as file:
            if name not in GZIPPED:
                counting = CountingFile(name, file)
                writer(counting)
                downloads.append(counting.download())
                return
            packed = CountingFile(served_name(name), file)
            with gzipped(packed, name) as stream:
                counting = CountingFile(name, stream)
                writer(counting)
            downloads.append(packed.download(content=counting.download()))

    releases = database.releases
    if graph is None:
        graph = build_graph(database)
    for name, writer in data_files(database, graph, downloads, releases, changes):
        write(name, writer)
    records = 0
    for name, record in entity_records(database):
        with open_file(name) as file:
            file.write(record_bytes(record))
        records += 1
    dataset = dataset_bytes(database, downloads, releases)
    write(DATASET_FILE, lambda file: file.write(dataset))
    index = index_bytes(downloads, releases, records, SiteConfig.load(database.root))
    if previous_index is not None:
        index = keep_build_time(index, previous_index)
    write(INDEX_FILE, lambda file: file.write(index))
    return downloads

