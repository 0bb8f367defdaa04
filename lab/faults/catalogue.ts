// The faults the lab can inject, ordered by layer, and how one is applied to a network and recorded there.

import type { AppliedFault, LabNetwork } from '../model/network.js';
import { eventFaults } from './events.js';
import { defaultTargetOf, type FaultLayer, type LabFault } from './fault.js';
import { ikeFaults } from './ike.js';
import { ipsecFaults } from './ipsec.js';
import { mtuFaults } from './mtu.js';
import { nhrpFaults } from './nhrp.js';
import { routingFaults } from './routing.js';
import { stormFaults } from './storm.js';
import { tunnelFaults } from './tunnel.js';
import { underlayFaults } from './underlay.js';

/** faults.md's order: the bring-up order of a spoke, then what only history shows. */
export const LAYER_ORDER: readonly FaultLayer[] = [
  'underlay',
  'tunnel',
  'nhrp',
  'ike',
  'ipsec',
  'mtu',
  'routing',
  'history',
];

export const faultCatalogue: readonly LabFault[] = [
  ...underlayFaults,
  ...tunnelFaults,
  ...nhrpFaults,
  ...ikeFaults,
  ...stormFaults,
  ...ipsecFaults,
  ...mtuFaults,
  ...routingFaults,
  ...eventFaults,
].sort((a, b) => LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer));

const byId = new Map(faultCatalogue.map((fault) => [fault.id, fault]));

export function findFault(id: string): LabFault | undefined {
  return byId.get(id);
}

/** True when a network with these options can have the fault (its phase, IKE version, routing, size). */
export function faultFits(fault: LabFault, network: LabNetwork): boolean {
  return fault.requires === null || fault.requires.met(network.options);
}

/**
 * Applies a fault to the named router (by default the one the fault names, hub1 or spoke1 mostly) and records it in
 * `network.faults`, once however often it is applied.
 */
export function applyFault(network: LabNetwork, id: string, target?: string): AppliedFault {
  const fault = findFault(id);
  if (!fault) {
    throw new Error(`unknown fault "${id}"; the lab's faults are: ${[...byId.keys()].join(', ')}`);
  }
  const applied: AppliedFault = { id, target: target ?? defaultTargetOf(fault, network.options) };
  fault.apply(network, applied.target);
  const recorded = network.faults.some((entry) => entry.id === id && entry.target === applied.target);
  if (!recorded) network.faults.push(applied);
  return applied;
}
