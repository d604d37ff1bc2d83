"""``index.json``: every other download with its size and SHA-256 (and, for a gzipped one,
those of the ``content`` it unpacks to), the build time, the licence, the version and date of
the newest release when ``releases.yml`` records one, and the address and number of the
per-record files.

Addresses are relative to this file unless ``site_url`` is set in mkdocs.yml (see
site_config).

The build time is ``SOURCE_DATE_EPOCH`` when set (https://reproducible-builds.org/specs/
source-date-epoch/), so a reproducible build gives the same bytes; otherwise it is now.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from ..errors import BuildFailed
from ..records.release import Releases
from .catalogue import Download
from .entity_records import DESCRIPTION as RECORDS_DESCRIPTION
from .entity_records import MEDIA_TYPE as RECORDS_MEDIA_TYPE
from .entity_records import URL_TEMPLATE as RECORDS_URL_TEMPLATE
from .licence import LICENCE_ID, LICENCE_NOTE, LICENCE_TITLE, LICENCE_URL
from .site_config import SiteConfig

FILE_NAME = "index.json"
PATH = f"data/{FILE_NAME}"


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


def index_bytes(downloads: list[Download], releases: Releases | None = None, records: int = 0,
                site: SiteConfig | None = None) -> bytes:
    """The index of ``downloads`` and of the ``records`` per-record files."""
    def url(name: str) -> str:
        return name if site is None else site.iri(f"data/{name}", PATH)

    release = {} if releases is None else {
        "version": releases.latest.version, "dateModified": releases.latest.date}
    document = {
        "built": build_time().isoformat().replace("+00:00", "Z"),
        **release,
        "license": {"id": LICENCE_ID, "title": LICENCE_TITLE, "url": LICENCE_URL,
                    "note": LICENCE_NOTE},
        "files": [
            {"name": d.name, "url": url(d.name), "media_type": d.media_type, "size": d.size,
             "sha256": d.sha256, "description": d.description,
             **({"content": {"name": d.content.name, "media_type": d.content.media_type,
                             "size": d.content.size, "sha256": d.content.sha256}}
                if d.content else {})}
            for d in downloads
        ],
        "records": {"url_template": url(RECORDS_URL_TEMPLATE), "media_type": RECORDS_MEDIA_TYPE,
                    "count": records, "description": RECORDS_DESCRIPTION},
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()


def keep_build_time(index: bytes, previous: Path) -> bytes:
    """The previous ``index.json`` when it says the very same but for the build time, else
    ``index``.

    Without ``SOURCE_DATE_EPOCH`` every generation would stamp a new time; regenerating
    unchanged data must write nothing, or ``mkdocs serve`` would rebuild forever.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return index
    try:
        old = previous.read_bytes()
        before, now = json.loads(old), json.loads(index)
        del before["built"], now["built"]
        if before == now:
            return old
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return index
