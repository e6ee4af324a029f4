"""`sitrep watch` against real servers on 127.0.0.1: an HTTP server (tests/run/sites.py) serving
feeds and article pages that change between cycles, answering with ETags, a 500, HTML, garbage,
a redirect loop, a slow answer and a huge body, and receiving webhook POSTs; and an SMTP server
(aiosmtpd). No mocks. The articles are written for these tests."""

from __future__ import annotations

import email
import email.policy
import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.analyse.sinks import FileSink, MailSink, WebhookSink, dashboard_link, send
from sitrep.analyse.alerts import Alert
from sitrep.cli import main
from sitrep.run.sources import JSONL, Options, Source, SourceError, source_kind
from sitrep.run.watch import AlertOptions, SendOptions, WatchConfig, parse_every, run_cycle, watch
from sitrep.store import EventFilter, open_store
from sitrep.store.watch import load_states, watch_status
from tests.run.sites import ARTICLES, Site, SmtpSink, article_page, feed_xml, free_port, summary

pytest.importorskip("feedparser", reason="the watch tests need feedparser (pip install -e '.[test]')")
pytest.importorskip("aiosmtpd", reason="the watch tests need aiosmtpd (pip install -e '.[test]')")

FAST = Options(timeout=2.0, deadline=5.0, full_text_words=40, settle=0)
QUICK_RETRY = SendOptions(attempts=2, backoff=0.01)


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        yield s


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    with SmtpSink() as s:
        yield s


def publish(site: Site, names: list[str], path: str = "/feed.xml") -> None:
    """The feed lists these articles (summaries only, newest first); their pages are served."""
    for name in names:
        site.serve(f"/articles/{name}.html", article_page(name), "text/html; charset=utf-8")
    site.serve(path, feed_xml(site.url(""), names), "application/rss+xml")


def count_events(url: str) -> int:
    with open_store(url) as store:
        return store.count_events(EventFilter())


def test_a_watch_over_a_feed_stores_new_items_alerts_once_and_resumes_after_a_restart(
    site: Site, smtp: SmtpSink, store_url: str, tmp_path: Path
) -> None:
    db = store_url
    feed = site.url("/feed.xml")
    alert_file = tmp_path / "alerts.jsonl"
    sinks = (
        WebhookSink(site.url("/hook")),
        FileSink(alert_file),
        MailSink("127.0.0.1", smtp.port, ("desk@example.org",), "sitrep@example.org"),
    )
    config = WatchConfig(
        (Source(feed, "feed"),), sinks, FAST, AlertOptions(dashboard="http://127.0.0.1:8000/"), QUICK_RETRY
    )
    log: list[str] = []
    order = list(ARTICLES)  # the quiet week first, then the surge, oldest first

    with open_store(db) as store:
        publish(site, order[:1])
        first = run_cycle(store, config, log.append)
        assert (first.record.documents, count_events(db)) == (1, 1)
        assert site.hits("/articles/kandahar.html") == 1  # the item had a summary only: its page was read

        unchanged = run_cycle(store, config, log.append)  # the feed has not changed: 304
        assert unchanged.record.documents == 0
        assert site.requests("/feed.xml")[-1].get("If-None-Match") and site.statuses("/feed.xml")[-1] == 304

        publish(site, order[:4])
        second = run_cycle(store, config, log.append)
        assert second.record.documents == 3 and count_events(db) == 4
        assert second.alerts == () and site.posted("/hook") == [] and smtp.messages == []

        publish(site, order[:6])
        third = run_cycle(store, config, log.append)  # five events in one week: a surge
        assert third.record.documents == 2 and count_events(db) == 6
        assert [a.value for a in third.alerts] == ["Afghanistan"] and third.record.alerts_sent == 3

    # A restart: a new connection and new objects; everything it knows comes from the store.
    publish(site, order)
    with open_store(db) as store:
        fourth = run_cycle(store, config, log.append)
        assert fourth.record.documents == 1 and count_events(db) == 7
        assert [a.value for a in fourth.alerts] == ["Afghanistan"] and fourth.record.alerts_sent == 0
        fifth = run_cycle(store, config, log.append)
        assert fifth.record.documents == 0 and site.statuses("/feed.xml")[-1] == 304
        status = watch_status(store)

    assert log == []
    for name in order:  # each article page was read once, across the restart
        assert site.hits(f"/articles/{name}.html") == 1, name
    posted = site.posted("/hook")
    assert len(posted) == 1 and posted[0]["alert"]["value"] == "Afghanistan" and posted[0]["alert"]["count"] == 5
    assert posted[0]["link"] == "http://127.0.0.1:8000/?country=Afghanistan&since=2026-10-19&until=2026-10-25"
    assert [json.loads(line)["key"] for line in alert_file.read_text().splitlines()] == [posted[0]["key"]]
    assert len(smtp.messages) == 1 and smtp.messages[0].rcpt_tos == ["desk@example.org"]
    mail = email.message_from_bytes(smtp.messages[0].content, policy=email.policy.default)
    assert str(mail["Subject"]).startswith("[sitrep] Surge: Afghanistan (country): 5 events in 2026-W43 against")
    assert posted[0]["link"] in mail.get_content()  # type: ignore[attr-defined]
    assert [c["documents"] for c in status["cycles"]] == [0, 1, 2, 3, 0, 1]
    assert status["sources"][0]["source"] == feed and status["sources"][0]["documents"] == 7
    assert status["sources"][0]["error"] is None and len(status["alerts"]) == 3


