// The search form: trip type, one row per flight (origin, destination, date; the return date on a
// round trip), passengers with each child's age, cabin and currency. readForm() gives the query
// (state.js) or a message saying what to fix; fillForm() shows a query.

import { attachCombobox, resolvePlace } from './combobox.js';
import { addDays, h, isDate, today } from './format.js';
import { defaultQuery } from './state.js';

const form = document.getElementById('search-form');
const slicesBox = document.getElementById('slices');
const addSlice = document.getElementById('add-slice');
const adults = document.getElementById('adults');
const children = document.getElementById('children');
const infants = document.getElementById('infants');
const agesBox = document.getElementById('child-ages');
const currency = document.getElementById('currency');
const MAX_SLICES = 6;
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD', 'JPY',
  'INR', 'SGD', 'AED', 'BRL', 'MXN', 'ZAR'];

const numberOptions = (select, lo, hi) => select.replaceChildren(
  ...Array.from({ length: hi - lo + 1 }, (_, i) => h('option', { value: lo + i }, lo + i)));
numberOptions(adults, 1, 9);
numberOptions(children, 0, 8);
numberOptions(infants, 0, 1);
currency.replaceChildren(...CURRENCIES.map((c) => h('option', { value: c }, c)));

const trip = () => form.elements.trip.value;
const maxDate = () => addDays(today(), 361);

function placeField(kind, i, value) {
  const id = `${kind}-${i}`;
  const input = h('input', { id, name: id, 'data-testid': id, value, required: true,
    autocomplete: 'off', placeholder: 'City or airport', 'aria-describedby': `${id}-name` });
  attachCombobox(input);
  return h('div', { class: 'field combo' },
    h('label', { for: id }, kind === 'origin' ? 'From' : 'To'), input,
    h('span', { class: 'place-name', id: `${id}-name` }));
}

function dateField(id, testid, text, value) {
  return h('div', { class: 'field date' }, h('label', { for: id }, text),
    h('input', { type: 'date', id, name: id, 'data-testid': testid, value, required: true,
      min: today(), max: maxDate() }));
}

function sliceRow(slice, i, kind) {
  const row = h('div', { class: 'slice', role: 'group', 'aria-label': `Flight ${i + 1}` },
    placeField('origin', i, slice.from),
    h('button', { type: 'button', class: 'swap', 'aria-label': `Swap from and to of flight ${i + 1}`,
      onclick: () => {
        const a = row.querySelector(`#origin-${i}`);
        const b = row.querySelector(`#destination-${i}`);
        [a.value, b.value] = [b.value, a.value];
      } }, '⇄'),
    placeField('destination', i, slice.to),
    dateField(`depart-${i}`, `depart-${i}`, 'Depart', slice.depart));
  if (kind === 'round') row.append(dateField('return-date', 'return-date', 'Return', slice.ret));
  if (kind === 'multi' && i > 0) {
    row.append(h('button', { type: 'button', class: 'link-button remove',
      'aria-label': `Remove flight ${i + 1}`, onclick: () => {
        const q = current();
        q.slices.splice(i, 1);
        renderSlices(q);
      } }, 'Remove'));
  }
  return row;
}

// What the form shows now, without checking it.
function current() {
  const q = defaultQuery();
  q.trip = trip();
  q.slices = [...slicesBox.querySelectorAll('.slice')].map((row, i) => ({
    from: row.querySelector(`#origin-${i}`).value.trim(),
    to: row.querySelector(`#destination-${i}`).value.trim(),
    depart: row.querySelector(`#depart-${i}`).value,
  }));
  q.ret = form.querySelector('#return-date')?.value || '';
  q.adults = Number(adults.value);
  q.ages = [...agesBox.querySelectorAll('select')].map((s) => Number(s.value));
  q.infants = Number(infants.value);
  q.cabin = form.elements.cabin.value;
  q.currency = currency.value;
  return q;
}

function renderSlices(q) {
  const kind = q.trip;
  const slices = kind === 'multi' ? q.slices : [q.slices[0]];
  slicesBox.replaceChildren(...slices.map((s, i) =>
    sliceRow(i === 0 ? { ...s, ret: q.ret } : s, i, kind)));
  addSlice.hidden = kind !== 'multi' || slices.length >= MAX_SLICES;
}

