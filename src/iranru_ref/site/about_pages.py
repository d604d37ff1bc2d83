"""The Downloads page and the Data dictionary."""

from __future__ import annotations

from ..exports.catalogue import METADATA_FILES, Download, size_label
from ..exports.claims_ld import DICTIONARY_PAGE, TERM_ANCHOR
from ..exports.dataset import DOWNLOADS_PAGE, dataset_jsonld
from ..exports.datasette_metadata import DATASETTE_COMMAND
from ..exports.datasette_metadata import FILE_NAME as DATASETTE_METADATA_FILE
from ..exports.entity_records import URL_TEMPLATE as RECORDS_URL_TEMPLATE
from ..exports.entity_records import record_path
from ..exports.licence import LICENCE_NAME, LICENCE_TITLE, LICENCE_URL, SOURCE_TEXT_NOTE
from ..exports.sqlite_file import FILE_NAME as SQLITE_FILE
from ..records.release import Releases
from ..urls import page_url, relative
from .data_dictionary import (
    database_sections,
    predicate_rows,
    record_sections,
    table_sections,
    term_prefixes,
    term_rows,
)
from .render import Site

#: our vocabulary's terms are this and their name
TERMS_PREFIX = f"{page_url(DICTIONARY_PAGE)}#{TERM_ANCHOR}"


def _release(releases: Releases | None) -> dict[str, str] | None:
    """The newest release, its notes on one line."""
    if releases is None:
        return None
    latest = releases.latest
    return {"version": latest.version, "date": latest.date, "notes": " ".join(latest.notes.split())}


def write_downloads(site: Site, downloads: list[Download]) -> None:
    page = DOWNLOADS_PAGE
    data_files = [d for d in downloads if d.name not in METADATA_FILES]
    releases = site.database.releases
    dataset = dataset_jsonld(site.database, site.config, data_files, page_url(page), releases)
    example = next(iter(site.database.entities.values()), None)
    records = {"template": f"data/{RECORDS_URL_TEMPLATE}", "count": len(site.database.entities),
               "example": None if example is None else {
                   "id": example.id, "href": relative(page, record_path(example.id))}}
    licence = {"name": LICENCE_NAME, "title": LICENCE_TITLE, "url": LICENCE_URL,
               "source_text": SOURCE_TEXT_NOTE}
    site.render(page, "downloads.md.j2", dataset=dataset, licence=licence,
                sqlite_file=SQLITE_FILE, datasette_metadata_file=DATASETTE_METADATA_FILE,
                datasette_command=DATASETTE_COMMAND, records=records, site_url=site.config.url,
                vocabulary=site.config.iri(TERMS_PREFIX, page_url(page)) if site.config.url else None,
                release=_release(releases), gzipped=any(d.content for d in downloads),
                downloads=[
        {"name": d.name, "href": relative(page, f"data/{d.name}"),
         "media_type": (d.content or d).media_type, "gzipped": d.content is not None,
         "size": size_label(d.size), "unpacked": size_label(d.content.size) if d.content else None,
         "description": d.description} for d in downloads
    ])


def write_data_dictionary(site: Site) -> None:
    site.render("data-dictionary.md", "data_dictionary.md.j2", database=database_sections(),
                tables=table_sections(), records=record_sections(), terms=term_rows(),
                term_prefixes=term_prefixes(),
                predicates=predicate_rows(site.database.vocabulary))
