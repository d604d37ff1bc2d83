"""Progress for long runs: shown on a terminal, silent otherwise.

A build at scale renders tens of thousands of pages and may run for minutes. When standard error
is a terminal, each stage prints one line that is redrawn in place (``rendering entity pages
4,210/10,000``) at most a few times a second; when it is not (CI logs, pipes, tests), nothing is
printed at all, so logs and captured output stay exactly as before.

``IRANRU_PROGRESS=1`` forces progress on and ``IRANRU_PROGRESS=0`` forces it off.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, Any, TypeVar

T = TypeVar("T")

#: seconds between two redraws of the same line
INTERVAL = 0.2


def enabled(stream: IO[str] | None = None) -> bool:
    """Whether progress is shown: on when ``stream`` (stderr by default) is a terminal."""
    forced = os.environ.get("IRANRU_PROGRESS")
    if forced is not None and forced.strip() != "":
        return forced.strip() not in ("0", "false", "no", "off")
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or unusual streams
        return False


class Progress:
    """One stage's progress line; every method is a cheap no-op when progress is off."""

    def __init__(self, label: str, total: int | None = None, *,
                 stream: IO[str] | None = None, show: bool | None = None) -> None:
        self.label = label
        self.total = total
        self.count = 0
        self.stream = stream if stream is not None else sys.stderr
        self.show = enabled(self.stream) if show is None else show
        self.started = time.perf_counter()
        self._next_draw = 0.0
        self._width = 0
        if self.show:
            self._draw(force=True)

    def advance(self, step: int = 1) -> None:
        self.count += step
        if self.show:
            self._draw()

    def _draw(self, force: bool = False, final: bool = False) -> None:
        now = time.perf_counter()
        if not force and now < self._next_draw:
            return
        self._next_draw = now + INTERVAL
        elapsed = now - self.started
        if self.total:
            text = f"{self.label} {self.count:,}/{self.total:,} ({elapsed:.1f}s)"
        elif self.count:
            text = f"{self.label} {self.count:,} ({elapsed:.1f}s)"
        else:
            text = f"{self.label}… ({elapsed:.1f}s)" if final else f"{self.label}…"
        padding = " " * max(0, self._width - len(text))
        self._width = len(text)
        try:
            self.stream.write(f"\r{text}{padding}" + ("\n" if final else ""))
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away; stop drawing
            self.show = False

    def done(self) -> None:
        if self.show:
            self._draw(force=True, final=True)
            self.show = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.done()


def track(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Iterate over ``items``, advancing a progress line for each one."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with Progress(label, total) as progress:
        if not progress.show:
            yield from items
            return
        for item in items:
            yield item
            progress.advance()


def stage(label: str) -> Progress:
    """A stage without a count: ``with stage("building HTML with MkDocs"): ...``."""
    return Progress(label)


def add_mkdocs_progress(config: Any) -> None:
    """Count pages as MkDocs builds them, through a plugin added to the loaded ``config``.

    Added only when progress is shown, so a build without a terminal runs exactly the plugins
    that ``mkdocs.yml`` lists.
    """
    if not enabled():
        return
    from mkdocs.plugins import BasePlugin

    class PageProgress(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        progress: Progress | None = None

        def on_files(self, files: Any, config: Any) -> Any:
            # Each page is counted twice: once converted from Markdown, once rendered.
            self.progress = Progress("building HTML with MkDocs: step",
                                     2 * len(files.documentation_pages()))
            return files

        def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
            if self.progress is not None:
                self.progress.advance()
            return html

        def on_post_page(self, output: str, page: Any, config: Any) -> str:
            if self.progress is not None:
                self.progress.advance()
            return output

        def on_post_build(self, config: Any) -> None:
            if self.progress is not None:
                self.progress.done()

    config.plugins["iranru-progress"] = PageProgress()
