"""schema.org JSON-LD for each entity page, embedded in the page itself.

Every IRI is relative to the page, so it resolves against the page's own address wherever
the site is served, unless ``site_url`` is set in mkdocs.yml: then each is absolute. Nothing
here invents a web address. The entity is ``<page>#entity``; the page is its
``mainEntityOfPage``; the source pages that cite it, those its page lists, are its
``subjectOf``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from ..database import ClaimRef, Database, EntityRecord
from ..exports.site_config import SiteConfig
from ..records.source import Source
from ..urls import entity_page, source_page, url_folder

SCHEMA_ORG = "https://schema.org"

#: entity type → schema.org type. Projects and figures have no exact match in the core
#: vocabulary; Project and Observation are schema.org's (pending) types for them.
SCHEMA_TYPES: dict[str, str] = {
    "person": "Person",
    "organization": "Organization",
    "treaty": "Legislation",
    "project": "Project",
    "place": "Place",
    "event": "Event",
    "figure": "Observation",
}
#: schema.org types that take ``keywords`` (Person does not)
_KEYWORD_TYPES = {"Organization", "Legislation", "Project", "Place", "Event"}
ENTITY_FRAGMENT = "entity"
#: IRIs relative to the page: what a site without ``site_url`` has
RELATIVE = SiteConfig("", None, None)


def entity_id(page: str, record: EntityRecord, site: SiteConfig = RELATIVE) -> str:
    """The IRI of ``record`` as written on ``page``."""
    return site.link(page, entity_page(record.type, record.id), ENTITY_FRAGMENT)


def _cited_sources(
    database: Database, record: EntityRecord, about: Iterable[ClaimRef]
) -> list[Source]:
    """The sources cited by claims that have ``record`` as subject, object or speaker."""
    cited: set[str] = set()
    if record.entity.date is not None:  # an event's own date
        cited.update(citation.source for citation in record.entity.date.citations)
    for ref in about:
        claim = ref.claim
        if record.id in (ref.subject.id, claim.object, claim.said_in, *claim.attributed_to):
            cited.update(citation.source for citation in claim.citations)
    positions = database.source_positions
    return [database.sources[source_id]
            for source_id in sorted(cited & positions.keys(), key=positions.__getitem__)]


def source_jsonld(database: Database, page: str, source: Source,
                  site: SiteConfig = RELATIVE) -> dict[str, Any]:
    meta = source.meta
    node: dict[str, Any] = {
        "@type": "Article",
        "@id": site.link(page, source_page(source.id)),
        "name": meta.title,
        "datePublished": meta.date.value,
        "inLanguage": meta.language,
    }
    publisher = database.entities.get(meta.publisher) if meta.publisher else None
    if publisher is not None:
        node["publisher"] = {"@type": SCHEMA_TYPES[publisher.type],
                             "@id": entity_id(page, publisher, site), "name": publisher.name}
    if meta.url:
        node["sameAs"] = meta.url
    return node


class SourceNodes:
    """Each source's node as written on the pages of one URL folder, made once per folder: a
    source cited on thousands of entity pages is the same node on all of them but its
    publisher's own page. The nodes are shared, so they must not be changed."""

    def __init__(self, database: Database, site: SiteConfig = RELATIVE) -> None:
        self.database = database
        self.site = site
        self._nodes: dict[tuple[str, str], dict[str, Any]] = {}
        self._publisher_pages = {
            source.id: entity_page(publisher.type, publisher.id)
            for source in database.sources.values()
            if (publisher := database.entities.get(source.meta.publisher or "")) is not None
        }

    def node(self, page: str, source: Source) -> dict[str, Any]:
        if page == self._publisher_pages.get(source.id):
            return source_jsonld(self.database, page, source, self.site)
        key = (url_folder(page), source.id)
        node = self._nodes.get(key)
        if node is None:
            node = self._nodes[key] = source_jsonld(self.database, page, source, self.site)
        return node


def entity_jsonld(
    database: Database, record: EntityRecord, about: Iterable[ClaimRef] | None = None,
    source_nodes: SourceNodes | None = None, listed: Collection[str] | None = None,
    site: SiteConfig | None = None,
) -> dict[str, Any]:
    """The JSON-LD of ``record``'s page; ``about`` may narrow down the claims to look at for
    the sources that mention it (default: all of them), ``source_nodes`` lets the pages of
    a site share the sources' nodes (made with the same ``site``), ``listed`` names only
    those of the sources (the ones the page lists, when it lists a few of many), and ``site``
    gives the site's address, if it has one."""
    if site is None:
        site = source_nodes.site if source_nodes is not None else RELATIVE
    page = entity_page(record.type, record.id)
    schema_type = SCHEMA_TYPES[record.type]
    node: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": schema_type,
        "@id": entity_id(page, record, site),
        "name": record.name,
        "mainEntityOfPage": {"@id": site.link(page, page), "@type": "WebPage"},
    }
    entity = record.entity
    if entity.aliases:
        node["alternateName"] = list(entity.aliases)
    if entity.summary:
        node["description"] = " ".join(entity.summary.split())
    if schema_type in _KEYWORD_TYPES:
        node["keywords"] = list(entity.tags)
    if schema_type == "Event" and entity.date is not None:
        node["startDate"] = entity.date.value
    sources = _cited_sources(database, record, database.claims() if about is None else about)
    if listed is not None:
        sources = [source for source in sources if source.id in listed]
    if sources:
        nodes = SourceNodes(database, site) if source_nodes is None else source_nodes
        node["subjectOf"] = [nodes.node(page, source) for source in sources]
    return node
