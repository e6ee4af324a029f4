// Colours of the ACLED event types, shared by the map, its legend and the table.
// Chosen to stay apart for the common kinds of colour blindness (after the Okabe-Ito set).

export const TYPE_COLOURS = new Map([
  ['Battles', '#c0392b'],
  ['Explosions/Remote violence', '#e67e22'],
  ['Violence against civilians', '#8e44ad'],
  ['Protests', '#2e86c1'],
  ['Riots', '#d4ac0d'],
  ['Strategic developments', '#16a085'],
]);

export const OTHER_COLOUR = '#7f8c8d';

export function typeColour(eventType) {
  return TYPE_COLOURS.get(eventType) ?? OTHER_COLOUR;
}
