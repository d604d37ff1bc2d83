"""The only hook of the cached floor: MkDocs alone, with the theme's compiled templates kept
between builds as iranru-ref's own hook keeps them (``on_env`` in mkdocs_hook.py), and nothing
else of ours: it imports Jinja and nothing that ``mkdocs build`` would not import anyway."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from iranru_ref.template_cache import THEME_TEMPLATES, TemplateCache


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = TemplateCache(Path(config["config_file_path"]).parent / THEME_TEMPLATES)
    return env
