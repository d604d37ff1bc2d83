"""The releases of the curated data, as ``releases.yml`` at the project root records them.

Newest first; the newest is the version the data in the tree is published as::

    releases:
      - version: 1.1.0
        date: 2025-06-02
        notes: Adds the third article and the people it quotes.
      - version: 1.0.0
        date: 2025-03-01
        notes: The first release.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator

from .model import Model, Text

_VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\Z")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _version(value: str) -> str:
    if not _VERSION.match(value):
        raise ValueError(f"a version is MAJOR.MINOR.PATCH (like '1.2.0'), got {value!r}")
    return value


def _day(value: str) -> str:
    try:
        valid = bool(_DAY.match(value)) and bool(datetime.date.fromisoformat(value))
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(f"a release date is a real day written YYYY-MM-DD, got {value!r}")
    return value


Version = Annotated[str, AfterValidator(_version), WithJsonSchema(
    {"type": "string", "pattern": r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"})]
Day = Annotated[str, AfterValidator(_day), WithJsonSchema(
    {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})]


def version_key(version: str) -> tuple[int, ...]:
    """``1.10.0`` sorts after ``1.9.0``."""
    return tuple(int(part) for part in version.split("."))


class Release(Model):
    """One release: its version (semantic versioning), the day it was made and what it holds."""

    version: Version
    date: Day
    notes: Text


class Releases(Model):
    """Every release, newest first."""

    releases: Annotated[list[Release], Field(min_length=1)]

    @model_validator(mode="after")
    def _newest_first(self) -> Releases:
        for newer, older in zip(self.releases, self.releases[1:], strict=False):
            if version_key(newer.version) <= version_key(older.version):
                raise ValueError(
                    f"releases go newest first, each with a higher version than the one below "
                    f"it: {newer.version} is listed above {older.version}")
            if newer.date < older.date:
                raise ValueError(
                    f"release {newer.version} is dated {newer.date}, before {older.version} "
                    f"({older.date}) below it")
        return self

    @property
    def latest(self) -> Release:
        return self.releases[0]

    @property
    def first(self) -> Release:
        return self.releases[-1]
