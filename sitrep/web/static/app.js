// The dashboard: the filters live in the URL (so a filtered view can be shared); each change
// reloads the map, the timeline and the table from the JSON API; an event opens in the side panel.
// Which filters there are, and their controls, come from the API's vocabulary (api/meta).

import { renderDetail } from './detail.js';
import { DASH, countryName, el, fill, formatEventDate, formatMonthDay, formatNumber, isoDay } from './dom.js';
import { EventMap } from './map.js';
import { buildFilterForm } from './filters.js';
import { rememberVisit, showLive } from './live.js';
import { setEventTypes } from './palette.js';
import { EventTable } from './table.js';
import { PERIOD_WORDS, Timeline, periodEnd, periodFor } from './timeline.js';

const PAGE_SIZE = 100;
let vocabularyFilters = []; // api/meta's filters: name (the URL key and API parameter), kind, label ...
let FILTERS = []; // their names
let DEFAULT_ORDER = '-date';

// timeline: '' opens on the bulk of the events, 'all' shows every dated event.
const state = { filters: {}, page: 1, order: DEFAULT_ORDER, selected: null, timeline: '' };
const $ = (id) => document.getElementById(id);
const form = $('filters');
let loads = 0; // the latest load wins: an older, slower response is dropped

async function getJSON(path, params = {}) {
  const url = new URL(path, document.baseURI);
  for (const [key, value] of Object.entries(params)) {
    if (value !== '' && value !== null && value !== undefined) url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(await failure(response));
  return response.json();
}

/** The API's own words for a refusal ("since: 2021-05-01 is after until ..."), else the status. */
async function failure(response) {
  try {
    const body = await response.json();
    if (typeof body.detail === 'string') return body.detail;
  } catch {
    // not JSON: the status says enough
  }
  return `HTTP ${response.status}`;
}

// --- the URL and the form ------------------------------------------------------------------------

function readURL() {
  const params = new URLSearchParams(window.location.search);
  state.filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? '']).filter(([, v]) => v));
  state.page = Math.max(1, Number(params.get('page')) || 1);
  state.order = params.get('sort') || DEFAULT_ORDER;
  state.selected = params.get('event');
  state.timeline = params.get('timeline') === 'all' ? 'all' : '';
}

function writeURL(push) {
  const params = new URLSearchParams(state.filters);
  if (state.page > 1) params.set('page', state.page);
  if (state.order !== DEFAULT_ORDER) params.set('sort', state.order);
  if (state.selected) params.set('event', state.selected);
  if (state.timeline) params.set('timeline', state.timeline);
  const query = params.toString();
  window.history[push ? 'pushState' : 'replaceState'](null, '', query ? `?${query}` : window.location.pathname);
}

/** The form's filters, and those the form has no control for as they were (from a shared URL). */
function formFilters() {
  const data = new FormData(form);
  const shown = FILTERS.filter((k) => form.elements[k]);
  const kept = Object.entries(state.filters).filter(([k]) => !shown.includes(k));
  return Object.fromEntries([...kept, ...shown.map((k) => [k, String(data.get(k) ?? '').trim()])].filter(([, v]) => v));
}

function showFiltersInForm() {
  for (const name of FILTERS.filter((k) => form.elements[k])) {
    const input = form.elements[name];
    const value = state.filters[name] ?? '';
    // A shared URL may name a value the lists do not hold (yet): offer it rather than drop it.
    if (input.tagName === 'SELECT' && value && ![...input.options].some((o) => o.value === value)) {
      input.append(el('option', { value }, value));
    }
    input.value = value;
  }
}

/** The choices in the filter lists, from every stored event (not only the filtered ones). */
function fillChoices(features) {
  const props = features.map((f) => f.properties);
  const countries = unique(props.map((p) => p.country)).sort((a, b) => countryName(a).localeCompare(countryName(b)));
  for (const select of controlsOf('country')) {
    fill(select, el('option', { value: '' }, 'All countries'),
      ...countries.map((c) => el('option', { value: c }, `${countryName(c)} (${c})`)));
  }
  const types = Map.groupBy(props.filter((p) => p.event_type), (p) => p.event_type);
  for (const select of controlsOf('event_type')) {
    fill(select, el('option', { value: '' }, 'All types'),
      ...[...types.keys()].sort().map((t) => el('optgroup', { label: t }, el('option', { value: t }, `All ${t}`),
        ...unique(types.get(t).map((p) => p.sub_event_type)).sort().map((s) => el('option', { value: s }, s)))));
  }
  fill($('actor-list'), unique(props.flatMap((p) => [p.actor1, p.actor2])).sort().map((a) => el('option', { value: a })));
  fill($('claimant-list'), unique(props.flatMap((p) => claimants(p.claimed_by))).sort().map((a) => el('option', { value: a })));
  showFiltersInForm();
}

