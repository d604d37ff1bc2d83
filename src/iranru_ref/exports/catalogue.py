"""What each download is: its media type and a description, for the Downloads page, the
Dataset description and ``index.json``. A file with no description here fails the build."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from .tables import TABLE_INDEX

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

MEDIA_TYPES = {
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".csv": "text/csv",
    ".sqlite": "application/vnd.sqlite3",
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",
    ".gz": "application/gzip",
}

DESCRIPTIONS = {
    "database.json": "The whole database in one JSON document: sources with their paragraphs, "
                     "entities, claims with their citations, and the vocabularies.",
    "database.schema.json": "JSON Schema (draft 2020-12) of database.json.",
    "datapackage.json": "Frictionless Data Package of the CSV tables: each column's type, "
                        "the primary and foreign keys, sizes and SHA-256, and the licence, so "
                        "'frictionless validate datapackage.json' checks them all.",
    "iranru.sqlite": "SQLite database of the tables below, with primary and foreign keys, "
                     "full-text search over claims and paragraphs (claims_fts, paragraphs_fts) "
                     "and views such as claims_with_quotes. Opens in Datasette, with metadata.json.",
    "metadata.json": "Datasette metadata for iranru.sqlite: the title, licence and source, and "
                     "a description of every table, view and column.",
    "graph.graphml": "The entity network as GraphML (Gephi, Cytoscape, yEd): entities as "
                     "nodes with type and tags, relation claims as edges with their predicate.",
    "graph.gexf": "The entity network as GEXF, Gephi's native format.",
    "annotations.jsonld": "Every citation as a W3C Web Annotation anchored in its source "
                          "paragraph by a quote and a position selector.",
    "changes.json": "Every release of the data (version, date, notes) with what changed since "
                    "the one before: records added, removed and changed, citations added and "
                    "moved; and the changes not yet released.",
    "claims.jsonld": "Every claim as linked data (JSON-LD with its context inline): subject, "
                     "predicate, object or value and unit, date with its precision, speakers, "
                     "and its citations, which are the Web Annotations' nodes.",
    "dataset.jsonld": "schema.org Dataset description of these downloads.",
    "index.json": "Every download with its size and SHA-256, the build time, the licence, "
                  "the version and the address of the per-record files, for mirrors.",
}


#: files that describe the others, listed after them
METADATA_FILES = ("dataset.jsonld", "index.json")


@dataclass(frozen=True, slots=True)
class Download:
    name: str
    media_type: str
    description: str
    size: int
    sha256: str
    #: what a compressed file unpacks to
    content: Download | None = None


def size_label(size: int) -> str:
    """``950 B``, ``12.3 kB``, ``1.5 MB`` (SI units)."""
    if size < 1000:
        return f"{size} B"
    if size < 999_950:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def media_type(name: str) -> str:
    return MEDIA_TYPES["." + name.rpartition(".")[2]]


def description(name: str) -> str:
    if name.endswith(".gz"):
        return description(name.removesuffix(".gz"))
    if name.endswith(".csv"):
        table = TABLE_INDEX[name.removesuffix(".csv")]
        return f"CSV table {table.name}: {table.description}"
    return DESCRIPTIONS[name]


class CountingFile(io.BufferedIOBase):
    """A download being written into ``file``: its size and SHA-256 are counted on the way.

    A binary file (an ``io.TextIOWrapper`` can write text into it); closing it leaves ``file``
    open, for whoever opened it to close."""

    def __init__(self, name: str, file: BinaryIO) -> None:
        super().__init__()
        self.name = name
        self.file = file
        self.size = 0
        self.hash = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        size = memoryview(data).nbytes
        self.hash.update(data)
        self.size += size
        self.file.write(data)
        return size

    def download(self, content: Download | None = None) -> Download:
        """The catalogue entry of what was written (which unpacks to ``content``)."""
        return Download(self.name, media_type(self.name), description(self.name), self.size,
                        self.hash.hexdigest(), content)
