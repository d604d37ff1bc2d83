"""The curators' JSON Schemas as the package ships them, and their copies in a project.

The files are generated from the models by ``python -m iranru_ref.records.schema_generation``, and a test
fails while they differ from the models (as for ``exports/database.schema.json``). A build
reads them for the Data dictionary page instead of generating them, which cost about 0.05
billion instructions, 3% of what the package executes for the seed articles.
``iranru-ref schemas`` copies them to a project's ``schemas/``. The YAML language server (VS
Code's YAML extension and others) finds them there through ``.vscode/settings.json`` or a
record's first line, ``# yaml-language-server: $schema=...``, and then completes field names,
shows their help and flags unknown keys while the curator types.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from .committed_files import is_current, write_if_changed

SCHEMAS_DIR = "schemas"
ENTITY_SCHEMA = "entity.schema.json"
SOURCE_SCHEMA = "source.schema.json"
PREDICATES_SCHEMA = "predicates.schema.json"
TAGS_SCHEMA = "tags.schema.json"
SCHEMA_NAMES = (ENTITY_SCHEMA, SOURCE_SCHEMA, PREDICATES_SCHEMA, TAGS_SCHEMA)


def published_directory() -> Path:
    return Path(__file__).parent / SCHEMAS_DIR


@functools.cache  # the same for every build
def schema_texts() -> dict[str, str]:
    """File name → the schema's text, as shipped."""
    directory = published_directory()
    return {name: (directory / name).read_text("utf-8") for name in SCHEMA_NAMES}


def record_schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema (a fresh copy, which the caller may change)."""
    return {name: json.loads(text) for name, text in schema_texts().items()}


def stale_schemas(root: Path) -> list[str]:
    """The files under ``root/schemas`` that are missing or differ from the package's."""
    return [f"{SCHEMAS_DIR}/{name}" for name, text in schema_texts().items()
            if not is_current(root / SCHEMAS_DIR / name, text)]


def write_schemas(root: Path) -> list[str]:
    """Write every schema under ``root/schemas``; return the files that changed."""
    return [f"{SCHEMAS_DIR}/{name}" for name, text in schema_texts().items()
            if write_if_changed(root / SCHEMAS_DIR / name, text)]
