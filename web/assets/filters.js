// The filter panel, built from the facets of the unfiltered answer: stops with each one's lowest
// price, airlines and alliances with counts and lowest prices, departure and arrival times per
// flight, maximum duration, price over the histogram, checked bag, connecting airports. A change
// calls onChange(filters, redraw) with the new filters (state.js names them as the refine's
// parameters); redraw is true when the panel must be drawn again to show them.

import { duration, h, moneyShort, plural } from './format.js';
import { emptyFilters } from './state.js';

const panel = document.getElementById('filters');
const PARTS = [['00:00-05:59', 'Night (00–06)', 'night'], ['06:00-11:59', 'Morning (06–12)', 'morning'],
  ['12:00-17:59', 'Afternoon (12–18)', 'afternoon'], ['18:00-23:59', 'Evening (18–24)', 'evening']];
const ALLIANCES = { star_alliance: 'Star Alliance', oneworld: 'oneworld', skyteam: 'SkyTeam' };

const minPrice = (items) => items.filter((i) => i.count && i.min_price != null)
  .reduce((lo, i) => (lo == null || Number(i.min_price) < Number(lo) ? i.min_price : lo), null);

function group(legend, testid, ...children) {
  return h('fieldset', { class: 'filter-group', 'data-testid': testid }, h('legend', {}, legend), ...children);
}

function check(testid, code, text, detail, checked, onToggle) {
  const id = `${testid}-${code}`;
  return h('div', { class: 'check' },
    h('input', { type: 'checkbox', id, 'data-testid': testid, dataset: { code }, checked,
      onchange: (e) => onToggle(code, e.target.checked) }),
    h('label', { for: id }, text, detail ? h('span', { class: 'muted' }, ` ${detail}`) : null));
}

function toggled(list, code, on) {
  const set = new Set(list);
  if (on) set.add(code); else set.delete(code);
  return [...set];
}

