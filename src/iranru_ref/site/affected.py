"""Which pages an edit of records can change, from the database before the edit and after it.

An entity page (with the complete lists beside it, ``entity_lists``) shows its own record,
every claim that names the entity (as subject, object, speaker or where it was said), the
names of the entities those claims name and of the subjects of the claims a derived figure is
computed from, the labels and publishers of the sources they cite, and its neighbours, drawn
and listed the most connected first (by how many neighbours each has); an event's page, its
own date, with the sources that state it. A source page shows the claims that
cite it, by text and the names they carry, the events whose date it states, and its publisher.
So a record's edit can change the pages of the entities named by a claim that names it (before
or after the edit), of the entities named by a claim citing a source it publishes (and of the
events whose date such a source states), of the neighbours of an entity whose neighbours it
changed, and the pages of the sources those claims, and the record's own date, cite.

The listings show, of a record: its entry in its type's index and on its tags' pages; the
claims that name it on the timeline and on the timelines of their subjects' tags (if dated),
and its own date (which stands for the claims about it of that date), and in the figures table
(if they have a value);
its name, type, tags and relations on the network page; and its claims' citations in the
coverage report and the sources index. The home page is rendered on every edit.

An edit of the vocabulary, the sources, the settings or the releases changes what every page
may show, so the whole site is rendered again (``whole_site_changed``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from ..database import Database, EntityRecord
from ..records.claim import Claim
from ..records.source import Source
from .views import dated_entries


@dataclass(frozen=True, slots=True)
class Listings:
    """The listings to render: the home page (and the tags index), the indexes of these types
    and the pages of these tags (``None``: all of them), the timeline (and these tags'), the
    network page and its relations, and the coverage report with the sources index."""

    home: bool = True
    types: frozenset[str] | None = None
    tags: frozenset[str] | None = None
    timeline: bool = True
    #: the tags whose timelines are rendered with the timeline (``None``: all of them)
    tag_timelines: frozenset[str] | None = None
    network: bool = True
    citations: bool = True


ALL_LISTINGS = Listings()
NO_LISTINGS = Listings(False, frozenset(), frozenset(), False, frozenset(), False, False)


@dataclass(frozen=True, slots=True)
class Affected:
    #: the entities (of the database after the edit) whose pages are rendered again
    entities: frozenset[str]
    #: the sources whose pages are rendered again
    sources: frozenset[str]
    listings: Listings


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
        if old.type != new.type or (old.entity is not new.entity and old.entity != new.entity):
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


def _in_network(graph: nx.MultiDiGraph, entity_id: str) -> tuple[object, ...] | None:
    """What the network page shows of an entity: its node and its relations."""
    if entity_id not in graph:
        return None
    edges = sorted((source, target, data["label"]) for source, target, data in
                   [*graph.out_edges(entity_id, data=True), *graph.in_edges(entity_id, data=True)])
    node = graph.nodes[entity_id]
    return (node["name"], node["type"], tuple(node["tags"]), tuple(edges))


def _citations(record: EntityRecord | None) -> tuple[object, ...]:
    """What the coverage report and the sources index count of a record: which paragraphs
    each of its claims cites."""
    if record is None:
        return ()
    return tuple((claim.id, tuple(sorted({(c.source, c.paragraph) for c in claim.citations})))
                 for claim in record.entity.claims)


def _recounted(before: Database, after: Database) -> set[str]:
    """The tags whose count of timeline entries differs."""
    counts = [Counter(tag for entry in dated_entries(database) for tag in entry.subject.entity.tags)
              for database in (before, after)]
    return {tag for tag in counts[0].keys() | counts[1].keys() if counts[0][tag] != counts[1][tag]}


def affected_pages(before: Database, after: Database, before_graph: nx.MultiDiGraph,
                   after_graph: nx.MultiDiGraph, edited: set[str]) -> Affected:
    """The pages that the edit of the records ``edited`` (``edited_entities``) can change."""
    entities = set(edited)
    sources: set[str] = set()
    dated = valued = False
    timeline_tags: set[str] = set()  # of the subjects of the timeline's entries the edit touched
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
                if ref.claim.date is not None:
                    dated = True
                    timeline_tags.update(ref.subject.entity.tags)
                valued = valued or ref.claim.value is not None
            elif cited & publishers:  # the pages carry the source's publisher in their JSON-LD
                entities.update(named)
        for event in database.entities.values():  # an event's own date, and its citations
            if event.entity.date is None:
                continue
            cited = {citation.source for citation in event.entity.date.citations}
            if event.id in edited:
                sources.update(cited)
                dated = True
                timeline_tags.update(event.entity.tags)
            elif cited & publishers:
                entities.add(event.id)
    # An entity page lists and draws its neighbours the most connected first: it changes when
    # one of them gains or loses a neighbour.
    candidates = set(edited)
    for graph in (before_graph, after_graph):
        for entity_id in edited:
            candidates.update(_neighbours(graph, entity_id))
    for entity_id in candidates:
        around = _neighbours(after_graph, entity_id)
        if _neighbours(before_graph, entity_id) != around:
            entities.update(around | _neighbours(before_graph, entity_id))
    records = [record for database in (before, after) for entity_id in edited
               if (record := database.entities.get(entity_id)) is not None]
    # Every timeline page counts each tag's entries, and so does each tag's page: when a count
    # changes, every tag's timeline is rendered, and the pages of the tags whose count changed.
    recounted = _recounted(before, after) if dated else set()
    listings = Listings(
        home=bool(edited),
        types=frozenset({record.type for record in records} | ({"figure"} if valued else set())),
        tags=frozenset({tag for record in records for tag in record.entity.tags} | recounted),
        timeline=dated,
        tag_timelines=None if recounted else frozenset(timeline_tags),
        network=any(_in_network(before_graph, entity_id) != _in_network(after_graph, entity_id)
                    for entity_id in edited),
        citations=any(_citations(before.entities.get(entity_id))
                      != _citations(after.entities.get(entity_id)) for entity_id in edited),
    )
    return Affected(frozenset(entities & after.entities.keys()),
                    frozenset(sources & after.sources.keys()), listings)
