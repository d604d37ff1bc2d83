"""Finding a project on disk and loading it: vocabulary, sources and records, every problem collected."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from .database import Database, EntityRecord
from .entity import Entity
from .errors import Problem, ProjectNotFound, ValidationFailed, display_path
from .memory import paused_gc
from .model import SLUG
from .progress import Progress
from .pydantic_messages import problems_from_validation_error
from .source import Paragraph, Source, SourceMeta, sha256_of, split_paragraphs
from .vocabulary import FOLDERS, Predicate, Tag, Vocabulary
from .yamlfile import YamlDocument, load_yaml

M = TypeVar("M", bound=BaseModel)
RECORD_SUFFIX = ".yml"


class Project(NamedTuple):
    root: Path

    @classmethod
    def find(cls, root: Path | str | None = None) -> Project:
        path = Path(root) if root is not None else Path.cwd()
        path = path.resolve()
        if not (path / "data").is_dir() or not (path / "sources").is_dir():
            raise ProjectNotFound(
                f"{path} is not an iranru-ref project: expected the folders data/ and sources/ "
                "there. Run the command in the project folder or pass --root."
            )
        return cls(path)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def vocabulary_dir(self) -> Path:
        return self.data_dir / "vocabulary"

    def display(self, path: Path) -> str:
        return display_path(path, self.root)


def validate(model: type[M], document: YamlDocument, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        problems.extend(problems_from_validation_error(exc, document, model))
        return None


def _load_mapping_of(
    model: type[M], project: Project, name: str, problems: list[Problem],
    broken: set[str] | None = None,
) -> dict[str, M]:
    """The entries of one vocabulary file; names that fail to load go in ``broken`` as
    ``<file stem>:<name>``, or ``<file stem>:*`` when the whole file does."""
    path = project.vocabulary_dir / name
    display = project.display(path)
    broken = broken if broken is not None else set()
    kind = path.stem
    if not path.is_file():
        problems.append(Problem(display, 1, "the vocabulary file is missing; restore it from git"))
        broken.add(f"{kind}:*")
        return {}
    document = load_yaml(path, display, problems)
    if document is None:
        broken.add(f"{kind}:*")
        return {}
    if not isinstance(document.data, dict):
        problems.append(Problem(display, 1, "expected a mapping of names to entries"))
        broken.add(f"{kind}:*")
        return {}
    entries: dict[str, M] = {}
    for key in document.data:
        entry = validate(model, document.part(key), problems)
        if entry is not None:
            entries[str(key)] = entry
        else:
            broken.add(f"{kind}:{key}")
    return entries


def load_vocabulary(
    project: Project, problems: list[Problem], broken: set[str] | None = None
) -> Vocabulary:
    return Vocabulary(
        predicates=_load_mapping_of(Predicate, project, "predicates.yml", problems, broken),
        tags=_load_mapping_of(Tag, project, "tags.yml", problems, broken),
    )


def load_source(
    project: Project, meta_path: Path, problems: list[Problem]
) -> tuple[Source, YamlDocument] | None:
    source_id = meta_path.stem
    display = project.display(meta_path)
    if not SLUG.match(source_id):
        problems.append(
            Problem(display, 1, f"the file name {source_id!r} is not a valid id: an id is "
                    "lowercase letters, digits and hyphens, and the file name is the id"
                    + _rename_hint(project, meta_path, also=".txt"))
        )
        return None
    text_path = meta_path.with_suffix(".txt")
    if not text_path.is_file():
        problems.append(
            Problem(display, 1, f"the source text {project.display(text_path)} is missing; "
                    "store the article there byte for byte (iranru-ref add-source does this)")
        )
        return None
    document = load_yaml(meta_path, display, problems)
    if document is None:
        return None
    meta = validate(SourceMeta, document, problems)
    if meta is None:
        return None
    raw = text_path.read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(project.display(text_path), line, "the source text is not valid UTF-8")
        )
        return None
    blocks = split_paragraphs(text)
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
    project: Project, problems: list[Problem]
) -> tuple[dict[str, Source], dict[str, YamlDocument]]:
    sources: dict[str, Source] = {}
    documents: dict[str, YamlDocument] = {}
    directory = project.sources_dir
    for text_path in sorted(directory.glob("*.txt")):
        if not text_path.with_suffix(".yml").is_file():
            problems.append(
                Problem(project.display(text_path), 1,
                        f"no metadata file {project.display(text_path.with_suffix('.yml'))}; "
                        "add one (iranru-ref add-source writes it)")
            )
    for meta_path in sorted(directory.glob("*.yml")):
        loaded = load_source(project, meta_path, problems)
        if loaded is not None:
            source, document = loaded
            sources[source.id] = source
            documents[source.id] = document
    return sources, documents


def load_entities(
    project: Project, problems: list[Problem], broken: set[str] | None = None
) -> dict[str, EntityRecord]:
    """Load every record; ids of files that exist but fail to load are added to ``broken``."""
    records: dict[str, EntityRecord] = {}
    broken = broken if broken is not None else set()
    first_seen: dict[str, str] = {}
    data_dir = project.data_dir
    for child in sorted(data_dir.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir() and child.name not in FOLDERS and child.name != "vocabulary":
            problems.append(
                Problem(project.display(child), 1,
                        f"unknown folder {child.name!r}; records go in one of: "
                        + ", ".join(FOLDERS))
            )
        elif child.is_file():
            problems.append(
                Problem(project.display(child), 1,
                        "records go in a type folder, e.g. data/people/<id>.yml")
            )
    progress = Progress("reading records")
    for folder, entity_type in FOLDERS.items():
        directory = data_dir / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            progress.advance()
            if path.name.startswith("."):
                continue
            display = project.display(path)
            if path.suffix != RECORD_SUFFIX or not path.is_file():
                hint = ""
                if path.suffix.lower() in (".yaml", ".yml") and path.is_file():
                    hint = f"; rename it to {project.display(path.with_suffix(RECORD_SUFFIX))}"
                problems.append(
                    Problem(display, 1,
                            f"not a record file; records are named <id>{RECORD_SUFFIX}{hint}")
                )
                continue
            entity_id = path.stem
            if not SLUG.match(entity_id):
                problems.append(
                    Problem(display, 1,
                            f"the file name {entity_id!r} is not a valid id: an id is lowercase "
                            "letters, digits and hyphens, and the file name is the id"
                            + _rename_hint(project, path))
                )
                continue
            if entity_id in first_seen:
                problems.append(
                    Problem(display, 1,
                            f"the id {entity_id!r} is already used by {first_seen[entity_id]}; "
                            "ids are unique across all types, so rename one file")
                )
                continue
            first_seen[entity_id] = display
            document = load_yaml(path, display, problems)
            if document is not None:
                _refuse_id_field(document, entity_id, folder, problems)
            entity = validate(Entity, document, problems) if document is not None else None
            if entity is None or document is None:
                broken.add(entity_id)
            else:
                document.data = None  # the model holds the record now; only its lines are kept
                records[entity_id] = EntityRecord(entity_id, entity_type, entity, document)
    progress.done()
    return records


def _rename_hint(project: Project, path: Path, also: str = "") -> str:
    suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    if not suggestion or not SLUG.match(suggestion):
        return ""
    renamed = project.display(path.with_name(suggestion + path.suffix))
    extra = f" (and its {also} file likewise)" if also else ""
    return f"; rename it to {renamed}{extra}"


def _refuse_id_field(document: YamlDocument, entity_id: str, folder: str,
                     problems: list[Problem]) -> None:
    """Records have no ``id:`` field, since the file name is the id: say so, and drop the field
    so the rest of the record is still checked."""
    data = document.data
    if not isinstance(data, dict) or "id" not in data:
        return
    written = data.pop("id")
    message = (f"id: a record has no 'id' field, because the file name is the id (this file's "
               f"id is {entity_id!r}); remove the field")
    if isinstance(written, str) and written != entity_id and SLUG.match(written):
        message += (f", and if the id should be {written!r}, rename the file to "
                    f"data/{folder}/{written}{RECORD_SUFFIX}")
    problems.append(Problem(document.display, document.line_of(("id",)), message))


@paused_gc()
def load(project: Project, *, raise_on_problems: bool = True) -> tuple[Database, list[Problem]]:
    """Load and check the whole project, collecting every problem before raising."""
    from .checks import check_database

    problems: list[Problem] = []
    broken_vocabulary: set[str] = set()
    vocabulary = load_vocabulary(project, problems, broken_vocabulary)
    sources, source_documents = load_sources(project, problems)
    broken: set[str] = set()
    entities = load_entities(project, problems, broken)
    database = Database(project.root, vocabulary, sources, entities, source_documents, broken)
    problems.extend(check_database(database, project, broken_vocabulary=broken_vocabulary))
    if problems and raise_on_problems:
        raise ValidationFailed(problems)
    return database, problems

