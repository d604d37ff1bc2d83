"""The benchmark runner's verdicts, tables and timing hook, from small hand-made results."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import benchmark_module

run = benchmark_module("run")


def _sample(load: float, engine: float = 10.0) -> dict[str, dict[str, float]]:
    cpu = {"load": load, "check": 1.0, "pages": 2.0, "downloads": 1.0, "engine": engine,
           "search": 1.0, "other": 1.0}
    return {"cpu": cpu, "wall": {name: 2 * value for name, value in cpu.items()}}


def _pairs(a: list[float], b: list[float]) -> dict[str, list[float]]:
    return {"a_cpu": a, "b_cpu": b, "a_wall": a, "b_wall": b}


def _scale(own_load: float, build: tuple[list[float], list[float]] | None,
           check: tuple[list[float], list[float]],
           serve: tuple[list[float], list[float]] | None = None) -> dict[str, Any]:
    pairs = {"check": _pairs(*check)}
    if build is not None:
        pairs["build"] = _pairs(*build)
    scale = {"date": "2026-12-05T04:00:00", "commit": "abc1234", "rounds": 3,
             "counts": {"entities": 1000, "claims": 10000, "sources": 100},
             "samples": [_sample(own_load), _sample(own_load + 1), _sample(own_load + 50)],
             "pairs": pairs}
    if serve is not None:
        scale["serve"] = {"record": "data/people/x.yml", "wall": serve[0], "cpu": serve[1],
                          "start_wall": 100.0, "start_cpu": 80.0, "load": [2.0, 3.5],
                          "date": "2026-12-05T05:00:00", "commit": "def5678"}
    return scale


MACHINE = {"cpu": "AMD EPYC", "cores": 2, "system": "Linux 6.1", "python": "3.11.7",
           "packages": {"mkdocs": "1.6.1"}, "libyaml": True, "commit": "abc1234"}


def _results(**scales: dict[str, Any]) -> dict[str, Any]:
    return {"machine": MACHINE, "scales": scales}


def test_pair_figures_take_the_median_of_each_side_and_of_the_pairs_ratios() -> None:
    a, b, ratio = run.pair_figures(_pairs([2.0, 4.0, 3.0], [1.0, 2.0, 3.0]))
    assert (a, b) == (3.0, 2.0)
    assert ratio == 2.0  # ratios 2, 2 and 1: the median of the pairs, not 3 / 2


def test_own_stages_are_everything_but_the_engine_and_search_and_take_the_median_sample() -> None:
    rows = run.median_stages([_sample(1.0), _sample(2.0), _sample(100.0)])
    assert rows["load"] == 2.0
    assert rows["own"] == 2.0 + 1 + 2 + 1
    # the engine, the search index and what is outside the stages
    assert rows["total"] == rows["own"] + 10 + 1 + 1


def test_every_target_met() -> None:
    results = _results(
        seed=_scale(1.0, ([1.1, 1.2, 1.0], [1.0, 1.0, 1.0]), ([0.2], [0.1]),
                    serve=([1.5, 1.9, 3.0], [0.5, 0.6, 0.7])),
        **{"1k": _scale(1.0, ([12.0, 12.0, 12.0], [10.0, 10.0, 10.0]), ([1.0], [1.0]),
                        serve=([2.0, 2.5, 3.0], [2.0, 2.5, 3.0])),
           "10k": _scale(50.0, None, ([20.0, 22.0], [10.0, 10.0]))})
    rows = run.targets(results)
    assert [ok for _, _, ok in rows] == [True, True, True, True, True, True]
    assert rows[4][1] == "**1,900 ms** (the server's CPU time: 600 ms)"
    # 2.5 s against the median `iranru-ref build` of the pairs, 12 s wall and CPU
    assert rows[5][1] == "2,500 ms vs 12.0 s wall: **0.21 ×**; CPU 2,500 ms vs 12.0 s: 0.21 ×"
    assert "**1.10 ×**" in rows[0][1] and "**1.20 ×**" in rows[1][1]
    # own stages: (2 + 4) s at 1k, (51 + 4) s at 10k
    assert rows[2][1] == "6,000 ms → 55.0 s: **9.2 ×**"
    assert rows[3][1] == "21.0 s vs 10.0 s: **2.10 ×**"


def test_targets_over_their_limits_are_not_met() -> None:
    results = _results(
        seed=_scale(1.0, ([1.3, 1.3, 1.3], [1.0, 1.0, 1.0]), ([0.2], [0.1])),
        **{"1k": _scale(1.0, ([1.0], [1.0]), ([1.0], [1.0])),
           "10k": _scale(70.0, None, ([31.0], [10.0]))})
    results["scales"]["seed"]["serve"] = _scale(
        1.0, None, ([1.0], [1.0]), serve=([2.5, 2.1, 9.0], [1.0, 1.0, 1.0]))["serve"]
    rows = run.targets(results)
    assert [ok for _, _, ok in rows] == [False, True, False, False, False, None]
    assert "**12.5 ×**" in rows[2][1]  # 75 s against 6 s
    assert "**3.10 ×**" in rows[3][1]
    assert run.verdict(False) == "**not met**" and run.verdict(True) == "**met**"


def test_targets_without_their_scales_are_not_measured() -> None:
    results = _results(seed=_scale(1.0, ([1.0], [1.0]), ([1.0], [1.0])))
    rows = run.targets(results)
    assert [ok for _, _, ok in rows] == [True, None, None, None, None, None]
    assert run.verdict(None) == "not measured"


def test_the_stage_table_shows_medians_shares_and_wall_time() -> None:
    lines = run.stage_table([_sample(1.0), _sample(1.0), _sample(1.0)])
    assert lines[0] == "| Stage | CPU | Share | Wall |"
    assert lines[2] == "| load | 1,000 ms | 6% | 2,000 ms |"
    assert lines[6] == "| engine | 10.0 s | 59% | 20.0 s |"
    assert lines[7] == "| search | 1,000 ms | 6% | 2,000 ms |"
    assert lines[8] == "| outside the stages | 1,000 ms | 6% | 2,000 ms |"
    assert lines[-2] == "| our own stages (load to downloads) | 5,000 ms | 29% | 10.0 s |"
    assert lines[-1] == "| **total** | 17.0 s | 100% | 34.0 s |"


def test_stages_no_sample_timed_are_shown_as_not_measured() -> None:
    own_only = {"cpu": {"load": 1.0, "check": 1.0, "pages": 1.0, "downloads": 1.0},
                "wall": {"load": 1.0, "check": 1.0, "pages": 1.0, "downloads": 1.0}}
    lines = run.stage_table([own_only])
    assert lines[6] == "| engine | – | – | – |"
    assert lines[7] == "| search | – | – | – |"
    assert lines[8] == "| outside the stages | – | – | – |"
    assert lines[-1] == "| **total** | 4,000 ms | 100% | 4,000 ms |"


def test_the_page_has_the_machine_the_targets_and_a_section_per_measured_scale() -> None:
    results = _results(seed=_scale(1.0, ([1.1], [1.0]), ([0.3], [0.1])),
                       **{"1k": _scale(1.0, ([1.0], [1.0]), ([1.0], [1.0]))})
    page = run.render(results)
    assert page.startswith("# Performance\n")
    assert "- AMD EPYC, 2 cores; Linux 6.1; Python 3.11.7" in page
    assert "\n- commit abc1234\n" in page  # once, though two scales were measured there
    assert "| 1. seed: `iranru-ref build` ≤ 1.25 × `mkdocs build` alone | 1,100 ms vs 1,000 ms: " \
           "**1.10 ×** | **met** |" in page
    assert "| `iranru-ref check` | CSafeLoader floor | 300 ms | 100 ms | 3.00 × | 3.00 × |" in page
    assert re.findall(r"(?m)^## (.*)$", page) == ["Machine", "Targets", "seed", "1k"]
    assert "1,000 entities, 10,000 claims, 100 sources" in page
    sections = re.split(r"(?m)^#{1,6} .*$", page)
    assert max(len(section.encode()) for section in sections) < 8_000
    assert "### 1k: edit to refresh" not in page


def test_the_edit_to_refresh_section_compares_with_a_full_build() -> None:
    results = _results(seed=_scale(1.0, None, ([0.3], [0.1]), serve=([1.0, 2.0, 4.0],
                                                                      [0.5, 1.0, 2.0])))
    page = run.render(results)
    assert "### seed: edit to refresh" in page
    assert "with a load average of 2.0 to 3.5 on the machine's 2 cores" in page
    # no build pair: the server's start, a whole generation and build, is the full build
    assert "| edit to refresh (median of 3) | 2,000 ms | 1,000 ms |" in page
    assert "| the server's start (a whole generation and build) | 100.0 s | 80.0 s |" in page
    assert "| a full build" not in page
    assert "| edit to refresh / full build | 0.02 × | 0.01 × |" in page


def test_the_stage_timer_sums_reentered_stages_and_counts_a_nested_one_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    now = [0.0]
    monkeypatch.setattr(run.time, "process_time", lambda: now[0])
    monkeypatch.setattr(run.time, "perf_counter", lambda: 2 * now[0])
    timer = run.StageTimer()
    with timer.stage("load", total=2) as advance:
        advance()
        now[0] += 1.0
    with timer.stage("pages"):
        now[0] += 2.0
        with timer.stage("downloads"):
            now[0] += 0.5
    with timer.stage("load"):
        now[0] += 3.0
    assert dict(timer.cpu) == {"load": 4.0, "pages": 2.0, "downloads": 0.5}
    assert dict(timer.wall) == {"load": 8.0, "pages": 4.0, "downloads": 1.0}


def test_the_stage_timer_stops_the_run_where_it_was_told() -> None:
    timer = run.StageTimer(stop_at="engine")
    with timer.stage("pages"):
        pass
    with pytest.raises(run.Stopped), timer.stage("engine"):
        pytest.fail("the engine stage ran")
    assert set(timer.cpu) == {"pages"}


def test_pairs_alternate_which_command_runs_first(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    order: list[str] = []

    def fake(command: list[str], cwd: Path) -> tuple[float, float]:
        order.append(command[0])
        return (1.0, 1.5) if command[0] == "a" else (2.0, 2.5)

    monkeypatch.setattr(run, "run_process", fake)
    runs = run.paired(["a"], ["b"], tmp_path, 3)
    assert order == ["a", "b", "b", "a", "a", "b"]
    assert runs == {"a_cpu": [1.0] * 3, "a_wall": [1.5] * 3, "b_cpu": [2.0] * 3,
                    "b_wall": [2.5] * 3}


def test_the_floor_config_builds_the_generated_tree_without_our_hook(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\ndocs_dir: docs\nhooks:\n  - hook.py\nwatch:\n  - data\nstrict: true\n")
    config = yaml.safe_load(run.floor_config(tmp_path, tmp_path / "tree").read_text())
    assert config == {"site_name": "X", "docs_dir": str(tmp_path / "tree"), "strict": True,
                      "site_dir": str(tmp_path / "site-floor")}


def test_the_browser_section_gives_each_figure_its_target_and_verdict_per_scale() -> None:
    figures = {"home_bytes": 340_000, "search_seconds": 0.9, "search_bytes": 263_000,
               "search_memory_bytes": 2_500_000, "largest_entity_page_bytes": 191_000,
               "network_longest_task_ms": 235.0, "site_bytes": 9_000_000}
    larger = {**figures, "home_bytes": 900_000, "network_longest_task_ms": 420.0,
              "plain_longest_task_ms": 180.0}
    page = run.render(_results(seed=_scale(1.0, None, ([0.3], [0.1]))),
                      {"seed": figures, "1k": larger})
    section = page.split("## In the reader's browser", 1)[1]
    assert "| Figure | Target | seed | 1k |" in section
    assert "| home bytes | ≤ 800 KB | 340 KB (met) | 900 KB (**not met**) |" in section
    assert "| network longest task ms | ≤ 300 ms | 235 ms (met) | 420 ms (**not met**) |" in section
    assert "| search seconds | ≤ 1.50 s | 0.90 s (met) | 0.90 s (met) |" in section
    # a figure measured beside the targets, and not yet at every scale
    assert "| plain longest task ms | — | — | 180 ms |" in section
    assert "## In the reader's browser" not in run.render(_results(seed=_scale(
        1.0, None, ([0.3], [0.1]))))
