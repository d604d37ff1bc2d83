"""Loading ``releases.yml``: the releases of the data, for the downloads' version and date.

The file is optional: without it no version is claimed. With it, the newest release's version
and date are the dataset's ``version`` and ``dateModified``, and the oldest release's date its
``datePublished``. Only the file decides them, never the clock, so builds stay reproducible.
"""

from __future__ import annotations

from ..errors import Problem
from ..records.release import Releases
from .messages import validate
from .project import Project
from .yaml_file import load_yaml

FILE_NAME = "releases.yml"


def load_releases(project: Project, problems: list[Problem]) -> Releases | None:
    """The project's releases, or ``None`` when it has no ``releases.yml`` or it has problems."""
    path = project.root / FILE_NAME
    if not path.exists():
        return None
    document = load_yaml(path, project.display(path), problems)
    return validate(Releases, document, problems) if document is not None else None
