"""MkDocs hook: generate the Markdown tree before MkDocs reads its docs folder.

``mkdocs build`` and ``mkdocs serve`` then work as usual. When ``iranru-ref build`` has already
generated the tree (the docs folder carries the generation marker), the hook does nothing.

It also keeps the theme's compiled templates between builds (template_cache.py), in
``iranru-ref build`` as in ``mkdocs build`` and ``mkdocs serve``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from iranru_ref.pipeline import generate_for_mkdocs
from iranru_ref.template_cache import THEME_TEMPLATES, TemplateCache
from iranru_ref.tree import MARKER


def on_config(config: Any) -> Any:
    if (Path(config["docs_dir"]) / MARKER).is_file():
        return config
    root = Path(config["config_file_path"]).parent
    config["docs_dir"] = str(generate_for_mkdocs(root))
    return config


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = TemplateCache(Path(config["config_file_path"]).parent / THEME_TEMPLATES)
    return env
