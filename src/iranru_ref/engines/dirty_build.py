"""Making ``mkdocs serve --dirty`` right for a generated tree.

A dirty build renders a page only when its Markdown file is newer than its HTML
(``File.is_modified``), and the live tree (``site/live_tree.py``) writes only the files whose
content changed, so an edit rebuilds only the pages it changed. MkDocs' dirty builds have known
gaps, which ``DirtyBuilds`` closes, build after build:

* a page removed keeps its HTML, and a static file its copy: they are deleted;
* every page shows the navigation, so a change to it (an entry added, moved or retitled, a page
  in it whose title comes from its heading edited), to ``mkdocs.yml`` or to the theme's
  overrides rebuilds every page;
* a hand-written page may link to any page, so when pages come or go, the hand-written pages
  are rebuilt (a generated page that links to one is rewritten by the generation anyway);
* after a build that failed, the next one rebuilds every page.

A page is rebuilt by deleting its HTML, every page by emptying the site folder, before MkDocs
writes anything.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import clean_directory

from ..load.stamps import Stamps, file_stamps

#: how MkDocs warns about every dirty build (in strict mode, that warning would fail it)
DIRTY_WARNING = "A 'dirty' build is being performed"


class _NoDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def quiet_dirty_warning() -> None:
    """Drop MkDocs' warning about dirty builds, which ``DirtyBuilds`` makes right."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _NoDirtyWarning) for f in logger.filters):
        logger.addFilter(_NoDirtyWarning())


def _nav_signature(items: Iterable[Any], config: Any) -> tuple[Any, ...]:
    """What the navigation shows: each entry's kind, title and address, in order. A page whose
    title comes from its content is read for it (a dirty build would not read it otherwise)."""
    signature = []
    for item in items:
        if item.is_section:
            signature.append(("section", item.title, _nav_signature(item.children, config)))
        elif item.is_page:
            if item.title is None:
                item.read_source(config)
            signature.append(("page", item.title, item.url))
        else:
            signature.append(("link", item.title, item.url))
    return tuple(signature)


def _config_stamp(config: Any) -> Stamps:
    """When ``mkdocs.yml`` and the files of the theme's ``custom_dir`` (its overrides) were last
    written, and their sizes."""
    paths = [config.config_file_path] if config.config_file_path else []
    custom_dir = config.theme.custom_dir
    if custom_dir:
        paths.extend(os.path.join(folder, name) for folder, _folders, names in os.walk(custom_dir)
                     for name in names)
    return file_stamps(paths)


class DirtyBuilds:
    """What the last dirty build wrote, and what the next one must rebuild."""

    def __init__(self) -> None:
        self._outputs: set[str] | None = None
        self._pages: set[str] = set()
        self._nav: tuple[Any, ...] | None = None
        self._config: Stamps = {}
        self._whole = True

    def rebuild_all_next(self) -> None:
        """Rebuild every page in the next build (after one that failed)."""
        self._whole = True

    def on_files(self, files: Files, config: Any, hand_written: Collection[str]) -> None:
        """Delete what pages and files removed since the last build left, and have the
        hand-written pages rebuilt if pages came or went."""
        site = Path(config.site_dir)
        outputs = {file.dest_uri for file in files}
        pages = {file.src_uri for file in files.documentation_pages()}
        if self._outputs is not None:
            _delete(site, self._outputs - outputs)
            if pages != self._pages:
                _delete(site, (file.dest_uri for name in hand_written
                               if (file := files.get_file_from_path(name)) is not None))
        self._outputs, self._pages = outputs, pages

    def on_nav(self, nav: Navigation, config: Any) -> None:
        """Empty the site folder when every page must be rebuilt."""
        signature = _nav_signature(nav.items, config)
        stamp = _config_stamp(config)
        if self._whole or signature != self._nav or stamp != self._config:
            clean_directory(config.site_dir)
        self._nav, self._config, self._whole = signature, stamp, False


def _delete(site: Path, outputs: Iterable[str]) -> None:
    """Delete these outputs of an earlier build (paths inside the site folder), and the folders
    they leave empty."""
    root = site.resolve()
    for output in outputs:
        path = (site / output).resolve()
        if not path.is_relative_to(root) or path == root:
            continue
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == root:
                break
            try:
                folder.rmdir()
            except OSError:
                break
