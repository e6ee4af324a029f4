"""The FORMAT.md scorer behind `sitrep eval`.

`score` is a pure function over plain dicts (gold lines as in events.jsonl, system events as
`Event.to_dict()`); `evaluate` reads a benchmark folder, runs the extractor and scores it;
`format_report` renders the result as a short table.

Choices where FORMAT.md leaves room (kept here so the numbers can be explained):

* Dates are periods. A day is one day, `YYYY-MM` the whole month, `YYYY` the whole year. A
  system *day* must fall inside the gold window (gold day +-1 day, or the gold month/year). An
  `on_or_before` or `range_end` gold date is an upper bound: its window runs from 31 days before
  it (before the start of its month/year, when coarse) to 1 day after. A *coarse* system date
  matches when its period overlaps the gold period (an upper bound's window; for a gold day:
  the day itself, not its +-1 tolerance). A null date on either side matches.
* date_exact: the same date at the same precision ('2020-03' == '2020-03'). Against an upper
  bound a system day from 31 days before up to the bound itself counts as exact (FORMAT: "up to
  31 days earlier matches and counts as exact"); the day after matches but, as for an exact
  gold day, is not exact. Ranking pairs uses the same notion of an exact date.
* Locations: when both sides have coordinates, only the 50 km rule applies. Otherwise the
  country must agree and a system name or admin1 must equal (normalised) the gold name, one of
  its alt_names or its admin1. A system location without a country never matches a gold
  location with one. A gold location with no country imposes no country condition; a gold
  location with no name, no country and no coordinates (MUC `-`) matches nothing.
* Field accuracies are computed over matched pairs whose gold event is not optional. Where a
  gold null means "none" (fatalities, wounded, types, actor1) null == null counts as agreement;
  where it means "unknown to the coder" (date, country, coordinates) the pair is left out of
  that metric. Every metric reports its denominator in `metric_n`; a rate with no pairs is None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError
from sitrep.table import fixed_width

Json = dict[str, Any]
# The gold folder's documents.jsonl path -> system events (Event objects or Event.to_dict() dicts).
Extractor = Callable[[Path], Iterable[Any]]

MATCH_KM = 50.0
CLOSE_KM = 25.0
ON_OR_BEFORE_DAYS = 31
# Gold date kinds whose date is only an upper bound (MUC-4 "- 23 AUG 88", the end of "A - B").
UPPER_BOUND_KINDS = frozenset({"on_or_before", "range_end"})
EARTH_KM = 6371.0088

RATE_METRICS = (
    "fatalities_exact",
    "wounded_exact",
    "date_exact",
    "event_type_acc",
    "sub_event_type_acc",
    "actor1_acc",
    "location_25km",
    "country_acc",
)


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def is_day(self) -> bool:
        return self.start == self.end


def parse_period(value: Any) -> Period | None:
    """YYYY-MM-DD, YYYY-MM or YYYY (or a date) -> the period it covers; anything else -> None."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return Period(value, value)
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", str(value))
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)  # 0: not given
    try:
        if day:
            d = dt.date(year, month, day)
            return Period(d, d)
        if month:
            last = calendar.monthrange(year, month)[1]
            return Period(dt.date(year, month, 1), dt.date(year, month, last))
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    except ValueError:
        return None


def date_text(value: Any) -> str | None:
    """The date as FORMAT.md writes it at its own precision, so '2020-1-5' equals '2020-01-05'."""
    p = parse_period(value)
    if p is None:
        return None
    if p.is_day:
        return p.start.isoformat()
    if p.start.month == p.end.month:
        return p.start.strftime("%Y-%m")
    return str(p.start.year)


def is_upper_bound(gold: Mapping[str, Any]) -> bool:
    """True when the gold date only bounds the event from above (`on_or_before`, `range_end`)."""
    return gold.get("date_kind") in UPPER_BOUND_KINDS


def gold_window(gold: Mapping[str, Any]) -> Period | None:
    """The dates a system day may take for this gold event; None when the gold date is null."""
    p = parse_period(gold.get("date"))
    if p is None:
        return None
    if is_upper_bound(gold):
        return Period(p.start - dt.timedelta(days=ON_OR_BEFORE_DAYS), p.end + dt.timedelta(days=1))
    if not p.is_day:
        return p
    return Period(p.start - dt.timedelta(days=1), p.end + dt.timedelta(days=1))


