"""``database.json``: the whole database in one document, a published contract.

The keys listed in the contract (docs/database-format.md) are never renamed; fields may be
added.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from ..database import Database, EntityRecord
from ..records.claim import Citation, Claim
from ..records.dates import PartialDate
from ..records.source import Supplied
from .json_text import write_json

FILE_NAME = "database.json"

FORMAT_VERSION = 1


def _date(date: PartialDate | None) -> dict[str, Any] | None:
    if date is None:
        return None
    return {"value": date.value, "precision": date.precision, "inferred": date.inferred,
            "wording": date.wording, "note": date.note}


def _citations(citations: Sequence[Citation]) -> list[dict[str, Any]]:
    return [{"source": c.source, "paragraph": c.paragraph, "quote": c.quote,
             **({"occurrence": c.occurrence} if c.occurrence else {})}
            for c in citations]


def claim_document(subject: str, claim: Claim) -> dict[str, Any]:
    """A claim as ``database.json`` has it."""
    return {
        "id": f"{subject}.{claim.id}",
        "subject": subject,
        "predicate": claim.predicate,
        "object": claim.object,
        "value": claim.value,
        "unit": claim.unit,
        "currency": claim.currency,
        "period": claim.period,
        "approximate": claim.approximate,
        "wording": claim.wording,
        "date": claim.date.value if claim.date else None,
        "date_precision": claim.date.precision if claim.date else None,
        "date_detail": _date(claim.date),
        "text": claim.text,
        "attributed_to": list(claim.attributed_to),
        "said_in": claim.said_in,
        "contested": claim.contested,
        "derived": claim.derived.model_dump() if claim.derived else None,
        "note": claim.note,
        "citations": _citations(claim.citations),
    }


def entity_document(record: EntityRecord) -> dict[str, Any]:
    """An entity as ``database.json`` has it, without its claims."""
    entity = record.entity
    date = entity.date
    return {
        "id": record.id,
        "type": record.type,
        "name": record.name,
        "aliases": list(entity.aliases),
        "editor_aliases": list(entity.editor_aliases),
        "tags": list(entity.tags),
        "summary": entity.summary,
        "notes": list(entity.notes),
        "date": date.value if date else None,
        "date_precision": date.precision if date else None,
        "date_detail": _date(date),
        "date_citations": _citations(date.citations) if date else [],
    }


def _supplied(supplied: Supplied | None) -> dict[str, Any] | None:
    if supplied is None:
        return None
    return {"by": supplied.by, "fields": list(supplied.fields), "note": supplied.note}


def database_document(database: Database) -> dict[str, Any]:
    """The document; each source, entity and claim is made only as the file is written."""
    entities = database.entities
    return {
        "format_version": FORMAT_VERSION,
        "sources": (
            {
                "id": source.id,
                "title": source.meta.title,
                "label": source.meta.label,
                "publisher": entities[source.meta.publisher].name
                if source.meta.publisher in entities else None,
                "publisher_id": source.meta.publisher,
                "date": source.meta.date.value,
                "date_precision": source.meta.date.precision,
                "date_detail": _date(source.meta.date),
                "language": source.meta.language,
                "url": source.meta.url,
                "supplied": _supplied(source.meta.supplied),
                "sha256": source.meta.sha256,
                "paragraphs": [{"n": p.n, "kind": p.kind, "text": p.text}
                               for p in source.paragraphs],
            }
            for source in database.sources.values()
        ),
        "entities": (entity_document(record) for record in entities.values()),
        "claims": (claim_document(ref.subject.id, ref.claim) for ref in database.claims()),
        "predicates": {
            name: predicate.model_dump() for name, predicate in database.vocabulary.predicates.items()
        },
        "tags": {name: tag.description for name, tag in database.vocabulary.tags.items()},
    }


def write_database_json(database: Database, file: TextIO) -> None:
    # one source, entity or claim per line
    write_json(database_document(database), 2, file)
