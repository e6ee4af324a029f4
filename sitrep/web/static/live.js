// The live panel: what `sitrep watch` has done (GET api/watch): its last cycle, each source's
// state, and the events new since the reader's last visit (remembered in localStorage; counted
// with the `ingested_since` filter, which a click applies to the map, the timeline and the table).
// Hidden while the store has never been watched.

import { el, fill, formatNumber } from './dom.js';

const VISIT_KEY = 'sitrep.lastVisit';
const when = new Intl.DateTimeFormat('en', {
  day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** The time of the reader's previous visit (null on a first one), and this visit remembered. The
 *  store keeps times to the second: the visit is kept to the second too, rounded down, so that no
 *  event stored in that second is missed. */
export function rememberVisit() {
  let previous = null;
  try {
    previous = window.localStorage.getItem(VISIT_KEY);
    window.localStorage.setItem(VISIT_KEY, `${new Date().toISOString().slice(0, 19)}Z`);
  } catch {
    // storage refused (a private window): every visit is a first one
  }
  return previous;
}

function formatTime(text) {
  if (!text) return 'never';
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? text : when.format(time);
}

function plural(n, one, many) {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** The last cycle: when it ended, what it stored, and each failure it noted. */
function cycleView(cycle) {
  const failed = cycle.failures
    ? el('ul', { className: 'live-notes' }, cycle.notes.map((line) => el('li', {}, line)))
    : null;
  return el('div', { className: 'live-cycle', dataset: { failures: cycle.failures } },
    el('div', {}, 'Last watch cycle ', el('strong', {}, formatTime(cycle.finished_at))),
    el('div', { className: 'small' }, `${plural(cycle.documents, 'new document', 'new documents')}; `
      + `${plural(cycle.events_new, 'new event', 'new events')}, ${formatNumber(cycle.events_merged)} merged; `
      + `${plural(cycle.alerts_sent, 'alert sent', 'alerts sent')}; `
      + `${cycle.failures ? plural(cycle.failures, 'error', 'errors') : 'no errors'}`),
    failed);
}

/** One source: where, its last poll, and how it went (failing: why, since when, retried each cycle). */
function sourceView(source) {
  const failing = source.error !== null;
  const state = failing
    ? el('div', { className: 'small live-error' }, `failing (${plural(source.failures, 'cycle', 'cycles')} in a row; `
      + `last success ${formatTime(source.ok_at)}; tried again next cycle): ${source.error}`)
    : el('div', { className: 'small muted' }, `ok; ${plural(source.documents, 'document', 'documents')} read`);
  return el('li', { className: failing ? 'live-source failing' : 'live-source', dataset: { kind: source.kind } },
    el('div', { className: 'live-where' }, el('span', { className: 'muted' }, `${source.kind} `), source.source),
    el('div', { className: 'small muted' }, `last checked ${formatTime(source.checked_at)}`),
    state);
}

/** "N new events since your last visit", a button that lists them (then one that lists every
 *  event again); null on a first visit. */
function newSinceView(previous, count, show) {
  if (!previous) return null;
  const text = `${plural(count, 'new event', 'new events')} since your last visit (${formatTime(previous)})`;
  const box = el('div', { className: 'live-new', dataset: { count } });
  const offer = () => fill(box, count
    ? el('button', { type: 'button', className: 'link live-show-new', onclick: listNew }, text)
    : el('span', { className: 'muted' }, text));
  function listNew() {
    show(previous);
    fill(box, el('span', {}, `Listing the ${text}. `),
      el('button', { type: 'button', className: 'link live-show-all', onclick: () => { show(null); offer(); } },
        'Show every event'));
  }
  offer();
  return box;
}

/** Fill the panel from api/watch; `count(since)` gives the events new since a time, `show(since)`
 *  lists them (`show(null)`: every event again). The panel stays hidden when no watch has run, or when api/watch cannot be read. */
export async function showLive(box, watch, previous, count, show) {
  if (!watch || (watch.cycles.length === 0 && watch.sources.length === 0)) {
    box.hidden = true;
    return;
  }
  const fresh = previous ? await count(previous) : 0;
  fill(box,
    el('h2', {}, 'Live'),
    watch.cycles.length ? cycleView(watch.cycles[0]) : null,
    newSinceView(previous, fresh, show),
    el('h3', {}, 'Sources'),
    el('ul', { className: 'live-sources' }, watch.sources.map(sourceView)));
  box.hidden = false;
}
