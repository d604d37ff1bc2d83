"""Sources: verbatim article texts, their metadata and their numbered paragraphs."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from .dates import PartialDate
from .model import Model, Slug, Text
from .text import FoldedText

ParagraphKind = Literal["heading", "dateline", "caption", "body", "boilerplate"]
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
#: what a text may not hold: C0 controls but tab, line feed and the CR of a CRLF, DEL, C1 controls
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
#: a web address as a source's metadata may hold one
URL = re.compile(r"https?://[^\s<>\"']+\Z")


#: the metadata that may come with an article rather than from its text
SuppliedField = Literal["title", "publisher", "date", "url"]


class Supplied(Model):
    """Which metadata came with the article, not from its text, and from whom: what the text
    does not state is never presented as the text's."""

    by: Text
    fields: Annotated[list[SuppliedField], Field(min_length=1)]
    note: Text | None = None


class SourceMeta(Model):
    """``sources/<id>.yml``, beside the verbatim text ``sources/<id>.txt``."""

    title: Text
    label: Text | None = None
    title_note: Text | None = None
    publisher: Slug | None = None
    publisher_note: Text | None = None
    date: PartialDate
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    url: str | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    original_name: Text | None = None
    paragraphs: dict[int, ParagraphKind] = Field(default_factory=dict)
    supplied: Supplied | None = None
    notes: list[Text] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _https(cls, url: str | None) -> str | None:
        if url is not None and not URL.match(url):
            raise ValueError(f"a url starts with https:// and has no spaces, got {url!r}")
        return url

    @field_validator("supplied")
    @classmethod
    def _supplied_fields_are_given(cls, supplied: Supplied | None,
                                   info: ValidationInfo) -> Supplied | None:
        if supplied is None:
            return None
        for name in supplied.fields:
            if name not in info.data:
                continue  # it failed to validate, and has a problem of its own
            if info.data[name] is None:
                raise ValueError(f"fields lists {name!r}, but the metadata has no {name!r}; add "
                                 "it as it was supplied, or remove it from the list")
        date = info.data.get("date")
        if "date" in supplied.fields and isinstance(date, PartialDate) and date.inferred:
            raise ValueError("the date is listed as supplied, so it came with the article and "
                             "was not inferred from its text: remove 'inferred: true' from the "
                             "date, or remove 'date' from the list")
        return supplied

    def is_supplied(self, name: str) -> bool:
        """Whether the field ``name`` came with the article rather than from its text."""
        return self.supplied is not None and name in self.supplied.fields


@dataclass(frozen=True)
class Paragraph:
    n: int
    kind: ParagraphKind
    text: str

    @property
    def anchor(self) -> str:
        return f"p{self.n}"

    @functools.cached_property  # every citation of the paragraph needs it, in several stages
    def folded(self) -> FoldedText:
        return FoldedText.of(self.text)


@dataclass(frozen=True, slots=True, eq=False)
class Source:
    id: str
    meta: SourceMeta
    text: str
    paragraphs: tuple[Paragraph, ...]
    actual_sha256: str

    def paragraph(self, n: int) -> Paragraph | None:
        return self.paragraphs[n - 1] if 1 <= n <= len(self.paragraphs) else None

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "body"]


def split_paragraphs(text: str) -> list[str]:
    """The blank-line-separated blocks of ``text``, in order, numbered from 1 by position."""
    return [block.strip() for block in _BLANK_LINE.split(text) if block.strip()]


def control_characters(text: str, most: int = 10) -> list[tuple[int, str]]:
    """The first control character on each line that has one, as ``(line, character)``, for at
    most ``most`` lines: what a source text may not hold (a terminal would run an escape
    sequence, and XML cannot carry most of them)."""
    found: dict[int, str] = {}
    for match in _CONTROL.finditer(text):
        found.setdefault(text.count("\n", 0, match.start()) + 1, match.group())
        if len(found) >= most:
            break
    return sorted(found.items())


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
