"""The Downloads page and the Data dictionary."""

from __future__ import annotations

from ..exports.catalogue import METADATA_FILES, Download, size_label
from ..exports.dataset import DOWNLOADS_PAGE, dataset_jsonld
from ..exports.datasette_metadata import DATASETTE_COMMAND
from ..exports.datasette_metadata import FILE_NAME as DATASETTE_METADATA_FILE
from ..exports.licence import LICENCE_NAME, LICENCE_TITLE, LICENCE_URL, SOURCE_TEXT_NOTE
from ..exports.site_config import SiteConfig
from ..exports.sqlite_file import FILE_NAME as SQLITE_FILE
from ..records.release import Releases
from ..urls import page_url, relative
from .data_dictionary import database_sections, record_sections, table_sections
from .render import Site


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
    dataset = dataset_jsonld(site.database, SiteConfig.load(site.database.root), data_files,
                             page_url(page), releases)
    licence = {"name": LICENCE_NAME, "title": LICENCE_TITLE, "url": LICENCE_URL,
               "source_text": SOURCE_TEXT_NOTE}
    site.render(page, "downloads.md.j2", dataset=dataset, licence=licence,
                sqlite_file=SQLITE_FILE, datasette_metadata_file=DATASETTE_METADATA_FILE,
                datasette_command=DATASETTE_COMMAND,
                release=_release(releases), gzipped=any(d.content for d in downloads),
                downloads=[
        {"name": d.name, "href": relative(page, f"data/{d.name}"),
         "media_type": (d.content or d).media_type, "gzipped": d.content is not None,
         "size": size_label(d.size), "unpacked": size_label(d.content.size) if d.content else None,
         "description": d.description} for d in downloads
    ])


def write_data_dictionary(site: Site) -> None:
    site.render("data-dictionary.md", "data_dictionary.md.j2", database=database_sections(),
                tables=table_sections(), records=record_sections())
