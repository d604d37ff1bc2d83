"""The benchmark: where the time goes, at each scale, measured in one run.

    .venv/bin/python benchmarks/run.py [--scales seed,1k,10k] [--no-zensical] [--no-doc]

For each scale it writes the synthetic corpus (``benchmarks/corpus.py``) into
``benchmarks/out/<scale>/`` and then measures, in this one process run:

* ``iranru-ref build`` in-process, with every stage timed: load YAML, validate (pydantic),
  other loading (source texts, hashes, paragraphs), cross-check, graph, render Markdown (with
  copying assets), exports (the data downloads) and the MkDocs build;
* after both 1k and 10k, our own stages again without MkDocs (a load and a generate, each in
  a new process), at 1k and 10k alternated, so that target 2a compares the best of three
  samples of each that met the same drift of the machine; a sample at 1k is ten runs in a row,
  as long as one at 10k (``--linearity`` takes only these); then a random read of one small
  object in new processes of each scale's peak memory, which no code of ours takes part in;
* ``iranru-ref check`` in-process (what the command does after its imports) and as a command;
* two floors on the same bytes: every YAML file parsed with ``yaml.load(CSafeLoader)`` and
  nothing else, and ``mkdocs build`` of the generated tree alone (as a command, hooks removed);
* Zensical building the same generated tree (as a command);
* at the ``seed`` scale, ``iranru-ref build`` and ``mkdocs build`` as commands, alternated
  several times, since start-up and imports dominate there;
* the weight of the result: entity pages' HTML, the biggest pages and the search index.

Results are merged into ``benchmarks/out/results.json`` (scales not run this time keep their
earlier results, with their own date) and written to ``docs/performance.md``.
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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import corpus  # noqa: E402

from iranru_ref import build as build_module  # noqa: E402
from iranru_ref import checks as checks_module  # noqa: E402
from iranru_ref import generate as generate_module  # noqa: E402
from iranru_ref import pipeline  # noqa: E402
from iranru_ref import project as project_module  # noqa: E402
from iranru_ref.errors import ValidationFailed  # noqa: E402
from iranru_ref.memory import paused_gc  # noqa: E402
from iranru_ref.project import Project, load  # noqa: E402
from iranru_ref.vocabulary import FOLDERS  # noqa: E402

try:
    from yaml import CSafeLoader
except ImportError:  # pragma: no cover
    sys.exit("libyaml is not available: the CSafeLoader floor cannot be measured")

OUT = HERE / "out"
RESULTS = OUT / "results.json"
DOC = ROOT / "docs" / "performance.md"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "IRANRU_PROGRESS": "0"}
STAGES = ("load YAML", "validate", "load other", "cross-check", "graph", "render Markdown",
          "exports", "MkDocs build")
OWN_STAGES = STAGES[:-1]
#: the scales target 2a compares, and how many alternated samples of each it takes
LINEAR_SCALES = ("1k", "10k")
LINEAR_ROUNDS = 3
#: how many runs in a row make one sample at each of those scales: ten at 1k last about as long
#: as one at 10k, so both meet as much of the machine's other load
LINEAR_REPEATS = {"1k": 10, "10k": 1}
#: alternated rounds of ``random_reads`` at the peak memory of each scale's samples
READ_ROUNDS = 2
#: what ``mkdocs build`` imports, then what the design adds to it (see ``required_imports``)
MKDOCS_IMPORTS = "mkdocs.commands.build, mkdocs.config, material.plugins.search.plugin"
REQUIRED_LIBRARIES = "networkx, pydantic"
#: ``import pydantic`` alone loads almost nothing (its names are imported on first use), so the
#: probe also defines one model: that imports pydantic's model machinery and loads its plugins.
REQUIRED_PROBE = ("import networkx\nfrom pydantic import BaseModel\n"
                  "class Probe(BaseModel):\n    value: int")
#: the layout of one scale's results in results.json; older results are dropped
FORMAT = 2


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- timing -----------------------------------------------------------------------------------
class Clock:
    """CPU time (user + system) of this process and of its finished children, and wall time.

    The machine is shared, so CPU time is the primary measure: it counts the work done, and
    another user's load barely changes it, while it can double the wall time.
    """

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = self._cpu()

    @staticmethod
    def _cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    def elapsed(self) -> tuple[float, float]:
        """(cpu, wall) seconds since the clock started."""
        return self._cpu() - self.cpu, time.perf_counter() - self.wall


class Timers:
    """Accumulated CPU and wall time per stage, from wrappers around the pipeline's functions."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)
        self.active: list[str] = []

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            clock = Clock()
            self.active.append(name)
            try:
                return function(*args, **kwargs)
            finally:
                self.active.pop()
                cpu, wall = clock.elapsed()
                self.seconds[name] += cpu
                self.wall[name] += wall
                if self.active:  # a stage inside another: count it once, in the inner one
                    self.seconds[self.active[-1]] -= cpu
                    self.wall[self.active[-1]] -= wall
        return timed


@contextlib.contextmanager
def instrumented(timers: Timers, keep_tree: Path | None = None) -> Iterator[None]:
    """Time the stages of load(), generate() and build_site() by patching module attributes."""
    patches = [
        (project_module, "load_yaml", "load YAML"),
        (project_module, "validate", "validate"),
        (project_module, "load", "load"),
        (checks_module, "check_database", "cross-check"),
        (generate_module, "build_graph", "graph"),
        (generate_module, "export_downloads", "exports"),
        (generate_module, "generate", "generate"),
        (build_module, "_mkdocs_build", "MkDocs build"),
    ]
    saved = [(module, name, getattr(module, name)) for module, name, _ in patches]
    for module, name, stage in patches:
        setattr(module, name, timers.wrap(stage, getattr(module, name)))
    # pipeline.py imported load and generate by name; point it at the timed versions too
    for name, timed in (("load", project_module.load), ("generate", generate_module.generate)):
        saved.append((pipeline, name, getattr(pipeline, name)))
        setattr(pipeline, name, timed)
    if keep_tree is not None:
        mkdocs_build = build_module._mkdocs_build

        def keeping(project: Project, docs_dir: Path, site_dir: Path) -> None:
            shutil.rmtree(keep_tree, ignore_errors=True)
            shutil.copytree(docs_dir, keep_tree, copy_function=os.link)  # untimed: not a stage
            return mkdocs_build(project, docs_dir, site_dir)

        saved.append((build_module, "_mkdocs_build", mkdocs_build))
        build_module._mkdocs_build = keeping
    try:
        yield
    finally:
        for module, name, original in reversed(saved):
            setattr(module, name, original)


