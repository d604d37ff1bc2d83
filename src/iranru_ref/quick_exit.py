"""Ending the ``iranru-ref`` process without tearing the interpreter down.

A normal exit frees every object the process still holds: the modules of MkDocs, networkx,
pydantic and Jinja, and, after a build, the whole database, with a last full garbage collection
over all of it. None of that changes anything outside the process, and at the seed scale it costs
more than a tenth of what our own stages add to the MkDocs build (mypy's ``hard_exit`` ends its
command the same way). Everything that does reach outside still happens: the handlers registered
with ``atexit`` run (``logging`` flushes its handlers there), then standard output and standard
error are flushed.

Where a thread other than the main one is still running, a normal exit would wait for it, so the
process exits normally instead.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn


def exit_status(code: object) -> int:
    """The exit status Python gives ``sys.exit(code)``; a message (any other object) is printed
    to standard error, as Python does."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def quick_exit(status: int) -> NoReturn:
    """End the process with ``status``, after the ``atexit`` handlers and flushing the output."""
    if threading.active_count() > 1:
        sys.exit(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # a pipe closed by its reader (``| head``), or a closed stream
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)