def dates_compatible(gold: Mapping[str, Any], system: Mapping[str, Any]) -> bool:
    window = gold_window(gold)
    sys_p = parse_period(system.get("date"))
    if window is None or sys_p is None:
        return True
    if sys_p.is_day:
        return window.start <= sys_p.start <= window.end
    # A coarse system date only says "some time in this period": it must overlap the gold
    # period (the on_or_before window, or the gold day itself -- not its +-1 tolerance).
    core = window if is_upper_bound(gold) else parse_period(gold.get("date"))
    assert core is not None
    return sys_p.start <= core.end and core.start <= sys_p.end


def date_exact(gold: Mapping[str, Any], system: Mapping[str, Any]) -> bool | None:
    """Is the system date exact?  None when the gold date is unknown. Against an upper bound a
    system day up to 31 days earlier counts as exact (FORMAT.md `date_kind`); otherwise the
    dates must be equal at the same precision."""
    g, s = parse_period(gold.get("date")), parse_period(system.get("date"))
    if g is None:
        return None
    if s is not None and s.is_day and is_upper_bound(gold):
        return g.start - dt.timedelta(days=ON_OR_BEFORE_DAYS) <= s.start <= g.end
    return date_text(gold.get("date")) == date_text(system.get("date"))


def day_gap(gold: Mapping[str, Any], system: Mapping[str, Any]) -> int:
    """Days between the two dates (0 when one contains the other); for ranking pairs only."""
    g, s = parse_period(gold.get("date")), parse_period(system.get("date"))
    if g is None or s is None:
        return 0
    if s.end < g.start:
        return (g.start - s.end).days
    if g.end < s.start:
        return (s.start - g.end).days
    return 0


# --------------------------------------------------------------------------- places

_ARTICLE = re.compile(r"\b(?:al|el)[-\u2010\u2011' ]+(?=\w)")
_NON_WORD = re.compile(r"[\W_]+")


def normalise_name(name: Any) -> str:
    """Case, accents and the Arabic article al-/el- ignored: 'Al-Ḥasakah' == 'hasakah'."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _ARTICLE.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


def _coords(loc: Mapping[str, Any] | None) -> tuple[float, float] | None:
    if not loc or loc.get("lat") is None or loc.get("lon") is None:
        return None
    return float(loc["lat"]), float(loc["lon"])


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _country(loc: Mapping[str, Any] | None) -> str | None:
    c = (loc or {}).get("country")
    return str(c).strip().upper() if c else None


def country_only(gold_loc: Mapping[str, Any]) -> bool:
    """FORMAT.md: no name, or precision 3 with no admin1 and no coordinates."""
    if not gold_loc.get("name"):
        return True
    return gold_loc.get("precision") == 3 and not gold_loc.get("admin1") and _coords(gold_loc) is None


def location_level(gold_loc: Mapping[str, Any] | None, sys_loc: Mapping[str, Any] | None) -> tuple[int, float] | None:
    """None when the locations are incompatible; else (level, km) for ranking pairs:
    level 0 = coordinates within 50 km or the gold name itself, 1 = an alt name or admin1,
    2 = country only. km is the distance when both sides have coordinates, else 0."""
    gold_loc = gold_loc or {}
    g_xy, s_xy = _coords(gold_loc), _coords(sys_loc)
    if g_xy and s_xy:
        km = km_between(g_xy, s_xy)
        return (0, km) if km <= MATCH_KM else None
    g_country = _country(gold_loc)
    if not (g_country or gold_loc.get("name") or g_xy):
        return None  # the gold knows nothing about where: nothing can match it
    if g_country and _country(sys_loc) != g_country:
        return None
    if country_only(gold_loc):
        return (2, 0.0) if g_country else None
    sys_names = {normalise_name((sys_loc or {}).get(k)) for k in ("name", "admin1")} - {""}
    if normalise_name(gold_loc.get("name")) in sys_names:
        return (0, 0.0)
    others = [*(gold_loc.get("alt_names") or []), gold_loc.get("admin1")]
    if sys_names & {normalise_name(n) for n in others}:
        return (1, 0.0)
    return None


# --------------------------------------------------------------------------- matching


def pair_rank(gold: Mapping[str, Any], system: Mapping[str, Any]) -> tuple | None:
    """None when the pair cannot match; else a sort key, smaller = better pair.

    Order: exact date first, then the closer place (name over alt name/admin1 over country,
    fewer km), fewer days apart, same event type, same sub-event type, a non-optional gold
    before an optional one (so background events do not take a system event from a real one),
    then same fatalities, wounded and actor1 -- so among look-alike events in one report each
    system event pairs with the one it describes."""
    if not dates_compatible(gold, system):
        return None
    place = location_level(gold.get("location"), system.get("location"))
    if place is None:
        return None
    return (
        _date_level(gold, system),
        place[0],
        round(place[1], 3),
        day_gap(gold, system),
        gold.get("event_type") != system.get("event_type"),
        gold.get("sub_event_type") != system.get("sub_event_type"),
        bool(gold.get("optional")),
        gold.get("fatalities") != system.get("fatalities"),
        gold.get("wounded") != system.get("wounded"),
        _casefold(gold.get("actor1")) != _casefold(system.get("actor1")),
    )


def _date_level(gold: Mapping[str, Any], system: Mapping[str, Any]) -> int:
    """0 = an exact date (or both unknown), 1 = a matching but inexact one, 2 = one side unknown."""
    known = (parse_period(gold.get("date")) is not None, parse_period(system.get("date")) is not None)
    if not all(known):
        return 0 if known == (False, False) else 2
    return 0 if date_exact(gold, system) else 1


def _casefold(value: Any) -> str:
    return str(value or "").strip().casefold()


def match_document(golds: Sequence[Mapping[str, Any]], systems: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one matching inside a document, best pairs first (greedy over pair_rank).
    Returns (gold index, system index) pairs; ties fall back to input order."""
    candidates = []
    for gi, g in enumerate(golds):
        for si, s in enumerate(systems):
            rank = pair_rank(g, s)
            if rank is not None:
                candidates.append((rank, gi, si))
    return one_to_one(candidates)


