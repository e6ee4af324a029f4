// DOM building and formatting shared by the dashboard's parts.
//
// Article text, outlet names and every other value from the store are untrusted: they reach the
// page only as text nodes (Node.append with a string, textContent) or as attribute values through
// setAttribute — never through innerHTML — so markup in an article shows as text and runs nothing.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Append children: nodes as they are, anything else as a text node; null, undefined and false skipped. */
export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Set properties and attributes; a function under `on<event>` becomes a listener. */
function assign(node, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) {
      // A string here would be an inline handler: code from data. Only functions are accepted.
      if (typeof value !== 'function') throw new TypeError(`${key} must be a function`);
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(key === 'className' ? 'class' : key, String(value));
    }
  }
  return node;
}

/** An HTML element: el('td', {className: 'num'}, 'text', childNode). */
export function el(tag, props = {}, ...children) {
  return append(assign(document.createElement(tag), props), children);
}

/** An SVG element, with attributes. */
export function svg(tag, props = {}, ...children) {
  return append(assign(document.createElementNS(SVG_NS, tag), props), children);
}

/** Replace a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

// --- formatting ----------------------------------------------------------------------------------

const numbers = new Intl.NumberFormat('en');
const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const monthDay = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const fullDate = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export const DASH = '–';

/** 1,234; a dash for a figure the sources do not give. */
export function formatNumber(value) {
  return value === null || value === undefined ? DASH : numbers.format(value);
}

/** "Mali" for "ML"; the code itself when the browser does not know it. */
export function countryName(iso2) {
  if (!iso2) return '';
  try {
    return regions.of(iso2.toUpperCase()) ?? iso2;
  } catch {
    return iso2;
  }
}

/** A Date at midnight UTC from "YYYY-MM-DD" (week starts and event days have no time of day). */
export function parseDay(text) {
  return new Date(`${text}T00:00:00Z`);
}

export function formatMonthDay(text) {
  return monthDay.format(parseDay(text));
}

/** An event date at its precision: "12 Apr 2021", "2021-04" (a month) or "2021" (a year). */
export function formatEventDate(date, precision) {
  if (!date) return 'undated';
  if (date.length === 10) return fullDate.format(parseDay(date)) + (precision === 'week' ? ' (week)' : '');
  return date;
}

/** "YYYY-MM-DD" of a Date, shifted by a number of days. */
export function isoDay(date, plusDays = 0) {
  return new Date(date.getTime() + plusDays * 86400000).toISOString().slice(0, 10);
}
