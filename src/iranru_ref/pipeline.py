"""The pipeline from a project folder to a Markdown tree: load, check, generate."""

from __future__ import annotations

from pathlib import Path

from .database import Database
from .errors import BuildFailed
from .generate import generate
from .memory import paused_gc
from .project import Project, load

GENERATED_DOCS = Path(".build") / "docs"


def load_checked(project: Project) -> Database:
    """The project's database, every check passed; its records' line maps are released."""
    database, _ = load(project)
    database.release_documents()
    return database


def generate_tree(project: Project, out_dir: Path) -> tuple[Database, int]:
    database = load_checked(project)
    pages = generate(database, project, out_dir)
    return database, pages


def generate_for_mkdocs(root: Path) -> Path:
    """Generate into the project's stable ``.build/docs`` folder, which ``mkdocs serve`` watches."""
    project = Project.find(root)
    out_dir = project.root / GENERATED_DOCS
    # With the collector paused from the load to the last page, and the database freed
    # before it is back on, as in `iranru-ref build` (build.py).
    try:
        with paused_gc():
            generate_tree(project, out_dir)
    except OSError as exc:  # MkDocs would show it with a traceback
        raise BuildFailed(f"cannot generate the site's Markdown into {out_dir}: {exc}; make that "
                          "folder writable (move a file in its way, or free disk space) and build "
                          "again") from None
    return out_dir
