"""Reading curated files with care: plain files inside the project, and never too much of one.

A record, a vocabulary file, a source's text or metadata, or a hand-written page of ``docs/``
is read only when

* it is a regular file: a FIFO would hang the build, and a link to ``/dev/zero`` would read
  until memory runs out;
* it resolves inside the project: a link to ``/etc/passwd`` would otherwise be published;
* it is no bigger than its limit, which is checked before reading (a sparse file of gigabytes
  costs nothing on disk), and again while reading, in case the file grows.

Each refusal is a ``Problem`` on line 1 of the file, as the project names it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import Problem

#: a record, a vocabulary file or a source's metadata; the largest curated record is about
#: 12 KB, and a page built from a much bigger one takes the engine minutes (see docs/methodology.md)
MAX_RECORD_BYTES = 256 * 1024
#: a source's verbatim text; a news article is 5 to 50 KB
MAX_SOURCE_BYTES = 1024 * 1024
#: paragraphs of one source text: each is a block of its page, and a page of 60,000 took the
#: engine half a minute; a long report has a few hundred
MAX_PARAGRAPHS = 5_000
#: a hand-written page (or picture) of ``docs/``, copied into the site
MAX_DOCS_BYTES = 4 * 1024 * 1024

OUTSIDE = "is a link to a file outside the project"
_LOOP = "is a link that leads back to itself; remove it"

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


class ProjectFiles:
    """Reads the files of the project at ``root``; with ``root`` None, files anywhere (the
    type and size are still checked)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root.resolve() if root is not None else None
        #: whether each folder, as the files name it, resolves inside the project
        self._folders: dict[str, bool] = {}

    def _inside(self, path: Path) -> bool:
        root = self.root
        return root is None or path == root or path.is_relative_to(root)

    def _folder_inside(self, folder: Path) -> bool:
        key = str(folder)
        inside = self._folders.get(key)
        if inside is None:
            inside = self._folders[key] = self._inside(Path(os.path.realpath(folder)))
        return inside

    def locate(self, path: Path) -> tuple[Path, str | None]:
        """The file ``path`` stands for (a link's target), and why it may not be read, if so."""
        try:
            mode = os.lstat(path).st_mode
        except OSError as exc:
            return path, f"cannot read the file: {exc.strerror or exc}"
        if stat.S_ISLNK(mode):
            try:
                real = path.resolve(strict=True)
            except FileNotFoundError:
                return path, (f"is a link to a file that does not exist ({os.readlink(path)}); "
                              "put the file itself here, or remove the link")
            except RuntimeError:  # a loop of links, before Python 3.13
                return path, _LOOP
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return path, _LOOP
                return path, f"cannot read the file: {exc.strerror or exc}"
            if not self._inside(real):
                return real, (f"{OUTSIDE} ({real}); the build publishes what it reads, so put "
                              "a copy of the file itself here instead of a link")
            return real, None
        if self.root is not None and not self._folder_inside(path.parent):
            return path, (f"{OUTSIDE} (its folder is a link to {os.path.realpath(path.parent)}); "
                          "the build publishes what it reads, so keep the files themselves in "
                          "the project")
        return path, None

    def check(self, path: Path, limit: int, advice: str) -> str | None:
        """Why ``path`` may not be read, or None; nothing is read."""
        real, problem = self.locate(path)
        if problem is not None:
            return problem
        try:
            info = os.stat(real)
        except OSError as exc:
            return f"cannot read the file: {exc.strerror or exc}"
        return _refusal(info, limit, advice)

    def read(self, path: Path, display: str, limit: int, problems: list[Problem],
             advice: str) -> bytes | None:
        """The bytes of ``path``; on a problem, it is added to ``problems`` and None returned."""
        real, problem = self.locate(path)
        if problem is None:
            try:
                fd = os.open(real, _OPEN_FLAGS)
            except OSError as exc:
                problem = f"cannot read the file: {exc.strerror or exc}"
            else:
                try:
                    problem = _refusal(os.fstat(fd), limit, advice)
                    if problem is None:
                        with os.fdopen(fd, "rb", closefd=False) as file:
                            data = file.read(limit + 1)
                        if len(data) <= limit:
                            return data
                        problem = _too_big(f"more than {limit:,}", limit, advice)
                except OSError as exc:
                    problem = f"cannot read the file: {exc.strerror or exc}"
                finally:
                    os.close(fd)
        problems.append(Problem(display, 1, problem))
        return None


def _refusal(info: os.stat_result, limit: int, advice: str) -> str | None:
    if not stat.S_ISREG(info.st_mode):
        return (f"is {_kind(info.st_mode)}, not a plain file; only plain files are read, so "
                "replace it with the file itself")
    if info.st_size > limit:
        return _too_big(f"{info.st_size:,}", limit, advice)
    return None


def _too_big(size: str, limit: int, advice: str) -> str:
    return f"the file is {size} bytes; the limit is {limit:,}. {advice}"
