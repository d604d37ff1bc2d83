"""The ``iranru-ref`` command: a thin layer over the library functions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .engines import ENGINES
from .load.project import Project
from .records.vocabulary import ENTITY_TYPES

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
    from .check import check_project
    from .check.coverage import coverage, summary_lines
    from .cli_progress import terminal_progress
    from .engines.memory import paused_gc
    from .errors import ValidationFailed

    project = Project.find(root)
    with paused_gc():
        database, problems = check_project(project, terminal_progress())
        if problems:
            ValidationFailed(problems).show()
        else:
            claims = sum(1 for _ in database.claims())
            click.echo(f"ok: {len(database.sources)} sources, {len(database.entities)} entities, "
                       f"{claims} claims")
        for line in summary_lines(coverage(database)):  # of what loaded, problems or not
            click.echo(f"coverage: {line}", err=bool(problems))
        for warning in database.warnings:
            click.echo(f"{warning.path}:{warning.line}: warning: {warning.message}", err=True)
    if problems:
        raise click.exceptions.Exit(1)


@cli.command()
@ROOT_OPTION
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ in the project).")
@click.option("--engine", type=click.Choice(ENGINES), default="mkdocs",
              show_default=True, help="The static site engine that turns the Markdown into HTML.")
def build(root: Path | None, site_dir: Path | None, engine: str) -> None:
    """Check, generate the Markdown, build the site and write the data downloads.

    The site is built in a temporary folder and swapped in only when everything succeeded, so a
    failed build leaves the previous site untouched.
    """
    from .cli_progress import terminal_progress
    from .engines.build import build_site

    result = build_site(Project.find(root), site_dir=site_dir, engine=engine,
                        progress=terminal_progress())
    click.echo(f"built {result.pages} pages into {result.site_dir}")


@cli.command()
@ROOT_OPTION
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Address to serve on.")
@click.option("--engine", type=click.Choice(ENGINES), default="mkdocs",
              show_default=True, help="The static site engine that serves the site.")
def serve(root: Path | None, dev_addr: str, engine: str) -> None:
    """Serve the site with live reload; edits to data/, sources/, templates/ and docs/ rebuild
    only the pages they change."""
    project = Project.find(root)
    if engine == "zensical":
        from .engines.zensical_serve import zensical_serve

        sys.exit(zensical_serve(project, dev_addr))
    # dirty: only the pages an edit changed are rebuilt; not strict: a warning does not stop it
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
               "--config-file", str(project.root / "mkdocs.yml"), "--dev-addr", dev_addr]
    os.chdir(project.root)
    os.execv(sys.executable, command)  # the server is this process: a signal stops it


@cli.command()
@ROOT_OPTION
@click.argument("text")
def find(root: Path | None, text: str) -> None:
    """List the records whose id, name or aliases match TEXT (ignoring case, accents and
    punctuation, and near spellings), with their type and file: link to one of them rather
    than creating a duplicate."""
    from .authoring.find import find_records

    project = Project.find(root)
    matches = find_records(project, text)
    if not matches:
        click.echo(f"no record matches {text!r}; `iranru-ref new` creates one")
        return
    for match in matches:
        record = match.record
        shown = "" if match.matched in (record.name, record.id) else f" (as {match.matched!r})"
        click.echo(f"{record.id}\t{record.type}\t{record.name}{shown}\t"
                   f"{record.document.display}")


@cli.command("add-source")
@ROOT_OPTION
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "source_id", required=True, help="The new source's id, e.g. dedov-tass-2026.")
def add_source_command(root: Path | None, file: Path, source_id: str) -> None:
    """Store FILE verbatim as a new source, record its hash and list its numbered paragraphs."""
    from .authoring.add_source import add_source, terminal_text

    project = Project.find(root)
    meta, paragraphs = add_source(project, file, source_id)
    click.echo(f"stored sources/{source_id}.txt; edit {terminal_text(project.display(meta))} next")
    for n, paragraph in enumerate(paragraphs, 1):
        flat = " ".join(terminal_text(paragraph).split())
        click.echo(f"  ¶{n}: {flat[:100]}{'…' if len(flat) > 100 else ''}")


@cli.command()
@ROOT_OPTION
@click.argument("entity_type", metavar="TYPE", type=click.Choice(ENTITY_TYPES))
@click.argument("entity_id", metavar="ID")
@click.option("--tag", "tags", multiple=True, metavar="TAG",
              help="A tag from data/vocabulary/tags.yml; repeat for more. At least one.")
@click.option("--name", default=None, help="The display name (default: made from ID).")
def new(root: Path | None, entity_type: str, entity_id: str, tags: tuple[str, ...],
        name: str | None) -> None:
    """Write a new record data/<folder>/ID.yml of type TYPE, ready to fill in; never overwrites."""
    from .authoring.new_record import new_record

    project = Project.find(root)
    path = new_record(project, entity_type, entity_id, list(tags), name)
    click.echo(f"wrote {project.display(path)}; add a claim (or cite it from another record), "
               "then run iranru-ref check")


@cli.command()
@ROOT_OPTION
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; fail if a schema is missing or out of date.")
def schemas(root: Path | None, check_only: bool) -> None:
    """Write the JSON Schemas of the record files to schemas/, for editors."""
    from .errors import IranruError
    from .records.schema_files import stale_schemas, write_schemas

    project = Project.find(root)
    if check_only:
        stale = stale_schemas(project.root)
        if stale:
            raise IranruError("".join(f"{name}:1: out of date; run iranru-ref schemas\n"
                                      for name in stale).rstrip("\n"))
        click.echo("schemas are up to date")
        return
    changed = write_schemas(project.root)
    for name in changed:
        click.echo(f"wrote {name}")
    if not changed:
        click.echo("schemas are up to date")


def main() -> None:
    """The ``iranru-ref`` command."""
    try:
        cli.main(prog_name="iranru-ref")
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("interrupted; nothing was changed", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