def test_each_network_failure_is_one_line_naming_the_source_and_the_others_carry_on(site: Site, tmp_path: Path) -> None:
    publish(site, ["kandahar"])
    site.serve("/error.xml", b"oops", "text/plain", status=500)
    site.serve(
        "/page.xml", b"<!DOCTYPE html><html><head><title>Home</title></head><body>News</body></html>", "text/html"
    )
    site.serve("/garbage.xml", bytes(range(256)) * 8, "application/octet-stream")
    site.redirect("/loop.xml", "/loop.xml")
    site.serve("/slow.xml", feed_xml(site.url(""), ["herat"]), "application/rss+xml", delay=3.0)
    site.serve("/huge.xml", b"<rss>" + b" " * 300_000 + b"</rss>", "application/rss+xml")
    site.serve("/endless.xml", b"<rss>" + b" " * 300_000 + b"</rss>", "application/rss+xml", length=False)
    site.serve("/trickle.xml", feed_xml(site.url(""), ["herat"]) + b" " * 8000, "application/rss+xml", trickle=0.5)
    names = ["/error.xml", "/page.xml", "/garbage.xml", "/loop.xml", "/slow.xml", "/huge.xml", "/endless.xml"]
    names += ["/trickle.xml", "/feed.xml"]
    sources = tuple(Source(site.url(n), "feed") for n in names)
    # Margins wide enough for a loaded machine: a second to answer, two for the body.
    options = Options(timeout=1.0, deadline=2.0, max_feed_bytes=100_000, full_text_words=40)
    config = WatchConfig(sources, read=options)
    log: list[str] = []
    url = str(tmp_path / "store.db")
    with open_store(url) as store:
        report = run_cycle(store, config, log.append)
        states = load_states(store)

    assert report.record.documents == 1 and report.record.failures == 8
    assert len(log) == 8
    reasons = dict(line.split(": ", 1) for line in log)
    assert reasons[site.url("/error.xml")] == "HTTP 500 Internal Server Error"
    assert reasons[site.url("/page.xml")].startswith("an HTML page, not a feed")
    assert reasons[site.url("/garbage.xml")].startswith("not an RSS or Atom feed")
    assert "redirect" in reasons[site.url("/loop.xml")]
    assert "timed out" in reasons[site.url("/slow.xml")]
    assert reasons[site.url("/huge.xml")] == "body of 293 KB is over the 98 KB limit"
    assert reasons[site.url("/endless.xml")] == "body is over the 98 KB limit"
    assert reasons[site.url("/trickle.xml")] == "too slow: the body did not arrive within the deadline"
    assert states[site.url("/feed.xml")].error is None
    assert states[site.url("/error.xml")].error == "HTTP 500 Internal Server Error"

    # The failed sources are tried again next cycle: those that now answer well are read.
    publish(site, ["herat"], "/error.xml")
    publish(site, ["kunduz"], "/slow.xml")
    site.serve("/trickle.xml", feed_xml(site.url(""), []), "application/rss+xml")
    with open_store(url) as store:
        again = run_cycle(store, config, log.append)
        assert again.record.documents == 2 and again.record.failures == 5
        assert load_states(store)[site.url("/error.xml")].error is None
    assert site.hits("/error.xml") == 2 and site.hits("/slow.xml") == 2 and site.hits("/loop.xml") >= 2


