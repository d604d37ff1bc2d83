"""What ``iranru-ref diff`` compares, each read as a ``database.json`` document: a
``database.json`` file, the project at a git revision, or the project on disk.

A file's document is checked for the shape the comparison relies on (docs/database-format.md);
a project is loaded as a build loads it (``load_database``), and a file it cannot read is
reported as ``file:line: message`` (``REVISION:file:line: message`` at a revision).
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click

from ..database import Database
from ..errors import IranruError, Problem, ProjectNotFound, ValidationFailed
from ..load import load_database
from ..load.project import Project
from ..load.revisions import NotARepository, Repository, UnknownRevision
from .changes import compare
from .compression import GZIP_MAGIC
from .database_json import FORMAT_VERSION, write_database_json

#: the version of the shape of a comparison, ``iranru-ref diff --format json`` and ``changes.json``
CHANGES_FORMAT = 1
#: how the project on disk is named, as the default NEW
PROJECT_ON_DISK = "the project on disk"


class DiffInputError(IranruError):
    """A file to compare is missing or is not a ``database.json``; shown as ``file: message``."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message, err=True, file=file)


def _not_database(name: str, why: str) -> DiffInputError:
    return DiffInputError(f"{name}: not a database.json: {why}")


def _check_shape(document: Any, name: str) -> dict[str, Any]:
    """``document`` when it has the parts the comparison reads, else ``DiffInputError``."""
    if not isinstance(document, dict):
        raise _not_database(name, f"it holds a JSON {type(document).__name__}, not an object")
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _not_database(name, "it has no format_version")
    if version > FORMAT_VERSION:
        raise DiffInputError(f"{name}: format_version {version} is newer than this iranru-ref "
                             f"reads (up to {FORMAT_VERSION}); upgrade iranru-ref")
    for section in ("sources", "entities", "claims"):
        records = document.get(section)
        if not isinstance(records, list):
            raise _not_database(name, f"it has no {section!r} list")
        for index, record in enumerate(records):
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise _not_database(name, f"{section}[{index}] is not a record with an id")
            if section == "claims" and not (
                    isinstance(record.get("citations", []), list)
                    and all(isinstance(c, dict) for c in record.get("citations", []))):
                raise _not_database(name, f"claims[{index}].citations is not a list of citations")
    for vocabulary in ("predicates", "tags"):
        entries = document.get(vocabulary, {})
        if not isinstance(entries, dict) or (
                vocabulary == "predicates" and not all(isinstance(p, dict) for p in entries.values())):
            raise _not_database(name, f"{vocabulary!r} is not an object of {vocabulary}")
    return document


def read_database_json(path: Path, name: str | None = None) -> dict[str, Any]:
    """The document in the ``database.json`` file ``path`` (or ``database.json.gz``); ``name``
    is how messages name it."""
    name = name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DiffInputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise DiffInputError(f"{name}: is a folder; give the database.json file (a built site "
                             "has it in data/, as database.json.gz)") from None
    except OSError as error:
        raise DiffInputError(f"{name}: cannot be read ({error.strerror})") from None
    if data[:2] == GZIP_MAGIC:  # database.json.gz, as the Downloads page offers it
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            raise _not_database(name, "it is not a whole gzip file") from None
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _not_database(name, "it is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise DiffInputError(f"{name}:{error.lineno}: not a database.json: not JSON "
                             f"({error.msg})") from None
    return _check_shape(document, name)


def database_values(database: Database) -> dict[str, Any]:
    """``database``'s ``database.json`` document as JSON values, as a file would give them."""
    text = io.StringIO()
    write_database_json(database, text)
    document: dict[str, Any] = json.loads(text.getvalue())
    return document


def project_document(project: Project, revision: str | None = None) -> dict[str, Any]:
    """The ``database.json`` document of ``project``, loaded as a build loads it; a file it
    cannot read is a problem, named after ``revision`` when the project is one."""
    database, problems = load_database(project)
    if problems:
        if revision is not None:
            problems = [Problem(f"{revision}:{p.path}", p.line, p.message) for p in problems]
        raise ValidationFailed(problems)
    return database_values(database)


def revision_document(repository: Repository, commit: str, name: str) -> dict[str, Any]:
    """The ``database.json`` document of the project at ``commit``, which messages call ``name``."""
    with repository.project_at(commit, name) as project:
        return project_document(project, name)


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: what was named, what it is and its document."""

    name: str
    kind: str  # "file", "revision" or "project"
    commit: str | None
    document: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.name} ({self.commit[:12]})" if self.commit else self.name

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "commit": self.commit}


def read_side(argument: str | None, root: Path | None, git: bool = False) -> Side:
    """What ``argument`` names: an existing file is a ``database.json`` (unless ``git``), else a
    git revision of the project at ``root``; ``None`` is the project on disk."""
    if argument is None:
        return Side(PROJECT_ON_DISK, "project", None, project_document(Project.find(root)))
    if not git and Path(argument).exists():
        return Side(argument, "file", None, read_database_json(Path(argument), argument))
    if not git and argument.endswith(".json"):
        raise DiffInputError(f"{argument}: no such file")
    try:
        repository = Repository.of(Project.find(root).root)
        commit = repository.commit(argument)
    except (ProjectNotFound, NotARepository, UnknownRevision) as error:
        if git:
            raise
        raise DiffInputError(f"{argument}: no such file, nor a git revision of the project "
                             f"({error.message})") from None
    return Side(argument, "revision", commit, revision_document(repository, commit, argument))


def comparison(old: Side, new: Side) -> dict[str, Any]:
    """The comparison of ``old`` with ``new`` as ``iranru-ref diff --format json`` prints it."""
    return {"format_version": CHANGES_FORMAT, "old": old.describe(), "new": new.describe(),
            **compare(old.document, new.document)}
