// The weekly timeline: events as bars (left axis), fatalities as a line (right axis), weeks with a
// surge alert shaded. Plain SVG drawn here: a chart library would be more to vendor than this.

import { el, fill, formatMonthDay, formatNumber, parseDay, svg } from './dom.js';

const HEIGHT = 190;
const MARGIN = { top: 16, right: 44, bottom: 26, left: 40 };
const MIN_LABEL_GAP_PX = 72; // wide enough for "12 Apr 2021"
const WEEKS_PER_YEAR = 52;
const MAX_POINTS = 60;

/** Rows of /api/trends summed per period (the API may split a period into groups). */
export function weeklyTotals(rows) {
  const byStart = new Map();
  for (const row of rows) {
    const week = byStart.get(row.start) ?? { start: row.start, period: row.period, events: 0, fatalities: 0, partial: false };
    week.events += row.events ?? 0;
    week.fatalities += row.fatalities ?? 0;
    week.partial ||= Boolean(row.partial);
    byStart.set(row.start, week);
  }
  return [...byStart.values()].sort((a, b) => a.start.localeCompare(b.start));
}

export class Timeline {
  /** onPick(startOfWeek) is called when a bar is clicked. */
  constructor(container, onPick) {
    this.container = container;
    this.onPick = onPick;
    this.trends = { rows: [], alerts: [] };
    // Redraw at the new width; a frame's delay merges the bursts a resize sends.
    new ResizeObserver(() => requestAnimationFrame(() => this.draw())).observe(container);
  }

  show(trends) {
    this.trends = trends;
    this.draw();
  }

  draw() {
    const weeks = weeklyTotals(this.trends.rows ?? []);
    if (weeks.length === 0) {
      fill(this.container, el('p', { className: 'empty' }, 'No dated events for these filters.'));
      return;
    }
    const width = Math.max(320, this.container.clientWidth);
    const chart = svg('svg', { class: 'timeline-svg', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img',
      'aria-label': 'Events and fatalities per week' });
    const scale = scales(weeks, width);
    chart.append(...grid(scale), ...alertBands(weeks, this.trends.alerts ?? [], scale),
      ...bars(weeks, scale, this.onPick), fatalityLine(weeks, scale), ...axes(weeks, scale));
    fill(this.container, chart);
  }
}

function scales(weeks, width) {
  const inner = { width: width - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom };
  const band = inner.width / weeks.length;
  const maxEvents = niceMax(Math.max(...weeks.map((w) => w.events)));
  const maxFatalities = niceMax(Math.max(...weeks.map((w) => w.fatalities)));
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

/** A shaded column behind each week holding an alert, with the alerts named in its tooltip. */
function alertBands(weeks, alerts, s) {
  const byPeriod = Map.groupBy(alerts, (a) => a.period);
  return weeks.flatMap((week, i) => {
    const found = byPeriod.get(week.period);
    if (!found) return [];
    const text = found.map((a) => `Surge: ${a.value} (${a.dimension}), ${a.count} events`).join('\n');
    return [svg('rect', { class: 'timeline-alert', x: s.x(i), y: MARGIN.top - 6, width: s.band,
      height: s.inner.height + 6, 'data-period': week.period }, svg('title', {}, text)),
    svg('path', { class: 'timeline-alert-mark', d: triangle(s.x(i) + s.band / 2, MARGIN.top - 6) })];
  });
}

function triangle(cx, top) {
  return `M${cx - 5},${top} L${cx + 5},${top} L${cx},${top + 7} Z`;
}

function bars(weeks, s, onPick) {
  const width = Math.max(2, s.band * 0.68);
  return weeks.map((week, i) => {
    const y = s.yEvents(week.events);
    const label = `Week of ${formatMonthDay(week.start)} (${week.period}${week.partial ? ', not over' : ''}): `
      + `${formatNumber(week.events)} events, ${formatNumber(week.fatalities)} killed. Click to show only this week.`;
    return svg('rect', {
      class: week.partial ? 'timeline-bar partial' : 'timeline-bar', x: s.x(i) + (s.band - width) / 2, y, width,
      height: Math.max(0, s.yEvents(0) - y), 'data-period': week.period, 'data-events': week.events,
      onclick: () => onPick(week.start),
    }, svg('title', {}, label));
  });
}

function fatalityLine(weeks, s) {
  const points = weeks.map((w, i) => [s.x(i) + s.band / 2, s.yFatalities(w.fatalities)]);
  const d = points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return svg('g', { class: 'timeline-fatalities' }, svg('path', { d }),
    // Points only while they stand apart; over years of weeks the line says it all.
    ...(weeks.length > MAX_POINTS ? [] : points.map(([x, y]) => svg('circle', { cx: x, cy: y, r: 2.5 }))));
}

function axes(weeks, s) {
  const bottom = HEIGHT - MARGIN.bottom;
  const left = ticks(s.maxEvents).map((v) =>
    svg('text', { class: 'axis events', x: MARGIN.left - 6, y: s.yEvents(v) + 4, 'text-anchor': 'end' }, formatNumber(v)));
  const right = ticks(s.maxFatalities).map((v) =>
    svg('text', { class: 'axis fatalities', x: s.width - MARGIN.right + 6, y: s.yFatalities(v) + 4 }, formatNumber(v)));
  const labels = weekLabels(weeks, s.band).map(([i, text]) =>
    svg('text', { class: 'axis', x: s.x(i) + s.band / 2, y: bottom + 16, 'text-anchor': 'middle' }, text));
  return [svg('line', { class: 'baseline', x1: MARGIN.left, x2: s.width - MARGIN.right, y1: bottom, y2: bottom }),
    ...left, ...right, ...labels];
}

/** [index, text] of the weeks to label, spaced so labels never overlap. Over a few months: every
 *  k-th week ("12 Apr", the year on the first label of each year); over years: the first week of
 *  every n-th year ("2021"). */
function weekLabels(weeks, band) {
  const every = Math.ceil(MIN_LABEL_GAP_PX / band);
  const years = weeks.map((w) => parseDay(w.start).getUTCFullYear());
  if (every >= WEEKS_PER_YEAR / 2) {
    const step = Math.ceil(every / WEEKS_PER_YEAR);
    return years.flatMap((year, i) => (i === 0 || year !== years[i - 1]) && year % step === 0 ? [[i, String(year)]] : []);
  }
  let lastYear = null;
  return weeks.flatMap((week, i) => {
    if (i % every) return [];
    const text = years[i] === lastYear ? formatMonthDay(week.start) : `${formatMonthDay(week.start)} ${years[i]}`;
    lastYear = years[i];
    return [[i, text]];
  });
}
