// One server-side scheduler and three collector worker processes watch the lab through BullMQ on a real Redis: every
// device is polled once per slot and stored once, a device with a wrong password reports its error without holding
// up the others, a job for a device the workers do not know fails for good, and on-demand polls go through.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type RunningLab } from '../../lab/control/run-lab.js';
import {
  currentSlot,
  runCli,
  startRecordingServer,
  startRedis,
  startWorker,
  storedPolls,
  waitFor,
  writeLabInventory,
  writeWorkerConfig,
  type RecordingServer,
  type RunningRedis,
  type WorkerProcess,
} from './queue-harness.js';

const INTERVAL = 10;
const directory = mkdtempSync(join(tmpdir(), 'queue-delivery-'));
let redis: RunningRedis;
let lab: RunningLab;
let workers: WorkerProcess[] = [];
let server: RecordingServer | null = null;
const devices: string[] = [];

beforeAll(async () => {
  [redis, lab] = await Promise.all([
    startRedis(directory),
    startLab({ network: { spokes: 50 }, dataDir: join(directory, 'lab') }),
  ]);
  const workerInventory = join(directory, 'workers.yaml');
  writeLabInventory(lab, workerInventory, `${INTERVAL}s`, (entries, credentials) => {
    credentials.wrong = { username: 'netops', password: 'not-the-password', enable: 'lab' };
    entries.spoke3!.credentials = 'wrong';
    devices.push(...Object.keys(entries));
  });
  // The server knows one device more than the workers: one that has left their inventory.
  const serverInventory = join(directory, 'server.yaml');
  writeLabInventory(lab, serverInventory, `${INTERVAL}s`, (entries) => {
    entries.ghost = { host: '127.0.0.1', port: 1, role: 'spoke' };
  });
  const config = writeWorkerConfig(directory);
  const args = [
    '--queue',
    redis.url,
    '--inventory',
    workerInventory,
    '--config',
    config,
    '--concurrency',
    '8',
  ];
  workers = await Promise.all(['w1', 'w2', 'w3'].map((name) => startWorker(name, args)));
  server = await startRecordingServer(serverInventory, redis.url, directory);
}, 30_000);

afterAll(async () => {
  await server?.watcher.stop();
  await Promise.all(workers.map((worker) => worker.stop()));
  await lab?.close();
  await redis?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('polls through the queue', () => {
  it('polls every device once per slot, stores each poll once, and reports what failed', async () => {
    const first = currentSlot(INTERVAL) + 1;
    const complete = (slot: number): boolean =>
      devices.every((device) => server!.slotCounts(slot).has(device));
    await waitFor(() => complete(first) && complete(first + 1), 45_000, 'two whole slots of results');
    const scheduled = [...server!.polls];
    await server!.watcher.pollNow('spoke1');
    // Ahead of the schedule: its result is handled before pollNow resolves.
    expect(server!.polls.slice(scheduled.length).map((poll) => poll.device)).toContain('spoke1');

    const status = await runCli(['workers', '--queue', redis.url]);
    expect(status.code).toBe(0);
    expect(status.output).toMatch(/3 worker\(s\)/);
    for (const name of ['w1', 'w2', 'w3']) expect(status.output).toMatch(new RegExp(`^${name}\\s`, 'm'));
    const failures = status.output
      .split('\n')
      .filter((line) => /^w\d\s/.test(line))
      .map((line) => Number(line.trim().split(/\s+/).at(-1)));
    // spoke3's attempts failed on whichever workers took them.
    expect(failures.reduce((total, count) => total + count, 0)).toBeGreaterThanOrEqual(3);

    await server!.watcher.stop();
    await Promise.all(workers.map((worker) => worker.stop()));

    for (const slot of [first, first + 1]) {
      const counts = server!.slotCounts(slot, scheduled);
      expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
      expect([...counts.keys()].sort()).toEqual([...devices].sort());
    }
    const failed = server!.polls.filter((poll) => poll.errors.length > 0);
    expect(new Set(failed.map((poll) => poll.device))).toEqual(new Set(['spoke3']));
    expect(failed[0]!.errors[0]).toMatch(/refused \(check the credentials\)/);
    expect(server!.errors.join('\n')).toMatch(/ghost: not in the inventory of worker w\d/);

    // Each result the server saw is one poll in the store: no poll ran twice.
    const stored = storedPolls(join(directory, 'samples.db'));
    for (const device of devices)
      expect(stored.get(device), device).toBe(server!.polls.filter((poll) => poll.device === device).length);
  }, 60_000);
});
