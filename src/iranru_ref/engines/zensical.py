"""Building the generated Markdown tree with Zensical, Material for MkDocs' successor.

Zensical reads ``mkdocs.yml`` but runs no MkDocs plugins or hooks, and it wants ``docs_dir``
and ``site_dir`` inside the folder of its configuration file. So the project's ``mkdocs.yml`` is
copied into the folder that holds both the generated tree and the output folder, with
``docs_dir`` and ``site_dir`` pointing at them, the theme's ``custom_dir`` at the project's, and
the MkDocs-only settings removed (the hook would regenerate the tree that ``iranru-ref`` has
already generated). Zensical then runs as a separate process, ``python -m zensical build``, and
any failure becomes a ``BuildFailed`` message with the last lines it printed.
"""

from __future__ import annotations

import collections
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from ..errors import BuildFailed
from ..load.mkdocs_config import ConfigUnreadable, read_mkdocs_config, tagged_values
from ..load.project import Project
from .compact_html import compact_site

INSTALL_HINT = (
    "Zensical is not installed. Install it with `.venv/bin/pip install -e '.[zensical]'` "
    "(or `pip install zensical`), or build with the default engine: iranru-ref build"
)

#: settings that only MkDocs understands, or that would undo the generation step
DROPPED_SETTINGS = ("hooks", "watch", "INHERIT", "dev_addr")

#: the name of the configuration written beside the generated tree
CONFIG_NAME = ".zensical-mkdocs.yml"


def zensical_available() -> bool:
    return importlib.util.find_spec("zensical") is not None


def zensical_config(project: Project, config_dir: Path, docs_dir: Path,
                    site_dir: Path) -> dict[str, Any]:
    """The project's MkDocs configuration, rewritten for Zensical and the given folders."""
    try:
        config = read_mkdocs_config(project.root)
    except ConfigUnreadable as exc:
        raise BuildFailed(str(exc)) from None
    for name in DROPPED_SETTINGS:
        config.pop(name, None)
    tagged = tagged_values(config)
    if tagged:
        raise BuildFailed(f"mkdocs.yml line {tagged[0].line}: the tag {tagged[0].tag!r} cannot be "
                          "passed on to Zensical; write the value out")
    config["docs_dir"] = os.path.relpath(docs_dir, config_dir)
    config["site_dir"] = os.path.relpath(site_dir, config_dir)
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        # the theme override (overrides/) stays in the project, beside mkdocs.yml
        theme["custom_dir"] = os.path.relpath(project.root / theme["custom_dir"], config_dir)
    return config


def zensical_build(project: Project, docs_dir: Path, site_dir: Path) -> None:
    """Build the Markdown tree in ``docs_dir`` into ``site_dir`` with Zensical."""
    if not zensical_available():
        raise BuildFailed(INSTALL_HINT)
    docs_dir = docs_dir.resolve()
    site_dir = site_dir.resolve()
    config_dir = Path(os.path.commonpath([docs_dir, site_dir]))
    if config_dir in (docs_dir, site_dir):
        raise BuildFailed(
            f"Zensical needs the generated tree ({docs_dir}) and the site folder ({site_dir}) "
            "side by side, neither inside the other"
        )
    config = zensical_config(project, config_dir, docs_dir, site_dir)
    config_path = config_dir / CONFIG_NAME
    cache = config_dir / ".cache"
    had_cache = cache.exists()
    config_path.write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
    )
    command = [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config_path)]
    if config.get("strict"):
        command.append("--strict")
    try:
        code, tail = _run(command, config_dir)
    finally:
        config_path.unlink(missing_ok=True)
        if not had_cache:
            shutil.rmtree(cache, ignore_errors=True)
    if code != 0:
        shown = "".join(f"\n  {line}" for line in _readable(tail)) or " (it printed nothing)"
        raise BuildFailed(f"Zensical could not build the site (exit status {code}):{shown}")
    if not (site_dir / "index.html").is_file():
        raise BuildFailed(f"Zensical finished but wrote no {site_dir / 'index.html'}")
    compact_site(site_dir)


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _readable(lines: list[str]) -> list[str]:
    """Zensical's last words without colour codes or the Python traceback it ends with."""
    shown: list[str] = []
    in_traceback = False
    for raw in lines:
        line = _ANSI.sub("", raw).rstrip()
        if line.startswith("Traceback (most recent call last)"):
            in_traceback = True
            continue
        if in_traceback:
            if line.startswith(" ") or not line:
                continue
            in_traceback = False
            line = re.sub(r"^[A-Za-z_.]*(Error|Exception): ", "", line)
        if line.strip():
            shown.append(line)
    return shown[-30:]


def _run(command: list[str], cwd: Path) -> tuple[int, list[str]]:
    """Run Zensical; keep the last lines it printed."""
    tail: collections.deque[str] = collections.deque(maxlen=400)
    try:
        process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace",
        )
    except OSError as exc:
        raise BuildFailed(f"cannot start Zensical ({command[0]}): {exc.strerror or exc}") from None
    assert process.stdout is not None
    with process:
        for line in process.stdout:
            tail.append(line.rstrip("\n"))
    return process.returncode, list(tail)
