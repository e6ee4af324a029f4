"""The FORMAT.md toponym scorer behind `sitrep eval-geo` (sets `geo-*` and `ner-*`).

`score_geo` is a pure function over plain dicts (gold lines as in toponyms.jsonl, system
toponyms as `PlaceMention.to_dict()` plus `doc_id`); `evaluate_geo` reads a set, runs
`sitrep.geoparse` and `sitrep.resolve` and scores them; `format_geo_report` renders a table.

Choices where FORMAT.md leaves room (kept here so the numbers can be explained):

* Spans overlap when they share at least one character. Pairs are made greedily by overlap
  length, ties in gold then system order.
* A system span that is not matched and overlaps an `other_spans` span is "ignored": it is
  left out of the system count, so it is neither a hit nor a false alarm.
* A system demonym (`kind` "demonym": "Syrian", "European") that matches no gold span is
  ignored too: FORMAT.md counts demonyms among the place names used for something else, the
  spans of `other_spans`, which a set that does not annotate demonyms (NorNE) does not list. One
  that a set has as a gold toponym ("the European market" in GeoWebNews) is a hit. The report
  gives how many demonyms were matched and ignored (`recognition.demonyms`).
* Resolution is scored over matched gold toponyms that have gold coordinates; a gold toponym
  without them (every `ner-*` row) is left out, and with none left the scores are None (n/a).
  The exact-place rate is over matched gold toponyms with a gold geonameid (compared as text:
  4343454 == "4343454"), whether or not they have coordinates.
* AUC (Gritta et al. 2018) is undefined for one error (no area, n - 1 = 0): it is then that
  error's ln(error + 1) / ln(20039), the height of the flat curve it would draw.
* Resolution-only: every gold span of a document goes to `sitrep.resolve` in one call; a None
  answer counts as "no coordinates" (20039 km).
"""

from __future__ import annotations

import math
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError
from sitrep.eval import _by_doc, _f1, _fmt, _ratio, _read_jsonl, km_between, one_to_one
from sitrep.table import fixed_width

Json = dict[str, Any]
Toponym = Mapping[str, Any]

UNRESOLVED_KM = 20039.0  # FORMAT.md / Gritta et al.: the error when the system gives no coordinates
ACC_KM = 161.0  # 100 miles, the customary geoparsing tolerance
TOP = 12  # how many frequent false positives / misses a report lists

RESOLUTION_KEYS = ("acc161", "median_km", "mean_km", "auc", "exact")


# --------------------------------------------------------------------------- recognition


def overlap(a: Toponym, b: Toponym) -> int:
    """Characters two spans share (0 or less: they do not overlap)."""
    return min(int(a["end"]), int(b["end"])) - max(int(a["start"]), int(b["start"]))


