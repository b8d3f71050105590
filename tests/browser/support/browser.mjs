// Debian's chromium driven through playwright-core (which never downloads a browser), and the
// small waiting and reading helpers the tests share. Elements are found only by what the page's
// test contract names (data-testid attributes, roles and labels, visible text).

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.FAREFLOW_CHROMIUM ?? '/usr/bin/chromium';

// Chromium's sandbox needs user namespaces an unprivileged user has; as root (CI's containers) it
// refuses to start with it. Containers also give /dev/shm 64 MB, too little for the renderer.
export function launchBrowser() {
  const args = ['--disable-dev-shm-usage'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return chromium.launch({ executablePath: chromiumPath, args });
}

// Long enough for a search against the slow emulator on two busy shared cores
// (FAREFLOW_BROWSER_WAIT_MS to change it).
export const waitMs = Number(process.env.FAREFLOW_BROWSER_WAIT_MS ?? 45_000);

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

// A context as a reader in the United States sees the page (prices like "$1,234"), with reduced
// motion so that screenshots do not catch a transition halfway.
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({
    viewport: desktop,
    locale: 'en-US',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
    ...options,
  });
  context.setDefaultTimeout(waitMs);
  return context;
}

export const testid = (id) => `[data-testid="${id}"]`;

// The longest one test may take: a bound for what has none of its own (a page whose script loops
// keeps page.evaluate waiting forever), so that a hung page fails its test instead of the run.
export const testTimeoutMs = 4 * waitMs;

// `promise`, or a rejection naming `what` after `timeout` ms.
export function bounded(promise, what, timeout = waitMs) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms waiting for ${what}`)), timeout);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

// Polls `read` until `accept(value)` holds; returns that value, or throws with the last one seen.
export async function until(read, accept, { timeout = waitMs, interval = 50, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

// The results container's data-state.
export const resultsState = (page) =>
  page.locator(testid('results')).getAttribute('data-state', { timeout: waitMs });

// Waits until the search on screen has finished (every supplier answered or timed out).
export async function waitForDone(page) {
  await page.waitForFunction(
    () => {
      const results = document.querySelector('[data-testid="results"]');
      return results && ['done', 'empty', 'error'].includes(results.dataset.state);
    },
    null,
    { timeout: waitMs },
  );
  const state = await resultsState(page);
  if (state !== 'done') {
    const text = await page.locator(testid('results')).innerText();
    throw new Error(`the search ended in state "${state}": ${text.slice(0, 500)}`);
  }
}

export const resultCount = async (page) =>
  Number(await page.locator(testid('result-count')).getAttribute('data-count', { timeout: waitMs }));

// Every supplier-status element as {name: status}.
export const supplierStatuses = (page) =>
  page.locator(testid('supplier-status')).evaluateAll((elements) =>
    Object.fromEntries(elements.map((e) => [e.dataset.supplier, e.dataset.status])),
  );

export const offerIds = (page) =>
  page.locator(testid('offer')).evaluateAll((elements) => elements.map((e) => e.dataset.offerId));

// The first US dollar amount in a text as the page writes prices for the en-US locale ("$1,234.50",
// "US$1,234", "USD 1,234", "1,234 USD"); null when there is none. The tests search in USD, so a
// price is told apart from the other numbers around it (dates, durations) by its currency.
export function dollars(text) {
  const match =
    /(?:\$|USD)\s?(\d[\d,]*(?:\.\d+)?)/.exec(text ?? '') ?? /(\d[\d,]*(?:\.\d+)?)\s?USD/.exec(text ?? '');
  return match ? Number(match[1].replaceAll(',', '')) : null;
}

// The statuses a supplier ends a search with (docs/configuration.md, "Supplier statuses");
// anything else (absent, "pending", "waiting", ...) means it has not answered yet.
export const finalStatuses = new Set([
  'ok', 'timeout', 'http_error', 'auth_error', 'malformed', 'io_error', 'skipped', 'rate_limited',
  'not_cached', 'truncated', 'tls_error',
]);

// A date `days` from today (UTC) as YYYY-MM-DD, and the day `days` after a given one.
export function isoDate(days, from = new Date()) {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}
export const addDays = (date, days) => isoDate(days, new Date(`${date}T00:00:00Z`));

// The query string of a round trip, as the page writes it into its URL (page contract, "URL state").
export function roundTripQuery({ from, to, depart, ret, currency = 'USD', extra = {} }) {
  const params = new URLSearchParams({
    trip: 'round', from, to, depart, return: ret, adults: '1', cabin: 'economy', currency, ...extra,
  });
  return `/?${params}`;
}

// Where screenshots go: FAREFLOW_SCREENSHOT_DIR (ctest points it into the build directory), else
// docs/screenshots, the ones the README shows.
export function screenshotPath(name) {
  const dir =
    process.env.FAREFLOW_SCREENSHOT_DIR ??
    path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'docs', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

// A page of `context` that records what must never happen: an uncaught script error, and a
// request to anywhere but the service (the page makes no third-party requests).
// `page.ffProblems()` lists them; `page.ffSearchPosts` counts POST /v1/searches calls and
// `page.ffRefines` the GET /v1/searches/{id}/offers calls.
export async function trackedPage(context, baseUrl) {
  const page = await context.newPage();
  const problems = [];
  page.ffSearchPosts = 0;
  page.ffRefines = 0;
  page.ffSearchCallsInFlight = 0;
  // Refines and pages of a stored search (a streamed search answer is followed through the page's
  // state instead: the end of a stream is not always reported to playwright).
  const isSearchCall = (request) =>
    request.method() === 'GET' && new URL(request.url()).pathname.startsWith('/v1/searches/');
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${baseUrl}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request to another origin: ${url}`);
      return;
    }
    const { pathname } = new URL(url);
    if (request.method() === 'POST' && pathname === '/v1/searches') page.ffSearchPosts += 1;
    if (request.method() === 'GET' && /^\/v1\/searches\/[^/]+\/offers$/.test(pathname)) page.ffRefines += 1;
    if (isSearchCall(request)) page.ffSearchCallsInFlight += 1;
  });
  const finished = (request) => {
    if (request.url().startsWith(`${baseUrl}/`) && isSearchCall(request)) page.ffSearchCallsInFlight -= 1;
  };
  page.on('requestfinished', finished);
  page.on('requestfailed', finished);
  page.ffProblems = () => problems;
  return page;
}

const isSearchPost = (response) =>
  response.request().method() === 'POST' && new URL(response.url()).pathname === '/v1/searches';

// Runs `action` (a navigation, a click) that starts a search, and waits until that search's
// answer has begun and the page shows it as done. The page is in its "streaming" state before it
// sends the search, so once the answer has begun, the previous search's "done" cannot pass for
// the new one.
export async function runSearch(page, action) {
  const answered = page.waitForResponse(isSearchPost, { timeout: waitMs });
  await action();
  await answered;
  await waitForDone(page);
  await settled(page);
}

// Waits until no search, refine or page call of the page is in flight (a URL with filters runs
// the search, then refines it).
export async function settled(page) {
  await until(() => page.ffSearchCallsInFlight, (n) => n <= 0, { what: 'the search calls to finish' });
  await waitForDone(page);
}
