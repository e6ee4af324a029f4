// One event in full: every field, every source with its merge decision and its text with the
// evidence highlighted, and the history of the event's values.

import { DASH, countryName, el, fill, formatEventDate, formatNumber } from './dom.js';
import { highlighted } from './highlight.js';
import { placeLabel, relationLabel } from './labels.js';
import { typeColour } from './palette.js';

const PRECISION = { 1: '1 · the place itself', 2: '2 · near it or part of it', 3: '3 · region or country' };

// The fields an analyst may correct (sitrep/store/review.py FIELDS), in the interface's words.
const REVIEW_FIELDS = [['fatalities', 'Fatalities'], ['wounded', 'Wounded'], ['date', 'Date (YYYY-MM-DD)'],
  ['event_type', 'Event type'], ['sub_event_type', 'Sub-event type'], ['actor1', 'Actor 1'], ['actor2', 'Actor 2'],
  ['claimed_by', 'Claimed by (; between names)']];
const STATUS_WORDS = { verified: 'Verified', corrected: 'Corrected', rejected: 'Rejected' };

/** Render the detail of /api/events/{id} into `container`; onClose when its close button is used,
 *  onReview(body) to send an analyst's review (POST api/events/{id}/review; a promise). */
export function renderDetail(container, detail, onClose, onReview) {
  fill(container,
    heading(detail, onClose),
    detail.notes ? el('p', { className: 'notes' }, detail.notes) : null,
    section('Review', ...reviewBlock(detail, onReview)),
    section('Fields', fieldList(detail)),
    section(`Sources (${detail.reports?.length ?? 0})`, ...(detail.reports ?? []).map((r) => source(r, detail.documents?.[r.doc_id]))),
    detail.history?.length ? section('History', historyTable(detail.history)) : null);
  container.dataset.eventId = detail.id;
}

function heading(detail, onClose) {
  const kicker = el('div', { className: 'kicker' }, detail.event_type ?? 'Event');
  kicker.style.color = typeColour(detail.event_type); // CSSOM: allowed by the page's policy
  const loc = detail.location;
  return el('header', { className: 'detail-head' },
    el('button', { type: 'button', className: 'close', title: 'Close (Esc)', 'aria-label': 'Close', onclick: onClose }, '×'),
    kicker,
    el('h2', {}, detail.sub_event_type ?? detail.event_type ?? 'Event'),
    el('div', { className: 'muted' }, formatEventDate(detail.date, detail.date_precision), ' · ',
      loc ? placeLabel(loc.name, loc.relation, loc.precision) : 'not placed', loc?.country ? `, ${countryName(loc.country)}` : ''));
}

function section(title, ...content) {
  return el('section', { className: 'detail-section' }, el('h3', {}, title), ...content);
}

// --- fields --------------------------------------------------------------------------------------

function fieldList(d) {
  const rows = [
    ['Date', `${formatEventDate(d.date, d.date_precision)} (${d.date_precision ?? 'no'} precision)`],
    ['Event type', d.event_type], ['Sub-event type', d.sub_event_type],
    ['Actor 1', d.actor1], ['Actor 2', d.actor2],
    ['Claimed by', d.claimed_by?.length ? d.claimed_by.join(', ') : 'no claim reported'],
    ...locationRows(d.location, locationWords(d)),
    ['Fatalities', countText(d.fatalities_count, d.fatalities)],
    ['Wounded', countText(d.wounded_count, d.wounded)],
    ['Sources', formatNumber(d.sources)],
    ['Confidence', d.confidence ?? null],
    ['Event id', el('code', {}, d.id)],
  ];
  const shown = (value) => (value === null || value === undefined || value === '' ? DASH : value);
  return el('dl', { className: 'fields' }, rows.flatMap(([label, value]) =>
    [el('dt', {}, label), el('dd', { dataset: { field: fieldName(label) } }, shown(value))]));
}

