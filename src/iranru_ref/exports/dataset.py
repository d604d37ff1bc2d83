"""``dataset.jsonld``: a schema.org Dataset describing the downloads, with one DataDownload
per file (relative ``contentUrl``, media type, size and SHA-256), the licence, and the version
and dates of the newest release when ``releases.yml`` records one. The Downloads page embeds
the same description, with links relative to that page."""

from __future__ import annotations

import json
from typing import Any

from ..database import Database
from ..records.release import Releases
from ..urls import page_url, source_page
from .catalogue import Download
from .licence import LICENCE_NOTE, LICENCE_URL
from .site_config import SiteConfig

FILE_NAME = "dataset.jsonld"
DOWNLOADS_PAGE = "downloads.md"


def release_fields(releases: Releases | None) -> dict[str, str]:
    """The version and dates of the dataset, when a release is recorded."""
    if releases is None:
        return {}
    return {"version": releases.latest.version, "datePublished": releases.first.date,
            "dateModified": releases.latest.date}


def dataset_jsonld(
    database: Database, site: SiteConfig, downloads: list[Download], from_file: str,
    releases: Releases | None = None,
) -> dict[str, Any]:
    """The Dataset, with IRIs as written in ``from_file`` (a path from the site root)."""
    page = page_url(DOWNLOADS_PAGE)
    description = " ".join(filter(None, [site.description, (
        "Downloads of the whole database: JSON with its JSON Schema, CSV tables with their "
        "Frictionless Data Package, SQLite with its Datasette metadata, GraphML and GEXF "
        "graphs and W3C Web Annotations, each value traceable to the source paragraph it "
        "came from.")]))
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": site.iri(f"{page}#dataset", from_file),
        "url": site.iri(page, from_file),
        "name": site.name,
        "description": description,
        "inLanguage": "en",
        "keywords": list(database.vocabulary.tags),
        **release_fields(releases),
        "license": LICENCE_URL,
        "copyrightNotice": LICENCE_NOTE,
        "isBasedOn": [
            {"@type": "Article", "@id": site.iri(page_url(source_page(source.id)), from_file),
             "name": source.meta.title, "datePublished": source.meta.date.value,
             **({"sameAs": source.meta.url} if source.meta.url else {})}
            for source in database.sources.values()
        ],
        "distribution": [
            {"@type": "DataDownload", "name": download.name,
             "description": download.description,
             "contentUrl": site.iri(f"data/{download.name}", from_file),
             "encodingFormat": download.media_type,
             "contentSize": f"{download.size} B", "sha256": download.sha256}
            for download in downloads
        ],
    }


def dataset_bytes(database: Database, downloads: list[Download],
                  releases: Releases | None = None) -> bytes:
    site = SiteConfig.load(database.root)
    document = dataset_jsonld(database, site, downloads, f"data/{FILE_NAME}", releases)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
