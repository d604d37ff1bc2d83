"""The entity graph: a networkx MultiDiGraph with one typed edge per relation claim.

Edges carry the predicate, its label and inverse label (from the vocabulary), so pages read
the relation forwards on the subject's page and backwards on the object's page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from .database import ClaimRef, Database


def build_graph(database: Database) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for record in database.entities.values():
        graph.add_node(
            record.id, type=record.type, name=record.name, tags=list(record.entity.tags)
        )
    predicates = database.vocabulary.predicates
    for ref in database.claims():
        claim = ref.claim
        if claim.object is None or claim.object not in graph:
            continue
        predicate = predicates[claim.predicate]
        graph.add_edge(
            ref.subject.id,
            claim.object,
            key=ref.id,
            predicate=claim.predicate,
            label=predicate.label,
            inverse=predicate.inverse or predicate.label,
            claim=ref,
        )
    return graph


@dataclass(frozen=True, slots=True)
class Neighbour:
    entity_id: str
    predicate: str
    label: str
    outgoing: bool
    claim: ClaimRef


def neighbours(graph: nx.MultiDiGraph, entity_id: str) -> list[Neighbour]:
    """Every relation touching ``entity_id``, read from its side: forwards out, backwards in."""
    found = [
        Neighbour(target, data["predicate"], data["label"], True, data["claim"])
        for _, target, data in graph.out_edges(entity_id, data=True)
    ]
    found.extend(
        Neighbour(source, data["predicate"], data["inverse"], False, data["claim"])
        for source, _, data in graph.in_edges(entity_id, data=True)
    )
    return found


def incident_edges(graph: nx.MultiDiGraph, entity_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every edge from or to ``entity_id`` (a loop once), ordered by source id and then as
    stored: the same order whatever ``PYTHONHASHSEED`` is, as reproducible builds need. Only
    the entity's own edges are read, however many edges its neighbours have."""
    edges = [*graph.out_edges(entity_id, data=True),
             *(edge for edge in graph.in_edges(entity_id, data=True) if edge[0] != entity_id)]
    edges.sort(key=lambda edge: edge[0])  # stable: each source's edges stay as stored
    return edges


def degrees(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each entity's number of distinct neighbours."""
    return {node: len(set(graph.successors(node)) | set(graph.predecessors(node)))
            for node in graph}


def most_connected(graph: nx.MultiDiGraph, count: int = 10) -> list[tuple[str, int]]:
    """Entities with the most distinct neighbours, most first, ties by id."""
    return sorted(degrees(graph).items(), key=lambda item: (-item[1], item[0]))[:count]
