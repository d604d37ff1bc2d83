"""A project as it was at a git revision, read from the repository without touching the checkout.

``git archive`` writes the project's curated files at the revision (``data/``, ``sources/``,
``mkdocs.yml`` and ``releases.yml``) into a temporary folder, which is loaded like any project
and removed afterwards. Only read-only git commands run: the working tree, the index and the refs
stay as they were. The project may be a folder inside a larger repository.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import IranruError
from .project import Project

#: what a project at a revision needs to be loaded
PROJECT_PATHS = ("data", "sources", "mkdocs.yml", "releases.yml")


class NotARepository(IranruError):
    """The project is not in a git checkout, or git cannot be run on it. ``reason`` says so
    without naming the folder, for a page to show."""

    def __init__(self, project_root: Path, reason: str, detail: str = "") -> None:
        super().__init__(f"{project_root}: {reason}{f' ({detail})' if detail else ''}")
        self.reason = reason


class UnknownRevision(IranruError):
    """No commit has that name in the repository, or the project is not in it there."""


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)


def _first_line(output: bytes) -> str:
    lines = output.decode("utf-8", "replace").strip().splitlines()
    return lines[0].removeprefix("fatal: ") if lines else "git failed"


@dataclass(frozen=True, slots=True)
class Repository:
    """The git repository that holds a project: its top folder and the project's folder in it
    (``""`` when the project is the whole repository, else ending in ``/``)."""

    top: Path
    prefix: str

    @classmethod
    def of(cls, project_root: Path) -> Repository:
        """The repository of ``project_root``; ``NotARepository`` says why there is none."""
        if shutil.which("git") is None:
            raise NotARepository(project_root, "git is not installed")
        found = _git(project_root, "rev-parse", "--show-toplevel", "--show-prefix")
        if found.returncode != 0:
            raise NotARepository(project_root, "this copy of the project is not a git checkout",
                                 _first_line(found.stderr))
        lines = found.stdout.decode("utf-8", "surrogateescape").split("\n")
        return cls(Path(lines[0]), lines[1] if len(lines) > 1 else "")

    def commit(self, revision: str) -> str:
        """The full id of the commit that ``revision`` (a tag, branch, ``HEAD~2``, an id) names."""
        if not revision or revision.startswith("-"):
            raise UnknownRevision(f"{revision}: not a git revision")
        found = _git(self.top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        if found.returncode != 0:
            raise UnknownRevision(
                f"{revision}: no such revision in the git repository {self.top} "
                "(git tag lists the tags; a shallow clone may lack them: git fetch --tags)")
        return found.stdout.decode("ascii").strip()

    def tag_commit(self, tag: str) -> str | None:
        """The commit of the tag ``tag``, or ``None`` when the repository has no such tag."""
        found = _git(self.top, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}^{{commit}}")
        return found.stdout.decode("ascii").strip() if found.returncode == 0 else None

    def _present(self, commit: str) -> list[str]:
        """The paths of ``PROJECT_PATHS`` that exist at ``commit``."""
        wanted = [self.prefix + name for name in PROJECT_PATHS]
        listed = _git(self.top, "ls-tree", "-z", "--name-only", commit, "--", *wanted)
        if listed.returncode != 0:
            raise UnknownRevision(f"{commit}: git cannot list it ({_first_line(listed.stderr)})")
        return [name for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0")
                if name]

    @contextmanager
    def project_at(self, commit: str, name: str | None = None) -> Iterator[Project]:
        """The project's files at ``commit`` in a temporary folder, removed on leaving.
        ``name`` is how messages name the revision (default: the commit)."""
        name = name or commit
        present = self._present(commit)
        if not {self.prefix + "data", self.prefix + "sources"} <= set(present):
            raise UnknownRevision(
                f"{name}: the project is not in the repository at that revision "
                f"(no {self.prefix}data/ and {self.prefix}sources/ there)")
        with tempfile.TemporaryDirectory(prefix="iranru-revision-") as folder:
            work = Path(folder)
            archive = work / "revision.tar"
            with archive.open("wb") as file:
                made = subprocess.run(["git", "-C", str(self.top), "archive", "--format=tar",
                                       commit, "--", *present],
                                      stdout=file, stderr=subprocess.PIPE, check=False)
            if made.returncode != 0:
                raise UnknownRevision(f"{name}: git archive failed ({_first_line(made.stderr)})")
            tree = work / "tree"
            with tarfile.open(archive) as tar:
                # the "data" filter refuses links out of the folder, absolute paths and devices
                tar.extractall(tree, filter="data")
            archive.unlink()
            yield Project.find(tree / self.prefix)
