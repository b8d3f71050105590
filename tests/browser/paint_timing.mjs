// How soon the search page shows offers: with the Duffel emulator answering after 300 ms and the
// Amadeus emulator after 1,500 ms, the time from submit (the page's ff:submit mark) to the first
// offer painted (ff:first-offer) and to the last supplier's offers painted (ff:all-suppliers),
// median of --runs searches in Debian's chromium, each in a fresh page. The cache of supplier
// answers is off and price calendars make no supplier calls, so every search asks both emulators
// and nothing else competes with it.
//
//   node tests/browser/paint_timing.mjs [--runs 9] [--write]
//
// prints the rows; --write also puts them into docs/benchmarks.md ("Search page: offers painted"),
// replacing the rows of an earlier run. FAREFLOW_BINARY and FAREFLOW_SUPPLIER_BINARY name the
// binaries (default build/fareflow and build/tools/fareflow-supplier).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { addDays, isoDate, launchBrowser, newContext, roundTripQuery, waitMs } from './support/browser.mjs';
import { sourceDir, startServices } from './support/services.mjs';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, write: { type: 'boolean', default: false } },
});
const runs = Number(args.runs);
const latencies = { duffelLatencyMs: 300, amadeusLatencyMs: 1500 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${Math.round(x).toLocaleString('en-US')} ms`;

// One search in a fresh page: the marks' times after ff:submit.
async function measure(context, url) {
  const page = await context.newPage();
  try {
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/v1/searches',
      { timeout: waitMs },
    );
    await page.goto(url);
    const streamed = ((await answer).headers()['content-type'] ?? '').startsWith('text/event-stream');
    await page.waitForFunction(() => performance.getEntriesByName('ff:all-suppliers', 'mark').length > 0, null, {
      timeout: waitMs,
    });
    const [submit, first, all] = await page.evaluate(() =>
      ['ff:submit', 'ff:first-offer', 'ff:all-suppliers'].map(
        (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? NaN,
      ),
    );
    if (![submit, first, all].every(Number.isFinite)) throw new Error('the page set no ff:* marks');
    return { first: first - submit, all: all - submit, streamed };
  } finally {
    await page.close();
  }
}

const services = await startServices({
  ...latencies,
  config: { cache: { enabled: false }, calendar: { max_calls: 0 } },
});
let browser;
let version = '';
const samples = [];
try {
  browser = await launchBrowser();
  version = browser.version();
  const context = await newContext(browser);
  const depart = isoDate(30);
  const url = `${services.baseUrl}${roundTripQuery({ from: 'LHR', to: 'JFK', depart, ret: addDays(depart, 7) })}`;
  await measure(context, url);  // warm-up: the page's files, the service's first connections
  for (let i = 0; i < runs; i += 1) {
    samples.push(await measure(context, url));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
} finally {
  await browser?.close();
  await services.stop();
}

const load = os.loadavg()[0].toFixed(2);
const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
const rows = [
  '| search page, LHR–JFK round trip, Duffel emulator 300 ms, Amadeus emulator 1,500 ms | median | min | max |',
  '|---|---:|---:|---:|',
  `| submit → first offer painted (\`ff:first-offer\`) | ${ms(median(samples.map((s) => s.first)))} | ${ms(Math.min(...samples.map((s) => s.first)))} | ${ms(Math.max(...samples.map((s) => s.first)))} |`,
  `| submit → the last supplier's offers painted (\`ff:all-suppliers\`) | ${ms(median(samples.map((s) => s.all)))} | ${ms(Math.min(...samples.map((s) => s.all)))} | ${ms(Math.max(...samples.map((s) => s.all)))} |`,
];
const provenance =
  `Measured by \`node tests/browser/paint_timing.mjs --runs ${runs}\` on ${when} UTC ` +
  `(${runs} searches after one warm-up, each in a fresh page of Debian's chromium ` +
  `${version}; ${os.cpus().length} cores, load average ${load} at the end). ` +
  'The cache of supplier answers is off and price calendars make no supplier calls, so each ' +
  'search asks both emulators; the suppliers\' latencies are the floor of each time. ' +
  (samples.every((s) => s.streamed)
    ? 'Every answer streamed (`text/event-stream`).'
    : `${samples.filter((s) => !s.streamed).length} of ${samples.length} answers did not stream (JSON).`);
console.log([...rows, '', provenance].join('\n'));

if (args.write) {
  const begin = '<!-- tests/browser/paint_timing.mjs writes the search page rows from here -->';
  const end = '<!-- to here: search page -->';
  const section = [begin, '## Search page: offers painted', '', provenance, '', ...rows, end].join('\n');
  const file = path.join(sourceDir, 'docs', 'benchmarks.md');
  const text = fs.readFileSync(file, 'utf8');
  let updated;
  if (text.includes(begin) && text.includes(end)) {
    updated = text.slice(0, text.indexOf(begin)) + section + text.slice(text.indexOf(end) + end.length);
  } else if (text.includes('\n## Workloads\n')) {
    updated = text.replace('\n## Workloads\n', `\n${section}\n\n## Workloads\n`);
  } else {
    updated = `${text.trimEnd()}\n\n${section}\n`;
  }
  fs.writeFileSync(file, updated);
  console.error(`wrote the search page rows of ${path.relative(process.cwd(), file)}`);
}
