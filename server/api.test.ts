// The REST API over a state store filled from what a lab's routers print: auth, validation, devices, topology,
// findings, tunnel events, time series, offline diagnosis of pasted output, metrics and the OpenAPI document.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveLab } from '../lab/live/live-lab.js';
import type { LiveLab } from '../lab/live/types.js';
import type { Finding } from '../model/finding.js';
import type { SqliteStateStore } from '../storage/sqlite/sqlite-state-store.js';
import { SqliteTimeSeriesStore } from '../storage/sqlite/sqlite-time-series-store.js';
import { EventBus } from './event-bus.js';
import { openApiPath } from './openapi.js';
import { startApi, type RunningApi } from './start-api.js';
import { call, labStateStore, OPERATOR, TEST_TOKENS, VIEWER } from './test-support.js';

const NOW = Date.now();
let directory: string;
let lab: LiveLab;
let state: SqliteStateStore;
let series: SqliteTimeSeriesStore;
let api: RunningApi;
let bare: RunningApi;

const finding = (rule: string, severity: Finding['severity'], layer: Finding['layer']): Finding => ({
  rule,
  severity,
  layer,
  device: 'spoke2',
  interface: 'Tunnel0',
  title: `${rule} on spoke2`,
  explanation: 'test',
  evidence: [{ device: 'spoke2', command: 'show dmvpn', line: 12, text: '1 203.0.113.1 10.0.0.1 NHRP' }],
  remediation: 'fix it',
  since: NOW - 60_000,
});

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'api-'));
  lab = createLiveLab(
    { spokes: 4, phase: 3 },
    { faults: ['nhrp-auth-mismatch@spoke2'], startWallMs: NOW - 900_000 },
  );
  state = labStateStore(lab, join(directory, 'state.db'), NOW);
  state.recordDiagnosis(
    'spoke2',
    [finding('nhrp-registration-failing', 'critical', 'nhrp'), finding('ipsec-counters', 'minor', 'ipsec')],
    NOW - 30_000,
  );
  state.recordDiagnosis('spoke2', [finding('nhrp-registration-failing', 'critical', 'nhrp')], NOW - 10_000);
  state.addTunnelEvents([
    {
      device: 'hub1',
      interface: 'Tunnel0',
      peer: '198.18.0.2',
      from: 'UP',
      to: 'IKE',
      at: NOW - 20_000,
      source: 'poll',
    },
    {
      device: 'spoke1',
      interface: 'Tunnel0',
      peer: '203.0.113.1',
      from: 'UP',
      to: 'DOWN',
      at: NOW - 9_000,
      source: 'syslog',
    },
    {
      device: 'spoke1',
      interface: 'Tunnel0',
      peer: '203.0.113.1',
      from: 'DOWN',
      to: 'UP',
      at: NOW - 5_000,
      source: 'trap',
    },
  ]);
  series = new SqliteTimeSeriesStore({ path: join(directory, 'series.db'), retentionDays: 1 });
  await series.write([
    {
      measurement: 'dmvpn_peer',
      tags: {
        device: 'hub1',
        role: 'hub',
        interface: 'Tunnel0',
        peer_nbma: '198.18.0.1',
        peer_tunnel: '10.0.0.12',
      },
      fields: { state: 'UP', up: 1 },
      time: NOW - 60_000,
    },
    {
      measurement: 'dmvpn_peer',
      tags: {
        device: 'hub1',
        role: 'hub',
        interface: 'Tunnel0',
        peer_nbma: '198.18.0.1',
        peer_tunnel: '10.0.0.12',
      },
      fields: { state: 'NHRP', up: 0 },
      time: NOW - 30_000,
    },
  ]);
  await series.flush();
  const common = {
    host: '127.0.0.1',
    port: 0,
    state,
    bus: new EventBus(),
    poller: null,
    tokens: TEST_TOKENS,
  };
  api = await startApi({ ...common, reader: series, actionsPerMinute: 3 });
  bare = await startApi({ ...common, reader: null });
});

