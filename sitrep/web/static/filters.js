// The filter form, built from the query vocabulary (GET api/meta, declared in sitrep/filters.py):
// one control per filter the vocabulary labels, chosen by the filter's kind. Filters without a
// label have no control, but a shared URL still carries them to the API.

import { el } from './dom.js';

// The free-text filters offered suggestions, and the list each one gets (app.js fills them from
// the stored events); the words shown in an empty box.
const SUGGESTIONS = { actor: 'actor-list', claimed_by: 'claimant-list' };
const PLACEHOLDERS = { actor: 'any actor', claimed_by: 'any claimant' };

const CONTROLS = {
  date: (f) => el('input', { type: 'date', name: f.name }),
  country: (f) => el('select', { name: f.name }, el('option', { value: '' }, 'All countries')),
  event_type: (f) => el('select', { name: f.name }, el('option', { value: '' }, 'All types')),
  text: (f) => el('input', {
    type: 'search', name: f.name, list: SUGGESTIONS[f.name], placeholder: PLACEHOLDERS[f.name],
  }),
  integer: (f) => el('input', { type: 'number', name: f.name, min: f.minimum, max: f.maximum, step: 1 }),
  bbox: (f) => el('input', { type: 'text', name: f.name, placeholder: f.example }),
};

/** Add a labelled control for each labelled filter of the vocabulary, before the form's buttons. */
export function buildFilterForm(form, vocabulary) {
  const buttons = form.querySelector('.filter-buttons');
  for (const filter of vocabulary.filters.filter((f) => f.label && CONTROLS[f.kind])) {
    const control = CONTROLS[filter.kind](filter);
    control.title = filter.help;
    form.insertBefore(el('label', {}, `${filter.label} `, control), buttons);
  }
}