/** The form's controls of the filters of one kind ('country', 'event_type': sitrep/filters.py KINDS). */
function controlsOf(kind) {
  return vocabularyFilters.filter((f) => f.kind === kind && form.elements[f.name]).map((f) => form.elements[f.name]);
}

function claimants(value) {
  return Array.isArray(value) ? value : value ? [value] : [];
}

function unique(values) {
  return [...new Set(values.filter(Boolean))];
}

// --- loading -------------------------------------------------------------------------------------
// The map, the timeline and the table load on their own: one that fails shows why in its own panel
// and the others are drawn all the same.

async function load(parts) {
  const ticket = ++loads;
  const current = () => ticket === loads;
  document.body.dataset.state = 'loading';
  await Promise.allSettled([loadMap(parts, current), loadTable(parts, current), loadTimeline(parts, current)]);
  if (!current()) return;
  document.body.dataset.state = 'ready';
  document.body.dataset.loads = String(ticket); // tests wait for this to pass the count they saw
}

/** Run `work` for a panel; a failure clears the panel (`clear`) and says why in it. */
async function panel(name, current, work, clear) {
  try {
    await work();
    if (current()) showPanelError(name, null);
  } catch (error) {
    if (!current()) return;
    clear();
    showPanelError(name, error.message);
  }
}

const PANEL_FAILURES = {
  map: 'Could not load the map', timeline: 'Could not load the timeline', table: 'Could not load the events',
};

function showPanelError(name, message) {
  const box = $(`${name}-panel`).querySelector('.panel-error');
  box.textContent = message ? `${PANEL_FAILURES[name]}: ${message}` : '';
  box.hidden = !message;
}

function loadMap(parts, current) {
  return panel('map', current, async () => {
    const geo = await getJSON('api/events.geojson', state.filters);
    if (!current()) return;
    parts.map.show(geo);
    showMapStats(geo.features);
  }, () => {
    parts.map.show({ features: [], total: 0 });
    showMapStats(null);
  });
}

function loadTable(parts, current) {
  return panel('table', current, async () => {
    const page = await getPage();
    if (current()) showPage(parts, page);
  }, () => clearPage(parts));
}

/** The timeline opens on the stretch holding the bulk of the events (the API's `window`), by week,
 *  month or year as its length asks; "Show all" draws every dated event. A first, yearly request
 *  learns the window; a second one asks for the series at the period chosen, unless the first is it. */
function loadTimeline(parts, current) {
  return panel('timeline', current, async () => {
    const overview = await getJSON('api/trends', { ...state.filters, period: 'year' });
    const window = overview.window; // null: no dated event
    const whole = !window || state.timeline === 'all' || (window.before === 0 && window.after === 0);
    const [first, last] = !window ? [] : whole ? [window.first, window.last] : [window.since, window.until];
    const period = window ? periodFor(first, last) : 'year';
    const bounds = window ? seriesBounds(window, whole, period, first, last) : {};
    const trends = period === 'year' && !bounds.since && !bounds.until ? overview
      : await getJSON('api/trends', { ...state.filters, ...bounds, period });
    if (!current()) return;
    parts.timeline.show(trends, period);
    showTimelineNote(parts, window, whole, period, trends.left_out ?? {});
    showAlerts(trends.alerts ?? [], period);
  }, () => {
    parts.timeline.clear();
    $('timeline-note').hidden = true;
    showAlerts(null, 'week');
  });
}

/** since and until of the series drawn: the window's ends where it cuts the events, or where the
 *  reader's own dates reach past them (until=2999-12-31 must not ask for 50,000 weeks). Elsewhere
 *  the series runs from the first event to the last, as the API's does. The last period is drawn
 *  whole unless it is still running (until is the day a period is judged over on). */
function seriesBounds(window, whole, period, first, last) {
  const until = [periodEnd(last, period), state.filters.until, isoDay(new Date())].filter(Boolean).sort()[0];
  return {
    ...(state.filters.since || (!whole && window.before) ? { since: first } : {}),
    ...(state.filters.until || (!whole && window.after) ? { until } : {}),
  };
}

function getPage() {
  return getJSON('api/events', { ...state.filters, page: state.page, page_size: PAGE_SIZE, sort: state.order });
}

async function loadPage(parts) {
  const current = () => true;
  await panel('table', current, async () => showPage(parts, await getPage()), () => clearPage(parts));
}

