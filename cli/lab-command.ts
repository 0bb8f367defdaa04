// `dmvpn-watch lab show|faults`: what a simulated router prints, and the faults the lab can inject.

import { simulateRouter } from '../lab/engine/index.js';
import { applyFault, faultCatalogue } from '../lab/faults/catalogue.js';
import { runCommand } from '../lab/ios/commands.js';
import type { LabNetwork } from '../lab/model/network.js';
import { buildNetwork } from '../lab/network/build.js';
import { parseLabOptions, type LabCliOptions } from './lab-options.js';

export interface LabShowOptions extends LabCliOptions {
  fault: string[];
  at: string;
}

export class LabUsageError extends Error {}

/** Builds the network the options describe, with each `--fault NAME[@DEVICE]` applied. */
export function labNetwork(options: LabCliOptions & { fault: string[] }): LabNetwork {
  const network = buildNetwork(parseLabOptions(options));
  for (const spec of options.fault) {
    const [id = '', target] = spec.split('@');
    try {
      applyFault(network, id, target);
    } catch (error) {
      throw new LabUsageError(`--fault ${spec}: ${(error as Error).message}`);
    }
  }
  return network;
}

export function labShow(device: string, command: string, options: LabShowOptions): string {
  const at = Number(options.at);
  if (!Number.isFinite(at) || at < 0) throw new LabUsageError('--at must be a number of seconds, 0 or more');
  const network = labNetwork(options);
  const config = network.routers.find((router) => router.hostname === device);
  if (!config) {
    const names = network.routers.map((router) => router.hostname);
    const shown = names.length > 6 ? [...names.slice(0, 4), '...', names.at(-1)] : names;
    throw new LabUsageError(`no router named ${device} in this lab (routers: ${shown.join(', ')})`);
  }
  const state = simulateRouter(network, device, at);
  return runCommand({ config, state }, command);
}

export function labFaults(): string {
  const rows = faultCatalogue.map((fault) => [
    fault.id,
    fault.layer,
    fault.defaultTarget,
    fault.requires ? `(${fault.requires.text}) ${fault.breaks}` : fault.breaks,
  ]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((value, column) => (column < 3 ? value.padEnd(widths[column]!) : value)).join('  '))
    .join('\n');
}
