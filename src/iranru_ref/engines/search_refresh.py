"""While serving, the search index is made again after each build, beside the server.

Pagefind indexes the whole site each time (it has no index to add a page to), which takes
longer than the pages an edit rebuilds; so the server does not wait for it: the browser reloads
as soon as the pages are built, and search catches up a moment later. One run at a time: a build
that ends while Pagefind runs has it run once more when it is done, so the index ends up that of
the last build.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import IranruError
from .search_index import index_site


class SearchRefresh:
    def __init__(self, info: Callable[[str], None], warn: Callable[[str], None],
                 index: Callable[[Path], int] = index_site) -> None:
        self._info, self._warn = info, warn
        self._index = index
        self._lock = threading.Lock()
        self._site: Path | None = None
        self._running = False
        self._idle = threading.Event()
        self._idle.set()

    def request(self, site: Path) -> None:
        """Index ``site`` once the run in progress, if any, is done."""
        with self._lock:
            self._site = site
            if self._running:
                return
            self._running = True
            self._idle.clear()
        threading.Thread(target=self._run, name="search-index", daemon=True).start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no run is in progress or wanted; whether that happened in time."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                site, self._site = self._site, None
                if site is None:
                    self._running = False
                    self._idle.set()
                    return
            started = time.perf_counter()
            try:
                pages = self._index(site)
            except IranruError as exc:
                self._warn(f"{exc.message}\nThe site is served without an up-to-date search.")
            except Exception as exc:  # a thread's failure would otherwise print a traceback
                self._warn(f"the search index could not be made: {type(exc).__name__}: {exc}; "
                           "the site is served without an up-to-date search")
            else:
                self._info(f"Indexed {pages} pages for search in "
                           f"{time.perf_counter() - started:.2f} seconds")
