// `npm run bench:api`: the REST API under load over a 5,000-spoke lab. The state store holds the latest snapshot of
// every router, made as test-support's labSnapshot makes it (the lab's outputs of the standard commands through the
// real parsers, without SSH: one poll of 5,001 routers over the wire would only slow the setup), and the findings of
// one diagnosis of those snapshots with a few faults injected. Concurrent keep-alive clients (fetch) then ask
// `GET /api/topology` and `GET /api/findings` for a fixed time each: requests a second, p50, p99, response size.
// The clients run in a worker thread, so reading the answers does not take the server's thread.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { recordFindings } from '../cli/serve/diagnosis-loop.js';
import { diagnose } from '../diagnosis/index.js';
import { startLab } from '../lab/control/run-lab.js';
import { EventBus } from '../server/event-bus.js';
import { startApi } from '../server/start-api.js';
import { labStateStore, TEST_TOKENS, VIEWER } from '../server/test-support.js';

const SPOKES = 5000;
const FAULTS = [
  'nhrp-auth-mismatch@spoke12',
  'tunnel-admin-down@spoke250',
  'transform-set-mismatch@spoke3100',
  'tunnel-key-mismatch@spoke4711',
];
/** One client shows what a request costs alone; more show it queued behind the others. */
const CLIENT_COUNTS = [1, 4, 16];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface Load {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  bytes: number;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** `clients` workers, each asking the path again as soon as its answer is read, for `SECONDS`. */
async function load(base: string, path: string, clients: number): Promise<Load> {
  const latencies: number[] = [];
  let bytes = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      const sent = performance.now();
      const response = await fetch(base + path, { headers: { authorization: `Bearer ${VIEWER}` } });
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
      latencies.push(performance.now() - sent);
      bytes = body.byteLength;
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1]!,
    bytes,
  };
}

interface LoadJob {
  base: string;
  path: string;
  clients: number;
}

function loadInWorker(job: LoadJob): Promise<Load> {
  const worker = new Worker(new URL(import.meta.url), { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function measure(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-api-'));
  try {
    let mark = performance.now();
    const lap = (): string => {
      const now = performance.now();
      const text = `${((now - mark) / 1000).toFixed(1)} s`;
      mark = now;
      return text;
    };
    const running = await startLab({
      network: { spokes: SPOKES },
      faults: FAULTS,
      historySeconds: 900,
      dataDir: join(directory, 'lab'),
    });
    console.log(
      `dmvpn-watch API benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
        `${cpus()[0]?.model.trim() ?? 'unknown CPU'} x${cpus().length}`,
    );
    console.log(`lab of ${SPOKES} spokes (faults: ${FAULTS.join(', ')}) started in ${lap()}`);
    const now = Date.now();
    const state = labStateStore(running.lab, join(directory, 'state.db'), now);
    console.log(`state store filled with ${running.lab.hostnames().length} parsed snapshots in ${lap()}`);
    const report = diagnose({ snapshots: state.latestSnapshots() });
    recordFindings(state, report, now);
    console.log(`${report.findings.length} findings from one diagnosis in ${lap()}`);
    const api = await startApi({
      host: '127.0.0.1',
      port: 0,
      state,
      reader: null,
      bus: new EventBus(),
      poller: null,
      tokens: TEST_TOKENS,
    });
    console.log(`server started in ${lap()}`);
    console.log(`\nconcurrent keep-alive clients (fetch), ${SECONDS} s per endpoint and client count:`);
    for (const path of ['/api/topology', '/api/findings'])
      for (const clients of CLIENT_COUNTS) {
        // One request first, so the first measured one does not pay for the route's first run.
        await (await fetch(api.url + path, { headers: { authorization: `Bearer ${VIEWER}` } })).arrayBuffer();
        const result = await loadInWorker({ base: api.url, path, clients });
        console.log(
          `  GET ${path.padEnd(14)} ${String(clients).padStart(2)} clients ${result.perSecond.toFixed(1).padStart(7)} req/s  ` +
            `p50 ${result.p50.toFixed(1).padStart(7)} ms  p99 ${result.p99.toFixed(1).padStart(7)} ms  ` +
            `max ${result.max.toFixed(1).padStart(7)} ms  ${(result.bytes / 1024).toFixed(0)} KiB  ` +
            `(${result.requests} requests)`,
        );
      }
    await api.close();
    state.close();
    await running.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (isMainThread) await measure();
else {
  const job = workerData as LoadJob;
  parentPort!.postMessage(await load(job.base, job.path, job.clients));
}