def own_stage_sample(root: Path) -> tuple[float, float, float, int]:
    """CPU seconds of our own stages (a load and a generate, without MkDocs) in a new process,
    so that no sample inherits another's warm caches; then the user and the system part of the
    whole sample's CPU time, and its peak memory in bytes."""
    own, user, system, peak = _in_new_process("--own-sample", root).split()
    return float(own), float(user), float(system), int(peak)


def _in_new_process(option: str, value: Path | int) -> str:
    """The last line that this script prints when run again with ``option value``."""
    result = subprocess.run([sys.executable, __file__, option, str(value)], env=ENV,
                            capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()[-1]


def _own_sample_here(root: Path) -> str:
    timers = Timers()
    before = resource.getrusage(resource.RUSAGE_SELF)
    # With the collector paused throughout, as `iranru-ref build` runs the pipeline (build.py):
    # otherwise it scans the loaded database between the stages, which the command never does
    # (3 s at 10k entities against 0.16 s at 1k).
    with instrumented(timers), tempfile.TemporaryDirectory() as tree, paused_gc():
        pipeline.generate_tree(Project.find(root), Path(tree) / "docs")
    after = resource.getrusage(resource.RUSAGE_SELF)
    own = sum(stage_table(timers)[s] for s in OWN_STAGES)
    return (f"{own} {after.ru_utime - before.ru_utime} {after.ru_stime - before.ru_stime} "
            # the peak, not ``ru_maxrss``: Linux carries that over from the parent, and the
            # runner that starts a sample has held a whole 10k build
            f"{_memory(os.getpid(), 'VmHWM')}")


class _Cell:
    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value


def random_reads(heap: int) -> float:
    """Nanoseconds to read one object's attribute at random in a new process whose heap holds
    ``heap`` bytes of small objects: no code of ours, only how reading scattered memory costs
    more as a process grows on this machine."""
    return float(_in_new_process("--random-reads", heap))


def _random_reads_here(heap: int, reads: int = 2_000_000) -> str:
    import array
    import itertools
    import random

    in_use = _memory(os.getpid())
    cell = -(-sys.getsizeof(_Cell(0)) // 16) * 16 + 8  # pymalloc's 16-byte classes, a list slot
    count = max(heap - in_use, 0) // cell
    chosen = array.array("q", map(random.Random(0).randrange, itertools.repeat(count, reads)))
    # small values (cached ints), so that the cells and their list are what the heap holds
    cells = [_Cell(n & 0xFF) for n in range(count)]
    start = time.perf_counter()
    total = 0
    for index in chosen:
        total += cells[index].value
    return str((time.perf_counter() - start) / reads * 1e9)


def linearity(results: dict[str, dict[str, Any]], rounds: int, info: dict[str, Any]) -> None:
    """Target 2a's samples: our own stages at 1k and at 10k, alternated ``rounds`` times.

    One run's time moves by 15% or more from one run to the next, and the machine's speed
    drifts over the minutes between one scale and the next (in one run the CSafeLoader floor,
    the same work per file at both scales, took 13 times as long at 10k), so alternating lets
    both scales meet the same drift, and the best sample of each is kept. A sample at 1k is
    the mean of ``LINEAR_REPEATS`` runs in a row: a single 4-second run can fall between two
    bursts of the machine's other load, which a 50-second run at 10k never does, and the best
    of a few such runs set against the best 10k run overstates the growth. ``info`` is the
    machine the samples are taken on (``machine()``), kept with them."""
    roots = {scale: OUT / scale for scale in LINEAR_SCALES}
    samples: dict[str, list[tuple[float, ...]]] = {scale: [] for scale in LINEAR_SCALES}
    singles: dict[str, list[float]] = {scale: [] for scale in LINEAR_SCALES}
    peaks = dict.fromkeys(LINEAR_SCALES, 0)
    for number in range(rounds):
        for scale in LINEAR_SCALES:
            repeats = LINEAR_REPEATS[scale]
            log(f"2a: our own stages at {scale}, sample {number + 1} of {rounds}"
                + (f" ({repeats} runs)" if repeats > 1 else ""))
            runs = [own_stage_sample(roots[scale]) for _ in range(repeats)]
            samples[scale].append(tuple(sum(part) / repeats for part in zip(*runs, strict=True)))
            singles[scale] += [run[0] for run in runs]
            peaks[scale] = max([peaks[scale], *(run[3] for run in runs)])
    reads: dict[str, list[float]] = {scale: [] for scale in LINEAR_SCALES}
    for _ in range(READ_ROUNDS):
        for scale in LINEAR_SCALES:
            log(f"2a: random reads in a heap of {peaks[scale] / 2**20:.0f} MiB ({scale})")
            reads[scale].append(random_reads(peaks[scale]))
    for scale, taken in samples.items():
        best = min(taken)
        results[scale]["own_stages"] = {"runs": rounds, "repeats": LINEAR_REPEATS[scale],
                                        "samples": [t[0] for t in taken],
                                        "best": best[0], "best_user": best[1],
                                        "best_system": best[2], "alternated": True,
                                        "fastest_run": min(singles[scale]),
                                        "peak_memory": peaks[scale],
                                        "random_read_ns": min(reads[scale]),
                                        "commit": info["commit"], "machine": info}


def machines(results: dict[str, dict[str, Any]]) -> list[tuple[list[str], dict[str, Any]]]:
    """Each machine the results were measured on (its description without the commit), with
    what was measured there: the scales' runs, and target 2a's samples where a later
    ``--linearity`` run took them."""
    found: list[tuple[list[str], dict[str, Any]]] = []

    def add(what: str, info: dict[str, Any]) -> None:
        described = {key: value for key, value in info.items() if key != "commit"}
        for measured, known in found:
            if known == described:
                measured.append(what)
                return
        found.append(([what], described))

    for scale, r in results.items():
        if r.get("machine"):
            add(scale, r["machine"])
    samples = [r["own_stages"]["machine"] for r in results.values()
               if r.get("own_stages", {}).get("machine")]
    if samples:
        add("target 2a's samples", samples[0])
    return found


def machine_lines(results: dict[str, dict[str, Any]]) -> list[str]:
    """The Machine section's bullets: one machine's description, or each machine's with what
    was measured on it."""
    found = machines(results)
    lines: list[str] = []
    for measured, info in found:
        where, indent = (f"{_listed(measured)}: ", "  ") if len(found) > 1 else ("", "")
        packages = ", ".join(f"{name} {v}" for name, v in info["packages"].items())
        lines += [f"- {where}{info['cpu']}, {info['cores']} cores, {info['memory'] or 'unknown'} "
                  f"memory; {info['system']}; Python {info['python']}",
                  f"{indent}- {packages}; libyaml {'present' if info['libyaml'] else 'missing'}"]
    return lines


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def measured_at(results: dict[str, dict[str, Any]]) -> list[str]:
    """The commits the scales' runs were measured at, in order; target 2a's samples may have
    been taken again at a later one."""
    return list(dict.fromkeys(r["machine"]["commit"] for r in results.values()
                              if r.get("machine", {}).get("commit")))


def _own_total(r: dict[str, Any]) -> tuple[float, str]:
    """(seconds, how they were measured) of our own stages at a scale."""
    repeated = r.get("own_stages")
    if not repeated:
        return sum(r["build"]["stages"][s] for s in OWN_STAGES), "one run"
    repeats = repeated.get("repeats", 1)
    each = f", each the mean of {repeats} runs" if repeats > 1 else ""
    return repeated["best"], f"best of {repeated['runs']} alternated samples{each}"


def stage_table(timers: Timers, wall: bool = False) -> dict[str, float]:
    """Named stages; the remainders of load() and generate() become 'load other' and 'render'."""
    s = timers.wall if wall else timers.seconds
    return {
        "load YAML": s["load YAML"],
        "validate": s["validate"],
        "load other": s["load"],
        "cross-check": s["cross-check"],
        "graph": s["graph"],
        "render Markdown": s["generate"],
        "exports": s["exports"],
        "MkDocs build": s["MkDocs build"],
    }


def _memory(pid: int, field: str = "VmRSS") -> int:
    """A process's resident memory (``VmRSS``) or its peak (``VmHWM``) in bytes; 0 when it is
    gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class CommandFailed(RuntimeError):
    pass


def run_command(command: list[str], cwd: Path, memory_limit: int | None = None) -> dict[str, float]:
    """Run a command to completion: its CPU time (all its threads), wall time and peak memory.

    With ``memory_limit`` (bytes), the command is stopped when its resident memory passes it,
    rather than left to the kernel's OOM killer, which may pick another process.
    """
    clock = Clock()
    peak = 0
    with subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL) as process:
        output = bytearray()
        os.set_blocking(process.stdout.fileno(), False)  # type: ignore[union-attr]
        while True:
            chunk = process.stdout.read()  # type: ignore[union-attr]
            if chunk:
                output += chunk[-65536:]
                del output[:-65536]
            peak = max(peak, _memory(process.pid))
            if memory_limit is not None and peak > memory_limit:
                process.kill()
                process.wait()
                raise CommandFailed(f"stopped after {peak / 2**30:.1f} GiB of memory, over the "
                                    f"limit of {memory_limit / 2**30:.0f} GiB")
            if process.poll() is not None:
                rest = process.stdout.read()  # type: ignore[union-attr]
                if rest:
                    output += rest
                break
            time.sleep(0.2)
    cpu, wall = clock.elapsed()
    if process.returncode != 0:
        raise CommandFailed(f"{' '.join(command)} failed ({process.returncode}):\n"
                            f"{output.decode('utf-8', 'replace')[-3000:]}")
    return {"cpu": cpu, "wall": wall, "peak_memory": peak}


def count_instructions(command: list[str], cwd: Path) -> int | None:
    """The instructions a command executes, counted by valgrind's callgrind (None without
    valgrind). Unlike times, the count does not move with other load on the machine."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    result = subprocess.run(
        [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *command], cwd=cwd,
        env={**ENV, "PYTHONHASHSEED": "0"}, stdin=subprocess.DEVNULL, capture_output=True,
        text=True, check=False)
    if result.returncode != 0:
        raise CommandFailed(f"{' '.join(command)} failed under callgrind ({result.returncode}):\n"
                            f"{(result.stdout + result.stderr)[-3000:]}")
    found = re.search(r"Collected\s*:\s*(\d+)", result.stderr)
    return int(found.group(1)) if found else None