def test_an_item_with_its_whole_text_in_the_feed_is_stored_without_fetching_its_page(
    site: Site, tmp_path: Path
) -> None:
    site.serve("/feed.xml", feed_xml(site.url(""), ["herat"], whole=True), "application/rss+xml")
    with open_store(tmp_path / "store.db") as store:
        report = run_cycle(store, WatchConfig((Source(site.url("/feed.xml"), "feed"),), read=FAST), print)
        assert report.record.documents == 1 and store.count_events(EventFilter()) == 1
    assert site.hits("/articles/herat.html") == 0


def test_a_feed_url_with_a_user_and_password_sends_them_as_basic_credentials(site: Site, tmp_path: Path) -> None:
    site.serve("/private.xml", feed_xml(site.url(""), []), "application/rss+xml")
    feed = site.url("/private.xml").replace("http://", "http://desk:s%40cret@")
    log: list[str] = []
    with open_store(tmp_path / "store.db") as store:
        run_cycle(store, WatchConfig((Source(feed, "feed"),), read=FAST), log.append)
    assert log == [] and site.requests("/private.xml")[0]["Authorization"] == "Basic ZGVzazpzQGNyZXQ="


def test_an_atom_feed_with_whole_entries_and_a_page_in_another_encoding_are_read(site: Site, tmp_path: Path) -> None:
    published, text = ARTICLES["kunduz"]
    entry = (
        f"<entry><title>Kunduz</title><id>urn:test:kunduz</id><updated>{published}T08:00:00Z</updated>"
        f'<link href="{site.url("/articles/kunduz.html")}"/><content type="html">&lt;p&gt;{text}&lt;/p&gt;</content>'
        "</entry>"
        f"<entry><title>Herat</title><id>urn:test:herat</id><updated>{ARTICLES['herat'][0]}T08:00:00Z</updated>"
        f'<link href="{site.url("/latin1/herat.html")}"/><summary>{summary("herat")}</summary></entry>'
    )
    atom = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>{entry}</feed>'
    site.serve("/atom.xml", atom.encode(), "application/atom+xml")
    page = article_page("herat").decode().replace("the provincial governor", "the governor, Ahmad Za\u00efr,")
    site.serve("/latin1/herat.html", page.encode("cp1252"), "text/html; charset=windows-1252")
    with open_store(tmp_path / "store.db") as store:
        report = run_cycle(store, WatchConfig((Source(site.url("/atom.xml"), "feed"),), read=FAST), print)
        assert report.record.documents == 2 and store.count_events(EventFilter()) == 2
        stored = store.document(content_id_of(store, site.url("/latin1/herat.html")))
    assert site.hits("/articles/kunduz.html") == 0 and site.hits("/latin1/herat.html") == 1
    assert stored is not None and stored.text.startswith("Herat\n\nNews from Herat\nHERAT - A roadside bomb killed")
    assert "the governor, Ahmad Za\u00efr, said" in stored.text


def content_id_of(store: Any, url: str) -> str:
    return str(store.db.value("SELECT id FROM documents WHERE url = ?", (url,)))


