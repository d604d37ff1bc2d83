"""The build's workspace beside the site folder, and swapping the finished site in.

Everything is written into a temporary folder beside the target; the finished site replaces
the previous one only when every step succeeded (in one atomic ``renameat2`` exchange on Linux).
A failed or interrupted build leaves the previous ``site/`` exactly as it was; a build killed
outright leaves its ``.site.building-<pid>-*`` folder behind, and the next build removes it.

Since the swap deletes what was in the site folder, a build refuses a folder that is the project
or holds it, one inside a folder the project is made of (``data/``, ``sources/``, ``docs/``,
``templates/``, ``src/`` and the like), and a folder with files in it that is not a site an
earlier build wrote: every site a build writes holds the marker file ``.iranru-site``.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import BuildFailed

#: the file every site a build writes holds, so that a later build knows it may replace it
SITE_MARKER = ".iranru-site"
SITE_MARKER_TEXT = ("This folder is a site built by iranru-ref; each build replaces it whole.\n")
#: the project's own folders, which a site folder may not be in (or be)
PROJECT_FOLDERS = ("data", "sources", "docs", "templates", "overrides", "src", "schemas", "tests",
                   "benchmarks", "scripts", "node_modules", ".build", ".git")


def check_site_dir(root: Path, target: Path) -> None:
    """Refuse ``target`` (resolved) as the site folder of the project at ``root`` when replacing
    it would delete what is not a site: the project itself, one of its folders, or files that
    no build wrote."""
    root = root.resolve()
    suggestion = root / "site"
    if target == root or root.is_relative_to(target):
        raise BuildFailed(
            f"the site folder {target} is the project's folder or holds it; a build replaces the "
            f"site folder whole, so give the site a folder of its own, such as {suggestion}")
    for name in PROJECT_FOLDERS:
        folder = (root / name).resolve()
        if target == folder or target.is_relative_to(folder):
            raise BuildFailed(
                f"the site folder {target} is inside the project's {name}/ folder; a build "
                f"replaces the site folder whole, so choose one elsewhere, such as {suggestion}")
    if target.exists() and not target.is_dir():
        raise BuildFailed(f"the site folder {target} is not a folder; choose another one")
    if target.is_dir() and not is_built_site(target) and any(target.iterdir()):
        raise BuildFailed(
            f"the site folder {target} has files in it and is not a site iranru-ref built (it "
            f"has no {SITE_MARKER} file), so the build will not replace it; empty it or delete "
            "it, or choose another folder with --site-dir")


#: what every site holds that a build wrote before sites had a marker: the home page and the
#: downloads no other tool writes
_EARLIER_SITE = ("index.html", "data/database.json", "data/database.schema.json",
                 "data/dataset.jsonld")


def is_built_site(folder: Path) -> bool:
    """Whether ``folder`` is a site a build wrote: it has the marker, or (from before there was
    one) the home page and the downloads."""
    return (folder / SITE_MARKER).is_file() or all(
        (folder / name).is_file() for name in _EARLIER_SITE)


def mark_site(site: Path) -> None:
    """Write the marker that makes ``site`` a folder a later build may replace."""
    (site / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")


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
def workspace(target: Path) -> Iterator[Path]:
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


def swap_in(built: Path, target: Path) -> None:
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
