"""The layout of the JSON downloads: one record per line.

The outer levels of a document (its keys, and the lists under them) are laid out one entry per
line, and each record below them is written on a single line. Such a file still reads and diffs
line by line, and greps for one claim or annotation, but it is written by the json module's C
encoder: ``indent=`` makes Python fall back to its pure-Python encoder, several times slower on
the hundred megabytes of a large database.

The pieces go to the file a batch at a time (``text_output``): joining each level and then
concatenating it into the level above copied the whole text a dozen times, and at 10k entities
each copy of the 90 MB text was fresh memory that the kernel had to map, which made the export
grow faster than the data.
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from .text_output import BATCH, TextOutput, Writable


class Encoded(str):
    """A value already written as JSON text (by ``encode``), placed in a document as it is."""


class Records:
    """A list whose records are made as it is written, one at a time, so that they are never
    all in memory at once (at 10k entities, 90 MB of encoded claims and sources). ``dump`` lays
    it out as it lays out a list."""

    def __init__(self, records: Iterable[Any]) -> None:
        self.records = records

    def __iter__(self) -> Iterator[Any]:
        return iter(self.records)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, Records):  # below the levels spread over lines: one line after all
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_as_list)


def encode(value: Any) -> Encoded:
    """``value`` as compact JSON text, for a document that holds many records: the text takes
    less memory than the records' dicts and lists would until the document is written. It must
    sit within the levels that ``dumps`` spreads over lines (a record of a list under a key of
    the document needs ``levels=2``); deeper, it would be written as a JSON string."""
    return Encoded(_ENCODER.encode(value))


def dump(value: Any, levels: int, file: Writable, batch: int = BATCH) -> None:
    """Write ``value`` as UTF-8 JSON text into ``file``, with its ``levels`` outer levels spread
    one entry per line."""
    out = TextOutput(file, batch=batch)
    _write(value, levels, 0, out)
    out.write("\n")
    out.flush()


def dumps(value: Any, levels: int) -> str:
    """The text ``dump`` writes."""
    buffer = io.BytesIO()
    dump(value, levels, buffer)
    return buffer.getvalue().decode("utf-8")


def _write(value: Any, levels: int, depth: int, out: TextOutput) -> None:
    pieces = out.pieces
    if isinstance(value, Encoded):
        pieces.append(value)
        return
    if levels == 0 or not isinstance(value, dict | list | Records):
        pieces.append(_ENCODER.encode(value))
        return
    if isinstance(value, dict):
        opening, closing = "{", "}"
        entries = ((_ENCODER.encode(key) + ": ", item) for key, item in value.items())
    else:
        opening, closing = "[", "]"
        entries = (("", item) for item in value)
    first = next(entries, None)
    if first is None:
        pieces.append(opening + closing)
        return
    pieces.append(opening)
    new_line = "\n" + " " * (depth + 1)
    separator = new_line  # a comma too before every later entry
    for label, item in itertools.chain((first,), entries):
        pieces += (separator, label)
        _write(item, levels - 1, depth + 1, out)
        separator = "," + new_line
        out.written_if_full()
    pieces += ("\n", " " * depth, closing)
