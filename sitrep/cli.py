"""The `sitrep` command line: thin commands over library functions.

Errors the user can fix (bad input, missing files) print one line to stderr and never a
traceback; a bad input in a batch is reported and the batch goes on.

Exit codes (EXIT_CODES, shown by every --help): 0 success, some inputs maybe skipped (each named
on stderr); 1 an error, or nothing could be read (every input skipped); 2 a usage error.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from sitrep.errors import InputError, MissingExtra, NoLanguagePack, SitrepError, needs_extra, printable
from sitrep.extract import extract_document
from sitrep import filters as vocabulary
from sitrep.lang.choose import UnknownLanguage, pack_code
from sitrep.read import read_inputs
from sitrep.records import DatasetEvent, Document, Event

T = TypeVar("T")

EXIT_ERROR = 1  # click's own code for its errors too; 2 is its usage error
EXIT_CODES = (
    "Exit codes: 0 success (some inputs may have been skipped, each named on stderr); "
    "1 an error, or nothing could be read (every input skipped); 2 a usage error (a bad option or value)."
)
NOTHING_READ = "sitrep: nothing was read: every input was skipped"


def _check_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return pack_code(value) if value is not None else None
    except UnknownLanguage as e:
        raise click.BadParameter(str(e)) from None


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option, in the API's range (far-off years would overflow trend arithmetic)."""
    return _filter_value(vocabulary.FILTER["since"], value)  # type: ignore[no-any-return]


def _filter_value(f: vocabulary.Filter, value: Any) -> Any:
    """vocabulary.filter_value, its complaint a usage error of the option."""
    try:
        return vocabulary.filter_value(f, value)
    except ValueError as e:
        raise click.BadParameter(printable(str(e))) from None


