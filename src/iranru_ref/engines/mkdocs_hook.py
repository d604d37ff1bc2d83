"""MkDocs hook: generate the Markdown tree before MkDocs reads its docs folder.

``mkdocs build`` and ``mkdocs serve`` then work as usual. When ``iranru-ref build`` has already
generated the tree (the docs folder carries the generation marker), the hook does nothing.

After a build it indexes the site for search with Pagefind (``search_index.py``; under
``iranru-ref build`` the build does that itself, for either engine) and writes the marker file
that lets ``iranru-ref build`` replace the site later.

Under ``mkdocs serve`` (``iranru-ref serve`` runs ``mkdocs serve --dirty``), each save rebuilds
the site once, and only what it changed:

* the server watches the project (``data/``, ``sources/``, ``templates/``, ``docs/`` and the
  other folders ``mkdocs.yml`` lists, and ``mkdocs.yml``), not the generated tree, which each
  rebuild writes itself;
* the tree is kept up to date by one ``LiveTree`` (``site/live_tree.py``), which renders again
  only the pages an edit can change and writes only the files whose content changed, so a
  dirty build renders only their pages; ``dirty_build.py`` closes the gaps of dirty builds;
* an edit that breaks the project (a bad record, a failing template) does not stop the server:
  the problems are printed one per line, ``path:line: message``, the site stays as the last
  good tree built it, and every page shows the problems in a banner until they are fixed (the
  live reload brings it up; ``preview.py``). A rebuild that fails all the same is reported on
  one line (an unforeseen fault with its traceback in ``.build/serve-error.log``), the site is
  served as it was, and the next rebuild renders every page. ``iranru-ref serve`` passes
  ``--no-strict``, so that MkDocs' warnings are printed without stopping the build; ``mkdocs
  build`` fails with the problems, as ``iranru-ref build`` does;
* the search index is made again beside the server after each build
  (``search_refresh.py``), so that no page waits for it.

Each page is written without the theme's indentation (``compact_html.py``).

It also keeps the theme's compiled templates between builds (``site/template_cache.py``), in
``iranru-ref build`` as in ``mkdocs build`` and ``mkdocs serve``.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

import click
import jinja2

from iranru_ref.engines.build import template_failure
from iranru_ref.engines.compact_html import compact_html
from iranru_ref.engines.dirty_build import DirtyBuilds, quiet_dirty_warning
from iranru_ref.engines.live_update import cannot_write, problem_lines, summary, unexpected, update_tree
from iranru_ref.engines.memory import paused_gc
from iranru_ref.engines.preview import Preview
from iranru_ref.engines.search_index import index_site
from iranru_ref.engines.search_refresh import SearchRefresh
from iranru_ref.engines.workspace import mark_site
from iranru_ref.errors import IranruError
from iranru_ref.exports.dataset import DOWNLOADS_PAGE
from iranru_ref.load.project import Project
from iranru_ref.site.changes_page import PAGE as CHANGES_PAGE
from iranru_ref.site.generate import generate_tree
from iranru_ref.site.live_tree import LiveTree
from iranru_ref.site.template_cache import THEME_TEMPLATES, TemplateCache
from iranru_ref.site.tree import MARKER

GENERATED_DOCS = Path(".build") / "docs"
#: MkDocs prints what its loggers say at INFO and above
log = logging.getLogger("mkdocs.plugins.iranru")


class _Serving:
    """What this MkDocs process does (``on_startup``), whether the hook generated the tree (plain
    ``mkdocs build`` or ``serve``, which the hook then indexes too), and, while serving, the live
    tree, the dirty builds and what the server adds to its pages."""

    command = ""
    dirty = False
    generated = False
    live: LiveTree | None = None
    builds = DirtyBuilds()
    preview = Preview()
    search = SearchRefresh(log.info, lambda message: click.echo(message, err=True))


def generate_for_mkdocs(root: Path) -> Path:
    """Generate into the project's stable ``.build/docs`` folder."""
    project = Project.find(root)
    out_dir = project.root / GENERATED_DOCS
    try:
        with paused_gc():
            generate_tree(project, out_dir)
    except OSError as exc:  # MkDocs would show it with a traceback
        raise cannot_write(out_dir, exc) from None
    except jinja2.TemplateError as exc:
        raise template_failure(exc, project) from None
    return out_dir