def required_imports(cwd: Path) -> dict[str, int] | None:
    """Instructions to import MkDocs, then MkDocs with the libraries the design requires on top
    (networkx, pydantic): the part of target 1's 15% that no code of ours can save."""
    python = sys.executable
    alone = count_instructions([python, "-c", f"import {MKDOCS_IMPORTS}"], cwd)
    both = count_instructions([python, "-c", f"import {MKDOCS_IMPORTS}\n{REQUIRED_PROBE}"], cwd)
    if alone is None or both is None:
        return None
    return {"mkdocs": alone, "with_required": both}


# --- measurements -----------------------------------------------------------------------------
def yaml_files(root: Path) -> list[Path]:
    return sorted([*(root / "data").rglob("*.yml"), *(root / "sources").glob("*.yml")])


def csafe_floor(files: list[Path]) -> tuple[float, float]:
    clock = Clock()
    for path in files:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=CSafeLoader)  # noqa: S506
    return clock.elapsed()


def counts(root: Path) -> dict[str, Any]:
    database, _ = load(Project.find(root))
    claims = sum(len(r.entity.claims) for r in database.entities.values())
    citations = sum(len(c.citations) for r in database.entities.values() for c in r.entity.claims)
    relations = sum(1 for r in database.entities.values() for c in r.entity.claims if c.object)
    files = yaml_files(root)
    return {
        "entities": len(database.entities), "claims": claims, "citations": citations,
        "relations": relations, "sources": len(database.sources),
        "paragraphs": sum(len(s.paragraphs) for s in database.sources.values()),
        "yaml_files": len(files), "yaml_bytes": sum(p.stat().st_size for p in files),
        "source_text_bytes": sum(p.stat().st_size for p in (root / "sources").glob("*.txt")),
    }


