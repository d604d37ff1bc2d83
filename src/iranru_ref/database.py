"""The loaded, checked database: sources, entities and the claims they make."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .claim import Citation, Claim
from .entity import Entity
from .source import Source
from .vocabulary import Vocabulary
from .yamlfile import YamlDocument


class EntityRecord(NamedTuple):
    id: str
    type: str
    entity: Entity
    document: YamlDocument

    @property
    def name(self) -> str:
        return self.entity.name

    def claim_line(self, index: int, *path: str | int) -> int:
        return self.document.line_of(("claims", index, *path))


class ClaimRef(NamedTuple):
    """A claim together with the entity that makes it (its subject)."""

    subject: EntityRecord
    #: the claim's position in its subject's ``claims`` list
    position: int
    claim: Claim

    @property
    def id(self) -> str:
        return f"{self.subject.id}.{self.claim.id}"

    @property
    def anchor(self) -> str:
        return f"claim-{self.claim.id}"

    def citation_anchor(self, number: int) -> str:
        """The id of the marker on the source page for this claim's ``number``-th citation."""
        return f"cite-{self.subject.id}-{self.claim.id}-{number}"


class CitationRef(NamedTuple):
    claim: ClaimRef
    number: int
    citation: Citation

    @property
    def anchor(self) -> str:
        return self.claim.citation_anchor(self.number)


@dataclass
class Database:
    root: Path
    vocabulary: Vocabulary
    sources: dict[str, Source]
    entities: dict[str, EntityRecord]
    source_documents: dict[str, YamlDocument] = field(default_factory=dict)
    #: ids of record files that exist but failed pass 1; references to them are not re-reported
    broken_ids: set[str] = field(default_factory=set)

    @functools.cached_property
    def source_positions(self) -> dict[str, int]:
        """Each source id's position in ``sources``, for listing a few sources in that order."""
        return {source_id: n for n, source_id in enumerate(self.sources)}

    def release_documents(self) -> None:
        """Release what the records' and sources' documents keep for the checks' messages once
        the checks have passed (``YamlDocument.release``); file names stay, line numbers do not."""
        for record in self.entities.values():
            record.document.release()
        for document in self.source_documents.values():
            document.release()

    def claims(self) -> Iterator[ClaimRef]:
        for record in self.entities.values():
            for index, claim in enumerate(record.entity.claims):
                yield ClaimRef(record, index, claim)

    def citations(self) -> Iterator[CitationRef]:
        for ref in self.claims():
            for number, citation in enumerate(ref.claim.citations, 1):
                yield CitationRef(ref, number, citation)

    def claim_index(self) -> dict[str, ClaimRef]:
        return {ref.id: ref for ref in self.claims()}
