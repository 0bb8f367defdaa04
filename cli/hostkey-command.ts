// `dmvpn-watch hostkey forget DEVICE`: accept a router's new SSH host key (a router replaced or re-keyed). The pinned
// key of the device's address and port is removed; the next connection pins the key the router offers then.

import type { Command } from 'commander';
import { InventoryError, loadInventory } from '../collectors/inventory/load.js';
import { endpointOf, KnownHosts } from '../collectors/ssh/known-hosts.js';
import { loadServeConfig, ServeConfigError } from './serve/config.js';

export function addHostKeyCommands(program: Command): void {
  program
    .command('hostkey')
    .description('Manage the pinned SSH host keys of the routers (data/known-hosts.jsonl).')
    .command('forget')
    .description("Forget a device's pinned host key; the next poll pins the key the router offers.")
    .argument('<device>', 'device name as in the inventory')
    .requiredOption('-i, --inventory <file>', 'inventory YAML')
    .option('-c, --config <file>', 'configuration YAML (where the known host keys are kept)')
    .action((name: string, options: { inventory: string; config?: string }) => {
      try {
        const config = loadServeConfig(options.config);
        const device = loadInventory(options.inventory).devices.find((candidate) => candidate.name === name);
        if (!device) throw new InventoryError(options.inventory, [`no device named "${name}"`]);
        const knownHosts = new KnownHosts(config.knownHostsFile);
        const pinned = knownHosts.pinned(device.host, device.port);
        const endpoint = endpointOf(device.host, device.port);
        if (!pinned || !knownHosts.forget(device.host, device.port)) {
          process.stdout.write(
            `${name}: no host key is pinned for ${endpoint} in ${config.knownHostsFile}\n`,
          );
          process.exitCode = 1;
          return;
        }
        process.stdout.write(
          `${name}: forgot ${pinned.type} ${pinned.fingerprint} of ${endpoint} (pinned ${pinned.pinnedAt}); ` +
            'the next connection pins the key the router offers.\n',
        );
      } catch (error) {
        if (!(error instanceof InventoryError) && !(error instanceof ServeConfigError)) throw error;
        process.stderr.write(`dmvpn-watch hostkey forget: ${error.message}\n`);
        process.exitCode = 2;
      }
    });
}