function showPage(parts, page) {
  parts.table.sortedBy(state.order);
  parts.table.show(page.events, state.selected);
  const first = page.total ? (page.page - 1) * page.page_size + 1 : 0;
  const last = Math.min(page.total, page.page * page.page_size);
  $('table-count').textContent = `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(page.total)}`;
  $('prev-page').disabled = page.page <= 1;
  $('next-page').disabled = last >= page.total;
  $('stat-events').textContent = formatNumber(page.total);
}

function clearPage(parts) {
  parts.table.clear();
  $('table-count').textContent = '';
  $('prev-page').disabled = true;
  $('next-page').disabled = true;
  $('stat-events').textContent = DASH;
}

/** Fatalities and countries of the events on the map; dashes when the map could not load. The
 *  sum takes each toll's figure, the best else the low one ("dozens": 12), as the timeline's
 *  series and the trends do; an event's own `fatalities` is null for vague words. */
function showMapStats(features) {
  const props = (features ?? []).map((f) => f.properties);
  const figure = (p) => p.fatalities_count?.best ?? p.fatalities_count?.low ?? p.fatalities ?? 0;
  const killed = props.reduce((sum, p) => sum + figure(p), 0);
  $('stat-fatalities').textContent = features ? formatNumber(killed) : DASH;
  $('stat-countries').textContent = features ? formatNumber(unique(props.map((p) => p.country)).length) : DASH;
}

/** What the timeline shows and what it leaves out: the events before and after the stretch it
 *  opened on (with a button to show them), and those whose date is too coarse for its period. */
function showTimelineNote(parts, window, whole, period, leftOut) {
  const words = PERIOD_WORDS[period];
  $('timeline-title').textContent = `Events and fatalities per ${words.unit}`;
  const note = $('timeline-note');
  const items = [];
  if (window && !whole) {
    const outside = [window.before ? `${formatNumber(window.before)} earlier` : null,
      window.after ? `${formatNumber(window.after)} later` : null].filter(Boolean).join(' and ');
    items.push(el('span', {}, `Showing ${formatDay(window.since)} – ${formatDay(window.until)}, where most events are; `
      + `${outside} ${window.before + window.after === 1 ? 'event lies' : 'events lie'} outside.`),
    el('button', { type: 'button', className: 'show-all', onclick: () => showWholeTimeline(parts, 'all') },
      `Show all ${formatNumber(window.dated)} dated events`));
  } else if (window && state.timeline === 'all' && (window.since !== window.first || window.until !== window.last)) {
    items.push(el('span', {}, `All dated events, ${formatDay(window.first)} – ${formatDay(window.last)}.`),
      el('button', { type: 'button', className: 'show-bulk', onclick: () => showWholeTimeline(parts, '') },
        'Show where most events are'));
  }
  const coarse = Object.values(leftOut).reduce((sum, n) => sum + n, 0);
  if (coarse) items.push(el('span', {}, `${formatNumber(coarse)} ${coarse === 1 ? 'event has' : 'events have'} no date `
    + `precise enough for ${words.adjective} counts.`));
  fill(note, items);
  note.hidden = items.length === 0;
  $('timeline').dataset.span = whole ? 'all' : 'bulk'; // for tests: which stretch is drawn
}

function formatDay(text) {
  return formatEventDate(text, 'day');
}

function showWholeTimeline(parts, timeline) {
  state.timeline = timeline;
  writeURL(true);
  const ticket = loads; // a new load of every panel supersedes this one
  loadTimeline(parts, () => ticket === loads);
}

function showAlerts(alerts, period) {
  const unit = PERIOD_WORDS[period].unit;
  $('alerts-hint').textContent = `Series whose latest ${unit} is well above their own baseline.`;
  $('stat-alerts').textContent = alerts ? formatNumber(alerts.length) : DASH;
  if (alerts === null) {
    fill($('alerts'), el('li', { className: 'muted' }, 'Alerts come with the timeline, which could not load.'));
    return;
  }
  if (alerts.length === 0) {
    fill($('alerts'), el('li', { className: 'muted' }, `No surge in the latest ${unit}.`));
    return;
  }
  fill($('alerts'), alerts.map((a) => el('li', { className: 'alert' },
    el('div', {}, el('strong', {}, a.value), el('span', { className: 'muted' }, ` · ${a.dimension}`)),
    el('div', { className: 'small' }, `${formatNumber(a.count)} events in ${alertPeriod(a, period)}`,
      ` (${a.period}); about ${Number(a.expected).toFixed(1)} expected`))));
}

function alertPeriod(alert, period) {
  return period === 'week' ? `the week of ${formatMonthDay(alert.start)}` : `that ${period}`;
}

