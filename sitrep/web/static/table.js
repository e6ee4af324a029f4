// The events table: one row per dataset event (a page of /api/events); a row opens its detail.

import { countryName, el, fill, formatEventDate, formatNumber } from './dom.js';
import { placeLabel } from './labels.js';
import { typeColour } from './palette.js';

export class EventTable {
  /** onSort(order) gets the API's sort value ("-date", "fatalities" ...) when a header is clicked. */
  constructor(table, onSelect, onSort) {
    this.tbody = table.tBodies[0];
    this.headers = [...table.querySelectorAll('th[data-sort]')];
    this.onSelect = onSelect;
    for (const th of this.headers) {
      th.tabIndex = 0;
      th.addEventListener('click', () => onSort(nextOrder(this.order, th.dataset.sort)));
      th.addEventListener('keydown', (e) => { if (e.key === 'Enter') onSort(nextOrder(this.order, th.dataset.sort)); });
    }
  }

  /** Mark the sorted column ("-date": newest first). */
  sortedBy(order) {
    this.order = order;
    const key = order.replace(/^-/, '');
    for (const th of this.headers) {
      const on = th.dataset.sort === key;
      th.classList.toggle('sorted', on);
      th.setAttribute('aria-sort', on ? (order.startsWith('-') ? 'descending' : 'ascending') : 'none');
    }
  }

  clear() {
    this.tbody.replaceChildren();
  }

  show(events, selectedId) {
    if (events.length === 0) {
      fill(this.tbody, el('tr', {}, el('td', { colspan: 7, className: 'empty' }, 'No events match these filters.')));
      return;
    }
    fill(this.tbody, events.map((event) => this.row(event)));
    this.highlight(selectedId);
  }

  row(event) {
    const open = () => this.onSelect(event.id);
    return el('tr', {
      className: 'event-row', tabindex: 0, dataset: { eventId: event.id },
      onclick: open, onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } },
    },
    el('td', { className: 'date' }, formatEventDate(event.date, event.date_precision)),
    el('td', {}, typeCell(event)),
    el('td', {}, actorsCell(event)),
    el('td', {}, placeCell(event.location)),
    el('td', { className: 'num killed' }, formatNumber(event.fatalities)),
    el('td', { className: 'num' }, formatNumber(event.wounded)),
    el('td', { className: 'num' }, formatNumber(event.sources)));
  }

  highlight(id) {
    for (const row of this.tbody.querySelectorAll('tr.event-row')) {
      row.classList.toggle('selected', row.dataset.eventId === id);
    }
  }
}

/** A new column sorts largest (newest) first; the sorted column's header flips its direction. */
function nextOrder(current, key) {
  return current === `-${key}` ? key : `-${key}`;
}

function typeCell(event) {
  const dot = el('span', { className: 'type-dot' });
  dot.style.background = typeColour(event.event_type); // CSSOM: allowed by the page's policy
  return [el('div', {}, dot, event.sub_event_type ?? event.event_type ?? 'unknown'),
    event.sub_event_type ? el('div', { className: 'muted small' }, event.event_type) : null];
}

function actorsCell(event) {
  const claimed = event.claimed_by ?? [];
  return [
    el('div', {}, event.actor1 ?? 'unknown', event.actor2 ? el('span', { className: 'muted' }, ' → ') : null, event.actor2),
    claimed.length ? el('div', { className: 'muted small' }, `claimed by ${claimed.join(', ')}`) : null,
  ];
}

function placeCell(location) {
  if (!location) return el('span', { className: 'muted' }, 'not placed');
  const region = [location.admin1, countryName(location.country)].filter((p) => p && p !== location.name);
  return [
    el('div', { dir: 'auto' }, placeLabel(location.name, location.relation, location.precision),
      location.precision > 1 ? el('span', { className: 'badge', title: 'location approximate' }, 'approx.') : null),
    region.length ? el('div', { className: 'muted small' }, region.join(', ')) : null,
  ];
}
