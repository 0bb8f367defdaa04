// The web page in a real Chromium, in front of the serve pipeline watching a running lab: the map shows the lab's
// tunnels, a fault injected in the lab recolours its edge from the event stream and brings its finding, the device
// page shows parsed tables and the flap timeline, and both kinds of diagnosis run from the page. Screenshots go to
// an artifacts folder (DMVPN_WATCH_ARTIFACTS, or a temporary one).

import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DiagnosisLoop,
  diagnosingAfterPolls,
  withDiagnosisCommands,
} from '../../cli/serve/diagnosis-loop.js';
import { storeSinks } from '../../cli/serve/store-sink.js';
import { loadInventory } from '../../collectors/inventory/load.js';
import { Watcher } from '../../collectors/scheduler/watcher.js';
import { KnownHosts } from '../../collectors/ssh/known-hosts.js';
import { writeInventory } from '../../lab/control/inventory.js';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';
import { Alerting } from '../../server/alerting/alerting.js';
import { alertingConfigSchema } from '../../server/alerting/config.js';
import { alertingRoutes } from '../../server/alerting/routes.js';
import { EventBus } from '../../server/event-bus.js';
import { publishingSinks } from '../../server/publishing-sinks.js';
import { startApi, type RunningApi } from '../../server/start-api.js';
import { OPERATOR, TEST_TOKENS, VIEWER } from '../../server/test-support.js';
import { openStorage, type Storage } from '../../storage/open-storage.js';

/** What the page exposes to its console, as the tests read it inside the browser. */
interface InPage {
  dmvpnWatch?: {
    map: { render(topology: unknown): void; search(text: string): number; group(on: boolean): void };
    cy: import('cytoscape').Core;
  };
  sessionStorage: { getItem(key: string): string | null };
}

const CHROMIUM = '/usr/bin/chromium';
const RED = 'rgb(214,39,40)';
const GREEN = 'rgb(44,160,44)';

let directory: string;
let artifacts: string;
let running: RunningLab;
let storage: Storage;
let watcher: Watcher;
let loop: DiagnosisLoop;
let api: RunningApi;
let alerting: Alerting;
let webhook: Server;
const notified: { alerts: { status: string; labels: Record<string, string> }[] }[] = [];
let browser: Browser;
let page: Page;

