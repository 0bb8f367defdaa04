// A collector worker killed in the middle of its polls (SIGKILL: no goodbye, its locks left in Redis): the other two
// take its jobs over once their locks lapse, and every device still has exactly one result for that slot.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLL_QUEUE } from '../../collectors/queue/queue-names.js';
import { queueConnection } from '../../collectors/queue/queue-connection.js';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';
import {
  startRecordingServer,
  startRedis,
  startWorker,
  waitFor,
  writeLabInventory,
  writeWorkerConfig,
  type RecordingServer,
  type RunningRedis,
  type WorkerProcess,
} from './queue-harness.js';

const INTERVAL = 10;
const directory = mkdtempSync(join(tmpdir(), 'queue-death-'));
let redis: RunningRedis;
let lab: RunningLab;
let workers: WorkerProcess[] = [];
let server: RecordingServer | null = null;
let queue: Queue | null = null;
const devices: string[] = [];

beforeAll(async () => {
  [redis, lab] = await Promise.all([
    startRedis(directory),
    // 100 ms before each output: a poll of the thirteen commands takes over a second.
    startLab({
      network: { spokes: 50 },
      dataDir: join(directory, 'lab'),
      ssh: { outputDelay: { baseMs: 100, perKilobyteMs: 0 } },
    }),
  ]);
  const inventory = join(directory, 'inventory.yaml');
  writeLabInventory(lab, inventory, `${INTERVAL}s`, (entries) => devices.push(...Object.keys(entries)));
  const args = [
    ...['--queue', redis.url, '--inventory', inventory, '--config', writeWorkerConfig(directory)],
    ...['--concurrency', '6', '--lock-seconds', '3'],
  ];
  workers = await Promise.all(['w1', 'w2', 'w3'].map((name) => startWorker(name, args)));
  server = await startRecordingServer(inventory, redis.url, directory);
  queue = new Queue(POLL_QUEUE, { connection: queueConnection(redis.url) });
}, 30_000);

afterAll(async () => {
  await queue?.close();
  await server?.watcher.stop();
  await Promise.all(workers.map((worker) => worker.stop()));
  await lab?.close();
  await redis?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('a worker that dies mid-poll', () => {
  it('has its jobs finished by the others, with no slot missed', async () => {
    let jobs: Job[] = [];
    for (const deadline = Date.now() + 20_000; jobs.length === 0;) {
      if (Date.now() > deadline) throw new Error('w1 took no job');
      await new Promise((resolve) => setTimeout(resolve, 50));
      jobs = (await queue!.getActive()).filter((job) => job.processedBy === 'w1');
    }
    workers[0]!.child.kill('SIGKILL');
    const slot = (jobs[0]!.data as { slot: number }).slot;
    const orphaned = jobs.map((job) => (job.data as { device: string }).device);

    const complete = (at: number): boolean => devices.every((device) => server!.slotCounts(at).has(device));
    await waitFor(
      () => complete(slot) && complete(slot + 1),
      40_000,
      'the slot of the killed worker and the next',
    );
    const counts = server!.slotCounts(slot);
    expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
    expect([...server!.slotCounts(slot + 1)].filter(([, count]) => count !== 1)).toEqual([]);
    for (const device of orphaned) expect(counts.get(device), device).toBe(1);
    expect(server!.polls.filter((poll) => poll.errors.length > 0)).toEqual([]);
  }, 60_000);
});
