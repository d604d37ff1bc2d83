"""The Downloads page and the Data dictionary."""

from __future__ import annotations

from ..exports.catalogue import METADATA_FILES, Download, size_label
from ..exports.dataset import DOWNLOADS_PAGE, dataset_jsonld
from ..exports.site_config import SiteConfig
from ..urls import page_url, relative
from .data_dictionary import database_sections, record_sections, table_sections
from .render import Site


def write_downloads(site: Site, downloads: list[Download]) -> None:
    page = DOWNLOADS_PAGE
    data_files = [d for d in downloads if d.name not in METADATA_FILES]
    dataset = dataset_jsonld(site.database, SiteConfig.load(site.database.root), data_files,
                             page_url(page))
    site.render(page, "downloads.md.j2", dataset=dataset, downloads=[
        {"name": d.name, "href": relative(page, f"data/{d.name}"), "media_type": d.media_type,
         "size": size_label(d.size), "description": d.description} for d in downloads
    ])


def write_data_dictionary(site: Site) -> None:
    site.render("data-dictionary.md", "data_dictionary.md.j2", database=database_sections(),
                tables=table_sections(), records=record_sections())
