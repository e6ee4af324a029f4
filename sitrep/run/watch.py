"""`sitrep watch`: follow feeds, folders and growing JSON Lines files; store what is new; send
each new surge alert once.

One cycle (`run_cycle`):
1. each source is polled from its saved state (sitrep/run/sources.py); a source that fails is one
   logged line naming it and the reason, its state records the failure, and the others carry on;
2. each new entry is read, extracted and stored through the ingest path (prepare, then the
   store's writer, committed entry by entry) and the source's state is saved after it, so a
   restart resumes where the store is and re-reads nothing stored;
3. the surge alerts (sitrep/analyse/alerts.py) are computed over the store, and each alert not
   yet sent to a sink is sent (sitrep/analyse/sinks.py: retries with backoff; a failure is one
   logged line and the alert is tried again next cycle) and remembered as sent.

`stop()` is asked between documents: SIGTERM or Ctrl-C stops a cycle cleanly, with everything
stored so far kept and its state saved. `watch` runs cycles every `every` seconds until stopped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sitrep.analyse.alerts import DIMENSIONS, Alert, surge_alerts
from sitrep.analyse.sinks import Sink, alert_key, alert_message, send
from sitrep.errors import InputError, SitrepError, printable
from sitrep.run.prepare import deliver, prepare_unless_stored
from sitrep.run.sources import Options, Poll, Source, SourceError, poll
from sitrep.store import EventFilter, IngestStats, Store
from sitrep.store.watch import CycleRecord, SourceState, load_states, mark_sent, now, record_cycle, save_state
from sitrep.store.watch import sent_alerts, shown_source
from sitrep.store.writer import Outcome

Log = Callable[[str], None]


@dataclass(frozen=True)
class AlertOptions:
    period: str = "week"
    by: tuple[str, ...] = DIMENSIONS
    baseline: int = 8
    min_count: int = 3
    alpha: float = 0.01
    dashboard: str | None = None  # the dashboard's base URL, for the link in each alert


@dataclass(frozen=True)
class SendOptions:
    attempts: int = 3
    backoff: float = 2.0


@dataclass(frozen=True)
class WatchConfig:
    sources: tuple[Source, ...]
    sinks: tuple[Sink, ...] = ()
    read: Options = field(default_factory=Options)
    alerts: AlertOptions = field(default_factory=AlertOptions)
    sending: SendOptions = field(default_factory=SendOptions)


@dataclass(frozen=True)
class CycleReport:
    record: CycleRecord
    stats: IngestStats
    alerts: tuple[Alert, ...]  # every alert of this cycle, sent now or before
    stopped: bool  # stop() was asked for before the cycle was done
    sources_failed: int = 0  # sources that could not be polled

    def summary(self) -> str:
        r = self.record
        failed = f"; {r.failures} failure(s)" if r.failures else ""
        return (
            f"{r.documents} new document(s), events: {r.events_new} new, {r.events_merged} merged; "
            f"{r.alerts_sent} alert message(s) sent{failed}"
        )


def never() -> bool:
    return False


def run_cycle(store: Store, config: WatchConfig, log: Log, stop: Callable[[], bool] = never) -> CycleReport:
    started = now()
    states = load_states(store)
    notes: list[str] = []

    def note(line: str) -> None:
        notes.append(line)
        log(line)

    stats, failed = IngestStats(), 0
    for source in config.sources:
        if stop():
            break
        state = states.get(source.name) or SourceState(source.name, source.kind)
        got = _follow(store, source, state, config.read, note, stop)
        if got is None:
            failed += 1
        else:
            stats = _add(stats, got)
    alerts: tuple[Alert, ...] = ()
    sent = 0
    if not stop():
        alerts, sent = _alerts(store, config, note, stop)
    record = CycleRecord(
        started, now(), stats.new, stats.events_new, stats.events_merged, sent, len(notes), tuple(notes)
    )
    record_cycle(store, record)
    return CycleReport(record, stats, alerts, stop(), failed)


def _follow(
    store: Store, source: Source, state: SourceState, options: Options, note: Log, stop: Callable[[], bool]
) -> IngestStats | None:
    """Poll one source and store what is new, saving its state after each entry; None when it
    could not be polled."""
    try:
        polled = poll(source, state, options, note)
    except SourceError as e:
        reason = str(e)
    except SitrepError:  # the store in trouble, an extra not installed: not this source's fault
        raise
    except Exception as e:  # noqa: BLE001 - a library's surprise about one source must not stop the others
        reason = f"{type(e).__name__}: {printable(str(e).strip().splitlines()[0] if str(e).strip() else '')}"
    else:
        return _store_entries(store, state, polled, note, stop)
    note(f"{shown_source(source.name)}: {reason}")
    save_state(store, state.failed(reason))
    return None


def _store_entries(store: Store, state: SourceState, polled: Poll, note: Log, stop: Callable[[], bool]) -> IngestStats:
    """Extract and store each entry (committed one by one), its source's state saved after it."""

    def told(outcome: Outcome, stats: IngestStats) -> None:
        if outcome.status == "skipped":
            note(f"{outcome.name}: skipped: {outcome.reason}")

    with store.guard(), store.writer(told) as writer:
        for entry in polled.entries:
            if stop():
                break
            for item in entry.read():
                deliver(writer, item, None if isinstance(item, InputError) else prepare_unless_stored(store, item))
            writer.flush()
            state = entry.advance(state)
            save_state(store, state)
        else:
            state = polled.complete(state)
    save_state(store, state.succeeded())
    return writer.stats