def _output_file(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """A file to write, checked before any work: its folder must exist, and it must not be a folder."""
    if value is None or str(value) == "-":
        return value
    if value.is_dir():
        raise click.BadParameter(f"{value}: is a folder; give a file name")
    folder = value.absolute().parent
    if not folder.is_dir():
        raise click.BadParameter(f"{value}: {'not a folder' if folder.exists() else 'no such folder'}: {folder}")
    return value


def _use_lexicon(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """--lexicon DIR (else $SITREP_LEXICON): read once, checked, and in use until the command ends
    (sitrep.lang.lexicon.using_lexicon); a mistake is one line naming its file, line and key."""
    from sitrep.lang.lexicon import LexiconError, lexicon_from, using_lexicon

    try:
        lexicon = lexicon_from(value)
    except LexiconError as e:
        raise click.ClickException(str(e)) from None
    ctx.with_resource(using_lexicon(lexicon))


# The analyst's lexicon (sitrep/lang/lexicon.py) for every command that extracts.
_LEXICON_OPTION = click.option(
    "--lexicon",
    metavar="DIR",
    expose_value=False,
    callback=_use_lexicon,
    help="A user lexicon folder: groups, places and words of one's own (default: $SITREP_LEXICON; "
    "see `sitrep lexicon check`).",
)


@contextmanager
def _writing(path: Path, what: str) -> Iterator[None]:
    """An OSError while writing `path` (no permission, disk full) is one line, not a traceback."""
    try:
        yield
    except OSError as e:
        raise click.ClickException(f"{path}: cannot write {what}: {e.strerror or e}") from None


def _nothing_read() -> None:
    """Exit 1: not one input could be read (each was named on stderr already)."""
    click.echo(NOTHING_READ, err=True)
    raise click.exceptions.Exit(EXIT_ERROR)


def _each_document(
    paths: Sequence[str], published: dt.date | None, lang: str | None, work: Callable[[Document], T]
) -> Iterator[tuple[Document, T]]:
    """(document, work(document)) for every readable input. A bad input or an article `work`
    fails on is one stderr line and is skipped, so the batch goes on; a count comes last, and
    exit code 1 when nothing could be read. A record read only after repairs is one line too."""
    failures = done = no_pack = 0
    for item in read_inputs(paths, published=published, lang=lang):
        if isinstance(item, InputError):
            failures += 1
            no_pack += isinstance(item, NoLanguagePack)
            click.echo(f"sitrep: skipped {item}", err=True)
            continue
        for repair in item.repairs:
            click.echo(f"sitrep: repaired {repair}", err=True)
        try:
            result = work(item)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
            failures += 1
            click.echo(f"sitrep: skipped {printable(item.id)}: {type(e).__name__}: {printable(str(e))}", err=True)
            continue
        done += 1
        yield item, result
    if failures:
        click.echo(f"sitrep: {failures} input(s) skipped{_no_pack_note(no_pack)}", err=True)
    if not done:
        _nothing_read()


def _no_pack_note(count: int) -> str:
    return f" ({count} with no language pack)" if count else ""


class _Group(click.Group):
    """A group whose commands, subgroups included, all end their --help with the exit codes."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.epilog = cmd.epilog or EXIT_CODES
        super().add_command(cmd, name)

    def group(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", _Group)
        return super().group(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MissingExtra as e:  # an optional feature not installed: one line naming the extra
            raise click.ClickException(str(e)) from None


@click.group(cls=_Group, epilog=EXIT_CODES)
@click.version_option(package_name="sitrep")
def main() -> None:
    """sitrep: political-violence events from news, offline."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_parse_date, help="Publication date YYYY-MM-DD (a JSONL `published` field wins).")
@click.option("--lang", callback=_check_lang, help="Language code of the inputs (detected when not given).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option(
    "--explain",
    is_flag=True,
    help="Say for each article which candidates were merged into which incident, which were dropped, and why "
    "(jsonl: one object per article with its explanation and events).",
)
@_LEXICON_OPTION
def extract(paths: tuple[str, ...], published: dt.date | None, lang: str | None, fmt: str, explain: bool) -> None:
    """Extract events from files, folders, JSON Lines files or stdin ("-")."""
    if explain:
        _explain(paths, published, lang, fmt)
        return
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


def _explain(paths: tuple[str, ...], published: dt.date | None, lang: str | None, fmt: str) -> None:
    from sitrep.extract import explain_document
    from sitrep.table import events_table

    for doc, (found, explanation) in _each_document(paths, published, lang, explain_document):
        if fmt == "jsonl":
            record = {**explanation.to_dict(), "events": [e.to_dict() for e in found]}
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo("\n".join(explanation.lines(doc.text)))
            click.echo(events_table(found) + "\n")


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
@click.option(
    "--geonames",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Build from a GeoNames dump instead (allCountries.txt, cities500.txt, XX.txt).",
)
@click.option(
    "--alternate-names",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="GeoNames alternateNamesV2.txt, with --geonames.",
)
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
    from sitrep.geo import search_places

    for place in search_places(query, limit):
        click.echo(json.dumps(place, ensure_ascii=False))


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
@click.option(
    "--demonyms/--no-demonyms",
    default=True,
    show_default=True,
    help='Also demonyms ("Syrian", "European"), resolved to their country or area, with kind "demonym".',
)
def geoparse_command(paths: tuple[str, ...], lang: str | None, published: dt.date | None, demonyms: bool) -> None:
    """Find and resolve place names in files, folders, JSON Lines files or stdin ("-"):
    one JSON object per toponym per line (`kind`: "toponym" or "demonym")."""
    from sitrep.geo import geoparse

    for doc, found in _each_document(paths, published, lang, lambda d: geoparse(d.text, d.lang, demonyms=demonyms)):
        for mention in found:
            click.echo(json.dumps({"doc_id": doc.id, **mention.to_dict()}, ensure_ascii=False))


# --- the event store --------------------------------------------------------------------------

_DB_HELP = (
    "Event store: a SQLite file or postgresql://... URL (default: $SITREP_DB, else sitrep.db in the data folder)."
)


def _open_store(db: str | None, create: bool = True) -> Any:
    """The store, or one line naming it and why it cannot be opened. Readers pass create=False,
    so a mistyped path is an error rather than a new empty store."""
    from sitrep.store import open_store

    try:
        return open_store(db, create)
    except SitrepError as e:
        raise click.ClickException(str(e)) from None


def _read_store(db: str | None, read: Callable[[Any], T]) -> T:
    """What `read` finds in an existing store; a store error is one line."""
    with _open_store(db, create=False) as store:
        try:
            return read(store)
        except SitrepError as e:
            raise click.ClickException(str(e)) from None


def _load_events(db: str | None, **filters: Any) -> list[DatasetEvent]:
    from sitrep.store import EventFilter

    return _read_store(db, lambda store: store.find_events(EventFilter(**filters)))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help=_DB_HELP)
@click.option("--lang", callback=_check_lang, help="Language code of the inputs (detected when not given).")
@click.option("--published", callback=_parse_date, help="Publication date YYYY-MM-DD (a JSONL `published` field wins).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes that extract (default: the usable cores; 1: this process alone).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: this machine; ray: Ray tasks (pip install 'sitrep[ray]').",
)
@click.option("--address", help="With --engine ray: the cluster to join (default: start a local Ray).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the extracted documents to Parquet files in this folder instead of the store "
    "(`sitrep load DIR` stores them).",
)
@click.option(
    "--errors",
    "errors_file",
    type=click.Path(path_type=Path),
    callback=_output_file,
    help="Also write every skipped input to this file, one JSON object per line: source, reason.",
)
@click.option("--quiet", is_flag=True, help="No progress bar and no summary line (skipped inputs are still named).")
@click.option(
    "--progress/--no-progress", default=None, help="Force the progress bar on or off (default: on a terminal)."
)
@_LEXICON_OPTION
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    lang: str | None,
    published: dt.date | None,
    workers: int | None,
    engine: str,
    address: str | None,
    out: Path | None,
    errors_file: Path | None,
    quiet: bool,
    progress: bool | None,
) -> None:
    """Extract events from files, folders, JSON Lines or Parquet files or stdin ("-") and store
    them, merged with the events already stored. Re-running the same input adds nothing.
    Skipped inputs are listed with their reasons at the end."""
    from sitrep import run

    if address and engine != "ray":
        raise click.UsageError("--address is for --engine ray")
    if out is not None and db is not None:
        raise click.UsageError("--out writes Parquet files instead of the store: give --db to `sitrep load` then")
    options: dict[str, Any] = {
        "published": published,
        "lang": lang,
        "workers": workers,
        "engine": engine,
        "address": address,
    }
    if out is not None:
        stats = _with_progress(
            quiet,
            progress,
            errors_file,
            lambda bar: run.extract_to_parquet(paths, out, on_progress=bar.update, **options),
        )
        if not quiet:
            click.echo(
                f"{stats.new} documents, {stats.reports} reports written to {out}; "
                f"{stats.skipped} skipped{stats.no_pack_note()}; "
                f"{stats.rate:.1f} articles/s"
            )
        _exit_if_nothing_read(stats)
        return
    with _open_store(db) as store:
        stats = _with_progress(
            quiet,
            progress,
            errors_file,
            lambda bar: run.ingest(store, paths, store_url=db, on_progress=bar.update, **options),
        )
    if not quiet:
        click.echo(stats.summary())
    _exit_if_nothing_read(stats)


