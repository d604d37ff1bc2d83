"""Adding a new article to ``sources/``: stored verbatim, hashed, its paragraphs listed with
the kinds they look like, and a metadata stub that keeps apart what the text states and what
came with the article (``--title``, ``--publisher``, ``--date``, ``--url``): that is recorded as
supplied, with who supplied it. Nothing is invented: a value neither given nor in the text is
left for the curator, as the ``FILL-IN`` placeholder that ``check`` reports."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import IranruError, Problem
from ..load.files import MAX_SOURCE_BYTES, ProjectFiles
from ..load.project import Project
from ..load.yaml_file import line_of_byte
from ..records.dates import PartialDate
from ..records.model import INVISIBLE, PLACEHOLDER, SLUG, name_problem, reserved_id
from ..records.source import URL, control_characters, sha256_of, split_paragraphs
from ..records.text import fold
from .paragraph_kinds import Dateline, Proposal, datelines, proposed_kinds

#: C0 and C1 control characters, which a terminal acts on (an article's ESC [2J clears it)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: a web address in an article's text
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()]+[^\s<>\"'().,;:!?”’]")


@dataclass(frozen=True, slots=True)
class Supplied:
    """The metadata that came with the article, as the curator passes it, and from whom."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    by: str | None = None

    def given(self) -> dict[str, str]:
        """The fields given, in the metadata's order."""
        values = {"title": self.title, "publisher": self.publisher, "date": self.date,
                  "url": self.url}
        return {name: value for name, value in values.items() if value is not None}


@dataclass(frozen=True, slots=True)
class AddedSource:
    meta: Path
    paragraphs: list[str]
    proposals: list[Proposal]
    datelines: list[Dateline]
    #: the fields recorded as supplied with the article
    supplied: list[str] = field(default_factory=list)
    #: the fields given that the text states too, and so are not recorded as supplied
    in_text: list[str] = field(default_factory=list)


class SourceExists(IranruError):
    pass


def terminal_text(text: str) -> str:
    """``text`` without control characters and invisible bidirectional or zero-width ones, so
    that printing it cannot drive the terminal or reorder what is shown."""
    return INVISIBLE.sub("", _CONTROL.sub("", text))


