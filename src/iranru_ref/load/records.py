"""Loading the records: one YAML file per entity, in a folder per type."""

from __future__ import annotations

from ..database import EntityRecord
from ..errors import Problem
from ..progress import SILENT, Progress
from ..records.entity import Entity
from ..records.model import SLUG, reserved_id
from ..records.vocabulary import FOLDERS
from .files import ProjectFiles
from .messages import validate
from .project import RECORD_SUFFIX, Project
from .yaml_file import LineMap, YamlDocument, parse_yaml, read_text


class RecordCache:
    """The records a long-running process (``iranru-ref serve``) loaded last, each with the
    text it was read from: a file whose text is unchanged is not parsed and validated again.
    Only files that loaded without a problem are kept, since a record's problems come from its
    text alone."""

    def __init__(self) -> None:
        self._records: dict[tuple[str, str], tuple[str, Entity]] = {}

    def get(self, display: str, entity_type: str, text: str) -> Entity | None:
        found = self._records.get((display, entity_type))
        return found[1] if found is not None and found[0] == text else None

    def keep(self, display: str, entity_type: str, text: str, entity: Entity) -> None:
        self._records[(display, entity_type)] = (text, entity)


def load_entities(
    project: Project, problems: list[Problem], broken: set[str], progress: Progress = SILENT,
    files: ProjectFiles | None = None, cache: RecordCache | None = None,
) -> dict[str, EntityRecord]:
    """Load every record; ids of files that exist but fail to load are added to ``broken``.
    With ``cache``, a file whose text it holds is not parsed again."""
    reader = files or ProjectFiles(project.root)
    records: dict[str, EntityRecord] = {}
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
    paths = [(folder, entity_type, path) for folder, entity_type in FOLDERS.items()
             if (data_dir / folder).is_dir()
             for path in sorted((data_dir / folder).iterdir()) if not path.name.startswith(".")]
    for folder, entity_type, path in progress.track("load", paths):
        display = project.display(path)
        if path.suffix != RECORD_SUFFIX or (path.is_dir() and not path.is_symlink()):
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
                        + project.rename_hint(path))
            )
            continue
        reserved = reserved_id(entity_id, "a record's id")
        if reserved is not None:
            problems.append(Problem(display, 1, f"the file name {reserved}; rename the file"))
            broken.add(entity_id)
            continue
        if entity_id in first_seen:
            problems.append(
                Problem(display, 1,
                        f"the id {entity_id!r} is already used by {first_seen[entity_id]}; "
                        "ids are unique across all types, so rename one file")
            )
            continue
        first_seen[entity_id] = display
        before = len(problems)
        text = read_text(path, display, problems, reader)
        entity = cache.get(display, entity_type, text) if cache and text is not None else None
        if entity is not None and text is not None:
            document: YamlDocument | None = YamlDocument(path, display, None,
                                                         LineMap(text, display))
        else:
            document = parse_yaml(text, path, display, problems) if text is not None else None
            if document is not None:
                _refuse_id_field(document, entity_id, folder, problems)
            entity = validate(Entity, document, problems) if document is not None else None
            if (cache is not None and entity is not None and text is not None
                    and len(problems) == before):
                cache.keep(display, entity_type, text, entity)
        if entity is None or document is None:
            broken.add(entity_id)
        else:
            document.data = None  # the model holds the record now; only its lines are kept
            records[entity_id] = EntityRecord(entity_id, entity_type, entity, document)
    return records


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
