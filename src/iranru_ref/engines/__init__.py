"""Turning the generated tree into HTML: the build's workspace, MkDocs (in process and as a hook)
and Zensical."""

#: the static site engines that ``iranru-ref build --engine`` accepts
ENGINES = ("mkdocs", "zensical")