def yaml_string(text: str) -> str:
    """``text`` as one double-quoted YAML scalar, written by the YAML emitter."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1_000_000).rstrip("\n")


def _original_name(file: Path) -> str | None:
    """The file's name as a curator can read it: bytes that are not UTF-8 become U+FFFD, and
    control characters are dropped (a YAML value may not hold them)."""
    name = " ".join(_CONTROL.sub(" ", os.fsencode(file.name).decode("utf-8", "replace")).split())
    return name or None


def _check_supplied(supplied: Supplied) -> None:
    """Refuse a supplied value that could not be recorded as it is, before anything is written."""
    for option, value in (("--title", supplied.title), ("--supplied-by", supplied.by)):
        if value is not None:
            wrong = name_problem(value) if value.strip() else "the text is empty"
            if wrong is not None:
                raise IranruError(f"{option}: {wrong}")
    if supplied.publisher is not None and not SLUG.match(supplied.publisher):
        raise IranruError(f"--publisher: an organisation's id is lowercase letters, digits and "
                          f"hyphens, got {supplied.publisher!r}; iranru-ref find NAME lists them")
    if supplied.date is not None:
        try:
            PartialDate.model_validate(supplied.date)
        except ValidationError as exc:
            message = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
            raise IranruError(f"--date: {message}") from None
    if supplied.url is not None and not URL.match(supplied.url):
        raise IranruError(f"--url: a url starts with https:// and has no spaces, got "
                          f"{supplied.url!r}")


def add_source(project: Project, file: Path, source_id: str,
               supplied: Supplied | None = None) -> AddedSource:
    """Copy ``file`` byte for byte to ``sources/<id>.txt`` and write a metadata stub."""
    supplied = supplied or Supplied()
    if not SLUG.match(source_id):
        raise IranruError(
            f"--id: an id is lowercase letters, digits and hyphens, got {source_id!r}"
        )
    reserved = reserved_id(source_id, "a source's id")
    if reserved is not None:
        raise IranruError(f"--id: {reserved}; choose another")
    _check_supplied(supplied)
    target = project.sources_dir / f"{source_id}.txt"
    meta = target.with_suffix(".yml")
    if target.exists() or meta.exists() or target.is_symlink() or meta.is_symlink():
        raise SourceExists(
            f"{project.display(target)} already exists; choose another --id or remove the old files"
        )
    shown = terminal_text(str(file))
    problems: list[Problem] = []
    raw = ProjectFiles(None).read(file, shown, MAX_SOURCE_BYTES, problems,
                                  "A source is one article; store a longer text as several.")
    if raw is None:
        raise IranruError(str(problems[0]))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IranruError(f"{shown}:{line_of_byte(raw, exc.start)}: the article is not UTF-8; "
                          "convert it first") from None
    controls = control_characters(text.removeprefix("\ufeff"))
    if controls:
        raise IranruError("\n".join(
            f"{shown}:{line}: the article holds the control character U+{ord(char):04X}, which "
            "a source text may not; delete it and add the article again"
            for line, char in controls))
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise IranruError(f"{shown}:1: the article is empty")
    stub = _Stub(source_id, text, paragraphs, supplied)
    target.write_bytes(raw)
    meta.write_text(stub.text(sha256_of(raw), _original_name(file)), encoding="utf-8")
    return AddedSource(meta, paragraphs, stub.proposals, stub.datelines, stub.supplied,
                       stub.in_text)


class _Stub:
    """The metadata stub's text, worked out from the article and what came with it."""

    def __init__(self, source_id: str, text: str, paragraphs: list[str],
                 supplied: Supplied) -> None:
        self.source_id = source_id
        self.paragraphs = paragraphs
        self.given = supplied.given()
        self.by = supplied.by
        folded = fold(text)
        self.in_text = [name for name, value in self.given.items()
                        if name in ("title", "url") and fold(value) in folded]
        self.supplied = [name for name in self.given if name not in self.in_text]
        self.proposals = proposed_kinds(paragraphs)
        self.datelines = datelines(paragraphs)
        self.urls = list(dict.fromkeys(_URL_IN_TEXT.findall(text)))

    def _origin(self, name: str) -> str:
        return ("supplied with the article (see 'supplied' below)" if name in self.supplied
                else "given with the article, and stated in the text too")

    def text(self, sha256: str, original: str | None) -> str:
        lines = [
            f"# Metadata for sources/{self.source_id}.txt. Fill in what the text supports; "
            "what came with the article",
            "# but is not in its text is listed under 'supplied', with who supplied it. "
            "Never invent a value.",
        ]
        if "title" in self.given:
            lines.append(f"title: {yaml_string(self.given['title'])}  # {self._origin('title')}")
        else:
            first = self.paragraphs[0].splitlines()[0].strip()
            lines.append(f"title: {yaml_string(first)}  # the text's first line; correct it if "
                         "another line is the headline")
        lines.append("# title_note: ...  # why the title is what it is, when the text has no "
                     "headline")
        lines.append("# label: ...  # a short label for lists, e.g. \"Reuters report (2025)\"")
        if "publisher" in self.given:
            lines.append(f"publisher: {self.given['publisher']}  # {self._origin('publisher')}")
        else:
            lines.append("# publisher: ...  # the organisation's id under data/organizations/ "
                         "(iranru-ref find NAME), if the text names it")
        lines.append("# publisher_note: ...  # how the publisher was identified")
        lines.extend(self._date())
        lines.append("language: en  # the article's language, as a BCP 47 tag")
        if "url" in self.given:
            lines.append(f"url: {yaml_string(self.given['url'])}  # {self._origin('url')}")
        for url in [url for url in self.urls if url != self.given.get("url")][:3]:
            n = next(n for n, p in enumerate(self.paragraphs, 1) if url in p)
            lines.append(f"# url: {yaml_string(url)}  # an address the text gives (¶{n}); "
                         "record it only if it is the article's own")
        lines.append(f"sha256: {sha256}")
        if original:
            lines.append(f"original_name: {yaml_string(original)}")
        lines.extend(self._kinds())
        lines.extend(self._supplied())
        return "\n".join(lines) + "\n"

    def _date(self) -> list[str]:
        dateline = self.datelines[0] if self.datelines else None
        where = (f"the text's dateline (¶{dateline.n}) reads {yaml_string(dateline.words)}"
                 if dateline else None)
        if "date" in self.given:
            lines = [f"date: {yaml_string(self.given['date'])}  # {self._origin('date')}"]
            if where:
                lines.append(f"# {where}: where it states the date, write the date as a "
                             "mapping with that wording")
            return lines
        wording = yaml_string(dateline.date) if dateline else "..."
        return [
            "date:",
            f"  value: {PLACEHOLDER}  # YYYY-MM-DD, YYYY-MM or YYYY: as much as the text supports"
            + (f"; {where}" if where else ""),
            f"  precision: {PLACEHOLDER}  # day, month or year, to match the value",
            "  # inferred: true  # when the date is worked out from the text's words, not stated",
            f"  # wording: {wording}  # the text's own words for the date",
            "  # note: ...  # how the date was worked out",
        ]

    def _kinds(self) -> list[str]:
        if not self.proposals:
            return ["# Paragraph kinds other than body (heading, dateline, caption, boilerplate), "
                    "by number:", "paragraphs: {}"]
        return ["# Paragraph kinds other than body (heading, dateline, caption, boilerplate), "
                "proposed by add-source", "# from each paragraph's shape: check each against "
                "the article.", "paragraphs:",
                *(f"  {p.n}: {p.kind}  # {p.why}" for p in self.proposals)]

    def _supplied(self) -> list[str]:
        if not self.supplied:
            return []
        by = (f"{yaml_string(self.by)}" if self.by is not None else
              f"{PLACEHOLDER}  # who supplied it: a person, an organisation or a feed")
        return ["supplied:  # metadata that came with the article, not from its text",
                f"  by: {by}", f"  fields: [{', '.join(self.supplied)}]"]