def _exit_if_nothing_read(stats: Any) -> None:
    """Exit 1 when every input of an ingest or load was skipped (IngestStats)."""
    if stats.skipped == stats.documents:
        _nothing_read()


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--db", help=_DB_HELP)
@click.option(
    "--errors",
    "errors_file",
    type=click.Path(path_type=Path),
    callback=_output_file,
    help="Also write every skipped document to this file (JSON Lines: source, reason).",
)
@click.option("--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option(
    "--progress/--no-progress", default=None, help="Force the progress bar on or off (default: on a terminal)."
)
def load(folder: Path, db: str | None, errors_file: Path | None, quiet: bool, progress: bool | None) -> None:
    """Store the documents `sitrep ingest --out FOLDER` extracted (deduplicated and merged as
    `ingest` does; no extraction here)."""
    from sitrep import run

    with _open_store(db) as store:
        stats = _with_progress(quiet, progress, errors_file, lambda bar: run.load(store, folder, bar.update))
    if not quiet:
        click.echo(stats.summary())
    _exit_if_nothing_read(stats)


def _with_progress(quiet: bool, progress: bool | None, errors_file: Path | None, work: Callable[[Any], T]) -> T:
    """Run work(bar) with a progress bar (on a terminal, unless told otherwise); skipped inputs are
    listed at the end (and written to errors_file); a SitrepError becomes one line."""
    from sitrep.store.progress import IngestProgress

    show_bar = not quiet and (progress if progress is not None else sys.stderr.isatty())
    if errors_file is not None:
        try:  # fail before the work, not after it
            errors_file.open("w", encoding="utf-8").close()
        except OSError as e:
            raise click.ClickException(f"{errors_file}: cannot write the errors report: {e.strerror}") from None
    try:
        with IngestProgress(show_bar, errors_file) as bar:
            result = work(bar)
    except SitrepError as e:
        raise click.ClickException(str(e)) from None
    if bar.skipped:
        click.echo(f"sitrep: {bar.skipped} input(s) skipped{_no_pack_note(bar.no_pack)}", err=True)
    return result


