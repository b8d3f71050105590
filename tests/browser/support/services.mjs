// The processes a browser test talks to: the `fareflow-supplier` emulators, each with its own
// latency, and `fareflow serve` configured to fan out to them, every one on a port it picked and
// announced on stdout. Every process started here is killed when the test process ends, however it
// ends (a failed assertion, an exception, a signal from ctest's timeout).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const here = path.dirname(new URL(import.meta.url).pathname);
export const sourceDir = path.resolve(here, '..', '..', '..');

// The binaries: ctest passes their paths; by hand they default to the usual build directory.
export const binaries = {
  fareflow: process.env.FAREFLOW_BINARY ?? path.join(sourceDir, 'build', 'fareflow'),
  supplier:
    process.env.FAREFLOW_SUPPLIER_BINARY ??
    path.join(sourceDir, 'build', 'tools', 'fareflow-supplier'),
};

// Credentials the emulators accept by default, handed to fareflow through the environment.
const credentials = {
  FF_BROWSER_AMADEUS_ID: 'fareflow-client',
  FF_BROWSER_AMADEUS_SECRET: 'fareflow-secret',
  FF_BROWSER_DUFFEL_TOKEN: 'duffel_test_fareflow',
};

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => process.exit(128 + os.constants.signals[signal]));
}

const announceTimeoutMs = 30_000;

// Starts `argv` and resolves with { child, port } once it prints "listening on http://...:PORT";
// rejects (with what it wrote on stderr) when it exits first or says nothing in time.
function startServer(argv, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.on('exit', () => children.delete(child));
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 16_384) stderr += chunk;
    });
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${argv.join(' ')}: no "listening on" line in ${announceTimeoutMs} ms\n${stderr}`));
    }, announceTimeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${argv[0]}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(' ')} exited (${code ?? signal}) before listening\n${stderr}`));
    });
    lines.on('line', (line) => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      lines.close();
      child.stdout.resume();  // later output is not read, only drained
      resolve({ child, port: Number(match[1]) });
    });
  });
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

// What the service's environment keeps from ours: nothing that would point it at a Redis server or
// an API key file of the machine it runs on.
function serviceEnv() {
  const env = { ...process.env, ...credentials };
  for (const name of Object.keys(env)) {
    if (name.startsWith('FAREFLOW_')) delete env[name];
  }
  return env;
}

// Starts an Amadeus and a Duffel emulator answering searches after `amadeusLatencyMs` and
// `duffelLatencyMs`, and `fareflow serve` asking both (Duffel first in answers). `config` is merged
// into the service's configuration (e.g. {cache: {enabled: false}}). Resolves with
// { baseUrl, suppliers: {fast, slow}, stop() }.
export async function startServices({
  duffelLatencyMs = 300,
  amadeusLatencyMs = 1500,
  config = {},
} = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fareflow-browser-'));
  const started = [];
  try {
    const duffel = await startServer(
      [binaries.supplier, '--kind', 'duffel', '--port', '0', '--latency-ms', String(duffelLatencyMs)],
      process.env,
    );
    started.push(duffel.child);
    const amadeus = await startServer(
      [binaries.supplier, '--kind', 'amadeus', '--port', '0', '--latency-ms', String(amadeusLatencyMs)],
      process.env,
    );
    started.push(amadeus.child);
    const suppliers = [
      {
        name: 'duffel-emu',
        kind: 'duffel',
        base_url: `http://127.0.0.1:${duffel.port}`,
        token_env: 'FF_BROWSER_DUFFEL_TOKEN',
        max_offers: 150,
      },
      {
        name: 'amadeus-emu',
        kind: 'amadeus',
        base_url: `http://127.0.0.1:${amadeus.port}`,
        client_id_env: 'FF_BROWSER_AMADEUS_ID',
        client_secret_env: 'FF_BROWSER_AMADEUS_SECRET',
        max_offers: 120,
      },
    ];
    const configPath = path.join(dir, 'fareflow.json');
    fs.writeFileSync(
      configPath,
      JSON.stringify({ search: { default_deadline_ms: 15000 }, ...config, suppliers }),
    );
    const service = await startServer(
      [binaries.fareflow, 'serve', '--port', '0', '--config', configPath],
      serviceEnv(),
    );
    started.push(service.child);
    const fast = duffelLatencyMs <= amadeusLatencyMs ? 'duffel-emu' : 'amadeus-emu';
    const slow = fast === 'duffel-emu' ? 'amadeus-emu' : 'duffel-emu';
    return {
      baseUrl: `http://127.0.0.1:${service.port}`,
      suppliers: { fast, slow },
      async stop() {
        await Promise.all(started.map(stop));
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(started.map(stop));
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
