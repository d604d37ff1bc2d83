"""The home page and the network; the dated claims that the timeline lists (``timeline_pages``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from ..database import Database
from ..graph import degrees, most_connected
from ..records.vocabulary import FOLDERS
from ..urls import relative, source_page
from . import paging
from .graph_drawing import LAYOUT_CACHE, network_drawing
from .paging import numbered, parts_nav, split
from .render import Site
from .views import TimelineEntry, dated_entries

#: How many sources the home page lists (the newest, when there are more).
HOME_SOURCES = 10


def write_home(site: Site, dated: list[TimelineEntry]) -> None:
    page = "index.md"
    database = site.database
    counts = type_counts(database)
    connected = [
        {**site.views.entity_link(page, entity_id), "degree": degree}
        for entity_id, degree in most_connected(site.graph, 10)
    ]
    timeline = timeline_items(site, page, dated[:: max(1, len(dated) // 8)][:8])
    # Beyond a part's worth of entities the type indexes list them, as on the network page.
    every = {
        entity_type: sorted(
            (site.views.entity_link(page, r.id) for r in database.entities.values()
             if r.type == entity_type),
            key=lambda link: link["name"].casefold(),
        )
        for entity_type in FOLDERS.values()
    } if len(database.entities) <= paging.PER_PART else {}
    shown = list(database.sources.values())
    if len(shown) > HOME_SOURCES:
        shown = sorted(shown, key=lambda s: (s.meta.date.sort_key, s.id), reverse=True)
        shown = shown[:HOME_SOURCES]
    sources = [
        {"label": s.meta.label or s.meta.title, "title": s.meta.title,
         "date": s.meta.date.label(), "href": relative(page, source_page(s.id))}
        for s in shown
    ]
    site.render(
        page, "home.md.j2",
        counts=counts,
        entity_total=len(database.entities),
        claim_total=sum(len(record.entity.claims) for record in database.entities.values()),
        citation_total=sum(len(claim.citations) for record in database.entities.values()
                           for claim in record.entity.claims),
        connected=connected,
        every={t: links for t, links in every.items() if links},
        timeline=timeline,
        sources=sources,
        source_total=len(database.sources),
    )


def type_counts(database: Database) -> dict[str, int]:
    """How many entities each type has, in the vocabulary's order of types."""
    found = Counter(record.type for record in database.entities.values())
    return {entity_type: found[entity_type] for entity_type in FOLDERS.values()}


def write_network(site: Site) -> None:
    page = "network.md"
    graph = site.graph
    # A graph of thousands of entities is unreadable: beyond PER_PART, the most connected.
    drawn = (set(graph.nodes) if len(graph) <= paging.PER_PART
             else {node for node, _ in most_connected(graph, paging.PER_PART)})
    drawing = network_drawing(graph, drawn, degrees(graph),
                              lambda n: site.views.entity_link(page, n)["href"],
                              site.project.root / LAYOUT_CACHE)
    by_type: dict[str, list[dict[str, str]]] = defaultdict(list)
    for node in sorted(drawn):
        link = site.views.entity_link(page, node)
        by_type[link["type"]].append(link)
    relations = sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))
    parts = split(page, relations, numbered("relation", "relations"))
    for part in parts:
        context: dict[str, Any] = {
            "parts": parts_nav(part.page, parts, part),
            "relation_total": len(relations),
            "relations": [
                {"source": site.views.entity_link(part.page, s), "label": d["label"],
                 "target": site.views.entity_link(part.page, t)}
                for s, t, d in part.items
            ],
        }
        if part.number > 1:
            site.render(part.page, "network_relations.md.j2", **context)
            continue
        site.render(
            page, "network.md.j2", **context,
            drawing=drawing,
            entity_total=len(graph),
            tags=sorted(site.database.vocabulary.tags),
            types=[t for t in FOLDERS.values() if by_type.get(t)],
            by_type={t: sorted(v, key=lambda n: n["name"].casefold())
                     for t, v in by_type.items()},
            type_counts=type_counts(site.database),
        )


def dated_claims(database: Database) -> list[TimelineEntry]:
    """Every dated claim, and every event at its own date, oldest first."""
    return dated_entries(database)


def timeline_items(site: Site, page: str, refs: Sequence[TimelineEntry]) -> list[dict[str, Any]]:
    return [site.views.timeline_entry(page, ref) for ref in refs]
