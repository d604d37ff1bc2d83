"""The hand-written pages of ``docs/``, which the build copies into the site as they are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import Problem
from .files import MAX_DOCS_BYTES, ProjectFiles
from .project import Project

DOCS_ADVICE = "Make it smaller, or publish it somewhere else and link to it."


def docs_files(folder: Path) -> Iterator[Path]:
    """The files under ``folder`` that the build copies, in order: everything but folders and
    what is hidden (a name starting with ``.``, or inside such a folder). Links to folders are
    not followed."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if not path.is_dir():
            yield path


def check_docs(project: Project, problems: list[Problem], files: ProjectFiles | None = None) -> None:
    """Report each file of ``docs/`` that the build would refuse to copy, without reading it."""
    files = files or ProjectFiles(project.root)
    for path in docs_files(project.docs_dir):
        problem = files.check(path, MAX_DOCS_BYTES, DOCS_ADVICE)
        if problem is not None:
            problems.append(Problem(project.display(path), 1, problem))
