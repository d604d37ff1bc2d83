"""The benchmark: stage timings from the pipeline, and commands compared in paired runs.

    .venv/bin/python benchmarks/run.py [--scales seed,1k,10k] [--rounds N] [--serve-only] [--report]

Per scale: the corpus (``corpus.py``) in ``benchmarks/out/<scale>/``; ``build_site`` timed per
stage through its progress callback (``StageTimer``), in a new process per sample; whole
commands run in turn against their floors (``paired``); and the edit-to-refresh latency of
``iranru-ref serve`` (``edit_to_refresh``). Every figure is a median of CPU time, but the
latency, which is the wall time a curator waits. Results go to ``benchmarks/out/results.json``
and ``docs/performance.md``; see README.md.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime as dt
import json
import os
import platform
import re
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import in_browser  # noqa: E402

from iranru_ref.progress import STAGES as PIPELINE_STAGES  # noqa: E402
from iranru_ref.progress import Progress  # noqa: E402
from iranru_ref.urls import entity_page, page_url  # noqa: E402

OUT = HERE / "out"
RESULTS = OUT / "results.json"
DOC = ROOT / "docs" / "performance.md"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
STAGES = (*PIPELINE_STAGES, "other")
OWN_STAGES = STAGES[:4]
ORDER = ("tiny", "seed", "1k", "10k")
#: paired rounds (and stage samples) per scale unless --rounds says otherwise
ROUNDS = {"tiny": 3, "seed": 5, "1k": 3, "10k": 3}
#: edits timed per scale by edit_to_refresh (at 10k the server takes 10 minutes to start)
EDITS = {"tiny": 3, "seed": 5, "1k": 5, "10k": 3}
#: how long an edit may take to show before the run gives up, in seconds
REFRESH_DEADLINE = 1800
#: where builds run whole (target 1's pairs, and stage samples with the engine): at 10k a build
#: takes about 7 minutes, so there the samples stop when the engine starts
BUILD_SCALES = ("tiny", "seed", "1k")
PACKAGES = ("mkdocs", "mkdocs-material", "pydantic", "pyyaml", "jinja2", "networkx", "click")
#: the CSafeLoader floor: the process parses the corpus's YAML and does nothing else
CSAFE_FLOOR = """\
import sys, pathlib, yaml
root = pathlib.Path(sys.argv[1])
for path in sorted([*root.glob("data/**/*.yml"), *root.glob("sources/*.yml")]):
    yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
"""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- measuring --------------------------------------------------------------------------------
class Stopped(Exception):
    """Raised by a StageTimer when the stage it was told to stop at begins."""


class StageTimer(Progress):
    """CPU (``time.process_time``) and wall seconds per stage, summed over its entries; a stage
    entered inside another counts once, in the inner one. With ``stop_at``, the run ends (with
    ``Stopped``) when that stage begins."""

    def __init__(self, stop_at: str | None = None) -> None:
        super().__init__()
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)
        self._open: list[str] = []
        self._stop_at = stop_at

    @contextlib.contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[[], None]]:
        if name == self._stop_at:
            raise Stopped(name)
        cpu, wall = time.process_time(), time.perf_counter()
        self._open.append(name)
        try:
            with super().stage(name, total) as step:
                yield step
        finally:
            self._open.pop()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            self.cpu[name] += cpu
            self.wall[name] += wall
            if self._open:
                self.cpu[self._open[-1]] -= cpu
                self.wall[self._open[-1]] -= wall


def stage_sample_here(root: Path, whole: bool) -> dict[str, dict[str, float]]:
    """One build of ``root`` in this process, timed per stage (the child side of a sample);
    unless ``whole``, it stops where the engine would start, after our own stages."""
    from iranru_ref.engines.build import build_site
    from iranru_ref.load.project import Project

    timer = StageTimer(stop_at=None if whole else "engine")
    cpu, wall = time.process_time(), time.perf_counter()
    with contextlib.suppress(Stopped):
        build_site(Project.find(root), progress=timer)
    if whole:  # what build_site does outside the named stages (set-up, swapping the site in)
        timer.cpu["other"] = time.process_time() - cpu - sum(timer.cpu.values())
        timer.wall["other"] = time.perf_counter() - wall - sum(timer.wall.values())
    return {"cpu": dict(timer.cpu), "wall": dict(timer.wall)}


def stage_sample(root: Path, whole: bool) -> dict[str, dict[str, float]]:
    """A new process runs ``stage_sample_here``: no sample inherits another's warm caches."""
    command = [sys.executable, __file__, "--sample", str(root), *([] if whole else ["--own"])]
    result = subprocess.run(command, env=ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"the stage sample failed:\n{result.stderr[-3000:]}")
    sample: dict[str, dict[str, float]] = json.loads(result.stdout.splitlines()[-1])
    return sample