def _parse_bbox(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    return _filter_value(vocabulary.FILTER["bbox"], value)  # type: ignore[no-any-return]


Decorator = Callable[[Callable[..., None]], Callable[..., None]]


def _filter_option(f: vocabulary.Filter, help: str | None = None) -> Decorator:
    """The option of a filter of the vocabulary (sitrep/filters.py), read and checked as the API does."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        return _filter_value(f, value)

    kind = click.IntRange(min=f.minimum) if f.kind == "integer" else None
    return click.option(f.option, f.name, type=kind, help=help or f.help, callback=callback)


def _event_filters(command: Callable[..., None]) -> Callable[..., None]:
    """The filters of every command that reads stored events (`events`, `trends`, `alerts`,
    `export`): every row of the vocabulary but the dates, which each command words its own way,
    and the rows' shorthand flags (`--rejected` for `--review rejected`)."""

    @functools.wraps(command)
    def with_shorthands(**values: Any) -> None:
        try:
            resolved = vocabulary.resolve_shorthands(values)
        except ValueError as e:
            raise click.UsageError(str(e)) from None
        command(**resolved)

    wrapped: Callable[..., None] = with_shorthands
    for flag, f in reversed(vocabulary.SHORTHANDS.items()):
        wrapped = click.option(f"--{flag}", flag, is_flag=True, help=vocabulary.shorthand_help(f, flag))(wrapped)
    for f in reversed([f for f in vocabulary.FILTERS if f.kind != "date"]):
        wrapped = _filter_option(f)(wrapped)
    return wrapped


def _date_option(name: str, help: str | None = None) -> Decorator:
    return _filter_option(vocabulary.FILTER[name], help)


@main.group(invoke_without_command=True)
@click.option("--db", help=_DB_HELP)
@_date_option("since")
@_date_option("until")
@_event_filters
@click.option("--limit", type=click.IntRange(min=0), help="At most this many events.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many events first.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv", "ids"]),
    default="table",
    show_default=True,
    help="ids: one event id per line, for scripts (`sitrep events show ID`).",
)
@click.pass_context
def events(ctx: click.Context, db: str | None, fmt: str, **filters: Any) -> None:
    """List stored events, newest first, matching every filter given; `events show ID` for one."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    from sitrep.store.show import events_csv, events_table

    found = _load_events(db, **filters)
    if fmt in ("jsonl", "ids"):
        for event in found:
            click.echo(event.id if fmt == "ids" else json.dumps(event.to_dict(), ensure_ascii=False))
    else:
        click.echo(events_csv(found) if fmt == "csv" else events_table(found))


@events.command("show")
@click.argument("event_id")
@click.option("--db", help=_DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the event as one JSON object.")
@click.option(
    "--explain",
    is_flag=True,
    help="Also say how each source article reads: the candidates of the incident and why they were merged.",
)
@click.pass_context
def events_show(ctx: click.Context, event_id: str, db: str | None, as_json: bool, explain: bool) -> None:
    """Every field of event ID, its sources with their evidence, why each report was merged, and
    the history of its values."""
    from sitrep.store.show import detail_text, explain_text

    detail = _read_store(db or (ctx.obj or {}).get("db"), lambda store: store.event(event_id))
    if detail is None:
        raise click.ClickException(f"no event {event_id!r} in the store")
    click.echo(json.dumps(detail.to_dict(), ensure_ascii=False, indent=2) if as_json else detail_text(detail))
    if explain and not as_json:
        click.echo("\n" + explain_text(detail))


# --- analyst review (sitrep/store/review.py) ------------------------------------------------


@main.command("review")
@click.argument("event_id")
@click.option("--db", help=_DB_HELP)
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Correct a field (fatalities, wounded, date, event_type, sub_event_type, actor1, actor2, "
    "claimed_by with ';' between names); FIELD= gives the machine's value back. Repeatable.",
)
@click.option("--verify", is_flag=True, help="The event is right as it stands (with any corrections).")
@click.option("--reject", is_flag=True, help="No such event: left out of lists, trends and alerts.")
@click.option("--merge", "merge_id", metavar="ID2", help="Event ID2 is the same event: its reports join EVENT_ID.")
@click.option("--split", is_flag=True, help="The reports tell different events: one event per report.")
@click.option("--note", help="Why, kept in the event's review trail.")
@click.option("--reviewer", default=lambda: os.environ.get("USER"), help="Who reviews (default: $USER).")
def review_command(
    event_id: str,
    db: str | None,
    settings: tuple[str, ...],
    verify: bool,
    reject: bool,
    merge_id: str | None,
    split: bool,
    note: str | None,
    reviewer: str | None,
) -> None:
    """Verify, correct or reject a stored event, or merge or split events. Corrections lie over
    the machine's values and survive re-ingest and new reports; `events show` shows the trail."""
    from sitrep.store.review import REJECTED, VERIFIED, parse_settings

    if verify and reject:
        raise click.UsageError("--verify and --reject exclude each other")
    if sum(map(bool, (settings or verify or reject, merge_id, split))) != 1:
        raise click.UsageError("give --set, --verify or --reject; or --merge ID2; or --split")
    status = VERIFIED if verify else REJECTED if reject else None
    with _open_store(db) as store:
        try:
            if merge_id:
                click.echo(f"{merge_id} merged into {store.merge_events(event_id, merge_id, note, reviewer).id}")
            elif split:
                click.echo("split into " + " ".join(store.split_event(event_id, note, reviewer)))
            else:
                event = store.review(event_id, parse_settings(list(settings)), status, note, reviewer)
                click.echo(f"{event.id}: {event.review_status or 'not reviewed'}")
        except (SitrepError, ValueError) as e:
            raise click.ClickException(str(e)) from None