def match_spans(golds: Sequence[Toponym], systems: Sequence[Toponym]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans, largest overlap first."""
    return one_to_one(
        (-ov, gi, si) for gi, g in enumerate(golds) for si, s in enumerate(systems) if (ov := overlap(g, s)) > 0
    )


def _recognise_document(golds: list[Toponym], systems: list[Toponym], others: list[Toponym]) -> Json:
    """Match one document: its pairs, and its unmatched system spans split into ignored ones
    (on an other_spans span) and false positives."""
    pairs = match_spans(golds, systems)
    matched_g, matched_s = {gi for gi, _ in pairs}, {si for _, si in pairs}
    unmatched = [s for si, s in enumerate(systems) if si not in matched_s]
    on_other = [s.get("kind") == "demonym" or any(overlap(s, o) > 0 for o in others) for s in unmatched]
    return {
        "pairs": [(golds[gi], systems[si]) for gi, si in pairs],
        "ignored": sum(on_other),
        "demonyms": sum(s.get("kind") == "demonym" for s in systems),
        "demonyms_matched": sum(systems[si].get("kind") == "demonym" for _, si in pairs),
        "false_positives": [s for s, ignored in zip(unmatched, on_other) if not ignored],
        "misses": [g for gi, g in enumerate(golds) if gi not in matched_g],
    }


def _frequent(toponyms: Iterable[Toponym]) -> list[list[Any]]:
    """The most frequent span texts, as [text, count] rows."""
    counts = Counter(str(t.get("text") or "") for t in toponyms)
    return [[text, n] for text, n in counts.most_common(TOP)]


# --------------------------------------------------------------------------- resolution


def _coords(item: Toponym | None) -> tuple[float, float] | None:
    if not item or item.get("lat") is None or item.get("lon") is None:
        return None
    return float(item["lat"]), float(item["lon"])


def error_km(gold: Toponym, system: Toponym | None) -> float | None:
    """Great-circle km from the gold to the system place; 20039 when the system has no
    coordinates; None when the gold has none (not scorable)."""
    g_xy = _coords(gold)
    if g_xy is None:
        return None
    s_xy = _coords(system)
    return UNRESOLVED_KM if s_xy is None else km_between(g_xy, s_xy)


def _geonameid(value: Any) -> str | None:
    """A GeoNames id as text, so that an int and its string compare equal; None when absent."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value).strip()
    return text or None


def auc(errors: Sequence[float]) -> float | None:
    """Gritta et al. (2018): trapezoid area under sorted ln(error + 1), over ln(20039) * (n - 1)."""
    if not errors:
        return None
    logs = sorted(math.log(e + 1) for e in errors)
    if len(logs) == 1:
        return logs[0] / math.log(UNRESOLVED_KM)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:]))
    return area / (math.log(UNRESOLVED_KM) * (len(logs) - 1))


def score_resolution(pairs: Iterable[tuple[Toponym, Toponym | None]]) -> Json | None:
    """Resolution scores over (gold, system or None) pairs; None when no gold has coordinates
    or a geonameid (nothing to score)."""
    errors: list[float] = []
    exact: list[bool] = []
    for gold, system in pairs:
        km = error_km(gold, system)
        if km is not None:
            errors.append(km)
        gold_id = _geonameid(gold.get("geonameid"))
        if gold_id is not None:
            exact.append(gold_id == _geonameid((system or {}).get("geonameid")))
    if not errors and not exact:
        return None
    return {
        "n": len(errors),
        "acc161": _ratio(sum(e <= ACC_KM for e in errors), len(errors)),
        "median_km": statistics.median(errors) if errors else None,
        "mean_km": statistics.fmean(errors) if errors else None,
        "auc": auc(errors),
        "exact_n": len(exact),
        "exact": _ratio(sum(exact), len(exact)),
    }


# --------------------------------------------------------------------------- scoring


def score_geo(
    document_ids: Iterable[str],
    gold: Iterable[Toponym],
    system: Iterable[Toponym],
    other_spans: Iterable[Toponym] = (),
    given: Sequence[Toponym | None] | None = None,
) -> Json:
    """Score system toponyms (dicts with doc_id, start, end, lat, lon, geonameid) against gold
    toponyms as FORMAT.md says. `given`, when not None, is the system's answer for each gold
    toponym in `gold` order with the gold spans given to it (resolution-only); see the module
    docstring for the choices made."""
    gold = list(gold)
    gold_by_doc, sys_by_doc, other_by_doc = _by_doc(gold), _by_doc(system), _by_doc(other_spans)
    doc_ids = list(dict.fromkeys([*map(str, document_ids), *gold_by_doc, *sys_by_doc]))
    docs = [
        _recognise_document(gold_by_doc.get(d, []), sys_by_doc.get(d, []), other_by_doc.get(d, [])) for d in doc_ids
    ]
    pairs = [pair for doc in docs for pair in doc["pairs"]]
    recognition = _recognition_counts(
        len(gold), sum(len(s) for s in sys_by_doc.values()), len(pairs), sum(d["ignored"] for d in docs)
    )
    recognition["demonyms"] = {
        "system": sum(d["demonyms"] for d in docs),
        "matched": sum(d["demonyms_matched"] for d in docs),
    }
    report: Json = {
        "documents": len(doc_ids),
        "recognition": recognition,
        "resolution": score_resolution(pairs),
        "resolution_only": None if given is None else score_resolution(zip(gold, given, strict=True)),
        "false_positives": _frequent(s for d in docs for s in d["false_positives"]),
        "misses": _frequent(g for d in docs for g in d["misses"]),
    }
    report["metrics"] = _flat_metrics(report)
    return report


