"""``iranru-ref build``: check, generate, build with the chosen engine, export, then swap in.

Everything is written into a temporary folder beside the target; the finished site replaces
the previous one only when every step succeeded (in one atomic ``renameat2`` exchange on Linux).
A failed or interrupted build leaves the previous ``site/`` exactly as it was; a build killed
outright leaves its ``.site.building-<pid>-*`` folder behind, and the next build removes it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import jinja2

from .errors import BuildFailed, IranruError
from .memory import collecting_new_objects_only, paused_gc
from .pipeline import generate_tree
from .progress import add_mkdocs_progress
from .project import Project


class BuildResult(NamedTuple):
    site_dir: Path
    pages: int


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def _clean_stale(target: Path) -> None:
    """Remove what killed builds left beside ``target``: ``.site.building-<pid>-*`` folders and
    ``.site.old-<pid>`` ones. If a kill fell between the two renames of the fallback swap, so that
    ``target`` is missing, its previous tree is put back first."""
    stale: list[tuple[Path, str]] = []
    for kind in ("building", "old"):
        prefix = f".{target.name}.{kind}-"
        for path in target.parent.glob(prefix + "*"):
            pid = path.name[len(prefix):].split("-")[0]
            if not (pid.isdigit() and _alive(int(pid))):
                stale.append((path, kind))
    for path, kind in stale:
        if kind == "old" and not target.exists() and not target.is_symlink():
            os.rename(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _workspace(target: Path) -> Iterator[Path]:
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale(target)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-{os.getpid()}-",
                                 dir=target.parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``).

    Returns False where that is not available, so the caller falls back to two renames.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _swap_in(built: Path, target: Path) -> None:
    """Replace ``target`` by ``built`` atomically where the system allows it (else with two
    renames, repaired by the next build if a kill falls between them); the old tree is removed
    afterwards."""
    if target.exists() or target.is_symlink():
        if _exchange(built, target):
            shutil.rmtree(built, ignore_errors=True)  # it now holds the previous site
            return
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
        try:
            os.rename(built, target)
        except OSError:
            os.rename(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(built, target)


def _template_failure(exc: jinja2.TemplateError, project: Project) -> BuildFailed:
    """A template error as ``templates/NAME:LINE: message``, found in the rendering traceback."""
    where = "templates"
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        where = f"{project.display(Path(exc.filename))}:{exc.lineno}"
    elif isinstance(exc, jinja2.TemplateNotFound):
        return BuildFailed(f"templates/{exc.name}: the template is missing; restore it from git")
    else:
        frames = [frame for frame in traceback.extract_tb(exc.__traceback__)
                  if frame.filename.endswith(".j2")]
        if frames:
            where = f"{project.display(Path(frames[-1].filename))}:{frames[-1].lineno}"
    detail = (exc.message or type(exc).__name__).rstrip(".")
    return BuildFailed(f"{where}: the template failed: {detail}; "
                       "fix the template (the previous site was left as it was)")


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
        add_mkdocs_progress(config)  # a page count on a terminal; nothing otherwise
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, Abort) as exc:
        raise BuildFailed(f"MkDocs could not build the site: {exc}{_listed(counter)}") from None
    except jinja2.TemplateError as exc:  # the theme's templates, or an override
        raise BuildFailed(f"MkDocs could not build the site: the theme's template failed: "
                          f"{exc.message or type(exc).__name__}{_listed(counter)}") from None
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
    try:
        with _workspace(target) as work:
            docs = work / "docs"
            built = work / "site"
            try:
                # [1]: the database is freed before the collector is back on
                with paused_gc():
                    pages = generate_tree(project, docs)[1]
            except jinja2.TemplateError as exc:
                raise _template_failure(exc, project) from None
            with collecting_new_objects_only():
                if engine == "zensical":
                    _zensical_build(project, docs, built)
                else:
                    _mkdocs_build(project, docs, built)
            _swap_in(built, target)
    except IranruError:
        raise
    except OSError as exc:
        raise BuildFailed(f"cannot write the site: {exc}; the previous site was left as it "
                          "was") from None
    return BuildResult(target, pages)

