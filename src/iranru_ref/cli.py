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
@click.option("--title", default=None,
              help="The title that came with the article (recorded as supplied, unless the text "
                   "has it).")
@click.option("--publisher", default=None, metavar="ID",
              help="The id of the publishing organisation that came with the article.")
@click.option("--date", default=None, metavar="YYYY[-MM[-DD]]",
              help="The publication date that came with the article.")
@click.option("--url", default=None,
              help="The article's address, as it came with the article; never a guess.")
@click.option("--supplied-by", default=None, metavar="WHO",
              help="Who supplied the metadata given with the options (a person, an "
                   "organisation, a feed).")
def add_source_command(root: Path | None, file: Path, source_id: str, title: str | None,
                       publisher: str | None, date: str | None, url: str | None,
                       supplied_by: str | None) -> None:
    """Store FILE verbatim as a new source, record its hash, list its numbered paragraphs with
    the kinds they look like, and write a metadata stub; what came with the article but is not
    in its text (--title, --publisher, --date, --url) is recorded as supplied, by --supplied-by."""
    from .authoring.add_source import Supplied, add_source, terminal_text

    project = Project.find(root)
    added = add_source(project, file, source_id,
                       Supplied(title, publisher, date, url, supplied_by))
    meta = terminal_text(project.display(added.meta))
    click.echo(f"stored sources/{source_id}.txt; edit {meta} next")
    kinds = {proposal.n: proposal.kind for proposal in added.proposals}
    for n, paragraph in enumerate(added.paragraphs, 1):
        flat = " ".join(terminal_text(paragraph).split())
        kind = f" ({kinds[n]}?)" if n in kinds else ""
        click.echo(f"  ¶{n}{kind}: {flat[:100]}{'…' if len(flat) > 100 else ''}")
    if added.proposals:
        click.echo("proposed paragraph kinds, written to the stub: "
                   + ", ".join(f"¶{p.n} {p.kind}" for p in added.proposals)
                   + "; check each against the article")
    for dateline in added.datelines:
        click.echo(f"¶{dateline.n} has the dateline "
                   f"“{terminal_text(dateline.words)}”: the text's own words for its date")
    if added.in_text:
        click.echo(f"stated in the text too, so not recorded as supplied: "
                   f"{', '.join(added.in_text)}")
    if added.supplied:
        who = (f"by {terminal_text(supplied_by)}" if supplied_by
               else "; say by whom under supplied.by (or pass --supplied-by)")
        click.echo(f"recorded as supplied with the article, not from its text: "
                   f"{', '.join(added.supplied)} {who}".replace(" ;", ";"))


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
    click.echo(f"wrote {project.display(path)}; replace each FILL-IN (or write 'claims: []' if "
               "only another record's claims cite it), then run iranru-ref check")


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


@cli.command()
@ROOT_OPTION
@click.argument("old")
@click.argument("new", required=False)
@click.option("--git", "git", is_flag=True,
              help="Read OLD and NEW as git revisions, even where a file has that name.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for a reader; json for programs (see "
              "docs/database-format.md).")
def diff(root: Path | None, old: str, new: str | None, git: bool, output_format: str) -> None:
    """List what changed from OLD to NEW: entities, claims, sources and vocabulary added,
    removed and changed (with the fields), and citations added, removed or moved.

    OLD and NEW are database.json files or git revisions of the project (a tag such as v1.0.0,
    HEAD, a commit), read from the repository without touching the checkout. Without NEW, OLD
    is compared with the project on disk. Exits 0 whether or not anything changed."""
    import json

    from .authoring.add_source import terminal_text
    from .exports.changes_text import change_lines
    from .exports.diff_inputs import comparison, read_side

    before = read_side(old, root, git)
    after = read_side(new, root, git)
    document = comparison(before, after)
    if output_format == "json":
        click.echo(json.dumps(document, ensure_ascii=False, indent=1))
        return
    click.echo(terminal_text(f"comparing {before.label} with {after.label}"))
    for line in change_lines(document):
        click.echo(terminal_text(line))


def main() -> None:
    """The ``iranru-ref`` command."""
    try:
        cli.main(prog_name="iranru-ref")
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("interrupted; nothing was changed", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
