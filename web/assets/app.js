// The search page: runs the search the URL or the form asks, shows its answer as it streams in,
// and refines the stored search (sort, filters, more pages) without loading the page again. The
// URL always holds the search, its sort and its filters (state.js), so Back, reload and a shared
// link show the same results.

import * as api from './api.js';
import { showDates } from './dates.js';
import { openDetail } from './detail.js';
import { renderFilters, renderFiltersPlaceholder } from './filters.js';
import { defaultDates, fillForm, readForm } from './form.js';
import { addDays, daysBetween, median } from './format.js';
import {
  renderCount, renderOffers, renderSkeletons, renderSuppliers, renderTabs, setCountText,
  setLoadMore, showMessage,
} from './results.js';
import {
  emptyFilters, filterParams, hasFilters, readUrl, sameQuery, searchRequest, SORTS, writeUrl,
} from './state.js';

const form = document.getElementById('search-form');
const formError = document.getElementById('form-error');
const results = document.getElementById('results');
const loadMoreButton = document.getElementById('load-more');

const view = {
  query: null, // the search shown (state.js), null before the first
  sort: 'best',
  filters: emptyFilters(),
  searchId: null, // set by the `done` event: refines need it
  streaming: false,
  askedSort: 'best', // the sort the search (or the last refine) was asked with
  facets: null, // of the unfiltered answer: the filters' choices
  offers: [], // listed now, for CO2's typical value and the duration bounds
  cursor: null,
  search: null, // AbortController of the running search
  refine: null, // ... and refine
};

function setState(state) {
  results.dataset.state = state;
  results.setAttribute('aria-busy', String(state === 'streaming'));
}

function markAfterPaint(name) {
  requestAnimationFrame(() => performance.mark(name));
}

function context() {
  const q = view.query;
  return {
    currency: q.currency,
    travellers: q.adults + q.ages.length,
    co2Typical: median(view.offers.map((o) => o.co2_kg_per_passenger)),
    onOpen: (offer, from) => openDetail(offer, context(), from),
  };
}

const highlightOf = (o) => o && { id: o.id, price: o.price.amount, duration_minutes: o.duration_minutes };

// The tabs' figures: the answer's highlights, else the first offer of each sort (asked of the
// stored search once it exists; only the shown sort's while the answer streams).
async function showHighlights(answer) {
  const q = view.query;
  if (answer.highlights) {
    renderTabs(answer.highlights, q.currency, view.sort);
    return;
  }
  const known = { [view.askedSort]: highlightOf(answer.offers[0]) || null };
  renderTabs(known, q.currency, view.sort);
  if (!view.searchId) return;
  const signal = view.refine?.signal;
  const others = SORTS.filter((s) => s !== view.askedSort);
  try {
    const tops = await Promise.all(others.map((sort) => api.refine(view.searchId,
      [['sort', sort], ['limit', '1'], ...filterParams(view.filters)], signal)));
    others.forEach((sort, i) => { known[sort] = highlightOf(tops[i].offers[0]) || null; });
    renderTabs(known, q.currency, view.sort);
  } catch {
    // the tabs keep what is known; the list itself reports errors
  }
}

function emptyState() {
  if (hasFilters(view.filters)) {
    showMessage('empty', 'No flights match these filters',
      'Clear a filter or two to see more flights.', [['Clear all filters', () => changeFilters(emptyFilters())]]);
  } else {
    showMessage('empty', 'No flights found',
      'Try nearby dates from the strip above, a nearby airport or city, or another cabin.');
  }
}

// "/slices/1/origin" -> "Flight 2, from: " (for a round trip, "Return, from: ").
function fieldName(field) {
  const m = /^\/slices\/(\d)\/(origin|destination|departure_date)$/.exec(field || '');
  if (!m) return field && field !== 'cursor' ? `${field.replace(/^\//, '').replace(/\//g, ' ')}: ` : '';
  const round = view.query?.trip === 'round';
  const flight = round ? ['Outbound', 'Return'][m[1]] : `Flight ${Number(m[1]) + 1}`;
  return `${flight}, ${{ origin: 'from', destination: 'to', departure_date: 'date' }[m[2]]}: `;
}

function errorState(err, retry) {
  setState('error');
  setLoadMore(false);
  document.getElementById('offer-list').replaceChildren();
  setCountText('No results');
  showMessage('error', `${fieldName(err.field)}${err.message || 'Something went wrong'}`,
    err.hint || 'Try again.',
    retry ? [['Try again', retry]] : []);
}

// Shows an answer (a `results` event, the `done` answer or a refine's); `append` adds a page.
function showAnswer(answer, { streaming = false, append = false } = {}) {
  view.offers = append ? view.offers.concat(answer.offers) : answer.offers;
  if (answer.offers.length || !streaming) {
    const first = !document.querySelector('[data-testid="offer"]');
    renderOffers(answer.offers, context(), append);
    if (first && answer.offers.length && !view.firstMarked) {
      view.firstMarked = true;
      markAfterPaint('ff:first-offer');
    }
  }
  renderCount(answer.counts, streaming ? answer.progress : null);
  if (answer.suppliers) renderSuppliers(answer.suppliers, streaming);
  if (!append) showHighlights(answer);
  view.cursor = streaming ? null : answer.page?.next_cursor || null;
  setLoadMore(!!view.cursor);
  if (streaming) return;
  if (answer.counts.matching === 0) {
    setState('empty');
    emptyState();
  } else {
    setState('done');
    showMessage(null);
  }
}

function sliceDurations(offers) {
  const all = offers.flatMap((o) => o.slices.map((s) => s.duration_minutes));
  return all.length ? { min: Math.min(...all), max: Math.max(...all) } : null;
}

