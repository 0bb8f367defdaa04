// Redis stops answering for ten seconds (SIGSTOP: connections stay open, nothing moves): the scheduler and the three
// collector workers wait it out and carry on, every device polled once in the slots after it comes back; and a
// syslog edge heard by a worker reaches the server through the tunnel-events queue.

import { createSocket } from 'node:dgram';
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
  waitFor,
  writeLabInventory,
  writeWorkerConfig,
  type RecordingServer,
  type RunningRedis,
  type WorkerProcess,
} from './queue-harness.js';

const INTERVAL = 10;
const directory = mkdtempSync(join(tmpdir(), 'queue-outage-'));
let redis: RunningRedis;
let lab: RunningLab;
let workers: WorkerProcess[] = [];
let server: RecordingServer | null = null;
const devices: string[] = [];
let syslogPort = 0;

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  [redis, lab] = await Promise.all([
    startRedis(directory),
    startLab({ network: { spokes: 50 }, dataDir: join(directory, 'lab') }),
  ]);
  const inventory = join(directory, 'inventory.yaml');
  writeLabInventory(lab, inventory, `${INTERVAL}s`, (entries) => devices.push(...Object.keys(entries)));
  const args = ['--queue', redis.url, '--inventory', inventory];
  syslogPort = await freeUdpPort();
  // w1 also hears syslog: its tunnel edges reach the server through the tunnel-events queue.
  workers = await Promise.all(
    ['w1', 'w2', 'w3'].map((name) =>
      startWorker(name, [
        ...args,
        ...['--config', writeWorkerConfig(directory, name === 'w1' ? syslogPort : undefined)],
      ]),
    ),
  );
  server = await startRecordingServer(inventory, redis.url, directory);
}, 30_000);

afterAll(async () => {
  await server?.watcher.stop();
  await Promise.all(workers.map((worker) => worker.stop()));
  await lab?.close();
  await redis?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('Redis away for ten seconds', () => {
  it('finds the scheduler and the workers carrying on when it is back', async () => {
    const complete = (slot: number): boolean =>
      devices.every((device) => server!.slotCounts(slot).has(device));
    const first = currentSlot(INTERVAL) + 1;
    await waitFor(() => complete(first), 25_000, 'a whole slot before the outage');

    redis.process.kill('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    redis.process.kill('SIGCONT');

    const after = currentSlot(INTERVAL) + 1;
    await waitFor(() => complete(after), 25_000, 'a whole slot after the outage');
    expect([...server!.slotCounts(after)].filter(([, count]) => count !== 1)).toEqual([]);
    expect(workers.every((worker) => worker.child.exitCode === null)).toBe(true);
    const status = await runCli(['workers', '--queue', redis.url]);
    expect(status.output).toMatch(/3 worker\(s\)/);

    const sender = createSocket('udp4');
    const line =
      '<190>Nov 25 08:00:12 spoke4 88: Nov 25 08:00:12.001 UTC: %DMVPN-5-NHRP_NHS_DOWN: Tunnel0: Next Hop Server : ' +
      '(Tunnel: 10.0.0.1 NBMA: 203.0.113.1 ) for (Tunnel: 10.0.0.14 NBMA: 198.18.0.4) is DOWN, Reason: External';
    sender.send(line, syslogPort, '127.0.0.1');
    const heard = await waitFor(
      () => server!.events.find((event) => event.source === 'syslog'),
      10_000,
      'the syslog edge through the queue',
    );
    sender.close();
    expect(heard).toMatchObject({ interface: 'Tunnel0', to: 'DOWN' });
  }, 60_000);
});
