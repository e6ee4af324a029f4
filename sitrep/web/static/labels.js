// Words the interface shows for values the API gives in a language-neutral vocabulary, whatever the
// language of the article. English now: another interface language is another copy of these
// tables. A value the tables do not know (a store made by an older sitrep keeps the article's own
// words, "øst i") is shown as given, never dropped.
//
// Location relations (sitrep.records.Location.relation): "in", "near", "between", "border",
// "dateline", "in northern" ... "in south-western", "<km> km <compass> of", "<compass> of".

const COMPASS = new Map([
  ['north', 'north'], ['north-east', 'north-east'], ['east', 'east'], ['south-east', 'south-east'],
  ['south', 'south'], ['south-west', 'south-west'], ['west', 'west'], ['north-west', 'north-west'],
]);

const AREA_PARTS = new Map([
  ['northern', 'northern'], ['southern', 'southern'], ['eastern', 'eastern'], ['western', 'western'],
  ['central', 'central'], ['north-eastern', 'north-eastern'], ['north-western', 'north-western'],
  ['south-eastern', 'south-eastern'], ['south-western', 'south-western'],
]);

// label: the relation on its own (the detail's "Relation" field); place: the relation with the
// place's name, as a table cell or a tooltip says where an event happened.
const RELATIONS = new Map([
  ['in', { label: 'in', place: (name) => name }],
  ['near', { label: 'near', place: (name) => `near ${name}` }],
  ['between', { label: 'between two places', place: (name) => `near ${name} (between two places)` }],
  ['border', { label: 'at a border', place: (name) => `${name}, border area` }],
  ['dateline', { label: 'the dateline (where the article was filed)', place: (name) => name }],
]);

const KM_OF = /^(\d+(?:\.\d+)?) km ([a-z-]+) of$/;
const COMPASS_OF = /^([a-z-]+) of$/;
const IN_PART = /^in ([a-z-]+)$/;

/** { label, place(name) } for a relation; null when the tables do not know it. */
function reading(relation) {
  const known = RELATIONS.get(relation);
  if (known) return known;
  let m = IN_PART.exec(relation);
  if (m && AREA_PARTS.has(m[1])) {
    const part = AREA_PARTS.get(m[1]);
    return { label: `in ${part} part of`, place: (name) => `${part} ${name}` };
  }
  m = KM_OF.exec(relation);
  if (m && COMPASS.has(m[2])) return relative(`${m[1]} km ${COMPASS.get(m[2])} of`);
  m = COMPASS_OF.exec(relation);
  if (m && COMPASS.has(m[1])) return relative(`${COMPASS.get(m[1])} of`);
  return null;
}

function relative(label) {
  return { label, place: (name) => `${label} ${name}` };
}

/** The relation in the interface's words ("20 km south-east of"); an unknown one as given. */
export function relationLabel(relation) {
  if (!relation) return null;
  return reading(relation)?.label ?? relation;
}

/** Where an event happened in words: "Gao", "near Gao", "northern Mali", "20 km south-east of Mosul". */
export function placeLabel(name, relation, precision) {
  if (!name) return 'unknown place';
  // At the place itself (precision 1) the relation can only be "in": the name says it all.
  if (!relation || precision === 1) return name;
  const known = reading(relation);
  return known ? known.place(name) : `${relation} ${name}`;
}
