// The search and its view as the page's URL holds them (the query string), so that a search can
// be shared, reloaded and gone back to. Filter parameters are named as the refine query's
// (docs/api.md, "Refining and paging a stored search"), so the same pairs refine the search.

export const SORTS = ['best', 'cheapest', 'fastest'];
const LIST_FILTERS = ['airlines', 'alliances', 'layover_airports'];
const VALUE_FILTERS = ['max_stops', 'max_price', 'max_duration', 'checked_bag'];
const WINDOW_FILTERS = ['departure_window', 'arrival_window'];
const CODE = /^[A-Z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function emptyFilters() {
  return { airlines: [], alliances: [], layover_airports: [], departure_window: {},
    arrival_window: {} };
}

export function defaultQuery() {
  return { trip: 'round', slices: [{ from: '', to: '', depart: '' }], ret: '', adults: 1,
    ages: [], infants: 0, cabin: 'economy', currency: 'EUR' };
}

const int = (v, lo, hi, fallback) => {
  const n = Number.parseInt(v, 10);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : fallback;
};
const code = (v) => (v || '').trim().toUpperCase();

// {query, sort, filters} from a query string; query is null when it names no complete search.
export function readUrl(search) {
  const p = new URLSearchParams(search);
  const q = defaultQuery();
  q.trip = ['oneway', 'round', 'multi'].includes(p.get('trip')) ? p.get('trip') :
    (p.get('return') ? 'round' : p.has('from0') ? 'multi' : 'oneway');
  if (q.trip === 'multi') {
    q.slices = [];
    for (let i = 0; i < 6 && p.has(`from${i}`); i++) {
      q.slices.push({ from: code(p.get(`from${i}`)), to: code(p.get(`to${i}`)),
        depart: p.get(`depart${i}`) || '' });
    }
    if (!q.slices.length) q.slices = [{ from: '', to: '', depart: '' }];
  } else {
    q.slices = [{ from: code(p.get('from')), to: code(p.get('to')), depart: p.get('depart') || '' }];
    q.ret = q.trip === 'round' ? p.get('return') || '' : '';
  }
  q.adults = int(p.get('adults'), 1, 9, 1);
  const children = int(p.get('children'), 0, 8, 0);
  const ages = (p.get('ages') || '').split(',').filter(Boolean).map((a) => int(a, 2, 17, 8));
  q.ages = Array.from({ length: children }, (_, i) => ages[i] ?? 8);
  q.infants = int(p.get('infants'), 0, q.adults, 0);
  q.cabin = ['economy', 'premium_economy', 'business', 'first'].includes(p.get('cabin')) ?
    p.get('cabin') : 'economy';
  q.currency = /^[A-Z]{3}$/.test(p.get('currency') || '') ? p.get('currency') : 'EUR';

  const filters = emptyFilters();
  for (const key of LIST_FILTERS) {
    if (p.get(key)) filters[key] = p.get(key).split(',').filter(Boolean);
  }
  for (const key of VALUE_FILTERS) if (p.get(key)) filters[key] = p.get(key);
  for (const key of WINDOW_FILTERS) {
    for (const value of p.getAll(key)) {
      const m = /^(\d):(\d\d:\d\d-\d\d:\d\d)$/.exec(value);
      if (m) filters[key][m[1]] = m[2];
    }
  }
  const sort = SORTS.includes(p.get('sort')) ? p.get('sort') : 'best';
  return { query: isComplete(q) ? q : null, draft: q, sort, filters };
}

export function isComplete(q) {
  const slicesOk = q.slices.every((s) => CODE.test(s.from) && CODE.test(s.to) &&
    DATE.test(s.depart));
  return slicesOk && (q.trip !== 'round' || DATE.test(q.ret));
}

// The filter parameters of a refine (and of the URL), as [name, value] pairs.
export function filterParams(filters) {
  const out = [];
  for (const key of VALUE_FILTERS) if (filters[key] != null && filters[key] !== '') {
    out.push([key, String(filters[key])]);
  }
  for (const key of LIST_FILTERS) if (filters[key]?.length) out.push([key, filters[key].join(',')]);
  for (const key of WINDOW_FILTERS) {
    for (const [slice, window] of Object.entries(filters[key] || {})) {
      if (window) out.push([key, `${slice}:${window}`]);
    }
  }
  return out;
}

export const hasFilters = (filters) => filterParams(filters).length > 0;

// The query string of a search with its sort and filters.
export function writeUrl(q, sort, filters) {
  const p = new URLSearchParams();
  p.set('trip', q.trip);
  if (q.trip === 'multi') {
    q.slices.forEach((s, i) => {
      p.set(`from${i}`, s.from);
      p.set(`to${i}`, s.to);
      p.set(`depart${i}`, s.depart);
    });
  } else {
    p.set('from', q.slices[0].from);
    p.set('to', q.slices[0].to);
    p.set('depart', q.slices[0].depart);
    if (q.trip === 'round') p.set('return', q.ret);
  }
  p.set('adults', q.adults);
  if (q.ages.length) {
    p.set('children', q.ages.length);
    p.set('ages', q.ages.join(','));
  }
  if (q.infants) p.set('infants', q.infants);
  p.set('cabin', q.cabin);
  p.set('currency', q.currency);
  if (sort !== 'best') p.set('sort', sort);
  for (const [key, value] of filterParams(filters)) p.append(key, value);
  // Commas and colons are left as they are: the URL stays readable (ages=5,9).
  return `?${p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}

// The slices a search asks: a round trip's return is the way back.
export function requestSlices(q) {
  const slices = q.slices.map((s) => ({ origin: s.from, destination: s.to,
    departure_date: s.depart }));
  if (q.trip === 'round') {
    slices.push({ origin: q.slices[0].to, destination: q.slices[0].from, departure_date: q.ret });
  }
  return slices;
}

// The body of POST /v1/searches.
export function searchRequest(q, sort) {
  return {
    slices: requestSlices(q),
    passengers: { adults: q.adults, children: q.ages, infants: q.infants },
    cabin: q.cabin, currency: q.currency, sort, limit: 20,
  };
}

// Whether two queries ask the same search (so a change of sort or filters refines it).
export const sameQuery = (a, b) => !!a && !!b && JSON.stringify(a) === JSON.stringify(b);