@main.command("review-queue")
@click.option("--db", help=_DB_HELP)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "ids"]),
    default="table",
    show_default=True,
    help="jsonl: one object per event, {event, reasons}.",
)
def review_queue(db: str | None, limit: int, fmt: str) -> None:
    """Unreviewed events, those most worth a look first: low confidence, large tolls, sources
    that disagree, and events of a surge; the last column says why each is there."""
    from sitrep.store.show import queue_table

    found = _read_store(db, lambda store: store.review_queue(limit))
    if fmt == "table":
        click.echo(queue_table(found))
    for item in found if fmt != "table" else ():
        click.echo(item.event.id if fmt == "ids" else json.dumps(item.to_dict(), ensure_ascii=False))


# --- analysis: trends, surge alerts, exports (sitrep/analyse) ---------------------------------

_TREND_DIMENSIONS = vocabulary.DIMENSION_NAMES


def _dimensions(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """--by country,actor or --by country --by actor."""
    names = tuple(n.strip() for v in value for n in v.split(",") if n.strip())
    unknown = [n for n in names if n not in _TREND_DIMENSIONS]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: choose from {', '.join(_TREND_DIMENSIONS)}")
    return names


def _chart_path(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() not in (".png", ".svg", ".html"):
        raise click.BadParameter(f"{value}: the chart is written as .png, .svg or .html (from the file name)")
    if value is not None:  # before any work: matplotlib is an extra
        with needs_extra("plot", "--plot"):
            import sitrep.analyse.plot  # noqa: F401
    return _output_file(ctx, param, value)


def _say_left_out(events: Sequence[DatasetEvent], period: str) -> None:
    """One stderr line for events a weekly or monthly count cannot hold (periods.py)."""
    from sitrep.analyse.periods import left_out

    reasons = left_out(events, period)
    if reasons:
        why = ", ".join(f"{n} {r if r == 'undated' else 'at ' + r + ' precision'}" for r, n in sorted(reasons.items()))
        click.echo(f"sitrep: {sum(reasons.values())} event(s) not in {period}ly counts: {why}", err=True)


_PERIOD_OPTION = click.option(
    "--period",
    type=click.Choice(vocabulary.PERIOD_NAMES),
    default="week",
    show_default=True,
    help="ISO weeks (Monday to Sunday), calendar months or years.",
)
_BASELINE_OPTION = click.option(
    "--baseline", type=click.IntRange(1, 520), default=8, show_default=True, help="Periods in the trailing baseline."
)


@main.command()
@click.option("--db", help=_DB_HELP)
@_PERIOD_OPTION
@click.option("--by", type=click.Choice(_TREND_DIMENSIONS), help="One series per value of this dimension.")
@_date_option("since", help="First day shown (YYYY-MM-DD); the baseline reads back before it.")
@_date_option("until", help="Last day counted (YYYY-MM-DD); default: the latest event.")
@_BASELINE_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option(
    "--plot",
    type=click.Path(path_type=Path),
    callback=_chart_path,
    help="Also draw the series with its surge alerts into FILE.png, .svg or .html.",
)
@_event_filters
def trends(
    db: str | None,
    period: str,
    by: str | None,
    since: dt.date | None,
    until: dt.date | None,
    baseline: int,
    fmt: str,
    plot: Path | None,
    **filters: Any,
) -> None:
    """Events and fatalities per week or month, with the change against the previous period and
    against the mean of the periods before it. The last period may be partial (marked)."""
    from sitrep.analyse import surge_alerts, trend
    from sitrep.analyse.alerts import DIMENSIONS
    from sitrep.analyse.periods import periods_before
    from sitrep.analyse.tables import trend_csv, trend_table

    lead = periods_before(since, period, baseline) if since else None
    events = _load_events(db, since=lead, until=until, **filters)
    rows = trend(events, period, by, since, until, baseline)
    _say_left_out(events, period)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
    else:
        click.echo(trend_csv(rows) if fmt == "csv" else trend_table(rows))
    if plot is not None:
        from sitrep.analyse.plot import plot_trend

        alerts = surge_alerts(events, period, (by,) if by else DIMENSIONS, baseline, until=until)
        with _writing(plot, "the chart"):
            click.echo(f"chart written: {plot_trend(rows, alerts, plot)}", err=True)


@main.command()
@click.option("--db", help=_DB_HELP)
@_PERIOD_OPTION
@click.option(
    "--by",
    multiple=True,
    callback=_dimensions,
    help=f"Dimensions to test, comma-separated or repeated [default: {','.join(vocabulary.ALERT_DIMENSIONS)}].",
)
@_date_option("until", help="Test the period holding this day; default: the latest event's.")
@_BASELINE_OPTION
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Fewest events in the latest period for an alert.",
)
@click.option(
    "--alpha",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.01,
    show_default=True,
    help="Significance level over all series tested (Bonferroni).",
)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@_event_filters
def alerts(
    db: str | None,
    period: str,
    by: tuple[str, ...],
    until: dt.date | None,
    baseline: int,
    min_count: int,
    alpha: float,
    fmt: str,
    **filters: Any,
) -> None:
    """Series (a place, an actor, a type) whose latest period is significantly above its own
    baseline: a one-sided Poisson test, Bonferroni-corrected, with a minimum count."""
    from sitrep.analyse import surge_alerts
    from sitrep.analyse.alerts import DIMENSIONS
    from sitrep.analyse.tables import alert_table

    events = _load_events(db, until=until, **filters)
    _say_left_out(events, period)
    found = surge_alerts(events, period, by or DIMENSIONS, baseline, min_count, alpha, until=until)
    if fmt == "jsonl":
        for alert in found:
            click.echo(json.dumps(alert.to_dict(), ensure_ascii=False))
    else:
        click.echo(alert_table(found))


@main.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "geojson", "parquet"]),
    required=True,
    help="csv has ACLED's column names first; parquet needs -o.",
)
@click.option("--db", help=_DB_HELP)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), callback=_output_file, help="File to write (default: stdout)."
)
@_date_option("since")
@_date_option("until")
@_event_filters
def export_command(fmt: str, db: str | None, output: Path | None, **filters: Any) -> None:
    """Write stored events as CSV (ACLED columns plus sitrep's), JSON Lines, GeoJSON or Parquet."""
    from sitrep.analyse import export

    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet writes a binary file: give it with -o FILE")
    events = _load_events(db, **filters)
    if fmt == "parquet":
        with _writing(output, "the export"):  # type: ignore[arg-type]
            export.write_parquet(events, output)  # type: ignore[arg-type]
    else:
        write = {"csv": export.write_csv, "jsonl": export.write_jsonl, "geojson": export.write_geojson}[fmt]
        if output is None:
            write(events, sys.stdout)
        else:
            with _writing(output, "the export"), output.open("w", encoding="utf-8", newline="") as fp:
                write(events, fp)
    if output is not None:
        click.echo(f"{len(events)} event(s) written to {output}", err=True)


