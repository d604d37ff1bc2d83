"""The downloads offered compressed with gzip.

The data files (the database as JSON, the CSV tables, the SQLite database, the graphs, the
annotations and the claims as linked data) are offered as ``FILE.gz`` alone: they are most of
the site's weight (0.37 GB of 1.1 GB at 10,000 entities) and shrink four to fifteen times. The
small files that describe them (their JSON Schema, the Data Package, the Datasette metadata,
the Dataset description and ``index.json``) stay plain, to be read first. A file is written
with a fixed gzip header (the plain file's name and no time), so the same data gives the same
bytes, and its catalogue entry gives the size and SHA-256 of both the file and the data it
unpacks to.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, cast

from .annotations import FILE_NAME as ANNOTATIONS_FILE
from .claims_ld import FILE_NAME as CLAIMS_FILE
from .database_json import FILE_NAME as DATABASE_FILE
from .graph_files import GEXF_FILE, GRAPHML_FILE
from .sqlite_file import FILE_NAME as SQLITE_FILE
from .tables import TABLES

#: the downloads written gzipped; a new kind of data file belongs here too
GZIPPED = frozenset({DATABASE_FILE, SQLITE_FILE, GRAPHML_FILE, GEXF_FILE, ANNOTATIONS_FILE,
                     CLAIMS_FILE, *(f"{table.name}.csv" for table in TABLES)})
SUFFIX = ".gz"
#: the first two bytes of every gzip file
GZIP_MAGIC = b"\x1f\x8b"
#: zlib's default: level 9 takes twice as long for files 2% smaller
LEVEL = 6


def served_name(name: str) -> str:
    """The name of the file that holds the download ``name``."""
    return name + SUFFIX if name in GZIPPED else name


@contextmanager
def gzipped(file: io.BufferedIOBase, name: str) -> Iterator[BinaryIO]:
    """A file whose bytes go into ``file`` gzipped, under the name ``name``."""
    with gzip.GzipFile(filename=name, mode="wb", fileobj=file, compresslevel=LEVEL,
                       mtime=0) as stream:
        yield cast(BinaryIO, stream)
