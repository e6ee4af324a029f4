// Colours of the ACLED event types, shared by the map, its legend and the table. The types come
// from the API's vocabulary (api/meta, declared in sitrep/acled.py) and take these colours in its
// order (Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots,
// Strategic developments). Chosen to stay apart for the common kinds of colour blindness (after
// the Okabe-Ito set).

const COLOURS = ['#c0392b', '#e67e22', '#8e44ad', '#2e86c1', '#d4ac0d', '#16a085'];

export const OTHER_COLOUR = '#7f8c8d';
export const TYPE_COLOURS = new Map(); // event type -> colour

/** Give the vocabulary's event types their colours, in order (a type beyond the list: OTHER_COLOUR). */
export function setEventTypes(types) {
  TYPE_COLOURS.clear();
  types.forEach((type, i) => TYPE_COLOURS.set(type, COLOURS[i] ?? OTHER_COLOUR));
}

export function typeColour(eventType) {
  return TYPE_COLOURS.get(eventType) ?? OTHER_COLOUR;
}
