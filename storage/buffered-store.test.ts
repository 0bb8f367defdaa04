// The batching writer against a loopback HTTP server speaking InfluxDB 1.x's /write, scripted to fail on demand.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sample } from '../model/sample.js';
import { BufferedTimeSeriesStore, type BufferedStoreOptions } from './buffered-store.js';
import { InfluxV1Sink } from './influx/influx-v1-sink.js';
import { RecordingHttpServer } from './recording-http-server.js';
import { DiskSpool } from './spool.js';

const T0 = Date.UTC(2026, 0, 10);

const sample = (i: number): Sample => ({
  measurement: 'tunnel_if',
  tags: { device: 'hub1', role: 'hub', interface: 'Tunnel0' },
  fields: { in_octets: i },
  time: T0 + i,
});
const samples = (from: number, count: number): Sample[] =>
  Array.from({ length: count }, (_, i) => sample(from + i));

describe('BufferedTimeSeriesStore', () => {
  let server: RecordingHttpServer;
  let dir: string;
  let errors: string[];
  let store: BufferedTimeSeriesStore | undefined;

  const open = (options: BufferedStoreOptions = {}): BufferedTimeSeriesStore => {
    const sink = new InfluxV1Sink({ url: server.url, db: 'dmvpn', timeoutMs: 2_000 });
    store = new BufferedTimeSeriesStore(sink, new DiskSpool(join(dir, 'spool')), {
      batchSize: 3,
      flushIntervalMs: 0,
      retries: 0,
      retryDelayMs: 1,
      replayIntervalMs: 60_000,
      onError: (error) => errors.push(error.message),
      ...options,
    });
    return store;
  };

  /** The sample numbers (time offsets) in each request the server received, in arrival order. */
  const received = (from = 0): number[][] =>
    server.requests
      .slice(from)
      .map((request) => request.body.split('\n').map((line) => Number(line.split(' ')[2]) - T0));

  beforeEach(async () => {
    server = await RecordingHttpServer.start();
    dir = mkdtempSync(join(tmpdir(), 'buffered-'));
    errors = [];
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes full batches as they fill and the rest on flush', async () => {
    const buffered = open();
    await buffered.write(samples(0, 7));
    expect(server.requests.map((r) => r.body.split('\n').length)).toEqual([3, 3]);
    await buffered.flush();
    expect(received().flat()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(server.requests[0]!.url.search).toBe('?db=dmvpn&precision=ms');
  });

  it('writes a partial batch after the flush interval', async () => {
    const buffered = open({ flushIntervalMs: 20 });
    await buffered.write(samples(0, 2));
    await expect.poll(() => server.requests.length).toBe(1);
    expect(received()).toEqual([[0, 1]]);
  });

  it('retries a failed write before giving up on it', async () => {
    const buffered = open({ retries: 2 });
    server.statuses.push(503, 500);
    await buffered.write(samples(0, 3));
    expect(server.requests).toHaveLength(3);
    expect(buffered.spooledBatches).toBe(0);
  });

  it('spools batches while the store fails and replays them in order, each sample once', async () => {
    const buffered = open();
    server.statuses.push(503);
    await buffered.write(samples(0, 6));
    // The first batch failed and was spooled; the second joined it without a request, to keep the order.
    expect(server.requests).toHaveLength(1);
    expect(buffered.spooledBatches).toBe(2);
    expect(errors[0]).toMatch(/HTTP 503.*3 samples spooled/);

    server.statuses.push(503);
    expect(await buffered.replaySpool()).toBe(false);
    expect(await buffered.replaySpool()).toBe(true);
    await buffered.write(samples(6, 3));

    expect(received(2).flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(buffered.spooledBatches).toBe(0);
  });

  it('replays what an earlier process left in the spool before anything newer', async () => {
    const first = open();
    server.statuses.push(503);
    await first.write(samples(0, 3));
    await first.close();
    expect(first.spooledBatches).toBe(1);

    const second = open();
    await second.write(samples(3, 3));
    expect(received(1)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('reports and drops a batch the store refuses as malformed instead of spooling it', async () => {
    const buffered = open();
    server.statuses.push(400);
    await buffered.write(samples(0, 3));
    expect(buffered.spooledBatches).toBe(0);
    expect(errors).toEqual([expect.stringContaining('HTTP 400')]);
  });

  it('sends credentials as basic authentication and the retention policy in the query', async () => {
    const sink = new InfluxV1Sink({
      url: `${server.url}/`,
      db: 'dmvpn',
      retentionPolicy: 'week',
      username: 'writer',
      password: 'pw',
    });
    await sink.writeBatch(samples(0, 1));
    const [request] = server.requests;
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({
      db: 'dmvpn',
      rp: 'week',
      precision: 'ms',
    });
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from('writer:pw').toString('base64')}`);
  });
});
