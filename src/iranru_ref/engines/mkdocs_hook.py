"""MkDocs hook: generate the Markdown tree before MkDocs reads its docs folder.

``mkdocs build`` and ``mkdocs serve`` then work as usual. When ``iranru-ref build`` has already
generated the tree (the docs folder carries the generation marker), the hook does nothing.

After a build it indexes the site for search with Pagefind (``search_index.py``; under
``iranru-ref build`` the build does that itself, for either engine) and writes the marker file
that lets ``iranru-ref build`` replace the site later.

Under ``mkdocs serve``, an edit that breaks the project (a bad record, a failing template) does
not stop the server: the problems are printed one per line, ``path:line: message``, the site is
built from the last tree that was generated whole, and every page shows the problems in a
banner until they are fixed (the live reload brings it up). ``mkdocs build`` fails with them, as
``iranru-ref build`` does.

It also keeps the theme's compiled templates between builds (``site/template_cache.py``), in
``iranru-ref build`` as in ``mkdocs build`` and ``mkdocs serve``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import click
import jinja2

from iranru_ref.engines.build import template_failure
from iranru_ref.engines.memory import paused_gc
from iranru_ref.engines.search_index import index_site
from iranru_ref.engines.workspace import mark_site
from iranru_ref.errors import BuildFailed, IranruError
from iranru_ref.load.project import Project
from iranru_ref.site.generate import generate_tree
from iranru_ref.site.template_cache import THEME_TEMPLATES, TemplateCache
from iranru_ref.site.tree import MARKER

GENERATED_DOCS = Path(".build") / "docs"


class _Serving:
    """What this MkDocs process does (``on_startup``), whether the hook generated the tree (plain
    ``mkdocs build`` or ``serve``, which the hook then indexes too), and the problems of the last
    generation that failed while serving (none once one succeeds)."""

    command = ""
    generated = False
    problems: list[str] = []


def generate_for_mkdocs(root: Path) -> Path:
    """Generate into the project's stable ``.build/docs`` folder, which ``mkdocs serve`` watches."""
    project = Project.find(root)
    out_dir = project.root / GENERATED_DOCS
    try:
        with paused_gc():
            generate_tree(project, out_dir)
    except OSError as exc:  # MkDocs would show it with a traceback
        raise BuildFailed(f"cannot generate the site's Markdown into {out_dir}: {exc}; make that "
                          "folder writable (move a file in its way, or free disk space) and build "
                          "again") from None
    except jinja2.TemplateError as exc:
        raise template_failure(exc, project) from None
    return out_dir


def on_startup(*, command: str, dirty: bool) -> None:
    _Serving.command = command


def on_config(config: Any) -> Any:
    _Serving.generated = not (Path(config["docs_dir"]) / MARKER).is_file()
    if not _Serving.generated:
        return config
    root = Path(config["config_file_path"]).parent
    try:
        config["docs_dir"] = str(generate_for_mkdocs(root))
    except IranruError as exc:
        last_good = root / GENERATED_DOCS
        if _Serving.command != "serve" or not (last_good / MARKER).is_file():
            raise
        _Serving.problems = [line for line in exc.message.splitlines() if line.strip()]
        click.echo("\n".join(_Serving.problems), err=True)
        click.echo("The site is served as it last built, with these problems shown on every "
                   "page, until they are fixed.", err=True)
        config["docs_dir"] = str(last_good)
    else:
        _Serving.problems = []
    return config


def on_post_build(config: Any) -> None:
    """Index the site for search (unless ``iranru-ref build`` runs MkDocs: it indexes the site
    itself) and mark it as one a build wrote, so that ``iranru-ref build`` may replace it later.

    While serving, an index that fails is reported and the site is served without an up-to-date
    search; ``mkdocs build`` fails with it."""
    site = Path(config["site_dir"])
    if _Serving.generated:
        try:
            index_site(site)
        except IranruError as exc:
            if _Serving.command != "serve":
                raise
            click.echo(exc.message, err=True)
    mark_site(site)


def on_serve(server: Any, /, *, config: Any, builder: Any) -> Any:
    """The development server answers a path with a NUL byte (``GET /%00``) with 400, where
    MkDocs's own handler fails with a 500 and a traceback (``open`` refuses such a path)."""
    serve_request = server.get_app()  # the server is a wsgiref WSGIServer

    def guarded(environ: dict[str, Any], start_response: Any) -> Any:
        if "\x00" in environ.get("PATH_INFO", ""):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"400 Bad Request: the path holds a NUL byte\n"]
        return serve_request(environ, start_response)

    server.set_app(guarded)
    return server


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = TemplateCache(Path(config["config_file_path"]).parent / THEME_TEMPLATES)
    return env


_BODY = re.compile(r"<body\b[^>]*>")


def problems_banner() -> str:
    """The banner that lists the problems on every page while they last (escaped: a problem
    quotes what a curator wrote)."""
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in _Serving.problems)
    return ('<div class="iranru-problems" role="alert"><p><strong>This preview is out of date: '
            "the last edit has problems.</strong> Fix them; the page reloads by itself.</p>"
            f"<ul>{items}</ul></div>")


def on_post_page(output: str, /, *, page: Any, config: Any) -> str:
    if not _Serving.problems:
        return output
    return _BODY.sub(lambda body: body.group(0) + problems_banner(), output, count=1)