afterAll(async () => {
  await api?.close();
  await bare?.close();
  await series?.close();
  state?.close();
  lab?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('authentication and roles', () => {
  it('answers 401 without a token and with an unknown one, without echoing it', async () => {
    const missing = await call(api.url, '/api/devices');
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatch(/missing bearer token/);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await call(api.url, '/api/devices', { token: 'not-a-token-xyz' });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain('not-a-token-xyz');
  });

  it('refuses a viewer on operator routes with 403, and live diagnosis too', async () => {
    const poll = await call(api.url, '/api/poll/spoke1', { token: VIEWER, method: 'POST' });
    expect(poll.status).toBe(403);
    expect(poll.body.error).toMatch(/operator role/);
    const live = await call(api.url, '/api/diagnose', { token: VIEWER, body: { devices: ['spoke1'] } });
    expect(live.status).toBe(403);
  });

  it('leaves /health and the OpenAPI document open', async () => {
    const health = await call(api.url, '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      devices: 5,
      collectors: false,
      timeSeriesQueries: true,
    });
    expect((await call(api.url, '/api/openapi.json')).status).toBe(200);
  });

  it('answers 503 for polls when the server has no collectors', async () => {
    const poll = await call(api.url, '/api/poll/spoke1', { token: OPERATOR, method: 'POST' });
    expect(poll.status).toBe(503);
    expect(poll.body.error).toMatch(/without a watcher/);
  });
});

describe('validation', () => {
  it('names the field of a bad query, body or path', async () => {
    const limit = await call(api.url, '/api/tunnel-events?limit=0', { token: VIEWER });
    expect(limit.status).toBe(400);
    expect(limit.body).toMatchObject({ field: 'query.limit', error: 'query.limit: must be at least 1' });
    const severity = await call(api.url, '/api/findings?severity=urgent', { token: VIEWER });
    expect(severity.body.field).toBe('query.severity');
    const unknown = await call(api.url, '/api/findings?colour=red', { token: VIEWER });
    expect(unknown.body).toMatchObject({ field: 'query.colour', error: 'query.colour: unknown field' });
    const both = await call(api.url, '/api/diagnose', { token: OPERATOR, body: { all: true, text: 'x' } });
    expect(both.status).toBe(400);
    expect(both.body.field).toBe('body.text');
    const none = await call(api.url, '/api/diagnose', { token: VIEWER, body: {} });
    expect(none.body.error).toMatch(/send one of devices/);
    const name = await call(api.url, '/api/devices/spoke 1', { token: VIEWER });
    expect(name.body.field).toBe('path.name');
    const time = await call(api.url, '/api/tunnel-events?from=yesterday', { token: VIEWER });
    expect(time.body.error).toMatch(/^query.from: must be milliseconds since the epoch or an ISO 8601/);
  });

  it('answers malformed JSON, unknown routes and wrong methods clearly', async () => {
    const response = await fetch(`${api.url}/api/diagnose`, {
      method: 'POST',
      headers: { authorization: `Bearer ${VIEWER}`, 'content-type': 'application/json' },
      body: '{"text": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'body: not valid JSON' });
    expect((await call(api.url, '/api/nothing', { token: VIEWER })).status).toBe(404);
    const method = await call(api.url, '/api/topology', { token: VIEWER, method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET');
  });
});

describe('reading the network', () => {
  it('lists the devices and gives a snapshot with parsed tables per command', async () => {
    const devices = await call(api.url, '/api/devices', { token: VIEWER });
    expect(devices.body.map((d: { name: string }) => d.name)).toEqual([
      'hub1',
      'spoke1',
      'spoke2',
      'spoke3',
      'spoke4',
    ]);
    expect(devices.body.find((d: { name: string }) => d.name === 'spoke2')).toMatchObject({
      role: 'spoke',
      collectedAt: NOW,
      errors: [],
      activeFindings: 1,
    });
    const snapshot = await call(api.url, '/api/devices/hub1/snapshot?command=show%20dmvpn&raw=true', {
      token: VIEWER,
    });
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.outputs).toHaveLength(1);
    expect(
      snapshot.body.outputs[0].records.filter((r: { kind: string }) => r.kind === 'dmvpn_peer'),
    ).toHaveLength(4);
    expect(snapshot.body.outputs[0].raw).toContain('Type:Hub');
    const missing = await call(api.url, '/api/devices/spoke9/snapshot', { token: VIEWER });
    expect(missing).toMatchObject({ status: 404, body: { error: 'no device named "spoke9"' } });
  });

  it('draws the topology: a static edge per spoke, a dynamic one per shortcut, each with both ends', async () => {
    const { body } = await call(api.url, '/api/topology', { token: VIEWER });
    expect(body.nodes.map((n: { id: string; role: string }) => `${n.id}:${n.role}`)).toEqual([
      'hub1:hub',
      'spoke1:spoke',
      'spoke2:spoke',
      'spoke3:spoke',
      'spoke4:spoke',
    ]);
    expect(body.nodes[0].nbma).toEqual(['203.0.113.1']);
    const edges = body.edges.map(
      (e: { id: string; kind: string; state: string; up: boolean; ends: unknown[] }) => [
        e.id,
        e.kind,
        e.state,
        e.up,
        e.ends.length,
      ],
    );
    expect(edges).toEqual([
      ['hub1~spoke1', 'static', 'UP', true, 2],
      // The hub lists spoke2 in IKE, spoke2 lists the hub in NHRP: the edge takes the state furthest from up.
      ['hub1~spoke2', 'static', 'IKE', false, 2],
      ['hub1~spoke3', 'static', 'UP', true, 2],
      ['hub1~spoke4', 'static', 'UP', true, 2],
      ['spoke3~spoke4', 'dynamic', 'UP', true, 2],
    ]);
    const spoke2 = body.edges.find((e: { id: string }) => e.id === 'hub1~spoke2');
    expect(spoke2.ends.map((end: { device: string; state: string }) => `${end.device} ${end.state}`)).toEqual(
      ['hub1 IKE', 'spoke2 NHRP'],
    );
  });

  it('filters findings: active, history, severity, layer, device', async () => {
    const get = async (query: string) =>
      (await call(api.url, `/api/findings${query}`, { token: VIEWER })).body.map(
        (f: { rule: string }) => f.rule,
      );
    expect(await get('?active=true')).toEqual(['nhrp-registration-failing']);
    expect(await get('?active=false')).toEqual(['ipsec-counters']);
    expect((await get('')).sort()).toEqual(['ipsec-counters', 'nhrp-registration-failing']);
    expect(await get('?severity=minor')).toEqual(['ipsec-counters']);
    expect(await get('?layer=nhrp&device=spoke2')).toEqual(['nhrp-registration-failing']);
    expect(await get('?device=spoke1')).toEqual([]);
    const [cleared] = (await call(api.url, '/api/findings?active=false', { token: VIEWER })).body;
    expect(cleared.clearedAt).toBe(NOW - 10_000);
  });

  it('filters tunnel events and keeps the most recent within the limit', async () => {
    const get = async (query: string) =>
      (await call(api.url, `/api/tunnel-events${query}`, { token: VIEWER })).body.map(
        (e: { device: string; to: string }) => `${e.device}:${e.to}`,
      );
    expect(await get('')).toEqual(['hub1:IKE', 'spoke1:DOWN', 'spoke1:UP']);
    expect(await get('?device=spoke1&limit=1')).toEqual(['spoke1:UP']);
    expect(await get(`?from=${new Date(NOW - 10_000).toISOString()}`)).toEqual(['spoke1:DOWN', 'spoke1:UP']);
    expect(await get('?peer=198.18.0.2')).toEqual(['hub1:IKE']);
  });

  it('queries a tunnel time series (range and latest), and says 501 when the store cannot', async () => {
    const base = '/api/series?measurement=dmvpn_peer&device=hub1&interface=Tunnel0&peer=198.18.0.1';
    const range = await call(api.url, `${base}&from=${NOW - 120_000}&fields=up`, { token: VIEWER });
    expect(range.status).toBe(200);
    expect(range.body.samples.map((s: { fields: { up: number } }) => s.fields.up)).toEqual([1, 0]);
    const latest = await call(api.url, base, { token: VIEWER });
    expect(latest.body.samples).toHaveLength(1);
    expect(latest.body.samples[0].fields).toMatchObject({ state: 'NHRP', up: 0 });
    const noPeer = await call(api.url, '/api/series?measurement=dmvpn_summary&device=hub1&peer=x', {
      token: VIEWER,
    });
    expect(noPeer.body).toMatchObject({ field: 'query.peer' });
    const unavailable = await call(bare.url, base, { token: VIEWER });
    expect(unavailable.status).toBe(501);
    expect(unavailable.body.error).toMatch(/InfluxDB 2\.x/);
  });
});

describe('offline diagnosis and limits', () => {
  it('diagnoses pasted router output without touching a router, for a viewer', async () => {
    let text = '';
    for (const [device, commands] of [
      ['hub1', ['show dmvpn', 'show ip nhrp traffic']],
      ['spoke2', ['show dmvpn', 'show ip nhrp nhs detail', 'show crypto isakmp sa']],
    ] as const)
      for (const command of commands) text += `${device}#${command}\n${lab.run(device, command)}\n`;
    const run = await call(bare.url, '/api/diagnose', { token: VIEWER, body: { text } });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ kind: 'offline', status: 'done', devices: ['hub1', 'spoke2'] });
    expect(run.body.report.findings.length).toBeGreaterThan(0);
    expect(run.body.report.findings[0]).toMatchObject({ device: 'spoke2', layer: 'nhrp' });
    const again = await call(bare.url, `/api/diagnose/${run.body.id}`, { token: VIEWER });
    expect(again.body.report.findings).toEqual(run.body.report.findings);
    // Pasted output is not this network's state: nothing is recorded.
    expect(state.findings({ device: 'hub1' })).toEqual([]);
    const unreadable = await call(bare.url, '/api/diagnose', { token: VIEWER, body: { text: 'hello' } });
    expect(unreadable.body).toMatchObject({ field: 'body.text' });
  });

  it('limits polls and diagnoses per token with 429 and Retry-After', async () => {
    const body = { text: `spoke1#show dmvpn\n${lab.run('spoke1', 'show dmvpn')}\n` };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call(api.url, '/api/diagnose', { token: VIEWER, body })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(api.url, '/api/diagnose', { token: VIEWER, body });
    expect(limited.body.error).toMatch(/3 times a minute per token/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another token has its own allowance.
    expect((await call(api.url, '/api/diagnose', { token: OPERATOR, body })).status).toBe(200);
  });
});

describe('metrics and the document', () => {
  it('exports the server metrics and the latest DMVPN state, one series per peer', async () => {
    const metrics = await call(api.url, '/metrics', { token: VIEWER });
    expect(metrics.status).toBe(200);
    const text = metrics.body as string;
    expect(text).toContain('# TYPE dmvpn_peer_up gauge');
    expect(text).toMatch(
      /dmvpn_peer_up\{device="hub1",role="hub",interface="Tunnel0",peer_nbma="198.18.0.1",peer_tunnel="10.0.0.12",peer_type="dynamic"\} 1/,
    );
    expect(text).toMatch(/nhrp_nhs_up\{device="spoke2",[^}]*\} 0/);
    expect(text).toMatch(/ike_sa_up\{device="spoke1",[^}]*\} 1/);
    expect(text).toContain('# TYPE ipsec_sa_pkts_encaps_total counter');
    expect(text).toContain('dmvpn_watch_active_findings{severity="critical"} 1');
    expect(text).toContain('dmvpn_watch_store_backlog_batches 0');
    const peerSeries = text.split('\n').filter((line) => line.startsWith('dmvpn_peer_up{'));
    // hub1 lists 4 spokes, each spoke its hub, spoke3 and spoke4 their shortcut.
    expect(peerSeries).toHaveLength(4 + 4 + 2);
    expect((await call(api.url, '/metrics')).status).toBe(401);
  });

  it('documents every route it serves, with its parameters, body and responses', async () => {
    const { body: document } = await call(api.url, '/api/openapi.json');
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations as object).map((method) => `${method} ${path}`),
    );
    const served = api.routes.map((route) => `${route.method} ${openApiPath(route.path)}`);
    expect(documented.sort()).toEqual(served.sort());
    for (const path of [
      'get /health',
      'get /metrics',
      'get /api/devices',
      'get /api/devices/{name}/snapshot',
      'get /api/topology',
      'get /api/findings',
      'get /api/tunnel-events',
      'get /api/series',
      'post /api/diagnose',
      'get /api/diagnose/{id}',
      'post /api/poll/{name}',
      'get /api/events',
    ])
      expect(documented).toContain(path);
    const findings = document.paths['/api/findings'].get;
    expect(findings.parameters.map((p: { name: string }) => p.name)).toEqual([
      'device',
      'active',
      'severity',
      'layer',
      'rule',
      'since',
      'limit',
    ]);
    expect(findings.security).toEqual([{ bearer: [] }]);
    const diagnose = document.paths['/api/diagnose'].post;
    expect(Object.keys(diagnose.requestBody.content['application/json'].schema.properties)).toEqual([
      'devices',
      'all',
      'text',
      'device',
      'minSeverity',
    ]);
    expect(Object.keys(diagnose.responses)).toEqual(['200', '202', '400', '401', '403', '404', '429', '503']);
    expect(Object.keys(document.paths['/api/poll/{name}'].post.responses)).toContain('401');
    for (const [path, operations] of Object.entries(document.paths))
      for (const operation of Object.values(operations as Record<string, { responses: object }>))
        expect(Object.keys(operation.responses).length, path).toBeGreaterThan(0);
  });
});
