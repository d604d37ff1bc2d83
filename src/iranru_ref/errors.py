"""Problems found in curated input, and the exceptions that carry them to the user.

Every exception here derives from ``click.ClickException`` so that the command line prints
its message and exits with status 1 instead of showing a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One mistake in one file, reported as ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as a curator would type it: relative to the project root when possible."""
    if root is not None:
        if path.is_absolute() and ".." not in path.parts:  # as the loader lists them: no disk
            try:
                return path.relative_to(root).as_posix()
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


class IranruError(click.ClickException):
    """Base class for every error that the user should see as a message, not a traceback."""

    exit_code = 1


class ValidationFailed(IranruError):
    """The records, sources or vocabulary contain mistakes; ``problems`` lists all of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} found; nothing was written.")
        super().__init__("\n".join(lines))

    def show(self, file: IO[Any] | None = None) -> None:
        """Print one ``path:line: message`` per line, with no "Error:" prefix to trip up editors."""
        click.echo(self.message, err=True, file=file)


class BuildFailed(IranruError):
    """The site could not be built; the previous ``site/`` is left as it was."""


class ProjectNotFound(IranruError):
    """The folder given as the project root does not look like an iranru-ref project."""