/** "Sub-event type" -> "sub-event-type": a stable hook on each value for tests and styles. */
function fieldName(label) {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function locationRows(loc, words) {
  if (!loc) return [['Location', 'not placed']];
  const anchor = loc.anchor
    ? `${loc.anchor.name}${loc.anchor.lat != null ? ` (${coordinates(loc.anchor.lat, loc.anchor.lon)})` : ''}` : null;
  return [
    ['Place', loc.name], ['Relation', relationCell(loc.relation, words)], ['Anchor', anchor],
    ['Admin 1', loc.admin1], ['Admin 2', loc.admin2],
    ['Country', loc.country ? `${countryName(loc.country)} (${loc.country})` : null],
    ['Coordinates', loc.lat != null ? coordinates(loc.lat, loc.lon) : null],
    ['Precision', PRECISION[loc.precision] ?? loc.precision],
    ['GeoNames', loc.geonameid ? `${loc.geonameid}${loc.feature_code ? ` · ${loc.feature_code}` : ''}` : null],
  ];
}

/** The relation in the interface's words, then the article's own words as evidence:
 *  20 km south-east of  “20 km sørøst for Mosul”. */
function relationCell(relation, words) {
  if (!relation) return null;
  return [el('span', { className: 'relation' }, relationLabel(relation)),
    ...words.map((w) => el('q', { className: 'evidence-words', title: "the article's words", dir: 'auto' }, w))];
}

/** The location's evidence (the words its article used) in the reports that gave the event its
 *  place; in any report when none matches it exactly. */
function locationWords(detail) {
  const loc = detail.location;
  if (!loc) return [];
  const reports = detail.reports ?? [];
  const told = (r) => r.event?.location;
  const same = reports.filter((r) => told(r)?.name === loc.name && told(r)?.relation === loc.relation);
  const texts = (same.length ? same : reports).flatMap((r) => (r.evidence ?? [])
    .filter((e) => e.field === 'location' && e.text).map((e) => e.text));
  return [...new Set(texts)];
}

function coordinates(lat, lon) {
  return `${Number(lat).toFixed(4)}, ${Number(lon).toFixed(4)}`;
}

/** "6 (low 4, high 6)": the best figure and, when reports differ, the range (UCDP's low and high). */
function countText(count, best) {
  if (!count) return best ?? null;
  const range = count.low !== count.high ? ` (low ${formatNumber(count.low)}, high ${formatNumber(count.high)})` : '';
  return `${formatNumber(count.best)}${range}`;
}

// --- sources -------------------------------------------------------------------------------------

function source(report, doc) {
  const text = doc?.text;
  const evidence = report.evidence ?? [];
  const box = el('section', { className: 'source', dataset: { reportId: report.report_id } },
    el('header', {},
      el('span', { className: 'outlet' }, report.outlet ?? doc?.outlet ?? 'unknown outlet'),
      el('span', { className: 'muted' }, [report.published, report.lang].filter(Boolean).join(' · '))),
    report.url ? el('div', { className: 'url' }, safeLink(report.url)) : null,
    report.name ? el('div', { className: 'muted small' }, 'document ', report.name) : null,
    decisionBlock(report.decision),
    report.event ? readingLine(report.event) : null,
    evidenceTable(evidence),
    // An Arabic or Persian article reads right to left (dir=auto; the style sets each paragraph's
    // direction by its own first letters, so a Latin byline stays left to right).
    text ? el('div', { className: 'article-text', dir: 'auto' }, highlighted(text, evidence))
      : el('p', { className: 'muted' }, 'The article text is not available.'));
  return box;
}

/** A link only for http(s) URLs (no javascript:, data: ...); anything else is shown as text. */
export function safeLink(url) {
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    // not a URL: shown as text below
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) return el('span', { className: 'muted' }, url);
  return el('a', { href: parsed.href, target: '_blank', rel: 'noopener noreferrer' }, url);
}

function decisionBlock(decision) {
  if (!decision) return el('div', { className: 'decision' }, 'No merge decision recorded.');
  const verdict = decision.same ? 'Merged into this event' : 'Started this event';
  return el('div', { className: `decision ${decision.same ? 'same' : 'new'}` },
    el('div', {}, el('strong', {}, verdict), ` · score ${Number(decision.score).toFixed(2)}`),
    decision.reasons?.length ? el('ul', { className: 'reasons' }, decision.reasons.map((r) => el('li', {}, r))) : null);
}

/** What this one article said, in a line: its own date, type, place and toll. */
function readingLine(event) {
  const loc = event.location;
  const parts = [formatEventDate(event.date, event.date_precision), event.sub_event_type ?? event.event_type,
    loc ? placeLabel(loc.name, loc.relation, loc.precision) : null,
    `killed ${formatNumber(event.fatalities)}, wounded ${formatNumber(event.wounded)}`];
  return el('div', { className: 'reading' }, el('span', { className: 'muted' }, 'This article: '),
    parts.filter(Boolean).join(' · '));
}