def floor_config(root: Path, tree: Path, site: Path, cached: bool = False) -> Path:
    """mkdocs.yml for the tree alone: docs_dir is the generated tree, and no hook; ``cached``
    keeps the theme's compiled templates between builds as our hook does, with a hook that does
    only that (theme_cache_hook.py)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch"):
        config.pop(key, None)
    if cached:
        config["hooks"] = [str(HERE / "theme_cache_hook.py")]
    config["docs_dir"] = str(tree)
    config["site_dir"] = str(site)
    path = root / ("mkdocs.floor-cached.yml" if cached else "mkdocs.floor.yml")
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def zensical_command(root: Path, tree: Path, site: Path) -> list[str] | None:
    from iranru_ref.zensical_engine import CONFIG_NAME, zensical_available, zensical_config

    if not zensical_available():
        return None
    config_dir = tree.parent
    config = zensical_config(Project.find(root), config_dir, tree, site)
    path = config_dir / CONFIG_NAME
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    command = [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(path)]
    return command + (["--strict"] if config.get("strict") else [])


def page_weights(site: Path, search_index: str) -> dict[str, Any]:
    entity_pages = sorted(
        path.stat().st_size
        for folder in FOLDERS for path in (site / folder).glob("*/index.html")
    )
    all_pages = sorted(((p.stat().st_size, p.relative_to(site).as_posix())
                        for p in site.rglob("*.html")), reverse=True)
    index = site / search_index
    return {
        "entity_pages": len(entity_pages),
        "entity_median": statistics.median(entity_pages) if entity_pages else 0,
        "entity_p90": entity_pages[int(len(entity_pages) * 0.9)] if entity_pages else 0,
        "entity_max": entity_pages[-1] if entity_pages else 0,
        "largest_pages": all_pages[:6],
        "html_pages": len(all_pages),
        "search_index": index.stat().st_size if index.is_file() else None,
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
    }


def measure_scale(scale: str, args: argparse.Namespace,
                  save: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Measure one scale; ``save`` is called with the partial result after each long step."""
    work = OUT / scale
    result: dict[str, Any] = {"scale": scale, "format": FORMAT,
                              "date": dt.datetime.now().isoformat(timespec="seconds")}
    started = time.perf_counter()
    log(f"{scale}: writing the corpus")
    root = corpus.write_corpus(scale, work)
    result["corpus_seconds"] = round(time.perf_counter() - started, 2)
    try:
        load(Project.find(root))
    except ValidationFailed as exc:
        if scale != "seed":
            raise
        log(f"seed: the working tree does not pass check ({len(exc.problems)} problems); "
            "using the data as committed at HEAD")
        root = corpus.write_seed_from_git(work, "HEAD")
        result["note"] = ("The working tree's data did not pass `iranru-ref check` at the time, "
                          "so the data as committed at HEAD was used.")
    result["counts"] = counts(root)
    files = yaml_files(root)
    repeat = 1 if result["counts"]["claims"] > 50_000 else (5 if scale == "seed" else 3)

    log(f"{scale}: CSafeLoader floor and check, best of {repeat}")
    floors, checks, check_stages = [], [], []
    for _ in range(repeat):
        floors.append(csafe_floor(files))
        timers = Timers()
        with instrumented(timers), paused_gc():  # as the command runs it (cli.py)
            clock = Clock()
            project_module.load(Project.find(root))
            checks.append(clock.elapsed())
        check_stages.append(stage_table(timers))
    best = min(range(repeat), key=lambda n: checks[n][0])
    result["csafe_floor"], result["csafe_floor_wall"] = min(floors)
    result["check"], result["check_wall"] = checks[best]
    result["check_stages"] = check_stages[best]
    iranru = str(BIN / "iranru-ref")
    result["check_command"] = run_command([iranru, "check", "--root", str(root)], root)
    save(result)

    log(f"{scale}: iranru-ref build, in-process, every stage timed")
    tree = work / "bench" / "tree"
    site = work / "bench" / "site-mkdocs"
    builds = []
    for number in range(repeat if scale == "seed" else 1):
        timers = Timers()
        with instrumented(timers, keep_tree=tree if number == 0 else None):
            clock = Clock()
            built = build_module.build_site(Project.find(root), site_dir=site)
            total, wall = clock.elapsed()
        builds.append((total, wall, stage_table(timers), stage_table(timers, wall=True)))
    total, wall, stages, stages_wall = min(builds, key=lambda item: item[0])
    result["build"] = {"total": total, "wall": wall, "stages": stages, "stages_wall": stages_wall,
                       "pages": built.pages}
    result["build"]["peak_memory"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    result["weights_mkdocs"] = page_weights(site, "search/search_index.json")
    save(result)

    log(f"{scale}: mkdocs build of the generated tree alone")
    config = floor_config(root, tree, work / "bench" / "site-floor")
    mkdocs = [str(BIN / "mkdocs"), "build", "-q", "-f", str(config)]
    result["mkdocs_floor"] = run_command(mkdocs, root)
    save(result)

    if not args.no_zensical:
        command = zensical_command(root, tree, work / "bench" / "site-zensical")
        if command is None:
            result["zensical"] = None
        else:
            log(f"{scale}: zensical build of the generated tree")
            try:
                result["zensical"] = run_command(command, tree.parent,
                                                 memory_limit=int(args.zensical_memory * 2**30))
            except CommandFailed as exc:
                log(f"{scale}: zensical failed: {str(exc)[:300]}")
                result["zensical"] = None
                result["zensical_error"] = str(exc)[-1500:]
            else:
                result["weights_zensical"] = page_weights(work / "bench" / "site-zensical",
                                                          "search.json")
            save(result)

    if scale == "seed":
        log("seed: iranru-ref build and mkdocs build as commands, alternated")
        ours, theirs, zensical = [], [], []
        for _ in range(args.command_repeat):
            ours.append(run_command([iranru, "build", "--root", str(root), "--site-dir",
                                     str(work / "bench" / "site-command")], root))
            theirs.append(run_command(mkdocs, root))
            if not args.no_zensical and result.get("zensical") is not None:
                zensical.append(run_command(
                    [iranru, "build", "--engine", "zensical", "--root", str(root),
                     "--site-dir", str(work / "bench" / "site-command-zensical")], root))
        result["commands"] = {"build": ours, "mkdocs": theirs, "build_zensical": zensical}
        if not args.no_instructions:
            log("seed: iranru-ref build and mkdocs build under callgrind (a few minutes each)")
            cached = [str(BIN / "mkdocs"), "build", "-q", "-f", str(floor_config(
                root, tree, work / "bench" / "site-floor-cached", cached=True))]
            run_command(cached, root)  # compiles the theme's templates, if a build has not yet
            result["instructions"] = {
                "build": count_instructions([iranru, "build", "--root", str(root), "--site-dir",
                                             str(work / "bench" / "site-command")], root),
                "mkdocs": count_instructions(mkdocs, root),
                "mkdocs_cached": count_instructions(cached, root),
                "imports": required_imports(root),
            }
    shutil.rmtree(tree, ignore_errors=True)
    log(f"{scale}: done in {time.perf_counter() - started:.0f}s")
    return result


# --- machine and report -----------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"

    def version(name: str) -> str:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as package_version
        try:
            return package_version(name)
        except PackageNotFoundError:
            return "not installed"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": {name: version(name) for name in (
            "mkdocs", "mkdocs-material", "zensical", "markdown", "pydantic", "pyyaml", "jinja2",
            "networkx")},
        "libyaml": yaml.__with_libyaml__,
        "commit": commit or "unknown",
    }


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def us(seconds: float, count: int) -> str:
    if not count:
        return "–"
    value = seconds / count * 1e6
    return f"{value:,.0f} µs" if value < 10_000 else f"{value / 1000:,.1f} ms"