def run_process(command: list[str], cwd: Path) -> tuple[float, float]:
    """(CPU, wall) seconds of a whole process, from the change in RUSAGE_CHILDREN."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n"
                           f"{(result.stdout + result.stderr)[-3000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, wall


def paired(a: list[str], b: list[str], cwd: Path, rounds: int) -> dict[str, list[float]]:
    """Run A and B in turn, ``rounds`` pairs, the first of each pair alternating (AB, BA, …)."""
    runs: dict[str, list[float]] = {"a_cpu": [], "a_wall": [], "b_cpu": [], "b_wall": []}
    for number in range(rounds):
        for side in ("ab" if number % 2 == 0 else "ba"):
            cpu, wall = run_process(a if side == "a" else b, cwd)
            runs[f"{side}_cpu"].append(cpu)
            runs[f"{side}_wall"].append(wall)
    return runs


def process_cpu(pid: int) -> float:
    """The CPU seconds (user and system) process ``pid`` has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def edited_record(root: Path) -> tuple[Path, str, str]:
    """The record an edit-to-refresh run renames: of the records, the one named by the median
    number of claims (a typical record, neither a hub nor an orphan); its file, name and page."""
    from iranru_ref.check import load_checked
    from iranru_ref.load.project import Project

    database = load_checked(Project.find(root))
    named: dict[str, int] = defaultdict(int)
    for ref in database.claims():
        for entity_id in {ref.subject.id, ref.claim.object, ref.claim.said_in,
                          *ref.claim.attributed_to} - {None}:
            named[str(entity_id)] += 1
    ranked = sorted(database.entities.values(), key=lambda r: (named[r.id], r.id))
    record = ranked[len(ranked) // 2]
    path = next((root / "data").glob(f"*/{record.id}.yml"))
    return path, record.name, page_url(entity_page(record.type, record.id))


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=3600) as response:  # noqa: S310 - our server
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_until_idle(log_path: Path) -> None:
    """Wait until the server has indexed every build for search (it does so beside the
    server), so that an edit is not timed against the index of the one before; then a second
    more, for the watcher."""
    deadline = time.perf_counter() + REFRESH_DEADLINE
    while time.perf_counter() < deadline:
        printed = log_path.read_text(encoding="utf-8")
        if printed.count("Indexed ") >= printed.count("Documentation built in"):
            break
        time.sleep(0.2)
    time.sleep(1)


