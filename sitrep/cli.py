"""The `sitrep` command line: thin commands over library functions.

Errors the user can fix (bad input, missing files) print one line to stderr and never a
traceback; a bad input in a batch is reported and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from sitrep.errors import InputError, SitrepError
from sitrep.extract import extract_document
from sitrep.lang import available_languages
from sitrep.read import read_inputs
from sitrep.records import Document, Event

T = TypeVar("T")


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


def _each_document(
    paths: Sequence[str], published: dt.date | None, lang: str | None, work: Callable[[Document], T]
) -> Iterator[tuple[Document, T]]:
    """(document, work(document)) for every readable input. A bad input or an article `work`
    fails on is one stderr line and is skipped, so the batch goes on; a count comes last."""
    failures = 0
    for item in read_inputs(paths, published=published, lang=lang):
        if isinstance(item, InputError):
            failures += 1
            click.echo(f"sitrep: skipped {item}", err=True)
            continue
        try:
            result = work(item)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
            failures += 1
            click.echo(f"sitrep: skipped {item.id}: {type(e).__name__}: {e}", err=True)
            continue
        yield item, result
    if failures:
        click.echo(f"sitrep: {failures} input(s) skipped", err=True)


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
    events: list[Event] = []
    for _doc, found in _each_document(paths, published, lang, extract_document):
        if fmt == "jsonl":
            for event in found:
                click.echo(json.dumps(event.to_dict(), ensure_ascii=False))
        else:
            events.extend(found)
    if fmt == "table":
        from sitrep.table import events_table

        click.echo(events_table(events))


@main.command("eval")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_command(directory: Path, as_json: bool) -> None:
    """Score extraction on DIR/documents.jsonl against DIR/events.jsonl (FORMAT.md)."""
    from sitrep.eval import evaluate, format_report

    _print_report(evaluate, format_report, directory, as_json)


def _print_report(
    run: Callable[[Path], dict[str, Any]], render: Callable[[dict[str, Any]], str], directory: Path, as_json: bool
) -> None:
    """Run an evaluation over DIR and print its table (or JSON); a SitrepError becomes one line."""
    try:
        report = run(directory)
    except SitrepError as e:
        raise click.ClickException(str(e)) from None
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else render(report))


@main.group()
def gazetteer() -> None:
    """The offline gazetteer."""


@gazetteer.command("build")
@click.option("--quiet", is_flag=True, help="Print nothing on success.")
@click.option("--force", is_flag=True, help="Rebuild even when a current gazetteer exists.")
@click.option("--geonames", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Build from a GeoNames dump instead (allCountries.txt, cities500.txt, XX.txt).")
@click.option("--alternate-names", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="GeoNames alternateNamesV2.txt, with --geonames.")
def gazetteer_build(quiet: bool, force: bool, geonames: Path | None, alternate_names: Path | None) -> None:
    """Build (or check) the gazetteer in the user data folder ($SITREP_DATA to choose another)."""
    from sitrep.geo.gazetteer import build_gazetteer

    if alternate_names and not geonames:
        raise click.UsageError("--alternate-names needs --geonames")
    try:
        path = build_gazetteer(force=force, geonames=geonames, alternates=alternate_names)
    except SitrepError as e:
        raise click.ClickException(str(e)) from None
    if not quiet:
        click.echo(f"gazetteer ready: {path}")


@gazetteer.command("search")
@click.argument("query")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
def gazetteer_search(query: str, limit: int) -> None:
    """Places whose names match QUERY (full text; "mayad*" for a prefix), largest first."""
    from sitrep.geo.gazetteer import load
    from sitrep.geo.relative import place_of

    gaz = load()
    for entry in gaz.search(query, limit):
        place = place_of(gaz, entry)
        click.echo(json.dumps({"name": place.name, "country": place.country, "admin1": place.admin1,
                               "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid,
                               "feature_code": place.feature_code, "population": entry.population}, ensure_ascii=False))


@main.command("eval-geo")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_geo_command(directory: Path, as_json: bool) -> None:
    """Score toponym recognition and resolution on DIR/documents.jsonl against DIR/toponyms.jsonl (FORMAT.md)."""
    from sitrep.eval_geo import evaluate_geo, format_geo_report

    _print_report(evaluate_geo, format_geo_report, directory, as_json)


@main.command("geoparse")
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", callback=_check_lang, help="Language code of the inputs (detected when not given).")
@click.option("--published", callback=_parse_date, help="Publication date YYYY-MM-DD (a JSONL `published` field wins).")
def geoparse_command(paths: tuple[str, ...], lang: str | None, published: dt.date | None) -> None:
    """Find and resolve place names in files, folders, JSON Lines files or stdin ("-"):
    one JSON object per toponym per line."""
    from sitrep.geo import geoparse

    for doc, found in _each_document(paths, published, lang, lambda d: geoparse(d.text, d.lang)):
        for mention in found:
            click.echo(json.dumps({"doc_id": doc.id, **mention.to_dict()}, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