def kb(size: float | None) -> str:
    if size is None:
        return "–"
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:,.1f} MB"
    return f"{size / 1024:,.1f} KB"


def gb(size: float | None) -> str:
    if not size:
        return "–"
    return f"{size / 2**30:.1f} GB" if size >= 2**30 else f"{size / 2**20:,.0f} MB"


def verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


PER_ITEM = {
    "load YAML": ("yaml_files", "file"), "validate": ("claims", "claim"),
    "load other": ("sources", "source"), "cross-check": ("citations", "citation"),
    "graph": ("relations", "relation"), "render Markdown": ("pages", "page"),
    "exports": ("claims", "claim"), "MkDocs build": ("pages", "page"),
}


def _best(runs: list[dict[str, float]], key: str) -> float:
    """The fastest of alternated runs: other load on the machine only ever adds time."""
    return min(run[key] for run in runs)


def scale_section(r: dict[str, Any]) -> list[str]:
    c = r["counts"]
    build = r["build"]
    stages, walls = build["stages"], build["stages_wall"]
    pages = build["pages"]
    items = {**c, "pages": pages}
    own = sum(stages[s] for s in OWN_STAGES)
    lines = [
        f"### {r['scale']}",
        "",
        f"{c['entities']:,} entities, {c['claims']:,} claims, {c['citations']:,} citations, "
        f"{c['relations']:,} relations; {c['sources']:,} sources with {c['paragraphs']:,} "
        f"paragraphs ({kb(c['source_text_bytes'])} of text); {c['yaml_files']:,} YAML files "
        f"({kb(c['yaml_bytes'])}); {pages:,} pages. Measured {r['date']}.",
        "",
    ]
    if r.get("note"):
        lines += [r["note"], ""]
    lines += ["| Stage of `iranru-ref build` (in-process) | CPU | Share | Per item | Wall |",
              "|---|---:|---:|---:|---:|"]
    for name in STAGES:
        key, unit = PER_ITEM[name]
        lines.append(f"| {name} | {ms(stages[name])} | {100 * stages[name] / build['total']:.0f}% "
                     f"| {us(stages[name], items[key])} per {unit} | {ms(walls[name])} |")
    other = build["total"] - sum(stages.values())
    other_wall = build["wall"] - sum(walls.values())
    lines += [
        f"| (set-up, copying, swapping in) | {ms(other)} | {100 * other / build['total']:.0f}% "
        f"| | {ms(other_wall)} |",
        f"| **total** | **{ms(build['total'])}** | | | {ms(build['wall'])} |",
        f"| our own stages (all but MkDocs) | {ms(own)} | {100 * own / build['total']:.0f}% | "
        f"{us(own, c['claims'])} per claim | {ms(sum(walls[s] for s in OWN_STAGES))} |",
        "",
        "| Floors and other engines, on the same bytes | CPU | Wall | Ratio (CPU) |",
        "|---|---:|---:|---:|",
        f"| parse every YAML file with `yaml.load(CSafeLoader)` | {ms(r['csafe_floor'])} | "
        f"{ms(r['csafe_floor_wall'])} | 1 |",
        f"| `iranru-ref check`, in-process (load, validate, cross-check) | {ms(r['check'])} | "
        f"{ms(r['check_wall'])} | {r['check'] / r['csafe_floor']:.2f} × the floor |",
        f"| `iranru-ref check` as a command (start-up and imports too) | "
        f"{ms(r['check_command']['cpu'])} | {ms(r['check_command']['wall'])} | "
        f"{r['check_command']['cpu'] / r['csafe_floor']:.2f} × the floor |",
        f"| `mkdocs build` of the generated tree alone, as a command | "
        f"{ms(r['mkdocs_floor']['cpu'])} | {ms(r['mkdocs_floor']['wall'])} | "
        f"{us(r['mkdocs_floor']['cpu'], pages)} per page |",
    ]
    if r.get("zensical"):
        z, m = r["zensical"], r["mkdocs_floor"]
        lines.append(f"| `zensical build` of the same tree, as a command (multi-threaded) | "
                     f"{ms(z['cpu'])} | {ms(z['wall'])} | {z['cpu'] / m['cpu']:.2f} × MkDocs alone "
                     f"(wall {z['wall'] / m['wall']:.2f} ×) |")
    if r.get("commands"):
        cmd = r["commands"]
        ours, theirs = _best(cmd["build"], "cpu"), _best(cmd["mkdocs"], "cpu")
        lines.append(f"| `iranru-ref build` as a command, best of {len(cmd['build'])} | "
                     f"{ms(ours)} | {ms(_best(cmd['build'], 'wall'))} | {ours / theirs:.2f} × "
                     f"`mkdocs build` alone ({ms(theirs)}, wall "
                     f"{ms(_best(cmd['mkdocs'], 'wall'))}) |")
        if cmd.get("build_zensical"):
            z = _best(cmd["build_zensical"], "cpu")
            lines.append(f"| `iranru-ref build --engine zensical` as a command, best | {ms(z)} | "
                         f"{ms(_best(cmd['build_zensical'], 'wall'))} | {z / theirs:.2f} × "
                         "`mkdocs build` alone |")
    counted = _instructions(r)
    if counted:
        lines.append(f"| instructions executed (callgrind): `iranru-ref build`, then `mkdocs build` "
                     f"alone | – | – | {counted} |")
    counted = _instructions(r, floor=CACHED_FLOOR)
    if counted:
        lines.append("| the same, against `mkdocs build` alone with the theme's compiled templates "
                     f"cached (`benchmarks/theme_cache_hook.py`) | – | – | {counted} |")
    if r.get("zensical_error"):
        # the error itself, which a traceback prints last
        reported = [line for line in r["zensical_error"].splitlines() if line.strip()]
        error = " ".join(next((line for line in reversed(reported) if "Error" in line),
                              " ".join(reported)).split()).replace("|", "\\|")
        lines.append(f"| `zensical build` of the same tree, as a command | – | – | failed: "
                     f"{error[:300]} |")
    memory = [f"`iranru-ref build` in-process {gb(build.get('peak_memory'))} (the benchmark "
              "process's peak so far)",
              f"`mkdocs build` alone {gb(r['mkdocs_floor'].get('peak_memory'))}"]
    if r.get("zensical"):
        memory.append(f"`zensical build` {gb(r['zensical'].get('peak_memory'))}")
    lines += ["", "Peak resident memory: " + "; ".join(memory) + "."]
    w = r["weights_mkdocs"]
    z_weights = r.get("weights_zensical") or {}
    lines += ["", "| Page weight | MkDocs | Zensical |", "|---|---:|---:|"]
    for label, key in (("entity page, median", "entity_median"),
                       ("entity page, 90th percentile", "entity_p90"),
                       ("entity page, largest", "entity_max"),
                       ("search index", "search_index"), ("whole site", "site_bytes")):
        lines.append(f"| {label} | {kb(w[key])} | {kb(z_weights.get(key))} |")
    lines += ["", "Largest pages (MkDocs): " + ", ".join(
        f"`{name}` {kb(size)}" for size, name in w["largest_pages"]) + ".", ""]
    return lines


