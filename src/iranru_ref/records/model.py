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
#: what ``iranru-ref new`` and ``add-source`` write where a curator must fill in a value; the
#: check reports each one left
PLACEHOLDER = "FILL-IN"


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


#: characters that are not seen but change what is: bidirectional controls (U+202A–U+202E,
#: U+2066–U+2069), which reverse the text around them, and zero-width ones (U+200B–U+200F,
#: U+2060, U+FEFF), which make two names look alike that are not
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_INVISIBLE_PATTERN = "[\\u200b-\\u200f\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff]"
#: control characters: C0 (tab and line breaks too), DEL and C1
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: the same, but tab and line feed
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def name_problem(value: str, one_line: bool = True) -> str | None:
    """Why ``value`` cannot be a name (``one_line``) or an alias, beyond being blank, or None."""
    if one_line and ("\n" in value or "\t" in value or "\r" in value):
        return f"a name is one line, without tabs or line breaks, got {value!r}"
    control = (_CONTROL if one_line else _CONTROL_IN_TEXT).search(value)
    if control is not None:
        return (f"a name may not hold the control character U+{ord(control.group()):04X}; "
                f"delete it, got {value!r}")
    invisible = INVISIBLE.search(value)
    if invisible is not None:
        return (f"a name may not hold the invisible character U+{ord(invisible.group()):04X}, "
                "which can reverse the text around it or make two names look alike; delete it, "
                f"got {value!r}")
    return None


def _name(value: str) -> str:
    _text(value)
    problem = name_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _alias(value: str) -> str:
    _text(value)
    problem = name_problem(value, one_line=False)
    if problem is not None:
        raise ValueError(problem)
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
#: a record's name: text on one line, with nothing invisible in it
Name = Annotated[str, AfterValidator(_name),
                 WithJsonSchema({"type": "string", "pattern": "\\S",
                                 "not": {"pattern": "[\\t\\n\\r]|" + _INVISIBLE_PATTERN}})]
#: another name of a record: text with nothing invisible in it
Alias = Annotated[str, AfterValidator(_alias),
                  WithJsonSchema({"type": "string", "pattern": "\\S",
                                  "not": {"pattern": _INVISIBLE_PATTERN}})]
PredicateName = Annotated[str, AfterValidator(_predicate_name),
                          WithJsonSchema({"type": "string", "pattern": "^[a-z][a-z_]*$"})]
