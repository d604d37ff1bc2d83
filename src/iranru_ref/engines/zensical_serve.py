"""``iranru-ref serve --engine zensical``: Zensical's own server, fed by the live tree.

Zensical's server watches the folder it builds and rebuilds only the pages whose Markdown
changed, with a live reload of its own. This process generates that folder, in
``.build/zensical/docs``, with the live tree (``site/live_tree.py``: only the pages an edit can
change are rendered, only files whose content changed are written), and watches the project's
``data/``, ``sources/``, ``templates/``, ``docs/`` and ``mkdocs.yml``, looking every half second,
as ``mkdocs serve`` does. An edit with problems prints them, one per line, and leaves the tree,
and so the site, as it last was; Zensical's server cannot be extended, so its pages show no
banner, and since nothing says when Zensical has written a page, Pagefind does not index them:
the preview has no search. When ``mkdocs.yml`` changes, Zensical is started again with its
configuration rewritten.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import click
import yaml

from ..errors import BuildFailed, IranruError
from ..load.project import Project
from ..load.stamps import Stamps, file_stamps
from ..site.live_tree import LiveTree
from .live_update import problem_lines, summary, update_tree
from .zensical import CONFIG_NAME, INSTALL_HINT, zensical_available, zensical_config

WORK = Path(".build") / "zensical"
#: what an edit touches: the project's own folders and its configuration
WATCHED = ("data", "sources", "templates", "docs", "mkdocs.yml")
POLL_SECONDS = 0.5


def _stamps(root: Path) -> Stamps:
    """Every file (and link) under the watched paths, with its modification time and size."""
    paths: list[Path] = []
    for name in WATCHED:
        top = root / name
        paths += [top] if not top.is_dir() or top.is_symlink() else []
        for folder, _folders, files in os.walk(top):
            paths.extend(Path(folder) / file for file in files)
    return file_stamps(paths, follow_links=False)


def _start(project: Project, dev_addr: str) -> subprocess.Popen[bytes]:
    work = project.root / WORK
    config = zensical_config(project, work, work / "docs", work / "site")
    config_path = work / CONFIG_NAME
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True,
                                          width=1000), encoding="utf-8")
    return subprocess.Popen([sys.executable, "-m", "zensical", "serve", "-f", str(config_path),
                             "-a", dev_addr], cwd=work, stdin=subprocess.DEVNULL)


@contextlib.contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM ends the loop as Ctrl-C does, so that Zensical is stopped with it."""
    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def zensical_serve(project: Project, dev_addr: str) -> int:
    """Serve the project with Zensical until interrupted; return Zensical's exit status if it
    stops by itself."""
    if not zensical_available():
        raise BuildFailed(INSTALL_HINT)
    live = LiveTree(project, project.root / WORK / "docs")
    update, seconds = update_tree(live)  # with problems now, there is no site to serve yet
    click.echo(summary(update, seconds), err=True)
    config = project.root / "mkdocs.yml"
    seen = _stamps(project.root)
    with _stopped_by_sigterm():
        server = _start(project, dev_addr)
        try:
            while server.poll() is None:
                time.sleep(POLL_SECONDS)
                now = _stamps(project.root)
                if now == seen:
                    continue
                time.sleep(0.1)  # an editor may write a file in several steps
                now = _stamps(project.root)
                restart = now.get(config.as_posix()) != seen.get(config.as_posix())
                seen = now
                try:
                    update, seconds = update_tree(live)
                except IranruError as exc:
                    click.echo("\n".join(problem_lines(exc)), err=True)
                    click.echo("The site is served as it last built, until these problems are "
                               "fixed.", err=True)
                    continue
                click.echo(summary(update, seconds), err=True)
                if restart:
                    _stop(server)
                    server = _start(project, dev_addr)
        except KeyboardInterrupt:
            return 0
        finally:
            _stop(server)
    return server.returncode
