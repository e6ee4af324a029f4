// The dashboard: the filters live in the URL (so a filtered view can be shared); each change
// reloads the map, the timeline and the table from the JSON API; an event opens in the side panel.

import { renderDetail } from './detail.js';
import { countryName, el, fill, formatMonthDay, formatNumber, isoDay, parseDay } from './dom.js';
import { EventMap } from './map.js';
import { EventTable } from './table.js';
import { Timeline } from './timeline.js';

const FILTERS = ['since', 'until', 'country', 'actor', 'claimed_by', 'type'];
const PAGE_SIZE = 100;
const DEFAULT_ORDER = '-date';

const state = { filters: {}, page: 1, order: DEFAULT_ORDER, selected: null };
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
}

function writeURL(push) {
  const params = new URLSearchParams(state.filters);
  if (state.page > 1) params.set('page', state.page);
  if (state.order !== DEFAULT_ORDER) params.set('sort', state.order);
  if (state.selected) params.set('event', state.selected);
  const query = params.toString();
  window.history[push ? 'pushState' : 'replaceState'](null, '', query ? `?${query}` : window.location.pathname);
}

function formFilters() {
  const data = new FormData(form);
  return Object.fromEntries(FILTERS.map((k) => [k, String(data.get(k) ?? '').trim()]).filter(([, v]) => v));
}

function showFiltersInForm() {
  for (const name of FILTERS) {
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
  fill(form.elements.country, el('option', { value: '' }, 'All countries'),
    ...countries.map((c) => el('option', { value: c }, `${countryName(c)} (${c})`)));
  const types = Map.groupBy(props.filter((p) => p.event_type), (p) => p.event_type);
  fill(form.elements.type, el('option', { value: '' }, 'All types'),
    ...[...types.keys()].sort().map((t) => el('optgroup', { label: t }, el('option', { value: t }, `All ${t}`),
      ...unique(types.get(t).map((p) => p.sub_event_type)).sort().map((s) => el('option', { value: s }, s)))));
  fill($('actor-list'), unique(props.flatMap((p) => [p.actor1, p.actor2])).sort().map((a) => el('option', { value: a })));
  fill($('claimant-list'), unique(props.flatMap((p) => claimants(p.claimed_by))).sort().map((a) => el('option', { value: a })));
  showFiltersInForm();
}

function claimants(value) {
  return Array.isArray(value) ? value : value ? [value] : [];
}

function unique(values) {
  return [...new Set(values.filter(Boolean))];
}

// --- loading -------------------------------------------------------------------------------------

async function load(parts) {
  const ticket = ++loads;
  document.body.dataset.state = 'loading';
  try {
    const [geo, page, trends] = await Promise.all([
      getJSON('api/events.geojson', state.filters),
      getPage(),
      getJSON('api/trends', { ...state.filters, period: 'week' }),
    ]);
    if (ticket !== loads) return;
    parts.map.show(geo);
    parts.timeline.show(trends);
    showPage(parts, page);
    showStats(geo.features, page.total, trends.alerts ?? []);
    showAlerts(trends.alerts ?? []);
    hideError();
    document.body.dataset.state = 'ready';
    document.body.dataset.loads = String(ticket); // tests wait for this to pass the count they saw
  } catch (error) {
    if (ticket === loads) showError(`Could not load events: ${error.message}`);
  }
}

function getPage() {
  return getJSON('api/events', { ...state.filters, page: state.page, page_size: PAGE_SIZE, sort: state.order });
}

async function loadPage(parts) {
  try {
    showPage(parts, await getPage());
  } catch (error) {
    showError(`Could not load the table: ${error.message}`);
  }
}

function showPage(parts, page) {
  parts.table.sortedBy(state.order);
  parts.table.show(page.events, state.selected);
  const first = page.total ? (page.page - 1) * page.page_size + 1 : 0;
  const last = Math.min(page.total, page.page * page.page_size);
  $('table-count').textContent = `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(page.total)}`;
  $('prev-page').disabled = page.page <= 1;
  $('next-page').disabled = last >= page.total;
}

function showStats(features, total, alerts) {
  const props = features.map((f) => f.properties);
  $('stat-events').textContent = formatNumber(total);
  $('stat-fatalities').textContent = formatNumber(props.reduce((sum, p) => sum + (p.fatalities ?? 0), 0));
  $('stat-countries').textContent = formatNumber(unique(props.map((p) => p.country)).length);
  $('stat-alerts').textContent = formatNumber(alerts.length);
}

function showAlerts(alerts) {
  if (alerts.length === 0) {
    fill($('alerts'), el('li', { className: 'muted' }, 'No surge in the latest week.'));
    return;
  }
  fill($('alerts'), alerts.map((a) => el('li', { className: 'alert' },
    el('div', {}, el('strong', {}, a.value), el('span', { className: 'muted' }, ` · ${a.dimension}`)),
    el('div', { className: 'small' }, `${formatNumber(a.count)} events in the week of ${formatMonthDay(a.start)}`,
      ` (${a.period}); about ${Number(a.expected).toFixed(1)} expected`))));
}

function showError(message) {
  const banner = $('banner');
  banner.textContent = message;
  banner.hidden = false;
  document.body.dataset.state = 'error';
}

function hideError() {
  $('banner').hidden = true;
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
    renderDetail(box, detail, () => closeDetail(parts));
    $('side').scrollTop = 0;
  } catch (error) {
    fill(box, el('p', { className: 'muted' }, `Could not load event ${id}: ${error.message}`));
  }
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

/** A click on a week's bar narrows the dates to that week (Monday to Sunday). */
function pickWeek(parts, start) {
  apply(parts, { ...state.filters, since: start, until: isoDay(parseDay(start), 6) });
}

function main() {
  readURL();
  const parts = {};
  parts.map = new EventMap($('map'), (id) => select(parts, id));
  parts.timeline = new Timeline($('timeline'), (start) => pickWeek(parts, start));
  parts.table = new EventTable($('events-table'), (id) => select(parts, id), (order) => sortBy(parts, order));
  wire(parts);
  showFiltersInForm();
  parts.map.baseReady.catch((error) => showError(`Could not load the base map: ${error.message}`));
  getJSON('api/events.geojson').then((all) => fillChoices(all.features)).catch((error) => showError(error.message));
  load(parts);
  if (state.selected) select(parts, state.selected);
}

main();
