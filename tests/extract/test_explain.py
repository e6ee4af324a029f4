"""`--explain`: for each article, the candidates, which were merged into which incident, which
were dropped as non-incidents, and why (library, `sitrep extract --explain`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from sitrep.cli import main
from sitrep.extract import explain_document, extract_document
from sitrep.extract.explain import DROPPED, MERGED, NEW
from sitrep.records import Document

# Written for this test: a headline, a lead that retells it, an elaboration, a tally and a threat.
TEXT = """Car bomb kills five in Kirkuk

A car bomb exploded near a market in Kirkuk on Monday, killing five people, police said.
The blast also wounded 17. Militants have carried out 30 attacks in the province so far this month.
The group threatened to attack more markets."""
DOC = Document("kirkuk", TEXT, dt.date(2021, 3, 9), "en")


def test_every_candidate_says_what_became_of_it_and_why() -> None:
    events, explanation = explain_document(DOC)
    assert events == extract_document(DOC)
    outcomes = [(c.trigger, c.outcome, c.incident) for c in explanation.candidates]
    assert outcomes[:3] == [("Car bomb", NEW, 1), ("car bomb", MERGED, 1), ("blast", MERGED, 1)]
    dropped = {c.trigger: c.reason for c in explanation.candidates if c.outcome == DROPPED}
    assert "in general" in dropped["attacks"] and "threat" in dropped["attack"]
    assert len(events) == 1 and [(i.number, i.kept) for i in explanation.incidents] == [(1, True)]
    assert explanation.incidents[0].candidates == (1, 2, 3)


def test_the_account_quotes_each_clause() -> None:
    _, explanation = explain_document(DOC)
    lines = explanation.lines(TEXT)
    assert lines[0] == "article kirkuk: 5 candidates, 1 of 1 incidents kept"
    assert any("\u201cThe blast also wounded 17.\u201d" in line for line in lines)
    assert all(
        "incident 1" in line or line.startswith("      \u201c") for line in explanation.lines(TEXT, incident=1)[1:]
    )


def test_cli_explain_as_table_and_as_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "kirkuk.txt"
    path.write_text(TEXT, encoding="utf-8")
    table = CliRunner().invoke(
        main, ["extract", str(path), "--published", "2021-03-09", "--lang", "en", "--explain", "--format", "table"]
    )
    assert table.exit_code == 0, table.output
    assert "candidate 5 [attack] 'attack': dropped: a threat or a plan, not an incident" in table.stdout
    assert "1 event in 1 document" in table.stdout
    lines = CliRunner().invoke(main, ["extract", str(path), "--published", "2021-03-09", "--lang", "en", "--explain"])
    (record,) = [json.loads(line) for line in lines.stdout.splitlines()]
    assert [c["outcome"] for c in record["candidates"]] == [NEW, MERGED, MERGED, DROPPED, DROPPED]
    assert record["events"][0]["fatalities"] == 5 and record["incidents"][0]["kept"] is True


def test_a_disasters_toll_is_dropped_with_its_disaster_named() -> None:
    # Written for this test: a toll told on its own after a flood, then an attack with its toll.
    text = (
        "Flash floods swept through Kandahar on Monday. Officials said nine people were injured.\n\n"
        "The floods also reached Helmand. On Tuesday gunmen attacked a checkpoint near Lashkar Gah. "
        "Two policemen died."
    )
    events, explanation = explain_document(Document("floods", text, dt.date(2021, 3, 10), "en"))
    dropped = [c.reason for c in explanation.candidates if c.outcome == DROPPED]
    assert dropped == [
        "a toll with no violent deed, laid to a disaster ('Flash floods') with no deed between: not violence"
    ]
    assert [(e.fatalities.best if e.fatalities else None, e.wounded) for e in events] == [(2, None)]
