// Airport and city autocomplete from GET /v1/places, as the ARIA 1.2 combobox pattern with a
// listbox popup: ArrowDown/ArrowUp move through the places, Enter chooses, Escape closes. One
// listbox serves every input; it moves under the input being typed in. Choosing a place sets the
// input's value to its IATA code (what the search sends) and shows the place's name below it.

import { places } from './api.js';
import { h } from './format.js';

const listbox = document.getElementById('places-listbox');
const home = listbox.parentElement; // where the listbox waits while closed, whatever rows redraw
const announcer = document.getElementById('announcer');
let owner = null; // the input the listbox is open for
let active = -1;
let controller = null;
let timer = 0;

function options() {
  return [...listbox.querySelectorAll('[role="option"]')];
}

function close() {
  if (owner) {
    owner.setAttribute('aria-expanded', 'false');
    owner.removeAttribute('aria-activedescendant');
  }
  listbox.hidden = true;
  listbox.replaceChildren();
  home.append(listbox);
  owner = null;
  active = -1;
}

function highlight(index) {
  const all = options();
  if (!all.length || !owner) return;
  active = (index + all.length) % all.length;
  all.forEach((o, i) => o.setAttribute('aria-selected', String(i === active)));
  owner.setAttribute('aria-activedescendant', all[active].id);
  all[active].scrollIntoView({ block: 'nearest' });
}

function choose(option) {
  const input = owner;
  if (!input) return;
  input.value = option.dataset.code;
  const name = document.getElementById(`${input.id}-name`);
  if (name) name.textContent = option.dataset.label;
  close();
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function label(place) {
  if (place.type === 'city') return `${place.name} (${place.code}), all airports`;
  return `${place.name} (${place.code}), ${place.city}`;
}

function show(input, found) {
  if (document.activeElement !== input) return;
  owner = input;
  input.parentElement.append(listbox);
  listbox.replaceChildren(...found.map((place, i) => h('li', {
    role: 'option', id: `place-option-${i}`, 'aria-selected': 'false',
    'data-testid': 'place-option', dataset: { code: place.code, label: label(place) },
    class: place.type,
  }, h('span', { class: 'code' }, place.code), ' ', label(place))));
  if (!found.length) {
    listbox.append(h('li', { class: 'none', 'aria-disabled': 'true' }, 'No airport or city found'));
  }
  listbox.hidden = false;
  input.setAttribute('aria-expanded', 'true');
  active = -1;
  announcer.textContent = found.length ? `${found.length} places found` : 'No places found';
}

function lookup(input) {
  clearTimeout(timer);
  if (controller) controller.abort();
  const text = input.value.trim();
  if (text.length < 2) {
    close();
    return;
  }
  timer = setTimeout(async () => {
    controller = new AbortController();
    try {
      const answer = await places(text, controller.signal);
      show(input, answer.places || []);
    } catch {
      close(); // a typo or an aborted lookup: no suggestions; the search itself reports errors
    }
  }, 120);
}

listbox.addEventListener('pointerdown', (e) => e.preventDefault()); // keep focus in the input
listbox.addEventListener('click', (e) => {
  const option = e.target.closest('[role="option"]');
  if (option) choose(option);
});

// Makes `input` a combobox (its wrapper holds the listbox when open).
export function attachCombobox(input) {
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
  input.setAttribute('autocapitalize', 'characters');
  input.setAttribute('spellcheck', 'false');
  input.addEventListener('input', () => {
    const name = document.getElementById(`${input.id}-name`);
    if (name) name.textContent = '';
    lookup(input);
  });
  input.addEventListener('keydown', (e) => {
    const open = owner === input && !listbox.hidden;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        lookup(input);
        return;
      }
      highlight(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      const all = options();
      const pick = all[active] || all[0];
      if (pick) choose(pick);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => {
    if (owner === input) close();
    clearTimeout(timer);
  });
}

// Resolves what the reader typed to a code: a code as it is, else the first place found.
export async function resolvePlace(text) {
  const value = text.trim();
  if (/^[A-Za-z]{3}$/.test(value)) return value.toUpperCase();
  if (value.length < 2) return '';
  try {
    const answer = await places(value);
    return answer.places?.[0]?.code || '';
  } catch {
    return '';
  }
}
