"""The generated tree of a serving process, kept up to date edit by edit.

The first ``update`` generates the whole tree, downloads included. Each later one loads and
checks the project again (a record file whose text is unchanged is not parsed again:
``load.records.RecordCache``) and compares it with the last database that was generated:

* a record edited: only the pages it can change are rendered again (``affected.py``): its
  page, the pages of the entities and sources that show it, and the listings it shows in;
* the vocabulary, a source, the settings, the releases, a template or ``mkdocs.yml`` edited:
  every page is rendered again;
* only ``docs/`` edited: only the hand-written pages are copied again.

Only files whose content changed are written, so the engine rebuilds only their pages, and all
of them are written at once, after every page rendered: an update that fails leaves the tree as
the last one that succeeded wrote it. Files that a family no longer has are removed.

The downloads are exported by the first update only (at 10,000 entities they take longer than
all the pages an edit changes), and the history of the releases, which compares the newest with
the data, is read by it only; ``downloads_stale`` says when the data has changed since, so that
the Downloads and Changes pages are out of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ..check import load_checked
from ..database import Database
from ..load.project import Project
from ..load.records import RecordCache
from ..load.stamps import Stamps, file_stamps
from ..progress import SILENT, Progress
from .affected import affected_pages, edited_entities, whole_site_changed
from .entity_pages import entity_family
from .generate import (
    DOWNLOADS,
    ENTITIES,
    EVERYTHING,
    SOURCES,
    UNFILED,
    Exported,
    Selection,
    new_site,
    render_site,
)
from .tree import TreeWriter


def _stamps(project: Project) -> Stamps:
    """What the pages read besides the database: the templates and ``mkdocs.yml``."""
    paths = [project.root / "mkdocs.yml"]
    if project.templates_dir.is_dir():
        paths.extend(project.templates_dir.rglob("*"))
    return file_stamps(paths)


@dataclass(frozen=True, slots=True)
class Update:
    #: every page was rendered again
    whole: bool
    #: the files written, whose content is new
    changed: tuple[str, ...]
    #: the files removed
    removed: tuple[str, ...]


@dataclass(slots=True)
class _Generated:
    """What the last successful update generated from."""

    database: Database
    graph: nx.MultiDiGraph
    stamps: Stamps
    #: each file of the tree, with its page family
    files: dict[str, str]
    exported: Exported
    #: the pages copied from docs/
    hand_written: frozenset[str]


class LiveTree:
    def __init__(self, project: Project, out_dir: Path) -> None:
        self.project = project
        self.out_dir = out_dir
        self._last: _Generated | None = None
        self._records = RecordCache()
        #: the data has changed since the downloads were exported
        self.downloads_stale = False

    @property
    def hand_written(self) -> frozenset[str]:
        """The pages copied from ``docs/``, as the tree names them."""
        return self._last.hand_written if self._last is not None else frozenset()

    def update(self, progress: Progress = SILENT) -> Update:
        """Bring the tree up to date with the project; raises ``IranruError`` (and leaves the
        tree as it was) when the project has problems."""
        database = load_checked(self.project, progress, self._records)
        stamps = _stamps(self.project)
        writer = TreeWriter(self.out_dir, self.project.root, deferred=True)
        site = new_site(database, self.project, writer)
        last = self._last
        if last is None:
            exported = render_site(site, EVERYTHING, progress=progress)
            assert exported is not None
            writer.finish()
            self._last = _Generated(database, site.graph, stamps, dict(writer.families),
                                    exported, frozenset(writer.copied))
            return Update(True, tuple(writer.changed), ())
        edited = edited_entities(last.database, database)
        whole = stamps != last.stamps or whole_site_changed(last.database, database)
        removed: set[str] = set()
        if whole:  # the Downloads and Changes pages show what was exported first
            render_site(site, EVERYTHING, last.exported, progress)
            rendered = writer.entered - {DOWNLOADS}
        else:
            affected = affected_pages(last.database, database, last.graph, site.graph, edited)
            render_site(site, Selection(affected.entities, affected.sources, affected.listings,
                                        about=False), progress=progress)
            rendered = writer.entered - {ENTITIES, SOURCES}  # rendered for some items only
            rendered |= {entity_family(entity_id) for entity_id in edited}  # some are gone
        writer.mark()
        removed.update(name for name, family in last.files.items()
                       if family in rendered | {UNFILED} and name not in writer.written)
        writer.commit()
        writer.remove(sorted(removed))
        files = {name: family for name, family in last.files.items() if name not in removed}
        files.update(writer.families)
        self.downloads_stale = self.downloads_stale or whole or bool(edited)
        self._last = _Generated(database, site.graph, stamps, files, last.exported,
                                frozenset(writer.copied))
        return Update(whole, tuple(writer.changed), tuple(sorted(removed)))
