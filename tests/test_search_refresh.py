"""While serving, the search index is made beside the server, one run at a time, ending with the
last build's site; a failure is reported, never raised in the server's thread."""

from __future__ import annotations

import threading
from pathlib import Path

from iranru_ref.engines.search_refresh import SearchRefresh
from iranru_ref.errors import BuildFailed


def test_builds_during_a_run_are_indexed_once_after_it(tmp_path: Path) -> None:
    started, release = threading.Event(), threading.Event()
    indexed: list[Path] = []

    def index(site: Path) -> int:
        indexed.append(site)
        started.set()
        release.wait(10)
        return 7

    said: list[str] = []
    refresh = SearchRefresh(said.append, said.append, index)
    refresh.request(tmp_path / "first")
    assert started.wait(10)
    for name in ("second", "third"):  # two builds end while the first run goes on
        refresh.request(tmp_path / name)
    release.set()
    assert refresh.wait(10)
    assert indexed == [tmp_path / "first", tmp_path / "third"]
    assert said[-1].startswith("Indexed 7 pages for search in ")


def test_a_failed_index_is_reported_and_the_next_build_indexes_again(tmp_path: Path) -> None:
    outcomes: list[int | Exception] = [BuildFailed("Pagefind could not index the site"),
                                       RuntimeError("no such file"), 3]
    warned: list[str] = []
    informed: list[str] = []

    def index(site: Path) -> int:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    refresh = SearchRefresh(informed.append, warned.append, index)
    for _ in range(3):
        refresh.request(tmp_path)
        assert refresh.wait(10)
    assert "Pagefind could not index the site" in warned[0]
    assert "without an up-to-date search" in warned[0]
    assert warned[1].startswith("the search index could not be made: RuntimeError: no such file")
    assert informed and informed[0].startswith("Indexed 3 pages")
