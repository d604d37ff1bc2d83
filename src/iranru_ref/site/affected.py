"""Which entity and source pages an edit of records can change, from the database before the
edit and after it.

An entity page shows its own record, every claim that names the entity (as subject, object,
speaker or where it was said), the names of the entities those claims name and of the subjects
of the claims a derived figure is computed from, the labels and publishers of the sources they
cite, and a drawing of its most connected neighbours (by how many neighbours each has). A source
page shows the claims that cite it, by text and the names they carry, and its publisher. So a
record's edit can change the pages of the entities named by a claim that names it (before or
after the edit), of the entities with more neighbours than a drawing shows next to an entity
whose neighbours it changed, of the entities
named by a claim citing a source it publishes, and the pages of the sources those claims cite.

The listings (indexes, tags, home, network, timeline, coverage) are rendered whole on every
edit, and an edit of the vocabulary, the sources, the settings or the releases changes what every
page may show, so the whole site is rendered again (``whole_site_changed``).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..database import Database
from ..records.claim import Claim
from ..records.source import Source
from ..urls import entity_page
from .graph_drawing import NEIGHBOURS_DRAWN


@dataclass(frozen=True, slots=True)
class Affected:
    #: the entities (of the database after the edit) whose pages are rendered again
    entities: frozenset[str]
    #: the sources whose pages are rendered again
    sources: frozenset[str]
    #: the entity pages of the database before the edit that no longer exist
    removed_pages: frozenset[str]


def _source_key(source: Source) -> tuple[object, ...]:
    return (source.meta, source.text, source.paragraphs)


def whole_site_changed(before: Database, after: Database) -> bool:
    """Whether the edit changed what any page may show: the vocabulary, the settings, the
    releases, or a source (its text, its metadata, or which sources there are)."""
    return (before.vocabulary.predicates != after.vocabulary.predicates
            or before.vocabulary.tags != after.vocabulary.tags
            or before.settings != after.settings
            or before.releases != after.releases
            or list(before.sources) != list(after.sources)
            or any(_source_key(source) != _source_key(after.sources[source_id])
                   for source_id, source in before.sources.items()))


def edited_entities(before: Database, after: Database) -> set[str]:
    """The records added, removed or changed (by their content, not their file's bytes)."""
    edited = set(before.entities.keys() ^ after.entities.keys())
    for entity_id in before.entities.keys() & after.entities.keys():
        old, new = before.entities[entity_id], after.entities[entity_id]
        if old.type != new.type or old.entity != new.entity:
            edited.add(entity_id)
    return edited


def _named(subject: str, claim: Claim) -> set[str]:
    """The entities a claim names or shows the name of: its subject, object and speakers, where
    it was said, and the subjects of the claims a derived figure is computed from."""
    named = {subject, *claim.attributed_to}
    if claim.object:
        named.add(claim.object)
    if claim.said_in:
        named.add(claim.said_in)
    if claim.derived is not None:
        named.update(claim_id.split(".", 1)[0] for claim_id in claim.derived.inputs)
    return named


def _neighbours(graph: nx.MultiDiGraph, entity_id: str) -> set[str]:
    if entity_id not in graph:
        return set()
    return set(graph.successors(entity_id)) | set(graph.predecessors(entity_id))


def affected_pages(before: Database, after: Database, before_graph: nx.MultiDiGraph,
                   after_graph: nx.MultiDiGraph, edited: set[str]) -> Affected:
    """The pages that the edit of the records ``edited`` (``edited_entities``) can change."""
    entities = set(edited)
    sources: set[str] = set()
    publishers = {source.id for database in (before, after)
                  for source in database.sources.values() if source.meta.publisher in edited}
    sources.update(publishers)
    for database in (before, after):
        for ref in database.claims():
            named = _named(ref.subject.id, ref.claim)
            cited = {citation.source for citation in ref.claim.citations}
            if named & edited:
                entities.update(named)
                sources.update(cited)
            elif cited & publishers:  # the pages carry the source's publisher in their JSON-LD
                entities.update(named)
    # An entity's drawing shows its NEIGHBOURS_DRAWN most connected neighbours: it changes when
    # one of them gains or loses a neighbour, if it has more than that many.
    candidates = set(edited)
    for graph in (before_graph, after_graph):
        for entity_id in edited:
            candidates.update(_neighbours(graph, entity_id))
    for entity_id in candidates:
        around = _neighbours(after_graph, entity_id)
        if _neighbours(before_graph, entity_id) == around:
            continue
        entities.update(neighbour for neighbour in around | _neighbours(before_graph, entity_id)
                        if len(_neighbours(after_graph, neighbour)) > NEIGHBOURS_DRAWN)
    removed = {
        entity_page(record.type, record.id) for record in before.entities.values()
        if record.id in edited and (record.id not in after.entities
                                    or after.entities[record.id].type != record.type)
    }
    return Affected(frozenset(entities & after.entities.keys()),
                    frozenset(sources & after.sources.keys()), frozenset(removed))
