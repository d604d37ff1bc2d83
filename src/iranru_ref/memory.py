"""Pausing Python's cyclic garbage collector while the pipeline builds its large object graph.

Loading 100,000 claims creates millions of small containers (YAML nodes, dicts, pydantic models,
view dicts) that all stay alive until the end. The cyclic collector keeps re-scanning them as the
graph grows, which costs as much as parsing the YAML itself and grows faster than the data.
Almost none of these objects form reference cycles, so reference counting frees them anyway;
the collector is simply switched off for the duration and switched back on afterwards, when any
cycles left over are collected as usual. ``iranru-ref build`` keeps it off from the start, while
it imports its libraries, until the site engine runs.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Usable as ``with paused_gc():`` or as a decorator ``@paused_gc()``; nesting is harmless."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextlib.contextmanager
def collecting_new_objects_only() -> Iterator[None]:
    """Run the block with the collector on, scanning only the objects created inside it.

    What exists when the site engine starts (the modules of pydantic, networkx, Jinja and our
    own, and their caches) lives until the process ends, yet every full collection the engine
    triggers would scan all of it again. ``gc.freeze`` sets it aside for the block.
    """
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()
