"""What changed between two versions of the database, both as ``database.json`` documents.

``compare(old, new)`` lists the sources, entities, claims, predicates and tags added, removed
and changed (with each changed field's old and new value), and the citations added, removed and
moved. The result is plain JSON, the shape that ``iranru-ref diff --format json`` prints and
``changes.json`` holds (docs/database-format.md, "What changed").

Records are matched by id (a claim by its full id, ``entity.claim``). A field is compared only
when both sides have it, so a file written by an iranru-ref that had fewer fields shows no
change for the fields it lacks. A claim's citations are not one of its fields: they are matched
by quote within the claim, and a quote that the claim now cites from another paragraph or
source has *moved*. Citations of claims added or removed come and go with their claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: the keyed collections
SECTIONS = ("sources", "entities", "claims", "predicates", "tags")
#: every part of a comparison, in the order it is reported
PARTS = ("sources", "entities", "claims", "citations", "predicates", "tags")
#: the fields that name an added, removed or changed record besides its id
LABELS = {"sources": ("title",), "entities": ("type", "name"),
          "claims": ("subject", "predicate", "text"), "predicates": (), "tags": ()}
#: compared apart from the record's other fields
NOT_FIELDS = {"id", "citations"}

Record = Mapping[str, Any]


def _keyed(document: Mapping[str, Any]) -> dict[str, dict[str, Record]]:
    """Each section's records by id; a vocabulary entry's id is its name."""
    keyed: dict[str, dict[str, Record]] = {}
    for section in ("sources", "entities", "claims"):
        keyed[section] = {record["id"]: record for record in document.get(section, ())}
    keyed["predicates"] = {name: {"id": name, **entry}
                           for name, entry in document.get("predicates", {}).items()}
    keyed["tags"] = {name: {"id": name, "description": description}
                     for name, description in document.get("tags", {}).items()}
    return keyed


def _label(section: str, record: Record) -> dict[str, Any]:
    return {"id": record["id"], **{field: record.get(field) for field in LABELS[section]}}


def _paragraphs(old: list[Any], new: list[Any]) -> tuple[list[Any], list[Any]] | None:
    """The paragraphs that differ, each side's by number; ``None`` when none does."""
    old_by_n = {p.get("n"): p for p in old if isinstance(p, dict)}
    new_by_n = {p.get("n"): p for p in new if isinstance(p, dict)}
    differ = [n for n in {**old_by_n, **new_by_n} if old_by_n.get(n) != new_by_n.get(n)]
    if not differ:
        return None
    return ([old_by_n[n] for n in differ if n in old_by_n],
            [new_by_n[n] for n in differ if n in new_by_n])


def _fields(old: Record, new: Record) -> dict[str, dict[str, Any]]:
    """The fields both records have whose values differ, with the old and the new value; for a
    source's paragraphs, only the paragraphs that differ."""
    changed: dict[str, dict[str, Any]] = {}
    for field, value in new.items():
        if field in NOT_FIELDS or field not in old or old[field] == value:
            continue
        before = old[field]
        if field == "paragraphs" and isinstance(before, list) and isinstance(value, list):
            differ = _paragraphs(before, value)
            if differ is None:
                continue
            before, value = differ
        changed[field] = {"old": before, "new": value}
    return changed


def _section(section: str, old: dict[str, Record], new: dict[str, Record]) -> dict[str, Any]:
    added = [_label(section, record) for key, record in new.items() if key not in old]
    removed = [_label(section, record) for key, record in old.items() if key not in new]
    changed = []
    for key, record in new.items():
        if key in old:
            fields = _fields(old[key], record)
            if fields:
                changed.append({**_label(section, record), "fields": fields})
    return {"added": added, "removed": removed, "changed": changed}


def _place(citation: Record) -> dict[str, Any]:
    place = {"source": citation.get("source"), "paragraph": citation.get("paragraph")}
    if citation.get("occurrence"):
        place["occurrence"] = citation["occurrence"]
    return place


def _citation(claim: str, citation: Record) -> dict[str, Any]:
    return {"claim": claim, **_place(citation), "quote": citation.get("quote")}


def _citations(claim: str, old: Iterable[Record], new: Iterable[Record]
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """One claim's citations added, removed and moved."""
    def key(citation: Record) -> tuple[Any, ...]:
        return (citation.get("quote"), citation.get("source"), citation.get("paragraph"),
                citation.get("occurrence"))

    old_left = list(old)
    new_left = []
    for citation in new:
        match = next((c for c in old_left if key(c) == key(citation)), None)
        if match is None:
            new_left.append(citation)
        else:
            old_left.remove(match)
    added, moved = [], []
    for citation in new_left:
        before = next((c for c in old_left if c.get("quote") == citation.get("quote")), None)
        if before is None:
            added.append(_citation(claim, citation))
        else:
            old_left.remove(before)
            moved.append({"claim": claim, "quote": citation.get("quote"),
                          "old": _place(before), "new": _place(citation)})
    return added, [_citation(claim, c) for c in old_left], moved


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """What changed from the ``old`` database document to the ``new`` one."""
    old_keyed, new_keyed = _keyed(old), _keyed(new)
    changes: dict[str, Any] = {}
    for section in SECTIONS:
        changes[section] = _section(section, old_keyed[section], new_keyed[section])
    citations: dict[str, list[dict[str, Any]]] = {"added": [], "removed": [], "moved": []}
    old_claims = old_keyed["claims"]
    for claim_id, claim in new_keyed["claims"].items():
        if claim_id in old_claims:
            added, removed, moved = _citations(claim_id, old_claims[claim_id].get("citations", ()),
                                               claim.get("citations", ()))
            citations["added"] += added
            citations["removed"] += removed
            citations["moved"] += moved
    changes["citations"] = citations
    summary = {part: {kind: len(items) for kind, items in changes[part].items()} for part in PARTS}
    return {"summary": summary, **{part: changes[part] for part in PARTS}}


def has_changes(changes: Mapping[str, Any]) -> bool:
    return any(any(counts.values()) for counts in changes["summary"].values())
