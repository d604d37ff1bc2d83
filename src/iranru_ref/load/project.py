"""A project on disk: the folder that holds ``data/`` and ``sources/``, and where things are in it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ProjectNotFound, display_path
from ..records.model import SLUG

RECORD_SUFFIX = ".yml"


@dataclass(frozen=True, slots=True)
class Project:
    root: Path

    @classmethod
    def find(cls, root: Path | str | None = None) -> Project:
        path = Path(root) if root is not None else Path.cwd()
        path = path.resolve()
        if not (path / "data").is_dir() or not (path / "sources").is_dir():
            raise ProjectNotFound(
                f"{path} is not an iranru-ref project: expected the folders data/ and sources/ "
                "there. Run the command in the project folder or pass --root."
            )
        return cls(path)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def vocabulary_dir(self) -> Path:
        return self.data_dir / "vocabulary"

    def display(self, path: Path) -> str:
        return display_path(path, self.root)

    def rename_hint(self, path: Path, also: str = "") -> str:
        suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
        if not suggestion or not SLUG.match(suggestion):
            return ""
        renamed = self.display(path.with_name(suggestion + path.suffix))
        extra = f" (and its {also} file likewise)" if also else ""
        return f"; rename it to {renamed}{extra}"
