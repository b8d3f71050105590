// Formatting of the API's values for display, and small DOM helpers. Pure functions.

const moneyFormats = new Map();

// "1234.50", "EUR" -> "€1,234.50", with the currency's usual minor digits ("15000" JPY -> "¥15,000").
export function money(amount, currency, whole = false) {
  if (amount == null) return '–';
  const key = currency + whole;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat('en', { style: 'currency', currency,
        ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}) });
    } catch {
      format = { format: (v) => `${v} ${currency}` }; // a code Intl does not know
    }
    moneyFormats.set(key, format);
  }
  return format.format(Number(amount));
}

// Rounded to whole units, for compact places (tabs, the date strip).
export function moneyShort(amount, currency) {
  return money(amount == null ? null : Math.round(Number(amount)), currency, true);
}

// 935 -> "15h 35m".
export function duration(minutes) {
  if (minutes == null) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m`;
}

// "2026-12-20T08:20:00" (local wall-clock time at the airport) -> "08:20".
export const clock = (local) => (local ? local.slice(11, 16) : '');

const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov',
  'Dec'];

// Dates as "YYYY-MM-DD" strings, computed in UTC so that no time zone moves a day.
export function parseDate(ymd) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
export const ymdOf = (date) => date.toISOString().slice(0, 10);
export const addDays = (ymd, days) => ymdOf(new Date(parseDate(ymd).getTime() + days * 864e5));
export const daysBetween = (a, b) => Math.round((parseDate(b) - parseDate(a)) / 864e5);
export function today() {
  const now = new Date();
  return ymdOf(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}
export const isDate = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(parseDate(s).getTime());

// "2027-01-14" -> "Thu 14 Jan".
export function dayLabel(ymd) {
  const d = parseDate(ymd);
  return `${dayNames[d.getUTCDay()]} ${d.getUTCDate()} ${monthNames[d.getUTCMonth()]}`;
}
export const weekday = (ymd) => dayNames[parseDate(ymd).getUTCDay()];
export const monthLabel = (ymd) => {
  const d = parseDate(ymd);
  return `${monthNames[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function stopsText(stops) {
  return stops === 0 ? 'Nonstop' : plural(stops, 'stop');
}

// h('li', {class: 'x', dataset: {code: 'LON'}}, 'text', child): an element; null children skip.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}
