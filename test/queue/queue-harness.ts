// What the queue suites share: a real Redis on a free loopback port, the lab's inventory at a short poll interval,
// collector workers as child processes of the built CLI, and a server-side watcher that records every result.

import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { loadInventory } from '../../collectors/inventory/load.js';
import { queueConnection } from '../../collectors/queue/queue-connection.js';
import { Watcher } from '../../collectors/scheduler/watcher.js';
import { KnownHosts } from '../../collectors/ssh/known-hosts.js';
import type { RunningLab } from '../../lab/control/run-lab.js';
import type { TunnelEvent } from '../../model/finding.js';

const CLI = join(import.meta.dirname, '../../dist/cli/main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function waitFor<T>(check: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = (): void => {
      const value = check();
      if (value) resolve(value);
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(look, 100);
    };
    look();
  });
}

export interface RunningRedis {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts redis-server on a free port; a port taken between the probe and the start is tried again on another. */
export async function startRedis(directory: string): Promise<RunningRedis> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      '/usr/bin/redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const outcome = await waitFor(
      () =>
        /Ready to accept connections/.test(output) ? 'ready' : child.exitCode !== null ? 'exited' : false,
      30_000,
      'redis-server to start',
    );
    if (outcome === 'exited') {
      if (attempt < 3) continue;
      throw new Error(`redis-server exited at start:\n${output}`);
    }
    return {
      url: `redis://127.0.0.1:${port}`,
      process: child,
      async stop() {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        await exited;
      },
    };
  }
}

/** The lab's inventory as a file, every device polled every `interval`, SNMP left out to keep the polls SSH only. */
export function writeLabInventory(
  lab: RunningLab,
  file: string,
  interval: string,
  change: (
    devices: Record<string, Record<string, unknown>>,
    credentials: Record<string, unknown>,
  ) => void = () => {},
): void {
  const inventory = lab.inventory();
  const devices = inventory.devices as unknown as Record<string, Record<string, unknown>>;
  for (const device of Object.values(devices)) delete device.snmp;
  change(devices, inventory.credentials);
  writeFileSync(
    file,
    stringify({ ...inventory, defaults: { ...inventory.defaults, pollInterval: interval } }),
  );
}

/** A worker's configuration: samples to one SQLite file; with `syslogPort`, a syslog receiver on UDP there. */
export function writeWorkerConfig(directory: string, syslogPort?: number): string {
  const file = join(directory, syslogPort ? 'worker-syslog.yaml' : 'worker.yaml');
  writeFileSync(
    file,
    stringify({
      dataDir: directory,
      storage: { kind: 'sqlite', path: join(directory, 'samples.db') },
      ...(syslogPort ? { syslog: { host: '127.0.0.1', udpPort: syslogPort, tcpPort: null } } : {}),
    }),
  );
  return file;
}

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function startWorker(name: string, args: string[]): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [CLI, 'worker', '--name', name, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(
    () => /Ctrl-C stops/.test(output) || child.exitCode !== null,
    15_000,
    `worker ${name} to start`,
  );
  if (child.exitCode !== null) throw new Error(`worker ${name} exited: ${output}`);
  return {
    name,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

export interface PollSeen {
  device: string;
  slot: number;
  errors: string[];
}

export interface RecordingServer {
  watcher: Watcher;
  polls: PollSeen[];
  events: TunnelEvent[];
  errors: string[];
  /** How many results came for each device in the slot (of the polls given, all by default). */
  slotCounts(slot: number, polls?: readonly PollSeen[]): Map<string, number>;
}

export async function startRecordingServer(
  inventoryFile: string,
  redisUrl: string,
  directory: string,
  retry = { attempts: 3, backoffMs: 500 },
): Promise<RecordingServer> {
  const polls: PollSeen[] = [];
  const events: TunnelEvent[] = [];
  const errors: string[] = [];
  const watcher = await Watcher.start(
    {
      inventory: loadInventory(inventoryFile, {}),
      knownHosts: new KnownHosts(join(directory, 'server-known-hosts.json')),
      concurrency: 1,
      syslog: null,
      traps: null,
      pollAtStart: false,
      queue: { connection: queueConnection(redisUrl), ...retry },
    },
    {
      onPoll: ({ snapshot, slot }) => {
        polls.push({ device: snapshot.device, slot, errors: snapshot.errors.map((error) => error.message) });
      },
      onEvents: (fresh) => void events.push(...fresh),
      onError: (error) => errors.push(error.message),
    },
  );
  return {
    watcher,
    polls,
    events,
    errors,
    slotCounts(slot, among = polls) {
      const counts = new Map<string, number>();
      for (const poll of among)
        if (poll.slot === slot) counts.set(poll.device, (counts.get(poll.device) ?? 0) + 1);
      return counts;
    },
  };
}

/** collector_poll points written by the workers, per device. */
export function storedPolls(databaseFile: string): Map<string, number> {
  const database = new Database(databaseFile, { readonly: true });
  try {
    const rows = database
      .prepare(
        `SELECT series.tags AS tags, COUNT(*) AS points FROM sample JOIN series ON series.id = sample.series_id
         WHERE series.measurement = 'collector_poll' AND sample.field = 'ok' GROUP BY series.id`,
      )
      .all() as { tags: string; points: number }[];
    return new Map(rows.map((row) => [(JSON.parse(row.tags) as { device: string }).device, row.points]));
  } finally {
    database.close();
  }
}

export function currentSlot(intervalSeconds: number): number {
  return Math.floor(Date.now() / 1000 / intervalSeconds);
}
