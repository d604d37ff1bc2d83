"""The Performance page names the commits and the machines its numbers were measured at."""

from __future__ import annotations

from typing import Any

from conftest import benchmark_module

run = benchmark_module("run")


def _scale(commit: str, own_seconds: float, samples_commit: str) -> dict[str, Any]:
    return {
        "machine": {"commit": commit},
        "build": {"stages": dict.fromkeys(run.STAGES, 1.0), "pages": 100},
        "own_stages": {"runs": 3, "repeats": 1, "samples": [own_seconds], "best": own_seconds,
                       "commit": samples_commit},
        "check": 1.0, "csafe_floor": 1.0, "check_command": {"cpu": 1.5},
        "weights_mkdocs": {"entity_median": 40_000, "search_index": 1_000_000},
    }


def _row_2a(results: dict[str, dict[str, Any]]) -> str:
    return next(line for line in run.targets(results) if line.startswith("| 2a."))


def test_samples_taken_later_say_at_which_commit() -> None:
    results = {"1k": _scale("aaa1111", 5.0, "bbb2222"), "10k": _scale("aaa1111", 52.0, "bbb2222")}
    assert run.measured_at(results) == ["aaa1111"]
    row = _row_2a(results)
    assert "**10.4 ×**" in row
    assert "taken later, at commit bbb2222" in row


def test_samples_of_the_full_run_need_no_commit_of_their_own() -> None:
    results = {"1k": _scale("aaa1111", 5.0, "aaa1111"), "10k": _scale("aaa1111", 60.0, "aaa1111")}
    row = _row_2a(results)
    assert "**12.0 ×**" in row and "not met" in row
    assert "taken later" not in row


def test_scales_measured_at_different_commits_are_all_named() -> None:
    results = {"seed": {"machine": {"commit": "ccc3333"}},
               "1k": _scale("aaa1111", 5.0, "aaa1111"), "10k": _scale("aaa1111", 50.0, "aaa1111")}
    assert run.measured_at(results) == ["ccc3333", "aaa1111"]


def _machine(cpu: str, commit: str) -> dict[str, Any]:
    return {"cpu": cpu, "cores": 2, "memory": "24 GiB", "system": "Linux 6.1", "python": "3.11.7",
            "packages": {"mkdocs": "1.6.1"}, "libyaml": True, "commit": commit}


def test_one_machine_is_described_once_without_labels() -> None:
    results = {"seed": {"machine": _machine("AMD EPYC", "aaa1111")},
               "1k": {"machine": _machine("AMD EPYC", "aaa1111"),
                      "own_stages": {"machine": _machine("AMD EPYC", "bbb2222")}}}
    lines = run.machine_lines(results)
    assert lines == ["- AMD EPYC, 2 cores, 24 GiB memory; Linux 6.1; Python 3.11.7",
                     "- mkdocs 1.6.1; libyaml present"]


def test_samples_taken_on_another_machine_name_both_machines() -> None:
    results = {"seed": {"machine": _machine("AMD EPYC", "aaa1111")},
               "1k": {"machine": _machine("AMD EPYC", "aaa1111"),
                      "own_stages": {"machine": _machine("Intel Xeon", "bbb2222")}},
               "10k": {"machine": _machine("AMD EPYC", "aaa1111"),
                       "own_stages": {"machine": _machine("Intel Xeon", "bbb2222")}}}
    text = "\n".join(run.machine_lines(results))
    assert "- seed, 1k and 10k: AMD EPYC, 2 cores" in text
    assert "- target 2a's samples: Intel Xeon, 2 cores" in text
    assert text.count("mkdocs 1.6.1") == 2
