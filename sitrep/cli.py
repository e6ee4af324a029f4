"""The `sitrep` command line: thin commands over library functions.

Errors the user can fix (bad input, missing files) print one line to stderr and never a
traceback; a bad input in a batch is reported and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from sitrep.errors import InputError, SitrepError
from sitrep.extract import extract_document
from sitrep.lang import available_languages
from sitrep.read import read_inputs
from sitrep.records import Event


def _check_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and value not in available_languages():
        raise click.BadParameter(f"no language pack {value!r} (have: {', '.join(available_languages())})")
    return value


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@click.group()
@click.version_option(package_name="sitrep")
def main() -> None:
    """sitrep: political-violence events from news, offline."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_parse_date, help="Publication date YYYY-MM-DD (a JSONL `published` field wins).")
@click.option("--lang", callback=_check_lang, help="Language code of the inputs (detected when not given).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def extract(paths: tuple[str, ...], published: dt.date | None, lang: str | None, fmt: str) -> None:
    """Extract events from files, folders, JSON Lines files or stdin ("-")."""
    failures = 0
    events: list[Event] = []
    for item in read_inputs(paths, published=published, lang=lang):
        if isinstance(item, InputError):
            failures += 1
            click.echo(f"sitrep: skipped {item}", err=True)
            continue
        try:
            found = extract_document(item)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
            failures += 1
            click.echo(f"sitrep: skipped {item.id}: {type(e).__name__}: {e}", err=True)
            continue
        if fmt == "jsonl":
            for event in found:
                click.echo(json.dumps(event.to_dict(), ensure_ascii=False))
        else:
            events.extend(found)
    if fmt == "table":
        from sitrep.table import events_table

        click.echo(events_table(events))
    if failures:
        click.echo(f"sitrep: {failures} input(s) skipped", err=True)


@main.command("eval")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_command(directory: Path, as_json: bool) -> None:
    """Score extraction on DIR/documents.jsonl against DIR/events.jsonl (FORMAT.md)."""
    from sitrep.eval import evaluate, format_report

    try:
        report = evaluate(directory)
    except SitrepError as e:
        raise click.ClickException(str(e)) from None
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report))


@main.group()
def gazetteer() -> None:
    """The offline gazetteer."""


@gazetteer.command("build")
@click.option("--quiet", is_flag=True, help="Print nothing on success.")
@click.option("--force", is_flag=True, help="Rebuild even when a current gazetteer exists.")
def gazetteer_build(quiet: bool, force: bool) -> None:
    """Build (or check) the gazetteer cache from installed and committed GeoNames data."""
    from sitrep.geo.gazetteer import build_gazetteer

    try:
        path = build_gazetteer(force=force)
    except SitrepError as e:
        raise click.ClickException(str(e)) from None
    if not quiet:
        click.echo(f"gazetteer ready: {path}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
