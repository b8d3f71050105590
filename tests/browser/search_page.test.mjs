// The search page end to end: Debian's chromium (through playwright-core) against `fareflow serve`
// fanning out to the Duffel emulator answering after 300 ms and the Amadeus emulator after
// 1,500 ms. Every wait is for a condition on the page, never a fixed sleep, so the tests hold on
// busy shared cores. Elements are found only by the page's data-testid contract, roles and labels.
//
// Run by ctest (BrowserSearchPage, label browser) through run.mjs, or by hand after a build:
//   node --test tests/browser/
// Environment: FAREFLOW_BINARY and FAREFLOW_SUPPLIER_BINARY (default build/fareflow and
// build/tools/fareflow-supplier), FAREFLOW_CHROMIUM (/usr/bin/chromium), FAREFLOW_SCREENSHOT_DIR
// (docs/screenshots; ctest: build/screenshots), FAREFLOW_BROWSER_WAIT_MS (45000, the longest wait
// for any one condition), FAREFLOW_REQUIRE_BROWSER (run.mjs fails instead of skipping).

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';

import {
  addDays,
  desktop,
  dollars,
  finalStatuses,
  isoDate,
  launchBrowser,
  newContext,
  offerIds,
  phone,
  resultCount,
  roundTripQuery,
  runSearch,
  screenshotPath,
  supplierStatuses,
  testid,
  trackedPage,
  until,
  waitMs,
} from './support/browser.mjs';
import { startServices } from './support/services.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// Records the page as it is when the first offer element is inserted and when the page marks
// ff:first-offer (contract: after the frame that paints it), before anything else can change it.
function recordFirstOffer() {
  const snapshot = () => ({
    state: document.querySelector('[data-testid="results"]')?.dataset.state ?? null,
    statuses: Object.fromEntries(
      [...document.querySelectorAll('[data-testid="supplier-status"]')].map((e) => [
        e.dataset.supplier,
        e.dataset.status ?? null,
      ]),
    ),
    offers: document.querySelectorAll('[data-testid="offer"]').length,
  });
  new MutationObserver(() => {
    if (!window.ffAtFirstOffer && document.querySelector('[data-testid="offer"]')) {
      window.ffAtFirstOffer = snapshot();
    }
  }).observe(document, { childList: true, subtree: true });
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => {
    if (name === 'ff:first-offer' && !window.ffAtFirstOfferMark) window.ffAtFirstOfferMark = snapshot();
    return mark(name, ...rest);
  };
}

