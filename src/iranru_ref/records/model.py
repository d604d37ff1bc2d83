"""The shared pydantic base for every curated record, and the small value types they share."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, WithJsonSchema

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
PREDICATE_NAME = re.compile(r"[a-z][a-z_]*\Z")
#: ids that would give a record, a source or a tag the page of one of the site's own listings
#: (``people/index.md`` lists the people, ``sources/index.md`` the sources)
RESERVED_IDS = frozenset({"index"})


def reserved_id(value: str, what: str = "an id") -> str | None:
    """Why ``value`` cannot be ``what`` although it is a valid slug, or None."""
    if value in RESERVED_IDS:
        return (f"{value!r} is reserved for the site's own listing pages (such as people/index), "
                f"so it cannot be {what}")
    return None

class Model(BaseModel):
    """Unknown keys are errors and nothing is coerced: what the curator wrote is what is checked."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _slug(value: str) -> str:
    if not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "alexey-dedov"
        raise ValueError(
            f"an id is lowercase letters, digits and hyphens (like {suggestion!r}), got {value!r}"
        )
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("the text is empty; write something or remove the field")
    return value


def _predicate_name(value: str) -> str:
    if not PREDICATE_NAME.match(value):
        raise ValueError(
            f"a predicate name is lowercase letters and underscores (like 'ambassador_to'), got {value!r}"
        )
    return value


# The JSON Schema of each type mirrors its validator, for editors (schemas/*.json).
Slug = Annotated[str, AfterValidator(_slug),
                 WithJsonSchema({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"})]
Text = Annotated[str, AfterValidator(_text),
                 WithJsonSchema({"type": "string", "pattern": "\\S"})]
PredicateName = Annotated[str, AfterValidator(_predicate_name),
                          WithJsonSchema({"type": "string", "pattern": "^[a-z][a-z_]*$"})]
