// The search page once answers are in: tabs, filters, an offer's detail, paging, the date strip,
// a reloaded URL and accessibility, in Debian's chromium against `fareflow serve` and the supplier
// emulators (support/session.mjs); the detail test writes the screenshots the README shows.
// Elements are found only by the page's data-testid contract, roles and labels.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

import {
  addDays,
  desktop,
  dollars,
  offerIds,
  phone,
  resultCount,
  runSearch,
  screenshotPath,
  testid,
  testTimeoutMs,
  until,
  waitMs,
} from './support/browser.mjs';
import { pageSession } from './support/session.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const firstOffer = (page) => page.locator(testid('offer')).first();

// Opens an offer's detail as a reader does: by its button when it has one, else by the offer.
async function openDetail(offer) {
  const button = offer.getByRole('button');
  await ((await button.count()) > 0 ? button.first() : offer).click();
}

// A duration as a page may write it: "7h 35m", "7 h", "45 min", "7:35".
const durationLike = /\d+\s*h\b|\d+\s*min|\d+\s*m\b|\d+:\d\d/;
describe('the search page with its results', () => {
  const session = pageSession();

  it('switches between the Best, Cheapest and Fastest tabs, each showing its top offer', { timeout: testTimeoutMs }, async () => {
    await session.withPage({}, async (page) => {
      await runSearch(page, () => page.goto(session.searchUrl));
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

  it('narrows the list with a stops filter and an airline filter, without a page load', { timeout: testTimeoutMs }, async () => {
    await session.withPage({}, async (page) => {
      await runSearch(page, () => page.goto(session.searchUrl));
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

  it('opens an offer\'s detail and closes it with Escape and the close button', { timeout: testTimeoutMs }, async () => {
    for (const [viewport, size] of [
      ['desktop', desktop],
      ['phone', phone],
    ]) {
      await session.withPage({ viewport: size }, async (page) => {
        // Cheapest first: connections, so the detail has layovers.
        await runSearch(page, () => page.goto(`${session.searchUrl}&sort=cheapest`));
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

  it('loads the next page of offers', { timeout: testTimeoutMs }, async () => {
    await session.withPage({}, async (page) => {
      await runSearch(page, () => page.goto(session.searchUrl));
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

  it('re-runs the search on the cheapest other date of the date strip', { timeout: testTimeoutMs }, async () => {
    await session.withPage({}, async (page) => {
      await runSearch(page, () => page.goto(session.searchUrl));
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
      assert.deepEqual(strip.filter((d) => d.current === 'date').map((d) => d.date), [session.depart]);
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

  it('gives the same search, tab and filter back when the URL is reloaded', { timeout: testTimeoutMs }, async () => {
    await session.withPage({}, async (page) => {
      const url = `${session.searchUrl}&sort=cheapest&max_stops=1`;
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
      assert.equal(before.depart, session.depart);
      assert.equal(before.ret, session.ret);
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

  it('has no serious or critical accessibility violations on the results and the detail', { timeout: testTimeoutMs }, async () => {
    // axe is injected as an inline script, which the page's Content-Security-Policy refuses.
    await session.withPage({ bypassCSP: true }, async (page) => {
      await runSearch(page, () => page.goto(session.searchUrl));
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
