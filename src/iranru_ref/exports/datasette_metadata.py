"""``metadata.json``: Datasette's metadata for ``iranru.sqlite``, shipped beside it.

``datasette iranru.sqlite --metadata metadata.json`` then shows the dataset's title,
description, licence and source, and a description of every table, view and column (from
``tables.TABLES``, as the data dictionary has them).
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from ..database import Database
from ..records.release import Releases
from ..urls import page_url
from .dataset import DOWNLOADS_PAGE
from .licence import LICENCE_NAME, LICENCE_URL, SOURCE_TEXT_NOTE
from .site_config import SiteConfig
from .sqlite_file import FILE_NAME as SQLITE_FILE
from .sqlite_file import VIEW_DESCRIPTIONS
from .tables import TABLES

FILE_NAME = "metadata.json"
#: the name Datasette gives the database: its file name without the extension
DATABASE_NAME = PurePosixPath(SQLITE_FILE).stem
#: the command that opens the database with its metadata, run where the two files are
DATASETTE_COMMAND = f"datasette {SQLITE_FILE} --metadata {FILE_NAME}"


def datasette_metadata(database: Database, site: SiteConfig,
                       releases: Releases | None = None) -> dict[str, Any]:
    release = (f"Version {releases.latest.version}, released {releases.latest.date}."
               if releases is not None else None)
    description = " ".join(filter(None, [
        site.description,
        "Entities and the claims about them, each claim with the verbatim quotes that prove it "
        "and the source paragraphs they come from.",
        release, SOURCE_TEXT_NOTE]))
    tables: dict[str, Any] = {
        table.name: {"description": table.description,
                     "columns": {column.name: column.description for column in table.columns}}
        for table in TABLES
    }
    tables.update({name: {"description": text} for name, text in VIEW_DESCRIPTIONS.items()})
    return {
        "title": site.name,
        "description": description,
        "license": LICENCE_NAME,
        "license_url": LICENCE_URL,
        "source": site.name,
        **({"source_url": site.url + page_url(DOWNLOADS_PAGE)} if site.url is not None else {}),
        "databases": {DATABASE_NAME: {"tables": tables}},
    }


def metadata_bytes(database: Database, releases: Releases | None = None) -> bytes:
    document = datasette_metadata(database, SiteConfig.load(database.root), releases)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
