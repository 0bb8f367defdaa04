// The datasource against a running API over a watched lab: the frames it builds from the real topology, findings,
// tunnel events and a live diagnosis (made DataFrames by the real @grafana/data), and the built module.js answering
// a panel's queries through a stand-in of Grafana's data source proxy.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataFrame, DataFrameDTO } from '@grafana/data';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeSinks } from '../../cli/serve/store-sink.js';
import { loadInventory } from '../../collectors/inventory/load.js';
import { Watcher } from '../../collectors/scheduler/watcher.js';
import { KnownHosts } from '../../collectors/ssh/known-hosts.js';
import { writeInventory } from '../../lab/control/inventory.js';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';
import { EventBus } from '../../server/event-bus.js';
import { publishingSinks } from '../../server/publishing-sinks.js';
import { startApi, type RunningApi } from '../../server/start-api.js';
import { OPERATOR, TEST_TOKENS, VIEWER } from '../../server/test-support.js';
import { openStorage, type Storage } from '../../storage/open-storage.js';
import { bundleDatasource } from './bundle.js';
import { DmvpnApi } from './src/api-client.js';
import { COLORS } from './src/frames.js';
import type { DmvpnQuery, TimeWindow } from './src/query.js';
import { runQuery } from './src/run-query.js';
import {
  bearerTransport,
  grafanaData,
  grafanaProxy,
  grafanaRuntimeStandIn,
  grafanaUiStandIn,
  loadAmd,
  realReact,
} from './test-support.js';

const { createDataFrame, FieldType } = grafanaData();

let directory: string;
let running: RunningLab;
let storage: Storage;
let watcher: Watcher;
let api: RunningApi;
let operator: DmvpnApi;
let startedAt: number;

const window = (): TimeWindow => ({ from: startedAt - 3_600_000, to: Date.now() + 1_000 });
const instant = {
  intervalMs: 50,
  timeoutMs: 15_000,
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
};

async function frames(query: Omit<DmvpnQuery, 'refId'>, client = operator): Promise<DataFrame[]> {
  const dtos: DataFrameDTO[] = await runQuery(client, { refId: 'A', ...query }, window());
  return dtos.map((dto) => createDataFrame(dto));
}

const column = (frame: DataFrame, name: string): unknown[] => {
  const found = frame.fields.find((field) => field.name === name);
  if (!found) throw new Error(`frame ${frame.name} has no field ${name}`);
  return found.values;
};

const byId = (frame: DataFrame, name: string): Record<string, unknown> =>
  Object.fromEntries(column(frame, 'id').map((id, row) => [id as string, column(frame, name)[row]]));

beforeAll(async () => {
  startedAt = Date.now();
  directory = mkdtempSync(join(tmpdir(), 'datasource-'));
  running = await startLab({ network: { spokes: 3 }, historySeconds: 900, dataDir: join(directory, 'lab') });
  const inventoryFile = join(directory, 'inventory.yaml');
  writeInventory(inventoryFile, running.inventory(), running.controlUrl);
  const inventory = loadInventory(inventoryFile, {});
  storage = openStorage({ kind: 'sqlite', path: join(directory, 'data.db'), retentionDays: 1 });
  for (const device of inventory.devices)
    storage.state.upsertDevice({ name: device.name, role: device.role, address: device.host });
  const bus = new EventBus();
  const log = pino({ level: 'silent' });
  watcher = await Watcher.start(
    {
      inventory,
      knownHosts: new KnownHosts(join(directory, 'known-hosts.json')),
      concurrency: 4,
      syslog: null,
      traps: null,
      pollAtStart: false,
    },
    publishingSinks(storeSinks(storage, log, { polls: 0, failedPolls: 0, events: 0 }), bus),
  );
  await Promise.all(inventory.devices.map((device) => watcher.pollNow(device.name)));
  api = await startApi({
    port: 0,
    state: storage.state,
    reader: storage.reader,
    bus,
    poller: watcher,
    tokens: TEST_TOKENS,
  });
  operator = new DmvpnApi(bearerTransport(api.url, OPERATOR), instant);
});

