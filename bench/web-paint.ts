// `npm run bench:web`: how soon the web page shows a 1,000-spoke network in headless Chromium. The state store holds
// the latest snapshot of every router of a running lab, made as test-support's labSnapshot makes it (the lab's
// outputs of the standard commands through the real parsers, without SSH). Each run opens the page with the token in
// a fresh browser context (nothing cached) and reads, from the page's navigation start: first contentful paint, the
// moment cytoscape holds every node and tunnel of GET /api/topology at its place, and the next frame drawn after it.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startLab } from '../lab/control/run-lab.js';
import { EventBus } from '../server/event-bus.js';
import { startApi } from '../server/start-api.js';
import { labStateStore, TEST_TOKENS, VIEWER } from '../server/test-support.js';

const SPOKES = 1000;
const RUNS = 5;
const CHROMIUM = '/usr/bin/chromium';

/** What the page exposes to its console: the cytoscape instance of the map. */
interface InPage {
  dmvpnWatch?: { cy: import('cytoscape').Core };
  requestAnimationFrame(callback: () => void): number;
}

interface Run {
  firstContentfulPaint: number;
  graphComplete: number;
  graphDrawn: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

if (!existsSync(CHROMIUM))
  throw new Error('the web benchmark needs Chromium; run as root: apt-get install -y chromium');
execFileSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
const directory = mkdtempSync(join(tmpdir(), 'bench-web-'));
try {
  const running = await startLab({
    network: { spokes: SPOKES },
    historySeconds: 900,
    dataDir: join(directory, 'lab'),
  });
  const state = labStateStore(running.lab, join(directory, 'state.db'), Date.now());
  const api = await startApi({
    host: '127.0.0.1',
    port: 0,
    state,
    reader: null,
    bus: new EventBus(),
    poller: null,
    tokens: TEST_TOKENS,
  });
  const topology = (await (
    await fetch(`${api.url}/api/topology`, { headers: { authorization: `Bearer ${VIEWER}` } })
  ).json()) as { nodes: unknown[]; edges: unknown[] };
  const expected = { nodes: topology.nodes.length, edges: topology.edges.length };
  console.log(
    `dmvpn-watch web page benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
      `${cpus()[0]?.model.trim() ?? 'unknown CPU'} x${cpus().length}, Chromium headless`,
  );
  console.log(`a ${SPOKES}-spoke lab: ${expected.nodes} nodes, ${expected.edges} tunnels on the map\n`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const runs: Run[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${api.url}/#token=${VIEWER}`, { waitUntil: 'commit' });
    // The predicate answers the page's own clock when the graph is complete.
    const completed = await page.waitForFunction(
      ({ nodes, edges }) => {
        const cy = (globalThis as unknown as InPage).dmvpnWatch?.cy;
        const complete = cy !== undefined && cy.nodes().length >= nodes && cy.edges().length >= edges;
        return complete && performance.now();
      },
      expected,
      { timeout: 120_000, polling: 10 },
    );
    const graphComplete = (await completed.jsonValue()) as number;
    const result = await page.evaluate(async (graphComplete) => {
      const frame = (): Promise<void> =>
        new Promise((resolve) => (globalThis as unknown as InPage).requestAnimationFrame(resolve));
      await frame();
      await frame();
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        firstContentfulPaint: paint?.startTime ?? Number.NaN,
        graphComplete,
        graphDrawn: performance.now(),
      };
    }, graphComplete);
    runs.push(result);
    console.log(
      `  run ${run}: first contentful paint ${result.firstContentfulPaint.toFixed(0).padStart(5)} ms, ` +
        `graph complete ${result.graphComplete.toFixed(0).padStart(5)} ms, ` +
        `drawn ${result.graphDrawn.toFixed(0).padStart(5)} ms`,
    );
    await context.close();
  }
  console.log(
    `\nmedian of ${RUNS}: first contentful paint ${median(runs.map((run) => run.firstContentfulPaint)).toFixed(0)} ms, ` +
      `graph complete ${median(runs.map((run) => run.graphComplete)).toFixed(0)} ms, ` +
      `drawn ${median(runs.map((run) => run.graphDrawn)).toFixed(0)} ms`,
  );
  await browser.close();
  await api.close();
  state.close();
  await running.close();
} finally {
  rmSync(directory, { recursive: true, force: true });
}
