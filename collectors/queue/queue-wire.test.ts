import { describe, expect, it } from 'vitest';
import { decodePollResult, encodePollResult } from './poll-result-codec.js';
import { QueueAddressError, queueConnection } from './queue-connection.js';
import { onDemandJobId, pollJobId } from './queue-names.js';

describe('what crosses the queue', () => {
  it('names a job by device and slot without the key separator', () => {
    expect(pollJobId('spoke7', 5_899_812)).toBe('poll-spoke7-5899812');
    expect(pollJobId('site:a%1', 3)).toBe('poll-site%3Aa%251-3');
    expect(onDemandJobId('hub1', 1_700_000_000_000)).not.toContain(':');
  });

  it('compresses a result and brings back its bigint counters', () => {
    const snapshot = {
      device: 'spoke1',
      role: 'spoke' as const,
      collectedAt: 1,
      outputs: [],
      errors: [{ message: 'x'.repeat(2_000) }],
    };
    const snmp = { interfaces: [{ inOctets: 18_446_744_073_709_551_615n }] } as never;
    const encoded = encodePollResult({ snapshot, snmp, slot: 7 });
    expect(encoded.length).toBeLessThan(500);
    expect(decodePollResult(encoded)).toEqual({ snapshot, snmp, slot: 7 });
  });

  it('reads a Redis address and refuses anything else', () => {
    expect(queueConnection('redis://:s%40cret@queue.example:6380/2')).toMatchObject({
      host: 'queue.example',
      port: 6380,
      password: 's@cret',
      db: 2,
      maxRetriesPerRequest: null,
    });
    expect(queueConnection('redis://10.0.0.5')).toMatchObject({ port: 6379 });
    expect(() => queueConnection('http://10.0.0.5:6379')).toThrow(QueueAddressError);
    expect(() => queueConnection('10.0.0.5:6379')).toThrow(QueueAddressError);
  });
});
