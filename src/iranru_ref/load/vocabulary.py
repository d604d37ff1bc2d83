"""Loading the vocabulary: the predicates and tags of ``data/vocabulary/``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel

from ..errors import Problem
from ..records.model import PREDICATE_NAME, SLUG, reserved_id
from ..records.vocabulary import Predicate, Tag, Vocabulary
from .files import ProjectFiles
from .messages import validate
from .project import Project
from .yaml_file import load_yaml

M = TypeVar("M", bound=BaseModel)


def _tag_name(key: object) -> str | None:
    """Why ``key`` cannot name a tag (records list it in ``tags``, and it gets a page), or None."""
    if not isinstance(key, str) or not SLUG.match(key):
        return (f"the tag name {key!r} is not valid: a tag is lowercase letters, digits and "
                "hyphens (like 'war-in-ukraine'), as the records write it; rename it")
    reserved = reserved_id(key, "a tag")
    return f"the tag name {reserved}; rename it" if reserved is not None else None


def _predicate_name(key: object) -> str | None:
    """Why ``key`` cannot name a predicate (claims give it as ``predicate``), or None."""
    if not isinstance(key, str) or not PREDICATE_NAME.match(key):
        return (f"the predicate name {key!r} is not valid: a predicate is lowercase letters and "
                "underscores (like 'ambassador_to'), as the claims write it; rename it")
    return None


def _load_mapping_of(
    model: type[M], project: Project, name: str, problems: list[Problem],
    broken: set[str], files: ProjectFiles | None, key_problem: Callable[[object], str | None],
) -> dict[str, M]:
    """The entries of one vocabulary file; names that fail to load go in ``broken`` as
    ``<file stem>:<name>``, or ``<file stem>:*`` when the whole file does."""
    path = project.vocabulary_dir / name
    display = project.display(path)
    kind = path.stem
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(display, 1, "the vocabulary file is missing; restore it from git"))
        broken.add(f"{kind}:*")
        return {}
    document = load_yaml(path, display, problems, files or ProjectFiles(project.root))
    if document is None:
        broken.add(f"{kind}:*")
        return {}
    if not isinstance(document.data, dict):
        problems.append(Problem(display, 1, "expected a mapping of names to entries"))
        broken.add(f"{kind}:*")
        return {}
    entries: dict[str, M] = {}
    for key in document.data:
        wrong = key_problem(key)
        if wrong is not None:
            problems.append(Problem(display, document.line_of((key,)), wrong))
        entry = validate(model, document.part(key), problems)
        if entry is not None and wrong is None:
            entries[str(key)] = entry
        else:
            broken.add(f"{kind}:{key}")
    return entries


def load_vocabulary(
    project: Project, problems: list[Problem], broken: set[str],
    files: ProjectFiles | None = None,
) -> Vocabulary:
    files = files or ProjectFiles(project.root)
    return Vocabulary(
        predicates=_load_mapping_of(Predicate, project, "predicates.yml", problems, broken, files,
                                    _predicate_name),
        tags=_load_mapping_of(Tag, project, "tags.yml", problems, broken, files, _tag_name),
    )
