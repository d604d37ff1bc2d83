"""The ``iranru-ref`` command: a thin layer over the library functions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .project import Project

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The project folder (default: the current folder).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="iranru-ref")
def cli() -> None:
    """Build and check the iranru-ref reference site on Russia–Iran relations."""


@cli.command()
@ROOT_OPTION
def check(root: Path | None) -> None:
    """Validate sources and records; print every problem as file:line: message. Writes nothing."""
    from .coverage import coverage, summary_lines
    from .project import load

    project = Project.find(root)
    database, _ = load(project)
    claims = sum(1 for _ in database.claims())
    click.echo(
        f"ok: {len(database.sources)} sources, {len(database.entities)} entities, {claims} claims"
    )
    for line in summary_lines(coverage(database)):
        click.echo(f"coverage: {line}")


@cli.command()
@ROOT_OPTION
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ in the project).")
@click.option("--engine", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs",
              show_default=True, help="The static site engine that turns the Markdown into HTML.")
def build(root: Path | None, site_dir: Path | None, engine: str) -> None:
    """Check, generate the Markdown, build the site and write the data downloads.

    The site is built in a temporary folder and swapped in only when everything succeeded, so a
    failed build leaves the previous site untouched.
    """
    from .build import build_site

    project = Project.find(root)
    result = build_site(project, site_dir=site_dir, engine=engine)
    click.echo(f"built {result.pages} pages into {result.site_dir}")


@cli.command()
@ROOT_OPTION
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Address to serve on.")
def serve(root: Path | None, dev_addr: str) -> None:
    """Serve the site with live reload; edits to data/, sources/, templates/ and docs/ rebuild it."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    project = Project.find(root)
    mkdocs_serve(str(project.root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)


@cli.command("add-source")
@ROOT_OPTION
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "source_id", required=True, help="The new source's id, e.g. dedov-tass-2026.")
def add_source_command(root: Path | None, file: Path, source_id: str) -> None:
    """Store FILE verbatim as a new source, record its hash and list its numbered paragraphs."""
    from .add_source import add_source

    project = Project.find(root)
    meta, paragraphs = add_source(project, file, source_id)
    click.echo(f"stored sources/{source_id}.txt; edit {project.display(meta)} next")
    for n, paragraph in enumerate(paragraphs, 1):
        flat = " ".join(paragraph.split())
        click.echo(f"  ¶{n}: {flat[:100]}{'…' if len(flat) > 100 else ''}")


def main() -> None:
    try:
        cli.main(prog_name="iranru-ref", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("interrupted; nothing was changed", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
