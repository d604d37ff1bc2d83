"""Turning pydantic's validation errors into ``file:line: message`` problems a curator can act on."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .yamlfile import YamlDocument


def _field_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


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


def _message(error: Any, model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and "[" in part))
    where = _field_path(loc)
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        hint = f"; expected one of: {', '.join(allowed)}" if allowed else ""
        return f"{where}: unknown field {str(loc[-1])!r}{hint}"
    if kind == "missing":
        return f"{where}: required field {str(loc[-1])!r} is missing; add it"
    message: str = error["msg"]
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind in ("value_error", "assertion_error"):
        return f"{where}: {message}" if where else message
    got = error.get("input")
    if kind == "literal_error":
        return f"{where}: {message[0].lower()}{message[1:]}, got {_short(got)}"
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "model_type":
        expected = message.removeprefix("Input should be ")
        return f"{where}: expected {expected}, got {_short(got)}"
    return f"{where}: {message[0].lower()}{message[1:]}, got {_short(got)}"


def problems_from_validation_error(
    exc: ValidationError, document: YamlDocument, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and "[" in part))
        line = document.line_of(loc)
        problems.append(Problem(document.display, line, _message(error, model)))
    return problems