def test_an_item_whose_page_fails_is_stored_from_its_summary(site: Site, tmp_path: Path) -> None:
    site.serve("/feed.xml", feed_xml(site.url(""), ["herat"]), "application/rss+xml")  # no page served: 404
    log: list[str] = []
    with open_store(tmp_path / "store.db") as store:
        report = run_cycle(store, WatchConfig((Source(site.url("/feed.xml"), "feed"),), read=FAST), log.append)
        assert report.record.documents == 1 and store.count_events(EventFilter()) == 1
    assert site.hits("/articles/herat.html") == 1
    item = f"{site.url('/feed.xml')}: {site.url('/articles/herat.html')}"
    assert log == [f"{item}: article page not fetched: HTTP 404 Not Found; the feed's summary was read instead"]


def test_folders_and_growing_json_lines_files_give_only_what_is_new(store_url: str, tmp_path: Path) -> None:
    db = store_url
    folder, lines = tmp_path / "inbox", tmp_path / "wire.jsonl"
    folder.mkdir()
    (folder / "kandahar.txt").write_text(ARTICLES["kandahar"][1], encoding="utf-8")
    config = WatchConfig((Source(str(folder), "folder"), Source(str(lines), JSONL)), read=FAST)
    log: list[str] = []

    def cycle() -> int:
        with open_store(db) as store:  # a restart every cycle: all the state is in the store
            return run_cycle(store, config, log.append).record.documents

    with open_store(db) as store:  # a file changed within the last hour is not settled yet
        unsettled = WatchConfig((Source(str(folder), "folder"),), read=replace(FAST, settle=3600))
        assert run_cycle(store, unsettled, log.append).record.documents == 0
    assert cycle() == 1  # the file; the JSON Lines file does not exist yet
    assert cycle() == 0
    (folder / "herat.txt").write_text(ARTICLES["herat"][1], encoding="utf-8")
    assert cycle() == 1
    with lines.open("w", encoding="utf-8") as f:
        f.write(record("kunduz") + "\n\n" + record("jalalabad") + "\n" + record("ghazni")[:30])  # the last half-written
    assert cycle() == 2
    with lines.open("a", encoding="utf-8") as f:
        f.write(record("ghazni")[30:] + "\n")
    assert cycle() == 1
    assert cycle() == 0
    assert log == [] and count_events(db) == 5
    with open_store(db) as store:
        state = load_states(store)[str(lines)]
    assert state.documents == 3 and state.position["line"] == 4


def record(name: str) -> str:
    published, text = ARTICLES[name]
    return json.dumps({"id": name, "published": published, "text": text})


def test_a_stop_between_documents_keeps_what_was_stored_and_the_next_cycle_goes_on(site: Site, tmp_path: Path) -> None:
    publish(site, ["kandahar", "herat", "kunduz"])
    config = WatchConfig((Source(site.url("/feed.xml"), "feed"),), read=FAST)
    asked = 0

    def stop() -> bool:  # as a signal arriving while the second document is read
        nonlocal asked
        asked += 1
        return asked > 3

    with open_store(tmp_path / "store.db") as store:
        stopped = run_cycle(store, config, print, stop)
        assert stopped.stopped and stopped.record.documents == 2
        rest = run_cycle(store, config, print)
        assert rest.record.documents == 1 and store.count_events(EventFilter()) == 3
    assert [site.hits(f"/articles/{n}.html") for n in ("kandahar", "herat", "kunduz")] == [1, 1, 1]


