"""The project's own settings, under ``extra: iranru:`` in ``mkdocs.yml``.

    extra:
      iranru:
        require_full_coverage: true   # a body paragraph that no claim cites is an error
"""

from __future__ import annotations

from pydantic import ValidationError

from ..errors import Problem
from ..records.settings import Settings
from .messages import field_path
from .mkdocs_config import CONFIG_FILE, ConfigUnreadable, read_mkdocs_config
from .project import Project


def load_settings(project: Project, problems: list[Problem]) -> Settings:
    try:
        config = read_mkdocs_config(project.root)
    except ConfigUnreadable:
        return Settings()  # the site build reports what is wrong with the file
    extra = config.get("extra")
    written = extra.get("iranru", {}) if isinstance(extra, dict) else {}
    try:
        return Settings.model_validate(written)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where = field_path(("extra", "iranru", *error["loc"]))
            problems.append(Problem(CONFIG_FILE, 1, f"{where}: {error['msg']}"))
        return Settings()
