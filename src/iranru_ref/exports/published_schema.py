"""``database.schema.json`` as the package ships it: read, never rebuilt during a build.

The schema is generated from the models of ``database_schema`` by
``python -m iranru_ref.exports.database_schema``, and a test fails when the committed file no
longer matches them (as for the curators' schemas in ``schemas/``). Building those models
and generating the schema cost about 6% of everything this package does for the two seed
articles, so a build reads the file instead of importing them.
"""

from __future__ import annotations

import functools
import io
import json
from importlib.resources import files
from typing import Any

FILE_NAME = "database.schema.json"


@functools.cache  # the same for every build; the callers only read it
def schema_bytes() -> bytes:
    return files(__package__).joinpath(FILE_NAME).read_bytes()


@functools.cache
def database_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_bytes())
    return schema


def write_database_schema(file: io.BufferedIOBase) -> None:
    file.write(schema_bytes())
