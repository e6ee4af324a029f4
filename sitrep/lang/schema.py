"""The one schema of the language packs: every file, every key the code reads, with its type.

`load_pack`, `load_pack_file` and `load_shared` check each file against it as they read it, so a
mistake in a pack is one PackError naming the file and the key ("nb/dates.toml: rules[3].shift:
expected an integer, got a string"), raised at load, never a KeyError deep inside a stage. A key
the schema does not know is an error too: a misspelt key would otherwise be ignored in silence.
sitrep/lang/README.md says what each key is for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sitrep.errors import PackError


@dataclass(frozen=True)
class Scalar:
    types: tuple[type, ...]
    label: str
    plural: str

    def describe(self) -> str:
        return self.label

    def describe_many(self) -> str:
        return self.plural


@dataclass(frozen=True)
class ListOf:
    item: Spec

    def describe(self) -> str:
        return f"a list of {self.item.describe_many()}"

    def describe_many(self) -> str:
        return f"lists of {self.item.describe_many()}"


@dataclass(frozen=True)
class MapOf:
    """A table whose keys are data (words, names), all holding values of one kind."""

    value: Spec

    def describe(self) -> str:
        return f"a table of {self.value.describe_many()}"

    def describe_many(self) -> str:
        return f"tables of {self.value.describe_many()}"


@dataclass(frozen=True)
class Table:
    """A table with named keys; `optional` ones may be left out, `extra` admits other keys of that kind."""

    keys: dict[str, Spec]
    optional: frozenset[str] = field(default_factory=frozenset)
    extra: Spec | None = None

    def describe(self) -> str:
        return "a table"

    def describe_many(self) -> str:
        return "tables"


Spec = Scalar | ListOf | MapOf | Table

STR = Scalar((str,), "a string", "strings")
INT = Scalar((int,), "an integer", "integers")
NUMBER = Scalar((int, float), "a number", "numbers")
BOOL = Scalar((bool,), "true or false", "booleans")
WORDS = ListOf(STR)


def _words(*keys: str) -> dict[str, Spec]:
    return dict.fromkeys(keys, WORDS)


PACK = Table(
    {
        "name": STR,
        "langid_codes": WORDS,
        "sentences": Table(_words("abbreviations", "glued_starts")),
        # converb_endings: verb endings that close a subordinate clause before a comma (Turkish "-rken,");
        # topic_particles: a particle after a new clause's subject (Turkish ", silahlı kişiler ise").
        # earlier_asides: regexes opening, after a comma, an aside about an earlier event (", which had").
        "clauses": Table(
            _words(
                "separators",
                "connectives",
                "comma_connectives",
                "coordinators",
                "fixed_phrases",
                "converb_endings",
                "topic_particles",
                "earlier_asides",
            )
        ),
    }
)

TRIGGERS = Table(
    {
        "trigger": ListOf(Table({"event_type": STR, "sub_event_type": STR, "strength": NUMBER, "patterns": WORDS})),
        "context": Table(
            {
                **_words(
                    "irrealis", "generic", "tally", "legal", "seized", "denial", "definite", "anaphora", "umbrella"
                ),
                # A phrase that stands for the trigger before it, the verb left out (gapping:
                # "zwei explodierten in X, eine dritte in Y"); optional.
                "gapped": WORDS,
                # A plan or threat told after the trigger, where the verb comes last ("saldırı
                # düzenlemeyi planladı": planned to carry out an attack).
                "irrealis_after": WORDS,
                # An earlier incident told for comparison ("benzeri saldırıda", a pluperfect): its own
                # day never joins an undated incident (extract/incidents.py).
                "earlier": WORDS,
            },
            optional=frozenset({"gapped"}),
        ),
    }
)

CASUALTIES = Table(
    {
        **_words(
            "victims",
            "victim_prefix",
            "victim_suffix",
            "adjective_stop",
            "adjective_extra",
            "list_joiners",
            "victim_tail",
            "aux",
            "killed_passive",
            "killed_active",
            "killed_nouns",
            "killing_nouns",
            "wounded_passive",
            "wounded_active",
            "wounded_nouns",
            "no_casualties",
            "no_deaths",
            "lives_verbs",
            "lives",
            "left_verbs",
            "dead_states",
            "wounded_states",
            "toll_killed",
            "toll_wounded",
            "toll_link",
            "revised",
            "raise_verbs",
            "after_count",
            "tally",
            "other_causes",
            "disasters",
            "tally_sentence",
            "comparison",
            "total_victims",
            "addition_cues",
            "part_cues",
            "determiners",
            "singular_victims",
        ),
        # Phrases that say nobody was hurt with no figure ("Menschen kamen nicht zu Schaden"),
        # for figure-less only_zero rows; optional, so a pack that has none leaves it out.
        "unharmed": WORDS,
        # Victim nouns that name a part of the victims, never the toll when another figure is told
        # (the readers' compatriots: German "zwei Deutsche verletzt"); optional.
        "part_victims": WORDS,
        "pattern": ListOf(
            Table(
                # count: what a row with no figure counts (1 by default; Arabic dual nouns,
                # "قتيلين", count 2).
                {"kind": STR, "rule": STR, "regex": STR, "revised": BOOL, "only_zero": BOOL, "count": INT},
                optional=frozenset({"revised", "only_zero", "count"}),
            )
        ),
    },
    optional=frozenset({"unharmed", "part_victims"}),
    # Every word list is also a {placeholder} of the patterns: a pack may add its own.
    extra=WORDS,
)

NUMBERS = Table(
    {
        "units": MapOf(INT),
        "tens": MapOf(INT),
        "scales": MapOf(INT),
        "words": Table(
            _words(
                "articles",
                "joiners",
                "and",
                "currency_before",
                "range_separators",
                "range_openers",
                "range_closers",
                "vague_followers",
                "not_a_count_after",
                "group_separators",
                "decimal_marks",
                "digit_suffixes",
                # Clitics glued before digits (Arabic "و45", "ل20"): the figure starts after them.
                "glued_prefixes",
            )
            # German "dreiundzwanzig": the unit is read before the ten (sitrep/extract/counts.py).
            | {"unit_before_ten": BOOL}
        ),
        "modifiers": Table(_words("approx", "at_least", "at_most")),
        "vague": MapOf(INT),
        "years": Table({"first": INT, "last": INT}),
    }
)

DATES = Table(
    {
        "months": MapOf(INT),
        "month_abbreviations": MapOf(INT),
        "weekdays": MapOf(INT),
        "numbers": MapOf(INT),
        "units": MapOf(STR),
        # Month names of other calendars, each a table of word -> month number (1-12): the
        # Solar Hijri (Iranian and Afghan names) and the Hijri (lunar); empty where unused.
        "calendars": Table({"solar_hijri": MapOf(INT), "hijri": MapOf(INT)}),
        **_words(
            "ambiguous_months",
            "dateline_keywords",
            "byline_words",
            "date_linkers",
            "dayparts",
            "day_suffixes",
            "approximators",
            "speech_verbs",
            "report_verbs",
            "speech_breaks",
            "anchor_breaks",
            "false_hits",
            # Clitics glued before a date's first word or figure (Arabic "وأمس", "ل20 أكتوبر").
            "glued_prefixes",
        ),
        "rules": ListOf(
            Table(
                {
                    "kind": STR,
                    "patterns": WORDS,
                    "shift": INT,
                    "unit": STR,
                    "anchored_by": WORDS,
                    "anchor_before_endings": WORDS,
                },
                optional=frozenset({"shift", "unit", "anchored_by", "anchor_before_endings"}),
            )
        ),
    }
)

ACTORS = Table(
    {
        "groups": MapOf(WORDS),
        "sides": Table(_words("military", "police", "civilians", "unidentified")),
        "targets": Table(_words("military", "police")),
        "weapons": Table(_words("forms")),
        "roles": Table(
            {
                **_words(
                    "agent_before",
                    "patient_before",
                    # Postpositions that mark the object after it (Persian "را"): a patient.
                    "patient_after",
                    "source_before",
                    "fronted_openers",
                    "fronting_verbs",
                    "subject_breaks",
                    "passive_after",
                ),
                "fronted_needs_object": BOOL,
                "demonym_after": BOOL,
                # A country's name right before a side or weapon noun is its adjective ("İsrail savaş uçakları").
                "country_before": BOOL,
            }
        ),
    }
)

# denial_before: a denial verb standing before its group (verb-first order: "نفت حركة طالبان").
# every_incident: words in a claim's sentence that make it claim every incident told ("both attacks").
CLAIMS = Table(_words("patterns", "not_claim", "denial", "denial_before", "clause_breaks", "every_incident"))

PLACES = Table(
    {
        **_words(
            "demonym_suffixes",
            "genitive_suffixes",
            "settlement_words",
            "settlement_openers",
            "person_titles",
            "speech_verbs",
            "stoplist",
            "name_openers",
            "between_words",
            "of_words",
            "container_links",
            "and_words",
            "border_words",
            "border_phrases",
            "glued_admin_units",
            "name_suffixes",
            # Those of name_suffixes that say "in" ("Kabil'de"): the name is a place phrase (places.py).
            "locative_suffixes",
            # Words right before a name that say it is a capital ("başkent Cezayir"): a country's namesake
            # capital is meant (resolution.py).
            "capital_words",
            # Clitics glued before a name ("بالموصل", "وبغداد"): tried off a word that names nothing (places.py).
            "glued_prefixes",
            # Capitalised heads of names of institutions and venues ("Chapman University"): the name
            # before one is a place only where it is well known (places.py).
            "institution_words",
            # Party letters before a hyphen and a hometown ("(R-Springfield)"), case kept (places.py).
            "party_tags",
            # Organisations and landmarks the gazetteer gives to some place ("White House"): never a toponym.
            "not_places",
            # Words after a name that make it a street's ("Elm Street"): no town of that name (places.py).
            "street_words",
            # Words right after a name in ALL-CAPS text that make it a settlement's ("CHIAPAS CANTON"):
            # never a country or a first-level area of that name (places.py).
            "settlement_after",
        ),
        "prepositions": MapOf(STR),
        "area_parts": MapOf(STR),
        "area_prefixes": MapOf(STR),
        # words_after: direction words after a distance after a name ("Bağdat'ın 200 km kuzeyinde").
        "directions": Table(
            {"linker": WORDS, "distance_units": MapOf(NUMBER), "words": MapOf(STR), "words_after": MapOf(STR)}
        ),
        # Words after a name that say where from it, where the language has postpositions
        # ("Halep yakınlarında": near Aleppo) -> a relation of sitrep.geo.relations (places.py).
        "postpositions": MapOf(STR),
        # Capitalised compass words written apart before a name the gazetteer lacks whole ("North Waziristan").
        "compass_prefixes": MapOf(STR),
        "admin_units": MapOf(INT),
        "demonyms": MapOf(WORDS),
        "area_demonyms": MapOf(WORDS),
        # foreign_country_zipf: in ALL-CAPS text a country's name in another language that is a word
        # of this one this frequent ("GRENADE": French for Grenada) is not that country (places.py).
        "common_words": Table(
            {"wordfreq_language": STR, "min_zipf": NUMBER, "noun_min_zipf": NUMBER, "foreign_country_zipf": NUMBER}
        ),
        "distance_links": Table(_words("words")),
        # verbs_after: speech verbs that follow the place in a verb-final language ("در کابل به خبرنگاران گفت").
        "speaker_cues": Table(_words("verbs", "between", "links", "venues", "verbs_after")),
        "area_references": Table(_words("phrases", "not_before")),
        "located_links": Table(_words("words")),
        "exonyms": MapOf(STR),
        # Press abbreviations of states and provinces after a town and a comma ("Macon, Ga."):
        # written form -> [ISO2, the area's gazetteer name]; the area holds the town (places.py).
        "area_abbreviations": MapOf(WORDS),
        # Postal codes of states ("FL"), read only in a party tag ("R-FL"): [ISO2, area name] (places.py).
        "postal_codes": MapOf(WORDS),
        # Case endings on names after prepositions ("у Харкові", "в Донецьку", "под Херсоном"):
        # [ending, replacement] pairs tried on each word of a name the gazetteer lacks as written,
        # to reach the name it knows (places.py); empty where names do not inflect.
        "case_endings": ListOf(WORDS),
        # German capitalises every noun: a capitalised word before a name is no sign of a person (places.py).
        "capitalised_nouns": BOOL,
    }
)

# Every pack file, by name (pack.toml, triggers.toml, ...).
PACK_SCHEMA: dict[str, Table] = {
    "pack": PACK,
    "triggers": TRIGGERS,
    "casualties": CASUALTIES,
    "numbers": NUMBERS,
    "dates": DATES,
    "actors": ACTORS,
    "claims": CLAIMS,
    "places": PLACES,
}

# The language-independent files of shared/.
SHARED_SCHEMA: dict[str, Table] = {
    "actors": Table(
        {
            "group": ListOf(
                Table({"name": STR, "aliases": WORDS, "exact_case": WORDS}, optional=frozenset({"exact_case"}))
            ),
            "sides": Table(dict.fromkeys(("military", "police", "civilians", "unidentified"), STR)),
            "compare": Table({**_words("articles", "unidentified"), "sides": Table(_words("military", "police"))}),
        }
    ),
    "datelines": Table(
        {"months": MapOf(INT), "month_abbreviations": MapOf(INT), "dateline_keywords": WORDS, "agencies": WORDS}
    ),
    "places": Table(
        {
            **_words("name_particles", "name_continuers", "name_articles", "country_name_languages", "elisions"),
            "admin_names": Table(
                {
                    **_words("linked_prefixes", "prefix_links", "prefixes", "suffixes", "everyday_languages"),
                    "everyday_zipf": NUMBER,
                }
            ),
            "compass_names": Table({"forms": MapOf(WORDS), **_words("suffixes")}),
        }
    ),
    # How text in every script is read for matching (sitrep/lang/scripts.py).
    "scripts": Table(
        {
            "ignored": STR,
            "same": MapOf(STR),
            "text_only": MapOf(STR),
            "between": ListOf(Table({"chars": STR, "to": STR, "letters": STR})),
        }
    ),
    # Language identification's candidates besides the packs' own, and language names for messages.
    "languages": Table({"world": WORDS, "neighbours": MapOf(WORDS), "names": MapOf(STR)}),
}


def validate(data: dict[str, Any], schema: Table, path: str) -> None:
    """PackError naming `path` and the first key of `data` that does not fit `schema`."""
    found = problems(data, schema, stop_at_first=True)
    if found:
        key, reason = found[0]
        raise PackError(f"{path}: {key}: {reason}")


def problems(data: Any, schema: Spec, stop_at_first: bool = False) -> list[tuple[str, str]]:
    """Every (key, reason) where `data` does not fit `schema`, in the file's order ("rules[16].shift",
    "expected an integer, got a string"); the key is "(file)" where the file itself is wrong.
    A user lexicon (sitrep/lang/lexicon.py) lists them all, with the line of each key."""
    found: list[tuple[str, str]] = []
    try:
        _check(data, schema, "", found, stop_at_first)
    except _Stop:
        pass
    return found


def partial(spec: Spec) -> Spec:
    """`spec` with every key of its tables optional, down through nested tables (not inside lists:
    a row of an array of tables is whole): the schema of a user lexicon's file, which extends a
    pack's file with only the keys it names."""
    if not isinstance(spec, Table):
        return spec
    keys = {name: partial(item) for name, item in spec.keys.items()}
    return Table(keys, optional=frozenset(keys), extra=spec.extra)


