"""``iranru-ref new TYPE ID``: a new entity record that validates from the first save.

The record is written from the entity schema: the required fields get values (the name, the
tags), every optional field is a commented-out line with its help text, and a commented claim
shows the required claim and citation fields with the predicates this type may use. The first
line points the YAML language server at the schema. An existing file is never overwritten.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from ..errors import IranruError, Problem, ValidationFailed
from ..load.project import RECORD_SUFFIX, Project
from ..load.vocabulary import load_vocabulary
from ..records.model import SLUG, name_problem, reserved_id
from ..records.schema_files import ENTITY_SCHEMA, SCHEMAS_DIR, record_schemas
from ..records.vocabulary import FOLDERS, TYPE_FOLDER, Vocabulary

_FILLED = ("name", "tags", "claims")


def default_name(entity_id: str) -> str:
    """``sergei-lavrov`` → ``Sergei Lavrov``: a placeholder for the curator to correct."""
    return " ".join(part.capitalize() for part in entity_id.split("-"))


def _placeholder(prop: dict[str, Any]) -> str:
    kinds = {member.get("type") for member in prop.get("anyOf", [prop])}
    if "array" in kinds:
        return "[]"
    if "boolean" in kinds:
        return "false"
    return "..."


def record_text(entity_type: str, name: str, tags: list[str], vocabulary: Vocabulary,
                source_ids: list[str]) -> str:
    schema = record_schemas()[ENTITY_SCHEMA]
    schema_path = posixpath.join("..", "..", SCHEMAS_DIR, ENTITY_SCHEMA)
    missing = set(schema["required"]) - set(_FILLED)
    if missing:
        raise AssertionError(f"the scaffold cannot fill the required fields {sorted(missing)}")
    lines = [f"# yaml-language-server: $schema={schema_path}",
             f"# A new {entity_type}. Uncomment and fill in what the sources say; every "
             "field is", "# described on the site's Data dictionary page."]
    for field, prop in schema["properties"].items():
        if field == "name":
            lines.append(f"name: {json.dumps(name, ensure_ascii=False)}")
        elif field == "tags":
            lines.append(f"tags: [{', '.join(tags)}]")
        elif field != "claims":
            lines.append(f"# {field}: {_placeholder(prop)}  # {prop.get('description', '')}")
    lines.extend(_claims_block(entity_type, vocabulary, source_ids))
    return "\n".join(lines) + "\n"


def _claims_block(entity_type: str, vocabulary: Vocabulary, source_ids: list[str]) -> list[str]:
    definitions = record_schemas()[ENTITY_SCHEMA]["$defs"]
    claim, citation = definitions["Claim"], definitions["Citation"]
    predicates = [name for name, p in vocabulary.predicates.items() if entity_type in p.domain]
    hints = {
        "predicate": "one of: " + ", ".join(predicates) if predicates else "",
        "source": "one of: " + ", ".join(source_ids) if source_ids else "",
    }
    lines = ["claims: []", "# Replace [] by a list of claims, each like this:"]
    for index, field in enumerate(f for f in claim["required"] if f != "citations"):
        lead = "  - " if index == 0 else "    "
        help = hints.get(field) or claim["properties"][field].get("description", "")
        lines.append(f"# {lead}{field}: ...  # {help}")
    lines.append("#     citations:")
    for index, field in enumerate(citation["required"]):
        lead = "      - " if index == 0 else "        "
        help = hints.get(field) or citation["properties"][field].get("description", "")
        value = "1" if citation["properties"][field].get("type") == "integer" else "..."
        lines.append(f"# {lead}{field}: {value}  # {help}")
    return lines


def _existing(project: Project, entity_id: str) -> Path | None:
    for folder in FOLDERS:
        path = project.data_dir / folder / f"{entity_id}{RECORD_SUFFIX}"
        if path.exists():
            return path
    return None


def new_record(project: Project, entity_type: str, entity_id: str, tags: list[str],
               name: str | None = None) -> Path:
    """Write ``data/<folder>/<entity_id>.yml`` and return its path."""
    if entity_type not in TYPE_FOLDER:
        raise IranruError(f"unknown type {entity_type!r}; expected one of: "
                          + ", ".join(TYPE_FOLDER))
    path = project.data_dir / TYPE_FOLDER[entity_type] / f"{entity_id}{RECORD_SUFFIX}"
    display = project.display(path)
    if not SLUG.match(entity_id):
        raise IranruError(f"{display}:1: {entity_id!r} is not a valid id: an id is lowercase "
                          "letters, digits and hyphens, like 'sergei-lavrov'")
    reserved = reserved_id(entity_id, "a record's id")
    if reserved is not None:
        raise IranruError(f"{display}:1: {reserved}; choose another id")
    if name is not None:
        wrong = name_problem(name) if name.strip() else "the name is empty"
        if wrong is not None:
            raise IranruError(f"--name: {wrong}")
    existing = _existing(project, entity_id)
    if existing is not None:
        raise IranruError(f"{project.display(existing)}:1: already exists; nothing was written "
                          "(ids are unique across all types, and new never overwrites)")
    problems: list[Problem] = []
    vocabulary = load_vocabulary(project, problems, set())
    if problems:
        raise ValidationFailed(problems)
    if not tags:
        raise IranruError("give at least one --tag; one of: " + ", ".join(vocabulary.tags))
    unknown = [tag for tag in tags if tag not in vocabulary.tags]
    if unknown:
        raise IranruError(f"unknown tag {unknown[0]!r}; expected one of: "
                          + ", ".join(vocabulary.tags)
                          + " (or add it to data/vocabulary/tags.yml)")
    source_ids = sorted(p.stem for p in project.sources_dir.glob("*.yml"))
    text = record_text(entity_type, default_name(entity_id) if name is None else name,
                       list(dict.fromkeys(tags)), vocabulary, source_ids)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise IranruError(f"{display}:1: already exists; nothing was written") from None
    return path
