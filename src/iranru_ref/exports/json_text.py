"""The layout of the JSON downloads: one record per line.

The outer levels of a document (its keys, and the lists under them) are laid out one entry per
line, and each record below them is written on a single line. Such a file still reads and diffs
line by line, and greps for one claim or annotation, but it is written by the json module's C
encoder: ``indent=`` makes Python fall back to its pure-Python encoder, several times slower on
the hundred megabytes of a large database.
"""

from __future__ import annotations

import json
from typing import Any


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def dumps(value: Any, levels: int) -> str:
    """``value`` as JSON text, with its ``levels`` outer levels spread one entry per line."""
    return _dumps(value, levels, 0) + "\n"


def _dumps(value: Any, levels: int, depth: int) -> str:
    if levels == 0 or not isinstance(value, dict | list) or not value:
        return _compact(value)
    inner = " " * (depth + 1)
    if isinstance(value, dict):
        entries = [f"{inner}{_compact(key)}: {_dumps(item, levels - 1, depth + 1)}"
                   for key, item in value.items()]
        opening, closing = "{", "}"
    else:
        entries = [inner + _dumps(item, levels - 1, depth + 1) for item in value]
        opening, closing = "[", "]"
    return opening + "\n" + ",\n".join(entries) + "\n" + " " * depth + closing