def edit_to_refresh(root: Path, edits: int) -> dict[str, Any]:
    """Start ``iranru-ref serve`` on ``root``, then rename a record ``edits`` times, each once
    the server is idle, timing how long it takes until the served HTML of its page shows the
    new name (polled over HTTP every 50 ms), in wall time and in the server's CPU time (its
    own: Pagefind's runs are another process). The server's start, a whole generation and
    build, is timed too. The record is restored afterwards."""
    path, name, page = edited_record(root)
    original = path.read_bytes()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{page}"
    result: dict[str, Any] = {"record": path.relative_to(root).as_posix(), "wall": [], "cpu": [],
                              "load": [os.getloadavg()[0]]}
    log_path = OUT / f"serve-{root.name}.log"
    with log_path.open("w", encoding="utf-8") as server_log:
        started = time.perf_counter()
        server = subprocess.Popen([str(BIN / "iranru-ref"), "serve", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=root, env=ENV,
                                  stdin=subprocess.DEVNULL, stdout=server_log,
                                  stderr=subprocess.STDOUT)
    try:
        while name not in _page(url):
            if server.poll() is not None:
                raise RuntimeError(f"iranru-ref serve stopped; see {log_path}")
            time.sleep(0.2)
        result["start_wall"] = time.perf_counter() - started
        result["start_cpu"] = process_cpu(server.pid)
        for number in range(1, edits + 1):
            _wait_until_idle(log_path)
            renamed = f"{name} (edit {number})"
            cpu = process_cpu(server.pid)
            edited = time.perf_counter()
            changed = original.replace(f"name: {name}\n".encode(), f"name: {renamed}\n".encode(), 1)
            if changed == original:
                raise RuntimeError(f"{path} has no line 'name: {name}' to edit")
            path.write_bytes(changed)
            while renamed not in _page(url):
                if time.perf_counter() - edited > REFRESH_DEADLINE:
                    raise RuntimeError(f"the edit of {path} did not show within "
                                       f"{REFRESH_DEADLINE} s; see {log_path}")
                time.sleep(0.05)
            result["wall"].append(time.perf_counter() - edited)
            result["cpu"].append(process_cpu(server.pid) - cpu)
            result["load"].append(os.getloadavg()[0])
            log(f"{root.name}: edit {number}: {seconds(result['wall'][-1])}")
    finally:
        path.write_bytes(original)
        server.terminate()
        server.wait(timeout=120)
    # Pagefind indexes the site beside the server after each build; no page waits for it
    result["search"] = [float(seconds) for seconds in re.findall(
        r"Indexed \d+ pages for search in ([0-9.]+) seconds", log_path.read_text("utf-8"))]
    return result


def floor_config(root: Path, tree: Path) -> Path:
    """mkdocs.yml for MkDocs alone: docs_dir is the generated tree, and no hook of ours."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["docs_dir"] = str(tree)
    config["site_dir"] = str(root / "site-floor")
    path = root / "mkdocs.floor.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def counts(root: Path) -> dict[str, int]:
    stamp = root / ".corpus.json"
    if stamp.is_file():  # a synthetic corpus says what it holds
        written = json.loads(stamp.read_text())
        return {key: written[key] for key in ("entities", "claims", "sources")}
    records = [p for p in (root / "data").rglob("*.yml") if "vocabulary" not in p.parts]
    claims = sum(len(yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader).get("claims") or [])
                 for p in records)
    return {"entities": len(records), "claims": claims,
            "sources": len(list((root / "sources").glob("*.txt")))}


def write_scale(scale: str) -> Path:
    log(f"{scale}: writing the corpus")
    # the seed is the data as committed, not whatever the working tree holds at the time
    return (corpus.write_seed_from_git(OUT / scale) if scale == "seed"
            else corpus.write_corpus(scale, OUT / scale))


def measure_serve(scale: str, edits: int) -> dict[str, Any]:
    root = write_scale(scale)
    log(f"{scale}: iranru-ref serve, {edits} edits")
    return {**edit_to_refresh(root, edits), "date": dt.datetime.now().isoformat(timespec="seconds"),
            "commit": commit()}


def measure(scale: str, rounds: int, edits: int) -> dict[str, Any]:
    started = time.perf_counter()
    root = write_scale(scale)
    result: dict[str, Any] = {"date": dt.datetime.now().isoformat(timespec="seconds"),
                              "commit": commit(), "rounds": rounds, "counts": counts(root),
                              "pairs": {}}
    iranru = [str(BIN / "iranru-ref")]
    if scale in BUILD_SCALES:
        # `mkdocs build` with our hook writes the tree into .build/docs (and warms the caches)
        log(f"{scale}: generating the Markdown tree")
        run_process([str(BIN / "mkdocs"), "build", "-q", "-d", str(root / "site-hook")], root)
        floor = [str(BIN / "mkdocs"), "build", "-q", "-f",
                 str(floor_config(root, root / ".build" / "docs"))]
        log(f"{scale}: iranru-ref build against mkdocs build alone, {rounds} pairs")
        result["pairs"]["build"] = paired([*iranru, "build"], floor, root, rounds)
    log(f"{scale}: iranru-ref check against the CSafeLoader floor, {rounds} pairs")
    result["pairs"]["check"] = paired([*iranru, "check"],
                                      [sys.executable, "-c", CSAFE_FLOOR, str(root)], root, rounds)
    whole = scale in BUILD_SCALES
    log(f"{scale}: {rounds} stage samples, each {'a build' if whole else 'our own stages'} "
        "in a new process")
    result["samples"] = [stage_sample(root, whole) for _ in range(rounds)]
    log(f"{scale}: iranru-ref serve, {edits} edits")
    result["serve"] = {**edit_to_refresh(root, edits), "date": result["date"],
                       "commit": result["commit"]}
    result["minutes"] = round((time.perf_counter() - started) / 60, 1)
    return result


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()
    changed = " (plus uncommitted changes)" if git("status", "--porcelain", "--", "src") else ""
    return (git("rev-parse", "--short", "HEAD") or "unknown") + changed


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        models = [line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")]
        cpu = models[0] if models else cpu
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}",
            "packages": {name: version(name) for name in PACKAGES},  # all are dependencies
            "libyaml": bool(yaml.__with_libyaml__)}


# --- the report -------------------------------------------------------------------------------
def seconds(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"


def median_stages(samples: list[dict[str, dict[str, float]]], kind: str = "cpu") -> dict[str, float]:
    """The median of each stage, of our own stages together and of all stages, over samples."""
    rows = {name: statistics.median(s[kind].get(name, 0.0) for s in samples) for name in STAGES}
    rows["own"] = statistics.median(sum(s[kind].get(n, 0.0) for n in OWN_STAGES) for s in samples)
    rows["total"] = statistics.median(sum(s[kind].get(n, 0.0) for n in STAGES) for s in samples)
    return rows


def pair_figures(runs: dict[str, list[float]], kind: str = "cpu") -> tuple[float, float, float]:
    """(median of A, median of B, median of the pairs' A/B ratios)."""
    a, b = runs[f"a_{kind}"], runs[f"b_{kind}"]
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def verdict(ok: bool | None) -> str:
    return {True: "**met**", False: "**not met**", None: "not measured"}[ok]


def targets(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for each of the issue's targets; None where a scale is missing."""
    scales = results["scales"]
    rows: list[tuple[str, str, bool | None]] = []
    for scale in ("seed", "1k"):
        name = f"1. {scale}: `iranru-ref build` ≤ 1.25 × `mkdocs build` alone"
        if "build" not in scales.get(scale, {}).get("pairs", {}):
            rows.append((name, "–", None))
            continue
        a, b, ratio = pair_figures(scales[scale]["pairs"]["build"])
        rows.append((name, f"{seconds(a)} vs {seconds(b)}: **{ratio:.2f} ×**", ratio <= 1.25))
    name = "2. our own stages grow ≤ 11 × from 1k to 10k"
    if "1k" in scales and "10k" in scales:
        small = median_stages(scales["1k"]["samples"])["own"]
        large = median_stages(scales["10k"]["samples"])["own"]
        rows.append((name, f"{seconds(small)} → {seconds(large)}: **{large / small:.1f} ×**",
                     large / small <= 11))
    else:
        rows.append((name, "–", None))
    name = "3. 10k: `iranru-ref check` ≤ 3 × the CSafeLoader floor"
    if "10k" in scales:
        a, b, ratio = pair_figures(scales["10k"]["pairs"]["check"])
        rows.append((name, f"{seconds(a)} vs {seconds(b)}: **{ratio:.2f} ×**", ratio <= 3))
    else:
        rows.append((name, "–", None))
    name = "4. seed: edit to refresh ≤ 2 s (wall time)"
    serve = scales.get("seed", {}).get("serve")
    if serve:
        latency = statistics.median(serve["wall"])
        rows.append((name, f"**{seconds(latency)}** (the server's CPU time: "
                     f"{seconds(statistics.median(serve['cpu']))})", latency <= 2))
    else:
        rows.append((name, "–", None))
    name = "5. 1k: edit to refresh ≤ ¼ of a full build"
    serve = scales.get("1k", {}).get("serve")
    if serve:
        latency, cpu = statistics.median(serve["wall"]), statistics.median(serve["cpu"])
        build_wall, build_cpu = full_build(scales["1k"])
        rows.append((name, f"{seconds(latency)} vs {seconds(build_wall)} wall: "
                     f"**{latency / build_wall:.2f} ×**; CPU {seconds(cpu)} vs "
                     f"{seconds(build_cpu)}: {cpu / build_cpu:.2f} ×", latency / build_wall <= 0.25))
    else:
        rows.append((name, "–", None))
    return rows


def full_build(scale: dict[str, Any]) -> tuple[float, float]:
    """(wall, CPU) of a full build: the median `iranru-ref build` of the pairs, else the
    server's start, which generates and builds the whole site."""
    if "build" in scale.get("pairs", {}):
        runs = scale["pairs"]["build"]
        return statistics.median(runs["a_wall"]), statistics.median(runs["a_cpu"])
    return scale["serve"]["start_wall"], scale["serve"]["start_cpu"]


def serve_table(scale: dict[str, Any]) -> list[str]:
    serve = scale["serve"]
    latency, cpu = statistics.median(serve["wall"]), statistics.median(serve["cpu"])
    build_wall, build_cpu = full_build(scale)
    source = "`iranru-ref build`"
    return ["| | Wall | CPU |", "|---|---:|---:|",
            f"| edit to refresh (median of {len(serve['wall'])}) | {seconds(latency)} | "
            f"{seconds(cpu)} |",
            f"| edit to refresh, slowest | {seconds(max(serve['wall']))} | "
            f"{seconds(max(serve['cpu']))} |",
            f"| the server's start (a whole generation and build) | "
            f"{seconds(serve['start_wall'])} | {seconds(serve['start_cpu'])} |",
            *([f"| a full build ({source}) | {seconds(build_wall)} | {seconds(build_cpu)} |"]
              if "build" in scale.get("pairs", {}) else []),
            *([f"| the search index after an edit, made beside the server (median of "
               f"{len(serve['search'][1:])}) | {seconds(statistics.median(serve['search'][1:]))} "
               "| – |"] if len(serve.get("search", [])) > 1 else []),
            f"| edit to refresh / full build | {latency / build_wall:.2f} × | "
            f"{cpu / build_cpu:.2f} × |"]


STAGE_LABELS = {"other": "outside the stages", "own": "our own stages (load to downloads)",
                "total": "**total**"}


def stage_table(samples: list[dict[str, dict[str, float]]]) -> list[str]:
    cpu, wall = median_stages(samples), median_stages(samples, "wall")
    timed = {name for sample in samples for name in sample["cpu"]} | {"own", "total"}
    lines = ["| Stage | CPU | Share | Wall |", "|---|---:|---:|---:|"]
    for name in (*STAGES, "own", "total"):
        label = STAGE_LABELS.get(name, name)
        if name not in timed:
            lines.append(f"| {label} | – | – | – |")
            continue
        share = f"{cpu[name] / cpu['total']:.0%}" if cpu["total"] else "–"
        lines.append(f"| {label} | {seconds(cpu[name])} | {share} | {seconds(wall[name])} |")
    return lines


PAIR_LABELS = {"build": ("`iranru-ref build`", "`mkdocs build` alone, same tree"),
               "check": ("`iranru-ref check`", "CSafeLoader floor")}


def pair_table(pairs: dict[str, dict[str, list[float]]]) -> list[str]:
    lines = ["| A | B | CPU A | CPU B | A / B | Wall A / B |", "|---|---|---:|---:|---:|---:|"]
    for key, runs in pairs.items():
        a, b, ratio = pair_figures(runs)
        wall = pair_figures(runs, "wall")[2]
        lines.append(f"| {PAIR_LABELS[key][0]} | {PAIR_LABELS[key][1]} | {seconds(a)} | "
                     f"{seconds(b)} | {ratio:.2f} × | {wall:.2f} × |")
    return lines


def render(results: dict[str, Any], browser_results: dict[str, Any] | None = None) -> str:
    """The Performance page: ``results`` of this runner and, when given, ``in_browser.py``'s."""
    info = results["machine"]
    packages = ", ".join(f"{name} {v}" for name, v in info["packages"].items())
    lines = [
        "# Performance", "",
        "<!-- Written by benchmarks/run.py; rerun it rather than editing the numbers. -->", "",
        "How long the pipeline takes on the repository's own data (*seed*) and on synthetic "
        "projects of 1,000 entities and 10,000 claims (*1k*) and 10,000 entities and 100,000 "
        "claims (*10k*), against two floors on the same bytes: `mkdocs build` of the generated "
        "Markdown alone, and parsing the YAML with libyaml alone. Times are **CPU time** (user "
        "and system), which moves far less than wall time with other load on a shared machine; "
        "wall time is shown beside it. Commands are compared as whole processes run in turn; "
        "each figure is a median, and *A / B* is the median of the pairs' ratios. Stage timings "
        "come from the pipeline's own progress callback, in a new process per sample. The "
        "*edit to refresh* latency is the time from saving a record to `iranru-ref serve` "
        "serving its page with the edit: wall time, what a curator waits, with the server's CPU "
        "time beside it. To measure again: `.venv/bin/python benchmarks/run.py --scales "
        "seed,1k,10k` (see `benchmarks/README.md`).",
        "",
        "## Machine", "",
        f"- {info['cpu']}, {info['cores']} cores; {info['system']}; Python {info['python']}",
        f"- {packages}; libyaml {'present' if info['libyaml'] else 'missing'}",
        f"- commit {', '.join(dict.fromkeys(r['commit'] for r in results['scales'].values()))}",
        "",
        "## Targets", "",
        "| Target | Measured (median CPU time) | Verdict |", "|---|---|---|",
        *(f"| {name} | {measured} | {verdict(ok)} |" for name, measured, ok in targets(results)),
    ]
    for scale in ORDER:
        if scale not in results["scales"]:
            continue
        r = results["scales"][scale]
        n = r["counts"]
        lines += ["", f"## {scale}", "",
                  f"{n['entities']:,} entities, {n['claims']:,} claims, {n['sources']:,} sources. "
                  f"Measured {r['date']} at commit {r['commit']}; {r['rounds']} rounds.", "",
                  f"### {scale}: stages of a build", "", *stage_table(r["samples"]), "",
                  *([] if "engine" in r["samples"][0]["cpu"] else [
                      "Here each sample stops when the engine starts: a whole build takes "
                      "minutes at this scale, and the engine is no stage of ours.", ""]),
                  f"### {scale}: commands, paired", "", *pair_table(r["pairs"])]
        if "serve" in r:
            serve = r["serve"]
            load = serve.get("load") or [0.0]
            lines += ["", f"### {scale}: edit to refresh", "",
                      f"`iranru-ref serve`, then the name of `{serve['record']}` edited "
                      f"{len(serve['wall'])} times: the time until the served page shows the new "
                      f"name. Measured {serve['date']} at commit {serve['commit']}, with a load "
                      f"average of {min(load):.1f} to {max(load):.1f} on the machine's "
                      f"{results['machine']['cores']} cores.", "", *serve_table(r)]
    if browser_results:
        lines += ["", *browser_section(browser_results)]
    return "\n".join(lines) + "\n"


def browser_section(measured: dict[str, dict[str, Any]]) -> list[str]:
    """What ``in_browser.py`` measured in Chromium, against issue 29's targets, per scale."""
    scales = [scale for scale in ORDER if scale in measured]
    rows: dict[str, dict[str, str]] = {}
    limits: dict[str, str] = {}
    for scale in scales:
        for key, shown, limit, met in in_browser.verdicts(measured[scale]):
            rows.setdefault(key, {})[scale] = f"{shown} ({'met' if met else '**not met**'})"
            limits[key] = limit
    for scale in scales:
        for key, shown in in_browser.context(measured[scale]):
            rows.setdefault(key, {})[scale] = shown
            limits[key] = "—"
    return [
        "## In the reader's browser", "",
        "Measured by `benchmarks/in_browser.py` in Debian's Chromium driven by Playwright, against "
        "the built site served on localhost without compression: median of cold loads, each in a "
        "new browser context. *Search* counts from opening the search (its interface loads "
        "then) to the first result for one word, “Iran”, which most pages hold (the worst case: "
        "Pagefind scores every page that holds the word); *name search* is the same for the "
        "name of the entity with the median number of claims ("
        + ", ".join(f"{scale}: {measured[scale]['name_searched']}" for scale in scales
                    if "name_searched" in measured[scale])
        + "); their bytes are those of the page and of Pagefind's worker, which fetches the "
        "index, and their memory what the renderer process (page and worker) grew by. "
        "*Network* is the longest main-thread task "
        "while the network page loads (*4x*: with the CPU slowed four times, as on a phone), "
        "and *plain* the same on a page without a graph (the methodology), which is the "
        "theme's own work: its script makes the browser style the whole page. *Load average* "
        "is the machine's, at the start and end of the scale's run (median). A scale missing "
        "from the table has not been measured in the browser.", "",
        "What the figures grow with: the commonest word's search with the pages that hold the "
        "word and with the values of the filters, whose counts Pagefind computes on every "
        "search (the source filter has a value for each source); the site's size with its "
        "pages, each of which carries the theme's header and navigation (about 15 KB), and "
        "with the per-entity records among the downloads. Its parts are in the last rows.", "",
        f"| Figure | Target | {' | '.join(scales)} |", f"|---|---|{'---:|' * len(scales)}",
        *(f"| {key.replace('_', ' ')} | {limits[key]} | "
          f"{' | '.join(values.get(scale, '—') for scale in scales)} |"
          for key, values in rows.items()),
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="seed,1k", help="comma-separated: " + ", ".join(ORDER))
    parser.add_argument("--rounds", type=int, help="pairs and samples per scale (default: "
                        + ", ".join(f"{k} {v}" for k, v in ROUNDS.items()) + ")")
    parser.add_argument("--serve-only", action="store_true",
                        help="measure only the edit-to-refresh latency, keeping the other saved "
                             "results of each scale")
    parser.add_argument("--report", action="store_true",
                        help="measure nothing: rewrite docs/performance.md from saved results")
    parser.add_argument("--sample", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--own", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.sample is not None:  # the child side of stage_sample
        print(json.dumps(stage_sample_here(args.sample, whole=not args.own)))
        return 0
    saved: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    if args.report and not saved:
        parser.error(f"--report needs {RESULTS.relative_to(ROOT)}; run a benchmark first")
    results = saved if args.report else {"machine": machine(), "scales": saved.get("scales", {})}
    if not args.report:
        scales = [s for s in args.scales.split(",") if s]
        if unknown := set(scales) - set(ORDER):
            parser.error(f"unknown scale(s): {', '.join(sorted(unknown))}")
        OUT.mkdir(exist_ok=True)
        compileall.compile_dir(ROOT / "src", quiet=1)  # no command pays for compiling our code
        for scale in scales:
            if args.serve_only:
                if scale not in results["scales"]:
                    parser.error(f"--serve-only needs saved results of {scale}; measure it whole")
                results["scales"][scale]["serve"] = measure_serve(
                    scale, args.rounds or EDITS[scale])
            else:
                results["scales"][scale] = measure(scale, args.rounds or ROUNDS[scale],
                                                   args.rounds or EDITS[scale])
            RESULTS.write_text(json.dumps(results, indent=1))
    browser_results = (json.loads(in_browser.RESULTS.read_text())
                       if in_browser.RESULTS.is_file() else None)
    DOC.write_text(render(results, browser_results), encoding="utf-8")
    for name, measured, ok in targets(results):
        print(f"{name}: {measured} {verdict(ok)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
