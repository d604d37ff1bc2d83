"""Writing the generated Markdown tree: only files whose content changed, stale files removed.

Writing only what changed is what lets ``mkdocs serve --dirty`` (and Zensical) rebuild only the
pages an edit changed: they rebuild a page whose Markdown file is newer than its HTML.

A writer can also hold what changed back until ``commit``, so that a regeneration that fails
half-way (a template error) leaves the tree exactly as the last one that succeeded wrote it, and
it files what it writes under the page family being written (``family``), so that a later
regeneration of some families knows which files the others own.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import BuildFailed, Problem, ValidationFailed, display_path
from ..load.docs import DOCS_ADVICE, docs_files
from ..load.files import MAX_DOCS_BYTES, ProjectFiles

MARKER = ".iranru-generated"


class TreeWriter:
    """Writes the tree under ``root``; ``project_root`` is what error messages name files by."""

    def __init__(self, root: Path, project_root: Path | None = None,
                 deferred: bool = False) -> None:
        self.root = root
        self.project_root = project_root
        self.written: set[str] = set()
        #: the hand-written file each copied page came from
        self.copied: dict[str, Path] = {}
        #: what this writer wrote whose content differs from the file's, in order
        self.changed: list[str] = []
        #: the page family (see ``family``) of each file written, and every family rendered
        self.families: dict[str, str] = {}
        self.entered: set[str] = set()
        self._family = ""
        #: with ``deferred``, the content of each changed file, until ``commit``
        self.deferred = deferred
        self._pending: dict[Path, bytes] = {}
        # Into an empty folder (as in every `iranru-ref build`) nothing can be unchanged.
        self.fresh = not deferred and (not root.is_dir() or not any(root.iterdir()))
        self.folders: set[Path] = set()

    @contextlib.contextmanager
    def family(self, name: str) -> Iterator[None]:
        """File what is written in the block under the page family ``name``."""
        self.entered.add(name)
        outer, self._family = self._family, name
        try:
            yield
        finally:
            self._family = outer

    def _claim(self, relative: str) -> Path:
        """The path of ``relative``, which no other file of this generation has taken."""
        if relative in self.written:
            source = self.copied.get(relative)
            if source is not None:
                raise BuildFailed(
                    f"{display_path(source, self.project_root)}:1: iranru-ref generates "
                    f"{relative} itself; rename this file (or move it to another folder)")
            raise ValueError(f"two pages would be written to {relative}")
        self.written.add(relative)
        self.families[relative] = self._family
        return self.root / relative

    def _folder(self, path: Path) -> None:
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)

    def write_bytes(self, relative: str, data: bytes) -> None:
        self._write(self._claim(relative), data)

    def _write(self, path: Path, data: bytes) -> None:
        if not self.fresh:
            try:
                if path.read_bytes() == data:
                    return
            except OSError:
                pass
        self.changed.append(path.relative_to(self.root).as_posix())
        if self.deferred:
            self._pending[path] = data
            return
        self._folder(path)
        path.write_bytes(data)

    def commit(self) -> None:
        """Write what was held back (with ``deferred``)."""
        for path, data in self._pending.items():
            self._folder(path)
            path.write_bytes(data)
        self._pending.clear()

    def remove(self, relatives: Iterable[str]) -> None:
        """Remove these files of an earlier generation, and the folders they leave empty."""
        for relative in relatives:
            path = self.root / relative
            path.unlink(missing_ok=True)
            for folder in path.parents:
                if folder == self.root or not folder.is_relative_to(self.root):
                    break
                try:
                    folder.rmdir()
                except OSError:  # not empty, or gone
                    break

    @contextlib.contextmanager
    def open(self, relative: str) -> Iterator[BinaryIO]:
        """A file to write the content of ``relative`` into, a part at a time.

        Into a tree that is not fresh, the content is gathered and compared first, so that an
        unchanged file is left alone: ``mkdocs serve`` rebuilds on any file written there, even
        one written aside and removed again."""
        path = self._claim(relative)
        if not self.fresh:
            buffer = io.BytesIO()
            yield buffer
            self._write(path, buffer.getvalue())
            return
        self._folder(path)
        try:
            with path.open("wb") as file:
                yield file
        except BaseException:
            path.unlink(missing_ok=True)
            raise

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def copy_tree(self, source: Path, prefix: str = "") -> None:
        """Copy the files of ``source`` (but what is hidden) under ``prefix``. A folder of the
        project, such as ``docs/``, may hold only plain files that resolve inside the project,
        of at most ``MAX_DOCS_BYTES`` each; otherwise nothing is copied."""
        root = self.project_root
        # as the project names it: a docs/ that is a link to a folder elsewhere is the project's
        inside = root is not None and source.absolute().is_relative_to(root.absolute())
        files = ProjectFiles(root if inside else None)
        problems: list[Problem] = []
        copies: list[tuple[str, bytes, Path]] = []
        for path in docs_files(source):
            data = files.read(path, display_path(path, root), MAX_DOCS_BYTES, problems,
                              DOCS_ADVICE)
            if data is not None:
                copies.append(((Path(prefix) / path.relative_to(source)).as_posix(), data, path))
        if problems:
            raise ValidationFailed(problems)
        for relative, data, path in copies:
            self.write_bytes(relative, data)
            self.copied[relative] = path

    def mark(self) -> None:
        """Write the marker that says the tree was generated whole."""
        self.write_text(MARKER, "generated by iranru-ref; do not edit, do not commit\n")

    def finish(self) -> None:
        """Write the marker and what was held back, then remove files left over from an earlier
        generation, and empty folders."""
        self.mark()
        self.commit()
        for dirpath, _dirnames, filenames in os.walk(self.root, topdown=False):
            for name in filenames:
                path = Path(dirpath) / name
                if path.relative_to(self.root).as_posix() not in self.written:
                    path.unlink()
            if Path(dirpath) != self.root and not os.listdir(dirpath):
                os.rmdir(dirpath)