/** A notice above the panels, for what belongs to no panel (the filter lists). */
function showError(message) {
  const banner = $('banner');
  banner.textContent = message;
  banner.hidden = false;
}

// --- the selected event --------------------------------------------------------------------------

async function select(parts, id) {
  state.selected = id;
  writeURL(false);
  parts.map.highlight(id);
  parts.table.highlight(id);
  $('overview').hidden = true;
  const box = $('detail');
  box.hidden = false;
  fill(box, el('p', { className: 'muted' }, 'Loading…'));
  try {
    const detail = await getJSON(`api/events/${encodeURIComponent(id)}`);
    if (state.selected !== id) return;
    renderDetail(box, detail, () => closeDetail(parts), (body, token) => review(parts, id, body, token));
    $('side').scrollTop = 0;
  } catch (error) {
    fill(box, el('p', { className: 'muted' }, `Could not load event ${id}: ${error.message}`));
  }
}

/** Send an analyst's review, then show the event again and reload what it changes (a rejected
 *  event leaves the map, the timeline and the table). */
async function review(parts, id, body, token) {
  const response = await fetch(new URL(`api/events/${encodeURIComponent(id)}/review`, document.baseURI), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(await failure(response));
  await select(parts, id);
  load(parts);
}

function closeDetail(parts) {
  state.selected = null;
  writeURL(false);
  parts.map.highlight(null);
  parts.table.highlight(null);
  $('detail').hidden = true;
  $('overview').hidden = false;
}

// --- wiring --------------------------------------------------------------------------------------

function apply(parts, filters) {
  state.filters = filters;
  state.page = 1;
  state.timeline = '';
  showFiltersInForm();
  writeURL(true);
  load(parts);
}

function wire(parts) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply(parts, formFilters());
  });
  $('reset').addEventListener('click', () => apply(parts, {}));
  $('prev-page').addEventListener('click', () => turnPage(parts, -1));
  $('next-page').addEventListener('click', () => turnPage(parts, 1));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.selected) closeDetail(parts);
  });
  window.addEventListener('popstate', () => {
    readURL();
    showFiltersInForm();
    load(parts);
    if (state.selected) select(parts, state.selected);
    else closeDetail(parts);
  });
}

function sortBy(parts, order) {
  state.order = order;
  state.page = 1;
  writeURL(true);
  loadPage(parts);
}

function turnPage(parts, step) {
  state.page = Math.max(1, state.page + step);
  writeURL(true);
  loadPage(parts);
}

/** A click on a bar narrows the dates to its period (a week: Monday to Sunday). */
function pickPeriod(parts, first, last) {
  apply(parts, { ...state.filters, since: first, until: last });
}

/** The live panel (live.js): what `sitrep watch` did, and the events new since `previous` (the
 *  reader's last visit), which a click lists. A failure leaves the panel hidden: it is news, not
 *  the data. */
async function loadLive(parts, previous) {
  const count = async (since) => (await getJSON('api/events', { ingested_since: since, page_size: 1 })).total;
  try {
    const show = (since) => apply(parts, since ? { ingested_since: since } : {});
    await showLive($('live'), await getJSON('api/watch'), previous, count, show);
  } catch {
    $('live').hidden = true;
  }
  document.body.dataset.live = 'ready'; // for tests: the panel is drawn (or left hidden)
}

/** The query vocabulary (filters, sorts, dimensions, periods); without it, no filters but the page. */
async function vocabulary() {
  try {
    return await getJSON('api/meta');
  } catch (error) {
    showError(`Could not load the filters: ${error.message}`);
    return { filters: [], default_sort: DEFAULT_ORDER };
  }
}

async function main() {
  const previousVisit = rememberVisit();
  const meta = await vocabulary();
  vocabularyFilters = meta.filters;
  FILTERS = meta.filters.map((f) => f.name);
  DEFAULT_ORDER = meta.default_sort;
  setEventTypes(Object.keys(meta.filters.find((f) => f.kind === 'event_type')?.values ?? {}));
  buildFilterForm(form, meta);
  readURL();
  const parts = {};
  parts.map = new EventMap($('map'), (id) => select(parts, id));
  parts.timeline = new Timeline($('timeline'), (first, last) => pickPeriod(parts, first, last));
  parts.table = new EventTable($('events-table'), (id) => select(parts, id), (order) => sortBy(parts, order));
  wire(parts);
  showFiltersInForm();
  parts.map.baseReady.catch((error) => showError(`Could not load the base map: ${error.message}`));
  getJSON('api/events.geojson').then((all) => fillChoices(all.features)).catch((error) => showError(error.message));
  load(parts);
  loadLive(parts, previousVisit);
  if (state.selected) select(parts, state.selected);
}

main();