function drawFilters() {
  if (!view.facets) return;
  renderFilters({ facets: view.facets, filters: view.filters, slices: view.query.slices.length +
    (view.query.trip === 'round' ? 1 : 0), currency: view.query.currency,
  durations: view.durations }, changeFilters);
}

// Runs the search `q` as a new one; `push` adds a history entry.
async function runSearch(q, sort, filters, push) {
  view.search?.abort();
  view.refine?.abort();
  const controller = new AbortController();
  Object.assign(view, { query: q, sort, filters, searchId: null, streaming: true, askedSort: sort,
    facets: null, offers: [], cursor: null, search: controller, refine: null, firstMarked: false });
  const url = writeUrl(q, sort, filters);
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  for (const name of ['ff:submit', 'ff:first-offer', 'ff:all-suppliers']) performance.clearMarks(name);
  performance.mark('ff:submit');

  setState('streaming');
  showMessage(null);
  renderSkeletons(q.trip === 'round' ? 2 : q.slices.length);
  renderSuppliers([], true);
  setCountText('Searching…');
  renderTabs(null, q.currency, sort);
  setLoadMore(false);
  renderFiltersPlaceholder('Filters appear when the suppliers have answered.');
  showDates(q, pickDate);

  const finished = [];
  try {
    await api.search(searchRequest(q, sort), (event, data) => {
      if (controller.signal.aborted) return;
      if (event === 'supplier') {
        finished.push(data);
        renderSuppliers(finished, true);
      } else if (event === 'results') {
        showAnswer(data, { streaming: true });
      } else if (event === 'done') {
        view.streaming = false;
        view.searchId = data.search_id;
        view.facets = data.facets;
        view.durations = sliceDurations(data.offers);
        showAnswer(data);
        markAfterPaint('ff:all-suppliers');
        drawFilters();
      }
    }, controller.signal);
  } catch (err) {
    if (err.name === 'AbortError') return;
    view.streaming = false;
    errorState(err, () => runSearch(q, view.sort, view.filters, false));
    return;
  }
  // A tab or a filter chosen while the answer streamed, or filters from the URL.
  if (!controller.signal.aborted && (view.sort !== view.askedSort || hasFilters(view.filters))) {
    refineNow();
  }
}

// Asks the stored search again with the current sort and filters (or the next page).
async function refineNow({ more = false } = {}) {
  if (!view.searchId) return; // the search's end refines if needed
  view.refine?.abort();
  const controller = new AbortController();
  view.refine = controller;
  const params = [['sort', view.sort], ['limit', '20'], ...filterParams(view.filters)];
  if (more) params.push(['cursor', view.cursor]);
  results.setAttribute('aria-busy', 'true');
  if (more) setLoadMore(true, true);
  try {
    const answer = await api.refine(view.searchId, params, controller.signal);
    view.askedSort = view.sort;
    showAnswer(answer, { append: more });
  } catch (err) {
    if (err.name === 'AbortError') return;
    const q = view.query;
    errorState(err, () => runSearch(q, view.sort, view.filters, false));
  } finally {
    if (view.refine === controller) results.setAttribute('aria-busy', 'false');
  }
}

function changeFilters(filters, redraw = true) {
  view.filters = filters;
  history.pushState(null, '', writeUrl(view.query, view.sort, filters));
  if (redraw) drawFilters();
  refineNow();
}

function changeSort(sort) {
  if (sort === view.sort) return;
  view.sort = sort;
  renderTabs(undefined, view.query?.currency, sort);
  if (!view.query) return;
  history.pushState(null, '', writeUrl(view.query, sort, view.filters));
  refineNow();
}

function pickDate(date) {
  const q = structuredClone(view.query);
  const shift = daysBetween(q.slices[0].depart, date);
  q.slices[0].depart = date;
  if (q.trip === 'round') q.ret = addDays(q.ret, shift);
  fillForm(q);
  runSearch(q, view.sort, view.filters, true);
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  formError.textContent = '';
  const read = await readForm();
  if (read.error) {
    formError.textContent = read.error;
    document.getElementById(read.field)?.focus();
    return;
  }
  const keep = sameQuery(read.query, view.query);
  runSearch(read.query, keep ? view.sort : 'best', keep ? view.filters : emptyFilters(), true);
});

const tabs = [...document.querySelectorAll('[role="tab"]')];
for (const tab of tabs) {
  tab.addEventListener('click', () => changeSort(tab.dataset.sort));
  tab.addEventListener('keydown', (e) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -tabs.length, End: tabs.length }[e.key];
    if (!step) return;
    e.preventDefault();
    const i = Math.max(0, Math.min(tabs.length - 1, tabs.indexOf(tab) + step));
    tabs[i].focus();
    changeSort(tabs[i].dataset.sort);
  });
}

loadMoreButton.addEventListener('click', () => {
  if (view.cursor) refineNow({ more: true });
});

// Back and Forward: the same search refines; another runs.
function fromUrl(push) {
  const state = readUrl(location.search);
  if (state.query && sameQuery(state.query, view.query) && view.searchId) {
    view.sort = state.sort;
    view.filters = state.filters;
    renderTabs(undefined, view.query.currency, view.sort);
    drawFilters();
    refineNow();
  } else if (state.query) {
    fillForm(state.query);
    runSearch(state.query, state.sort, state.filters, push);
  } else {
    fillForm(defaultDates(state.draft));
  }
}
window.addEventListener('popstate', () => fromUrl(false));

const details = document.getElementById('filters-details');
if (window.matchMedia('(min-width: 56rem)').matches) details.open = true;
fromUrl(false);
