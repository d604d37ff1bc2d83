"""Turning pydantic's validation errors into ``file:line: message`` problems a curator can act on."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..records.claim import claim_path
from ..records.model import PLACEHOLDER
from ..suggest import did_you_mean
from .yaml_file import YamlDocument

M = TypeVar("M", bound=BaseModel)


def field_path(loc: tuple[Any, ...], data: Any = None) -> str:
    """``claims[signed-treaty].citations[0]``: a claim in ``data`` (the file's values) is named by
    its id where it has a valid one, other list items by position; a key that cannot be printed
    as it is (a line break) is quoted with escapes, so that the problem stays on one line."""
    parts: list[str] = []
    current = data
    for part in loc:
        item = _step(current, part)
        if isinstance(part, int) and parts == ["claims"]:
            parts[0] = claim_path(item.get("id") if isinstance(item, dict) else None, part)
        elif isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            name = str(part)
            parts.append(("." if parts else "") + (name if name.isprintable() else repr(name)))
        current = item
    return "".join(parts)


def _step(current: Any, part: Any) -> Any:
    """The value at ``part`` of ``current``, or None where there is none."""
    if isinstance(current, dict):
        return current.get(part)
    if isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
        return current[part]
    return None


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at the mapping that contains ``loc[-1]``."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "a string"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def _hint(kind: str, got: Any) -> str:
    """What to write instead, for the mistakes curators make most."""
    if got is None:
        return " (the value is empty); fill it in or remove the field"
    if kind == "bool_type" and isinstance(got, str) and got.lower() in _YAML11_BOOLEANS | {
        "true", "false"
    }:
        return (f"; write true or false: {got!r} is not a boolean here (records are read as "
                "YAML 1.2, where only true and false are)")
    if kind == "list_type" and isinstance(got, str | int | float):
        item = str(got)
        shown = item if item.isprintable() and len(item) <= 60 else _short(got)
        return f"; write a list, e.g. [{shown}]"
    if kind in ("int_type", "int_parsing") and isinstance(got, str):
        return "; write a whole number in digits (like 3), without quotes"
    if kind in ("float_type", "float_parsing") and isinstance(got, str):
        return "; write the number in digits only (like 4.9 or 1200), without quotes or separators"
    return ""


def _message(error: Any, model: type[BaseModel], data: Any) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])  # already cleaned by _clean_loc
    where = field_path(loc, data)
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        hint = f"; expected one of: {', '.join(allowed)}" if allowed else ""
        return f"{where}: unknown field {str(loc[-1])!r}{did_you_mean(str(loc[-1]), allowed)}{hint}"
    if kind == "missing":
        return f"{where}: required field {str(loc[-1])!r} is missing; add it"
    message: str = error["msg"]
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind in ("value_error", "assertion_error"):
        return f"{where}: {message}" if where else message
    got = error.get("input")
    if kind == "literal_error":
        return f"{where}: {message[0].lower()}{message[1:]}, got {_short(got)}"
    if kind == "too_short" and isinstance(got, list | dict):
        least = error.get("ctx", {}).get("min_length", 1)
        return f"{where}: needs at least {least} item{'s' if least != 1 else ''}, got none; add one"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        fields = _allowed_fields(model, (*loc, "")) if loc else list(model.model_fields)
        listed = f" ({', '.join(fields)})" if fields else ""
        if not where:
            return (f"the file must be a mapping of fields{listed}, one 'field: value' per "
                    f"line, got {_kind_of(got)}")
        return f"{where}: expected a mapping of fields{listed}, got {_kind_of(got)} {_short(got)}"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        expected = message.removeprefix("Input should be ")
        return f"{where}: expected {expected}, got {_short(got)}{_hint(kind, got)}"
    return f"{where}: {message[0].lower()}{message[1:]}, got {_short(got)}"


def _clean_loc(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """``loc`` without pydantic's own steps (``function-after[...]`` and the like), which name
    a validator, not a key; a key the curator wrote, even one like ``[``, is kept."""
    parts: list[Any] = []
    current = data
    for part in loc:
        present = (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current))
        if present:
            current = current[part]
        elif isinstance(part, str) and "[" in part:
            continue
        else:
            current = None
        parts.append(part)
    return tuple(parts)


def problems_from_validation_error(
    exc: ValidationError, document: YamlDocument, model: type[BaseModel],
    placeholders: frozenset[tuple[Any, ...]] = frozenset(),
) -> list[Problem]:
    """A problem for each of pydantic's errors, but those at ``placeholders``, which have their
    own."""
    errors: list[dict[str, Any]] = [{**error, "loc": _clean_loc(tuple(error["loc"]), document.data)}
              for error in exc.errors(include_url=False)]
    renames = _misspelt_required_fields(errors)
    problems = []
    for error in errors:
        loc: tuple[Any, ...] = error["loc"]
        if loc in renames.values() or loc in placeholders:
            continue  # said with the unknown field that stands for it, or the placeholder
        message = _message(error, model, document.data)
        if loc in renames:
            message = (f"{field_path(loc, document.data)}: unknown field {str(loc[-1])!r}; rename it to the "
                       f"required field {str(renames[loc][-1])!r}")
        problems.append(Problem(document.display, document.line_of(loc), message))
    return problems


def _misspelt_required_fields(errors: list[dict[str, Any]]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """For each unknown field whose name is close to a missing required field beside it, that
    field's location (``citation:`` written where ``citations:`` is required)."""
    missing = [error["loc"] for error in errors if error["type"] == "missing" and error["loc"]]
    renames: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for error in errors:
        loc = error["loc"]
        if error["type"] != "extra_forbidden" or not loc:
            continue
        beside = [found for found in missing if found[:-1] == loc[:-1]]
        close = difflib.get_close_matches(str(loc[-1]), [str(found[-1]) for found in beside],
                                          n=1, cutoff=0.6)
        if close:
            renames[loc] = next(found for found in beside if str(found[-1]) == close[0])
    return renames


def placeholder_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Where ``data`` still holds the placeholder that ``iranru-ref new`` writes."""
    if data == PLACEHOLDER:
        return [path]
    if isinstance(data, dict):
        return [found for key, value in data.items()
                for found in placeholder_paths(value, (*path, key))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data)
                for found in placeholder_paths(value, (*path, index))]
    return []


def validate(model: type[M], document: YamlDocument, problems: list[Problem]) -> M | None:
    """The file's model, or None with its problems added to ``problems``; a placeholder left
    in it is a problem of its own, and the file is not used until it is filled in."""
    left = placeholder_paths(document.data) if document.line_map.holds(PLACEHOLDER) else []
    for path in left:
        problems.append(Problem(
            document.display, document.line_of(path),
            f"{field_path(path, document.data)}: {PLACEHOLDER} is a placeholder; write the value "
            "(the comment beside it says what goes there), or remove the field if it is optional"))
    try:
        validated = model.model_validate(document.data)
    except ValidationError as exc:
        problems.extend(problems_from_validation_error(exc, document, model, frozenset(left)))
        return None
    return None if left else validated
