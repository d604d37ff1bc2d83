"""The layout of the JSON downloads: one record per line.

The outer levels of a document (its keys, and the lists under them) are laid out one entry per
line, and each record below them is written on a single line by the standard encoder. Such a
file still reads and diffs line by line, and greps for one claim or annotation. A list of
records may be given as an iterator: each record is then made and written in turn, so the
records (90 MB of JSON at 10k entities) are never all in memory at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

encode = json.JSONEncoder(ensure_ascii=False).encode


def write_json(value: Any, levels: int, file: TextIO) -> None:
    """Write ``value`` as a JSON document into ``file``, its ``levels`` outer levels spread one
    entry per line. An iterator within those levels is written as a list."""
    _write(value, levels, file, "")
    file.write("\n")


def _write(value: Any, levels: int, file: TextIO, indent: str) -> None:
    if levels == 0 or not isinstance(value, dict | list | Iterator):
        file.write(encode(value))
        return
    if isinstance(value, dict):
        opening, closing = "{", "}"
        entries: Iterator[tuple[str, Any]] = ((encode(key) + ": ", item)
                                              for key, item in value.items())
    else:
        opening, closing = "[", "]"
        entries = (("", item) for item in value)
    file.write(opening)
    separator = "\n"
    for label, item in entries:
        file.write(f"{separator}{indent} {label}")
        _write(item, levels - 1, file, indent + " ")
        separator = ",\n"
    file.write(closing if separator == "\n" else f"\n{indent}{closing}")
