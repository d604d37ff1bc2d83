"""The lists of an entity page that grow with the database, and their complete lists.

An entity page lists at most ``RELATED_SHOWN`` entities for each relation read one way (a
predicate out of the entity, or into it), at most ``SOURCES_SHOWN`` sources under
“Mentioned in”, the most relevant first: the most connected entities (as the neighbourhood
graph draws them), the sources that mention the entity in the most paragraphs; and the first
``REPORTED_SHOWN`` claims about others that the entity said or reported, or that were said in
it. A longer list links to its complete list, on a page of its own beside the entity's
(``places/kograd/related/located-in-inverse.md``, ``places/kograd/mentioned-in.md``,
``people/alexey-dedov/said-or-reported.md``): related entities by name, sources in the
database's order, claims in the page's order, in parts when long (``paging``). So the page of
an entity that thousands of claims name stays small.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .. import graph
from ..database import ClaimRef, Database, EntityRecord
from ..records.claim import Citation
from ..urls import mentions_page, related_page, relative, reported_page, source_page
from .paging import name_range, numbered, parts_nav, split
from .render import Site
from .views import Views

#: the most entities an entity page lists for one relation, the most sources it lists, and
#: the most claims it lists that the entity said or reported
RELATED_SHOWN = 10
SOURCES_SHOWN = 10
REPORTED_SHOWN = 20


@dataclass(frozen=True, slots=True)
class RelatedEntity:
    """An entity at the other end of a relation, and the claims that state it."""

    entity_id: str
    claims: list[ClaimRef]


@dataclass(frozen=True, slots=True)
class Related:
    """An entity's relations of one predicate, read one way: the entities at their other end,
    the most relevant first."""

    predicate: str
    outgoing: bool
    label: str
    neighbours: list[RelatedEntity]


@dataclass(frozen=True, slots=True)
class Mention:
    """A source that mentions an entity, and the paragraphs that do, in order."""

    source_id: str
    paragraphs: list[int]


def related(database: Database, relations: Iterable[graph.Neighbour],
            degree: dict[str, int]) -> list[Related]:
    """The relations of one entity (``graph.neighbours``) by predicate and direction: its own
    first, then those naming it, each by label; in each, the most connected entities first."""
    groups: dict[tuple[str, bool], dict[str, list[ClaimRef]]] = defaultdict(dict)
    labels: dict[tuple[str, bool], str] = {}
    for relation in relations:
        key = (relation.predicate, relation.outgoing)
        labels[key] = relation.label
        groups[key].setdefault(relation.entity_id, []).append(relation.claim)

    def relevance(neighbour: RelatedEntity) -> tuple[int, str, str]:
        return (-degree.get(neighbour.entity_id, 0),
                database.entities[neighbour.entity_id].name.casefold(), neighbour.entity_id)

    found = [Related(predicate, outgoing, labels[predicate, outgoing], sorted(
                (RelatedEntity(entity_id, claims) for entity_id, claims in entities.items()),
                key=relevance))
             for (predicate, outgoing), entities in groups.items()]
    return sorted(found, key=lambda group: (not group.outgoing, group.label, group.predicate))


def mentions(database: Database, about: Iterable[ClaimRef],
             also: Iterable[Citation] = ()) -> list[Mention]:
    """The sources that the claims ``about`` an entity cite, and the citations ``also`` (an
    event's own date), those citing it in the most paragraphs first, then in the database's
    order."""
    paragraphs: dict[str, set[int]] = defaultdict(set)
    for citation in (*also, *(c for ref in about for c in ref.claim.citations)):
        if citation.source in database.sources:
            paragraphs[citation.source].add(citation.paragraph)
    positions = database.source_positions
    return [Mention(source_id, sorted(found)) for source_id, found in
            sorted(paragraphs.items(), key=lambda item: (-len(item[1]), positions[item[0]]))]


def related_item(views: Views, page: str, neighbour: RelatedEntity,
                 cites: Callable[[ClaimRef], Markup] | None) -> dict[str, Any]:
    """A related entity as ``page`` lists it, with the citation links (``cites``) of the claims
    that relate it, unless the page shows those claims already."""
    return {"entity": views.entity_link(page, neighbour.entity_id),
            "cites": Markup(" ").join(cites(claim) for claim in neighbour.claims)
            if cites is not None else Markup("")}


def mention_item(views: Views, page: str, mention: Mention) -> dict[str, Any]:
    """A source as ``page`` lists it, with links to the paragraphs that mention the entity."""
    source = source_page(mention.source_id)
    return {"label": views.source_labels[mention.source_id], "href": relative(page, source),
            "paragraphs": [{"n": n, "href": relative(page, source, f"p{n}")}
                           for n in mention.paragraphs]}


def write_related_list(site: Site, record: EntityRecord, group: Related) -> str:
    """The complete list of ``group``, by name, in parts when long; returns its first page."""
    entities = site.database.entities
    page = related_page(record.type, record.id, group.predicate, group.outgoing)
    listed = sorted(group.neighbours, key=lambda n: (entities[n.entity_id].name.casefold(),
                                                     n.entity_id))
    parts = split(page, listed, lambda items, offset: name_range(
        [entities[items[0].entity_id], entities[items[-1].entity_id]] if items else [], offset))
    for part in parts:
        site.render(
            part.page, "related_list.md.j2",
            entity=site.views.entity_link(part.page, record.id), label=group.label,
            total=len(listed), parts=parts_nav(part.page, parts, part),
            items=[related_item(site.views, part.page, neighbour, _cite_links(site, part.page))
                   for neighbour in part.items])
    return page


def _cite_links(site: Site, page: str) -> Callable[[ClaimRef], Markup]:
    """The citation links of a claim, as ``page`` shows them."""
    macros: Any = site.env.get_template("_macros.md.j2").module

    def cite_links(ref: ClaimRef) -> Markup:
        return Markup(macros.cite_links(site.views.claim(page, ref)))
    return cite_links


def write_mentions_list(site: Site, record: EntityRecord, found: Sequence[Mention]) -> str:
    """The complete list of the sources that mention ``record``, in the database's order, in
    parts when long; returns its first page."""
    page = mentions_page(record.type, record.id)
    positions = site.database.source_positions
    listed = sorted(found, key=lambda mention: positions[mention.source_id])
    parts = split(page, listed, numbered("source", "sources"))
    for part in parts:
        site.render(
            part.page, "mentions_list.md.j2",
            entity=site.views.entity_link(part.page, record.id), total=len(listed),
            parts=parts_nav(part.page, parts, part),
            sources=[mention_item(site.views, part.page, mention) for mention in part.items])
    return page


def reported(entity_id: str, about: Iterable[ClaimRef]) -> list[ClaimRef]:
    """The claims ``about`` an entity that it said or reported (``attributed_to``), or that were
    said in it (``said_in``), about other subjects: not those about it, which its page lists
    as its own or under its relations."""
    return [ref for ref in about
            if ref.subject.id != entity_id
            and entity_id in (*ref.claim.attributed_to, ref.claim.said_in)
            and ref.claim.object != entity_id]


def reported_roles(entity_id: str, refs: Iterable[ClaimRef]) -> dict[str, bool]:
    """Whether the entity said or reported some of ``refs`` (``by``), and whether some were
    said in it (``at``): how the lists of them are worded."""
    listed = list(refs)
    return {"by": any(entity_id in ref.claim.attributed_to for ref in listed),
            "at": any(ref.claim.said_in == entity_id for ref in listed)}


def write_reported_list(site: Site, record: EntityRecord, refs: Sequence[ClaimRef]) -> str:
    """The complete list of the claims ``refs`` that ``record`` said or reported, or that were
    said in it (``reported``), each as its page shows it, in parts when long; returns its
    first page."""
    page = reported_page(record.type, record.id)
    macros: Any = site.env.get_template("_macros.md.j2").module
    parts = split(page, refs, numbered("claim", "claims"))
    roles = reported_roles(record.id, refs)
    for part in parts:
        views = [site.views.claim(part.page, ref) for ref in part.items]
        site.render(
            part.page, "reported_list.md.j2",
            entity=site.views.entity_link(part.page, record.id), total=len(refs), roles=roles,
            parts=parts_nav(part.page, parts, part),
            claims=[Markup(macros.claim_item(view, Markup(macros.cite_links(view)), True))
                    for view in views])
    return page
