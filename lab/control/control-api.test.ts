// The control API of a running lab, over real HTTP on a free port.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from './run-lab.js';
import { controlFilePath, readControlFile } from './state-file.js';

let running: RunningLab;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dmvpn-lab-control-'));
  running = await startLab({ network: { spokes: 3 }, dataDir });
});

afterAll(async () => {
  await running?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function api(method: string, path: string, body?: unknown, token = running.token): Promise<Answer> {
  const response = await fetch(running.controlUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface Summary {
  peers: number;
  peerStates: Record<string, number>;
  faults: { id: string; target: string }[];
  uptimeSeconds: number;
}

const state = async (router: string) =>
  (await api('GET', `/routers/${router}/state`)).body as unknown as Summary;

describe('the control API', () => {
  it('listens on 127.0.0.1 and keeps its URL and token in a file only its owner reads', () => {
    expect(running.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(readControlFile(dataDir)).toMatchObject({
      url: running.controlUrl,
      token: running.token,
      pid: process.pid,
    });
    expect(statSync(controlFilePath(dataDir)).mode & 0o077).toBe(0);
  });

  it('requires the bearer token', async () => {
    const anonymous = await fetch(`${running.controlUrl}/routers`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toMatch(/Authorization: Bearer/);
    expect((await api('POST', '/faults', { id: 'nhrp-auth-mismatch' }, 'not-the-token')).status).toBe(401);
    expect(running.lab.faults()).toEqual([]);
  });

  it('lists how to reach every router', async () => {
    const { status, body } = await api('GET', '/routers');
    expect(status).toBe(200);
    const routers = body.routers as { hostname: string; role: string; ssh: { port: number } }[];
    expect(routers.map((router) => router.hostname)).toEqual(['hub1', 'spoke1', 'spoke2', 'spoke3']);
    expect(routers.map((router) => router.role)).toEqual(['hub', 'spoke', 'spoke', 'spoke']);
    expect(new Set(routers.map((router) => router.ssh.port)).size).toBe(4);
    expect(routers).toEqual(running.access);
  });

  it('shows an injected fault in the router state, and clears it', async () => {
    await api('POST', '/clock', { advanceSeconds: 300 });
    const healthy = await state('spoke1');
    expect(healthy.peers).toBeGreaterThan(0);
    expect(healthy.peerStates.UP).toBe(healthy.peers);

    const injected = await api('POST', '/faults', { id: 'nhrp-auth-mismatch', target: 'spoke1' });
    expect(injected.status).toBe(201);
    expect(injected.body.injected).toEqual({ id: 'nhrp-auth-mismatch', target: 'spoke1' });
    await api('POST', '/clock', { advanceSeconds: 600 });
    const broken = await state('spoke1');
    expect(broken.peerStates.UP).toBeLessThan(broken.peers);
    expect(broken.faults).toEqual([{ id: 'nhrp-auth-mismatch', target: 'spoke1' }]);

    const faults = await api('GET', '/faults');
    expect(faults.body.injected).toEqual([{ id: 'nhrp-auth-mismatch', target: 'spoke1' }]);
    expect((faults.body.catalogue as { id: string }[]).map((fault) => fault.id)).toContain(
      'tunnel-key-mismatch',
    );

    const cleared = await api('DELETE', '/faults/nhrp-auth-mismatch?target=spoke1');
    expect(cleared).toMatchObject({
      status: 200,
      body: { cleared: [{ id: 'nhrp-auth-mismatch', target: 'spoke1' }] },
    });
    expect(await api('DELETE', '/faults/nhrp-auth-mismatch?target=spoke1')).toMatchObject({
      status: 404,
      body: { error: 'fault nhrp-auth-mismatch is not injected on spoke1' },
    });
  });

  it('answers a malformed call with 400 naming what is wrong', async () => {
    expect(await api('POST', '/faults', '{"id": ')).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('not valid JSON') },
    });
    expect(await api('POST', '/faults', {})).toMatchObject({ status: 400, body: { field: 'id' } });
    expect(await api('POST', '/faults', { id: 7 })).toMatchObject({ status: 400, body: { field: 'id' } });
    expect(await api('POST', '/faults', { id: 'nhrp-auth-mismatch', extra: 1 })).toMatchObject({
      status: 400,
      body: { field: 'extra' },
    });
    expect(await api('POST', '/faults', { id: 'no-such-fault' })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('unknown fault "no-such-fault"'), field: 'id' },
    });
    expect(await api('POST', '/clock', {})).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('advanceSeconds, speed or both') },
    });
    expect(await api('POST', '/clock', { speed: -1 })).toMatchObject({
      status: 400,
      body: { field: 'speed' },
    });
    expect(await api('POST', '/routers/spoke2/flap', { periodSeconds: 10, downSeconds: 30 })).toMatchObject({
      status: 400,
      body: { field: 'downSeconds' },
    });
    expect(await api('POST', '/clock', [1, 2])).toMatchObject({ status: 400 });
    expect(await api('GET', '/nowhere')).toMatchObject({ status: 404 });
  });

  it('answers 404 naming a router that does not exist', async () => {
    for (const [method, path] of [
      ['GET', '/routers/spoke99/state'],
      ['POST', '/routers/spoke99/reboot'],
      ['DELETE', '/routers/spoke99/flap'],
    ] as const) {
      expect(await api(method, path)).toMatchObject({
        status: 404,
        body: { error: 'no router named spoke99 in this lab' },
      });
    }
    expect(await api('POST', '/faults', { id: 'nhrp-auth-mismatch', target: 'spoke99' })).toMatchObject({
      status: 404,
      body: { error: 'no router named spoke99 in this lab' },
    });
  });

  it('flaps, stops the flap and reboots a router', async () => {
    expect(await api('POST', '/routers/spoke2/flap', { periodSeconds: 60, downSeconds: 20 })).toMatchObject({
      status: 200,
      body: { hostname: 'spoke2', flapping: true },
    });
    expect(await api('DELETE', '/routers/spoke2/flap')).toMatchObject({
      status: 200,
      body: { flapping: false },
    });
    const before = await state('spoke3');
    expect(await api('POST', '/routers/spoke3/reboot')).toMatchObject({
      status: 200,
      body: { hostname: 'spoke3' },
    });
    expect((await state('spoke3')).uptimeSeconds).toBeLessThan(before.uptimeSeconds);
  });

  it('moves the clock and changes its speed', async () => {
    const before = (await api('GET', '/clock')).body as { atSeconds: number };
    const after = await api('POST', '/clock', { advanceSeconds: 120, speed: 5 });
    expect(after.status).toBe(200);
    expect(after.body.atSeconds as number).toBeGreaterThanOrEqual(before.atSeconds + 120);
    expect(after.body.speed).toBe(5);
  });
});
