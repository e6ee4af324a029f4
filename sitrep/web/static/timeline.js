// The timeline: events as bars (left axis), fatalities as a line (right axis), periods with a
// surge alert shaded. Plain SVG drawn here: a chart library would be more to vendor than this.
//
// The period follows the span shown: weeks over a few years at most, months over a few decades
// at most, years beyond; so a request for the series is never one the API refuses for its length.

import { el, fill, formatMonthDay, formatNumber, isoDay, parseDay, svg } from './dom.js';

const HEIGHT = 190;
const MARGIN = { top: 16, right: 44, bottom: 26, left: 40 };
const MIN_LABEL_GAP_PX = 72; // wide enough for "12 Apr 2021"
const WEEKS_PER_YEAR = 52;
const MAX_POINTS = 60;
const DAY_MS = 86400000;
// The longest span each period draws: about 160 bars at most, far below the API's 2,000 periods.
const WEEKS_UP_TO_DAYS = 3 * 365;
const MONTHS_UP_TO_DAYS = 14 * 365;

export const PERIOD_WORDS = {
  week: { unit: 'week', adjective: 'weekly' },
  month: { unit: 'month', adjective: 'monthly' },
  year: { unit: 'year', adjective: 'yearly' },
};

/** 'week', 'month' or 'year' for a timeline from one day ("YYYY-MM-DD") to another. */
export function periodFor(first, last) {
  const days = (parseDay(last) - parseDay(first)) / DAY_MS;
  if (days <= WEEKS_UP_TO_DAYS) return 'week';
  return days <= MONTHS_UP_TO_DAYS ? 'month' : 'year';
}

/** The last day ("YYYY-MM-DD") of the week, month or year holding `day`. */
export function periodEnd(day, period) {
  const date = parseDay(day);
  if (period === 'week') return isoDay(date, 6 - ((date.getUTCDay() + 6) % 7)); // to Sunday
  const month = period === 'month' ? date.getUTCMonth() + 1 : 12;
  return isoDay(new Date(Date.UTC(date.getUTCFullYear(), month, 0))); // day 0: the last of the month before
}

/** Rows of /api/trends summed per period (the API may split a period into groups). */
export function periodTotals(rows) {
  const byStart = new Map();
  for (const row of rows) {
    const total = byStart.get(row.start)
      ?? { start: row.start, period: row.period, events: 0, fatalities: 0, partial: false };
    total.events += row.events ?? 0;
    total.fatalities += row.fatalities ?? 0;
    total.partial ||= Boolean(row.partial);
    byStart.set(row.start, total);
  }
  return [...byStart.values()].sort((a, b) => a.start.localeCompare(b.start));
}

export class Timeline {
  /** onPick(firstDay, lastDay) is called when a bar is clicked. */
  constructor(container, onPick) {
    this.container = container;
    this.onPick = onPick;
    this.trends = { rows: [], alerts: [] };
    this.period = 'week';
    // Redraw at the new width; a frame's delay merges the bursts a resize sends.
    new ResizeObserver(() => requestAnimationFrame(() => this.draw())).observe(container);
  }

  show(trends, period) {
    this.trends = trends;
    this.period = period;
    this.container.dataset.period = period; // for tests and styles: the unit of the bars
    this.draw();
  }

  /** Nothing drawn (the data could not be had: the panel says why). */
  clear() {
    this.trends = null;
    fill(this.container);
  }

  draw() {
    if (!this.trends) return;
    const totals = periodTotals(this.trends.rows ?? []);
    if (totals.length === 0) {
      fill(this.container, el('p', { className: 'empty' }, 'No dated events for these filters.'));
      return;
    }
    const width = Math.max(320, this.container.clientWidth);
    const chart = svg('svg', { class: 'timeline-svg', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img',
      'aria-label': `Events and fatalities per ${PERIOD_WORDS[this.period].unit}` });
    const scale = scales(totals, width);
    const pick = (start) => this.onPick(start, periodEnd(start, this.period));
    chart.append(...grid(scale), ...alertBands(totals, this.trends.alerts ?? [], scale),
      ...bars(totals, scale, this.period, pick), fatalityLine(totals, scale), ...axes(totals, scale, this.period));
    fill(this.container, chart);
  }
}

function scales(totals, width) {
  const inner = { width: width - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom };
  const band = inner.width / totals.length;
  const maxEvents = niceMax(Math.max(...totals.map((w) => w.events)));
  const maxFatalities = niceMax(Math.max(...totals.map((w) => w.fatalities)));
  return {
    width, inner, band, maxEvents, maxFatalities,
    x: (i) => MARGIN.left + i * band,
    yEvents: (v) => MARGIN.top + inner.height * (1 - v / maxEvents),
    yFatalities: (v) => MARGIN.top + inner.height * (1 - v / maxFatalities),
  };
}

/** A round axis maximum at or above the value: 1, 2, 5, 10, 20, 50 ... */
function niceMax(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value);
}

/** 0, the middle and the top of an axis; no middle when it would not be a whole number. */
function ticks(max) {
  return max % 2 ? [0, max] : [0, max / 2, max];
}