def _recognition_counts(gold: int, system_all: int, matched: int, ignored: int) -> Json:
    system = system_all - ignored
    precision, recall = _ratio(matched, system), _ratio(matched, gold)
    return {
        "gold": gold,
        "system": system,
        "ignored": ignored,
        "matched": matched,
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
    }


def _flat_metrics(report: Mapping[str, Any]) -> Json:
    """One flat name -> value map (the keys of tests/eval_floors.toml): recognition scores,
    resolution scores, and resolution-only scores prefixed `resolution_only_`."""
    rec = report["recognition"]
    metrics: Json = {name: rec[name] for name in ("precision", "recall", "f1")}
    for prefix, key in (("", "resolution"), ("resolution_only_", "resolution_only")):
        scores = report[key] or {}
        metrics |= {prefix + name: scores.get(name) for name in RESOLUTION_KEYS}
    return metrics


# --------------------------------------------------------------------------- evaluate


def _require(path: Path) -> Path:
    if not path.is_file():
        raise SitrepError(f"{path}: missing (a toponym set needs documents.jsonl and toponyms.jsonl)")
    return path


def _read_records(path: Path, fields: Mapping[str, type | tuple[type, ...]]) -> list[Json]:
    """The JSON objects of a .jsonl file, each checked to carry `fields` with the given types."""
    records = _read_jsonl(path)
    for n, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise SitrepError(f"{path}: record {n} is not a JSON object")
        for name, kind in fields.items():
            if not isinstance(record.get(name), kind) or isinstance(record.get(name), bool):
                raise SitrepError(f"{path}: record {n} has no valid {name!r}")
    return records


SPAN_FIELDS: dict[str, type | tuple[type, ...]] = {"doc_id": (str, int), "start": int, "end": int}


def read_geo_set(directory: Path) -> tuple[list[Json], list[Json], list[Json]]:
    """(documents, gold toponyms, other spans) of a toponym set; SitrepError naming the file
    when one is missing or broken. other_spans.jsonl may be absent."""
    if not directory.is_dir():
        raise SitrepError(f"{directory}: no such folder")
    documents = _read_records(_require(directory / "documents.jsonl"), {"id": (str, int), "text": str})
    gold = _read_records(_require(directory / "toponyms.jsonl"), SPAN_FIELDS)
    others_path = directory / "other_spans.jsonl"
    others = _read_records(others_path, SPAN_FIELDS) if others_path.is_file() else []
    return documents, gold, others


def _language(document: Mapping[str, Any]) -> str | None:
    return str(document["language"]) if document.get("language") else None


def run_geoparse(documents: Iterable[Mapping[str, Any]], errors: list[str]) -> list[Json]:
    """sitrep.geoparse over each document, as doc_id + PlaceMention.to_dict() rows; a document
    that fails is reported in `errors` and contributes nothing."""
    from sitrep.geo import geoparse

    out: list[Json] = []
    for doc in documents:
        try:
            found = geoparse(doc["text"], _language(doc))
        except SitrepError as e:
            errors.append(f"{doc['id']}: {e}")
            continue
        out += [{"doc_id": str(doc["id"]), **m.to_dict()} for m in found]
    return out


