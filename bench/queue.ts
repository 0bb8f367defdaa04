// `npm run bench:queue`: device polls a minute through BullMQ on Redis with 1, 2 and 4 collector worker processes
// (`dmvpn-watch worker`, samples written to SQLite), beside one process polling on its own, against a live lab of 200
// spokes in a child process; and the Redis memory that 1,000 queued poll jobs take (INFO memory). It starts its own
// redis-server on a free loopback port.
//
//   npm run bench:queue                   # 200 spokes, 1, 2 and 4 workers
//   BENCH_SECONDS=30 BENCH_SPOKES=200 BENCH_CONCURRENCY=50 npm run bench:queue

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { parse, stringify } from 'yaml';
import type { InventoryDevice } from '../collectors/inventory/device.js';
import { loadInventory } from '../collectors/inventory/load.js';
import { encodePollResult } from '../collectors/queue/poll-result-codec.js';
import { queueConnection } from '../collectors/queue/queue-connection.js';
import {
  ON_DEMAND_PRIORITY,
  POLL_QUEUE,
  SLOT_PRIORITY,
  WORKER_COUNTERS_KEY,
  pollJobId,
  type PollJobData,
} from '../collectors/queue/queue-names.js';
import { pollJobFor, runPollJob } from '../collectors/scheduler/poll-job.js';
import { KnownHosts } from '../collectors/ssh/known-hosts.js';
import { SshCollector } from '../collectors/ssh/ssh-collector.js';

