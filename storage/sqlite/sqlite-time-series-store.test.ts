import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../model/sample.js';
import { SqliteTimeSeriesStore } from './sqlite-time-series-store.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10);

const peer = (nbma: string, time: number, up: number, state: string): Sample => ({
  measurement: 'dmvpn_peer',
  tags: {
    device: 'hub1',
    role: 'hub',
    interface: 'Tunnel0',
    peer_nbma: nbma,
    peer_tunnel: '10.0.0.2',
    peer_type: 'dynamic',
  },
  fields: { state, up, uptime_s: 60 },
  time,
});

describe('SqliteTimeSeriesStore', () => {
  let dir: string;
  let store: SqliteTimeSeriesStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ts-store-'));
    store = new SqliteTimeSeriesStore({
      path: join(dir, 'db', 'ts.db'),
      retentionDays: 7,
      retentionIntervalMs: 0,
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the database in WAL mode, creating its folder', () => {
    expect(store.journalMode).toBe('wal');
  });

  it('returns the points of a time window, filtered by tags and fields, oldest first', async () => {
    await store.write([
      peer('192.0.2.2', T0, 1, 'UP'),
      peer('192.0.2.3', T0, 0, 'NHRP'),
      peer('192.0.2.2', T0 + 60_000, 0, 'IKE'),
      peer('192.0.2.2', T0 + 120_000, 1, 'UP'),
    ]);
    const window = await store.range({
      measurement: 'dmvpn_peer',
      tags: { device: 'hub1', peer_nbma: '192.0.2.2' },
      from: T0,
      to: T0 + 60_000,
    });
    expect(window).toEqual([peer('192.0.2.2', T0, 1, 'UP'), peer('192.0.2.2', T0 + 60_000, 0, 'IKE')]);

    const upOnly = await store.range({ measurement: 'dmvpn_peer', fields: ['up'], from: T0, to: T0 });
    expect(upOnly.map((s) => [s.tags.peer_nbma, s.fields])).toEqual([
      ['192.0.2.2', { up: 1 }],
      ['192.0.2.3', { up: 0 }],
    ]);
    expect(
      await store.range({ measurement: 'dmvpn_peer', tags: { device: 'hub2' }, from: 0, to: T0 * 2 }),
    ).toEqual([]);
  });

  it('gives the latest point of every matching series', async () => {
    await store.write([
      peer('192.0.2.2', T0, 1, 'UP'),
      peer('192.0.2.3', T0 + 5_000, 0, 'NHRP'),
      peer('192.0.2.2', T0 + 60_000, 0, 'IKE'),
      peer('192.0.2.3', T0 + 1_000, 1, 'UP'),
    ]);
    const latest = await store.latest({ measurement: 'dmvpn_peer', tags: { device: 'hub1' } });
    expect(latest).toEqual([
      peer('192.0.2.2', T0 + 60_000, 0, 'IKE'),
      peer('192.0.2.3', T0 + 5_000, 0, 'NHRP'),
    ]);
  });

  it('stores one series per tag set whatever the tag order, and rewrites a point instead of doubling it', async () => {
    const a: Sample = {
      measurement: 'tunnel_if',
      tags: { role: 'spoke', device: 's1' },
      fields: { in_octets: 5 },
      time: T0,
    };
    const b: Sample = {
      measurement: 'tunnel_if',
      tags: { device: 's1', role: 'spoke' },
      fields: { in_octets: 7 },
      time: T0,
    };
    await store.write([a]);
    await store.write([b]);
    const points = await store.range({ measurement: 'tunnel_if', from: T0, to: T0 });
    expect(points).toHaveLength(1);
    expect(points[0]!.fields).toEqual({ in_octets: 7 });
  });

  it('keeps strings, booleans, floats and tag values with JSON-special characters', async () => {
    const sample: Sample = {
      measurement: 'collector_poll',
      tags: { device: 'spoke "7"', role: 'spoke', collector: 'ssh' },
      fields: { ok: false, duration_ms: 12.5, error: 'timed out\nafter 10 s' },
      time: T0,
    };
    await store.write([sample]);
    expect(await store.latest({ measurement: 'collector_poll', tags: { device: 'spoke "7"' } })).toEqual([
      sample,
    ]);
  });

  it('deletes samples older than the retention period, and series left empty', async () => {
    await store.write([peer('192.0.2.2', T0 - 8 * DAY, 1, 'UP'), peer('192.0.2.3', T0 - 8 * DAY, 1, 'UP')]);
    await store.write([peer('192.0.2.2', T0 - 6 * DAY, 0, 'IKE')]);
    expect(store.applyRetention(T0)).toBe(6);
    const left = await store.range({ measurement: 'dmvpn_peer', from: 0, to: T0 });
    expect(left).toEqual([peer('192.0.2.2', T0 - 6 * DAY, 0, 'IKE')]);
    expect(await store.latest({ measurement: 'dmvpn_peer' })).toHaveLength(1);
  });

  it('keeps its data across a reopen', async () => {
    await store.write([peer('192.0.2.2', Date.now(), 1, 'UP')]);
    await store.close();
    store = new SqliteTimeSeriesStore({
      path: join(dir, 'db', 'ts.db'),
      retentionDays: 7,
      retentionIntervalMs: 0,
    });
    expect(await store.latest({ measurement: 'dmvpn_peer' })).toHaveLength(1);
  });
});
