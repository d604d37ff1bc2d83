"""Generating the site's Markdown tree from a checked database: a plain library function.

``generate(database, project, out_dir)`` writes every page (home, sources, one page per entity,
type indexes, network, timeline, figures, coverage, tags) plus the site's own assets, the data
downloads and the hand-written pages of ``docs/``. Any engine that reads ``mkdocs.yml`` can
build the result.

``render_site`` is what it runs, for all of the site or for part of it (a ``Selection``): a
serving process (``live_tree.py``) renders again only the pages an edit can change. Each file
is filed under its page family (``TreeWriter.family``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..check import load_checked
from ..database import Database
from ..exports import export_downloads
from ..exports.catalogue import Download
from ..exports.index_file import FILE_NAME as INDEX_FILE
from ..exports.release_history import CACHE as CHANGES_CACHE
from ..exports.release_history import History, changes_bytes, release_history
from ..exports.site_config import SiteConfig
from ..graph import build_graph
from ..load.project import Project
from ..progress import SILENT, Progress
from .about_pages import write_data_dictionary, write_downloads
from .affected import ALL_LISTINGS, Listings
from .changes_page import write_changes
from .entity_pages import write_entity_pages
from .explore_pages import dated_claims, write_home, write_network
from .index_pages import write_tags, write_type_indexes
from .render import Site, environment
from .source_pages import write_coverage, write_source_pages, write_sources_index
from .template_cache import OWN_TEMPLATES
from .timeline_pages import write_timelines
from .tree import TreeWriter
from .views import Views

ASSETS = Path(__file__).parent / "assets"

#: The page families. Entity and source pages are rendered by the item, the type indexes and
#: the tag pages by the type and the tag (``index_pages.py`` files them), the other listings
#: whole. What a writer files under no family is rendered whole on every rendering.
DOCS, ASSETS_FAMILY, ENTITIES, SOURCES, UNFILED = "docs", "assets", "entities", "sources", ""
HOME, NETWORK, TIMELINE, COVERAGE, SOURCES_INDEX = (
    "home", "network", "timeline", "coverage", "sources-index")
DOWNLOADS, DATA_DICTIONARY = "downloads", "data-dictionary"


@dataclass(frozen=True, slots=True)
class Selection:
    """What ``render_site`` renders: the hand-written pages and the assets, the pages of these
    entities and sources (``None``: all of them), these ``listings``, and, with ``about``, the
    Downloads, Changes and Data dictionary pages."""

    entities: Collection[str] | None = None
    sources: Collection[str] | None = None
    listings: Listings = ALL_LISTINGS
    about: bool = True


EVERYTHING = Selection()


def new_site(database: Database, project: Project, writer: TreeWriter) -> Site:
    return Site(database, project, build_graph(database), Views(database),
                environment(project.templates_dir, project.root / OWN_TEMPLATES), writer,
                SiteConfig.load(project.root))


@dataclass(frozen=True, slots=True)
class Exported:
    """What a generation exported: the downloads and the history of the releases, which the
    Downloads and Changes pages show."""

    downloads: list[Download]
    history: History


def render_site(site: Site, selection: Selection = EVERYTHING, exported: Exported | None = None,
                progress: Progress = SILENT) -> Exported | None:
    """Write what ``selection`` names into ``site.writer``. With ``selection.about``, the
    downloads are exported too, unless ``exported`` (an earlier export) is given, which the
    Downloads and Changes pages then show. Returns what those pages show, if written."""
    database, project, writer = site.database, site.project, site.writer
    entities = len(database.entities) if selection.entities is None else len(selection.entities)
    sources = len(database.sources) if selection.sources is None else len(selection.sources)
    with progress.stage("pages", entities + sources) as advance:
        with writer.family(DOCS):
            writer.copy_tree(project.docs_dir)
        with writer.family(ASSETS_FAMILY):
            writer.copy_tree(ASSETS, "assets")
        with writer.family(ENTITIES):
            write_entity_pages(site, advance, selection.entities)
        listings = selection.listings
        write_type_indexes(site, listings.types)
        dated = dated_claims(database) if listings.home or listings.timeline else []
        if listings.home:
            write_tags(site, dated, listings.tags)
        with writer.family(SOURCES):
            write_source_pages(site, advance, selection.sources)
        if listings.citations:
            with writer.family(SOURCES_INDEX):
                write_sources_index(site)
        if listings.home:
            with writer.family(HOME):
                write_home(site, dated)
        if listings.network:
            with writer.family(NETWORK):
                write_network(site)
        if listings.timeline:  # the timeline and each tag's
            with writer.family(TIMELINE):
                write_timelines(site, dated, listings.tag_timelines)
        if listings.citations:
            with writer.family(COVERAGE):
                write_coverage(site)
    if not selection.about:
        return None
    if exported is None:
        with progress.stage("downloads"), writer.family(DOWNLOADS):
            history = release_history(database, project.root / CHANGES_CACHE)
            downloads = export_downloads(
                database, lambda name: writer.open(f"data/{name}"), site.graph,
                previous_index=writer.root / "data" / INDEX_FILE, changes=changes_bytes(history))
            exported = Exported(downloads, history)
    with progress.stage("pages"):
        with writer.family(DOWNLOADS):
            write_downloads(site, exported.downloads)
            write_changes(site, exported.history)
        with writer.family(DATA_DICTIONARY):
            write_data_dictionary(site)
        with writer.family(SOURCES):
            for source in database.sources.values():
                if selection.sources is None or source.id in selection.sources:
                    writer.write_bytes(f"sources/{source.id}.txt",
                                       (project.sources_dir / f"{source.id}.txt").read_bytes())
    return exported


def generate(database: Database, project: Project, out_dir: Path,
             progress: Progress = SILENT) -> int:
    """Write the whole Markdown tree into ``out_dir``; return the number of pages."""
    out_dir.mkdir(parents=True, exist_ok=True)
    site = new_site(database, project, TreeWriter(out_dir, project.root))
    render_site(site, progress=progress)
    site.writer.finish()
    return page_count(site.writer)


def page_count(writer: TreeWriter) -> int:
    return sum(1 for name in writer.written if name.endswith(".md"))


def generate_tree(project: Project, out_dir: Path, progress: Progress = SILENT) -> int:
    """Load and check ``project``, then write its tree into ``out_dir``; return the number of
    pages."""
    return generate(load_checked(project, progress), project, out_dir, progress)
