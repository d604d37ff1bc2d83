"""MkDocs hook: generate the Markdown tree before MkDocs reads its docs folder.

``mkdocs build`` and ``mkdocs serve`` then work as usual. When ``iranru-ref build`` has already
generated the tree (the docs folder carries the generation marker), the hook does nothing.

After a build it writes the marker file that lets ``iranru-ref build`` replace the site later.
It also keeps the theme's compiled templates between builds (``site/template_cache.py``), in
``iranru-ref build`` as in ``mkdocs build`` and ``mkdocs serve``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from iranru_ref.engines.memory import paused_gc
from iranru_ref.engines.workspace import mark_site
from iranru_ref.errors import BuildFailed
from iranru_ref.load.project import Project
from iranru_ref.site.generate import generate_tree
from iranru_ref.site.template_cache import THEME_TEMPLATES, TemplateCache
from iranru_ref.site.tree import MARKER

GENERATED_DOCS = Path(".build") / "docs"


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
    return out_dir


def on_config(config: Any) -> Any:
    if (Path(config["docs_dir"]) / MARKER).is_file():
        return config
    root = Path(config["config_file_path"]).parent
    config["docs_dir"] = str(generate_for_mkdocs(root))
    return config


def on_post_build(config: Any) -> None:
    """Mark the site as one a build wrote, so that ``iranru-ref build`` may replace it later."""
    mark_site(Path(config["site_dir"]))


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = TemplateCache(Path(config["config_file_path"]).parent / THEME_TEMPLATES)
    return env
