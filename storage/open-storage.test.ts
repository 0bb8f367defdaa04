import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from './open-storage.js';
import { RecordingHttpServer } from './recording-http-server.js';
import { parseStorageConfig } from './storage-config.js';

const T0 = Date.UTC(2026, 0, 10);
const sample = {
  measurement: 'nhrp_nhs',
  tags: { device: 's1', role: 'spoke' as const },
  fields: { up: 1 },
  time: T0,
};

describe('storage configuration', () => {
  it('fills defaults for the embedded store', () => {
    expect(parseStorageConfig({ kind: 'sqlite' })).toEqual({
      kind: 'sqlite',
      path: './data/dmvpn-watch.db',
      retentionDays: 30,
    });
  });

  it('accepts InfluxDB 1.x and 2.x settings with secrets named by environment variable or file', () => {
    const v1 = parseStorageConfig({
      kind: 'influx',
      version: 1,
      url: 'http://influx:8086',
      db: 'dmvpn',
      rp: 'autogen',
      username: 'w',
      passwordEnv: 'INFLUX_PASSWORD',
    });
    expect(v1).toMatchObject({ version: 1, db: 'dmvpn', spoolDir: './data/spool', batchSize: 5_000 });
    const v2 = parseStorageConfig({
      kind: 'influx',
      version: 2,
      url: 'https://influx.example',
      org: 'noc',
      bucket: 'dmvpn',
      tokenFile: '/run/secrets/influx',
    });
    expect(v2).toMatchObject({ version: 2, org: 'noc', bucket: 'dmvpn', tokenFile: '/run/secrets/influx' });
  });

  it('refuses inline secrets, a missing token source and unknown kinds', () => {
    const v2 = { kind: 'influx', version: 2, url: 'http://influx:8086', org: 'noc', bucket: 'dmvpn' };
    expect(() => parseStorageConfig({ ...v2, token: 'abc' })).toThrow();
    expect(() => parseStorageConfig(v2)).toThrow(/tokenEnv or tokenFile/);
    expect(() => parseStorageConfig({ ...v2, tokenEnv: 'A', tokenFile: '/f' })).toThrow(
      /tokenEnv or tokenFile/,
    );
    expect(() =>
      parseStorageConfig({ kind: 'influx', version: 1, url: 'http://i', db: 'd', password: 'pw' }),
    ).toThrow();
    expect(() =>
      parseStorageConfig({ kind: 'influx', version: 1, url: 'http://i', db: 'd', passwordEnv: 'P' }),
    ).toThrow(/username/);
    expect(() => parseStorageConfig({ kind: 'postgres' })).toThrow();
  });
});

describe('openStorage', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'open-storage-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens SQLite for time series and state in one database file', async () => {
    const storage = openStorage(parseStorageConfig({ kind: 'sqlite', path: join(dir, 'watch.db') }));
    await storage.timeSeries.write([sample]);
    storage.state.upsertDevice({ name: 's1', role: 'spoke', address: null });
    expect(await storage.reader!.latest({ measurement: 'nhrp_nhs' })).toEqual([sample]);
    expect(storage.state.devices()).toHaveLength(1);
    await storage.close();
  });

  it('writes to InfluxDB 1.x with the password read from a file, and keeps state in SQLite', async () => {
    const server = await RecordingHttpServer.start();
    writeFileSync(join(dir, 'password'), 'pa:ss\n');
    const storage = openStorage(
      parseStorageConfig({
        kind: 'influx',
        version: 1,
        url: server.url,
        db: 'dmvpn',
        username: 'writer',
        passwordFile: join(dir, 'password'),
        spoolDir: join(dir, 'spool'),
        statePath: join(dir, 'state.db'),
      }),
    );
    await storage.timeSeries.write([sample]);
    await storage.close();
    await server.close();
    expect(storage.reader).not.toBeNull();
    expect(server.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('writer:pa:ss').toString('base64')}`,
    );
    expect(server.requests[0]!.body).toBe(`nhrp_nhs,device=s1,role=spoke up=1 ${T0}`);
  });

  it('names a missing secret without printing any value', async () => {
    const config = parseStorageConfig({
      kind: 'influx',
      version: 2,
      url: 'http://127.0.0.1:1',
      org: 'o',
      bucket: 'b',
      tokenEnv: 'DMVPN_TEST_TOKEN',
      spoolDir: join(dir, 'spool'),
      statePath: join(dir, 'state.db'),
    });
    expect(() => openStorage(config, { env: {} })).toThrow(
      'environment variable DMVPN_TEST_TOKEN is not set',
    );
    const storage = openStorage(config, { env: { DMVPN_TEST_TOKEN: 't' } });
    expect(storage.reader).toBeNull();
    await storage.close();
  });
});
