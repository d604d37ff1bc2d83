"""Adding a new article to ``sources/``: stored verbatim, hashed, and its paragraphs listed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from ..errors import IranruError, Problem
from ..load.files import MAX_SOURCE_BYTES, ProjectFiles
from ..load.project import Project
from ..load.yaml_file import line_of_byte
from ..records.model import INVISIBLE, SLUG, reserved_id
from ..records.source import control_characters, sha256_of, split_paragraphs

_TEMPLATE = """\
# Metadata for sources/{id}.txt. Fill in what the text itself supports; never invent a URL.
title: {title}
# publisher: an organization id under data/organizations/, if the text names the publisher
date:
  value: YYYY-MM-DD   # or YYYY-MM / YYYY, with precision to match
  precision: day
  # inferred: true
  # wording: the words of the text the date comes from
  # note: how the date was worked out
language: en
sha256: {sha256}
{original}# Paragraph kinds other than body (heading, dateline, caption, boilerplate):
paragraphs: {{}}
"""
#: C0 and C1 control characters, which a terminal acts on (an article's ESC [2J clears it)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


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


def add_source(project: Project, file: Path, source_id: str) -> tuple[Path, list[str]]:
    """Copy ``file`` byte for byte to ``sources/<id>.txt`` and write a metadata stub."""
    if not SLUG.match(source_id):
        raise IranruError(
            f"--id: an id is lowercase letters, digits and hyphens, got {source_id!r}"
        )
    reserved = reserved_id(source_id, "a source's id")
    if reserved is not None:
        raise IranruError(f"--id: {reserved}; choose another")
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
    first = paragraphs[0].splitlines()[0].strip()
    original = _original_name(file)
    stub = _TEMPLATE.format(
        id=source_id, title=yaml_string(first), sha256=sha256_of(raw),
        original=f"original_name: {yaml_string(original)}\n" if original else "")
    target.write_bytes(raw)
    meta.write_text(stub, encoding="utf-8")
    return meta, paragraphs
