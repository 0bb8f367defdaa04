// Alerting against real HTTP receivers on loopback: a webhook that fails then recovers gets the notification on a
// retry; Slack and Alertmanager get their own shapes; notifications queued while a receiver is down survive a
// restart of the alerting, and the alert fires only once across it.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../model/finding.js';
import { SqliteStateStore } from '../../storage/sqlite/sqlite-state-store.js';
import { EventBus } from '../event-bus.js';
import { startApi } from '../start-api.js';
import { call, TEST_TOKENS, VIEWER } from '../test-support.js';
import { Alerting } from './alerting.js';
import { alertingRoutes } from './routes.js';
import { alertingConfigSchema } from './config.js';

interface Received {
  path: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** An HTTP receiver that answers each request with the next status of `statuses` (the last one repeats). */
async function receiver(
  statuses: number[],
  port = 0,
): Promise<{ url: string; port: number; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let answered = 0;
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(text) });
      res.statusCode = statuses[Math.min(answered++, statuses.length - 1)]!;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${bound}`, port: bound, received, server };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const finding: Finding = {
  rule: 'nhrp-auth-mismatch',
  severity: 'critical',
  layer: 'nhrp',
  device: 'spoke7',
  interface: 'Tunnel0',
  title: 'NHRP authentication mismatch',
  explanation: 'The hub drops the registrations of spoke7.',
  evidence: [{ device: 'hub1', command: 'show ip nhrp traffic', line: 4, text: 'Auth failures: 12' }],
  remediation: 'Set the same ip nhrp authentication string on both ends.',
  since: Date.now() - 60_000,
};

let directory: string;
let state: SqliteStateStore;
const servers: Server[] = [];
const log = pino({ level: 'silent' });

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'alerting-'));
  state = new SqliteStateStore(join(directory, 'state.db'));
  state.upsertDevice({ name: 'spoke7', role: 'spoke', address: '127.0.0.1' });
});

afterEach(async () => {
  state.close();
  await Promise.all(servers.splice(0).map(close));
  rmSync(directory, { recursive: true, force: true });
});

function config(receivers: unknown[]) {
  return alertingConfigSchema.parse({
    evaluateSeconds: 3600,
    receivers,
    rules: [{ name: 'critical', minSeverity: 'critical' }],
    retry: { initialSeconds: 0.05, maxSeconds: 0.2 },
  });
}

describe('alerting over HTTP', () => {
  it('retries a webhook that answers 500, then delivers the same alert once it answers 200', async () => {
    const hook = await receiver([500, 500, 200]);
    servers.push(hook.server);
    state.recordDiagnosis('spoke7', [finding], Date.now());
    const alerting = new Alerting({
      config: config([{ name: 'noc', kind: 'webhook', url: `${hook.url}/hook` }]),
      state,
      file: join(directory, 'alerting.json'),
      log,
    }).start();
    alerting.evaluate();
    await until(() => alerting.pending().noc === 0);
    expect(hook.received).toHaveLength(3);
    expect(hook.received[2]!.body).toEqual(hook.received[0]!.body);
    expect(hook.received[2]!.body).toMatchObject({
      receiver: 'noc',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'critical',
            fault: 'nhrp-auth-mismatch',
            device: 'spoke7',
            severity: 'critical',
          },
          annotations: { summary: 'spoke7: NHRP authentication mismatch' },
          startsAt: new Date(finding.since).toISOString(),
          endsAt: null,
        },
      ],
    });
    alerting.evaluate();
    expect(alerting.pending().noc).toBe(0);

    state.recordDiagnosis('spoke7', [], Date.now());
    alerting.evaluate();
    await until(() => hook.received.length === 4);
    expect(hook.received[3]!.body.alerts[0]).toMatchObject({
      status: 'resolved',
      endsAt: expect.any(String),
    });
    await alerting.stop();
  });

  it('writes Slack text and posts to the Alertmanager v2 API with startsAt and endsAt', async () => {
    const slack = await receiver([200]);
    const manager = await receiver([200]);
    servers.push(slack.server, manager.server);
    state.recordDiagnosis('spoke7', [finding], Date.now());
    const alerting = new Alerting({
      config: config([
        { name: 'chat', kind: 'slack', url: `${slack.url}/services/T000/B000/XXX` },
        { name: 'am', kind: 'alertmanager', url: manager.url },
      ]),
      state,
      file: join(directory, 'alerting.json'),
      log,
    }).start();
    alerting.evaluate();
    await until(() => slack.received.length === 1 && manager.received.length === 1);
    expect(slack.received[0]!.body.text).toMatch(
      /FIRING\* \[critical\] critical: spoke7: NHRP authentication/,
    );
    expect(manager.received[0]!.path).toBe('/api/v2/alerts');
    expect(manager.received[0]!.body).toEqual([
      {
        labels: expect.objectContaining({ alertname: 'critical', device: 'spoke7' }),
        annotations: expect.objectContaining({ remediation: finding.remediation }),
        startsAt: new Date(finding.since).toISOString(),
      },
    ]);
    state.recordDiagnosis('spoke7', [], Date.now());
    alerting.evaluate();
    await until(() => manager.received.length === 2 && slack.received.length === 2);
    expect(manager.received[1]!.body[0].endsAt).toEqual(expect.any(String));
    expect(slack.received[1]!.body.text).toMatch(/RESOLVED/);
    await alerting.stop();
  });

  it('keeps the notifications for a receiver that is down across a restart, and fires only once', async () => {
    // A port that was free a moment ago: connections to it are refused until the receiver comes up on it.
    const probe = await receiver([200]);
    const port = probe.port;
    await close(probe.server);
    const file = join(directory, 'alerting.json');
    const receivers = [{ name: 'noc', kind: 'webhook', url: `http://127.0.0.1:${port}/hook` }];
    state.recordDiagnosis('spoke7', [finding], Date.now());

    const first = new Alerting({ config: config(receivers), state, file, log }).start();
    first.evaluate();
    await until(() => first.alerts().length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(first.pending().noc).toBe(1);
    await first.stop();

    const hook = await receiver([200], port);
    servers.push(hook.server);
    const second = new Alerting({ config: config(receivers), state, file, log }).start();
    await until(() => hook.received.length === 1);
    second.evaluate();
    await until(() => second.pending().noc === 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.body.alerts[0].labels.device).toBe('spoke7');
    await second.stop();
  });

  it('shows its alerts, silences and receivers at GET /api/alerts', async () => {
    state.recordDiagnosis('spoke7', [finding], Date.now());
    const alerting = new Alerting({
      config: alertingConfigSchema.parse({
        evaluateSeconds: 3600,
        receivers: [{ name: 'noc', kind: 'webhook', url: 'http://127.0.0.1:9/hook' }],
        rules: [{ name: 'critical', minSeverity: 'critical' }],
        silences: [
          {
            matchers: { device: 'spoke7' },
            startsAt: new Date(Date.now() - 60_000).toISOString(),
            endsAt: new Date(Date.now() + 3_600_000).toISOString(),
            comment: 'router swap',
          },
        ],
      }),
      state,
      file: join(directory, 'alerting.json'),
      log,
    });
    alerting.evaluate();
    const api = await startApi({
      port: 0,
      state,
      reader: null,
      bus: new EventBus(),
      poller: null,
      tokens: TEST_TOKENS,
      moreRoutes: alertingRoutes(alerting),
    });
    try {
      const { status, body } = await call(api.url, '/api/alerts', { token: VIEWER });
      expect(status).toBe(200);
      expect(body.alerts).toEqual([
        expect.objectContaining({ rule: 'critical', status: 'firing', silenced: true, since: finding.since }),
      ]);
      expect(body.silences[0].comment).toBe('router swap');
      expect(body.receivers).toEqual([{ name: 'noc', pending: 0, lastError: null }]);
      const document = (await call(api.url, '/api/openapi.json')).body;
      expect(Object.keys(document.paths)).toContain('/api/alerts');
    } finally {
      await api.close();
      await alerting.stop();
    }
  });
});