def run_resolve(
    documents: Iterable[Mapping[str, Any]], gold: Sequence[Toponym], errors: list[str]
) -> list[Json | None]:
    """sitrep.resolve with each document's gold spans (one call a document); the answers in
    `gold` order, None where the system has nothing or the document failed."""
    from sitrep.geo import resolve

    answers: list[Json | None] = [None] * len(gold)
    wanted: dict[str, list[int]] = {}
    for i, g in enumerate(gold):
        wanted.setdefault(str(g["doc_id"]), []).append(i)
    for doc in documents:
        indices = wanted.get(str(doc["id"]), [])
        if not indices:
            continue
        try:
            found = resolve(doc["text"], [(gold[i]["start"], gold[i]["end"]) for i in indices], _language(doc))
        except SitrepError as e:
            errors.append(f"{doc['id']}: {e}")
            continue
        for i, m in zip(indices, found, strict=True):
            answers[i] = None if m is None else m.to_dict()
    return answers


def _scorable(gold: Iterable[Toponym]) -> bool:
    """Whether any gold toponym has coordinates or a geonameid (ner-* sets have neither)."""
    return any(_coords(g) or _geonameid(g.get("geonameid")) for g in gold)


def evaluate_geo(directory: Path | str) -> Json:
    """Run sitrep's geoparser over DIR/documents.jsonl and score it against DIR/toponyms.jsonl
    (and DIR/other_spans.jsonl); resolution-only runs too when the gold has places to resolve."""
    directory = Path(directory)
    documents, gold, others = read_geo_set(directory)
    started = time.perf_counter()
    errors: list[str] = []
    system = run_geoparse(documents, errors)
    # Resolution-only costs a second pass; skip it where there is nothing to score it against.
    given = run_resolve(documents, gold, errors) if _scorable(gold) else None
    report = score_geo([str(d["id"]) for d in documents], gold, system, others, given)
    report["set"] = directory.name
    report["seconds"] = round(time.perf_counter() - started, 2)
    report["input_errors"] = errors
    return report


# --------------------------------------------------------------------------- report


def _km(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _resolution_rows(report: Mapping[str, Any]) -> list[str]:
    both = [report.get("resolution") or {}, report.get("resolution_only") or {}]
    cells = [
        ("n", "n", _fmt),
        ("acc161", "acc161", _fmt),
        ("auc", "auc", _fmt),
        ("exact", "exact", _fmt),
        ("exact n", "exact_n", _fmt),
        ("median_km", "median_km", _km),
        ("mean_km", "mean_km", _km),
    ]
    rows = [(label, *(show(r.get(key)) for r in both)) for label, key, show in cells]
    return fixed_width(("resolution", "end-to-end", "gold spans"), rows, right_aligned={"end-to-end", "gold spans"})


def _demonym_line(rec: Mapping[str, Any]) -> list[str]:
    d = rec.get("demonyms") or {}
    if not d.get("system"):
        return []
    return [f"demonyms (kind demonym): {d['system']}, {d['matched']} on gold toponyms, the others ignored"]


def format_geo_report(report: Mapping[str, Any]) -> str:
    """A readable table: recognition counts and scores, resolution end-to-end and with the gold
    spans given, and the most frequent false positives and misses."""
    rec = report["recognition"]
    lines = [
        f"set: {report.get('set', '-')}   documents: {report['documents']}   seconds: {_fmt(report.get('seconds'))}",
        f"gold: {rec['gold']}   system: {rec['system']} (+{rec['ignored']} on other spans, ignored)   "
        f"matched: {rec['matched']}",
        *_demonym_line(rec),
        "",
        *fixed_width(
            ("recognition", "value"),
            [(name, _fmt(rec[name])) for name in ("precision", "recall", "f1")],
            right_aligned={"value"},
        ),
    ]
    if report.get("resolution") is None and report.get("resolution_only") is None:
        lines += ["", "resolution: n/a (no gold coordinates or geonameids)"]
    else:
        lines += ["", *_resolution_rows(report)]
    for key, title in (("false_positives", "frequent false positives"), ("misses", "frequent misses")):
        if report.get(key):
            lines += ["", f"{title}: " + ", ".join(f"{text} x{n}" for text, n in report[key])]
    if report.get("input_errors"):
        lines += ["", f"{len(report['input_errors'])} document(s) could not be geoparsed"]
    return "\n".join(lines)