function evidenceTable(evidence) {
  if (!evidence.length) return null;
  return el('table', { className: 'evidence' }, el('tbody', {}, evidence.map((e) =>
    el('tr', { dataset: { field: e.field } }, el('th', {}, e.field), el('td', { dir: 'auto' }, e.text ?? `${e.start}–${e.end}`)))));
}

// --- history -------------------------------------------------------------------------------------

function historyTable(history) {
  return el('table', { className: 'history' },
    el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'Field'), el('th', {}, 'Value'), el('th', {}, 'Changed'))),
    el('tbody', {}, history.map((h) => el('tr', {},
      el('td', {}, h.seq), el('td', { className: 'field' }, h.field), el('td', {}, valueText(h.value)),
      el('td', { className: 'muted when' }, String(h.changed_at ?? '').slice(0, 16).replace('T', ' '))))));
}

function valueText(value) {
  if (value === null || value === undefined) return DASH;
  if (Array.isArray(value)) return value.join(', ') || DASH;
  if (typeof value === 'object' && 'best' in value) return countText(value, value.best) ?? DASH;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// --- review --------------------------------------------------------------------------------------

/** The analyst's verdict, the trail of reviews, and a form to verify, correct or reject (writes
 *  need the server's token, kept for this browser tab only). */
function reviewBlock(detail, onReview) {
  const status = el('p', { className: 'review-status', dataset: { status: detail.review_status ?? 'unreviewed' } },
    STATUS_WORDS[detail.review_status] ?? 'Not reviewed');
  const message = el('p', { className: 'review-message muted', role: 'status' });
  const field = el('select', { name: 'review-field' }, REVIEW_FIELDS.map(([v, label]) => el('option', { value: v }, label)));
  const value = el('input', { type: 'text', name: 'review-value', placeholder: 'new value (empty: the machine value)' });
  const note = el('input', { type: 'text', name: 'review-note', placeholder: 'why (kept in the trail)' });
  const reviewer = el('input', { type: 'text', name: 'review-reviewer', placeholder: 'your name',
    value: sessionStorage.getItem('sitrep-reviewer') ?? '' });
  const token = el('input', { type: 'password', name: 'review-token', placeholder: 'API token',
    value: sessionStorage.getItem('sitrep-token') ?? '' });
  const send = async (body) => {
    sessionStorage.setItem('sitrep-token', token.value);
    sessionStorage.setItem('sitrep-reviewer', reviewer.value);
    message.textContent = 'Saving…';
    try {
      await onReview({ ...body, note: note.value || null, reviewer: reviewer.value || null }, token.value);
    } catch (error) {
      message.textContent = `Not saved: ${error.message}`;
    }
  };
  const button = (label, body) => el('button', { type: 'button', onclick: () => send(body()) }, label);
  const form = el('div', { className: 'review-form' },
    el('label', {}, 'Correct ', field, ' ', value), button('Save correction', () => ({ set: { [field.value]: value.value.trim() } })),
    el('label', {}, 'Note ', note), el('label', {}, 'Reviewer ', reviewer), el('label', {}, 'Token ', token),
    el('div', { className: 'review-buttons' }, button('Verify', () => ({ status: 'verified' })),
      button('Reject', () => ({ status: 'rejected' }))));
  const trail = detail.reviews?.length ? el('ol', { className: 'review-trail' }, detail.reviews.map(trailItem)) : null;
  return [status, trail, onReview ? form : null, message];
}

function trailItem(r) {
  let what = r.action;
  if (r.action === 'set') {
    what = `set ${r.field} = ${r.value === null ? 'the machine value' : valueText(r.value)} (machine: ${valueText(r.machine)})`;
  } else if (r.action === 'merge' || r.action === 'split') {
    what = `${r.action} ${valueText(r.value)}`;
  }
  const who = [r.reviewer, String(r.at ?? '').slice(0, 16).replace('T', ' ')].filter(Boolean).join(' · ');
  return el('li', { dataset: { action: r.action } }, what, el('span', { className: 'muted' }, ` ${who}`),
    r.note ? el('q', { className: 'review-note' }, r.note) : null);
}