function grid(s) {
  return ticks(s.maxEvents).map((v) => {
    const y = s.yEvents(v);
    return svg('line', { class: 'grid', x1: MARGIN.left, x2: s.width - MARGIN.right, y1: y, y2: y });
  });
}

/** A shaded column behind each period holding an alert, with the alerts named in its tooltip. */
function alertBands(totals, alerts, s) {
  const byPeriod = Map.groupBy(alerts, (a) => a.period);
  return totals.flatMap((total, i) => {
    const found = byPeriod.get(total.period);
    if (!found) return [];
    const text = found.map((a) => `Surge: ${a.value} (${a.dimension}), ${a.count} events`).join('\n');
    return [svg('rect', { class: 'timeline-alert', x: s.x(i), y: MARGIN.top - 6, width: s.band,
      height: s.inner.height + 6, 'data-period': total.period }, svg('title', {}, text)),
    svg('path', { class: 'timeline-alert-mark', d: triangle(s.x(i) + s.band / 2, MARGIN.top - 6) })];
  });
}

function triangle(cx, top) {
  return `M${cx - 5},${top} L${cx + 5},${top} L${cx},${top + 7} Z`;
}

/** "Week of 12 Apr (2021-W15)", "2021-04", "2021": what a bar stands for. */
function periodName(total, period) {
  if (period === 'week') return `Week of ${formatMonthDay(total.start)} (${total.period}`;
  return `${total.period} (${period}`;
}

function bars(totals, s, period, onPick) {
  const width = Math.max(2, s.band * 0.68);
  return totals.map((total, i) => {
    const y = s.yEvents(total.events);
    const label = `${periodName(total, period)}${total.partial ? ', not over' : ''}): `
      + `${formatNumber(total.events)} events, ${formatNumber(total.fatalities)} killed. Click to show only this ${period}.`;
    return svg('rect', {
      class: total.partial ? 'timeline-bar partial' : 'timeline-bar', x: s.x(i) + (s.band - width) / 2, y, width,
      height: Math.max(0, s.yEvents(0) - y), 'data-period': total.period, 'data-events': total.events,
      onclick: () => onPick(total.start),
    }, svg('title', {}, label));
  });
}

function fatalityLine(totals, s) {
  const points = totals.map((w, i) => [s.x(i) + s.band / 2, s.yFatalities(w.fatalities)]);
  const d = points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return svg('g', { class: 'timeline-fatalities' }, svg('path', { d }),
    // Points only while they stand apart; over many periods the line says it all.
    ...(totals.length > MAX_POINTS ? [] : points.map(([x, y]) => svg('circle', { cx: x, cy: y, r: 2.5 }))));
}

function axes(totals, s, period) {
  const bottom = HEIGHT - MARGIN.bottom;
  const left = ticks(s.maxEvents).map((v) =>
    svg('text', { class: 'axis events', x: MARGIN.left - 6, y: s.yEvents(v) + 4, 'text-anchor': 'end' }, formatNumber(v)));
  const right = ticks(s.maxFatalities).map((v) =>
    svg('text', { class: 'axis fatalities', x: s.width - MARGIN.right + 6, y: s.yFatalities(v) + 4 }, formatNumber(v)));
  const labels = axisLabels(totals, s.band, period).map(([i, text]) =>
    svg('text', { class: 'axis', x: s.x(i) + s.band / 2, y: bottom + 16, 'text-anchor': 'middle' }, text));
  return [svg('line', { class: 'baseline', x1: MARGIN.left, x2: s.width - MARGIN.right, y1: bottom, y2: bottom }),
    ...left, ...right, ...labels];
}

/** [index, text] of the periods to label, spaced so labels never overlap. */
function axisLabels(totals, band, period) {
  const every = Math.ceil(MIN_LABEL_GAP_PX / band);
  const years = totals.map((w) => parseDay(w.start).getUTCFullYear());
  if (period === 'year') return years.flatMap((year, i) => (year % every === 0 ? [[i, String(year)]] : []));
  if (period === 'month') return monthLabels(totals, years, every);
  return weekLabels(totals, years, every);
}

/** Over a few months: every k-th week ("12 Apr", the year on the first label of each year); over
 *  years: the first week of every n-th year ("2021"). */
function weekLabels(weeks, years, every) {
  if (every >= WEEKS_PER_YEAR / 2) return firstOfYears(years, Math.ceil(every / WEEKS_PER_YEAR));
  let lastYear = null;
  return weeks.flatMap((week, i) => {
    if (i % every) return [];
    const text = years[i] === lastYear ? formatMonthDay(week.start) : `${formatMonthDay(week.start)} ${years[i]}`;
    lastYear = years[i];
    return [[i, text]];
  });
}

/** Every k-th month ("2021-04"), or the first month of every n-th year ("2021") over decades. */
function monthLabels(months, years, every) {
  if (every >= 6) return firstOfYears(years, Math.ceil(every / 12));
  return months.flatMap((month, i) => (i % every ? [] : [[i, month.period]]));
}

function firstOfYears(years, step) {
  return years.flatMap((year, i) => (i === 0 || year !== years[i - 1]) && year % step === 0 ? [[i, String(year)]] : []);
}
