"""Loading a project: the vocabulary, the sources and the records, every problem collected.

What exists but cannot be loaded is recorded in the database as broken, so that the checks
(``check/``) do not report references to it a second time.
"""

from __future__ import annotations

from ..database import Database
from ..errors import Problem
from ..progress import SILENT, Progress
from .docs import check_docs
from .files import ProjectFiles
from .project import Project
from .records import RecordCache, load_entities
from .releases import load_releases
from .settings import load_settings
from .sources import load_sources
from .vocabulary import load_vocabulary


def load_database(project: Project, progress: Progress = SILENT,
                  cache: RecordCache | None = None) -> tuple[Database, list[Problem]]:
    """The project's database, and the problems of every file that could not be loaded; with
    ``cache``, records whose text is unchanged since it was filled are not parsed again."""
    problems: list[Problem] = []
    files = ProjectFiles(project.root)
    broken_vocabulary: set[str] = set()
    vocabulary = load_vocabulary(project, problems, broken_vocabulary, files)
    sources, source_documents = load_sources(project, problems, files)
    broken_sources = {path.stem for path in project.sources_dir.glob("*.yml")} - set(sources)
    broken_ids: set[str] = set()
    entities = load_entities(project, problems, broken_ids, progress, files, cache)
    check_docs(project, problems, files)
    database = Database(project.root, vocabulary, sources, entities, source_documents,
                        broken_ids, broken_sources, broken_vocabulary,
                        load_settings(project, problems), load_releases(project, problems))
    return database, problems
