"""Entity pages: claims, relations, mentions, key dates and figures, and the neighbourhood graph."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from typing import Any

from markupsafe import Markup

from ..database import ClaimRef, Database, EntityRecord
from ..graph import degrees, neighbours
from ..records.vocabulary import TYPE_LABELS
from ..urls import entity_page, relative, source_page
from .claim_memo import ClaimMemo
from .graph_drawing import NEIGHBOURS_DRAWN, neighbourhood_drawing, ranked_neighbours
from .jsonld import SourceNodes, entity_jsonld
from .render import Site
from .search_filters import entity_filters
from .views import EventDateRef, dated_as_event, timeline_key

#: How many key dates and key figures an entity's infobox shows.
KEY_ITEMS = 5


def claims_about(database: Database) -> dict[str, list[ClaimRef]]:
    """For each entity, the claims that name it as subject, object or speaker."""
    about: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in database.claims():
        seen = {ref.subject.id}
        about[ref.subject.id].append(ref)
        for other in (ref.claim.object, ref.claim.said_in, *ref.claim.attributed_to):
            if other and other not in seen:
                seen.add(other)
                about[other].append(ref)
    return about


def write_entity_pages(site: Site, advance: Callable[[], None],
                       only: Collection[str] | None = None) -> None:
    """A page for each entity (or for the entities ``only`` names); ``advance`` is called after
    each one."""
    about = claims_about(site.database)
    records = [record for record in site.database.entities.values()
               if only is None or record.id in only]
    claims = ClaimMemo(site.views, site.env.get_template("_macros.md.j2").module,
                       (about[record.id] for record in records))
    source_nodes = SourceNodes(site.database)
    degree = degrees(site.graph)
    for record in records:
        _entity_page(site, claims, source_nodes, degree, record, about[record.id])
        advance()


def _entity_page(site: Site, claims: ClaimMemo, source_nodes: SourceNodes,
                 degree: dict[str, int], record: EntityRecord, about: list[ClaimRef]) -> None:
    page = entity_page(record.type, record.id)
    views = site.views
    own = [ref for ref in about if ref.subject.id == record.id]
    groups: dict[str, list[Markup]] = {"relation": [], "statement": [], "quantity": []}
    for ref in own:
        groups[views.claim_kind(ref)].append(claims.item(ref))
    related: dict[tuple[str, bool], list[dict[str, Any]]] = defaultdict(list)
    for neighbour in neighbours(site.graph, record.id):
        related[(neighbour.label, neighbour.outgoing)].append({
            "entity": views.entity_link(page, neighbour.entity_id),
            "cites": claims.cites(neighbour.claim),
        })
    incoming = [
        {"label": label, "items": items}
        for (label, outgoing), items in sorted(related.items(), key=lambda kv: kv[0])
        if not outgoing
    ]
    outgoing_related = [
        {"label": label, "items": items}
        for (label, outgoing), items in sorted(related.items(), key=lambda kv: kv[0])
        if outgoing
    ]
    reported = [
        claims.item(ref, show_subject=True) for ref in about
        if ref.subject.id != record.id and record.id in (*ref.claim.attributed_to,
                                                         ref.claim.said_in)
        and ref.claim.object != record.id
    ]
    mentions: dict[str, set[int]] = defaultdict(set)
    own_date = views.event_date(page, record)
    if own_date is not None and record.entity.date is not None:
        for citation in record.entity.date.citations:
            mentions[citation.source].add(citation.paragraph)
    for ref in about:
        for citation in ref.claim.citations:
            mentions[citation.source].add(citation.paragraph)
    mentioned_in = [
        {
            "label": views.source_labels[source_id],
            "href": relative(page, source_page(source_id)),
            "paragraphs": [
                {"n": n, "href": relative(page, source_page(source_id), f"p{n}")}
                for n in sorted(paragraphs)
            ],
        }
        for source_id, paragraphs in sorted(mentions.items())
        if source_id in site.database.sources
    ]
    # The infobox keeps a few: the entity's own claims first, then claims naming it.
    # An event's own date, shown above them, stands for its claims of that date.
    events = {record.id: EventDateRef(record)} if own_date else {}
    dated = sorted((ref for ref in about if ref.claim.date and not dated_as_event(ref, events)),
                   key=lambda ref: (ref.subject.id != record.id, timeline_key(ref)))
    dates = sorted({_key_date(page, ref) for ref in dated[:KEY_ITEMS]})
    figures = [claims.view(ref) for ref in sorted(
        (ref for ref in about if ref.claim.value is not None),
        key=lambda ref: ref.subject.id != record.id)][:KEY_ITEMS]
    site.render(
        page, "entity.md.j2",
        entity=views.entity_summary(page, record),
        own_date=own_date,
        notes=list(record.entity.notes),
        groups=groups,
        related_out=outgoing_related,
        related_in=incoming,
        reported=reported,
        mentioned_in=mentioned_in,
        key_dates=[{"label": label, "short": short, "text": text, "href": href}
                   for _, label, short, text, href in dates],
        key_figures=figures,
        graph=_neighbourhood(site, page, record.id, degree),
        jsonld=entity_jsonld(site.database, record, about, source_nodes),
        search_filters=entity_filters(TYPE_LABELS[record.type], record.entity.tags,
                                      (views.source_labels[source_id] for source_id in mentions
                                       if source_id in site.database.sources)),
    )
    claims.shown(about)


def _key_date(page: str, ref: ClaimRef) -> tuple[str, str, str, str, str]:
    """(sort key, full label, short label, claim text, link to the claim) for an infobox."""
    date = ref.claim.date
    assert date is not None
    return (date.sort_key, date.label(), date.short_label(), ref.claim.text,
            relative(page, entity_page(ref.subject.type, ref.subject.id), ref.anchor))


def _neighbourhood(site: Site, page: str, entity_id: str,
                   degree: dict[str, int]) -> dict[str, Any] | None:
    """The drawing of the entity's most connected neighbours, and how many it has in all."""
    ranked = ranked_neighbours(site.graph, entity_id, degree)
    if not ranked:
        return None
    drawn = ranked[:NEIGHBOURS_DRAWN]
    drawing = neighbourhood_drawing(site.graph, entity_id, drawn,
                                    lambda n: site.views.entity_link(page, n)["href"])
    return {"drawing": drawing, "drawn": len(drawn), "total": len(ranked)}
