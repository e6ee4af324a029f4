"""The toponym scorer (FORMAT.md, "Toponym sets") on hand-written sets, and the `eval-geo` and
`geoparse` commands. No ../shared needed: the gate on the shared sets is in test_eval_gate.py."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.errors import SitrepError
from sitrep.eval_geo import (
    UNRESOLVED_KM,
    auc,
    error_km,
    evaluate_geo,
    format_geo_report,
    match_spans,
    score_geo,
    score_resolution,
)

# One degree of longitude on the equator: 2 * pi * 6371.0088 / 360 km.
DEGREE_KM = 111.19508


def top(
    start: int, end: int, doc: str = "d1", xy: tuple[float, float] | None = None, geonameid: Any = None, text: str = ""
) -> dict[str, Any]:
    lat, lon = xy if xy else (None, None)
    return {"doc_id": doc, "start": start, "end": end, "text": text, "lat": lat, "lon": lon, "geonameid": geonameid}


def write_set(folder: Path, documents: list[dict], toponyms: list[dict], others: list[dict] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files = {"documents.jsonl": documents, "toponyms.jsonl": toponyms}
    if others is not None:
        files["other_spans.jsonl"] = others
    for name, rows in files.items():
        (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return folder


# ---------------------------------------------------------------- recognition


def test_overlap_matching_is_one_to_one_largest_overlap_first() -> None:
    golds = [top(0, 8), top(8, 20)]
    # s0 overlaps g0 by 3 and g1 by 4; s1 overlaps g0 by 6. Largest first: s1-g0, then s0-g1.
    systems = [top(5, 12), top(0, 6)]
    assert match_spans(golds, systems) == [(0, 1), (1, 0)]
    # One gold span takes one system span: s0 (overlap 5) wins g0, s1 (overlap 4) is left over.
    assert match_spans([top(0, 10), top(30, 40)], [top(5, 12), top(6, 10)]) == [(0, 0)]


def test_touching_spans_do_not_overlap() -> None:
    assert match_spans([top(0, 5)], [top(5, 9)]) == []


def test_recognition_counts_and_other_spans_exclusion() -> None:
    golds = [top(0, 5), top(10, 15), top(20, 25), top(0, 4, doc="d2")]
    systems = [
        top(0, 5),
        top(11, 14),  # two hits
        top(30, 36),  # on an other span: ignored
        top(40, 44),  # false alarm
        top(0, 4, doc="d3"),  # a document without gold: false alarm
    ]
    others = [top(29, 31), top(20, 25, doc="d2")]
    rec = score_geo(["d1", "d2", "d3"], golds, systems, others)["recognition"]
    assert rec == {
        "gold": 4,
        "system": 4,
        "ignored": 1,
        "matched": 2,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "demonyms": {"system": 0, "matched": 0},
    }


def test_a_demonym_is_a_hit_on_gold_and_ignored_elsewhere() -> None:
    """FORMAT.md counts demonyms among the spans of other_spans: one the set has as a gold
    toponym is a hit, one it does not list is neither a hit nor a false alarm."""
    golds = [top(0, 8)]
    systems = [{**top(0, 8), "kind": "demonym"}, {**top(20, 26), "kind": "demonym"}, {**top(30, 35), "kind": "toponym"}]
    rec = score_geo(["d1"], golds, systems)["recognition"]
    assert (rec["matched"], rec["system"], rec["ignored"], rec["precision"]) == (1, 2, 1, 0.5)
    assert rec["demonyms"] == {"system": 2, "matched": 1}


def test_a_matched_span_on_an_other_span_still_counts() -> None:
    rec = score_geo(["d1"], [top(0, 5)], [top(0, 5)], [top(0, 5)])["recognition"]
    assert (rec["system"], rec["ignored"], rec["precision"]) == (1, 0, 1.0)


def test_nothing_found_scores_zero_not_na() -> None:
    rec = score_geo(["d1"], [top(0, 5)], [])["recognition"]
    assert (rec["recall"], rec["precision"], rec["f1"]) == (0.0, None, 0.0)


def test_frequent_false_positives_and_misses() -> None:
    systems = [
        top(0, 4, text="Will"),
        top(9, 13, text="Will"),
        top(20, 25, text="Paris"),
        top(40, 46, text="Syrian"),
    ]  # on an other span: not a false positive
    report = score_geo(["d1"], [top(30, 35, text="Rome")], systems, [top(40, 46)])
    assert report["false_positives"] == [["Will", 2], ["Paris", 1]]
    assert report["misses"] == [["Rome", 1]]


# ---------------------------------------------------------------- resolution


def test_error_km_on_the_equator_and_without_coordinates() -> None:
    assert error_km(top(0, 1, xy=(0, 0)), top(0, 1, xy=(0, 1))) == pytest.approx(DEGREE_KM, abs=1e-3)
    assert error_km(top(0, 1, xy=(0, 0)), top(0, 1)) == UNRESOLVED_KM
    assert error_km(top(0, 1, xy=(0, 0)), None) == UNRESOLVED_KM
    assert error_km(top(0, 1), top(0, 1, xy=(0, 0))) is None  # gold without coordinates


def test_auc_by_hand() -> None:
    # ln(e + 1) sorted: 0, ln 112.19508, ln 223.39016, ln 20040
    #   = 0, 4.720239, 5.408920, 9.905486; trapezoids: 2.360120 + 5.064579 + 7.657203 = 15.081902;
    # over ln(20039) * 3 = 29.716307 -> 0.507529
    assert auc([UNRESOLVED_KM, 0.0, 2 * DEGREE_KM, DEGREE_KM]) == pytest.approx(0.507529, abs=1e-5)
    assert auc([0.0, 0.0]) == 0.0
    assert auc([UNRESOLVED_KM]) == pytest.approx(math.log(20040) / math.log(20039))
    assert auc([]) is None


def test_resolution_scores_by_hand() -> None:
    gold = [
        top(0, 5, xy=(0, 0), geonameid="1138958"),
        top(10, 15, xy=(0, 0), geonameid=99072),
        top(20, 25, xy=(0, 0)),
        top(30, 35, xy=(0, 0)),
    ]
    system = [
        top(0, 5, xy=(0, 0), geonameid=1138958),  # 0 km, same place (int vs str)
        top(10, 15, xy=(0, 1), geonameid="99073"),  # 111.195 km, another place
        top(20, 25, xy=(0, 2)),  # 222.390 km
        top(30, 35),
    ]  # no coordinates: 20039 km
    res = score_resolution(zip(gold, system))
    assert res is not None
    assert res["n"] == 4
    assert res["acc161"] == 0.5
    assert res["median_km"] == pytest.approx(1.5 * DEGREE_KM, abs=1e-3)  # (111.195 + 222.390) / 2
    assert res["mean_km"] == pytest.approx((3 * DEGREE_KM + UNRESOLVED_KM) / 4, abs=1e-3)  # 5093.146
    assert res["auc"] == pytest.approx(0.507529, abs=1e-5)
    assert (res["exact_n"], res["exact"]) == (2, 0.5)


def test_acc161_boundary() -> None:
    # 161 km is inside, 162 km is not: 1.44 and 1.46 degrees of longitude on the equator.
    gold = [top(0, 1, xy=(0, 0)), top(2, 3, xy=(0, 0))]
    res = score_resolution(zip(gold, [top(0, 1, xy=(0, 1.44)), top(2, 3, xy=(0, 1.46))]))
    assert res is not None and res["acc161"] == 0.5


def test_resolution_is_over_recognised_toponyms_only() -> None:
    gold = [top(0, 5, xy=(0, 0)), top(10, 15, xy=(10, 10))]
    report = score_geo(["d1"], gold, [top(0, 5, xy=(0, 1))])
    assert report["resolution"]["n"] == 1
    assert report["resolution"]["median_km"] == pytest.approx(DEGREE_KM, abs=1e-3)
    assert report["resolution_only"] is None  # not given


def test_resolution_only_is_aligned_with_the_gold() -> None:
    gold = [top(0, 5, xy=(0, 0)), top(10, 15, xy=(0, 0)), top(0, 5, doc="d2", xy=(0, 0))]
    given = [top(0, 5, xy=(0, 0)), None, top(0, 5, doc="d2", xy=(0, 3))]
    report = score_geo(["d1", "d2"], gold, [], given=given)
    only = report["resolution_only"]
    assert only["n"] == 3 and only["acc161"] == pytest.approx(1 / 3)
    assert report["metrics"]["resolution_only_acc161"] == pytest.approx(1 / 3)
    assert report["resolution"] is None  # nothing recognised
    assert report["metrics"]["acc161"] is None


def test_a_set_without_coordinates_has_no_resolution_scores() -> None:
    report = score_geo(["d1"], [top(0, 5)], [top(0, 5, xy=(0, 0), geonameid=1)], given=[None])
    assert report["resolution"] is None and report["resolution_only"] is None
    assert report["recognition"]["recall"] == 1.0
    assert "resolution: n/a" in format_geo_report(report | {"set": "ner-x"})


def test_exact_rate_counts_geonameids_without_coordinates() -> None:
    res = score_resolution([(top(0, 5, geonameid="7"), top(0, 5, geonameid=7.0))])
    assert res is not None and (res["n"], res["exact_n"], res["exact"], res["acc161"]) == (0, 1, 1.0, None)


# ---------------------------------------------------------------- reading the set


def test_missing_toponyms_file_is_a_one_line_error(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "s", [{"id": "d1", "text": "Kabul"}], [])
    (folder / "toponyms.jsonl").unlink()
    with pytest.raises(SitrepError) as e:
        evaluate_geo(folder)
    assert "toponyms.jsonl: missing" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "toponyms.jsonl:2: not JSON"),
        ('{"doc_id": "d1", "start": "0", "end": 5}', "toponyms.jsonl: record 2 has no valid 'start'"),
        ("[1, 2]", "toponyms.jsonl: record 2 is not a JSON object"),
    ],
)
def test_broken_toponyms_file_names_file_and_reason(tmp_path: Path, line: str, reason: str) -> None:
    folder = write_set(tmp_path / "s", [{"id": "d1", "text": "Kabul"}], [top(0, 5)])
    with (folder / "toponyms.jsonl").open("a") as f:
        f.write(line + "\n")
    with pytest.raises(SitrepError, match=reason.replace("[", r"\[")) as e:
        evaluate_geo(folder)
    assert "\n" not in str(e.value)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match="no such folder"):
        evaluate_geo(tmp_path / "nope")


# ---------------------------------------------------------------- end to end

KABUL = (34.52813, 69.17233)
BAGHDAD = (33.34058, 44.40088)
MOSUL = (36.335, 43.11889)
OSLO = (59.91273, 10.74609)
BERGEN = (60.39299, 5.32415)

ARTICLES = {
    "af": (
        "Gunmen attacked a checkpoint near Kabul on Monday, killing two police officers, Afghan officials said.",
        "en",
        [("Kabul", KABUL)],
        ["Afghan"],
    ),
    "iq": (
        "A car bomb exploded in a crowded market in Baghdad on Friday. Police in Mosul said a "
        "second device was defused.",
        None,
        [("Baghdad", BAGHDAD), ("Mosul", MOSUL)],
        [],
    ),
    "no": (
        "OSLO (NTB): To personer ble skutt i Bergen natt til søndag, opplyser politiet.",
        "nb",
        [("OSLO", OSLO), ("Bergen", BERGEN)],
        [],
    ),
}


def small_set(folder: Path) -> Path:
    """The articles above with gold spans found by their text (each name written once)."""
    documents, toponyms, others = [], [], []
    for doc_id, (text, lang, places, other) in ARTICLES.items():
        documents.append({"id": doc_id, "text": text, "language": lang, "published": None, "source": None})
        for name, xy in places:
            start = text.index(name)
            toponyms.append(top(start, start + len(name), doc_id, xy, text=name))
        for name in other:
            start = text.index(name)
            others.append(top(start, start + len(name), doc_id, text=name))
    return write_set(folder, documents, toponyms, others)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_set(tmp_path_factory.mktemp("geo") / "geo-small")


@pytest.fixture(scope="module")
def small_report(small: Path) -> dict[str, Any]:
    return evaluate_geo(small)


def test_end_to_end_on_a_small_set(small_report: dict[str, Any]) -> None:
    r = small_report
    assert r["set"] == "geo-small" and r["documents"] == 3 and r["input_errors"] == []
    assert r["recognition"]["gold"] == 5
    assert r["recognition"]["recall"] >= 0.8
    assert r["recognition"]["precision"] >= 0.8
    assert r["resolution"]["acc161"] >= 0.8
    assert r["resolution_only"]["n"] == 5
    assert r["resolution_only"]["acc161"] >= 0.8
    assert r["metrics"]["resolution_only_acc161"] == r["resolution_only"]["acc161"]


def test_kabul_resolved_within_161_km(tmp_path: Path) -> None:
    report = evaluate_geo(small_set_of(tmp_path, "af"))
    assert report["recognition"]["matched"] == 1
    assert report["resolution"]["median_km"] <= 161
    assert report["resolution_only"]["median_km"] <= 161


def small_set_of(tmp_path: Path, doc_id: str) -> Path:
    text, lang, places, _other = ARTICLES[doc_id]
    start = text.index(places[0][0])
    gold = [top(start, start + len(places[0][0]), doc_id, places[0][1])]
    return write_set(tmp_path / doc_id, [{"id": doc_id, "text": text, "language": lang}], gold)


def test_report_table(small_report: dict[str, Any]) -> None:
    table = format_geo_report(small_report)
    assert table.startswith("set: geo-small   documents: 3")
    for row in ("precision", "recall", "acc161", "median_km", "auc", "end-to-end", "gold spans"):
        assert row in table


# ---------------------------------------------------------------- CLI

GEO_KEYS = [
    "doc_id",
    "start",
    "end",
    "text",
    "lat",
    "lon",
    "geonameid",
    "country",
    "admin1",
    "feature_code",
    "name",
    "precision",
    "relation",
    "score",
    "kind",
]


def test_geoparse_command_writes_one_toponym_per_line(tmp_path: Path) -> None:
    (tmp_path / "kabul.txt").write_text(ARTICLES["af"][0], encoding="utf-8")
    feed = {"id": "n1", "text": ARTICLES["no"][0], "language": "nb"}
    (tmp_path / "feed.jsonl").write_text(json.dumps(feed, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    paths = [str(tmp_path / n) for n in ("kabul.txt", "empty.txt", "feed.jsonl")]

    result = CliRunner().invoke(main, ["geoparse", *paths])

    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(list(row) == GEO_KEYS for row in rows)
    assert [(r["doc_id"], r["text"], r["kind"]) for r in rows] == [
        ("kabul", "Kabul", "toponym"),
        ("kabul", "Afghan", "demonym"),  # a demonym, resolved to its country, for the user to keep or drop
        ("n1", "OSLO", "toponym"),
        ("n1", "Bergen", "toponym"),
    ]
    assert rows[0]["country"] == "AF" and rows[1]["country"] == "AF" and rows[3]["country"] == "NO"
    assert result.stderr.splitlines() == [f"sitrep: skipped {paths[1]}: empty file", "sitrep: 1 input(s) skipped"]


def test_geoparse_command_reads_stdin_and_checks_lang() -> None:
    result = CliRunner().invoke(main, ["geoparse", "--lang", "en", "-"], input=ARTICLES["af"][0])
    assert result.exit_code == 0 and result.stderr == ""
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["stdin", "stdin"]
    dropped = CliRunner().invoke(main, ["geoparse", "--lang", "en", "--no-demonyms", "-"], input=ARTICLES["af"][0])
    assert [json.loads(line)["text"] for line in dropped.stdout.splitlines()] == ["Kabul"]
    assert CliRunner().invoke(main, ["geoparse", "--lang", "xx", "-"], input="x").exit_code == 2


def test_eval_geo_command_table_and_json(small: Path) -> None:
    table = CliRunner().invoke(main, ["eval-geo", str(small)])
    assert table.exit_code == 0, table.output
    assert table.stdout.startswith("set: geo-small")
    as_json = CliRunner().invoke(main, ["eval-geo", str(small), "--json"])
    assert as_json.exit_code == 0
    report = json.loads(as_json.stdout)
    assert report["recognition"]["gold"] == 5 and report["metrics"]["acc161"] is not None


def test_eval_geo_command_errors_are_one_line(tmp_path: Path) -> None:
    for folder in (tmp_path / "missing", write_set(tmp_path / "no-gold", [], [])):
        (folder / "toponyms.jsonl").unlink(missing_ok=True)
        result = CliRunner().invoke(main, ["eval-geo", str(folder)])
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Error: ")
