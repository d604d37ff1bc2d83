"""Pausing Python's cyclic garbage collector for a whole command.

Loading 100,000 claims creates millions of small containers (YAML nodes, dicts, pydantic models,
view dicts) that all stay alive until the end. The cyclic collector keeps re-scanning them as the
graph grows, which costs as much as parsing the YAML itself and grows faster than the data.
Almost none of these objects form reference cycles, so reference counting frees them anyway.
Each run of the pipeline pauses the collector where it starts, once: ``iranru-ref check``, the
MkDocs hook, and a build from the load to the last generated page. The site engine then runs
with it on, since MkDocs leaves cyclic garbage behind that would otherwise pile up.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off; nesting is harmless."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
