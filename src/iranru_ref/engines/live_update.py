"""Bringing a serving process's tree up to date (``site/live_tree.py``), every failure a message.

A server must outlive whatever an edit does, so every failure becomes an ``IranruError``: the
project's problems as they are, a folder it cannot write to, a template error as
``templates/NAME:LINE: message``, and anything no check foresaw on one line, with its traceback
kept in ``.build/serve-error.log`` for a bug report.
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path

import jinja2

from ..errors import BuildFailed, IranruError
from ..site.live_tree import LiveTree, Update
from .build import template_failure
from .memory import paused_gc

#: where a serving process writes the traceback of a failure it did not expect
SERVE_ERROR_LOG = Path(".build") / "serve-error.log"


def cannot_write(out_dir: Path, exc: OSError) -> BuildFailed:
    return BuildFailed(f"cannot generate the site's Markdown into {out_dir}: {exc}; make that "
                       "folder writable (move a file in its way, or free disk space) and build "
                       "again")


def unexpected(root: Path, what: str, exc: BaseException) -> str:
    """One line for a failure no check foresaw; its traceback goes to ``SERVE_ERROR_LOG``."""
    log = root / SERVE_ERROR_LOG
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        pass
    return (f"{what}: {type(exc).__name__}: {exc} (a fault of iranru-ref, not of the data: the "
            f"traceback is in {SERVE_ERROR_LOG.as_posix()})")


def update_tree(live: LiveTree) -> tuple[Update, float]:
    """``live.update()`` and the seconds it took; any failure is an ``IranruError``, and leaves
    the tree as it was."""
    started = time.perf_counter()
    try:
        with paused_gc():
            update = live.update()
    except OSError as exc:
        raise cannot_write(live.out_dir, exc) from None
    except jinja2.TemplateError as exc:
        raise template_failure(exc, live.project) from None
    except IranruError:
        raise
    except Exception as exc:  # the server goes on; the fault is reported, not hidden
        raise BuildFailed(unexpected(live.project.root, "the site could not be generated",
                                     exc)) from None
    return update, time.perf_counter() - started


def summary(update: Update, seconds: float) -> str:
    pages = sum(1 for name in update.changed if name.endswith(".md"))
    return (f"Regenerated {'every page' if update.whole else 'what the edit changed'}: "
            f"{pages} pages written, {len(update.removed)} files removed, in {seconds:.2f} "
            "seconds")


def problem_lines(error: IranruError) -> list[str]:
    return [line for line in error.message.splitlines() if line.strip()]
