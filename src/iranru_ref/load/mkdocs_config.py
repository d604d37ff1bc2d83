"""Reading the project's ``mkdocs.yml``: the one reader for every part that needs its settings.

MkDocs' own tags (``!ENV``, ``!!python/name:``) are read as ``Tagged`` values, which each reader
treats as it must: the linked data ignores them, and Zensical, which cannot take them, says where
they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True, slots=True)
class Tagged:
    """A value written with a tag that only MkDocs understands."""

    tag: str
    line: int


class ConfigUnreadable(Exception):
    """``mkdocs.yml`` is missing, unreadable, not YAML, or not a mapping; the message says which."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    return Tagged(node.tag, node.start_mark.line + 1)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def read_mkdocs_config(root: Path) -> dict[str, Any]:
    """The settings of ``root``'s ``mkdocs.yml``."""
    path = root / CONFIG_FILE
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except OSError as exc:
        raise ConfigUnreadable(f"cannot read {path}: {exc.strerror or exc}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigUnreadable(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(config, dict):
        raise ConfigUnreadable(f"{path} must be a mapping of settings")
    return config


def tagged_values(value: Any) -> list[Tagged]:
    """Every ``Tagged`` value inside ``value``, in the order written."""
    if isinstance(value, Tagged):
        return [value]
    if isinstance(value, dict):
        return [found for item in value.values() for found in tagged_values(item)]
    if isinstance(value, list):
        return [found for item in value for found in tagged_values(item)]
    return []
