// `dmvpn-watch worker` (a collector worker: poll jobs from the queue, samples to the configured store, results back
// to the server) and `dmvpn-watch workers` (who is working, how deep the queue is).

import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InventoryError, loadInventory } from '../collectors/inventory/load.js';
import { startEventRelay, type RunningEventRelay } from '../collectors/queue/event-relay.js';
import { startPollWorker } from '../collectors/queue/poll-worker.js';
import { QueueAddressError, queueConnection } from '../collectors/queue/queue-connection.js';
import { queueStatus } from '../collectors/queue/worker-status.js';
import { KnownHosts } from '../collectors/ssh/known-hosts.js';
import { openStorage } from '../storage/open-storage.js';
import { readSecret } from '../storage/secrets.js';
import { loadServeConfig, ServeConfigError, type ServeConfig } from './serve/config.js';
import { pollSamples } from './serve/store-sink.js';

interface WorkerOptions {
  queue: string;
  concurrency: string;
  inventory?: string;
  config?: string;
  name?: string;
  lockSeconds: string;
}

function failed(command: string, error: unknown): void {
  const usage =
    error instanceof InventoryError ||
    error instanceof ServeConfigError ||
    error instanceof QueueAddressError;
  if (!usage) throw error;
  process.stderr.write(`dmvpn-watch ${command}: ${(error as Error).message}\n`);
  process.exitCode = 2;
}

function positive(value: string, option: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new ServeConfigError(`${option} must be a positive whole number, not "${value}"`);
  return number;
}

function secret(reference: { env: string } | { file: string }): string {
  return readSecret('env' in reference ? { env: reference.env } : { file: reference.file }) ?? '';
}

function trapListener(traps: ServeConfig['traps']) {
  return (
    traps && {
      host: traps.host,
      port: traps.port,
      communities: traps.communities.map(secret),
      users: traps.users.map((user) => ({
        ...user,
        authKey: secret(user.authKey),
        privKey: secret(user.privKey),
      })),
    }
  );
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

async function runWorker(options: WorkerOptions): Promise<void> {
  const connection = queueConnection(options.queue);
  const concurrency = positive(options.concurrency, '--concurrency');
  const lockMs = positive(options.lockSeconds, '--lock-seconds') * 1000;
  const config = loadServeConfig(options.config);
  // With no inventory, the one `serve` writes for the simulated network in the same data folder.
  const inventory = loadInventory(options.inventory ?? join(config.dataDir, 'lab', 'inventory.yaml'));
  const name = options.name ?? `${hostname()}-${process.pid}`;
  const stopped = stopSignal();
  const report = (error: Error): void => void process.stderr.write(`worker ${name}: ${error.message}\n`);
  const storage = openStorage(config.storage, { onError: report });
  const worker = await startPollWorker({
    connection,
    name,
    devices: inventory.devices,
    inventoryFile: inventory.file,
    knownHosts: new KnownHosts(config.knownHostsFile),
    concurrency,
    lockMs,
    onPoll: ({ snapshot, snmp }) => storage.timeSeries.write(pollSamples(snapshot, snmp)),
    onError: report,
  });
  let relay: RunningEventRelay | null = null;
  if (config.syslog || config.traps)
    relay = await startEventRelay({
      connection,
      devices: inventory.devices,
      syslog: config.syslog,
      traps: trapListener(config.traps),
      onError: report,
    });
  process.stdout.write(
    `Worker ${name}: ${inventory.devices.length} devices from ${inventory.file}, ${concurrency} polls at once, ` +
      `queue ${connection.host}:${connection.port}. Ctrl-C stops.\n`,
  );
  await stopped;
  process.stdout.write('Stopping: finishing the polls under way...\n');
  await relay?.close();
  await worker.close();
  await storage.close();
  process.stdout.write(`Worker ${name} stopped.\n`);
}

async function printWorkers(options: { queue: string }): Promise<void> {
  const status = await queueStatus(queueConnection(options.queue));
  const depth = Object.entries(status.depth)
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
  const rows = status.workers.map((worker) => [
    worker.name,
    worker.address,
    `${worker.ageSeconds} s`,
    String(worker.polls),
    String(worker.failures),
  ]);
  const header = ['worker', 'address', 'up', 'polls', 'failures'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    [`poll jobs: ${depth}`, `${status.workers.length} worker(s)`, line(header), ...rows.map(line)].join(
      '\n',
    ) + '\n',
  );
}

export function addWorkerCommands(program: Command): void {
  program
    .command('worker')
    .description(
      'Run a collector worker: take poll jobs from the queue, poll with this machine’s inventory and credentials, ' +
        'write the samples to the configured store and return each snapshot to the server.',
    )
    .requiredOption('-q, --queue <url>', 'the queue’s Redis, redis://HOST:PORT')
    .option('--concurrency <n>', 'polls run at once', '10')
    .option('-i, --inventory <file>', 'inventory YAML (default: the simulated network’s, in the data folder)')
    .option('-c, --config <file>', 'configuration YAML (storage, known host keys, syslog and trap listeners)')
    .option('--name <name>', 'name shown by `dmvpn-watch workers` (default: host name and process id)')
    .option(
      '--lock-seconds <n>',
      'how long a job stays claimed without a sign of life: the job of a worker that dies is taken over after ' +
        'about twice this',
      '30',
    )
    .action(async (options: WorkerOptions) => {
      try {
        await runWorker(options);
      } catch (error) {
        failed('worker', error);
      }
    });

  program
    .command('workers')
    .description(
      'List the collector workers on the queue, the queue’s depth, and each worker’s polls and failures.',
    )
    .requiredOption('-q, --queue <url>', 'the queue’s Redis, redis://HOST:PORT')
    .action(async (options: { queue: string }) => {
      try {
        await printWorkers(options);
      } catch (error) {
        failed('workers', error);
      }
    });
}
