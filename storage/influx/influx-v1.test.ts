// A real InfluxDB 1.x (Debian's influxd, started on a loopback port): writes through the v1 API, reads back with
// InfluxQL, and an outage during which samples wait in the disk spool.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../model/sample.js';
import { BufferedTimeSeriesStore } from '../buffered-store.js';
import { DiskSpool } from '../spool.js';
import { SqliteTimeSeriesStore } from '../sqlite/sqlite-time-series-store.js';
import { InfluxV1Reader } from './influx-v1-reader.js';
import { InfluxV1Sink } from './influx-v1-sink.js';
import { InfluxdFixture } from './influxd-fixture.js';
import { influxQuery, seriesRows } from './influxql.js';

const T0 = Date.UTC(2026, 0, 10);

const counter = (i: number): Sample => ({
  measurement: 'tunnel_if',
  tags: { device: 'hub1', role: 'hub', interface: 'Tunnel0' },
  fields: { in_octets: i },
  time: T0 + i * 1_000,
});

describe('InfluxDB 1.x through the v1 write API', () => {
  let influxd: InfluxdFixture;
  let scratch: string;
  let db = 0;

  /** A fresh database per test, so counts are the test's own. */
  const createDatabase = async (): Promise<string> => {
    const name = `dmvpn_${++db}`;
    await influxQuery({ url: influxd.url }, `CREATE DATABASE ${name}`);
    return name;
  };
  const select = async (name: string, statement: string) =>
    seriesRows((await influxQuery({ url: influxd.url, db: name }, statement))[0] ?? []);

  beforeAll(async () => {
    influxd = await InfluxdFixture.create();
    scratch = mkdtempSync(join(tmpdir(), 'influx-spool-'));
  });
  afterAll(async () => {
    await influxd?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('stores samples under the schema names, with escaped names and strings intact', async () => {
    const name = await createDatabase();
    const peer: Sample = {
      measurement: 'dmvpn_peer',
      tags: {
        device: 'hub 1,a=b',
        role: 'hub',
        interface: 'Tunnel0',
        peer_nbma: '192.0.2.2',
        peer_tunnel: '10.0.0.2',
        peer_type: 'dynamic',
      },
      fields: { state: 'UP', up: 1, uptime_s: 93_720, entries: 1 },
      time: T0,
    };
    const poll: Sample = {
      measurement: 'collector_poll',
      tags: { device: 'spoke7', role: 'spoke', collector: 'ssh' },
      fields: { ok: 0, duration_ms: 10_000.5, error: 'said "no"\nC:\\ path' },
      time: T0 + 1,
    };
    await new InfluxV1Sink({ url: influxd.url, db: name }).writeBatch([peer, poll]);

    expect(await select(name, `SELECT * FROM dmvpn_peer WHERE device = 'hub 1,a=b'`)).toEqual([
      {
        time: T0,
        device: 'hub 1,a=b',
        role: 'hub',
        interface: 'Tunnel0',
        peer_nbma: '192.0.2.2',
        peer_tunnel: '10.0.0.2',
        peer_type: 'dynamic',
        state: 'UP',
        up: 1,
        uptime_s: 93_720,
        entries: 1,
      },
    ]);
    const [row] = await select(name, 'SELECT error, duration_ms, ok FROM collector_poll');
    expect(row).toEqual({ time: T0 + 1, error: 'said "no"\nC:\\ path', duration_ms: 10_000.5, ok: 0 });
  });

  it('answers range and latest queries as the SQLite store does', async () => {
    const name = await createDatabase();
    const peer = (nbma: string, time: number, up: number, state: string): Sample => ({
      measurement: 'dmvpn_peer',
      tags: { device: "hub'1", role: 'hub', interface: 'Tunnel0', peer_nbma: nbma, peer_tunnel: '10.0.0.2' },
      fields: { state, up, uptime_s: 60 },
      time,
    });
    const written = [
      peer('192.0.2.2', T0, 1, 'UP'),
      peer('192.0.2.3', T0 + 5_000, 0, 'NHRP'),
      peer('192.0.2.2', T0 + 60_000, 0, 'IKE'),
      peer('192.0.2.3', T0 + 1_000, 1, 'UP'),
    ];
    await new InfluxV1Sink({ url: influxd.url, db: name }).writeBatch(written);
    const sqlite = new SqliteTimeSeriesStore({
      path: join(scratch, 'parity.db'),
      retentionDays: 3650,
      retentionIntervalMs: 0,
    });
    await sqlite.write(written);
    const influx = new InfluxV1Reader({ url: influxd.url, db: name });
    const byPeerAndTime = (samples: Sample[]) =>
      [...samples].sort((a, b) => a.time - b.time || a.tags.peer_nbma!.localeCompare(b.tags.peer_nbma!));

    const range = { measurement: 'dmvpn_peer', tags: { device: "hub'1" }, from: T0, to: T0 + 5_000 };
    expect(byPeerAndTime(await influx.range(range))).toEqual(byPeerAndTime(await sqlite.range(range)));
    expect(await influx.range(range)).toHaveLength(3);
    const upOnly = { ...range, tags: { peer_nbma: '192.0.2.2' }, fields: ['up'], to: T0 + 60_000 };
    expect(await influx.range(upOnly)).toEqual(await sqlite.range(upOnly));
    const latest = { measurement: 'dmvpn_peer', tags: { device: "hub'1" } };
    expect(byPeerAndTime(await influx.latest(latest))).toEqual(byPeerAndTime(await sqlite.latest(latest)));
    expect(await influx.latest({ measurement: 'dmvpn_peer', tags: { device: 'nobody' } })).toEqual([]);
    await sqlite.close();
  });

  it('stores a batch sent twice (a replay after the write succeeded but before it was marked) once', async () => {
    const name = await createDatabase();
    const sink = new InfluxV1Sink({ url: influxd.url, db: name });
    const batch = Array.from({ length: 20 }, (_, i) => counter(i));
    const spool = new DiskSpool(join(scratch, 'twice'));
    spool.append(batch);
    await sink.writeBatch(batch);
    // The process stops here; the next one finds the batch still pending and sends it again.
    await new DiskSpool(join(scratch, 'twice')).replay((samples) => sink.writeBatch(samples));
    expect(await select(name, 'SELECT COUNT(in_octets) FROM tunnel_if')).toEqual([{ time: 0, count: 20 }]);
  });

  it('keeps every sample through a frozen then restarted server, and stores each exactly once', async () => {
    const name = await createDatabase();
    const errors: string[] = [];
    const store = new BufferedTimeSeriesStore(
      new InfluxV1Sink({ url: influxd.url, db: name, timeoutMs: 300 }),
      new DiskSpool(join(scratch, 'outage')),
      {
        batchSize: 10,
        flushIntervalMs: 0,
        retries: 1,
        retryDelayMs: 10,
        replayIntervalMs: 200,
        onError: (e) => errors.push(e.message),
      },
    );
    let next = 0;
    const writeBatches = async (count: number) => {
      for (let b = 0; b < count; b++) await store.write(Array.from({ length: 10 }, () => counter(next++)));
    };

    await writeBatches(3);
    expect(store.spooledBatches).toBe(0);

    influxd.freeze(); // requests are accepted by the kernel and never answered: they time out
    await writeBatches(3);
    await influxd.stop(); // now connections are refused
    await writeBatches(3);
    expect(store.spooledBatches).toBe(6);
    expect(errors.some((message) => message.includes('samples spooled'))).toBe(true);

    await influxd.start();
    await expect.poll(() => store.replaySpool(), { timeout: 10_000, interval: 100 }).toBe(true);
    await writeBatches(2);
    await store.close();

    const [count] = await select(name, 'SELECT COUNT(in_octets) FROM tunnel_if');
    expect(count).toEqual({ time: 0, count: next });
    const values = (await select(name, 'SELECT in_octets FROM tunnel_if')).map((row) => row.in_octets);
    expect(values).toEqual(Array.from({ length: next }, (_, i) => i));
  });
});
