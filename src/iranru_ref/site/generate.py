"""Generating the site's Markdown tree from a checked database: a plain library function.

``generate(database, project, out_dir)`` writes every page (home, sources, one page per entity,
type indexes, network, timeline, figures, coverage, tags) plus the site's own assets, the data
downloads and the hand-written pages of ``docs/``. Any engine that reads ``mkdocs.yml`` can
build the result.
"""

from __future__ import annotations

from pathlib import Path

from ..check import load_checked
from ..database import Database
from ..exports import export_downloads
from ..exports.index_file import FILE_NAME as INDEX_FILE
from ..exports.release_history import CACHE as CHANGES_CACHE
from ..exports.release_history import changes_bytes, release_history
from ..exports.site_config import SiteConfig
from ..graph import build_graph
from ..load.project import Project
from ..progress import SILENT, Progress
from .about_pages import write_data_dictionary, write_downloads
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


def generate(database: Database, project: Project, out_dir: Path,
             progress: Progress = SILENT) -> int:
    """Write the whole Markdown tree into ``out_dir``; return the number of pages."""
    out_dir.mkdir(parents=True, exist_ok=True)
    site = Site(database, project, build_graph(database), Views(database),
                environment(project.templates_dir, project.root / OWN_TEMPLATES),
                TreeWriter(out_dir, project.root), SiteConfig.load(project.root))
    with progress.stage("pages", len(database.entities) + len(database.sources)) as advance:
        site.writer.copy_tree(project.docs_dir)
        site.writer.copy_tree(ASSETS, "assets")
        write_entity_pages(site, advance)
        write_type_indexes(site)
        dated = dated_claims(database)
        write_tags(site, dated)
        write_source_pages(site, advance)
        write_sources_index(site)
        write_home(site, dated)
        write_network(site)
        write_timelines(site, dated)
        write_coverage(site)
    with progress.stage("downloads"):
        history = release_history(database, project.root / CHANGES_CACHE)
        downloads = export_downloads(
            database, lambda name: site.writer.open(f"data/{name}"), site.graph,
            previous_index=out_dir / "data" / INDEX_FILE, changes=changes_bytes(history))
    with progress.stage("pages"):
        write_downloads(site, downloads)
        write_changes(site, history)
        write_data_dictionary(site)
        for source in database.sources.values():
            site.writer.write_bytes(f"sources/{source.id}.txt",
                                    (project.sources_dir / f"{source.id}.txt").read_bytes())
        site.writer.finish()
    return sum(1 for name in site.writer.written if name.endswith(".md"))


def generate_tree(project: Project, out_dir: Path, progress: Progress = SILENT) -> int:
    """Load and check ``project``, then write its tree into ``out_dir``; return the number of
    pages."""
    return generate(load_checked(project, progress), project, out_dir, progress)
