"""Entities: the people, organisations, treaties, projects, places, events and figures."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from .claim import Citation, Claim, require_citations
from .dates import PartialDate
from .model import Alias, Model, Name, Slug, Text


class EventDate(PartialDate):
    """An event's own date, with the words of the sources that state it or that it was
    inferred from: the timeline shows the event once, at this date, so that the claims about
    it need no date of their own."""

    citations: list[Citation]

    @field_validator("citations")
    @classmethod
    def _cited(cls, citations: list[Citation]) -> list[Citation]:
        return require_citations(citations, "an event's date")


class Entity(Model):
    """One record file under ``data/<folder>/<id>.yml``; its id is the file name."""

    name: Name
    aliases: list[Alias] = Field(default_factory=list)
    #: spellings that no source uses but readers search for; the site marks them as the editors'
    editor_aliases: list[Alias] = Field(default_factory=list)
    tags: Annotated[list[Slug], Field(min_length=1)]
    #: only an event has one (the check says so of any other type)
    date: EventDate | None = None
    summary: Text | None = None
    notes: list[Text] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
