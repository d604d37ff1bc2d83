"""Adding a new article to ``sources/``: stored verbatim, hashed, and its paragraphs listed."""

from __future__ import annotations

from pathlib import Path

from ..errors import IranruError
from ..load.project import Project
from ..load.yaml_file import line_of_byte
from ..records.model import SLUG
from ..records.source import sha256_of, split_paragraphs

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
original_name: {original}
# Paragraph kinds other than body (heading, dateline, caption, boilerplate):
paragraphs: {{}}
"""


class SourceExists(IranruError):
    pass


def add_source(project: Project, file: Path, source_id: str) -> tuple[Path, list[str]]:
    """Copy ``file`` byte for byte to ``sources/<id>.txt`` and write a metadata stub."""
    if not SLUG.match(source_id):
        raise IranruError(
            f"--id: an id is lowercase letters, digits and hyphens, got {source_id!r}"
        )
    target = project.sources_dir / f"{source_id}.txt"
    meta = target.with_suffix(".yml")
    if target.exists() or meta.exists():
        raise SourceExists(
            f"{project.display(target)} already exists; choose another --id or remove the old files"
        )
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise IranruError(f"{file}: cannot read the file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IranruError(f"{file}:{line_of_byte(raw, exc.start)}: the article is not UTF-8; "
                          "convert it first") from None
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise IranruError(f"{file}:1: the article is empty")
    first = paragraphs[0].splitlines()[0]
    title = '"' + first.replace("\\", "\\\\").replace('"', '\\"') + '"'
    target.write_bytes(raw)
    meta.write_text(
        _TEMPLATE.format(id=source_id, title=title, sha256=sha256_of(raw), original=file.name),
        encoding="utf-8",
    )
    return meta, paragraphs
