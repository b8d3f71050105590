// The results: counts, each supplier's status, the Best/Cheapest/Fastest tabs, the offer list
// and the empty and error states. Rendering only; app.js decides what to show when.

import { clock, duration, h, money, moneyShort, plural, stopsText } from './format.js';

const list = document.getElementById('offer-list');
const count = document.getElementById('result-count');
const suppliers = document.getElementById('suppliers');
const message = document.getElementById('message');
const loadMore = document.getElementById('load-more');

const statusText = {
  ok: 'answered', timeout: 'timed out', http_error: 'failed', auth_error: 'refused our key',
  malformed: 'sent an unreadable answer', io_error: 'failed', skipped: 'skipped',
  rate_limited: 'over its call budget', truncated: 'answered in part (too large)',
  pending: 'asking…',
  tls_error: 'failed its TLS check',
};

function age(seconds) {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

// One supplier's entry of suppliers[] (or a supplier event).
function supplierItem(s) {
  // A truncated supplier answered too: its offers before the cut are shown.
  const ok = s.status === 'ok' || s.status === 'truncated';
  const details = [];
  if (ok) details.push(plural(s.offers_kept ?? 0, 'flight'));
  if (s.cache?.source === 'cache') {
    details.push(`saved ${age(s.cache.age_s)} ago${s.cache.stale ? ', refreshing' : ''}`);
  }
  if (typeof s.ms === 'number') details.push(`${Math.round(s.ms)} ms`);
  return h('li', { class: `supplier ${ok ? 'ok' : s.status === 'pending' ? 'pending' : 'bad'}`,
    'data-testid': 'supplier-status', dataset: { supplier: s.name, status: s.status } },
  h('span', { class: 'dot', 'aria-hidden': 'true' }),
  h('span', { class: 'name' }, s.name), ` ${statusText[s.status] || s.status}`,
  details.length ? h('span', { class: 'muted' }, ` · ${details.join(' · ')}`) : null);
}

export function renderSuppliers(entries, waiting) {
  const items = entries.map(supplierItem);
  if (waiting) items.push(h('li', { class: 'supplier pending' }, 'Asking suppliers…'));
  suppliers.replaceChildren(...items);
}

export function renderCount(counts, progress) {
  const n = counts ? counts.matching : 0;
  count.dataset.count = String(n);
  let text = counts ? `${plural(n, 'flight')}` : 'Searching…';
  if (counts && counts.matching !== counts.deduplicated) {
    text += ` of ${counts.deduplicated.toLocaleString('en')} match the filters`;
  }
  if (progress) text += ` so far (${progress.done} of ${progress.of} suppliers)`;
  count.textContent = text.replace(/^\d{4,}/, (d) => Number(d).toLocaleString('en'));
}

export function setCountText(text) {
  count.dataset.count = '0';
  count.textContent = text;
}

// highlights: {best, cheapest, fastest}, each {price, duration_minutes} or null.
export function renderTabs(highlights, currency, selected) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const sort = tab.dataset.sort;
    const on = sort === selected;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (highlights === undefined) continue;
    const top = highlights?.[sort];
    tab.querySelector('.tab-price').textContent = top ? moneyShort(top.price, currency) : '–';
    tab.querySelector('.tab-duration').textContent = top ? duration(top.duration_minutes) : '\u00a0';
  }
  document.getElementById('offers-panel').setAttribute('aria-labelledby', `tab-${selected}`);
}

function stopsLine(slice) {
  const airports = (slice.layovers || []).map((l) => l.airport);
  return airports.length ? `${stopsText(slice.stops)} · ${airports.join(', ')}` :
    stopsText(slice.stops);
}

function carriers(offer) {
  const seen = new Map();
  for (const slice of offer.slices) {
    for (const seg of slice.segments) seen.set(seg.marketing_carrier.code, seg.marketing_carrier);
  }
  return [...seen.values()];
}

function bagsText(bags) {
  if (!bags) return 'Bags not stated';
  if (bags.checked_included) {
    return bags.checked > 1 ? `${bags.checked} checked bags` : 'Checked bag included';
  }
  return bags.cabin ? 'Cabin bag only' : 'No checked bag';
}