# --- live monitoring (sitrep/run/watch.py) ----------------------------------------------------


def _every(ctx: click.Context, param: click.Parameter, value: str) -> float:
    from sitrep.run.watch import parse_every

    try:
        return parse_every(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def _smtp_server(ctx: click.Context, param: click.Parameter, value: str | None) -> dict[str, Any] | None:
    """[USER[:PASSWORD]@]HOST:PORT (USER and PASSWORD %-encoded where they hold ':' or '@') ->
    host, port, user, password; the user and password default to $SITREP_SMTP_USER and
    $SITREP_SMTP_PASSWORD. A complaint never shows the password."""
    from urllib.parse import unquote

    from sitrep.analyse.sinks import SMTP_PASSWORD_ENV, SMTP_USER_ENV

    if value is None:
        return None
    login, at, server = value.rpartition("@")
    user, colon, password = login.partition(":")
    shown = f"{user}:***@{server}" if colon else value
    host, _, port = server.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"{shown!r}: give HOST:PORT (mail.example.org:25) or USER@HOST:PORT")
    return {
        "host": host.strip("[]"),
        "port": int(port),
        "user": unquote(user) if at else os.environ.get(SMTP_USER_ENV) or None,
        "password": unquote(password) if colon else os.environ.get(SMTP_PASSWORD_ENV) or None,
    }


