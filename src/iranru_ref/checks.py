"""Pass 2: the checks across records that no single model can make.

Ids and references resolve, predicates fit their subject and object, every citation points at a
real paragraph whose text contains the quote verbatim, and every source still has the text that
was cited. Every problem is collected; none stops the others from being found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set as AbstractSet

from .database import ClaimRef, Database, EntityRecord
from .errors import Problem
from .project import Project
from .source import Source
from .text import fold

SPEAKER_TYPES = ("person", "organization", "place")


def check_database(
    database: Database, project: Project, *, broken_vocabulary: AbstractSet[str] = frozenset()
) -> list[Problem]:
    """Every cross-record problem. Names in ``broken_vocabulary`` (``predicates:NAME``,
    ``tags:NAME``, or ``predicates:*`` for a whole file) and sources whose metadata failed to load
    already have a problem of their own, so references to them are not reported again."""
    problems: list[Problem] = []
    loaded = set(database.sources)
    broken_sources = {path.stem for path in project.sources_dir.glob("*.yml")} - loaded
    problems.extend(_check_sources(database, project))
    referenced: set[str] = set()
    folded_cache: dict[tuple[str, int], str] = {}
    claim_ids = database.claim_index()
    for record in database.entities.values():
        problems.extend(_check_entity(database, record, broken_vocabulary))
        first_claims: dict[str, int] = {}  # a claim id's first position in the record
        for index, claim in enumerate(record.entity.claims):
            ref = ClaimRef(record, index, claim)
            first = first_claims.setdefault(claim.id, index)
            if first != index:
                problems.append(
                    Problem(record.document.display, record.claim_line(index, "id"),
                            f"claims[{index}].id: the claim id {claim.id!r} is already used on line "
                            f"{record.claim_line(first, 'id')}; claim ids are unique within a record")
                )
            problems.extend(_check_claim(database, ref, referenced, claim_ids, broken_vocabulary))
            problems.extend(_check_citations(database, ref, folded_cache, broken_sources))
            if claim.object:
                referenced.add(claim.object)
        if record.entity.claims:
            referenced.add(record.id)
    for source in database.sources.values():
        if source.meta.publisher:
            referenced.add(source.meta.publisher)
    # A broken record's own claims are unknown, so orphans can only be judged without one.
    for record in database.entities.values() if not database.broken_ids else ():
        if record.id not in referenced:
            problems.append(
                Problem(record.document.display, 1,
                        f"nothing cites {record.id!r}: add a claim to this record, or make it the "
                        "object of another record's claim, so the page has a source")
            )
    return problems


def _check_sources(database: Database, project: Project) -> list[Problem]:
    problems: list[Problem] = []
    citing: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in database.claims():
        for citation in ref.claim.citations:
            if not citing[citation.source] or citing[citation.source][-1] is not ref:
                citing[citation.source].append(ref)
    for source in database.sources.values():
        document = database.source_documents[source.id]
        if source.actual_sha256 != source.meta.sha256:
            refs = citing.get(source.id, [])
            listing = "; ".join(
                f"{ref.id} ({ref.subject.document.display}:{ref.subject.claim_line(ref.position)})"
                for ref in refs
            ) or "none yet"
            problems.append(
                Problem(document.display, document.line_of(("sha256",)),
                        f"sha256: the text of sources/{source.id}.txt has changed since it was "
                        f"cited (recorded {source.meta.sha256[:12]}…, found "
                        f"{source.actual_sha256[:12]}…). Re-check the quotes of the claims that "
                        f"cite it, then record the new hash {source.actual_sha256}. Claims to "
                        f"re-check: {listing}")
            )
        publisher = source.meta.publisher
        if publisher is not None:
            target = database.entities.get(publisher)
            if target is None and publisher in database.broken_ids:
                pass
            elif target is None:
                problems.append(
                    Problem(document.display, document.line_of(("publisher",)),
                            f"publisher: no record has the id {publisher!r}; add "
                            f"data/organizations/{publisher}.yml or fix the id")
                )
            elif target.type != "organization":
                problems.append(
                    Problem(document.display, document.line_of(("publisher",)),
                            f"publisher: expected an organization, got {target.type} {publisher!r}")
                )
    return problems


def _unloaded(broken: AbstractSet[str], kind: str, name: str) -> bool:
    return f"{kind}:{name}" in broken or f"{kind}:*" in broken


def _check_entity(
    database: Database, record: EntityRecord, broken: AbstractSet[str] = frozenset()
) -> list[Problem]:
    problems = []
    tags = database.vocabulary.tags
    for index, tag in enumerate(record.entity.tags):
        if tag not in tags and not _unloaded(broken, "tags", tag):
            problems.append(
                Problem(record.document.display, record.document.line_of(("tags", index)),
                        f"tags[{index}]: unknown tag {tag!r}; expected one of: "
                        f"{', '.join(sorted(tags))} (or add it to data/vocabulary/tags.yml)")
            )
    return problems


def _check_claim(
    database: Database, ref: ClaimRef, referenced: set[str], claim_ids: dict[str, ClaimRef],
    broken: AbstractSet[str] = frozenset(),
) -> list[Problem]:
    problems: list[Problem] = []
    record, claim, index = ref.subject, ref.claim, ref.position
    display = record.document.display
    where = f"claims[{index}]"

    def report(message: str, *path: str | int) -> None:
        problems.append(Problem(display, record.claim_line(index, *path), f"{where}{message}"))

    predicate = database.vocabulary.predicates.get(claim.predicate)
    if predicate is None and _unloaded(broken, "predicates", claim.predicate):
        pass
    elif predicate is None:
        report(f".predicate: unknown predicate {claim.predicate!r}; see "
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
        if target is None and claim.object in database.broken_ids:
            pass
        elif target is None:
            report(f".object: no record has the id {claim.object!r}; check the spelling or add "
                   "the record", "object")
        elif predicate is not None and predicate.range and target.type not in predicate.range:
            report(f".object: {claim.predicate!r} expects an object of type "
                   f"{' or '.join(predicate.range)}, got {target.type} {claim.object!r}", "object")
        elif target.id == record.id:
            report(".object: a claim cannot relate a record to itself", "object")
    for position, speaker in enumerate(claim.attributed_to):
        target = database.entities.get(speaker)
        if target is None and speaker in database.broken_ids:
            pass
        elif target is None:
            report(f".attributed_to[{position}]: no record has the id {speaker!r}",
                   "attributed_to", position)
        elif target.type not in SPEAKER_TYPES:
            report(f".attributed_to[{position}]: a speaker is a person, organization or place, "
                   f"got {target.type} {speaker!r}", "attributed_to", position)
        else:
            referenced.add(speaker)
    if claim.said_in is not None:
        target = database.entities.get(claim.said_in)
        if target is None and claim.said_in in database.broken_ids:
            pass
        elif target is None:
            report(f".said_in: no record has the id {claim.said_in!r}", "said_in")
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


def _folded(cache: dict[tuple[str, int], str], source: Source, n: int) -> str:
    """Paragraph ``n`` of ``source`` folded as quotes are compared; computed once per paragraph."""
    key = (source.id, n)
    folded = cache.get(key)
    if folded is None:
        folded = cache[key] = fold(source.paragraphs[n - 1].text)
    return folded


def _occurrences(folded: str, quote: str) -> list[int]:
    """Where the folded quote starts in a folded paragraph; the same as FoldedText.occurrences."""
    needle = fold(quote)
    if not needle:
        return []
    found = []
    start = folded.find(needle)
    while start != -1:
        found.append(start)
        start = folded.find(needle, start + 1)
    return found


def _check_citations(
    database: Database, ref: ClaimRef, cache: dict[tuple[str, int], str],
    broken_sources: AbstractSet[str] = frozenset(),
) -> list[Problem]:
    problems: list[Problem] = []
    record, index = ref.subject, ref.position
    display = record.document.display
    for position, citation in enumerate(ref.claim.citations):
        where = f"claims[{index}].citations[{position}]"

        def report(message: str, *path: str, where: str = where, position: int = position) -> None:
            line = record.claim_line(index, "citations", position, *path)
            problems.append(Problem(display, line, f"{where}{message}"))

        source = database.sources.get(citation.source)
        if source is None and citation.source in broken_sources:
            continue  # its metadata has a problem of its own
        if source is None:
            known = ", ".join(sorted(database.sources)) or "none"
            report(f".source: no source has the id {citation.source!r}; known sources: {known}",
                   "source")
            continue
        paragraph = source.paragraph(citation.paragraph)
        if paragraph is None:
            report(f".paragraph: source {source.id!r} has paragraphs 1 to "
                   f"{len(source.paragraphs)}, got {citation.paragraph}", "paragraph")
            continue
        found = _occurrences(_folded(cache, source, paragraph.n), citation.quote)
        if not found:
            report(".quote: " + _quote_not_found(source, paragraph.n, citation.quote, cache),
                   "quote")
        elif citation.occurrence is not None and citation.occurrence > len(found):
            report(f".occurrence: the quote occurs {len(found)} time(s) in paragraph "
                   f"{paragraph.n}, got occurrence {citation.occurrence}", "occurrence")
        elif len(found) > 1 and citation.occurrence is None:
            report(f".quote: the quote occurs {len(found)} times in paragraph {paragraph.n}; "
                   "lengthen it until it is unique, or add 'occurrence: N' to pick one", "quote")
    return problems


def _quote_not_found(
    source: Source, n: int, quote: str, cache: dict[tuple[str, int], str]
) -> str:
    needle = fold(quote)
    elsewhere = []
    for paragraph in source.paragraphs:
        if needle in _folded(cache, source, paragraph.n):
            elsewhere.append(paragraph.n)
    if elsewhere:
        return (f"the quote is not in paragraph {n} but is in paragraph "
                f"{', '.join(map(str, elsewhere))}; fix the paragraph number")
    whole = " ".join(cache[(source.id, p.n)] for p in source.paragraphs)
    if needle in whole:
        return ("the quote runs across two paragraphs; a quote must lie within one paragraph, "
                "so split it into one citation per paragraph")
    shown = needle if len(needle) <= 60 else needle[:57] + "..."
    return (f"{shown!r} is not a verbatim span of {source.id} paragraph {n} (compared after "
            "Unicode NFC and whitespace folding only); copy the words exactly, including "
            "punctuation and curly quotes")
