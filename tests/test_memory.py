"""The collector is paused around the pipeline and switched back on as it was."""

from __future__ import annotations

import gc

from iranru_ref.memory import paused_gc


def test_paused_gc_restores_the_collector_even_when_nested() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()

