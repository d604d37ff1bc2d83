"""``iranru-ref build``: check, generate, build with the chosen engine, export, then swap in.

Everything is written into a temporary folder beside the target; the finished site replaces
the previous one only when every step succeeded. A failed or interrupted build leaves the
previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildFailed
from .pipeline import generate_tree
from .project import Project


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _workspace(target: Path) -> Iterator[Path]:
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _swap_in(built: Path, target: Path) -> None:
    """Replace ``target`` by ``built`` with two renames; the old tree is removed afterwards."""
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
        os.rename(built, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(built, target)


def _mkdocs_build(project: Project, docs_dir: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    counter = _WarningCounter()
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(counter)
    try:
        config = load_config(
            str(project.root / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(site_dir)
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, Abort) as exc:
        raise BuildFailed(f"MkDocs could not build the site: {exc}{_listed(counter)}") from None
    finally:
        mkdocs_logger.removeHandler(counter)
    if counter.messages:
        raise BuildFailed(f"MkDocs reported warnings{_listed(counter)}")


def _listed(counter: _WarningCounter) -> str:
    return "".join(f"\n  {message}" for message in counter.messages)


def _zensical_build(project: Project, docs_dir: Path, site_dir: Path) -> None:
    from .zensical_engine import zensical_build

    zensical_build(project, docs_dir, site_dir)


def build_site(project: Project, site_dir: Path | None = None, engine: str = "mkdocs") -> BuildResult:
    target = (site_dir or project.root / "site").resolve()
    with _workspace(target) as work:
        docs = work / "docs"
        built = work / "site"
        _, pages = generate_tree(project, docs)
        if engine == "zensical":
            _zensical_build(project, docs, built)
        else:
            _mkdocs_build(project, docs, built)
        _swap_in(built, target)
    return BuildResult(target, pages)

