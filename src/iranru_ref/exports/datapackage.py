"""``datapackage.json``: the CSV files as a Frictionless Tabular Data Package (v1).

One resource per table of ``tables.TABLES`` (its gzipped file, which Data Package readers
unpack as they read it), with its size and SHA-256, its CSV dialect and a
Table Schema: each column's type (booleans as ``true``/``false``), which columns are never
empty, the values a column is limited to, the primary key and the foreign keys. So
``frictionless validate datapackage.json`` checks every file, its types and keys, and that every
reference resolves. The package states the licence, and the version when a release is recorded.
"""

from __future__ import annotations

import json
from typing import Any

from ..database import Database
from ..records.release import Releases
from .catalogue import Download
from .licence import LICENCE_ID, LICENCE_NOTE, LICENCE_TITLE, LICENCE_URL
from .site_config import SiteConfig
from .tables import TABLES, Column, Table

FILE_NAME = "datapackage.json"
PACKAGE_NAME = "iranru-ref"
PROFILE = "tabular-data-package"
RESOURCE_PROFILE = "tabular-data-resource"
#: as ``csv_tables`` writes them
DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True,
           "header": True}
_TYPES = {"TEXT": "string", "INTEGER": "integer", "REAL": "number"}


def field(column: Column) -> dict[str, Any]:
    """The Table Schema field of ``column``."""
    described: dict[str, Any] = {"name": column.name, "description": column.description}
    if column.boolean:
        described.update(type="boolean", trueValues=["true"], falseValues=["false"])
    else:
        described["type"] = _TYPES[column.type]
    constraints: dict[str, Any] = {}
    if column.required and not column.joined:  # an empty list is an empty cell, read as missing
        constraints["required"] = True
    if column.values:
        constraints["enum"] = list(column.values)
    if constraints:
        described["constraints"] = constraints
    return described


def resource(table: Table, download: Download) -> dict[str, Any]:
    """The resource of ``table``, whose file (``bytes``, ``hash``) is ``download``, gzipped
    when it has a ``content``."""
    return {
        "name": table.name,
        "path": download.name,
        "profile": RESOURCE_PROFILE,
        "description": table.description,
        "format": "csv",
        **({"compression": "gz"} if download.content else {}),
        "mediatype": (download.content or download).media_type,
        "encoding": "utf-8",
        "bytes": download.size,
        "hash": f"sha256:{download.sha256}",
        "dialect": DIALECT,
        "schema": {
            "fields": [field(column) for column in table.columns],
            "missingValues": [""],
            "primaryKey": list(table.primary_key),
            "foreignKeys": [
                {"fields": list(key.columns),
                 "reference": {"resource": key.table, "fields": list(key.target)}}
                for key in table.foreign_keys
            ],
        },
    }


def datapackage(database: Database, site: SiteConfig, downloads: list[Download],
                releases: Releases | None = None) -> dict[str, Any]:
    """The descriptor of the CSV files among ``downloads``."""
    written = {(download.content or download).name: download for download in downloads}
    return {
        "profile": PROFILE,
        "name": PACKAGE_NAME,
        "title": site.name,
        "description": " ".join(filter(None, [site.description, (
            "The tables of the database as CSV files: every claim with the verbatim quotes "
            "that prove it and the source paragraphs they come from."), LICENCE_NOTE])),
        **({"version": releases.latest.version} if releases is not None else {}),
        **({"homepage": site.url} if site.url is not None else {}),
        "keywords": list(database.vocabulary.tags),
        "licenses": [{"name": LICENCE_ID, "path": LICENCE_URL, "title": LICENCE_TITLE}],
        "sources": [
            {"title": source.meta.title, **({"path": source.meta.url} if source.meta.url else {})}
            for source in database.sources.values()
        ],
        "resources": [resource(table, written[f"{table.name}.csv"]) for table in TABLES],
    }


def datapackage_bytes(database: Database, downloads: list[Download],
                      releases: Releases | None = None) -> bytes:
    document = datapackage(database, SiteConfig.load(database.root), downloads, releases)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
