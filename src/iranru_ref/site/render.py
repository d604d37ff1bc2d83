"""The Jinja environment of the project's templates, and the site being written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from ..database import Database
from ..exports.site_config import SiteConfig
from ..load.project import Project
from ..records.vocabulary import TYPE_FOLDER, TYPE_LABELS, TYPE_TITLES
from ..urls import relative, tag_page, tag_timeline_page
from . import escape
from .template_cache import TemplateCache
from .tree import TreeWriter
from .views import Views, format_number

_ENVIRONMENTS: dict[Path, jinja2.Environment] = {}


def environment(templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """One compiled environment per templates folder, reused across builds (``mkdocs serve``);
    with ``cache``, the compiled templates are also kept on disk there for the next run."""
    env = _ENVIRONMENTS.get(templates)
    if env is None:
        env = jinja2.Environment(
            bytecode_cache=TemplateCache(cache) if cache is not None else None,
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        # ``tojson`` escapes <, >, & and ' for HTML; the JSON itself stays compact and readable.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False,
                                             "separators": (",", ":")}
        env.filters["md"] = escape.md
        env.filters["front_matter"] = escape.front_matter
        env.filters["number"] = format_number
        env.globals["tag_page"] = tag_page
        env.globals["tag_timeline_page"] = tag_timeline_page
        _ENVIRONMENTS[templates] = env
    return env


@dataclass(frozen=True, slots=True, eq=False)
class Site:
    """What every page writer needs: the checked database, its graph and views, the templates,
    the tree being written and the site's name and address."""

    database: Database
    project: Project
    graph: nx.MultiDiGraph
    views: Views
    env: jinja2.Environment
    writer: TreeWriter
    config: SiteConfig

    def render(self, page: str, template: str, **context: Any) -> None:
        text = self.env.get_template(template).render(
            page=page, type_titles=TYPE_TITLES, type_labels=TYPE_LABELS, folders=TYPE_FOLDER,
            asset=lambda path: relative(page, path), **context
        )
        self.writer.write_text(page, text)
