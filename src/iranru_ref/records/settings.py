"""The project's settings: how strict its checks are."""

from __future__ import annotations

from .model import Model


class Settings(Model):
    #: a body paragraph that no claim cites is an error, not only a gap in the coverage report
    require_full_coverage: bool = False
