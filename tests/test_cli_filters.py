"""Enumerated filters (issue 10, item 11): `--country` takes an ISO code or a country name in any
language the CLDR tables hold (every pack's among them), `--type` an ACLED event or sub-event type
in any case; a value that can match nothing is a usage error that says what is expected, never
a silent "No events found." The same in every command that filters stored events."""

from __future__ import annotations

import tomllib

import pytest
from click.testing import CliRunner, Result

from sitrep.cli import main
from sitrep import acled, filters
from sitrep.acled import ACLED_TYPES, EVENT_TYPES, SUB_EVENT_TYPES
from sitrep.cli import _parse_bbox, _parse_date
from sitrep.filters import FILTERS, country_filter, event_type_filter
from sitrep.store import EventFilter
from sitrep.store.queries import filter_sql
from sitrep.lang import PACK_DIR, available_languages
from tests.store.conftest import corpus_url  # noqa: F401 - the fixture: the store corpus on both backends

FILTERING_COMMANDS = [
    ["events", "--format", "ids"],
    ["trends", "--format", "jsonl"],
    ["alerts", "--format", "jsonl"],
    ["export", "--format", "jsonl"],
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def ids(db: str, *args: str) -> list[str]:
    result = run("events", "--db", db, "--format", "ids", *args)
    assert result.exit_code == 0, result.output
    return result.stdout.split()


@pytest.mark.parametrize("name", ["Iraq", "iraq", "IRAQ", "Irak", "IRQ", "iq", "العراق", " Iraq "])
def test_a_country_by_name_in_any_language_or_by_code(corpus_url: str, name: str) -> None:  # noqa: F811
    expected = ids(corpus_url, "--country", "IQ")
    assert len(expected) == 1
    assert ids(corpus_url, "--country", name) == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Syria", "SY"),
        ("Syrie", "SY"),
        ("Syrien", "SY"),
        ("syria", "SY"),
        ("Syrian Arab Republic", "SY"),
        ("SYR", "SY"),
        ("Norge", "NO"),
        ("Tyskland", "DE"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d’Ivoire", "CI"),
    ],
)
def test_country_names_and_codes_map_to_iso2(name: str, code: str) -> None:
    assert country_filter(name) == code


@pytest.mark.parametrize("command", FILTERING_COMMANDS)
@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--country", "Narnia", "'Narnia' is not a country: give an ISO 3166-1 code (SY, SYR) or a country name"),
        ("--country", "Somalai", "did you mean Somalia (SO)?"),
        ("--country", "SY' OR 1=1 --", "is not a country"),
        ("--country", "XX", "'XX' is not a country"),
        ("--type", "bombing", "'bombing' is not an ACLED event or sub-event type; event types: Battles, "),
        ("--type", "Suicide bombing", "did you mean 'Suicide bomb'?"),
        ("--type", "Battles' OR 1=1 --", "is not an ACLED event or sub-event type"),
    ],
)
def test_a_value_that_can_match_nothing_is_a_usage_error(
    corpus_url: str,  # noqa: F811
    command: list[str],
    option: str,
    value: str,
    expected: str,
) -> None:
    result = run(*command, "--db", corpus_url, option, value)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert line.startswith(f"Error: Invalid value for '{option}': ") and expected in line, line
    assert result.stdout == ""


def test_types_in_any_case_are_the_acled_types(corpus_url: str) -> None:  # noqa: F811
    explosions = ids(corpus_url, "--type", "Explosions/Remote violence")
    assert explosions and ids(corpus_url, "--type", "explosions/remote  violence") == explosions
    assert ids(corpus_url, "--type", "REMOTE EXPLOSIVE/LANDMINE/IED") == ids(
        corpus_url, "--type", "Remote explosive/landmine/IED"
    )
    assert ids(corpus_url, "--type", "Riots") == []  # a real type that matches nothing here: no error


