"""Compiled Jinja templates kept on disk between runs: our own templates, and the theme's.

Jinja turns every template into Python source and compiles that before it renders anything.
MkDocs does so for Material's templates in every build, which at the seed scale costs about a
tenth of the whole MkDocs build; the hook (mkdocs_hook.py) gives MkDocs's environment this cache
too. An entry is found by the template's name and file and used only while the template's
source is unchanged, so an edited template or an upgraded theme is compiled afresh.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

#: where, under the project root, the compiled templates of each kind are kept
OWN_TEMPLATES = Path(".build") / "templates"
THEME_TEMPLATES = Path(".build") / "theme-templates"


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache; a folder that cannot be read or written is simply not used."""

    def __init__(self, directory: Path) -> None:
        super().__init__(str(directory))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass
