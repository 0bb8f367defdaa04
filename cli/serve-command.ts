// `dmvpn-watch serve|start` (watch the network) and `dmvpn-watch poll DEVICE` (one poll, printed).

import type { Command } from 'commander';
import { InventoryError, loadInventory } from '../collectors/inventory/load.js';
import { QueueAddressError } from '../collectors/queue/queue-connection.js';
import { pollJobFor, runPollJob } from '../collectors/scheduler/poll-job.js';
import { KnownHosts } from '../collectors/ssh/known-hosts.js';
import { SshCollector } from '../collectors/ssh/ssh-collector.js';
import { loadServeConfig, ServeConfigError } from './serve/config.js';
import { runServe, type ServeOptions } from './serve/run-serve.js';

function failed(command: string, error: unknown): void {
  const usage =
    error instanceof InventoryError ||
    error instanceof ServeConfigError ||
    error instanceof QueueAddressError;
  if (!usage) throw error;
  process.stderr.write(`dmvpn-watch ${command}: ${(error as Error).message}\n`);
  process.exitCode = 2;
}

export function addServeCommands(program: Command): void {
  for (const name of ['serve', 'start']) {
    program
      .command(name)
      .description(
        name === 'serve'
          ? 'Watch the routers of the inventory (or, with none, the simulated network): poll, listen, store.'
          : 'Same as serve: what `npm start` runs.',
      )
      .option(
        '-i, --inventory <file>',
        'inventory YAML of the routers to watch (none: the simulated network)',
      )
      .option('-c, --config <file>', 'configuration YAML (storage, syslog and trap listeners, logs)')
      .option(
        '-q, --queue <url>',
        'enqueue the polls on this Redis (redis://HOST:PORT) for `dmvpn-watch worker` processes instead of polling here',
      )
      .action(async (options: ServeOptions) => {
        try {
          await runServe(options);
        } catch (error) {
          failed(name, error);
        }
      });
  }

  program
    .command('poll')
    .description('Poll one device of the inventory now and print its snapshot (JSON).')
    .argument('<device>', 'device name as in the inventory')
    .requiredOption('-i, --inventory <file>', 'inventory YAML')
    .option('-c, --config <file>', 'configuration YAML (where the known host keys are kept)')
    .action(async (name: string, options: { inventory: string; config?: string }) => {
      try {
        const config = loadServeConfig(options.config);
        const device = loadInventory(options.inventory).devices.find((candidate) => candidate.name === name);
        if (!device) throw new InventoryError(options.inventory, [`no device named "${name}"`]);
        const ssh = new SshCollector({ knownHosts: new KnownHosts(config.knownHostsFile), concurrency: 1 });
        const snapshot = await runPollJob(pollJobFor(device), device, ssh);
        ssh.close();
        process.stdout.write(`${JSON.stringify(snapshot, null, 2)}\n`);
        if (snapshot.errors.length > 0) process.exitCode = 1;
      } catch (error) {
        failed('poll', error);
      }
    });
}
