"""Claims: one sourced fact each, with the citations that prove it."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from .dates import PartialDate
from .model import SLUG, Model, PredicateName, Slug, Text


def claim_path(claim_id: object, index: int) -> str:
    """How a message names a claim: by its id, ``claims[signed-treaty]``, or by its position,
    ``claims[3]``, while it has no valid id (an id of digits only is quoted, ``claims['3']``,
    so that it cannot be read as a position)."""
    if not isinstance(claim_id, str) or not SLUG.match(claim_id):
        return f"claims[{index}]"
    return f"claims[{claim_id!r}]" if claim_id.isdigit() else f"claims[{claim_id}]"


def require_citations(citations: list[Citation], what: str = "a claim") -> list[Citation]:
    """``citations``, unless there are none, which ``what`` may not have."""
    if not citations:
        raise ValueError(
            f"{what} needs at least one citation: {{source: ..., paragraph: N, quote: ...}}")
    return citations


class Citation(Model):
    """A verbatim span of one paragraph of one source.

    ``occurrence`` picks which one when the quote occurs more than once in the paragraph.
    """

    source: Slug
    paragraph: Annotated[int, Field(ge=1)]
    quote: Text
    occurrence: Annotated[int, Field(ge=1)] | None = None


class Derivation(Model):
    """How a derived figure was computed from stated ones (``entity.claim`` ids)."""

    formula: Text
    inputs: Annotated[list[Text], Field(min_length=1)]


class Claim(Model):
    id: Slug
    predicate: PredicateName
    text: Text
    object: Slug | None = None
    value: float | None = None
    unit: Text | None = None
    currency: Text | None = None
    period: Text | None = None
    approximate: bool = False
    wording: Text | None = None
    date: PartialDate | None = None
    attributed_to: list[Slug] = Field(default_factory=list)
    said_in: Slug | None = None
    contested: bool = False
    derived: Derivation | None = None
    note: Text | None = None
    citations: list[Citation]

    @field_validator("citations")
    @classmethod
    def _cited(cls, citations: list[Citation]) -> list[Citation]:
        return require_citations(citations)

    @field_validator("value")
    @classmethod
    def _non_negative(cls, value: float | None) -> float | None:
        if value is not None and value < 0:
            raise ValueError(
                f"a figure is a non-negative number, got {value!r}; "
                "describe a fall in the claim's text or predicate instead"
            )
        return value

    @model_validator(mode="after")
    def _units(self) -> Claim:
        if self.value is not None and self.unit is None:
            raise ValueError("a claim with a value needs a 'unit' (e.g. USD, percent, km)")
        if self.value is None:
            for name in ("unit", "currency", "period", "wording", "derived"):
                if getattr(self, name) is not None:
                    raise ValueError(f"'{name}' belongs to a figure; add a 'value' or remove it")
            if self.approximate:
                raise ValueError("'approximate' belongs to a figure; add a 'value' or remove it")
        if self.said_in is not None and not self.attributed_to:
            raise ValueError("'said_in' names where a speaker said it; add 'attributed_to' too")
        return self
