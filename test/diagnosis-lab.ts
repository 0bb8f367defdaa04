// Builds diagnosis input from the lab: a network with a fault, simulated, each router's standard outputs parsed.

import { snapshotFromOutputs } from '../diagnosis/captures.js';
import { simulate } from '../lab/engine/index.js';
import { applyFault } from '../lab/faults/catalogue.js';
import { runCommand } from '../lab/ios/commands.js';
import type { LabNetwork, LabOptions } from '../lab/model/network.js';
import { buildNetwork } from '../lab/network/build.js';
import type { DeviceSnapshot } from '../model/snapshot.js';

export const STANDARD_COMMANDS = [
  'show dmvpn',
  'show ip nhrp nhs detail',
  'show ip nhrp',
  'show ip nhrp traffic',
  'show crypto isakmp sa',
  'show crypto ikev2 sa',
  'show crypto ipsec sa',
  'show crypto session',
  'show interfaces',
  'show ip interface brief',
  'show ip eigrp neighbors',
  'show ip ospf neighbor',
  'show logging',
  'show running-config',
];

export interface LabCase {
  options?: Partial<LabOptions>;
  fault?: { id: string; target?: string };
  routers?: string[];
  commands?: string[];
  atSeconds?: number;
  /** A change to the built network before the fault (e.g. another network-id on the hub). */
  change?: (network: LabNetwork) => void;
}

/** The snapshots of the named routers (hub1, spoke1, spoke2 and the fault's target by default). */
export function labSnapshots(labCase: LabCase): DeviceSnapshot[] {
  const network = buildNetwork({ spokes: 3, ...labCase.options });
  labCase.change?.(network);
  const applied = labCase.fault ? applyFault(network, labCase.fault.id, labCase.fault.target) : undefined;
  const states = simulate(network, labCase.atSeconds ?? 900);
  const routers = [
    ...new Set(labCase.routers ?? ['hub1', 'spoke1', 'spoke2', ...(applied ? [applied.target] : [])]),
  ];
  return routers.map((name) => {
    const config = network.routers.find((router) => router.hostname === name)!;
    const state = states.get(name)!;
    const captures = (labCase.commands ?? STANDARD_COMMANDS)
      .map((command) => ({ command, raw: runCommand({ config, state }, command) }))
      .filter((capture) => capture.raw.trim() !== '' && !capture.raw.includes('% Invalid'));
    return snapshotFromOutputs(name, captures, 1_700_000_000_000, config.role);
  });
}
