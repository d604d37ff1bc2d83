"""The loaded, checked database: sources, entities and the claims they make."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .errors import Problem
from .records.claim import Citation, Claim, claim_path
from .records.entity import Entity
from .records.release import Releases
from .records.settings import Settings
from .records.source import Source
from .records.vocabulary import Vocabulary


class RecordFile(Protocol):
    """The file a record or a source's metadata was read from, as its problems name it."""

    display: str

    def line_of(self, path: tuple[str | int, ...]) -> int:
        """The line of a field, such as ``("claims", 0, "quote")``."""

    def release(self) -> None:
        """Let go of what finding lines takes, once the checks have passed."""


@dataclass(frozen=True, slots=True, eq=False)
class EntityRecord:
    id: str
    type: str
    entity: Entity
    document: RecordFile

    @property
    def name(self) -> str:
        return self.entity.name

    def claim_line(self, index: int, *path: str | int) -> int:
        return self.document.line_of(("claims", index, *path))


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim together with the entity that makes it (its subject)."""

    subject: EntityRecord
    #: where the claim is in its subject's ``claims`` list
    index: int
    claim: Claim = field(compare=False)

    @property
    def id(self) -> str:
        return f"{self.subject.id}.{self.claim.id}"

    @property
    def anchor(self) -> str:
        return f"claim-{self.claim.id}"

    @property
    def path(self) -> str:
        """How a message names the claim in its record: ``claims[signed-treaty]``."""
        return claim_path(self.claim.id, self.index)

    def citation_anchor(self, number: int) -> str:
        """The id of the marker on the source page for this claim's ``number``-th citation:
        ``cite-`` and the claim's full id (``subject.claim``: ids have no dots, so two claims
        never share it, as ``subject-claim`` could) and the number."""
        return f"cite-{self.id}-{number}"


@dataclass(frozen=True, slots=True)
class CitationRef:
    claim: ClaimRef
    number: int
    citation: Citation = field(compare=False)

    @property
    def anchor(self) -> str:
        return self.claim.citation_anchor(self.number)


@dataclass
class Database:
    root: Path
    vocabulary: Vocabulary
    sources: dict[str, Source]
    entities: dict[str, EntityRecord]
    source_documents: Mapping[str, RecordFile] = field(default_factory=dict)
    #: What exists but could not be loaded, and so already has a problem of its own: references
    #: to it are not reported again. Record ids; source ids; vocabulary names as
    #: ``predicates:NAME`` or ``tags:NAME``, or ``predicates:*`` for a whole file.
    broken_ids: set[str] = field(default_factory=set)
    broken_sources: set[str] = field(default_factory=set)
    broken_vocabulary: set[str] = field(default_factory=set)
    settings: Settings = field(default_factory=Settings)
    #: what ``releases.yml`` records, if the project has one
    releases: Releases | None = None
    #: what the checks found doubtful but not wrong, such as an alias two records share
    warnings: list[Problem] = field(default_factory=list)

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