// model: {facets, filters, slices (count), currency, durations: {min, max} minutes}.
export function renderFilters(model, onChange) {
  const { facets, currency } = model;
  const f = structuredClone(model.filters);
  // The panel already shows an input's change: it is not drawn again, so focus stays put.
  const changed = () => onChange(structuredClone(f), false);
  const out = [];

  // Stops: "at most n" over the facets of exactly 0, 1, 2+.
  const stops = facets.stops || [];
  const stopOption = (value, text, upTo) => {
    const id = `filter-stops-${value === '' ? 'any' : value}`;
    const lo = upTo == null ? minPrice(stops) : minPrice(stops.slice(0, upTo + 1));
    return h('div', { class: 'check' },
      h('input', { type: 'radio', name: 'filter-stops', id, value,
        'data-testid': value === '' ? 'filter-stops-any' : 'filter-stops-option',
        dataset: { value }, checked: (f.max_stops ?? '') === value,
        onchange: () => { f.max_stops = value || undefined; changed(); } }),
      h('label', { for: id }, text, h('span', { class: 'muted' }, lo ? ` from ${moneyShort(lo, currency)}` : ' none')));
  };
  out.push(group('Stops', 'filter-stops', stopOption('', 'Any number of stops'),
    stopOption('0', 'Nonstop only', 0), stopOption('1', '1 stop at most', 1),
    stopOption('2', '2 stops at most', 2)));

  const airlines = (facets.airlines || []).map((a) => check('filter-airline', a.code,
    `${a.name || a.code} (${a.code})`, `${a.count} · from ${moneyShort(a.min_price, currency)}`,
    f.airlines.includes(a.code), (code, on) => { f.airlines = toggled(f.airlines, code, on); changed(); }));
  const alliances = (facets.alliances || []).filter((a) => ALLIANCES[a.alliance]).map((a) =>
    check('filter-alliance', a.alliance, ALLIANCES[a.alliance], `${a.count} · from ${moneyShort(a.min_price, currency)}`,
      f.alliances.includes(a.alliance), (code, on) => { f.alliances = toggled(f.alliances, code, on); changed(); }));
  if (airlines.length) {
    out.push(group('Airlines', 'filter-airlines', h('p', { class: 'muted small' }, 'Only flights on the airlines ticked'),
      ...airlines, alliances.length ? h('p', { class: 'sub' }, 'Alliances') : null, ...alliances));
  }

  const times = [];
  for (let s = 0; s < model.slices; s++) {
    const parts = (facets.departure_time_of_day || []).find((d) => d.slice === s) || {};
    for (const kind of ['depart', 'arrive']) {
      const key = kind === 'depart' ? 'departure_window' : 'arrival_window';
      const id = `filter-${kind}-time-${s}`;
      const select = h('select', { id, 'data-testid': id,
        onchange: (e) => { f[key][s] = e.target.value || undefined; if (!e.target.value) delete f[key][s]; changed(); } },
      h('option', { value: '' }, 'Any time'),
      PARTS.map(([value, text, part]) => {
        const c = kind === 'depart' ? parts[part] : null;
        return h('option', { value }, c ? `${text} · ${c.count ? plural(c.count, 'flight') : 'none'}` : text);
      }));
      select.value = f[key][s] || '';
      times.push(h('div', { class: 'field' }, h('label', { for: id },
        `${kind === 'depart' ? 'Departs' : 'Arrives'}, flight ${s + 1}`), select));
    }
  }
  out.push(group('Times', 'filter-times', ...times));

  if (model.durations && Math.ceil(model.durations.max / 30) > Math.ceil(model.durations.min / 30)) {
    // At its lowest the slider still keeps the shortest flight seen.
    const lo = Math.ceil(model.durations.min / 30) * 30;
    const hi = Math.ceil(model.durations.max / 30) * 30;
    const value = Number(f.max_duration) || hi;
    const output = h('output', { for: 'filter-duration', id: 'filter-duration-value' });
    const show = (v) => { output.textContent = v >= hi ? 'Any length' : `Up to ${duration(v)} a flight`; };
    const range = h('input', { type: 'range', id: 'filter-duration', 'data-testid': 'filter-duration',
      min: lo, max: hi, step: 30, value: Math.min(value, hi),
      oninput: (e) => show(Number(e.target.value)),
      onchange: (e) => { const v = Number(e.target.value); f.max_duration = v >= hi ? undefined : String(v); changed(); } });
    show(Math.min(value, hi));
    out.push(group('Flight length', 'filter-duration-group', h('label', { for: 'filter-duration', class: 'visually-hidden' }, 'Longest flight'), range, output));
  }

  const hist = facets.price_histogram || [];
  if (hist.length) {
    const digits = (hist[0].from.split('.')[1] || '').length;
    const lo = Math.floor(Number(hist[0].from));
    const hi = Math.ceil(Number(hist[hist.length - 1].to));
    const step = Math.max(1, Math.round((hi - lo) / 100));
    const most = Math.max(...hist.map((b) => b.count), 1);
    const value = f.max_price ? Math.min(Number(f.max_price), hi) : hi;
    const output = h('output', { for: 'filter-price' });
    const bars = h('div', { class: 'histogram', 'aria-hidden': 'true' }, hist.map((b) =>
      h('span', { class: 'hbar', 'data-height': Math.ceil((b.count / most) * 10) })));
    const show = (v) => {
      output.textContent = v >= hi ? 'Any price' : `Up to ${moneyShort(String(v), currency)}`;
      bars.querySelectorAll('.hbar').forEach((bar, i) => bar.classList.toggle('out', Number(hist[i].from) > v));
    };
    const range = h('input', { type: 'range', id: 'filter-price', 'data-testid': 'filter-price',
      min: lo, max: hi, step, value,
      oninput: (e) => show(Number(e.target.value)),
      onchange: (e) => { const v = Number(e.target.value); f.max_price = v >= hi ? undefined : v.toFixed(digits); changed(); } });
    show(value);
    out.push(group('Price', 'filter-price-group', bars, h('label', { for: 'filter-price', class: 'visually-hidden' }, 'Highest total price'), range, output));
  }

  out.push(group('Bags', 'filter-bags-group', h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: 'filter-bags', 'data-testid': 'filter-bags',
      checked: f.checked_bag === 'true',
      onchange: (e) => { f.checked_bag = e.target.checked ? 'true' : undefined; changed(); } }),
    h('label', { for: 'filter-bags' }, 'Checked bag included'))));

  const airports = (facets.connecting_airports || []).slice(0, 12);
  if (airports.length) {
    out.push(group('Connecting airports', 'filter-connections', h('p', { class: 'muted small' }, 'Only connections in the airports ticked'),
      ...airports.map((a) => check('filter-connection', a.code, a.code, `${a.count} · from ${moneyShort(a.min_price, currency)}`,
        f.layover_airports.includes(a.code), (code, on) => { f.layover_airports = toggled(f.layover_airports, code, on); changed(); }))));
  }

  out.push(h('button', { type: 'button', class: 'link-button', 'data-testid': 'filters-clear',
    onclick: () => onChange(emptyFilters(), true) }, 'Clear all filters'));
  panel.replaceChildren(...out);
}

export function renderFiltersPlaceholder(text) {
  panel.replaceChildren(h('p', { class: 'muted' }, text));
}
