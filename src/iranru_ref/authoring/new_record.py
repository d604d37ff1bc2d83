"""``iranru-ref new TYPE ID``: a new entity record with every field laid out.

The record is written from the entity schema. The name and tags get their values; one claim is
laid out with its required fields and those of its citation set to ``FILL-IN``, which the check
reports until the curator replaces them; every optional field is a commented-out line whose
value is an example and whose comment says what it means, so that uncommenting it gives a valid
field. An event also gets its own date, commented out. The first line points the YAML language
server at the schema. An existing file is never overwritten.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

import yaml

from ..errors import IranruError, Problem, ValidationFailed
from ..load.project import RECORD_SUFFIX, Project
from ..load.vocabulary import load_vocabulary
from ..records.model import PLACEHOLDER, SLUG, name_problem, reserved_id
from ..records.schema_files import ENTITY_SCHEMA, SCHEMAS_DIR, record_schemas
from ..records.vocabulary import FOLDERS, TYPE_FOLDER, Vocabulary

_FILLED = ("name", "tags", "claims")
#: the fields only some types have
_ONLY_FOR = {"date": "event"}

#: one line of the layout: its indent, ``field: value``, its comment, and the column of its
#: ``# `` when it is commented out (that of its outermost commented-out field), or None
Line = tuple[int, str, str, int | None]


def default_name(entity_id: str) -> str:
    """``sergei-lavrov`` → ``Sergei Lavrov``: a placeholder for the curator to correct."""
    return " ".join(part.capitalize() for part in entity_id.split("-"))


def _flow(value: Any) -> str:
    """``value`` as YAML on one line: ``[alexey-dedov]``, ``'2022'``, ``true``."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000)
    return text.removesuffix("\n").removesuffix("\n...")


def _object_of(prop: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any] | None:
    """The mapping a property holds (through a ``$ref`` or a member of an ``anyOf``), if any."""
    members: list[dict[str, Any]] = [prop, *prop.get("anyOf", [])]
    for member in members:
        if "$ref" in member:
            return _object_of(definitions[str(member["$ref"]).rpartition("/")[2]], definitions)
        if "properties" in member:
            return member
    return None


def _lines(name: str, prop: dict[str, Any], definitions: dict[str, Any],
           hints: dict[str, str], commented: bool, fill: bool) -> list[Line]:
    """``name`` laid out: a value on one line, or a mapping (or a list of one) field by field.
    With ``fill`` the required values are the placeholder, otherwise examples."""
    help = prop.get("description", "")
    marker = 0 if commented else None
    mapping = _object_of(prop, definitions)
    item = _object_of(prop["items"], definitions) if "items" in prop else None
    if mapping is None and item is None:
        examples = prop.get("examples", [])
        example = _flow(examples[0]) if examples else "..."
        if fill:
            hint = hints.get(name) or (f"Example: {example}" if examples else "")
            return [(0, f"{name}: {PLACEHOLDER}", f"{help} {hint}".strip(), marker)]
        return [(0, f"{name}: {example}", help, marker)]
    fields = item or mapping
    assert fields is not None
    required = set(fields.get("required", []))
    inner: list[Line] = []
    for field, field_prop in fields["properties"].items():
        optional = field not in required
        inner.extend(_lines(field, field_prop, definitions, hints, optional and not commented,
                            fill and not optional))
    if item is not None:  # one item of the list: its first field starts it
        inner = [(indent + (2 if number else 0), ("" if number else "- ") + text, note,
                  None if out is None else out + (2 if number else 0))
                 for number, (indent, text, note, out) in enumerate(inner)]
    return [(0, f"{name}:", help, marker),
            *[(indent + 2, text, note, marker if commented else None if out is None else out + 2)
              for indent, text, note, out in inner]]


def _render(lines: list[Line]) -> list[str]:
    """Each line at its indent; a commented-out one has its ``# `` at the column of the field
    that is commented out, so that deleting the ``# `` gives the field, at its place."""
    rendered = []
    for indent, text, note, marker in lines:
        lead = " " * indent if marker is None else " " * marker + "# " + " " * (indent - marker)
        rendered.append(f"{lead}{text}  # {note}" if note else f"{lead}{text}")
    return rendered


def record_text(entity_type: str, name: str, tags: list[str], vocabulary: Vocabulary,
                source_ids: list[str]) -> str:
    schema = record_schemas()[ENTITY_SCHEMA]
    definitions = schema["$defs"]
    schema_path = posixpath.join("..", "..", SCHEMAS_DIR, ENTITY_SCHEMA)
    missing = set(schema["required"]) - set(_FILLED)
    if missing:
        raise AssertionError(f"the scaffold cannot fill the required fields {sorted(missing)}")
    predicates = [name for name, p in vocabulary.predicates.items() if entity_type in p.domain]
    hints = {
        "predicate": "One of: " + ", ".join(predicates) + "." if predicates else "",
        "source": "One of: " + ", ".join(source_ids) + "." if source_ids else "",
    }
    text = [f"# yaml-language-server: $schema={schema_path}",
            f"# A new {entity_type}. Replace each {PLACEHOLDER} with what the sources say "
            "(iranru-ref check lists any left),",
            "# and uncomment the optional fields they support by deleting the '# ' before "
            "the field's name.",
            "# Each value shown is an example. The site's Data dictionary page describes every "
            "field,",
            "# and docs/methodology.md says how to choose predicates, dates and attributions."]
    for field, prop in schema["properties"].items():
        if _ONLY_FOR.get(field, entity_type) != entity_type:
            continue
        if field == "name":
            text.append(f"name: {json.dumps(name, ensure_ascii=False)}  # {prop['description']}")
        elif field == "tags":
            text.append(f"tags: [{', '.join(tags)}]  # {prop['description']}")
        elif field == "claims":
            claims = _lines(field, prop, definitions, hints, commented=False, fill=True)
            text.append(_render(claims[:1])[0])
            text.extend([
                "  # Each claim is one fact from the sources, in its own item. A record that "
                "only other records'",
                "  # claims name (as their object, speaker or interview) may have none: then "
                "write 'claims: []'.",
            ])
            text.extend(_render(claims[1:]))
        else:
            text.extend(_render(_lines(field, prop, definitions, hints, commented=True,
                                       fill=False)))
    return "\n".join(text) + "\n"


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
