// The API in front of a real watcher polling a running lab over SSH: polls on demand, the event stream of tunnel
// edges, and a live diagnosis whose findings land in the state store.

import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeSinks } from '../cli/serve/store-sink.js';
import { loadInventory } from '../collectors/inventory/load.js';
import { Watcher } from '../collectors/scheduler/watcher.js';
import { KnownHosts } from '../collectors/ssh/known-hosts.js';
import { writeInventory } from '../lab/control/inventory.js';
import { startLab, type RunningLab } from '../lab/control/run-lab.js';
import { openStorage, type Storage } from '../storage/open-storage.js';
import { EventBus } from './event-bus.js';
import { publishingSinks } from './publishing-sinks.js';
import { startApi, type RunningApi } from './start-api.js';
import { call, OPERATOR, TEST_TOKENS, VIEWER } from './test-support.js';

let directory: string;
let running: RunningLab;
let storage: Storage;
let watcher: Watcher;
let api: RunningApi;

interface StreamEvent {
  type: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Opens the event stream on a connection of its own; resolves once the server has subscribed it (its first comment
 * line), with the events read until `done` says so.
 */
function openStream(done: (events: StreamEvent[]) => boolean): Promise<{ events: Promise<StreamEvent[]> }> {
  return new Promise((opened, reject) => {
    const request = get(
      `${api.url}/api/events?types=tunnel-event,findings,run`,
      { headers: { authorization: `Bearer ${VIEWER}` }, agent: false },
      (response) => {
        expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
        response.setEncoding('utf8');
        const events: StreamEvent[] = [];
        let buffer = '';
        let finished: (events: StreamEvent[]) => void;
        let subscribed = false;
        const all = new Promise<StreamEvent[]>((resolve) => (finished = resolve));
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block === ': connected' && !subscribed) {
              subscribed = true;
              // Wrapped: resolving with the promise itself would wait for the whole stream.
              opened({ events: all });
            }
            const type = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (type && data) events.push({ type, data: JSON.parse(data) });
          }
          if (done(events)) {
            request.destroy();
            finished(events);
          }
        });
      },
    );
    request.on('error', reject);
  });
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'api-live-'));
  running = await startLab({ network: { spokes: 3 }, historySeconds: 900, dataDir: join(directory, 'lab') });
  const inventoryFile = join(directory, 'inventory.yaml');
  writeInventory(inventoryFile, running.inventory(), running.controlUrl);
  const inventory = loadInventory(inventoryFile, {});
  storage = openStorage({ kind: 'sqlite', path: join(directory, 'data.db'), retentionDays: 1 });
  for (const device of inventory.devices)
    storage.state.upsertDevice({ name: device.name, role: device.role, address: device.host });
  const bus = new EventBus();
  const log = pino({ level: 'silent' });
  const tally = { polls: 0, failedPolls: 0, events: 0 };
  watcher = await Watcher.start(
    {
      inventory,
      knownHosts: new KnownHosts(join(directory, 'known-hosts.json')),
      concurrency: 4,
      syslog: null,
      traps: null,
      pollAtStart: false,
    },
    publishingSinks(storeSinks(storage, log, tally), bus),
  );
  await Promise.all(inventory.devices.map((device) => watcher.pollNow(device.name)));
  api = await startApi({
    host: '127.0.0.1',
    port: 0,
    state: storage.state,
    reader: storage.reader,
    bus,
    poller: watcher,
    tokens: TEST_TOKENS,
  });
});