def test_the_vocabulary_holds_every_type_the_packs_write() -> None:
    """One declaration of the ACLED types (sitrep/acled.py): the types the extractor writes
    (each pack's triggers.toml, and the attack rule's two outcomes) must be in it."""
    written = {(acled.BATTLES, acled.ARMED_CLASH), (acled.VIOLENCE_AGAINST_CIVILIANS, acled.ATTACK)}  # extract/roles.py
    for code in available_languages():
        with (PACK_DIR / code / "triggers.toml").open("rb") as f:
            rules = [r for rules in tomllib.load(f).values() if isinstance(rules, list) for r in rules]
        written |= {
            (r["event_type"], r["sub_event_type"])
            for r in rules
            if isinstance(r, dict) and "event_type" in r and not r["event_type"].startswith("@")
        }
    assert written and all(sub in ACLED_TYPES[kind] for kind, sub in written), written
    assert len(set(EVENT_TYPES)) == 6 and len(set(SUB_EVENT_TYPES)) == len(SUB_EVENT_TYPES)
    assert all(event_type_filter(t.upper()) == t for t in (*EVENT_TYPES, *SUB_EVENT_TYPES))


def test_the_generic_actors_the_packs_write_are_acleds() -> None:
    """The shared pack's generic sides ([sides] civilians, unidentified) are sitrep/acled.py's names."""
    with (PACK_DIR / "shared" / "actors.toml").open("rb") as f:
        sides = tomllib.load(f)["sides"]
    generic = {name for name in sides.values() if "{" not in name}
    assert generic and generic <= set(acled.GENERIC_ACTORS), generic
    assert all(name.split(" {")[0].startswith(acled.STATE_PREFIXES) for name in sides.values() if "{" in name)


def test_every_event_type_has_one_disorder_type() -> None:
    assert set(acled.DISORDER) == set(EVENT_TYPES)
    assert set(acled.DISORDER_BY_SUB_TYPE) <= set(SUB_EVENT_TYPES)


# --- the query vocabulary (sitrep/filters.py): each row is an option of every filtering command ----


def _typed(f: filters.Filter) -> object:
    """A row's example as the CLI gives it to EventFilter."""
    if f.kind == "date":
        return _parse_date(None, None, f.example)  # type: ignore[arg-type]
    if f.kind == "bbox":
        return _parse_bbox(None, None, f.example)  # type: ignore[arg-type]
    if f.kind == "integer":
        return int(f.example)
    return f.check(f.example) if f.check else f.example


@pytest.mark.parametrize("row", FILTERS, ids=lambda f: f.name)
def test_every_filter_of_the_vocabulary_is_an_option_of_every_filtering_command(
    corpus_url: str,  # noqa: F811
    row: filters.Filter,
) -> None:
    for command in FILTERING_COMMANDS:
        if (command[0], row.name) == ("alerts", "since"):
            continue  # `alerts` tests the period holding --until and reads back from there: no --since
        result = run(*command, "--db", corpus_url, row.option, row.example)
        assert result.exit_code == 0, (command, row.option, result.output)


@pytest.mark.parametrize("row", FILTERS, ids=lambda f: f.name)
def test_every_filter_of_the_vocabulary_selects_in_the_store(row: filters.Filter) -> None:
    """Each row names an EventFilter field, and filter_sql turns its value into a clause."""
    where, params = filter_sql(EventFilter(**{row.name: _typed(row)}))
    assert where != filter_sql(EventFilter())[0] and params, where


def test_the_vocabulary_has_no_two_rows_alike() -> None:
    assert len({f.name for f in FILTERS}) == len({f.key for f in FILTERS}) == len(FILTERS)
    assert set(filters.SORTS) == {f"{sign}{k.name}" for k in filters.SORT_KEYS for sign in ("", "-")}
    assert filters.DEFAULT_SORT in filters.SORTS and set(filters.ALERT_DIMENSIONS) <= set(filters.DIMENSION_NAMES)