#: what target 1 compares ``iranru-ref build`` with: ``mkdocs build`` alone, as it comes, and
#: with the theme's compiled templates cached as our build caches them
PLAIN_FLOOR, CACHED_FLOOR = "mkdocs", "mkdocs_cached"


def _instructions_ratio(r: dict[str, Any], floor: str = PLAIN_FLOOR) -> float | None:
    counted = r.get("instructions") or {}
    if counted.get("build") and counted.get(floor):
        return float(counted["build"] / counted[floor])
    return None


def _instructions(r: dict[str, Any], strong: bool = False, floor: str = PLAIN_FLOOR) -> str:
    """``13.11 vs 10.87 billion = 1.206 ×``, or "" where callgrind did not count."""
    ratio = _instructions_ratio(r, floor)
    if ratio is None:
        return ""
    counted = r["instructions"]
    stars = "**" if strong else ""
    return (f"{counted['build'] / 1e9:.2f} vs {counted[floor] / 1e9:.2f} billion = "
            f"{stars}{ratio:.3f} ×{stars}")


def _required_share(counted: dict[str, Any]) -> str:
    imports = counted.get("imports")
    if not imports:
        return ""
    extra = imports["with_required"] - imports["mkdocs"]
    return (f" (importing {REQUIRED_LIBRARIES.replace(', ', ' and ')} and defining a first "
            f"pydantic model, on top of MkDocs alone, takes "
            f"{extra / 1e9:.2f} billion, {100 * extra / counted['mkdocs']:.1f} points of the 15)")