const CLI = join(import.meta.dirname, '../cli/main.js');
const SPOKES = Number(process.env.BENCH_SPOKES ?? 200);
const WINDOW_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** Polls at once in all: the single process's, and shared out among the workers. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const directory = mkdtempSync(join(tmpdir(), 'bench-queue-'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function started(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      if (pattern.test(output)) resolve();
    };
    child.stdout?.on('data', read);
    child.once('exit', () => reject(new Error(`${what} exited: ${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function startLabProcess(): Promise<{ child: ChildProcess; inventory: string }> {
  const labInventory = join(directory, 'lab-inventory.yaml');
  const child = spawn(
    process.execPath,
    [
      CLI,
      'lab',
      '--spokes',
      String(SPOKES),
      '--inventory-out',
      labInventory,
      '--data-dir',
      join(directory, 'lab'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await started(child, /Control API/, 'the lab');
  // SSH only, as the single-process figure polls.
  const inventory = parse(readFileSync(labInventory, 'utf8')) as {
    devices: Record<string, { snmp?: unknown }>;
  };
  for (const device of Object.values(inventory.devices)) delete device.snmp;
  const file = join(directory, 'inventory.yaml');
  writeFileSync(file, stringify(inventory));
  return { child, inventory: file };
}

async function singleProcess(devices: readonly InventoryDevice[]): Promise<number> {
  const ssh = new SshCollector({
    knownHosts: new KnownHosts(join(directory, 'single-known-hosts.json')),
    concurrency: CONCURRENCY,
  });
  let next = 0;
  let polls = 0;
  const loop = async (until: number, count: boolean): Promise<void> => {
    while (performance.now() < until) {
      const device = devices[next++ % devices.length]!;
      await runPollJob(pollJobFor(device), device, ssh);
      if (count) polls += 1;
    }
  };
  // One pass to log in everywhere, then the window.
  await Promise.all(Array.from({ length: CONCURRENCY }, () => loop(performance.now() + 10_000, false)));
  const begin = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, () => loop(begin + WINDOW_SECONDS * 1000, true)));
  ssh.close();
  return (polls / ((performance.now() - begin) / 1000)) * 60;
}

function jobsFor(devices: readonly InventoryDevice[], rounds: number, from: number) {
  return Array.from({ length: rounds }, (_, round) =>
    devices.map((device) => ({
      name: 'poll',
      data: { ...pollJobFor(device), slot: from + round, intervalSeconds: 60, onDemand: true } as PollJobData,
      opts: { jobId: pollJobId(device.name, from + round), priority: SLOT_PRIORITY, removeOnComplete: true },
    })),
  ).flat();
}

async function totalPolls(redis: Redis): Promise<number> {
  const counters = await redis.hgetall(WORKER_COUNTERS_KEY);
  return Object.entries(counters)
    .filter(([key]) => key.endsWith('|polls'))
    .reduce((total, [, value]) => total + Number(value), 0);
}

async function throughWorkers(
  workers: number,
  url: string,
  inventory: string,
  devices: readonly InventoryDevice[],
): Promise<number> {
  const connection = queueConnection(url);
  const queue = new Queue(POLL_QUEUE, { connection });
  const redis = new Redis(connection);
  await queue.obliterate({ force: true });
  await redis.del(WORKER_COUNTERS_KEY);
  const config = join(directory, 'worker.yaml');
  writeFileSync(
    config,
    stringify({
      dataDir: directory,
      storage: { kind: 'sqlite', path: join(directory, `samples-${workers}.db`) },
    }),
  );
  const children = Array.from({ length: workers }, (_, index) =>
    spawn(
      process.execPath,
      [
        ...[CLI, 'worker', '--queue', url, '--inventory', inventory, '--config', config],
        ...['--name', `bench-${index + 1}`, '--concurrency', String(Math.ceil(CONCURRENCY / workers))],
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    ),
  );
  await Promise.all(children.map((child) => started(child, /Ctrl-C stops/, 'a worker')));
  // Enough rounds that the queue never runs dry in the window.
  await queue.addBulk(jobsFor(devices, 2, 0));
  while ((await totalPolls(redis)) < devices.length) await sleep(200);
  await queue.addBulk(jobsFor(devices, Math.ceil((WINDOW_SECONDS * 60) / devices.length) + 20, 2));
  const before = await totalPolls(redis);
  const begin = performance.now();
  await sleep(WINDOW_SECONDS * 1000);
  const polls = (await totalPolls(redis)) - before;
  const perMinute = (polls / ((performance.now() - begin) / 1000)) * 60;
  await Promise.all(children.map(stop));
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  return perMinute;
}

async function memoryPerThousandJobs(url: string, devices: readonly InventoryDevice[]): Promise<number> {
  const connection = queueConnection(url);
  const queue = new Queue(POLL_QUEUE, { connection });
  const redis = new Redis(connection);
  await queue.obliterate({ force: true });
  const used = async (): Promise<number> => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
  const before = await used();
  const rounds = Math.ceil(10_000 / devices.length);
  const jobs = jobsFor(devices, rounds, 1_000_000).map((job) => ({
    ...job,
    opts: {
      ...job.opts,
      priority: ON_DEMAND_PRIORITY,
      attempts: 3,
      backoff: { type: 'exponential', delay: 2_000 },
    },
  }));
  await queue.addBulk(jobs);
  const perThousand = ((await used()) - before) / (jobs.length / 1000);
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  return perThousand;
}

async function resultBytes(devices: readonly InventoryDevice[]): Promise<{ raw: number; encoded: number }> {
  const ssh = new SshCollector({
    knownHosts: new KnownHosts(join(directory, 'single-known-hosts.json')),
    concurrency: 1,
  });
  const spoke = devices.find((device) => device.role === 'spoke')!;
  const snapshot = await runPollJob(pollJobFor(spoke), spoke, ssh);
  ssh.close();
  const result = { snapshot, snmp: null, slot: 0 };
  return { raw: JSON.stringify(result).length, encoded: encodePollResult(result).length };
}

const redisPort = await freePort();
const redis = spawn(
  '/usr/bin/redis-server',
  [
    '--port',
    String(redisPort),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    directory,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const lab = await startLabProcess();
try {
  await started(redis, /Ready to accept connections/, 'redis-server');
  const url = `redis://127.0.0.1:${redisPort}`;
  const devices = loadInventory(lab.inventory, {}).devices;
  process.stdout.write(
    `dmvpn-watch queue benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
      `${cpus()[0]?.model.trim() ?? 'CPU'} x${cpus().length}; lab of ${SPOKES} spokes (${devices.length} devices) ` +
      `in a child process; ${CONCURRENCY} polls at once in all; ${WINDOW_SECONDS} s per figure\n\n`,
  );
  const single = await singleProcess(devices);
  process.stdout.write(`  one process, no queue        ${single.toFixed(0).padStart(6)} polls/min\n`);
  for (const workers of [1, 2, 4]) {
    const perMinute = await throughWorkers(workers, url, lab.inventory, devices);
    process.stdout.write(
      `  ${String(workers).padStart(1)} worker process(es), queue  ${perMinute.toFixed(0).padStart(6)} polls/min` +
        `  (load average ${loadavg()[0]!.toFixed(1)})\n`,
    );
  }
  const memory = await memoryPerThousandJobs(url, devices);
  const bytes = await resultBytes(devices);
  process.stdout.write(
    `\n  Redis memory per 1,000 queued poll jobs: ${(memory / 1024 / 1024).toFixed(2)} MB (INFO used_memory)\n` +
      `  one spoke's poll result: ${(bytes.raw / 1024).toFixed(1)} KB JSON, ` +
      `${(bytes.encoded / 1024).toFixed(1)} KB gzip+base64 as the job's result\n`,
  );
} finally {
  await stop(lab.child);
  await stop(redis);
  rmSync(directory, { recursive: true, force: true });
}
