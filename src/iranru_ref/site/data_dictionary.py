"""The data dictionary page's content, read off the schemas generated from the models (which
tests keep equal to them), so the page cannot drift from the models.

Three parts: the objects of ``database.json`` (from ``exports.published_schema``), the CSV and
SQLite tables (from ``exports.tables``) and the curated record files (from
``record_schema_files``). Each is a list of sections, one per object type or table, each listing
its fields with their type, whether they are required, and their description. Then the terms
of ``claims.jsonld`` (from ``exports.claims_ld``), each of our own at the anchor its IRI
names, and the predicates (from the vocabulary), each at the anchor of its IRI there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..exports.claims_ld import PREDICATE_ANCHOR, PREFIXES, TERM_ANCHOR, TERMS
from ..exports.published_schema import database_schema
from ..exports.tables import TABLES
from ..records.model import SLUG
from ..records.schema_files import record_schemas
from ..records.vocabulary import Vocabulary

_SLUG_PATTERN = "^" + SLUG.pattern.removesuffix(r"\Z") + "$"


@dataclass(frozen=True, slots=True)
class FieldRow:
    name: str
    type: str
    required: str
    description: str


@dataclass(frozen=True, slots=True)
class Section:
    anchor: str
    title: str
    description: str
    fields: list[FieldRow]


def type_label(prop: dict[str, Any]) -> str:
    """A reader's name for a JSON Schema type: ``list of Citation``, ``id or null``."""
    if "$ref" in prop:
        return str(prop["$ref"]).rpartition("/")[2]
    if "anyOf" in prop:
        labels = [type_label(p) for p in prop["anyOf"] if p.get("type") != "null"]
        nullable = any(p.get("type") == "null" for p in prop["anyOf"])
        return " or ".join(labels + (["null"] if nullable else []))
    if "const" in prop:
        return json.dumps(prop["const"])
    if "enum" in prop:
        return "one of: " + ", ".join(str(value) for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {type_label(prop.get('items', {}))}"
    if kind == "object":
        values = prop.get("additionalProperties")
        if isinstance(values, dict):
            return f"mapping of names to {type_label(values)}"
        return "object"
    if kind == "string" and prop.get("pattern") == _SLUG_PATTERN:
        return "id"
    return str(kind or "any")


def _object(schema: dict[str, Any]) -> dict[str, Any] | None:
    if "properties" in schema:
        return schema
    for member in schema.get("anyOf", []):
        if "properties" in member:
            return dict(member)
    return None


def _sections(schema: dict[str, Any], prefix: str, root_title: str | None) -> list[Section]:
    """One section per object of ``schema``: the root first, then its definitions in the
    order they are first referred to."""
    definitions: dict[str, dict[str, Any]] = schema.get("$defs", {})
    order: list[tuple[str, dict[str, Any]]] = []
    if root_title is not None:
        order.append((root_title, schema))
    order.extend((name, definitions[name]) for name in _reference_order(schema))
    sections = []
    for title, definition in order:
        shape = _object(definition)
        if shape is None:
            continue
        required = set(shape.get("required", []))
        fields = [
            FieldRow(name, type_label(prop), "yes" if name in required else "no",
                     str(prop.get("description", "")))
            for name, prop in shape["properties"].items()
        ]
        description = str(definition.get("description") or shape.get("description") or "")
        description = description.split("\n\n")[0].replace("``", "")
        anchor = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        sections.append(Section(f"{prefix}-{anchor}", title,
                                " ".join(description.split()), fields))
    return sections


def _reference_order(schema: dict[str, Any]) -> list[str]:
    """The names of the definitions in the order a reader meets them, from the root down."""
    definitions: dict[str, Any] = schema.get("$defs", {})
    order: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            name = str(node.get("$ref", "")).rpartition("/")[2]
            if name in definitions and name not in order:
                order.append(name)
                visit(definitions[name])
            for key, value in node.items():
                if key != "$defs":
                    visit(value)

    visit(schema)
    return order + [name for name in definitions if name not in order]


def database_sections() -> list[Section]:
    return _sections(database_schema(), "json", "Top level")


def table_sections() -> list[Section]:
    sections = []
    for table in TABLES:
        fields = []
        for column in table.columns:
            keys = []
            if column.name in table.primary_key:
                keys.append("primary key")
            target = table.references(column.name)
            if target:
                keys.append(f"→ {target}")
            type_ = column.type + (f" ({', '.join(keys)})" if keys else "")
            fields.append(FieldRow(column.name, type_, "yes" if column.required else "no",
                                   column.description))
        sections.append(Section(f"table-{table.name}", table.name, table.description, fields))
    return sections


def record_sections() -> list[Section]:
    sections: list[Section] = []
    seen: set[str] = set()
    for schema in record_schemas().values():
        for section in _sections(schema, "record", schema["title"]):
            if section.title not in seen:
                seen.add(section.title)
                sections.append(section)
    return sections


@dataclass(frozen=True, slots=True)
class TermRow:
    name: str
    #: the anchor of a term of our own, whose IRI points here
    anchor: str | None
    #: the established term's compact IRI (a prefix of ``PREFIXES`` and a name)
    iri: str | None
    description: str


def term_rows() -> list[TermRow]:
    """The keys of ``claims.jsonld``: ours with their anchor, the others with their IRI."""
    return [TermRow(term.name, TERM_ANCHOR + term.name if term.ours else None, term.iri,
                    term.description) for term in TERMS]


def term_prefixes() -> dict[str, str]:
    """The prefixes of the established terms' IRIs."""
    used = {term.iri.partition(":")[0] for term in TERMS if term.iri is not None}
    return {prefix: iri for prefix, iri in PREFIXES.items() if prefix in used}


def predicate_rows(vocabulary: Vocabulary) -> list[dict[str, str]]:
    """The predicates, each with the anchor its IRI in ``claims.jsonld`` points to."""
    return [{"anchor": PREDICATE_ANCHOR + name, "name": name, "label": predicate.label,
             "inverse": predicate.inverse or "", "kind": predicate.kind,
             "domain": ", ".join(predicate.domain), "range": ", ".join(predicate.range),
             "description": predicate.description}
            for name, predicate in vocabulary.predicates.items()]
