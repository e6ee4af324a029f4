"""Fuzzing the extractor: random and adversarial text (any Unicode, control characters, bidi
marks, huge numbers, very long tokens, nested brackets, date-like garbage, casualty words beside
random numbers) never makes extraction raise, and every event it returns satisfies the event
schema: types, precision values, non-negative ordered counts, evidence spans inside the text,
valid dates, and a serialised form that reads back the same."""

from __future__ import annotations

import datetime as dt
import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.extract import extract_document
from sitrep.records import PRECISIONS, Count, Document, Event, parse_date_text

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "killed",
    "wounded",
    "injured",
    "dead",
    "died",
    "bomb",
    "explosion",
    "airstrike",
    "attack",
    "gunmen",
    "suicide bomber",
    "clashes",
    "protesters",
    "at least",
    "more than",
    "dozens",
    "hundreds",
    "several",
    "some",
    "the toll rose to",
    "up to",
    "between",
    "and",
    "or",
    "of them",
    "people",
    "civilians",
    "soldiers",
    "police",
    "Islamic State",
    "ISIS",
    "Taliban",
    "al-Shabaab",
    "claimed responsibility",
    "blamed",
    "said",
    "on Monday",
    "yesterday",
    "last week",
    "a day later",
    "in",
    "near",
    "20 km west of",
    "north of",
    "between",
    "border",
    "province",
    "Kabul",
    "Mosul",
    "Deir ez-Zor",
    "San Salvador",
    "Oslo",
    "Mopti",
    "Syria",
    "Iraq",
    "IRAQ",
    "drept",
    "skadd",
    "eksplosjon",
    "angrep",
    "i går",
    "mandag",
    "nær",
    "politiet",
    "32/13/2020",
    "2020-02-30",
    "0000-00-00",
    "9999-12-31",
    "31 February 2021",
    "Feb 30",
    "99.99.9999",
    "year 0",
    "3 JAN 90",
    "JUNE 11 89 --",
    "Jan. 1, 10000",
    "1st of Smarch",
    "12:61",
    "2020-13-01",
    "(",
    ")",
    "[[[",
    "]]]",
    "((((",
    "))))",
    "{",
    "}",
    "--",
    "-",
    "–",
    "—",
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    '"',
    "“",
    "”",
    "\u200f",
    "\u200e",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\ufffd",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r",
    "\t",
    "\n",
    "\n\n",
    "ﷺ",
    "قتل",
    "انفجار",
    "دمشق",
    "😀",
    "Ⅻ",
    "²",
    "٣",
    "१२",
]
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**40).map(str),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["-5", "1e308", "0x1F", "½", "12-15", "3,000,000,000,000,000", "1.000.000", "٣٠"]),
)
TOKENS = st.one_of(
    st.sampled_from(WORDS),
    NUMBERS,
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000).map(lambda t: t.replace(" ", "")),
    st.integers(min_value=1, max_value=60).map(lambda n: "(" * n + "killed" + ")" * n),
)
ADVERSARIAL = st.lists(TOKENS, max_size=80).map(" ".join)
# "killed" next to random numbers, in sentences the rules were written for.
CASUALTIES = st.lists(
    st.tuples(
        NUMBERS,
        st.sampled_from(["killed", "wounded", "people were killed", "dead and", "were injured"]),
        st.sampled_from(["in Kabul", "near Mosul", "on Monday", "", "in northern Iraq", "i Oslo"]),
    ),
    min_size=1,
    max_size=12,
).map(lambda parts: " ".join(f"A bomb {w} {n} {p}." for n, w, p in parts))
TEXTS = st.one_of(st.text(max_size=2000), ADVERSARIAL, CASUALTIES)
PUBLISHED = st.one_of(st.none(), st.dates(), st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2030, 12, 31)))


def check_count(c: Count | None) -> None:
    if c is None:
        return
    values = [v for v in (c.low, c.best, c.high) if v is not None]
    assert all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values), c
    assert values, c  # a count with no figure at all is no count
    if c.low is not None and c.high is not None:
        assert c.low <= c.high, c
    if c.best is not None:
        assert (c.low is None or c.low <= c.best) and (c.high is None or c.best <= c.high), c


def check_event(e: Event, doc: Document) -> None:
    assert isinstance(e, Event) and e.doc_id == doc.id
    assert e.date is None or isinstance(e.date, dt.date)
    assert e.date_precision in (None, *PRECISIONS)
    for name in ("event_type", "sub_event_type", "actor1", "actor2", "claimed_by"):
        assert getattr(e, name) is None or (isinstance(getattr(e, name), str) and getattr(e, name)), name
    if e.location is not None:
        loc, place = e.location, e.location.place
        assert loc.precision in (1, 2, 3) and isinstance(loc.relation, str) and isinstance(place.name, str)
        assert place.country is None or (len(place.country) == 2 and place.country.isupper())
        assert place.lat is None or (math.isfinite(place.lat) and -90 <= place.lat <= 90)
        assert place.lon is None or (math.isfinite(place.lon) and -180 <= place.lon <= 180)
    check_count(e.fatalities)
    check_count(e.wounded)
    for name, span in e.evidence:
        assert isinstance(name, str) and 0 <= span.start <= span.end <= len(doc.text), (name, span)
    assert isinstance(e.confidence, float) and 0.0 <= e.confidence <= 1.0
    d = e.to_dict()
    json.dumps(d, allow_nan=False)
    assert Event.from_dict(json.loads(json.dumps(d))).to_dict() == d
    assert parse_date_text(d["date"]) == (
        e.date if e.date_precision in (None, "day", "week") else parse_date_text(d["date"])
    )


@SETTINGS
@given(text=TEXTS, published=PUBLISHED, lang=st.sampled_from(["en", "nb"]))
def test_extraction_never_raises_and_keeps_the_schema(text: str, published: dt.date | None, lang: str) -> None:
    doc = Document("fuzz", text, published, lang)
    for event in extract_document(doc):
        check_event(event, doc)
