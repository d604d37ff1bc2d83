"""Loading the sources: each verbatim text, its metadata and its numbered paragraphs."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..records.model import SLUG, reserved_id
from ..records.source import (
    Paragraph,
    Source,
    SourceMeta,
    control_characters,
    sha256_of,
    split_paragraphs,
)
from .files import MAX_PARAGRAPHS, MAX_SOURCE_BYTES, ProjectFiles
from .messages import validate
from .project import Project
from .yaml_file import YamlDocument, line_of_byte, load_yaml


def load_source(
    project: Project, meta_path: Path, problems: list[Problem], files: ProjectFiles | None = None
) -> tuple[Source, YamlDocument] | None:
    files = files or ProjectFiles(project.root)
    source_id = meta_path.stem
    display = project.display(meta_path)
    if not SLUG.match(source_id):
        problems.append(
            Problem(display, 1, f"the file name {source_id!r} is not a valid id: an id is "
                    "lowercase letters, digits and hyphens, and the file name is the id"
                    + project.rename_hint(meta_path, also=".txt"))
        )
        return None
    reserved = reserved_id(source_id, "a source's id")
    if reserved is not None:
        problems.append(Problem(display, 1, f"the file name {reserved}; rename the file (and its "
                                ".txt file likewise)"))
        return None
    text_path = meta_path.with_suffix(".txt")
    if not text_path.exists() and not text_path.is_symlink():
        problems.append(
            Problem(display, 1, f"the source text {project.display(text_path)} is missing; "
                    "store the article there byte for byte (iranru-ref add-source does this)")
        )
        return None
    document = load_yaml(meta_path, display, problems, files)
    raw = files.read(text_path, project.display(text_path), MAX_SOURCE_BYTES, problems,
                     "A source is one article; store a longer text as several sources.")
    if document is None or raw is None:
        return None
    meta = validate(SourceMeta, document, problems)
    if meta is None:
        return None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(project.display(text_path), line_of_byte(raw, exc.start),
                    "the source text is not valid UTF-8")
        )
        return None
    controls = control_characters(text)
    for line, char in controls:
        problems.append(
            Problem(project.display(text_path), line,
                    f"the control character U+{ord(char):04X} is not allowed in a source text "
                    "(a terminal or a reader's browser would act on it); delete it, then record "
                    "the text's new hash")
        )
    if controls:
        return None
    blocks = split_paragraphs(text)
    if len(blocks) > MAX_PARAGRAPHS:
        problems.append(
            Problem(project.display(text_path), 1,
                    f"the text has {len(blocks):,} paragraphs; the limit is {MAX_PARAGRAPHS:,}. "
                    "A source is one article; store a longer text as several sources.")
        )
        return None
    for n, _kind in meta.paragraphs.items():
        if not 1 <= n <= len(blocks):
            problems.append(
                Problem(display, document.line_of(("paragraphs", n)),
                        f"paragraph {n} does not exist; the text has {len(blocks)} paragraphs")
            )
    paragraphs = tuple(
        Paragraph(n=n, kind=meta.paragraphs.get(n, "body"), text=block)
        for n, block in enumerate(blocks, 1)
    )
    source = Source(source_id, meta, text, paragraphs, actual_sha256=sha256_of(raw))
    return source, document


def load_sources(
    project: Project, problems: list[Problem], files: ProjectFiles | None = None
) -> tuple[dict[str, Source], dict[str, YamlDocument]]:
    files = files or ProjectFiles(project.root)
    sources: dict[str, Source] = {}
    documents: dict[str, YamlDocument] = {}
    directory = project.sources_dir
    for text_path in sorted(directory.glob("*.txt")):
        meta_path = text_path.with_suffix(".yml")
        if not meta_path.exists() and not meta_path.is_symlink():
            problems.append(
                Problem(project.display(text_path), 1,
                        f"no metadata file {project.display(text_path.with_suffix('.yml'))}; "
                        "add one (iranru-ref add-source writes it)")
            )
    for meta_path in sorted(directory.glob("*.yml")):
        loaded = load_source(project, meta_path, problems, files)
        if loaded is not None:
            source, document = loaded
            sources[source.id] = source
            documents[source.id] = document
    return sources, documents
