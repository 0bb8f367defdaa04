// InfluxDB 1.6 (the server Debian ships) has no /api/v2/write, so the v2 writer is checked against a loopback HTTP
// server that records what @influxdata/influxdb-client sends: the path, org, bucket, precision, token and lines.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../model/sample.js';
import { RecordingHttpServer } from '../recording-http-server.js';
import { BatchRejectedError } from '../sample-sink.js';
import { InfluxV2Sink } from './influx-v2-sink.js';

const T0 = Date.UTC(2026, 0, 10);

const samples: Sample[] = [
  {
    measurement: 'nhrp_nhs',
    tags: { device: 's1', role: 'spoke', interface: 'Tunnel0', nhs: '10.0.0.1' },
    fields: { up: 1, flags: 'RE' },
    time: T0,
  },
  {
    measurement: 'collector_poll',
    tags: { device: 's1', role: 'spoke', collector: 'ssh' },
    fields: { ok: 0, error: 'timeout' },
    time: T0 + 1,
  },
];

describe('InfluxV2Sink', () => {
  let server: RecordingHttpServer;

  beforeEach(async () => {
    server = await RecordingHttpServer.start();
  });
  afterEach(() => server.close());

  it('posts line protocol to /api/v2/write with org, bucket, ms precision and the token', async () => {
    const sink = new InfluxV2Sink({ url: server.url, org: 'noc', bucket: 'dmvpn', token: 's3cret-token' });
    await sink.writeBatch(samples);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url.pathname).toBe('/api/v2/write');
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({
      org: 'noc',
      bucket: 'dmvpn',
      precision: 'ms',
    });
    expect(request!.headers.authorization).toBe('Token s3cret-token');
    expect(request!.body.split('\n')).toEqual([
      `nhrp_nhs,device=s1,interface=Tunnel0,nhs=10.0.0.1,role=spoke up=1,flags="RE" ${T0}`,
      `collector_poll,collector=ssh,device=s1,role=spoke ok=0,error="timeout" ${T0 + 1}`,
    ]);
  });

  it('fails once without retrying inside the client, and names a refused batch as such', async () => {
    const sink = new InfluxV2Sink({ url: server.url, org: 'noc', bucket: 'dmvpn', token: 's3cret-token' });
    server.statuses.push(503);
    const unavailable = await sink.writeBatch(samples).catch((error: unknown) => error);
    expect(unavailable).toBeInstanceOf(Error);
    expect(unavailable).not.toBeInstanceOf(BatchRejectedError);
    expect(String(unavailable)).not.toContain('s3cret-token');
    server.statuses.push(400);
    await expect(sink.writeBatch(samples)).rejects.toBeInstanceOf(BatchRejectedError);
    expect(server.requests).toHaveLength(2);
  });
});
