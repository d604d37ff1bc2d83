"""Entity pages: claims, relations, mentions, key dates and figures, and the neighbourhood graph.

The lists of related entities, of sources and of the claims an entity said or reported are
capped, with links to their complete lists (``entity_lists``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from typing import Any

from markupsafe import Markup

from ..database import ClaimRef, Database, EntityRecord
from ..exports.entity_records import record_path
from ..graph import degrees, neighbours
from ..records.vocabulary import TYPE_LABELS
from ..urls import entity_page, relation_key, relative
from .citation import Edition, page_citation
from .claim_memo import ClaimMemo
from .entity_lists import (
    RELATED_SHOWN,
    REPORTED_SHOWN,
    SOURCES_SHOWN,
    Related,
    mention_item,
    mentions,
    related,
    related_item,
    reported,
    reported_roles,
    write_mentions_list,
    write_related_list,
    write_reported_list,
)
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
    source_nodes = SourceNodes(site.database, site.config)
    degree = degrees(site.graph)
    edition = Edition.of(site.database, site.config)
    for record in records:
        with site.writer.family(entity_family(record.id)):  # its page and its complete lists
            _entity_page(site, claims, source_nodes, degree, edition, record, about[record.id])
        advance()


def entity_family(entity_id: str) -> str:
    """The page family (``TreeWriter.family``) of an entity's pages."""
    return f"entity:{entity_id}"


def _entity_page(site: Site, claims: ClaimMemo, source_nodes: SourceNodes,
                 degree: dict[str, int], edition: Edition, record: EntityRecord,
                 about: list[ClaimRef]) -> None:
    page = entity_page(record.type, record.id)
    views = site.views
    own = [ref for ref in about if ref.subject.id == record.id]
    groups: dict[str, list[Markup]] = {"relation": [], "statement": [], "quantity": []}
    for ref in own:
        groups[views.claim_kind(ref)].append(claims.item(ref))
    related_groups = [_related_group(site, page, claims, record, group) for group in
                      related(site.database, neighbours(site.graph, record.id), degree)]
    said = reported(record.id, about)
    said_shown = said[:REPORTED_SHOWN]
    own_date = views.event_date(page, record)
    cited = mentions(site.database, about,
                     record.entity.date.citations if own_date and record.entity.date else ())
    shown = cited[:SOURCES_SHOWN]
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
        related=related_groups,
        related_shown=RELATED_SHOWN,
        reported=[claims.item(ref, show_subject=True) for ref in said_shown],
        reported_total=len(said),
        reported_roles=reported_roles(record.id, said),
        all_reported=relative(page, write_reported_list(site, record, said))
        if len(said) > len(said_shown) else None,
        mentioned_in=[mention_item(views, page, mention) for mention in shown],
        mentions_total=len(cited),
        all_mentions=relative(page, write_mentions_list(site, record, cited))
        if len(cited) > len(shown) else None,
        key_dates=[{"label": label, "short": short, "text": text, "href": href}
                   for _, label, short, text, href in dates],
        key_figures=figures,
        graph=_neighbourhood(site, page, record.id, degree),
        jsonld=entity_jsonld(site.database, record, about, source_nodes,
                             {mention.source_id for mention in shown}),
        search_filters=entity_filters(TYPE_LABELS[record.type], record.entity.tags,
                                      (views.source_labels[mention.source_id]
                                       for mention in cited)),
        data_record=record_path(record.id),
        cite=page_citation(edition, site.config, page, record.name),
    )
    claims.shown(about)


def _related_group(site: Site, page: str, claims: ClaimMemo, record: EntityRecord,
                   group: Related) -> dict[str, Any]:
    """A relation as the entity page lists it: its first ``RELATED_SHOWN`` entities, and a
    link to all of them when there are more. The entity's own relations are listed with their
    citations under Relations, so here they are not cited again."""
    shown = group.neighbours[:RELATED_SHOWN]
    cites = None if group.outgoing else claims.cites
    return {
        "label": group.label, "key": relation_key(group.predicate, group.outgoing),
        "total": len(group.neighbours), "own": group.outgoing,
        "items": [related_item(site.views, page, neighbour, cites) for neighbour in shown],
        "all": relative(page, write_related_list(site, record, group))
        if len(group.neighbours) > len(shown) else None,
    }


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
