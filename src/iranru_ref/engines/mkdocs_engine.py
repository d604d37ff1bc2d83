"""Building the generated Markdown tree with MkDocs, in this process.

Any warning MkDocs logs fails the build (the site is strict), and its errors become a
``BuildFailed`` with what it said.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from ..errors import BuildFailed
from ..load.project import Project
from ..progress import Progress


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _page_counter(advance: Callable[[], None]) -> Any:
    """A plugin that advances the engine stage once for each page converted and once for each
    page rendered."""
    from mkdocs.plugins import BasePlugin

    class PageCounter(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
            advance()
            return html

        def on_post_page(self, output: str, page: Any, config: Any) -> str:
            advance()
            return output

    return PageCounter()


def mkdocs_build(project: Project, docs_dir: Path, site_dir: Path, pages: int,
                 progress: Progress) -> None:
    """Build the ``pages`` Markdown pages of ``docs_dir`` into ``site_dir``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    counter = _WarningCounter()
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(counter)
    try:
        config = load_config(
            str(project.root / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(site_dir)
        )
        with progress.stage("engine", 2 * pages) as advance:
            config.plugins["iranru-page-counter"] = _page_counter(advance)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    except (MkDocsException, Abort) as exc:
        raise BuildFailed(f"MkDocs could not build the site: {exc}{_listed(counter)}") from None
    except jinja2.TemplateError as exc:  # the theme's templates, or an override
        raise BuildFailed(f"MkDocs could not build the site: the theme's template failed: "
                          f"{exc.message or type(exc).__name__}{_listed(counter)}") from None
    finally:
        mkdocs_logger.removeHandler(counter)
    if counter.messages:
        raise BuildFailed(f"MkDocs reported warnings{_listed(counter)}")


def _listed(counter: _WarningCounter) -> str:
    return "".join(f"\n  {message}" for message in counter.messages)
