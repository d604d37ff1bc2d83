"""View models: plain dicts that the Jinja templates render, one builder per kind of item.

Everything a template shows is prepared here, with links already made relative to the page
that shows them, so templates only lay out and escape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..database import CitationRef, ClaimRef, Database, EntityRecord
from ..records.claim import Citation
from ..records.dates import PartialDate
from ..records.entity import EventDate
from ..urls import entity_page, relative, source_page

#: the id of an event's own date on its page
EVENT_DATE_ANCHOR = "event-date"


def event_date_anchor(event_id: str, number: int) -> str:
    """The id of the marker on the source page for the ``number``-th citation of an event's own
    date; a claim's full id has a dot where this has ``.date`` (claim ids have no dots)."""
    return f"cite-{event_id}.date-{number}"


@dataclass(frozen=True, slots=True)
class EventDateRef:
    """An event's own date: one timeline entry for the event, beside the dated claims."""

    subject: EntityRecord

    @property
    def date(self) -> EventDate:
        date = self.subject.entity.date
        assert date is not None
        return date

    @property
    def id(self) -> str:
        return self.subject.id


def dated_as_event(ref: ClaimRef, events: dict[str, EventDateRef]) -> bool:
    """Whether ``ref`` is a claim about an event (its subject or object) with the event's own
    date: the event's date stands for it."""
    date = ref.claim.date
    return date is not None and any(
        event is not None and event.date.value == date.value
        for event in (events.get(ref.subject.id), events.get(ref.claim.object or "")))


#: what the timeline lists: each dated claim, and each event at its own date
TimelineEntry = ClaimRef | EventDateRef


def entry_date(entry: TimelineEntry) -> PartialDate:
    date = entry.date if isinstance(entry, EventDateRef) else entry.claim.date
    assert date is not None
    return date


def timeline_key(entry: TimelineEntry) -> tuple[str, str, str]:
    """Oldest first; on one date, by the name of the entity, an event's own date first."""
    return (entry_date(entry).sort_key, entry.subject.name, entry.id)


def dated_entries(database: Database) -> list[TimelineEntry]:
    """Every event that has a date of its own, and every dated claim but those its entry
    stands for, so that the event is shown once. Oldest first."""
    events = {record.id: EventDateRef(record) for record in database.entities.values()
              if record.type == "event" and record.entity.date is not None}
    entries: list[TimelineEntry] = list(events.values())
    entries.extend(ref for ref in database.claims()
                   if ref.claim.date is not None and not dated_as_event(ref, events))
    return sorted(entries, key=timeline_key)


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
            "title": f"“{citation.quote}”",
        }

    def event_date_citation(self, page: str, record: EntityRecord, number: int,
                            citation: Citation) -> dict[str, Any]:
        """A citation of an event's own date, linked to its marked quote on the source page."""
        label = self.source_labels.get(citation.source, citation.source)
        return {
            "href": relative(page, source_page(citation.source),
                             event_date_anchor(record.id, number)),
            "source": label,
            "paragraph": citation.paragraph,
            "quote": citation.quote,
            "title": f"“{citation.quote}”",
        }

    def event_date(self, page: str, record: EntityRecord) -> dict[str, Any] | None:
        """An event's own date as its page shows it, with the citations that state it."""
        date = record.entity.date
        if date is None or record.type != "event":
            return None
        return {"label": date.label(), "short": date.short_label(), "note": date.note,
                "precision": date.precision, "anchor": EVENT_DATE_ANCHOR,
                "citations": [self.event_date_citation(page, record, number, citation)
                              for number, citation in enumerate(date.citations, 1)]}

    def timeline_entry(self, page: str, entry: TimelineEntry) -> dict[str, Any]:
        """What the timeline shows of a dated claim or of an event at its own date: the keys of
        ``claim``, and the date's sort key, short label and precision."""
        date = entry_date(entry)
        if isinstance(entry, ClaimRef):
            view = self.claim(page, entry)
        else:
            record = entry.subject
            own = self.event_date(page, record)
            assert own is not None
            href = relative(page, entity_page(record.type, record.id), EVENT_DATE_ANCHOR)
            view = {
                "text": record.name, "subject": self.entity_link(page, record.id),
                "subject_href": href, "speakers": [], "said_in": None, "contested": False,
                "id": record.id, "anchor": EVENT_DATE_ANCHOR, "kind": "event",
                "predicate": "", "object": None, "date": own["label"], "date_note": own["note"],
                "value": "", "wording": None, "period": None, "approximate": False,
                "derived": None, "note": None, "citations": own["citations"],
                "tags": list(record.entity.tags),
            }
        view["sort"] = date.sort_key
        view["short_date"] = date.short_label()
        view["precision"] = date.precision
        return view

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

    def event_date_mention(self, page: str, record: EntityRecord) -> dict[str, Any]:
        """What a source paragraph lists of an event whose own date it states."""
        date = record.entity.date
        assert date is not None
        return {
            "text": f"{record.name}: {date.label()}.",
            "subject": self.entity_link(page, record.id),
            "subject_href": relative(page, entity_page(record.type, record.id),
                                     EVENT_DATE_ANCHOR),
            "speakers": [], "said_in": None, "contested": False,
        }

    def entity_summary(self, page: str, record: EntityRecord) -> dict[str, Any]:
        return {**self.entity_link(page, record.id), "tags": list(record.entity.tags),
                "aliases": list(record.entity.aliases),
                "editor_aliases": list(record.entity.editor_aliases),
                "summary": record.entity.summary}