function renderAges(ages) {
  agesBox.replaceChildren(...ages.map((age, i) => {
    const select = h('select', { id: `child-age-${i}`, 'data-testid': `child-age-${i}` },
      Array.from({ length: 16 }, (_, a) => h('option', { value: a + 2 }, a + 2)));
    select.value = String(age);
    return h('div', { class: 'field' }, h('label', { for: select.id }, `Child ${i + 1} age`),
      select);
  }));
}

function renderInfants(value) {
  numberOptions(infants, 0, Number(adults.value));
  infants.value = String(Math.min(value, Number(adults.value)));
}

export function fillForm(q) {
  form.elements.trip.value = q.trip;
  renderSlices(q);
  adults.value = String(q.adults);
  children.value = String(q.ages.length);
  renderAges(q.ages);
  renderInfants(q.infants);
  form.elements.cabin.value = q.cabin;
  if (![...currency.options].some((o) => o.value === q.currency)) {
    currency.append(h('option', { value: q.currency }, q.currency));
  }
  currency.value = q.currency;
}

form.addEventListener('change', (e) => {
  if (e.target.name === 'trip') {
    const q = current();
    if (q.trip === 'multi' && q.slices.length === 1 && q.slices[0].from && q.slices[0].to) {
      q.slices.push({ from: q.slices[0].to, to: '', depart: '' });
    }
    if (q.trip === 'round' && !q.ret && q.slices[0].depart) q.ret = addDays(q.slices[0].depart, 7);
    renderSlices(q);
  } else if (e.target === children) {
    const ages = current().ages;
    renderAges(Array.from({ length: Number(children.value) }, (_, i) => ages[i] ?? 8));
  } else if (e.target === adults) {
    renderInfants(Number(infants.value));
  }
});

addSlice.addEventListener('click', () => {
  const q = current();
  const last = q.slices[q.slices.length - 1];
  q.slices.push({ from: last.to, to: '', depart: last.depart ? addDays(last.depart, 3) : '' });
  renderSlices(q);
  slicesBox.querySelector(`#destination-${q.slices.length - 1}`).focus();
});

// The query the form asks, with places resolved to codes: {query} or {error, field}.
export async function readForm() {
  const q = current();
  for (const [i, s] of q.slices.entries()) {
    for (const kind of ['from', 'to']) {
      const field = `${kind === 'from' ? 'origin' : 'destination'}-${i}`;
      s[kind] = await resolvePlace(s[kind]);
      if (!s[kind]) return { error: `Choose a city or airport for “${kind === 'from' ? 'From' : 'To'}” of flight ${i + 1}.`, field };
      document.getElementById(field).value = s[kind];
    }
    if (s.from === s.to) return { error: `Flight ${i + 1} starts and ends at ${s.from}.`, field: `destination-${i}` };
    if (!isDate(s.depart)) return { error: `Choose the date of flight ${i + 1}.`, field: `depart-${i}` };
    if (s.depart < today()) return { error: 'Dates cannot be in the past.', field: `depart-${i}` };
    if (i > 0 && s.depart < q.slices[i - 1].depart) {
      return { error: `Flight ${i + 1} leaves before flight ${i}.`, field: `depart-${i}` };
    }
  }
  if (q.trip === 'round') {
    if (!isDate(q.ret)) return { error: 'Choose the return date.', field: 'return-date' };
    if (q.ret < q.slices[0].depart) return { error: 'The return is before the departure.', field: 'return-date' };
  }
  if (q.adults + q.ages.length + q.infants > 9) {
    return { error: 'At most 9 passengers can travel together, infants included.', field: 'adults' };
  }
  return { query: q };
}

// The first flight's defaults for an empty form: a week from now, back a week later.
export function defaultDates(q) {
  if (!q.slices[0].depart) q.slices[0].depart = addDays(today(), 14);
  if (q.trip === 'round' && !q.ret) q.ret = addDays(q.slices[0].depart, 7);
  return q;
}