def one_to_one(candidates: Iterable[tuple[Any, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing: (rank, gold index, system index) triples, smallest rank
    first, each index used once. Returns (gold index, system index) pairs in gold order."""
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, gi, si in sorted(candidates):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return sorted(pairs)


# --------------------------------------------------------------------------- field scores


def _same_actor(gold: Any, system: Any) -> bool:
    # Imported late: the lead owns the alias table and it may load data files.
    from sitrep.extract.actors import normalise_actor

    return normalise_actor(gold) == normalise_actor(system)  # both None: agreement


def field_checks(gold: Mapping[str, Any], system: Mapping[str, Any]) -> dict[str, bool | None]:
    """Per matched pair: metric -> agreed?  None = not scorable for this pair (gold unknown)."""
    g_loc, s_loc = gold.get("location") or {}, system.get("location") or {}
    g_xy, s_xy = _coords(g_loc), _coords(s_loc)
    return {
        "fatalities_exact": gold.get("fatalities") == system.get("fatalities"),
        "wounded_exact": gold.get("wounded") == system.get("wounded"),
        "date_exact": date_exact(gold, system),
        "event_type_acc": gold.get("event_type") == system.get("event_type"),
        "sub_event_type_acc": gold.get("sub_event_type") == system.get("sub_event_type"),
        "actor1_acc": _same_actor(gold.get("actor1"), system.get("actor1")),
        "location_25km": None if not (g_xy and s_xy) else km_between(g_xy, s_xy) <= CLOSE_KM,
        "country_acc": None if not _country(g_loc) else _country(g_loc) == _country(s_loc),
    }


# --------------------------------------------------------------------------- traps

_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:(?:,|\.|\u00a0|\u202f)\d{3})+(?![\d])|\d+")


def trap_numbers(trap: Mapping[str, Any]) -> set[int]:
    """The `number` field, else every figure in the phrase ('5,200' -> 5200, '8,089,320')."""
    if trap.get("number") is not None:
        return {int(trap["number"])}
    return {int(re.sub(r"\D", "", m)) for m in _NUMBER.findall(str(trap.get("text") or ""))}


def trap_hit(trap: Mapping[str, Any], systems: Iterable[Mapping[str, Any]]) -> bool:
    numbers = trap_numbers(trap)
    return any(s.get(k) in numbers for s in systems for k in ("fatalities", "wounded") if s.get(k) is not None)


# --------------------------------------------------------------------------- scoring


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        # Nothing predicted (p undefined) against real gold still scores 0, not n/a.
        return 0.0 if 0.0 in (p, r) else None
    return 2 * p * r / (p + r) if p + r else 0.0


def _by_doc(items: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    out: dict[str, list[Mapping[str, Any]]] = {}
    for item in items:
        out.setdefault(str(item.get("doc_id")), []).append(item)
    return out


def _score_document(doc_id: str, golds: list, systems: list, unscored: set[str], agree: dict[str, list[bool]]) -> Json:
    """Match one document; add its field checks to `agree`; return its detail row."""
    pairs = match_document(golds, systems)
    matched_g = {gi for gi, _ in pairs}
    matched_s = {si for _, si in pairs}
    row: Json = {
        "doc_id": doc_id,
        "gold": sum(not g.get("optional") for g in golds),
        "system": len(systems),
        "hits": 0,
        "false_alarms": 0,
        "missed": 0,
        "ignored": 0,
        "pairs": [],
        "missed_ids": [],
    }
    for gi, si in pairs:
        g = golds[gi]
        row["pairs"].append([g.get("id", gi), si])
        if g.get("optional"):
            row["ignored"] += 1
            continue
        row["hits"] += 1
        for name, ok in field_checks(g, systems[si]).items():
            if ok is not None:
                agree[name].append(ok)
    for si, s in enumerate(systems):
        if si not in matched_s:
            row["ignored" if s.get("event_type") in unscored else "false_alarms"] += 1
    for gi, g in enumerate(golds):
        if gi not in matched_g and not g.get("optional"):
            row["missed"] += 1
            row["missed_ids"].append(g.get("id", gi))
    return row


def score(
    document_ids: Iterable[str],
    gold_events: Iterable[Mapping[str, Any]],
    system_events: Iterable[Mapping[str, Any]],
    traps: Iterable[Mapping[str, Any]] = (),
    unscored_unmatched_types: Iterable[str] = (),
) -> Json:
    """Score system events against gold events as FORMAT.md says; see the module docstring."""
    gold_by_doc, sys_by_doc = _by_doc(gold_events), _by_doc(system_events)
    doc_ids = list(dict.fromkeys([*map(str, document_ids), *gold_by_doc, *sys_by_doc]))
    unscored = set(unscored_unmatched_types)
    agree: dict[str, list[bool]] = {name: [] for name in RATE_METRICS}
    rows = [_score_document(d, gold_by_doc.get(d, []), sys_by_doc.get(d, []), unscored, agree) for d in doc_ids]

    counts = {k: sum(r[k] for r in rows) for k in ("gold", "system", "hits", "false_alarms", "missed", "ignored")}
    counts["documents"] = len(doc_ids)
    counts["gold_optional"] = sum(1 for gs in gold_by_doc.values() for g in gs if g.get("optional"))
    precision = _ratio(counts["hits"], counts["hits"] + counts["false_alarms"])
    recall = _ratio(counts["hits"], counts["gold"])

    trap_list = list(traps)
    hit_traps = [t for t in trap_list if trap_hit(t, sys_by_doc.get(str(t.get("doc_id")), []))]
    metrics: Json = {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}
    metrics |= {name: _ratio(sum(oks), len(oks)) for name, oks in agree.items()}
    metrics["traps_hit"] = len(hit_traps)
    return {
        "counts": counts,
        "metrics": metrics,
        "metric_n": {name: len(oks) for name, oks in agree.items()},
        "traps": {
            "phrases": len(trap_list),
            "hit": len(hit_traps),
            "hits": [{"doc_id": t.get("doc_id"), "text": t.get("text")} for t in hit_traps],
        },
        "documents": rows,
    }


# --------------------------------------------------------------------------- evaluate


def _read_jsonl(path: Path) -> list[Json]:
    out = []
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        out.append(json.loads(line))
                    except json.JSONDecodeError as e:
                        raise SitrepError(f"{path}:{n}: not JSON ({e.msg})") from None
    except OSError as e:
        raise SitrepError(f"{path}: cannot read ({e.strerror or e})") from None
    return out


def _require(path: Path) -> Path:
    if not path.is_file():
        raise SitrepError(f"{path}: missing (a benchmark folder needs documents.jsonl and events.jsonl)")
    return path


def default_extract(documents: Path, errors: list[str] | None = None) -> Iterable[Any]:
    """Read the benchmark documents with sitrep.read and extract each; bad inputs go to `errors`."""
    from sitrep.errors import InputError
    from sitrep.extract import extract_document
    from sitrep.read import read_inputs

    for item in read_inputs([str(documents)]):
        if isinstance(item, InputError):
            if errors is not None:
                errors.append(str(item))
            continue
        try:
            yield from extract_document(item)
        except SitrepError as e:
            if errors is not None:
                errors.append(f"{item.id}: {e}")


def _as_dict(event: Any) -> Json:
    return dict(event) if isinstance(event, Mapping) else event.to_dict()


def evaluate(directory: Path | str, extract: Extractor | None = None) -> Json:
    """Run extraction over DIR/documents.jsonl and score it against DIR/events.jsonl (plus
    DIR/traps.jsonl and DIR/set.json when present). `extract` (documents path -> events) lets
    tests and other systems stand in for sitrep's own extractor."""
    directory = Path(directory)
    documents = _read_jsonl(_require(directory / "documents.jsonl"))
    gold = _read_jsonl(_require(directory / "events.jsonl"))
    traps_path = directory / "traps.jsonl"
    traps = _read_jsonl(traps_path) if traps_path.is_file() else []
    settings = _read_set(directory / "set.json")
    errors: list[str] = []
    if extract is None:
        system = [_as_dict(e) for e in default_extract(directory / "documents.jsonl", errors)]
    else:
        system = [_as_dict(e) for e in extract(directory / "documents.jsonl")]
    report = score(
        [str(d.get("id")) for d in documents], gold, system, traps, settings.get("unscored_unmatched_types", ())
    )
    report["set"] = directory.name
    report["input_errors"] = errors
    return report


def _read_set(path: Path) -> Json:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise SitrepError(f"{path}: not a readable JSON object ({e})") from None
    if not isinstance(data, dict):
        raise SitrepError(f"{path}: not a JSON object")
    return data


# --------------------------------------------------------------------------- report


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def format_report(report: Mapping[str, Any], worst: int = 10) -> str:
    """A readable table: counts, detection scores, field accuracies, traps, worst documents."""
    c, m, n = report["counts"], report["metrics"], report.get("metric_n", {})
    lines = [
        f"set: {report.get('set', '-')}   documents: {c['documents']}",
        f"gold: {c['gold']} (+{c['gold_optional']} optional)   system: {c['system']}   "
        f"hits: {c['hits']}   false alarms: {c['false_alarms']}   missed: {c['missed']}   "
        f"ignored: {c['ignored']}",
        "",
    ]
    t = report.get("traps", {})
    metrics = [
        (name, _fmt(m.get(name)), _fmt(n.get(name, ""))) for name in ("precision", "recall", "f1", *RATE_METRICS)
    ]
    metrics.append(("traps_hit", _fmt(m.get("traps_hit")), _fmt(t.get("phrases", 0))))
    lines += fixed_width(("metric", "value", "n"), metrics, right_aligned={"value", "n"})
    bad = sorted(
        (r for r in report.get("documents", []) if r["false_alarms"] or r["missed"]),
        key=lambda r: (-(r["false_alarms"] + r["missed"]), r["doc_id"]),
    )[:worst]
    if bad:
        headers = ("doc_id", "gold", "sys", "hit", "fa", "miss")
        rows = [(r["doc_id"], *(str(r[k]) for k in ("gold", "system", "hits", "false_alarms", "missed"))) for r in bad]
        lines += [
            "",
            f"worst documents (of {len(report['documents'])}):",
            *fixed_width(headers, rows, right_aligned=headers[1:]),
        ]
    if report.get("input_errors"):
        lines += ["", f"{len(report['input_errors'])} input(s) could not be read or extracted"]
    return "\n".join(lines)