class _Stop(Exception):
    """The first problem was all that was asked for."""


def _add(found: list[tuple[str, str]], stop: bool, key: str, reason: str) -> None:
    found.append((key or "(file)", reason))
    if stop:
        raise _Stop


def _check(value: Any, spec: Spec, key: str, found: list[tuple[str, str]], stop: bool) -> None:
    if isinstance(spec, Scalar):
        # TOML booleans are Python ints too: true is no integer here.
        if not isinstance(value, spec.types) or (isinstance(value, bool) and bool not in spec.types):
            _fail(found, stop, key, spec, value)
    elif isinstance(spec, ListOf):
        if not isinstance(value, list):
            _fail(found, stop, key, spec, value)
            return
        for i, item in enumerate(value):
            _check(item, spec.item, f"{key}[{i}]", found, stop)
    elif isinstance(spec, MapOf):
        if not isinstance(value, dict):
            _fail(found, stop, key, spec, value)
            return
        for name, item in value.items():
            _check(item, spec.value, join_key(key, name), found, stop)
    else:
        _check_table(value, spec, key, found, stop)


def _check_table(value: Any, spec: Table, key: str, found: list[tuple[str, str]], stop: bool) -> None:
    if not isinstance(value, dict):
        _fail(found, stop, key, spec, value)
        return
    for name, item_spec in spec.keys.items():
        if name in value:
            _check(value[name], item_spec, join_key(key, name), found, stop)
        elif name not in spec.optional:
            _add(found, stop, join_key(key, name), f"missing (expected {item_spec.describe()})")
    for name in sorted(value.keys() - spec.keys.keys()):
        if spec.extra is None:
            _add(found, stop, join_key(key, name), f"unknown key (known: {', '.join(spec.keys)})")
        else:
            _check(value[name], spec.extra, join_key(key, name), found, stop)


def join_key(key: str, name: str) -> str:
    """A key's path as messages write it: a key that is not a bare TOML word (a group's name,
    "Møre og Romsdal") is quoted as TOML quotes it."""
    part = name if name.replace("_", "").replace("-", "").isalnum() and name.isascii() else f'"{name}"'
    return f"{key}.{part}" if key else part


def _fail(found: list[tuple[str, str]], stop: bool, key: str, spec: Spec, value: Any) -> None:
    _add(found, stop, key, f"expected {spec.describe()}, got {_kind(value)}")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    names = {str: "a string", int: "an integer", float: "a number", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)