export function co2Text(offer, typical) {
  const kg = offer.co2_kg_per_passenger;
  if (typeof kg !== 'number') return null;
  let text = `${Math.round(kg)} kg CO₂e`;
  let cls = 'co2';
  if (typical) {
    const pct = Math.round((kg / typical - 1) * 100);
    if (pct <= -5) cls += ' lower';
    text += pct === 0 ? ', typical' : `, ${pct > 0 ? '+' : '−'}${Math.abs(pct)}% vs typical`;
  }
  return h('span', { class: cls, title: offer.co2_estimated ? 'Estimated' : null }, text);
}

// One offer of the list; ctx = {currency, co2Typical, travellers, onOpen}.
export function offerCard(offer, ctx) {
  const lines = (f) => offer.slices.map((s) => h('span', { class: 'line' }, f(s)));
  const price = offer.price;
  const card = h('li', { class: 'offer', 'data-testid': 'offer', dataset: { offerId: offer.id } },
    h('div', { class: 'offer-main' },
      h('div', { class: 'legs' },
        h('div', { class: 'times', 'data-testid': 'offer-times' }, lines((s) => [
          `${clock(s.departure)} – ${clock(s.arrival)}`,
          s.arrival_day_offset ? h('sup', { class: 'plus', title: `Arrives ${plural(s.arrival_day_offset, 'day')} later` }, `+${s.arrival_day_offset}`) : null,
          h('span', { class: 'route' }, ` ${s.origin.code}–${s.destination.code}`)])),
        h('div', { class: 'dur', 'data-testid': 'offer-duration' }, lines((s) => duration(s.duration_minutes))),
        h('div', { class: 'stops', 'data-testid': 'offer-stops' }, lines(stopsLine))),
      h('div', { class: 'extras' },
        carriers(offer).map((c) => h('span', { class: 'badge', title: c.name }, c.code,
          h('span', { class: 'carrier-name' }, ` ${c.name}`))),
        h('span', { class: 'bags' }, bagsText(offer.bags)),
        co2Text(offer, ctx.co2Typical))),
    h('div', { class: 'offer-side' },
      h('p', { class: 'price', 'data-testid': 'offer-price' }, money(price.amount, price.currency)),
      ctx.travellers > 1 && offer.price_per_adult ?
        h('p', { class: 'muted small' }, `${money(offer.price_per_adult.amount, price.currency)} per adult`) : null,
      h('button', { type: 'button', class: 'secondary details', 'aria-haspopup': 'dialog' },
        'Details', h('span', { class: 'visually-hidden' },
          ` of the ${money(price.amount, price.currency)} flight`))));
  card.addEventListener('click', () => ctx.onOpen(offer, card.querySelector('button.details')));
  return card;
}

export function renderOffers(offers, ctx, append = false) {
  const cards = offers.map((o) => offerCard(o, ctx));
  if (append) list.append(...cards);
  else list.replaceChildren(...cards);
}

// Placeholders as tall as offers of `slices` flights, so nothing moves when offers arrive.
export function renderSkeletons(slices) {
  list.replaceChildren(...Array.from({ length: 4 }, () => h('li', { class: `offer skeleton legs-${slices}`, 'aria-hidden': 'true' },
    h('div', { class: 'bar wide' }), h('div', { class: 'bar' }), h('div', { class: 'bar short' }))));
}

export function setLoadMore(visible, busy = false) {
  loadMore.hidden = !visible;
  loadMore.disabled = busy;
  loadMore.textContent = busy ? 'Loading…' : 'Show more flights';
}

// The empty and error states; `actions` are [label, handler] pairs.
export function showMessage(kind, title, text, actions = []) {
  if (!kind) {
    message.replaceChildren();
    return;
  }
  message.replaceChildren(h('div', { class: `state ${kind}`, 'data-testid': `${kind}-state`,
    role: kind === 'error' ? 'alert' : 'status' },
  h('h3', {}, title), h('p', {}, text),
  actions.length ? h('p', { class: 'actions' }, actions.map(([label, handler]) =>
    h('button', { type: 'button', class: 'secondary', onclick: handler }, label))) : null));
}
