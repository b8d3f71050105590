// The search page as a search starts and answers arrive: Debian's chromium (through
// playwright-core) against `fareflow serve` fanning out to the Duffel emulator answering after
// 300 ms and the Amadeus emulator after 1,500 ms. Every wait is for a condition on the page, never
// a fixed sleep, so the tests hold on busy shared cores. Elements are found only by the page's
// data-testid contract, roles and labels.
//
// Run by ctest (BrowserSearchPage, label browser) through run.mjs, or by hand after a build:
//   node --test tests/browser/
// Environment: FAREFLOW_BINARY and FAREFLOW_SUPPLIER_BINARY (default build/fareflow and
// build/tools/fareflow-supplier), FAREFLOW_CHROMIUM (/usr/bin/chromium), FAREFLOW_SCREENSHOT_DIR
// (docs/screenshots; ctest: build/screenshots), FAREFLOW_BROWSER_WAIT_MS (45000, the longest wait
// for any one condition), FAREFLOW_REQUIRE_BROWSER (run.mjs fails instead of skipping).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  addDays,
  finalStatuses,
  isoDate,
  resultCount,
  runSearch,
  supplierStatuses,
  testid,
  testTimeoutMs,
  until,
  waitMs,
} from './support/browser.mjs';
import { pageSession } from './support/session.mjs';

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

describe('the search page as answers arrive', () => {
  const session = pageSession();

  it('shows the first offers of a round trip while the slowest supplier is still pending', { timeout: testTimeoutMs }, async () => {
    await session.withPage({}, async (page) => {
      await page.addInitScript(recordFirstOffer);
      await page.goto(`${session.services.baseUrl}/`);
      await page.locator(testid('trip-round')).check();
      await choosePlace(page, 'origin-0', 'LHR');
      await choosePlace(page, 'destination-0', 'JFK');
      // A departure no other test asks for, so that this search is not answered from the cache.
      const liveDepart = isoDate(44);
      await page.locator(testid('depart-0')).fill(liveDepart);
      await page.locator(testid('return-date')).fill(addDays(liveDepart, 7));
      await runSearch(page, () => page.locator(testid('search-submit')).click());

      const { fast, slow } = session.services.suppliers;
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

  it('fills in results as the suppliers answer without shifting the layout', { timeout: testTimeoutMs }, async () => {
    await session.withPage({}, async (page) => {
      await page.addInitScript(recordLayoutShifts);
      await runSearch(page, () => page.goto(session.searchUrl));
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

  it('moves through the autocomplete with the keyboard', { timeout: testTimeoutMs }, async () => {
    await session.withPage({}, async (page) => {
      await page.goto(`${session.services.baseUrl}/`);
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

});
