"""View models: plain dicts that the Jinja templates render, one builder per kind of item.

Everything a template shows is prepared here, with links already made relative to the page
that shows them, so templates only lay out and escape.
"""

from __future__ import annotations

from typing import Any

from ..database import CitationRef, ClaimRef, Database, EntityRecord
from ..urls import entity_page, relative, source_page


def format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€"}


def _scaled(value: float) -> tuple[float, str] | None:
    """``value`` in the largest of million, billion, trillion it reaches, to two decimals."""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            rounded = round(value / scale, 2)
            return rounded * scale, f"{format_number(rounded)} {word}"
    return None


def short_value(ref: ClaimRef) -> str:
    """A compact label for charts: ``≈ $5 billion``, ``40%``, ``1,200 km``."""
    claim = ref.claim
    if claim.value is None:
        return ""
    unit = claim.unit or ""
    value = float(claim.value)
    scaled = _scaled(value)
    number = scaled[1] if scaled else format_number(value)
    sign = _CURRENCY_SIGNS.get(unit)
    if sign:
        text = f"{sign}{number}"
    elif unit in ("percent", "%"):
        text = f"{number}%"
    else:
        text = f"{number} {unit}".strip()
    return ("≈ " if claim.approximate else "") + text


def value_label(ref: ClaimRef) -> str:
    """The value as a reader reads it (``≈ $5 billion``), with every digit kept where the short
    form rounds (``$4.17 billion (4,166,666,667 USD)``), and the currency when one is given."""
    claim = ref.claim
    if claim.value is None:
        return ""
    text = short_value(ref)
    value = float(claim.value)
    scaled = _scaled(value)
    if scaled and abs(scaled[0] - value) > abs(value) * 1e-12:
        text += f" ({format_number(value)} {claim.unit or ''})".replace(" )", ")")
    if claim.currency:
        text += f" ({claim.currency})"
    return text


class Views:
    """Builds view dicts for one database; ``page`` is the page being rendered."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.claims_by_id = database.claim_index()
        self.source_labels = {
            source_id: source.meta.label or source.meta.title
            for source_id, source in database.sources.items()
        }

    def entity_link(self, page: str, entity_id: str) -> dict[str, str]:
        record = self.database.entities[entity_id]
        return {"id": record.id, "name": record.name, "type": record.type,
                "href": relative(page, entity_page(record.type, record.id))}

    def citation(self, page: str, ref: CitationRef) -> dict[str, Any]:
        citation = ref.citation
        label = self.source_labels.get(citation.source, citation.source)
        return {
            "href": relative(page, source_page(citation.source), ref.anchor),
            "source": label,
            "paragraph": citation.paragraph,
            "quote": citation.quote,
            "title": f"“{citation.quote}” — {label}, ¶{citation.paragraph}",
        }

    def claim(self, page: str, ref: ClaimRef) -> dict[str, Any]:
        claim = ref.claim
        entities = self.database.entities
        predicate = self.database.vocabulary.predicates.get(claim.predicate)
        inputs = []
        if claim.derived is not None:
            for input_id in claim.derived.inputs:
                source_ref = self.claims_by_id.get(input_id)
                if source_ref is not None:
                    inputs.append({
                        "label": source_ref.subject.name,
                        "value": value_label(source_ref),
                        "href": relative(page, entity_page(source_ref.subject.type, source_ref.subject.id),
                                         source_ref.anchor),
                    })
        return {
            **self.claim_mention(page, ref),
            "id": ref.id,
            "anchor": ref.anchor,
            "kind": self.claim_kind(ref),
            "predicate": predicate.label if predicate else claim.predicate,
            "object": self.entity_link(page, claim.object) if claim.object in entities else None,
            "date": claim.date.label() if claim.date else None,
            "date_note": claim.date.note if claim.date else None,
            "value": value_label(ref),
            "wording": claim.wording,
            "period": claim.period,
            "approximate": claim.approximate,
            "derived": {"formula": claim.derived.formula, "inputs": inputs}
            if claim.derived else None,
            "note": claim.note,
            "citations": [
                self.citation(page, CitationRef(ref, number, citation))
                for number, citation in enumerate(claim.citations, 1)
            ],
            "tags": list(ref.subject.entity.tags),
        }

    def claim_kind(self, ref: ClaimRef) -> str:
        """``relation``, ``statement`` or ``quantity``: the kind of the claim's predicate."""
        predicate = self.database.vocabulary.predicates.get(ref.claim.predicate)
        return predicate.kind if predicate else "statement"

    def claim_mention(self, page: str, ref: ClaimRef) -> dict[str, Any]:
        """What a listing that links to a claim shows of it: its text, its subject and who said
        it. ``claim`` adds the rest."""
        claim = ref.claim
        entities = self.database.entities
        return {
            "text": claim.text,
            "subject": self.entity_link(page, ref.subject.id),
            "subject_href": relative(page, entity_page(ref.subject.type, ref.subject.id), ref.anchor),
            "speakers": [self.entity_link(page, s) for s in claim.attributed_to if s in entities],
            "said_in": self.entity_link(page, claim.said_in) if claim.said_in in entities else None,
            "contested": claim.contested,
        }

    def entity_summary(self, page: str, record: EntityRecord) -> dict[str, Any]:
        return {**self.entity_link(page, record.id), "tags": list(record.entity.tags),
                "aliases": list(record.entity.aliases),
                "editor_aliases": list(record.entity.editor_aliases),
                "summary": record.entity.summary}
