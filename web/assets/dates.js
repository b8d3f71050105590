// The date strip (the cheapest price of the days around the departure) and the month grid for
// flexible dates, from POST /v1/calendars: first `mode: cached` (no supplier call), then `fill`
// within a small call budget for the days the cache lacked. Round trips keep their length.

import { calendar } from './api.js';
import { addDays, daysBetween, dayLabel, h, monthLabel, moneyShort, parseDate, today } from './format.js';

const box = document.getElementById('dates');
const strip = document.getElementById('date-strip');
const toggle = document.getElementById('flexible-dates');
const grid = document.getElementById('month-grid');
const STRIP_DAYS = 3; // either side of the departure
const FILL_CALLS = 14;
const FILL_DEADLINE_MS = 4000;
let controller = null;
let current = null; // {q, onPick}

function request(q, from, to, mode) {
  const first = q.slices[0];
  const body = { origin: first.from, destination: first.to, departure: { from, to },
    passengers: { adults: q.adults, children: q.ages, infants: q.infants }, cabin: q.cabin,
    currency: q.currency, mode };
  if (q.trip === 'round') {
    const nights = daysBetween(first.depart, q.ret);
    body.nights = { min: nights, max: nights };
  }
  if (mode === 'fill') Object.assign(body, { max_calls: FILL_CALLS, deadline_ms: FILL_DEADLINE_MS });
  return body;
}

// Cells by departure date: cached first, then filled when some are empty.
async function prices(q, from, to, signal, onCells) {
  const cached = await calendar(request(q, from, to, 'cached'), signal);
  onCells(cached);
  if (cached.cells.some((c) => !c.filled)) onCells(await calendar(request(q, from, to, 'fill'), signal));
}

const byDate = (answer) => new Map(answer.cells.map((c) => [c.departure_date, c]));

function dayButton(date, cell, q, testid, band) {
  const selected = date === q.slices[0].depart;
  const price = cell?.filled ? moneyShort(cell.price.total, q.currency) : cell ? 'no fare' : '…';
  return h('button', { type: 'button', class: `day ${band || ''}`, 'data-testid': testid,
    dataset: { date }, 'aria-current': selected ? 'date' : null,
    onclick: () => current.onPick(date) },
  testid === 'date-strip-day' ? h('span', { class: 'day-name' }, dayLabel(date)) :
    h('span', { class: 'day-name' }, h('span', { class: 'visually-hidden' }, `${dayLabel(date).slice(0, 4)}`),
      String(parseDate(date).getUTCDate()), h('span', { class: 'visually-hidden' }, dayLabel(date).slice(dayLabel(date).indexOf(' ', 4)))),
  h('span', { class: 'day-price' }, price));
}

function bandOf(cell, bands) {
  if (!cell?.filled || !bands) return '';
  const v = Number(cell.price.total);
  return v <= Number(bands.low_max) ? 'low' : v > Number(bands.typical_max) ? 'high' : 'typical';
}

function stripRange(q) {
  const first = today();
  let from = addDays(q.slices[0].depart, -STRIP_DAYS);
  if (from < first) from = first;
  return [from, addDays(from, 2 * STRIP_DAYS)];
}

function drawStrip(q, answer) {
  const [from] = stripRange(q);
  const cells = answer ? byDate(answer) : new Map();
  strip.replaceChildren(...Array.from({ length: 2 * STRIP_DAYS + 1 }, (_, i) => {
    const date = addDays(from, i);
    return dayButton(date, answer ? cells.get(date) || { filled: false } : null, q, 'date-strip-day');
  }));
  // On a narrow screen the strip scrolls: bring the chosen day to its middle.
  const chosen = strip.querySelector('[aria-current="date"]');
  if (chosen) strip.scrollLeft = chosen.offsetLeft - (strip.clientWidth - chosen.offsetWidth) / 2;
}

function monthRange(q) {
  const d = parseDate(q.slices[0].depart);
  let from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString().slice(0, 10);
  const to = addDays(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10), -1);
  if (from < today()) from = today();
  return [from, to];
}

function drawMonth(q, answer) {
  const [from, to] = monthRange(q);
  const cells = answer ? byDate(answer) : new Map();
  const bands = answer?.summary?.bands;
  const lead = (parseDate(from).getUTCDay() + 6) % 7; // Monday first
  const days = [];
  for (let i = 0; i < lead; i++) days.push(h('span', { class: 'blank', 'aria-hidden': 'true' }));
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const cell = answer ? cells.get(date) || { filled: false } : null;
    days.push(dayButton(date, cell, q, 'month-grid-day', bandOf(cell, bands)));
  }
  grid.replaceChildren(
    h('p', { class: 'month-title' }, `${monthLabel(from)}: cheapest fare of each departure day`,
      q.trip === 'round' ? ` for ${daysBetween(q.slices[0].depart, q.ret)} nights` : ''),
    h('div', { class: 'weekdays', 'aria-hidden': 'true' }, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d) => h('span', {}, d))),
    h('div', { class: 'grid' }, days),
    h('p', { class: 'legend muted small' }, h('span', { class: 'day low swatch' }), ' low ',
      h('span', { class: 'day high swatch' }, ''), ' high'));
}

function fail(target, draw) {
  return (err) => {
    if (err.name === 'AbortError') return;
    draw(); // the days stay, without prices
    target.dataset.error = err.message;
  };
}

// Shows the strip for query `q` (one way or round trip); onPick(date) searches that day.
export function showDates(q, onPick) {
  if (controller) controller.abort();
  current = { q, onPick };
  // Hidden, its room kept, so that the results do not move (multi-city has no calendar).
  box.classList.toggle('inactive', q.trip === 'multi');
  if (q.trip === 'multi') return;
  controller = new AbortController();
  const [from, to] = stripRange(q);
  drawStrip(q, null);
  prices(q, from, to, controller.signal, (answer) => drawStrip(q, answer))
    .catch(fail(strip, () => drawStrip(q, { cells: [] })));
  if (!grid.hidden) openMonth();
}

function openMonth() {
  const { q } = current;
  const [from, to] = monthRange(q);
  drawMonth(q, null);
  prices(q, from, to, controller.signal, (answer) => drawMonth(q, answer))
    .catch(fail(grid, () => drawMonth(q, { cells: [] })));
}

toggle.addEventListener('click', () => {
  const open = grid.hidden;
  grid.hidden = !open;
  toggle.setAttribute('aria-expanded', String(open));
  toggle.textContent = open ? 'Hide the month' : 'Flexible dates: show the month';
  if (open && current) openMonth();
});
