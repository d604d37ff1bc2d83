"""Progress bars for the command line, drawn by ``click.progressbar`` on a terminal only.

When standard error is not a terminal (CI logs, pipes, tests), nothing is drawn, so output stays
exactly the commands' own.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

import click

from .progress import Progress

LABELS = {
    "load": "reading records",
    "check": "checking",
    "pages": "writing pages",
    "downloads": "writing the data downloads",
    "engine": "building HTML",
    "search": "indexing for search",
}


class TerminalProgress(Progress):
    @contextlib.contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[[], None]]:
        steps = total or 1
        with click.progressbar(length=steps, label=LABELS.get(name, name), file=sys.stderr,
                               show_pos=bool(total), show_percent=bool(total)) as bar:
            yield lambda: bar.update(1)
            bar.update(steps - bar.pos)


def terminal_progress() -> Progress:
    """Bars on a terminal; otherwise the silent default."""
    return TerminalProgress() if sys.stderr.isatty() else Progress()
