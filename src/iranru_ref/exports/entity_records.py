"""Per-record JSON: ``data/entities/<id>.json``, one file per entity at a stable address.

Each holds the entity as ``database.json`` has it, with its address, its claims (as
``database.json`` has them, each with its address and each citation with the address of its
quote and of its paragraph on the source page) and the other entities' claims that name it
as object, speaker or venue. The entity's page links to it with
``<link rel="alternate describedby" type="application/json">`` (overrides/main.html). The
layout is in docs/database-format.md.

IRIs are relative to the file unless ``site_url`` is set in mkdocs.yml (see site_config).
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ..database import ClaimRef, Database, EntityRecord
from ..urls import entity_page, page_url, source_page
from .database_json import FORMAT_VERSION, claim_document, entity_document
from .json_text import write_json
from .site_config import SiteConfig

FOLDER = "entities"
#: the address of every record, from the folder of the downloads
URL_TEMPLATE = f"{FOLDER}/{{id}}.json"
DESCRIPTION = ("One JSON file per entity, at entities/<id>.json: the entity with its claims, "
               "each with its citations (quote, source, paragraph and links to them), and the "
               "claims of other entities that name it. Its page links to it.")
MEDIA_TYPE = "application/json"

#: how a claim names an entity other than its subject
ROLES = ("object", "speaker", "said_in")


def record_name(entity_id: str) -> str:
    """The file's name under ``data/``."""
    return URL_TEMPLATE.format(id=entity_id)


def record_path(entity_id: str) -> str:
    """The file's path from the site's root."""
    return f"data/{record_name(entity_id)}"


def _references(database: Database) -> dict[str, list[tuple[ClaimRef, list[str]]]]:
    """For each entity, the claims of other entities that name it, and how."""
    named: dict[str, list[tuple[ClaimRef, list[str]]]] = defaultdict(list)
    for ref in database.claims():
        claim = ref.claim
        roles: dict[str, list[str]] = defaultdict(list)
        if claim.object is not None:
            roles[claim.object].append("object")
        for speaker in dict.fromkeys(claim.attributed_to):
            roles[speaker].append("speaker")
        if claim.said_in is not None:
            roles[claim.said_in].append("said_in")
        for entity_id, how in roles.items():
            if entity_id != ref.subject.id:
                named[entity_id].append((ref, how))
    return named


def _claim_url(ref: ClaimRef) -> str:
    """The claim's place on its subject's page, from the site's root."""
    return f"{page_url(entity_page(ref.subject.type, ref.subject.id))}#{ref.anchor}"


def entity_record(site: SiteConfig, record: EntityRecord,
                  named_by: list[tuple[ClaimRef, list[str]]]) -> dict[str, Any]:
    """The record of ``record``; ``named_by`` are the claims of others that name it."""
    path = record_path(record.id)
    page = page_url(entity_page(record.type, record.id))

    def iri(target: str) -> str:
        return site.iri(target, path)

    claims = []
    for index, claim in enumerate(record.entity.claims):
        ref = ClaimRef(record, index, claim)
        document = claim_document(record.id, claim)
        document["url"] = iri(_claim_url(ref))
        for number, citation in enumerate(document["citations"], 1):
            source = page_url(source_page(citation["source"]))
            citation["url"] = iri(f"{source}#{ref.citation_anchor(number)}")
            citation["paragraph_url"] = iri(f"{source}#p{citation['paragraph']}")
        claims.append(document)
    return {
        "format_version": FORMAT_VERSION,
        **entity_document(record),
        "url": iri(page),
        "claims": claims,
        "named_in": [{"claim": ref.id, "subject": ref.subject.id, "as": how,
                      "url": iri(_claim_url(ref))} for ref, how in named_by],
    }


def entity_records(database: Database) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each entity's file name under ``data/`` and its record."""
    site = SiteConfig.load(database.root)
    named = _references(database)
    for record in database.entities.values():
        yield record_name(record.id), entity_record(site, record, named.get(record.id, []))


def record_bytes(record: dict[str, Any]) -> bytes:
    text = io.StringIO()
    write_json(record, 2, text)  # one claim per line
    return text.getvalue().encode()
