// Article text with its evidence spans as <mark> elements, built from text nodes only.
//
// Spans often overlap (the fatalities phrase "killing eleven civilians" holds the target
// "civilians"). Marks nest where spans nest; a span that crosses the end of an earlier one is cut
// there and continues in a second mark, so every span's marks together read exactly its text.

import { el } from './dom.js';

/** The spans that fit the text, ordered by start, the longer first at the same start. */
function ordered(spans, length) {
  return spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= length)
    .map((s) => ({ field: s.field, start: s.start, end: s.end }))
    .sort(byStartLongestFirst);
}

function byStartLongestFirst(a, b) {
  return a.start - b.start || b.end - a.end;
}

/** Cut crossing spans so that any two are either disjoint or one inside the other. */
export function nestable(spans, length) {
  const queue = ordered(spans, length);
  const done = [];
  const openEnds = []; // ends of the spans enclosing the current position, innermost last
  while (queue.length) {
    const span = queue.shift();
    while (openEnds.length && openEnds.at(-1) <= span.start) openEnds.pop();
    const limit = openEnds.at(-1) ?? Infinity;
    if (span.end > limit) {
      insertSorted(queue, { ...span, start: limit });
      span.end = limit;
    }
    done.push(span);
    openEnds.push(span.end);
  }
  return done;
}

function insertSorted(queue, span) {
  const at = queue.findIndex((other) => byStartLongestFirst(span, other) < 0);
  queue.splice(at === -1 ? queue.length : at, 0, span);
}

/** A fragment of `text` with each span in a <mark data-field title>. */
export function highlighted(text, spans) {
  const root = document.createDocumentFragment();
  const stack = [{ node: root, end: text.length }];
  let position = 0;
  const closeUpTo = (offset) => {
    while (stack.length > 1 && stack.at(-1).end <= offset) {
      const { node, end } = stack.pop();
      appendText(node, text.slice(position, end));
      position = end;
    }
  };
  for (const span of nestable(spans, text.length)) {
    closeUpTo(span.start);
    appendText(stack.at(-1).node, text.slice(position, span.start));
    position = span.start;
    const mark = el('mark', { className: `ev ev-${cssName(span.field)}`, title: span.field, dataset: { field: span.field } });
    stack.at(-1).node.append(mark);
    stack.push({ node: mark, end: span.end });
  }
  closeUpTo(text.length);
  appendText(root, text.slice(position));
  return root;
}

function appendText(node, text) {
  if (text) node.append(text); // a text node: markup in the article stays text
}

/** A field name as a class name suffix ("sub_event_type" -> "sub-event-type"). */
function cssName(field) {
  return String(field).toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