def _add(a: IngestStats, b: IngestStats) -> IngestStats:
    return IngestStats(
        a.new + b.new,
        a.unchanged + b.unchanged,
        a.near_duplicates + b.near_duplicates,
        a.skipped + b.skipped,
        a.no_language_pack + b.no_language_pack,
        a.reports + b.reports,
        a.events_new + b.events_new,
        a.events_merged + b.events_merged,
        a.seconds + b.seconds,
    )


def _alerts(store: Store, config: WatchConfig, note: Log, stop: Callable[[], bool]) -> tuple[tuple[Alert, ...], int]:
    """The surge alerts over the whole store; each one a sink has not been sent yet is sent."""
    a = config.alerts
    events = store.find_events(EventFilter())
    found = tuple(surge_alerts(events, a.period, a.by, a.baseline, a.min_count, a.alpha))
    if not config.sinks:
        return found, 0
    done, sent = sent_alerts(store), 0
    for alert in found:
        key = alert_key(alert)
        message = alert_message(alert, a.dashboard)
        for sink in config.sinks:
            if (key, sink.name) in done or stop():
                continue
            if send(sink, message, note, config.sending.attempts, config.sending.backoff, _sleeper(stop)):
                mark_sent(store, key, sink.name, message)
                sent += 1
    return found, sent


def _sleeper(stop: Callable[[], bool]) -> Callable[[float], object]:
    """A wait between sending attempts that ends early once stop() holds."""

    def wait(seconds: float) -> None:
        end = time.monotonic() + seconds
        while not stop() and time.monotonic() < end:
            time.sleep(min(0.1, max(0.0, end - time.monotonic())))

    return wait


def watch(
    store: Store,
    config: WatchConfig,
    every: float,
    log: Log,
    stopping: threading.Event,
    cycles: int | None = None,
    on_cycle: Callable[[CycleReport], None] | None = None,
) -> int:
    """Run cycles `every` seconds apart (from the start of one to the start of the next) until
    `stopping` is set or `cycles` have run; the number run."""
    done = 0
    while not stopping.is_set() and (cycles is None or done < cycles):
        began = time.monotonic()
        report = run_cycle(store, config, log, stopping.is_set)
        done += 1
        if on_cycle is not None:
            on_cycle(report)
        if cycles is not None and done >= cycles:
            break
        stopping.wait(max(0.0, every - (time.monotonic() - began)))
    return done


def parse_every(text: str) -> float:
    """Seconds in '10m', '30s', '1h', '1d' or a plain number of seconds; ValueError otherwise."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    value = text.strip().lower()
    scale = units.get(value[-1:], 0)
    number = value[:-1] if scale else value
    try:
        seconds = float(number) * (scale or 1)
    except ValueError:
        raise ValueError(f"{printable(text)!r} is not a duration (10m, 30s, 1h, or seconds)") from None
    if not seconds > 0 or seconds != seconds or seconds == float("inf"):
        raise ValueError(f"{printable(text)!r}: the interval must be more than 0")
    return seconds
