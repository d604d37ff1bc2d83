"""Entities: the people, organisations, treaties, projects, places, events and figures."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .claim import Claim
from .model import Alias, Model, Name, Slug, Text


class Entity(Model):
    """One record file under ``data/<folder>/<id>.yml``; its id is the file name."""

    name: Name
    aliases: list[Alias] = Field(default_factory=list)
    #: spellings that no source uses but readers search for; the site marks them as the editors'
    editor_aliases: list[Alias] = Field(default_factory=list)
    tags: Annotated[list[Slug], Field(min_length=1)]
    summary: Text | None = None
    notes: list[Text] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