def test_a_failing_sink_is_one_line_and_the_alert_is_sent_when_it_answers_again(site: Site, tmp_path: Path) -> None:
    lines = tmp_path / "wire.jsonl"
    lines.write_text("".join(record(name) + "\n" for name in list(ARTICLES)[:6]), encoding="utf-8")
    site.serve("/hook", b"down", "text/plain", status=503)
    alert_file = tmp_path / "alerts.jsonl"
    hook = WebhookSink(site.url("/hook"))
    config = WatchConfig(
        (Source(str(lines), JSONL),),
        (hook, FileSink(alert_file)),
        FAST,
        sending=QUICK_RETRY,
    )
    log: list[str] = []
    with open_store(tmp_path / "store.db") as store:
        first = run_cycle(store, config, log.append)
        assert first.record.alerts_sent == 1 and len(alert_file.read_text().splitlines()) == 1
        assert log == [f"alert country=Afghanistan@2026-W43 not sent to {hook.name} after 2 attempt(s): HTTP 503"]
        assert site.hits("/hook") == 2
        site.forget("/hook")  # it answers again: the webhook receiver
        second = run_cycle(store, config, log.append)
        assert second.record.alerts_sent == 1 and len(alert_file.read_text().splitlines()) == 1
    assert len(site.posted("/hook")) == 1
    assert hook.name.startswith("webhook 127.0.0.1 #") and "/hook" not in hook.name  # a hook's path may be its secret


def test_sending_gives_up_after_its_attempts_without_raising() -> None:
    lines: list[str] = []
    waits: list[float] = []
    sink = MailSink("127.0.0.1", free_port(), ("a@example.org",), "b@example.org", timeout=1.0)
    message = {"key": "k", "text": "t", "link": None, "alert": {}}
    assert not send(sink, message, lines.append, attempts=3, backoff=0.5, wait=waits.append)
    assert waits == [0.5, 1.0] and len(lines) == 1 and "after 3 attempt(s): ConnectionRefusedError" in lines[0]


def test_the_watch_loop_runs_its_cycles_and_stops_when_told(site: Site, tmp_path: Path) -> None:
    publish(site, ["kandahar"])
    config = WatchConfig((Source(site.url("/feed.xml"), "feed"),), read=FAST)
    stopping = threading.Event()
    with open_store(tmp_path / "store.db") as store:
        assert watch(store, config, 0.01, print, stopping, cycles=3) == 3
        stopping.set()
        assert watch(store, config, 0.01, print, stopping) == 0
    assert site.hits("/feed.xml") == 3 and site.statuses("/feed.xml")[1:] == [304, 304]


def test_the_command_runs_one_cycle_and_says_what_it_stored(site: Site, tmp_path: Path) -> None:
    publish(site, ["kandahar", "herat"])
    db = str(tmp_path / "store.db")
    args = ["watch", site.url("/feed.xml"), site.url("/missing.xml"), "--once", "--db", db, "--timeout", "2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"sitrep watch: {site.url('/missing.xml')}: HTTP 404 Not Found\n" in result.stderr
    assert result.stderr.endswith(
        "cycle done: 2 new document(s), events: 2 new, 0 merged; 0 alert message(s) sent; 1 failure(s)\n"
    )
    assert count_events(db) == 2


def test_the_command_sends_a_new_alert_to_every_sink_it_is_given_once(
    site: Site, smtp: SmtpSink, tmp_path: Path
) -> None:
    lines, db, alert_file = tmp_path / "wire.jsonl", str(tmp_path / "store.db"), tmp_path / "alerts.jsonl"
    lines.write_text("".join(record(name) + "\n" for name in list(ARTICLES)[:6]), encoding="utf-8")
    args = ["watch", str(lines), "--db", db, "--webhook", site.url("/hook"), "--alert-file", str(alert_file)]
    args += ["--smtp", f"127.0.0.1:{smtp.port}", "--mail-to", "desk@example.org", "--mail-from", "sitrep@example.org"]
    args += ["--dashboard-url", "http://desk.example.org:8000"]
    runs = [CliRunner().invoke(main, [*args, "--once"]) for _ in range(2)]
    assert [r.exit_code for r in runs] == [0, 0], runs[0].output
    assert "6 new document(s)" in runs[0].stderr and "3 alert message(s) sent" in runs[0].stderr
    assert "0 new document(s)" in runs[1].stderr and "0 alert message(s) sent" in runs[1].stderr
    posted = site.posted("/hook")
    assert len(posted) == 1 and len(smtp.messages) == 1 and len(alert_file.read_text().splitlines()) == 1
    assert posted[0]["link"].startswith("http://desk.example.org:8000/?country=Afghanistan&since=")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ftp://example.org/feed"], "only http(s) feed URLs are followed"),
        (["notes.txt"], "not a feed URL, a folder or a JSON Lines file"),
        (["wire.jsonl", "--smtp", "localhost:25"], "mail needs --smtp HOST:PORT, --mail-to ADDR and --mail-from ADDR"),
        (["wire.jsonl", "--every", "soon"], "is not a duration"),
        (["wire.jsonl", "--smtp", "localhost", "--mail-to", "a@b", "--mail-from", "c@d"], "give HOST:PORT"),
    ],
)
def test_the_command_refuses_what_it_cannot_follow(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["watch", *args, "--once", "--db", str(tmp_path / "store.db")])
    assert result.exit_code == 2 and message in result.output