afterAll(async () => {
  await api?.close();
  await watcher?.stop();
  await storage?.close();
  await running?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('the datasource over a watched lab', () => {
  it('draws the healthy network as Node Graph frames: every node and tunnel green', async () => {
    const [nodes, edges] = await frames({ kind: 'topology' });
    for (const frame of [nodes!, edges!]) expect(frame.meta?.preferredVisualisationType).toBe('nodeGraph');
    expect(nodes!.name).toBe('nodes');
    expect(nodes!.fields.map((field) => field.name)).toEqual([
      'id',
      'title',
      'subtitle',
      'mainstat',
      'secondarystat',
      'color',
      'arc__up',
      'arc__halfway',
      'arc__down',
      'detail__role',
      'detail__nbma',
      'detail__tunnel',
    ]);
    expect(edges!.name).toBe('edges');
    expect(edges!.fields.map((field) => field.name)).toEqual([
      'id',
      'source',
      'target',
      'mainstat',
      'secondarystat',
      'color',
      'detail__ends',
    ]);
    expect([...column(nodes!, 'id')].sort()).toEqual(['hub1', 'spoke1', 'spoke2', 'spoke3']);
    expect(column(edges!, 'id')).toEqual(['hub1~spoke1', 'hub1~spoke2', 'hub1~spoke3']);
    expect(nodes!.length).toBe(4);
    expect(edges!.length).toBe(3);
    const ids = new Set(column(nodes!, 'id'));
    for (const end of [...column(edges!, 'source'), ...column(edges!, 'target')]) expect(ids).toContain(end);
    expect(nodes!.fields.find((field) => field.name === 'mainstat')!.type).toBe(FieldType.number);
    expect(byId(nodes!, 'mainstat')).toEqual({ hub1: 3, spoke1: 1, spoke2: 1, spoke3: 1 });
    expect(new Set(column(nodes!, 'color'))).toEqual(new Set([COLORS.green]));
    expect(new Set(column(edges!, 'color'))).toEqual(new Set([COLORS.green]));
    expect(new Set(column(edges!, 'mainstat'))).toEqual(new Set(['UP']));
    expect(byId(nodes!, 'subtitle').hub1).toMatch(/^hub \d+\.\d+\.\d+\.\d+/);
  });

  it('colours a tunnel that goes down red, its spoke red and its hub orange, and annotates the edge', async () => {
    running.lab.injectFault('tunnel-admin-down', 'spoke1');
    await watcher.pollNow('spoke1');
    const [nodes, edges] = await frames({ kind: 'topology' });
    expect(byId(edges!, 'color')).toEqual({
      'hub1~spoke1': COLORS.red,
      'hub1~spoke2': COLORS.green,
      'hub1~spoke3': COLORS.green,
    });
    expect(byId(nodes!, 'color')).toMatchObject({
      hub1: COLORS.orange,
      spoke1: COLORS.red,
      spoke2: COLORS.green,
    });
    expect(byId(nodes!, 'arc__up').hub1).toBeCloseTo(2 / 3);
    expect((byId(nodes!, 'arc__up').hub1 as number) + (byId(nodes!, 'arc__down').hub1 as number)).toBeCloseTo(
      1,
    );
    expect(byId(nodes!, 'secondarystat')).toMatchObject({ hub1: 1, spoke1: 1, spoke2: 0 });

    const [events] = await frames({ kind: 'events', device: 'spoke1' });
    expect(events!.fields.slice(0, 4).map((field) => [field.name, field.type])).toEqual([
      ['time', FieldType.time],
      ['title', FieldType.string],
      ['text', FieldType.string],
      ['tags', FieldType.other],
    ]);
    const row = column(events!, 'to').indexOf('INTF');
    expect(row).toBeGreaterThanOrEqual(0);
    expect(column(events!, 'device')[row]).toBe('spoke1');
    expect(column(events!, 'title')[row]).toMatch(/^spoke1 Tunnel\S+: UP -> INTF$/);
    expect(column(events!, 'tags')[row]).toEqual(['spoke1', 'INTF', 'poll']);
    expect(column(events!, 'time')[row]).toBeGreaterThanOrEqual(startedAt);
    expect(new Set(column(events!, 'device'))).toEqual(new Set(['spoke1']));
  });

  it('runs a diagnosis, waits for its report and shows its ranked findings, then the recorded ones', async () => {
    const [diagnosis] = await frames({ kind: 'diagnose', devices: 'spoke1' });
    expect(diagnosis!.name).toBe('diagnosis');
    expect(diagnosis!.length).toBeGreaterThan(0);
    expect(column(diagnosis!, 'rank')[0]).toBe(1);
    expect(column(diagnosis!, 'device')).toContain('spoke1');
    const diagnosed = column(diagnosis!, 'rule').filter(
      (_, row) => column(diagnosis!, 'device')[row] === 'spoke1',
    );

    const [findings] = await frames({ kind: 'findings', device: 'spoke1', state: 'active' });
    expect(findings!.meta?.preferredVisualisationType).toBe('table');
    expect(findings!.fields.map((field) => field.name)).toEqual([
      'last seen',
      'severity',
      'device',
      'interface',
      'peer',
      'layer',
      'rule',
      'title',
      'explanation',
      'remediation',
      'evidence',
      'since',
      'cleared',
    ]);
    expect([...column(findings!, 'rule')].sort()).toEqual([...diagnosed].sort());
    expect(new Set(column(findings!, 'cleared'))).toEqual(new Set([null]));
    expect(column(findings!, 'evidence').every((text) => /spoke1 show .+ #\d+: /.test(text as string))).toBe(
      true,
    );
    const severity = findings!.fields.find((field) => field.name === 'severity')!;
    expect(severity.config.mappings?.[0]?.options).toMatchObject({ critical: { color: COLORS.red } });

    const [cleared] = await frames({ kind: 'findings', device: 'spoke1', state: 'cleared' });
    expect(cleared!.length).toBe(0);
  });

  it('passes on the API refusal of a live diagnosis for a viewer token', async () => {
    const viewer = new DmvpnApi(bearerTransport(api.url, VIEWER), instant);
    await expect(frames({ kind: 'diagnose', devices: 'spoke2' }, viewer)).rejects.toThrow(
      /403: live diagnosis .* needs the operator role/,
    );
  });

  it('answers a panel through module.js and the proxy route of its plugin.json', async () => {
    const outDir = join(directory, 'plugin');
    await bundleDatasource({ sourceDir: dirname(fileURLToPath(import.meta.url)), outDir, version: '0.0.1' });
    const react = realReact();
    const data = grafanaData();
    const proxy = grafanaProxy(outDir, {
      jsonData: { apiUrl: api.url },
      secureJsonData: { apiToken: VIEWER },
    });
    const { exports } = loadAmd(readFileSync(join(outDir, 'module.js'), 'utf8'), {
      react,
      '@grafana/data': data,
      '@grafana/runtime': grafanaRuntimeStandIn(proxy),
      '@grafana/ui': grafanaUiStandIn(react),
    });
    const plugin = exports.plugin as InstanceType<typeof data.DataSourcePlugin>;
    const datasource = new plugin.DataSourceClass({
      uid: 'dmvpn',
      url: '/api/datasources/proxy/uid/dmvpn',
      jsonData: { apiUrl: api.url },
      meta: {},
    } as never);
    const response = await datasource.query({
      targets: [
        { refId: 'T', kind: 'topology' },
        { refId: 'F', kind: 'findings', device: 'spoke1' },
        { refId: 'H', kind: 'findings', hide: true },
      ],
      range: { from: data.dateTime(window().from), to: data.dateTime(window().to) },
      scopedVars: {},
    } as never);
    const answered = 'data' in response ? response.data : [];
    expect(answered.map((frame: DataFrame) => `${frame.refId} ${frame.name}`)).toEqual([
      'T nodes',
      'T edges',
      'F findings',
    ]);
    expect(answered[2].length).toBeGreaterThan(0);
    expect(await datasource.testDatasource()).toEqual({
      status: 'success',
      message: 'dmvpn-watch answers: 4 devices in its inventory',
    });

    const denied = loadAmd(readFileSync(join(outDir, 'module.js'), 'utf8'), {
      react,
      '@grafana/data': data,
      '@grafana/runtime': grafanaRuntimeStandIn(
        grafanaProxy(outDir, { jsonData: { apiUrl: api.url }, secureJsonData: { apiToken: 'not-a-token' } }),
      ),
      '@grafana/ui': grafanaUiStandIn(react),
    }).exports.plugin as typeof plugin;
    const refused = new denied.DataSourceClass({ url: '/api/datasources/proxy/uid/x', meta: {} } as never);
    expect(await refused.testDatasource()).toEqual({
      status: 'error',
      message: 'dmvpn-watch API 401: unknown bearer token',
    });
  });
});
