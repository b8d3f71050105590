// An offer's detail in a modal dialog: each flight's segments (carrier, flight number, aircraft,
// terminals), layovers with overnight and change-of-airport warnings, fare brand and conditions,
// bags, and every supplier's price for the same itinerary (the offer's pricing_options). Focus
// moves into the dialog and back to what opened it; Escape and the close button close it.

import { clock, dayLabel, duration, h, money, plural } from './format.js';
import { co2Text } from './results.js';

const dialog = document.getElementById('offer-detail');
const body = document.getElementById('detail-body');
const title = document.getElementById('detail-title');
let opener = null;

const place = (p) => `${p.city || p.name} (${p.code})`;

function segmentItem(seg) {
  const carrier = seg.marketing_carrier;
  const operated = seg.operating_carrier && seg.operating_carrier.code !== carrier.code ?
    `Operated by ${seg.operating_carrier.name || seg.operating_carrier.code}` : null;
  const terminal = (t) => (t ? `, terminal ${t}` : '');
  return h('li', { class: 'segment', 'data-testid': 'segment' },
    h('p', { class: 'seg-times' },
      h('strong', {}, `${clock(seg.departure)} ${seg.origin.code}`), ` ${seg.origin.name}${terminal(seg.origin_terminal)}`),
    h('p', { class: 'seg-info muted' },
      `${carrier.name || carrier.code} ${seg.flight_number || ''} · ${duration(seg.duration_minutes)}`,
      seg.aircraft ? ` · ${seg.aircraft.name || seg.aircraft.code}` : '',
      ` · ${seg.cabin.replace('_', ' ')}${seg.booking_class ? ` (${seg.booking_class})` : ''}`,
      seg.technical_stops ? ` · ${plural(seg.technical_stops, 'technical stop')}` : '',
      operated ? h('span', {}, ` · ${operated}`) : null),
    h('p', { class: 'seg-times' },
      h('strong', {}, `${clock(seg.arrival)} ${seg.destination.code}`), ` ${seg.destination.name}${terminal(seg.destination_terminal)}`,
      seg.arrival.slice(0, 10) !== seg.departure.slice(0, 10) ? h('span', { class: 'warn' }, ` arrives ${dayLabel(seg.arrival.slice(0, 10))}`) : null));
}

function layoverItem(layover) {
  const warnings = [];
  if (layover.overnight) warnings.push('Overnight layover');
  if (layover.change_of_airport) {
    warnings.push(`Change of airport: arrive at ${layover.airport}, leave from ${layover.departure_airport}`);
  }
  return h('li', { class: `layover${warnings.length ? ' warned' : ''}`, 'data-testid': 'layover' },
    `${duration(layover.minutes)} layover in ${layover.airport}`,
    warnings.map((w) => h('span', { class: 'warn' }, ` ⚠ ${w}`)));
}

function sliceSection(slice, i, count) {
  const items = [];
  slice.segments.forEach((seg, s) => {
    items.push(segmentItem(seg));
    if (slice.layovers && slice.layovers[s]) items.push(layoverItem(slice.layovers[s]));
  });
  const name = count === 2 ? ['Outbound', 'Return'][i] : `Flight ${i + 1}`;
  return h('section', { class: 'detail-slice' },
    h('h3', {}, `${name}: ${place(slice.origin)} to ${place(slice.destination)}`),
    h('p', { class: 'muted' }, `${dayLabel(slice.departure.slice(0, 10))} · ${duration(slice.duration_minutes)}`,
      slice.fare_brand ? ` · ${slice.fare_brand}` : ''),
    h('ol', { class: 'segments' }, items));
}

function conditions(offer) {
  const c = offer.conditions || {};
  const rule = (yes, penalty, verb) => {
    if (yes == null) return `${verb}: not stated`;
    if (!yes) return `Not ${verb.toLowerCase()}`;
    return penalty ? `${verb} for ${money(penalty.amount, penalty.currency)}` : verb;
  };
  const b = offer.bags;
  return h('ul', { class: 'facts' },
    offer.fare_brand ? h('li', {}, `Fare: ${offer.fare_brand}`) : null,
    h('li', {}, rule(c.changeable, c.change_penalty, 'Changeable')),
    h('li', {}, rule(c.refundable, c.refund_penalty, 'Refundable')),
    h('li', {}, b ? `Bags per passenger: ${b.cabin ?? '?'} cabin, ${b.checked ?? '?'} checked${b.checked_weight_kg ? ` (${b.checked_weight_kg} kg)` : ''}` : 'Bags: not stated'),
    offer.seats_available ? h('li', {}, `${plural(offer.seats_available, 'seat')} left at this price`) : null);
}

function pricing(offer) {
  return h('table', { class: 'pricing' },
    h('caption', {}, 'Prices for this itinerary'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Supplier'), h('th', { scope: 'col' }, 'Price'))),
    h('tbody', {}, (offer.pricing_options || []).map((p) => h('tr', { 'data-testid': 'pricing-option', dataset: { supplier: p.supplier } },
      h('th', { scope: 'row' }, p.supplier),
      h('td', {}, money(p.price.amount, p.price.currency),
        p.supplier_price && p.supplier_price.currency !== p.price.currency ?
          h('span', { class: 'muted' }, ` (${money(p.supplier_price.amount, p.supplier_price.currency)})`) : null)))));
}

export function openDetail(offer, ctx, from) {
  opener = from || document.activeElement;
  const first = offer.slices[0];
  title.textContent = `${place(first.origin)} to ${place(first.destination)}, ${money(offer.price.amount, offer.price.currency)}`;
  body.replaceChildren(
    ...offer.slices.map((s, i) => sliceSection(s, i, offer.slices.length)),
    h('section', { class: 'detail-slice' }, h('h3', {}, 'Fare'), conditions(offer),
      h('p', {}, co2Text(offer, ctx.co2Typical))),
    pricing(offer));
  if (!dialog.open) dialog.showModal();
  dialog.querySelector('[data-testid="detail-close"]').focus();
}

dialog.querySelector('[data-testid="detail-close"]').addEventListener('click', () => dialog.close());
dialog.addEventListener('click', (e) => {
  if (e.target === dialog) dialog.close(); // a click on the backdrop
});
dialog.addEventListener('close', () => {
  if (opener && opener.isConnected) opener.focus();
  opener = null;
});