def _mail_sink(smtp: dict[str, Any], security: str | None, to: tuple[str, ...], sender: str) -> Any:
    """The mail sink of the options, or a usage error saying what is missing or unsafe."""
    from sitrep.analyse.sinks import SMTP_PASSWORD_ENV, MailSink, default_security

    if smtp["user"] and not smtp["password"]:
        raise click.UsageError(f"the SMTP login {smtp['user']!r} needs a password: set ${SMTP_PASSWORD_ENV}")
    try:
        return MailSink(
            smtp["host"],
            smtp["port"],
            to,
            sender,
            security=security or default_security(smtp["port"]),
            user=smtp["user"],
            password=smtp["password"],
        )
    except ValueError as e:
        raise click.UsageError(str(e)) from None


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", help=_DB_HELP)
@click.option("--every", default="10m", show_default=True, callback=_every, help="Time between cycles: 30s, 10m, 1h.")
@click.option("--once", is_flag=True, help="Run one cycle and exit (for cron).")
@click.option("--cycles", type=click.IntRange(min=1), help="Run this many cycles and exit.")
@click.option("--lang", callback=_check_lang, help="Language code of the inputs (detected when not given).")
@click.option(
    "--webhook", "webhooks", multiple=True, metavar="URL", help="POST each new alert as JSON here (repeatable)."
)
@click.option(
    "--alert-file",
    type=click.Path(path_type=Path),
    callback=_output_file,
    help="Append each new alert to this file (JSON Lines).",
)
@click.option(
    "--smtp",
    callback=_smtp_server,
    metavar="[USER@]HOST:PORT",
    help="Mail each new alert through this server, logging in as USER if given (the password from "
    "$SITREP_SMTP_PASSWORD; the user may come from $SITREP_SMTP_USER).",
)
@click.option(
    "--smtp-security",
    type=click.Choice(["plain", "starttls", "tls"]),
    help="plain, starttls (upgrade the connection) or tls (encrypted from the start) "
    "[default: tls on port 465, starttls on 587, else plain].",
)
@click.option("--mail-to", multiple=True, metavar="ADDR", help="Recipient of the alert mails (repeatable).")
@click.option("--mail-from", metavar="ADDR", help="Sender of the alert mails.")
@click.option(
    "--dashboard-url", metavar="URL", help="The dashboard's address (`sitrep serve`), for the link in each alert."
)
@_PERIOD_OPTION
@_BASELINE_OPTION
@click.option(
    "--min-count", type=click.IntRange(min=1), default=3, show_default=True, help="Fewest events for an alert."
)
@click.option(
    "--alpha",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.01,
    show_default=True,
    help="Significance level over all series tested (Bonferroni).",
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True, help="Seconds to wait for a server."
)
@_LEXICON_OPTION
def watch(
    sources: tuple[str, ...],
    db: str | None,
    every: float,
    once: bool,
    cycles: int | None,
    lang: str | None,
    webhooks: tuple[str, ...],
    alert_file: Path | None,
    smtp: dict[str, Any] | None,
    smtp_security: str | None,
    mail_to: tuple[str, ...],
    mail_from: str | None,
    dashboard_url: str | None,
    period: str,
    baseline: int,
    min_count: int,
    alpha: float,
    timeout: float,
) -> None:
    """Follow RSS/Atom feed URLs, folders (new and changed files) and JSON Lines files that
    grow: each cycle stores what is new (feeds fetched conditionally; an item with only a
    summary has its page read), then sends each new surge alert once to the webhooks, the alert
    file and the mail recipients. Progress is kept in the store, so a restart resumes. A source
    that fails is one line on stderr and is tried again next cycle. Stops cleanly on Ctrl-C or
    SIGTERM. With --once, exit 1 when no source could be read."""
    import signal
    import threading

    from sitrep.analyse.sinks import FileSink, Sink, WebhookSink
    from sitrep.run.sources import Options, SourceError, source_kind
    from sitrep.run.watch import AlertOptions, WatchConfig
    from sitrep.run.watch import watch as run_watch

    if (smtp is None) != (not mail_to) or (smtp is not None and not mail_from):
        raise click.UsageError("mail needs --smtp HOST:PORT, --mail-to ADDR and --mail-from ADDR together")
    try:
        followed = tuple(source_kind(s) for s in sources)
    except SourceError as e:
        raise click.UsageError(str(e)) from None
    if any(s.kind == "feed" for s in followed):
        with needs_extra("watch", "Following RSS/Atom feeds"):
            import feedparser  # noqa: F401
    sinks: list[Sink] = [WebhookSink(url) for url in webhooks]
    if alert_file is not None:
        sinks.append(FileSink(alert_file))
    if smtp is not None and mail_from:
        sinks.append(_mail_sink(smtp, smtp_security, mail_to, mail_from))
    config = WatchConfig(
        followed,
        tuple(sinks),
        Options(lang=lang, timeout=timeout, deadline=max(60.0, 3 * timeout)),
        AlertOptions(period=period, baseline=baseline, min_count=min_count, alpha=alpha, dashboard=dashboard_url),
    )
    stopping = threading.Event()

    def stop(signum: int, frame: object) -> None:
        if stopping.is_set():  # a second signal: stop now
            raise KeyboardInterrupt
        click.echo("sitrep watch: stopping after the current document (again to stop at once)", err=True)
        stopping.set()

    def log(line: str) -> None:
        click.echo(f"sitrep watch: {printable(line)}", err=True)

    last: list[Any] = []

    def said(report: Any) -> None:
        click.echo(f"sitrep watch: cycle done: {report.summary()}", err=True)
        last[:] = [report]

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with _open_store(db) as store:
            run_watch(store, config, every, log, stopping, 1 if once else cycles, said)
    except SitrepError as e:
        raise click.ClickException(str(e)) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if once and last and last[0].sources_failed == len(followed):  # for cron: nothing could be read
        raise click.exceptions.Exit(EXIT_ERROR)


