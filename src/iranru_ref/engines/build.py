"""``iranru-ref build``: check, generate, build with the chosen engine, index the HTML for
search, then swap the site in.

Everything is written into a workspace beside the target (``workspace.py``); the finished site
replaces the previous one only when every step succeeded.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..errors import BuildFailed, IranruError
from ..load.project import Project
from ..progress import SILENT, Progress
from ..site.generate import generate_tree
from .memory import paused_gc
from .mkdocs_engine import mkdocs_build
from .search_index import index_site
from .workspace import check_site_dir, mark_site, swap_in, workspace


@dataclass(frozen=True, slots=True)
class BuildResult:
    site_dir: Path
    pages: int


def build_site(project: Project, site_dir: Path | None = None, engine: str = "mkdocs",
               progress: Progress = SILENT) -> BuildResult:
    target = (site_dir or project.root / "site").resolve()
    check_site_dir(project.root, target)
    try:
        with workspace(target) as work:
            docs = work / "docs"
            built = work / "site"
            try:
                with paused_gc():  # the engine runs with it on: it makes garbage with cycles
                    pages = generate_tree(project, docs, progress)
            except jinja2.TemplateError as exc:
                raise template_failure(exc, project) from None
            if engine == "zensical":
                from .zensical import zensical_build

                with progress.stage("engine"):
                    zensical_build(project, docs, built)
            else:
                mkdocs_build(project, docs, built, pages, progress)
            with progress.stage("search"):
                index_site(built)
            mark_site(built)
            swap_in(built, target)
    except IranruError:
        raise
    except OSError as exc:
        raise BuildFailed(f"cannot write the site: {exc}; the previous site was left as it "
                          "was") from None
    return BuildResult(target, pages)


def template_failure(exc: jinja2.TemplateError, project: Project) -> BuildFailed:
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