/** An edge of the page's map as cytoscape has it: its data and its computed colour. */
function edge(id: string): Promise<{ state: string; colour: string } | null> {
  return page.evaluate((edgeId) => {
    const cy = (globalThis as unknown as InPage).dmvpnWatch?.cy;
    const element = cy?.getElementById(edgeId);
    if (!element || element.empty()) return null;
    return {
      state: element.data('state') as string,
      colour: String(element.style('line-color')).replace(/\s/g, ''),
    };
  }, id);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`the browser tests need Chromium; run as root: apt-get install -y chromium`);
  execFileSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
  directory = mkdtempSync(join(tmpdir(), 'web-page-'));
  artifacts = process.env.DMVPN_WATCH_ARTIFACTS ?? join(tmpdir(), 'dmvpn-watch-artifacts');
  mkdirSync(artifacts, { recursive: true });

  running = await startLab({ network: { spokes: 4 }, historySeconds: 900, dataDir: join(directory, 'lab') });
  const inventoryFile = join(directory, 'inventory.yaml');
  writeInventory(inventoryFile, running.inventory(), running.controlUrl);
  const inventory = withDiagnosisCommands(loadInventory(inventoryFile, {}));
  storage = openStorage({ kind: 'sqlite', path: join(directory, 'data.db'), retentionDays: 1 });
  for (const device of inventory.devices)
    storage.state.upsertDevice({ name: device.name, role: device.role, address: device.host });
  const log = pino({ level: 'silent' });
  const bus = new EventBus();
  loop = new DiagnosisLoop(storage.state, storage.timeSeries, log, {
    intervalSeconds: 1,
    devices: inventory.devices.length,
  });
  watcher = await Watcher.start(
    {
      inventory,
      knownHosts: new KnownHosts(join(directory, 'known-hosts.json')),
      concurrency: 8,
      syslog: null,
      traps: null,
      pollAtStart: false,
    },
    publishingSinks(
      diagnosingAfterPolls(storeSinks(storage, log, { polls: 0, failedPolls: 0, events: 0 }), loop),
      bus,
    ),
  );
  await Promise.all(inventory.devices.map((device) => watcher.pollNow(device.name)));
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      notified.push(JSON.parse(body));
      res.end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  alerting = new Alerting({
    config: alertingConfigSchema.parse({
      evaluateSeconds: 0.5,
      receivers: [
        { name: 'noc', kind: 'webhook', url: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/` },
      ],
      rules: [{ name: 'tunnel-down', faults: ['tunnel-admin-down'] }],
    }),
    state: storage.state,
    file: join(directory, 'alerting.json'),
    log,
    bus,
  }).start();
  api = await startApi({
    host: '127.0.0.1',
    port: 0,
    state: storage.state,
    reader: storage.reader,
    bus,
    poller: watcher,
    tokens: TEST_TOKENS,
    moreRoutes: alertingRoutes(alerting),
  });
  browser = await chromium.launch({
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
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  page.on('pageerror', (error) => console.error('page error:', error));
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await alerting?.stop();
  if (webhook) await new Promise((resolve) => webhook.close(resolve));
  await watcher?.stop();
  await loop?.stop();
  await storage?.close();
  await running?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('the web page', () => {
  it('draws the lab, recolours a tunnel a fault takes down, and shows the finding with its evidence and fix', async () => {
    await page.goto(`${api.url}/#token=${OPERATOR}`);
    await page.waitForFunction(
      () =>
        (globalThis as unknown as InPage).dmvpnWatch?.cy.getElementById('hub1~spoke4').nonempty() === true,
    );
    expect(page.url()).not.toContain(OPERATOR);
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as InPage).sessionStorage.getItem('dmvpn-watch-token'),
      ),
    ).toBe(OPERATOR);
    expect(await edge('hub1~spoke1')).toEqual({ state: 'UP', colour: GREEN });
    await page.locator('#stream-status.on').waitFor();
    await page.screenshot({ path: join(artifacts, 'map-healthy.png') });

    running.lab.injectFault('tunnel-admin-down', 'spoke1');
    await watcher.pollNow('spoke1');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as InPage).dmvpnWatch!.cy.getElementById('hub1~spoke1').data('state') !== 'UP',
    );
    expect(await edge('hub1~spoke1')).toEqual({ state: 'INTF', colour: RED });
    expect(await edge('hub1~spoke2')).toEqual({ state: 'UP', colour: GREEN });

    const card = page.locator('#findings-view .finding[data-device="spoke1"]').first();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator('.evidence').innerText()).toMatch(/spoke1# show/);
    expect(await card.locator('.fix').innerText()).toMatch(/^Fix: \S/);
    expect(await page.locator('#tunnels-down').innerText()).toBe('1 not up');
    await page.screenshot({ path: join(artifacts, 'map-fault.png') });
  });

  it('lists the alert the fault raised, once its webhook has been told', async () => {
    while (!notified.some((batch) => batch.alerts.some((alert) => alert.labels.device === 'spoke1')))
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notified[0]!.alerts[0]).toMatchObject({
      status: 'firing',
      labels: { alertname: 'tunnel-down', fault: 'tunnel-admin-down', device: 'spoke1' },
    });
    await page.goto(`${api.url}/#/alerts`);
    await page.reload();
    await page.locator('#alerts-view [data-alert="tunnel-down"][data-device="spoke1"]').waitFor();
    expect(await page.locator('#alerts-count').innerText()).toBe('(1)');
    expect(await page.locator('#alerts-view li').innerText()).toBe('noc: 0 waiting');
    await page.screenshot({ path: join(artifacts, 'alerts.png') });
  });

  it('asks for the token when the address has none, and asks again when it is refused', async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${api.url}/`);
      await fresh.locator('#token-dialog[open]').waitFor();
      await fresh.locator('#token-input').fill('not-a-token');
      await fresh.locator('#token-dialog button').click();
      await fresh.locator('#token-error', { hasText: 'refused' }).waitFor();
      await fresh.locator('#token-input').fill(VIEWER);
      await fresh.locator('#token-dialog button').click();
      await fresh.locator('#findings-view h2', { hasText: 'Active findings' }).waitFor();
      expect(await fresh.locator('#stream-status').innerText()).not.toBe('');
    } finally {
      await fresh.close();
    }
  });

  it("opens a device's page with its parsed tables and its tunnel flap timeline", async () => {
    await page.goto(`${api.url}/#/findings`);
    await page.locator('#findings-view .finding[data-device="spoke1"] .device-link').first().click();
    await page.locator('#device-view h2', { hasText: 'spoke1' }).waitFor();
    await page.locator('#device-view table').first().waitFor();
    expect(await page.locator('#device-view summary', { hasText: 'show dmvpn' }).count()).toBeGreaterThan(0);
    await page.locator('#device-view svg.timeline rect').first().waitFor();
    expect(await page.locator('#device-view .meta', { hasText: 'went down' }).innerText()).toMatch(
      /[1-9]\d* went down/,
    );
    await page.screenshot({ path: join(artifacts, 'device-spoke1.png') });
  });

  it('runs a live diagnosis with its progress, and diagnoses pasted outputs', async () => {
    await page.goto(`${api.url}/#/diagnose`);
    await page.locator('#run-diagnosis').click();
    await page.locator('#run-report h2', { hasText: 'Report:' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('#run-step').innerText()).toMatch(/^Live diagnosis of .*: done$/);
    expect(await page.locator('#run-report .finding[data-device="spoke1"]').count()).toBeGreaterThan(0);

    const pasted = ['hub1', 'spoke1']
      .map((name) => `${name}#show dmvpn\n${running.lab.run(name, 'show dmvpn')}`)
      .join('\n');
    await page.locator('#pasted').fill(pasted);
    await page.locator('#diagnose-pasted').click();
    await page.locator('#run-step', { hasText: 'Pasted diagnosis of' }).waitFor();
    expect(await page.locator('#run-report .finding').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'diagnosis.png') });
  });

  it('lays out a thousand spokes, finds one by name and groups them by hub', async () => {
    const result = await page.evaluate(() => {
      const { map, cy } = (globalThis as unknown as InPage).dmvpnWatch!;
      const hubs = ['hub1', 'hub2'];
      const nodes = [
        ...hubs.map((id) => ({ id, device: id, role: 'hub', nbma: [], tunnel: [], collectedAt: 0 })),
        ...Array.from({ length: 1000 }, (_, i) => ({
          id: `spoke${i + 1}`,
          device: `spoke${i + 1}`,
          role: 'spoke',
          nbma: [`198.51.${Math.floor(i / 250)}.${i % 250}`],
          tunnel: [],
          collectedAt: 0,
        })),
      ];
      const edges = nodes
        .filter((node) => node.role === 'spoke')
        .map((node, i) => {
          const hub = hubs[i % 2]!;
          const state = i % 97 === 0 ? 'NHRP' : 'UP';
          return {
            id: `${hub}~${node.id}`,
            kind: 'static',
            source: hub,
            target: node.id,
            state,
            up: state === 'UP',
            ends: [
              {
                device: node.id,
                interface: 'Tunnel0',
                peerNbma: '203.0.113.1',
                peerTunnel: '10.0.0.1',
                state,
                upDownSeconds: 5,
              },
            ],
          };
        });
      const started = performance.now();
      map.render({ generatedAt: 0, nodes, edges });
      const renderMs = performance.now() - started;
      const found = map.search('spoke777');
      map.group(true);
      return {
        renderMs,
        nodes: cy.nodes().not('.group').length,
        edges: cy.edges().length,
        found,
        groups: cy.nodes('.group').map((group) => group.id()),
        parentOf777: cy.getElementById('spoke777').parent().first().id(),
      };
    });
    await page.screenshot({ path: join(artifacts, 'map-1000-spokes.png') });
    console.info(`1,000 spokes rendered in ${Math.round(result.renderMs)} ms; screenshots in ${artifacts}`);
    expect(result).toMatchObject({
      nodes: 1002,
      edges: 1000,
      found: 1,
      groups: ['group:hub1', 'group:hub2'],
      parentOf777: 'group:hub1',
    });
  });
});
