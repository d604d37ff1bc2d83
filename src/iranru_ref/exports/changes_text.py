"""A comparison (``changes.compare``) as lines for a reader, as ``iranru-ref diff`` prints it.

A count per part first, then one line per record added (``+``), removed (``-``) or changed
(``~``, with a line per changed field, old → new), and per citation moved (``>``)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from .changes import PARTS, has_changes

SINGULAR = {"sources": "source", "entities": "entity", "claims": "claim",
            "citations": "citation", "predicates": "predicate", "tags": "tag"}
#: how long a value is shown before it is cut with "…"
VALUE_WIDTH = 70


def shown(value: Any, width: int = VALUE_WIDTH) -> str:
    """A value as JSON on one line, cut to ``width`` characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_line(part: str, counts: Mapping[str, int]) -> str:
    return f"{part}: " + ", ".join(f"{count} {kind}" for kind, count in counts.items())


def _record(part: str, record: Mapping[str, Any]) -> str:
    """``entity alexey-dedov (person): Alexey Dedov``."""
    what = f"{SINGULAR[part]} {record['id']}"
    if part == "entities":
        return f"{what} ({record.get('type')}): {record.get('name')}"
    if part == "claims":
        return f"{what} ({record.get('predicate')}): {shown(record.get('text'))}"
    if part == "sources":
        return f"{what}: {record.get('title')}"
    return what


def _place(place: Mapping[str, Any]) -> str:
    occurrence = f" (occurrence {place['occurrence']})" if place.get("occurrence") else ""
    return f"{place.get('source')} ¶{place.get('paragraph')}{occurrence}"


def change_lines(changes: Mapping[str, Any]) -> Iterator[str]:
    """The comparison for a reader: ``no differences``, or counts and then each change."""
    if not has_changes(changes):
        yield "no differences"
        return
    for part in PARTS:
        if any(changes["summary"][part].values()):
            yield summary_line(part, changes["summary"][part])
    for part in PARTS:
        found = changes[part]
        if part == "citations":
            for citation in found["added"]:
                yield f"+ citation of {citation['claim']}: {_place(citation)} {shown(citation['quote'])}"
            for citation in found["removed"]:
                yield f"- citation of {citation['claim']}: {_place(citation)} {shown(citation['quote'])}"
            for citation in found["moved"]:
                yield (f"> citation of {citation['claim']}: {shown(citation['quote'])} moved from "
                       f"{_place(citation['old'])} to {_place(citation['new'])}")
            continue
        for record in found["added"]:
            yield f"+ {_record(part, record)}"
        for record in found["removed"]:
            yield f"- {_record(part, record)}"
        for record in found["changed"]:
            yield f"~ {_record(part, record)}"
            for field, values in record["fields"].items():
                yield f"    {field}: {shown(values['old'])} → {shown(values['new'])}"