def _update_live_tree(root: Path) -> Path:
    """Bring the serving process's tree up to date; raises ``IranruError`` on problems."""
    project = Project.find(root)
    if _Serving.live is None or _Serving.live.project != project:
        _Serving.live = LiveTree(project, project.root / GENERATED_DOCS)
    update, seconds = update_tree(_Serving.live)
    _Serving.preview.downloads_stale = _Serving.live.downloads_stale
    log.info(summary(update, seconds))
    return _Serving.live.out_dir


def on_startup(*, command: str, dirty: bool) -> None:
    _Serving.command = command
    _Serving.dirty = dirty
    if command == "serve" and dirty:
        quiet_dirty_warning()


def on_config(config: Any) -> Any:
    _Serving.generated = not (Path(config["docs_dir"]) / MARKER).is_file()
    if not _Serving.generated:
        return config
    root = Path(config["config_file_path"]).parent
    if _Serving.command != "serve":
        config["docs_dir"] = str(generate_for_mkdocs(root))
        return config
    try:
        config["docs_dir"] = str(_update_live_tree(root))
    except IranruError as exc:
        last_good = root / GENERATED_DOCS
        if not (last_good / MARKER).is_file():
            raise
        _Serving.preview.problems = problem_lines(exc)
        click.echo("\n".join(_Serving.preview.problems), err=True)
        click.echo("The site is served as it last built, with these problems shown on every "
                   "page, until they are fixed.", err=True)
        config["docs_dir"] = str(last_good)
    else:
        _Serving.preview.problems = []
    return config


def on_files(files: Any, /, *, config: Any) -> Any:
    if _Serving.command == "serve":
        _Serving.preview.export_pages = frozenset(
            file.dest_uri for name in (DOWNLOADS_PAGE, CHANGES_PAGE)
            if (file := files.get_file_from_path(name)) is not None)
        if _Serving.dirty:
            live = _Serving.live
            _Serving.builds.on_files(files, config, live.hand_written if live else ())
    return files


def on_nav(nav: Any, /, *, config: Any, files: Any) -> Any:
    if _Serving.command == "serve" and _Serving.dirty:
        _Serving.builds.on_nav(nav, config)
    return nav


def on_post_page(output: str, /, *, page: Any, config: Any) -> str:
    return compact_html(output)


def on_post_build(config: Any) -> None:
    """Index the site for search (unless ``iranru-ref build`` runs MkDocs: it indexes the site
    itself) and mark it as one a build wrote, so that ``iranru-ref build`` may replace it later.

    While serving, the index is made beside the server (``search_refresh.py``), and one that
    fails is reported and leaves the site served without an up-to-date search; ``mkdocs build``
    fails with it."""
    site = Path(config["site_dir"])
    if _Serving.command == "serve":
        _Serving.search.request(site)
    elif _Serving.generated:
        index_site(site)
    mark_site(site)


def on_serve(server: Any, /, *, config: Any, builder: Any) -> Any:
    """Watch the project but not the generated tree, guard every rebuild, and add the notices
    to the pages served."""
    generated = Path(config["docs_dir"])
    if (generated / MARKER).is_file():
        with contextlib.suppress(KeyError):  # it was not watched
            server.unwatch(str(generated))
    root = Path(config["config_file_path"]).parent
    rebuild = server.builder

    def guarded_rebuild() -> None:
        """A rebuild that fails all the same (say, the generated tree was deleted) leaves the
        site as it was, on one line; MkDocs would print a traceback and answer no request
        until a rebuild succeeds."""
        try:
            rebuild()
            return
        except IranruError as exc:
            _Serving.preview.problems = problem_lines(exc)
            click.echo("\n".join(_Serving.preview.problems), err=True)
        except click.ClickException as exc:  # MkDocs' Abort: in strict mode, a warning above
            click.echo(f"MkDocs stopped the build: {exc.format_message()}", err=True)
        except Exception as exc:
            click.echo(unexpected(root, "the site could not be built", exc), err=True)
        click.echo("The site is served as it last built; the next change rebuilds every page.",
                   err=True)
        _Serving.builds.rebuild_all_next()

    server.builder = guarded_rebuild
    server.set_app(_Serving.preview.wrap(server.get_app(), server.mount_path))
    return server


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = TemplateCache(Path(config["config_file_path"]).parent / THEME_TEMPLATES)
    return env
