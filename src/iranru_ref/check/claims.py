"""Checks of each record and claim: tags, predicates, objects, speakers and derived figures."""

from __future__ import annotations

from ..database import ClaimRef, Database, EntityRecord
from ..errors import Problem
from ..suggest import did_you_mean

SPEAKER_TYPES = ("person", "organization", "place")


def unloaded(database: Database, kind: str, name: str) -> bool:
    """Whether the vocabulary entry ``name`` of ``kind`` (``predicates`` or ``tags``) failed to load."""
    broken = database.broken_vocabulary
    return f"{kind}:{name}" in broken or f"{kind}:*" in broken


def _unknown(database: Database, entity_id: str) -> str | None:
    """When no record has ``entity_id`` (and no record file of that id failed to load, which
    has its own problem), the closest ids to suggest, possibly none (``""``); otherwise None."""
    if entity_id in database.entities or entity_id in database.broken_ids:
        return None
    return did_you_mean(entity_id, database.entities)


def check_tags(database: Database, record: EntityRecord) -> list[Problem]:
    problems = []
    tags = database.vocabulary.tags
    for index, tag in enumerate(record.entity.tags):
        if tag not in tags and not unloaded(database, "tags", tag):
            problems.append(
                Problem(record.document.display, record.document.line_of(("tags", index)),
                        f"tags[{index}]: unknown tag {tag!r}{did_you_mean(tag, tags)}; "
                        "expected one of: "
                        f"{', '.join(sorted(tags))} (or add it to data/vocabulary/tags.yml)")
            )
    return problems


def check_claim(
    database: Database, ref: ClaimRef, referenced: set[str], claim_ids: dict[str, ClaimRef]
) -> list[Problem]:
    problems: list[Problem] = []
    record, claim, index = ref.subject, ref.claim, ref.index
    display = record.document.display
    where = ref.path

    def report(message: str, *path: str | int) -> None:
        problems.append(Problem(display, record.claim_line(index, *path), f"{where}{message}"))

    predicate = database.vocabulary.predicates.get(claim.predicate)
    if predicate is None and unloaded(database, "predicates", claim.predicate):
        pass
    elif predicate is None:
        report(f".predicate: unknown predicate {claim.predicate!r}"
               f"{did_you_mean(claim.predicate, database.vocabulary.predicates)}; see "
               "data/vocabulary/predicates.yml for the list, or add it there", "predicate")
    else:
        if record.type not in predicate.domain:
            report(f".predicate: {claim.predicate!r} does not apply to a {record.type}; it applies "
                   f"to: {', '.join(predicate.domain)}", "predicate")
        if predicate.kind == "relation":
            if claim.object is None:
                report(f": {claim.predicate!r} is a relation and needs an 'object' (an entity id)")
            if claim.value is not None:
                report(f".value: {claim.predicate!r} is a relation; a value belongs to a quantity "
                       "predicate such as amount or count", "value")
        elif predicate.kind == "statement":
            if claim.object is not None:
                report(f".object: {claim.predicate!r} is a statement and takes no object; use a "
                       "relation predicate to link entities", "object")
            if claim.value is not None:
                report(f".value: {claim.predicate!r} is a statement; use a quantity predicate "
                       "such as amount or count for a value", "value")
        elif claim.value is None:
            report(f": {claim.predicate!r} is a quantity and needs 'value' and 'unit'")
        elif claim.object is not None:
            report(f".object: {claim.predicate!r} is a quantity and takes no object; link the "
                   "figure with a separate 'concerns' claim", "object")
    if claim.object is not None:
        target = database.entities.get(claim.object)
        if (hint := _unknown(database, claim.object)) is not None:
            report(f".object: no record has the id {claim.object!r}{hint}; check the spelling "
                   "or add the record", "object")
        elif target is None:
            pass  # its file failed to load
        elif predicate is not None and predicate.range and target.type not in predicate.range:
            report(f".object: {claim.predicate!r} expects an object of type "
                   f"{' or '.join(predicate.range)}, got {target.type} {claim.object!r}", "object")
        elif target.id == record.id:
            report(".object: a claim cannot relate a record to itself", "object")
    for position, speaker in enumerate(claim.attributed_to):
        target = database.entities.get(speaker)
        if (hint := _unknown(database, speaker)) is not None:
            report(f".attributed_to[{position}]: no record has the id {speaker!r}{hint}",
                   "attributed_to", position)
        elif target is None:
            pass  # its file failed to load
        elif target.type not in SPEAKER_TYPES:
            report(f".attributed_to[{position}]: a speaker is a person, organization or place, "
                   f"got {target.type} {speaker!r}", "attributed_to", position)
        else:
            referenced.add(speaker)
    if claim.said_in is not None:
        target = database.entities.get(claim.said_in)
        if (hint := _unknown(database, claim.said_in)) is not None:
            report(f".said_in: no record has the id {claim.said_in!r}{hint}", "said_in")
        elif target is None:
            pass  # its file failed to load
        elif target.type != "event":
            report(f".said_in: expected an event (such as an interview), got {target.type} "
                   f"{claim.said_in!r}", "said_in")
        else:
            referenced.add(claim.said_in)
    if claim.derived is not None:
        for position, input_id in enumerate(claim.derived.inputs):
            source_claim = claim_ids.get(input_id)
            if source_claim is None:
                report(f".derived.inputs[{position}]: no claim has the id {input_id!r}; write "
                       "it as <entity-id>.<claim-id>", "derived", "inputs", position)
            elif source_claim.claim.value is None:
                report(f".derived.inputs[{position}]: {input_id!r} has no value to compute with",
                       "derived", "inputs", position)
            elif source_claim.claim.derived is not None:
                report(f".derived.inputs[{position}]: {input_id!r} is itself derived; derive "
                       "from stated figures only", "derived", "inputs", position)
    return problems
