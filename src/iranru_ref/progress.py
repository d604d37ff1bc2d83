"""What the pipeline reports as it runs: the stage it is in, and each step of it.

Library code never prints progress. Whoever runs the pipeline passes a ``Progress``: the command
line draws bars on a terminal (``cli_progress.py``), the benchmark times the stages, and this
base class, the default, reports nothing.

The stages, in the order a build runs them: ``load`` (reading and validating the records),
``check`` (the checks across records), ``pages`` (the Markdown tree), ``downloads`` (the data
files), ``engine`` (MkDocs or Zensical turning the Markdown into HTML) and ``search`` (Pagefind
indexing that HTML).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterator
from typing import TypeVar

T = TypeVar("T")

STAGES = ("load", "check", "pages", "downloads", "engine", "search")


def _nothing() -> None:
    pass


class Progress:
    """Reports nothing; subclasses override ``stage``."""

    @contextlib.contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[[], None]]:
        """Run the block as stage ``name`` of ``total`` steps; the block calls what it is given
        once a step."""
        yield _nothing

    def track(self, name: str, items: Collection[T]) -> Iterator[T]:
        """Iterate over ``items`` as the steps of stage ``name``."""
        with self.stage(name, len(items)) as advance:
            for item in items:
                yield item
                advance()


#: the default of every function that takes a ``progress``
SILENT = Progress()