def test_one_cycle_where_no_source_could_be_read_exits_1_for_cron(site: Site, tmp_path: Path) -> None:
    args = ["watch", site.url("/gone.xml"), "--once", "--db", str(tmp_path / "store.db")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and f"{site.url('/gone.xml')}: HTTP 404 Not Found" in result.stderr


def test_sources_are_told_apart_by_what_they_are(tmp_path: Path) -> None:
    assert source_kind("https://example.org/rss").kind == "feed"
    assert source_kind(str(tmp_path)).kind == "folder"
    assert source_kind(str(tmp_path / "later.jsonl")).kind == "jsonl"  # waited for until it is written
    with pytest.raises(SourceError):
        source_kind(str(tmp_path / "nowhere" / "later.jsonl"))


def test_intervals_read_as_durations() -> None:
    assert [parse_every(t) for t in ("10m", "30s", "1h", "90", "1.5m")] == [600, 30, 3600, 90, 90]
    for bad in ("", "0", "-5m", "m", "nan", "10x"):
        with pytest.raises(ValueError):
            parse_every(bad)


def test_an_alert_links_to_its_events_in_the_dashboard() -> None:
    import datetime as dt

    alert = Alert("type", "Battles", "2026-10", dt.date(2026, 10, 1), 5, 9, 0.5, 8, 0.5, 10.0, 1e-5, 1e-3, 10, False)
    assert (
        dashboard_link(alert, "http://desk:8000") == "http://desk:8000/?type=Battles&since=2026-10-01&until=2026-10-31"
    )
    assert dashboard_link(alert, None) is None


@pytest.mark.slow  # runs `sitrep watch` in a child process and signals it
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_watch_cleanly_and_a_restart_reads_nothing_again(signum: int, tmp_path: Path) -> None:
    lines, db = tmp_path / "wire.jsonl", str(tmp_path / "store.db")
    lines.write_text(record("kandahar") + "\n" + record("herat") + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "sitrep.cli", "watch", str(lines), "--db", db, "--every", "1h"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + CHILD_TIMEOUT_S
        while not (Path(db).exists() and cycles_done(db)):  # then it waits an hour for the next cycle
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the first cycle did not end"
            time.sleep(0.05)
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=CHILD_TIMEOUT_S)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "stopping after the current document" in err
    again = subprocess.run([*command, "--once"], capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, check=True)
    assert "cycle done: 0 new document(s)" in again.stderr and count_events(db) == 2


CHILD_TIMEOUT_S = 120  # a bound on a hung child, not a speed check


def cycles_done(db: str) -> int:
    with open_store(db) as store:
        return int(store.db.value("SELECT COUNT(*) FROM watch_cycles"))


def test_a_feed_without_feedparser_installed_names_the_extra(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "feedparser", None)  # as if not installed: importing it fails
    result = CliRunner().invoke(main, ["watch", site.url("/feed.xml"), "--once", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Following RSS/Atom feeds needs the optional dependencies of sitrep[watch]: "
        "pip install 'sitrep[watch]'\n"
    )
    assert site.hits("/feed.xml") == 0
