// What every browser test file shares: the emulators (Duffel answering after 300 ms, Amadeus after
// 1,500 ms), `fareflow serve` asking both, and one chromium, started before the file's tests and
// stopped after them; and a fresh browser context per test.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { addDays, isoDate, launchBrowser, newContext, roundTripQuery, trackedPage } from './browser.mjs';
import { startServices } from './services.mjs';

// Call inside describe(). The returned object's fields are set once before() has run:
// `services`, `depart` and `ret` (a round trip 30 days out, a week long), `searchUrl` (its page URL
// in USD), and withPage(options, body), which runs body(page) in a fresh context with `options`
// (playwright's newContext options) and then checks that the page threw no uncaught error and
// asked no other origin.
export function pageSession() {
  const session = { depart: isoDate(30) };
  session.ret = addDays(session.depart, 7);
  let browser;

  before(async () => {
    session.services = await startServices({ duffelLatencyMs: 300, amadeusLatencyMs: 1500 });
    browser = await launchBrowser();
    session.searchUrl = `${session.services.baseUrl}${roundTripQuery({
      from: 'LHR',
      to: 'JFK',
      depart: session.depart,
      ret: session.ret,
    })}`;
  });

  after(async () => {
    await browser?.close();
    await session.services?.stop();
  });

  session.withPage = async (options, body) => {
    const context = await newContext(browser, options);
    try {
      const page = await trackedPage(context, session.services.baseUrl);
      await body(page);
      assert.deepEqual(page.ffProblems(), []);
    } finally {
      await context.close();
    }
  };
  return session;
}
