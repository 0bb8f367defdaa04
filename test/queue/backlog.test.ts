// With no worker taking jobs, the backlog grows to its bound: the next slot is not enqueued, and the scheduler says so
// and counts it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInventory } from '../../collectors/inventory/load.js';
import { queueConnection } from '../../collectors/queue/queue-connection.js';
import { POLL_QUEUE } from '../../collectors/queue/queue-names.js';
import { QueuePollScheduler } from '../../collectors/queue/queue-poll-scheduler.js';
import { startRedis, waitFor, type RunningRedis } from './queue-harness.js';

const directory = mkdtempSync(join(tmpdir(), 'queue-backlog-'));
let redis: RunningRedis;

beforeAll(async () => {
  redis = await startRedis(directory);
});

afterAll(async () => {
  await redis?.stop();
  rmSync(directory, { recursive: true, force: true });
});

const inventory = parseInventory(
  [
    'defaults: { credentials: lab, pollInterval: 5s }',
    'credentials: { lab: { username: netops, password: lab } }',
    'devices:',
    ...Array.from({ length: 8 }, (_, index) => `  spoke${index + 1}: { host: 127.0.0.1, role: spoke }`),
  ].join('\n'),
  'inventory.yaml',
  {},
);

describe('a bounded backlog', () => {
  it('skips a slot while more jobs wait than the bound, and counts it', async () => {
    const errors: string[] = [];
    const connection = queueConnection(redis.url);
    const scheduler = new QueuePollScheduler(inventory.devices, {
      connection,
      maxBacklog: 5,
      onResult: async () => undefined,
      onError: (error) => errors.push(error.message),
    });
    await scheduler.ready();
    scheduler.start();
    const queue = new Queue(POLL_QUEUE, { connection });
    try {
      await waitFor(() => scheduler.skippedSlots > 0, 15_000, 'a skipped slot');
      scheduler.stop();
      const counts = await queue.getJobCounts('wait', 'prioritized', 'delayed');
      // One slot went in whole (8 jobs, one per device); the next found 8 waiting against a bound of 5.
      expect((counts.prioritized ?? 0) + (counts.delayed ?? 0) + (counts.wait ?? 0)).toBe(8);
      expect(errors.join('\n')).toMatch(
        /poll slot \d+ of the 5 s interval not enqueued: 8 jobs are waiting \(bound 5\)/,
      );
    } finally {
      await queue.close();
      await scheduler.drain();
    }
  });
});