# --- the HTTP API (sitrep/api) ----------------------------------------------------------------


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 opens the server to the network.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--db", help=_DB_HELP)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (repeatable; also $SITREP_ALLOWED_HOSTS). "
    "Besides --host, only 127.0.0.1, localhost and ::1 are answered.",
)
@_LEXICON_OPTION
def serve(host: str, port: int, db: str | None, allow_hosts: tuple[str, ...]) -> None:
    """Serve the HTTP API over the store (the dashboard at /, the OpenAPI schema at
    /openapi.json). POST /api/articles is enabled by $SITREP_API_TOKEN. Stops on the first
    SIGTERM or Ctrl-C (an upload being ingested stops at its next document)."""
    with needs_extra("server", "sitrep serve"):
        from sitrep.api import create_app
        from sitrep.api.guard import HOSTS_ENV, LOCAL_HOSTS, WILDCARDS
        from sitrep.api.server import serve as serve_app
    from sitrep.store import NotAStore, open_store

    try:  # a missing or older store is no reason not to start (a POST creates or upgrades it), but say so
        open_store(db, create=False).close()
    except NotAStore as e:  # another program's file: nothing to serve, and nothing to write to
        raise click.ClickException(str(e)) from None
    except SitrepError as e:
        click.echo(f"sitrep: {e}; reads answer 503 until then", err=True)
    app = create_app(db, hosts=(host, *allow_hosts))
    writes = "enabled" if app.state.sitrep.token else "disabled (set SITREP_API_TOKEN to enable them)"
    url_host = f"[{host}]" if ":" in host else host
    click.echo(f"sitrep: serving http://{url_host}:{port}/ (API under /api/); writes {writes}")
    if host in WILDCARDS and not allow_hosts and not os.environ.get(HOSTS_ENV):
        click.echo(
            f"sitrep: listening on every interface, but answering only {', '.join(LOCAL_HOSTS)}: add "
            f"--allow-host NAME for each name or address clients use (DNS-rebinding guard)",
            err=True,
        )
    serve_app(app, host, port)


# --- the analyst's own lexicons (sitrep/lang/lexicon.py) --------------------------------------


@main.group("lexicon")
def lexicon_group() -> None:
    """An analyst's own groups, places and words (a user lexicon folder)."""


@lexicon_group.command("check")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
def lexicon_check(folder: Path | None) -> None:
    """Check the lexicon in FOLDER (default: $SITREP_LEXICON): each mistake is one line,
    FILE:LINE: key: reason; exit 1 when there is one."""
    from sitrep.lang.lexicon import LEXICON_ENV, check_lexicon, load_lexicon

    if folder is None:
        if not os.environ.get(LEXICON_ENV):
            raise click.UsageError(f"name the lexicon folder, or set ${LEXICON_ENV}")
        folder = Path(os.environ[LEXICON_ENV])
    found = check_lexicon(folder)
    for problem in found:
        click.echo(printable(str(problem)))
    if found:
        click.echo(f"sitrep: {len(found)} mistake(s) in the lexicon {printable(str(folder))}", err=True)
        raise click.exceptions.Exit(EXIT_ERROR)
    lexicon = load_lexicon(folder)
    extended = ", ".join(f"{code}/{name}.toml" for code, files in lexicon.packs.items() for name in files)
    click.echo(
        f"{printable(str(folder))}: lexicon version {lexicon.version}: {len(lexicon.groups)} group(s), "
        f"{len(lexicon.places)} place(s); extends {extended or 'no pack file'}"
    )


@main.command()
@click.option("--db", help=_DB_HELP)
@click.option(
    "--since",
    callback=_parse_date,
    help="Only documents published on or after this date YYYY-MM-DD (undated ones: ingested on or after it).",
)
@_LEXICON_OPTION
def reextract(db: str | None, since: dt.date | None) -> None:
    """Extract the stored documents again (after editing a lexicon, or with new packs) and merge
    their events again. The store keeps each document's text, so the inputs are not needed. An
    analyst's corrections stay laid over the events. Each document is stamped with the lexicon
    version that coded it."""
    from sitrep.run.reextract import reextract as run_reextract

    _open_store(db, create=False).close()  # a store that is not there is an error, not a new store
    with _open_store(db) as store:
        try:
            stats = run_reextract(store, since, lambda line: click.echo(f"sitrep: skipped {line}", err=True))
        except SitrepError as e:
            raise click.ClickException(str(e)) from None
    click.echo(stats.summary())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