afterAll(async () => {
  await api?.close();
  await watcher?.stop();
  await storage?.close();
  await running?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('the API over a watched lab', () => {
  it('shows the polled network: snapshots and a topology of UP tunnels', async () => {
    const { body: topology } = await call(api.url, '/api/topology', { token: VIEWER });
    expect(topology.edges.map((e: { id: string; state: string }) => `${e.id} ${e.state}`)).toEqual([
      'hub1~spoke1 UP',
      'hub1~spoke2 UP',
      'hub1~spoke3 UP',
    ]);
    const { body: devices } = await call(api.url, '/api/devices', { token: VIEWER });
    expect(devices.every((d: { collectedAt: number | null }) => d.collectedAt !== null)).toBe(true);
  });

  it('polls a device on demand for an operator', async () => {
    const poll = await call(api.url, '/api/poll/spoke3', { token: OPERATOR, method: 'POST' });
    expect(poll.status).toBe(200);
    expect(poll.body.errors).toEqual([]);
    expect(poll.body.commands).toContain('show dmvpn');
    expect((await call(api.url, '/api/poll/spoke9', { token: OPERATOR, method: 'POST' })).status).toBe(404);
  });

  it('streams the tunnel edge a fault causes, then diagnoses it live and records the finding', async () => {
    const stream = await openStream((events) => events.some((e) => e.type === 'tunnel-event'));
    running.lab.injectFault('tunnel-admin-down', 'spoke1');
    expect((await call(api.url, '/api/poll/spoke1', { token: OPERATOR, method: 'POST' })).status).toBe(200);
    const edges = (await stream.events).filter((e) => e.type === 'tunnel-event').map((e) => e.data);
    expect(edges).toContainEqual(
      expect.objectContaining({
        device: 'spoke1',
        peer: '203.0.113.1',
        from: 'UP',
        to: 'INTF',
        source: 'poll',
      }),
    );

    const progress = await openStream((events) =>
      events.some((e) => e.type === 'run' && e.data.status !== 'running'),
    );
    const started = await call(api.url, '/api/diagnose', { token: OPERATOR, body: { devices: ['spoke1'] } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'live', status: 'running', devices: ['spoke1'] });
    const events = await progress.events;
    expect(events.filter((e) => e.type === 'run').map((e) => e.data.id)).toContain(started.body.id);
    const findings = events.find((e) => e.type === 'findings')!.data;
    expect(findings.runId).toBe(started.body.id);

    const { body: run } = await call(api.url, `/api/diagnose/${started.body.id}`, { token: VIEWER });
    expect(run.status).toBe('done');
    const onSpoke1 = run.report.findings.filter((f: { device: string }) => f.device === 'spoke1');
    expect(onSpoke1.length).toBeGreaterThan(0);
    const { body: active } = await call(api.url, '/api/findings?device=spoke1&active=true', {
      token: VIEWER,
    });
    expect(active.map((f: { rule: string }) => f.rule).sort()).toEqual(
      onSpoke1.map((f: { rule: string }) => f.rule).sort(),
    );
  });

  it('diagnoses every device with all, keeping only the severities asked for', async () => {
    const started = await call(api.url, '/api/diagnose', {
      token: OPERATOR,
      body: { all: true, minSeverity: 'critical' },
    });
    expect(started.status).toBe(202);
    expect(started.body.devices).toEqual(['hub1', 'spoke1', 'spoke2', 'spoke3']);
    let run = started.body;
    while (run.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = (await call(api.url, `/api/diagnose/${run.id}`, { token: VIEWER })).body;
    }
    expect(run).toMatchObject({ status: 'done', error: null });
    expect(run.report.findings.length).toBeGreaterThan(0);
    expect(run.report.findings.every((f: { severity: string }) => f.severity === 'critical')).toBe(true);
  });

  it('counts polls and exports the live state in /metrics', async () => {
    const text = (await call(api.url, '/metrics', { token: VIEWER })).body as string;
    expect(text).toMatch(/dmvpn_watch_polls_total\{result="ok"\} [1-9]/);
    expect(text).toMatch(/dmvpn_peer_up\{device="hub1",role="hub",interface="Tunnel0",[^}]*\} 1/);
    expect(text).toContain('dmvpn_watch_poll_duration_seconds_count');
  });
});
