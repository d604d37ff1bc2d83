"""The controlled vocabularies: entity types, predicates (with inverse labels) and tags.

Predicates are described as data in ``data/vocabulary/predicates.yml``: their kind, the entity
types they accept as subject (domain) and object (range), and the label that reads the relation
backwards. One generic function can then build the graph and both directions of every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from .model import Model, Text

EntityType = Literal["person", "organization", "treaty", "project", "place", "event", "figure"]

#: folder under ``data/`` → entity type, in the order the site lists them
FOLDERS: dict[str, EntityType] = {
    "people": "person",
    "organizations": "organization",
    "treaties": "treaty",
    "projects": "project",
    "places": "place",
    "events": "event",
    "figures": "figure",
}
TYPE_FOLDER: dict[str, str] = {kind: folder for folder, kind in FOLDERS.items()}
TYPE_TITLES: dict[str, str] = {
    "person": "People",
    "organization": "Organisations",
    "treaty": "Treaties and agreements",
    "project": "Projects",
    "place": "Places",
    "event": "Events",
    "figure": "Figures",
}
TYPE_LABELS: dict[str, str] = {
    "person": "Person",
    "organization": "Organisation",
    "treaty": "Treaty or agreement",
    "project": "Project",
    "place": "Place",
    "event": "Event",
    "figure": "Figure",
}
ENTITY_TYPES: tuple[EntityType, ...] = tuple(FOLDERS.values())

PredicateKind = Literal["relation", "statement", "quantity"]


class Predicate(Model):
    """One entry of the predicate vocabulary.

    * ``relation``: the claim names another entity as ``object``;
    * ``statement``: a fact or assertion about the subject, with no object and no value;
    * ``quantity``: a number, with ``value`` and ``unit``.
    """

    label: Text
    inverse: Text | None = None
    kind: PredicateKind
    domain: list[EntityType] = Field(default_factory=lambda: list(ENTITY_TYPES))
    range: list[EntityType] = Field(default_factory=list)
    description: Text


class Tag(Model):
    description: Text


@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    predicates: dict[str, Predicate]
    tags: dict[str, Tag]
