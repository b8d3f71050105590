// What ctest runs (tests/CMakeLists.txt, BrowserSearchPage): the browser tests under `node --test`,
// once what they need is there. Without Debian's chromium or the pinned npm packages
// (scripts/install-deps installs both) it exits 77, which ctest reports as skipped, unless
// FAREFLOW_REQUIRE_BROWSER is set (as `make test` does): then it fails, naming what is missing.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const chromium = process.env.FAREFLOW_CHROMIUM ?? '/usr/bin/chromium';

function missing() {
  const found = [];
  try {
    fs.accessSync(chromium, fs.constants.X_OK);
  } catch {
    found.push(`${chromium} (apt-get install chromium)`);
  }
  const lock = JSON.parse(fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8'));
  const require = createRequire(path.join(here, 'package.json'));
  for (const name of ['playwright-core', 'axe-core']) {
    const pinned = lock.packages[`node_modules/${name}`].version;
    let installed = null;
    try {
      installed = require(`${name}/package.json`).version;
    } catch {
      // not installed
    }
    if (installed !== pinned) {
      found.push(`npm ${name}@${pinned} in tests/browser/node_modules (${installed ?? 'absent'}; npm ci there)`);
    }
  }
  return found;
}

const absent = missing();
if (absent.length > 0) {
  const required = Boolean(process.env.FAREFLOW_REQUIRE_BROWSER);
  console.error(`browser tests ${required ? 'cannot run' : 'skipped'}: missing ${absent.join('; ')}` +
    (required ? ' (FAREFLOW_REQUIRE_BROWSER is set; scripts/install-deps installs them)' : ''));
  process.exit(required ? 1 : 77);
}

const tests = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .map((f) => path.join(here, f));
const run = spawn(process.execPath, ['--test', '--test-concurrency=1', ...tests], { stdio: 'inherit' });
// ctest's timeout and Ctrl-C stop the tests too, whose processes then stop what they started.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => run.kill(signal));
run.on('exit', (code) => process.exit(code ?? 1));