// Collects the page's layout shifts not caused by input, with their times.
function recordLayoutShifts() {
  window.ffShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      // What moved, named as the page names it, for the failure message.
      const moved = (entry.sources ?? []).map((source) => {
        const node = source.node?.nodeType === 1 ? source.node : source.node?.parentElement;
        const name = node?.closest('[data-testid]')?.dataset.testid ?? node?.tagName ?? '?';
        const { y: from } = source.previousRect;
        const { y: to } = source.currentRect;
        return `${name} y ${Math.round(from)} -> ${Math.round(to)}`;
      });
      window.ffShifts.push({ at: Math.round(entry.startTime), value: entry.value, moved });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

// Picks `code` from the autocomplete of the combobox `id` after typing it.
async function choosePlace(page, id, code) {
  const input = page.locator(testid(id));
  await input.fill(code);
  const option = page.locator(`${testid('place-option')}[data-code="${code}"]`);
  await option.first().click({ timeout: waitMs });
  await until(() => input.inputValue(), (v) => v.includes(code), { what: `${id} to hold ${code}` });
}

const firstOffer = (page) => page.locator(testid('offer')).first();

// Opens an offer's detail as a reader does: by its button when it has one, else by the offer.
async function openDetail(offer) {
  const button = offer.getByRole('button');
  await ((await button.count()) > 0 ? button.first() : offer).click();
}

// A duration as a page may write it: "7h 35m", "7 h", "45 min", "7:35".
const durationLike = /\d+\s*h\b|\d+\s*min|\d+\s*m\b|\d+:\d\d/;

describe('the search page', () => {
  let services;
  let browser;
  // One round trip most tests start from; the first test runs it live, the others from the cache.
  const depart = isoDate(30);
  const ret = addDays(depart, 7);
  let searchUrl;

  before(async () => {
    services = await startServices({ duffelLatencyMs: 300, amadeusLatencyMs: 1500 });
    browser = await launchBrowser();
    searchUrl = `${services.baseUrl}${roundTripQuery({ from: 'LHR', to: 'JFK', depart, ret })}`;
  });

  after(async () => {
    await browser?.close();
    await services?.stop();
  });

  // A fresh context and tracked page for one test, closed (and checked for script errors and
  // third-party requests) at its end.
  async function withPage(options, body) {
    const context = await newContext(browser, options);
    try {
      const page = await trackedPage(context, services.baseUrl);
      await body(page);
      assert.deepEqual(page.ffProblems(), []);
    } finally {
      await context.close();
    }
  }

  it('shows the first offers of a round trip while the slowest supplier is still pending', async () => {
    await withPage({}, async (page) => {
      await page.addInitScript(recordFirstOffer);
      await page.goto(`${services.baseUrl}/`);
      await page.locator(testid('trip-round')).check();
      await choosePlace(page, 'origin-0', 'LHR');
      await choosePlace(page, 'destination-0', 'JFK');
      // A departure no other test asks for, so that this search is not answered from the cache.
      const liveDepart = isoDate(44);
      await page.locator(testid('depart-0')).fill(liveDepart);
      await page.locator(testid('return-date')).fill(addDays(liveDepart, 7));
      await runSearch(page, () => page.locator(testid('search-submit')).click());

      const { fast, slow } = services.suppliers;
      for (const [when, key] of [
        ['inserted', 'ffAtFirstOffer'],
        ['marked ff:first-offer', 'ffAtFirstOfferMark'],
      ]) {
        const seen = await page.evaluate((k) => window[k] ?? null, key);
        assert.ok(seen, `no first offer ${when}`);
        assert.equal(seen.state, 'streaming', `results state when the first offer was ${when}`);
        assert.equal(seen.statuses[fast], 'ok', `${fast} when the first offer was ${when}: ${JSON.stringify(seen)}`);
        assert.ok(
          !finalStatuses.has(seen.statuses[slow]),
          `${slow} (the slow supplier) had already answered when the first offer was ${when}: ${JSON.stringify(seen)}`,
        );
      }
      assert.deepEqual(await supplierStatuses(page), { [fast]: 'ok', [slow]: 'ok' });
      assert.ok((await resultCount(page)) > 0);

      const marks = await page.evaluate(() =>
        ['ff:submit', 'ff:first-offer', 'ff:all-suppliers'].map(
          (name) => performance.getEntriesByName(name, 'mark').at(-1)?.startTime ?? null,
        ),
      );
      assert.ok(marks.every((t) => t !== null), `performance marks: ${marks}`);
      assert.ok(marks[0] <= marks[1] && marks[1] <= marks[2], `marks out of order: ${marks}`);

      const query = new URL(page.url()).searchParams;
      assert.equal(query.get('trip'), 'round');
      assert.equal(query.get('from'), 'LHR');
      assert.equal(query.get('to'), 'JFK');
      assert.equal(query.get('depart'), liveDepart);
      assert.equal(query.get('return'), addDays(liveDepart, 7));
    });
  });

  it('fills in results as the suppliers answer without shifting the layout', async () => {
    await withPage({}, async (page) => {
      await page.addInitScript(recordLayoutShifts);
      await runSearch(page, () => page.goto(searchUrl));
      // Then a new search on the page as it stands, started by script: shifts within 500 ms of a
      // reader's input do not count as layout shift, and the first supplier answers within that.
      // Another departure asked nowhere else: both suppliers answer live, one after the other.
      const liveDepart = isoDate(51);
      await runSearch(page, () =>
        page.evaluate(
          ([fields, form]) => {
            for (const [id, value] of Object.entries(fields)) {
              const input = document.querySelector(`[data-testid="${id}"]`);
              input.value = value;
              input.dispatchEvent(new Event('input', { bubbles: true }));
              input.dispatchEvent(new Event('change', { bubbles: true }));
            }
            document.querySelector(`[data-testid="${form}"]`).requestSubmit();
          },
          [{ 'depart-0': liveDepart, 'return-date': addDays(liveDepart, 7) }, 'search-form'],
        ),
      );
      assert.equal(new URL(page.url()).searchParams.get('depart'), liveDepart);
      const { shifts, submit } = await page.evaluate(() => ({
        shifts: window.ffShifts,
        submit: performance.getEntriesByName('ff:submit', 'mark').at(-1)?.startTime,
      }));
      assert.ok(Number.isFinite(submit), 'no ff:submit mark');
      const afterSubmit = shifts.filter((s) => s.at >= submit);
      const total = afterSubmit.reduce((sum, s) => sum + s.value, 0);
      // 0.1: the largest cumulative layout shift Web Vitals calls good.
      assert.ok(total < 0.1, `layout shift ${total.toFixed(3)} while results arrived: ${JSON.stringify(afterSubmit)}`);
    });
  });

  it('moves through the autocomplete with the keyboard', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${services.baseUrl}/`);
      const input = page.locator(testid('origin-0'));
      assert.equal(await input.getAttribute('role'), 'combobox');
      await input.focus();
      await page.keyboard.type('lon');

      const listboxId = await until(
        () => input.getAttribute('aria-controls'),
        (id) => Boolean(id),
        { what: 'aria-controls on origin-0' },
      );
      const listbox = page.locator(`[id="${listboxId}"]`);
      assert.equal(await listbox.getAttribute('role'), 'listbox');
      assert.equal(await listbox.getAttribute('data-testid'), 'places-listbox');
      const options = listbox.locator(testid('place-option'));
      await until(() => options.count(), (n) => n >= 2, { what: 'two places for "lon"' });
      assert.equal(await input.getAttribute('aria-expanded'), 'true');

      // The option the keyboard is on: by aria-activedescendant, else by aria-selected.
      const active = () =>
        page.evaluate((id) => {
          const box = document.getElementById(id);
          const combo = document.querySelector(`[aria-controls="${id}"]`);
          const current = combo?.getAttribute('aria-activedescendant');
          return [...box.querySelectorAll('[role="option"]')].findIndex(
            (o) => (current && o.id === current) || o.getAttribute('aria-selected') === 'true',
          );
        }, listboxId);
      const start = await active();
      await page.keyboard.press('ArrowDown');
      await until(active, (i) => i === start + 1, { what: 'ArrowDown to move to the next place' });
      await page.keyboard.press('ArrowDown');
      await until(active, (i) => i === start + 2, { what: 'ArrowDown again' });
      await page.keyboard.press('ArrowUp');
      await until(active, (i) => i === start + 1, { what: 'ArrowUp to move back' });
      const code = await options.nth(start + 1).getAttribute('data-code');
      await page.keyboard.press('Enter');
      await until(() => input.inputValue(), (v) => v.includes(code), { what: `origin-0 to hold ${code}` });
      await listbox.waitFor({ state: 'hidden', timeout: waitMs });
      assert.equal(await input.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'origin-0');

      // Escape closes the list and leaves what was typed.
      const destination = page.locator(testid('destination-0'));
      await destination.focus();
      await page.keyboard.type('new');
      const destinationList = page.locator(`[id="${await destination.getAttribute('aria-controls')}"]`);
      await destinationList.locator(testid('place-option')).first().waitFor({ timeout: waitMs });
      await page.keyboard.press('Escape');
      await destinationList.waitFor({ state: 'hidden', timeout: waitMs });
      assert.equal(await destination.inputValue(), 'new');
    });
  });

  it('switches between the Best, Cheapest and Fastest tabs, each showing its top offer', async () => {
    await withPage({}, async (page) => {
      await runSearch(page, () => page.goto(searchUrl));
      assert.equal(await page.getByRole('tablist').count(), 1);
      const tabs = ['best', 'cheapest', 'fastest'];
      const selected = () =>
        Promise.all(tabs.map((t) => page.locator(testid(`tab-${t}`)).getAttribute('aria-selected')));
      for (const t of ['cheapest', 'fastest', 'best']) {
        const tab = page.locator(testid(`tab-${t}`));
        assert.equal(await tab.getAttribute('role'), 'tab');
        await tab.click();
        await until(selected, (s) => s.join() === tabs.map((x) => String(x === t)).join(), {
          what: `tab-${t} alone selected`,
        });
        await until(
          () => new URL(page.url()).searchParams.get('sort') ?? 'best',
          (sort) => sort === t,
          { what: `sort=${t} in the URL` },
        );
        // The list shows the tab's order, so its first offer is the tab's top offer.
        const shown = await until(
          async () => ({
            tab: await tab.innerText(),
            price: await firstOffer(page).locator(testid('offer-price')).innerText(),
            duration: await firstOffer(page).locator(testid('offer-duration')).innerText(),
          }),
          (v) =>
            dollars(v.tab) !== null &&
            Math.abs(dollars(v.tab) - dollars(v.price)) < 1 &&
            durationLike.test(v.tab),
          { what: `tab-${t} to show its top offer's price and a duration` },
        );
        assert.match(shown.duration, durationLike);
        if (t === 'cheapest') {
          const prices = (await page.locator(testid('offer-price')).allInnerTexts()).map(dollars);
          assert.ok(prices.length > 1 && prices.every((p) => p !== null), `prices: ${prices}`);
          assert.deepEqual(prices, [...prices].sort((a, b) => a - b), 'cheapest first');
        }
      }
      // Back returns to the previous tab.
      await page.goBack();
      await until(selected, (s) => s[2] === 'true', { what: 'Back to select tab-fastest again' });
    });
  });

  it('narrows the list with a stops filter and an airline filter, without a page load', async () => {
    await withPage({}, async (page) => {
      await runSearch(page, () => page.goto(searchUrl));
      await page.evaluate(() => {
        window.ffSamePage = true;
      });
      const searches = page.ffSearchPosts;
      const all = await resultCount(page);

      await page.locator(`${testid('filters')} ${testid('filter-stops-option')}[data-value="0"]`).click();
      const nonstop = await until(() => resultCount(page), (n) => n !== all, {
        what: 'result-count to change with max_stops=0',
      });
      assert.ok(nonstop < all, `nonstop ${nonstop} of ${all}`);
      await until(() => new URL(page.url()).searchParams.get('max_stops'), (v) => v === '0', {
        what: 'max_stops=0 in the URL',
      });

      const airline = page.locator(`${testid('filters')} ${testid('filter-airline')}`).first();
      const code = await airline.getAttribute('data-code');
      assert.match(code ?? '', /^[A-Z0-9]{2}$/);
      await airline.click();
      const narrowed = await until(() => resultCount(page), (n) => n !== nonstop, {
        what: `result-count to change with the ${code} filter`,
      });
      assert.ok(narrowed < nonstop, `${narrowed} after the airline filter, ${nonstop} before`);
      // The refine parameters are `airlines` and `exclude_airlines` (docs/api.md); the page's
      // contract also names `include_airlines`.
      await until(
        () => {
          const q = new URL(page.url()).searchParams;
          return ['airlines', 'include_airlines', 'exclude_airlines'].map((k) => q.get(k) ?? '').join(',');
        },
        (v) => v.split(',').includes(code),
        { what: `${code} in the URL's airline filter` },
      );
      // The stored search was refined: same document, no new search, refine calls made.
      assert.equal(await page.evaluate(() => window.ffSamePage), true);
      assert.equal(page.ffSearchPosts, searches, 'a filter must not run a new search');
      assert.ok(page.ffRefines >= 2, `refine calls: ${page.ffRefines}`);
      const listed = await page.locator(testid('offer')).count();
      assert.ok(listed <= narrowed, `${listed} offers listed, result-count ${narrowed}`);
    });
  });

  it('opens an offer\'s detail and closes it with Escape and the close button', async () => {
    for (const [viewport, size] of [
      ['desktop', desktop],
      ['phone', phone],
    ]) {
      await withPage({ viewport: size }, async (page) => {
        // Cheapest first: connections, so the detail has layovers.
        await runSearch(page, () => page.goto(`${searchUrl}&sort=cheapest`));
        // The results from the date strip down, as a reader who scrolled past the form sees them.
        await page.locator(testid('date-strip')).evaluate((e) => e.scrollIntoView({ block: 'start', behavior: 'instant' }));
        await page.screenshot({ path: screenshotPath(`results-${viewport}.png`) });

        const stops = await page.locator(`${testid('offer')} ${testid('offer-stops')}`).allInnerTexts();
        const connecting = stops.findIndex((s) => /[1-9]/.test(s));
        assert.ok(connecting >= 0, `no offer with a stop among ${JSON.stringify(stops)}`);
        const offer = page.locator(testid('offer')).nth(connecting);
        const dialog = page.locator(testid('offer-detail'));

        await openDetail(offer);
        await dialog.waitFor({ state: 'visible', timeout: waitMs });
        assert.ok(
          await dialog.evaluate((e) => e.getAttribute('role') === 'dialog' || e.tagName === 'DIALOG'),
          'offer-detail is a dialog',
        );
        assert.ok((await dialog.locator(testid('segment')).count()) >= 3, 'a round trip with a stop has 3+ segments');
        assert.ok((await dialog.locator(testid('layover')).count()) >= 1, 'a connection has a layover');
        assert.ok((await dialog.locator(testid('pricing-option')).count()) >= 1, 'at least one supplier price');
        await page.screenshot({ path: screenshotPath(`detail-${viewport}.png`) });

        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden', timeout: waitMs });
        await openDetail(offer);
        await dialog.waitFor({ state: 'visible', timeout: waitMs });
        await dialog.locator(testid('detail-close')).click();
        await dialog.waitFor({ state: 'hidden', timeout: waitMs });
      });
    }
  });

  it('loads the next page of offers', async () => {
    await withPage({}, async (page) => {
      await runSearch(page, () => page.goto(searchUrl));
      const first = await offerIds(page);
      const total = await resultCount(page);
      assert.ok(first.length > 0 && total > first.length, `${first.length} listed of ${total}`);
      await page.locator(testid('load-more')).click();
      const more = await until(() => offerIds(page), (ids) => ids.length > first.length, {
        what: 'more offers after load-more',
      });
      assert.deepEqual(more.slice(0, first.length), first, 'the first page stays in place');
      assert.equal(new Set(more).size, more.length, 'no offer listed twice');
      assert.ok(more.length <= total);
    });
  });

  it('re-runs the search on the cheapest other date of the date strip', async () => {
    await withPage({}, async (page) => {
      await runSearch(page, () => page.goto(searchUrl));
      const days = () =>
        page.locator(`${testid('date-strip')} ${testid('date-strip-day')}`).evaluateAll((elements) =>
          elements.map((e) => ({
            date: e.dataset.date,
            current: e.getAttribute('aria-current'),
            text: e.innerText,
          })),
        );
      // Prices fill in as the price calendar answers.
      const strip = await until(days, (d) => d.filter((x) => x.current !== 'date' && x.text.match(/\$|USD/)).length > 0, {
        what: 'a price on another day of the date strip',
      });
      assert.deepEqual(strip.filter((d) => d.current === 'date').map((d) => d.date), [depart]);
      const others = strip
        .filter((d) => d.current !== 'date' && dollars(d.text) !== null)
        .sort((a, b) => dollars(a.text) - dollars(b.text));
      const pick = others[0];

      const searches = page.ffSearchPosts;
      await runSearch(page, () =>
        page.locator(`${testid('date-strip-day')}[data-date="${pick.date}"]`).click(),
      );
      assert.equal(page.ffSearchPosts, searches + 1);
      const query = new URL(page.url()).searchParams;
      assert.equal(query.get('depart'), pick.date);
      assert.equal(query.get('return'), addDays(pick.date, 7), 'the same trip length');
      await until(days, (d) => d.some((x) => x.date === pick.date && x.current === 'date'), {
        what: `${pick.date} to be the selected day`,
      });
      assert.equal(await page.locator(testid('depart-0')).inputValue(), pick.date);
    });
  });

  it('gives the same search, tab and filter back when the URL is reloaded', async () => {
    await withPage({}, async (page) => {
      const url = `${searchUrl}&sort=cheapest&max_stops=1`;
      const seen = async () => ({
        count: await resultCount(page),
        prices: (await page.locator(testid('offer-price')).allInnerTexts()).slice(0, 5),
        times: (await page.locator(testid('offer-times')).allInnerTexts()).slice(0, 5),
        origin: await page.locator(testid('origin-0')).inputValue(),
        destination: await page.locator(testid('destination-0')).inputValue(),
        depart: await page.locator(testid('depart-0')).inputValue(),
        ret: await page.locator(testid('return-date')).inputValue(),
        cheapest: await page.locator(testid('tab-cheapest')).getAttribute('aria-selected'),
        oneStop: await page
          .locator(`${testid('filter-stops-option')}[data-value="1"]`)
          .evaluate((e) => e.checked || e.getAttribute('aria-checked') === 'true' || e.getAttribute('aria-pressed') === 'true'),
      });
      await runSearch(page, () => page.goto(url));
      const before = await seen();
      assert.ok(before.origin.includes('LHR') && before.destination.includes('JFK'), JSON.stringify(before));
      assert.equal(before.depart, depart);
      assert.equal(before.ret, ret);
      assert.equal(before.cheapest, 'true');
      assert.equal(before.oneStop, true);
      assert.ok(before.prices.length > 0);

      const shared = page.url();
      await runSearch(page, () => page.reload());
      assert.equal(page.url(), shared);
      const same = JSON.stringify(before);
      await until(seen, (now) => JSON.stringify(now) === same, { what: `the page as before: ${same}` });
    });
  });

  it('has no serious or critical accessibility violations on the results and the detail', async () => {
    // axe is injected as an inline script, which the page's Content-Security-Policy refuses.
    await withPage({ bypassCSP: true }, async (page) => {
      await runSearch(page, () => page.goto(searchUrl));
      await page.addScriptTag({ path: axePath });
      const violations = () =>
        page.evaluate(async () => {
          const { violations: found } = await window.axe.run(document, { resultTypes: ['violations'] });
          return found
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
      assert.deepEqual(await violations(), [], 'results page');
      await openDetail(firstOffer(page));
      await page.locator(testid('offer-detail')).waitFor({ state: 'visible', timeout: waitMs });
      assert.deepEqual(await violations(), [], 'offer detail');
    });
  });
});
