"""``index.json``: every other download with its size, SHA-256 and the build time.

The build time is ``SOURCE_DATE_EPOCH`` when set (https://reproducible-builds.org/specs/
source-date-epoch/), so a reproducible build gives the same bytes; otherwise it is now.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from ..errors import BuildFailed
from .catalogue import Download

FILE_NAME = "index.json"


def build_time() -> datetime:
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw == "":
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(raw), UTC)
    except (ValueError, OverflowError, OSError):
        raise BuildFailed(
            f"SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970, got {raw!r}"
        ) from None


def index_bytes(downloads: list[Download]) -> bytes:
    document = {
        "built": build_time().isoformat().replace("+00:00", "Z"),
        "files": [
            {"name": d.name, "url": d.name, "media_type": d.media_type, "size": d.size,
             "sha256": d.sha256, "description": d.description}
            for d in downloads
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()


def keep_build_time(index: bytes, previous: Path) -> bytes:
    """The previous ``index.json`` when it lists the very same files, else ``index``.

    Without ``SOURCE_DATE_EPOCH`` every generation would stamp a new time; regenerating
    unchanged data must write nothing, or ``mkdocs serve`` would rebuild forever.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return index
    try:
        old = previous.read_bytes()
        if json.loads(old)["files"] == json.loads(index)["files"]:
            return old
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return index
