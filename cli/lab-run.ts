// `dmvpn-watch lab`: runs the simulated network on the wire until SIGINT or SIGTERM.

import type { Command } from 'commander';
import { writeInventory } from '../lab/control/inventory.js';
import type { RunningLab } from '../lab/control/run-lab.js';
import { LabSettingsError } from '../lab/control/settings.js';
import { describeRunningLab } from './lab-access-table.js';
import { LAB_OPTION_DEFAULTS, LabOptionError } from './lab-options.js';
import { LAB_RUN_DEFAULTS, parseLabRunOptions, type LabRunCliOptions } from './lab-run-options.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Starts the lab, prints how to reach it, and closes it on the first SIGINT or SIGTERM. */
export async function runLab(options: LabRunCliOptions): Promise<void> {
  let running: RunningLab;
  try {
    const input = parseLabRunOptions(options);
    // Loaded here so the other commands do not load the SSH, SNMP and HTTP servers.
    const { startLab } = await import('../lab/control/run-lab.js');
    running = await startLab(input);
  } catch (error) {
    const usage = error instanceof LabOptionError || error instanceof LabSettingsError;
    process.stderr.write(`dmvpn-watch lab: ${(error as Error).message}\n`);
    process.exitCode = usage ? 2 : 1;
    return;
  }
  if (options.inventoryOut) {
    try {
      writeInventory(options.inventoryOut, running.inventory(), running.controlUrl);
    } catch (error) {
      process.stderr.write(
        `dmvpn-watch lab: --inventory-out ${options.inventoryOut}: ${(error as Error).message}\n`,
      );
      await running.close();
      process.exitCode = 1;
      return;
    }
  }
  process.stdout.write(describeRunningLab(running, options.inventoryOut));
  const stop = (signal: NodeJS.Signals): void => {
    process.stdout.write(`\n${signal}: stopping the lab\n`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`dmvpn-watch lab: closing: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function addLabRun(lab: Command): void {
  lab
    .enablePositionalOptions()
    .option('--spokes <n>', 'spokes, 1 to 5000', LAB_OPTION_DEFAULTS.spokes)
    .option('--hubs <n>', 'hubs, 1 or 2', LAB_OPTION_DEFAULTS.hubs)
    .option('--phase <n>', 'DMVPN phase, 1 to 3', LAB_OPTION_DEFAULTS.phase)
    .option('--ike <version>', 'v1 or v2', LAB_OPTION_DEFAULTS.ike)
    .option('--routing <protocol>', 'eigrp, ospf or bgp', LAB_OPTION_DEFAULTS.routing)
    .option(
      '--nat-spokes <n>',
      'how many spokes (the last ones) sit behind NAT',
      LAB_OPTION_DEFAULTS.natSpokes,
    )
    .option('--seed <n>', 'seed of the per-router variation', LAB_OPTION_DEFAULTS.seed)
    .option('--fault <id[@device]>', 'inject a fault at start (repeatable; see `lab faults`)', collect, [])
    .option('--speed <x>', 'lab seconds per wall second', LAB_RUN_DEFAULTS.speed)
    .option(
      '--ssh-port <port>',
      'shared SSH port, the router chosen by username (0: a free port)',
      LAB_RUN_DEFAULTS.sshPort,
    )
    .option(
      '--ssh-base-port <port>',
      'router i on port P+i, its own host key (0: a free port each)',
      LAB_RUN_DEFAULTS.sshBasePort,
    )
    .option(
      '--snmp-port <port>',
      'shared SNMP port: community COMMUNITY@router, v3 context router',
      LAB_RUN_DEFAULTS.snmpPort,
    )
    .option('--syslog <udp|tcp:host:port>', "send each router's log messages there (repeatable)", collect, [])
    .option('--trap <v2c|v3:host:port>', "send each router's traps there (repeatable)", collect, [])
    .option(
      '--control-port <port>',
      'control API port on 127.0.0.1 (0: a free port)',
      LAB_RUN_DEFAULTS.controlPort,
    )
    .option('--inventory-out <file>', 'write an inventory YAML of every router for dmvpn-watch')
    .option(
      '--data-dir <dir>',
      'SSH host keys and the control file of the running lab',
      LAB_RUN_DEFAULTS.dataDir,
    )
    .action(runLab);
}