def targets(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["## Targets", "",
             "Ratios of CPU time (see *How to read the numbers*), except target 1, which compares "
             "instruction counts where valgrind is installed.", "",
             "| Target | Measured | Verdict |", "|---|---|---|"]
    seed = results.get("seed")
    if seed and seed.get("commands"):
        cmd = seed["commands"]
        ours, theirs = _best(cmd["build"], "cpu"), _best(cmd["mkdocs"], "cpu")
        stages = seed["build"]["stages"]
        own = sum(stages[s] for s in OWN_STAGES)
        in_process = (own + stages["MkDocs build"]) / stages["MkDocs build"]
        cpu = f"{ms(ours)} vs {ms(theirs)} = {ours / theirs:.2f} ×"
        ratio = _instructions_ratio(seed)
        strict = _instructions_ratio(seed, CACHED_FLOOR)
        if ratio is None:  # no valgrind: CPU time decides
            ratio, measured = ours / theirs, f"as commands: **{cpu}**"
        else:
            measured = (f"as commands, in instructions: {_instructions(seed, strong=True)}"
                        f"{_required_share(seed['instructions'])}")
            if strict is not None:
                measured += ("; against MkDocs alone with the theme's compiled templates cached "
                             "too, as our build has them: "
                             f"{_instructions(seed, strong=True, floor=CACHED_FLOOR)}")
            measured += f"; in CPU time {cpu}"
        judged = verdict(ratio <= 1.15)
        if strict is not None and (strict <= 1.15) != (ratio <= 1.15):
            judged = (f"{judged} against `mkdocs build` as it comes (the issue's reading, which "
                      f"decides); {verdict(strict <= 1.15)} against the cached one")
        lines.append(
            f"| 1. seed: `iranru-ref build` ≤ 1.15 × MkDocs alone | {measured}; in-process, our "
            f"stages take {ms(own)} next to MkDocs' {ms(stages['MkDocs build'])}, = "
            f"{in_process:.2f} × | {judged} |")
    small, large = results.get("1k"), results.get("10k")
    if small and large:
        (own_small, how_small), (own_large, how_large) = _own_total(small), _own_total(large)
        growth = own_large / own_small
        per_small = small["build"]["stages"]["MkDocs build"] / small["build"]["pages"]
        per_large = large["build"]["stages"]["MkDocs build"] / large["build"]["pages"]
        split = ""
        a, b = small.get("own_stages", {}), large.get("own_stages", {})
        if "best_system" in a and "best_system" in b:
            split = (f"; of the same samples' CPU time, the user part grows "
                     f"{b['best_user'] / a['best_user']:.1f} × ({ms(a['best_user'])} → "
                     f"{ms(b['best_user'])}) and the system part "
                     f"{b['best_system'] / a['best_system']:.1f} × ({ms(a['best_system'])} → "
                     f"{ms(b['best_system'])})")
        if "random_read_ns" in a and "random_read_ns" in b:
            split += (f"; on this machine, reading one small object at random costs "
                      f"{b['random_read_ns'] / a['random_read_ns']:.2f} × as much in a process "
                      f"of the 10k samples' peak memory ({gb(b['peak_memory'])}) as in one of "
                      f"the 1k samples' ({gb(a['peak_memory'])}): "
                      f"{a['random_read_ns']:.0f} → {b['random_read_ns']:.0f} ns")
        if b.get("commit") and b["commit"] not in measured_at(results):
            split += (f"; these samples were taken later, at commit {b['commit']} "
                      "(`--linearity`)")
        if "fastest_run" in a and a.get("repeats", 1) > 1:
            split += (f"; set against the fastest single run at 1k ({ms(a['fastest_run'])}), "
                      f"the best 10k sample is {own_large / a['fastest_run']:.1f} ×")
        lines.append(f"| 2a. 1k → 10k: our own stages grow ≤ 11 × | {ms(own_small)} "
                     f"({how_small}) → {ms(own_large)} ({how_large}) = **{growth:.1f} ×**{split} "
                     f"| {verdict(growth <= 11)} |")
        lines.append(f"| 2b. MkDocs per page at 10k ≤ 1.3 × at 1k | {per_small * 1000:.1f} ms → "
                     f"{per_large * 1000:.1f} ms = **{per_large / per_small:.2f} ×** "
                     f"| {verdict(per_large / per_small <= 1.3)} |")
    if large:
        ratio = large["check"] / large["csafe_floor"]
        command = large["check_command"]["cpu"] / large["csafe_floor"]
        lines.append(f"| 3. `check` at 10k ≤ 3 × the CSafeLoader floor | {ms(large['check'])} vs "
                     f"{ms(large['csafe_floor'])} = **{ratio:.2f} ×** in-process; {command:.2f} × "
                     f"as a command, start-up included | {verdict(ratio <= 3)} |")
    if small and large:
        a = small["weights_mkdocs"]["entity_median"]
        b = large["weights_mkdocs"]["entity_median"]
        lines.append(f"| 4. entity page at 10k ≤ 1.5 × at 1k (median) | {kb(a)} → {kb(b)} = "
                     f"**{b / a:.2f} ×**; search index {kb(small['weights_mkdocs']['search_index'])}"
                     f" → {kb(large['weights_mkdocs']['search_index'])} "
                     f"| {verdict(b / a <= 1.5)} |")
    lines.append("")
    return lines


def write_doc(results: dict[str, dict[str, Any]], command: str) -> None:
    order = [s for s in ("seed", "tiny", "1k", "10k") if s in results]
    lines = [
        "# Performance",
        "",
        "<!-- Written by benchmarks/run.py; rerun it rather than editing the numbers by hand. -->",
        "",
        "How long each stage of the pipeline takes, from the real data up to 10,000 entities and "
        "100,000 claims, next to two floors measured on the same bytes: parsing the YAML with "
        "libyaml and nothing else, and MkDocs building the generated Markdown alone. All numbers "
        "of one scale come from one run of the benchmark on one machine, so compare ratios "
        "rather than absolute times.",
        "",
        "## How to reproduce",
        "",
        "```sh",
        command,
        "```",
        "",
        "The corpus generator (`benchmarks/corpus.py`) is deterministic: the same scale always "
        "gives the same bytes. The `1k` scale is 1,000 entities, 10,000 claims and 100 sources; "
        "`10k` is 10,000 entities, 100,000 claims and 1,000 sources; each source is a news "
        "report of 25–40 paragraphs (10–16 KB) cited by about 100 claims, and every quote "
        "really occurs in the paragraph it cites, so `iranru-ref check` passes. `seed` is the "
        "repository's own data.",
        "",
        "## Machine",
        "",
        *machine_lines(results),
        f"- commit {', '.join(measured_at(results))} (plus the working tree at the time)",
        "",
        "## How to read the numbers",
        "",
        "The machine is shared with other work, which can double a wall-clock time from one "
        "minute to the next. So every time below is first given as **CPU time** (user and "
        "system, of the process and the commands it ran), which counts the work done and barely "
        "moves with other users' load; wall-clock time is shown beside it. Zensical runs on "
        "several threads, so its wall time can be below its CPU time. Stages are timed inside "
        "one `iranru-ref build` run by wrapping the pipeline's own functions; *per item* divides "
        "a stage by the items it handles (files, claims, citations, relations or pages). "
        "The package's bytecode is compiled before anything is timed, as an installed package's "
        "is, so that no command spends its time recompiling our own modules. Where commands "
        "are compared, they run several times, alternated, and the fastest run of each is "
        "kept: other load on the machine only ever adds time. For the same reason, target 2a "
        "compares the best of three samples of our own stages at each scale, taken at 1k and "
        "10k alternately; a sample at 1k is the mean of ten runs in a row, so that it lasts as "
        "long as one run at 10k and meets as much of that load. At the seed scale, where one "
        "command takes seconds and the machine's speed drifts by more than the 15% that target "
        "1 allows, both commands are also run under valgrind's callgrind, which counts the "
        "instructions they execute: a count that other load does not move.",
        "",
    ]
    lines += targets(results)
    lines += ["## Results by scale", ""]
    for scale in order:
        lines += scale_section(results[scale])
    notes = ROOT / "benchmarks" / "notes.md"
    if notes.is_file():
        lines += [notes.read_text(encoding="utf-8").rstrip(), ""]
    DOC.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="seed,1k,10k",
                        help="comma-separated: seed, tiny, 1k, 10k (default: seed,1k,10k)")
    parser.add_argument("--no-zensical", action="store_true", help="skip the Zensical builds")
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/performance.md")
    parser.add_argument("--no-instructions", action="store_true",
                        help="skip counting instructions with valgrind at the seed scale")
    parser.add_argument("--zensical-memory", type=float, default=12,
                        help="stop Zensical when it uses more GiB than this (default: 12)")
    parser.add_argument("--report", action="store_true",
                        help="measure nothing: write docs/performance.md from the saved results")
    parser.add_argument("--command-repeat", type=int, default=9,
                        help="runs of each command at the seed scale (default: 9)")
    parser.add_argument("--linearity", action="store_true",
                        help="only take target 2a's samples again, on the 1k and 10k corpora "
                             "already written, then write docs/performance.md")
    parser.add_argument("--own-sample", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--random-reads", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.own_sample is not None:  # the child process of own_stage_sample
        print(_own_sample_here(args.own_sample))
        return 0
    if args.random_reads is not None:  # the child process of random_reads
        print(_random_reads_here(args.random_reads))
        return 0
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    unknown = [s for s in scales if s not in ("seed", *corpus.SCALES)]
    if unknown:
        parser.error(f"unknown scale(s): {', '.join(unknown)}")
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    if RESULTS.is_file():
        results = {scale: r for scale, r in json.loads(RESULTS.read_text()).items()
                   if r.get("format") == FORMAT and not r.get("partial")}
    if args.report:
        order = [scale for scale in ("seed", *corpus.SCALES) if scale in results]
        write_doc(results, f".venv/bin/python benchmarks/run.py --scales {','.join(order)}")
        return 0
    # An installed package carries compiled bytecode; this checkout may not (pip install -e
    # compiles nothing, and PYTHONDONTWRITEBYTECODE keeps Python from caching it), and
    # recompiling the package in every command would be timed as if it were the pipeline.
    compileall.compile_dir(ROOT / "src", quiet=1)
    info = machine()
    command = f".venv/bin/python benchmarks/run.py --scales {','.join(scales)}"
    if args.linearity:
        missing = [scale for scale in LINEAR_SCALES if scale not in results]
        if missing:
            parser.error(f"--linearity needs earlier results at {', '.join(missing)}")
        linearity(results, LINEAR_ROUNDS, info)
        RESULTS.write_text(json.dumps(results, indent=1))
        if not args.no_doc:
            write_doc(results, command)
        return 0
    def save(result: dict[str, Any]) -> None:
        results[result["scale"]] = {**result, "partial": True}
        RESULTS.write_text(json.dumps(results, indent=1))

    for scale in scales:
        results[scale] = {**measure_scale(scale, args, save), "machine": info}
        RESULTS.write_text(json.dumps(results, indent=1))
        for line in scale_section(results[scale]):
            print(line)
        if not args.no_doc:
            write_doc(results, command)
    if all(scale in scales for scale in LINEAR_SCALES):
        linearity(results, LINEAR_ROUNDS, info)
        RESULTS.write_text(json.dumps(results, indent=1))
        if not args.no_doc:
            write_doc(results, command)
    for line in targets(results):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
