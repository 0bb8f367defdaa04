// What a lab fault is, and the checks every fault makes before it changes a router's config or the underlay.

import type { Layer } from '../../model/finding.js';
import type { Role, RouterConfig } from '../model/config.js';
import type { LabNetwork, LabOptions } from '../model/network.js';

/** The diagnosis layers, plus `history` for faults seen only over time (a flapping circuit). */
export type FaultLayer = Layer | 'history';

/** What a network must be for a fault to exist in it, e.g. phase 3 for a missing `ip nhrp redirect`. */
export interface FaultRequirement {
  /** As a sentence part: `DMVPN phase 3`, `EIGRP routing`. */
  text: string;
  met(options: LabOptions): boolean;
}

export interface LabFault {
  /** The fault id of the knowledge base (`nhrp-auth-mismatch`). */
  id: string;
  title: string;
  layer: FaultLayer;
  /** One line: what the fault breaks and what an engineer sees. */
  breaks: string;
  /** The router it goes on when none is named: hub1 or spoke1, unless `defaultRouter` picks another. */
  defaultTarget: Role;
  /** The router it goes on when none is named, for a fault that shows only on some routers of that role. */
  defaultRouter?(options: LabOptions): string;
  /** The roles it can go on. */
  roles: readonly Role[];
  /** Null when any network can have it. */
  requires: FaultRequirement | null;
  /**
   * Changes the target's config or the underlay as the fault happens in the field; applying it twice changes
   * nothing more. Throws when the target does not exist, has the wrong role, or the network cannot have the fault.
   */
  apply(network: LabNetwork, target: string): void;
}

export interface FaultDefinition extends Omit<LabFault, 'apply' | 'requires'> {
  requires?: FaultRequirement;
  /** The change itself, on a target already checked. */
  change(router: RouterConfig, network: LabNetwork): void;
}

export function defineFault(definition: FaultDefinition): LabFault {
  const { change, requires = null, ...described } = definition;
  const fault: LabFault = {
    ...described,
    requires,
    apply(network, target) {
      change(checkedTarget(fault, network, target), network);
    },
  };
  return fault;
}

/** The target's config, once the network, the router and its role are known to fit the fault. */
function checkedTarget(fault: LabFault, network: LabNetwork, target: string): RouterConfig {
  if (fault.requires && !fault.requires.met(network.options)) {
    throw new Error(
      `fault ${fault.id} needs ${fault.requires.text}; this network is ${describeOptions(network.options)}`,
    );
  }
  const router = network.routers.find((candidate) => candidate.hostname === target);
  if (!router) {
    throw new Error(
      `fault ${fault.id}: no router "${target}" in this network (it has ${describeRouters(network)})`,
    );
  }
  if (!fault.roles.includes(router.role)) {
    throw new Error(`fault ${fault.id} goes on a ${fault.roles.join(' or ')}; ${target} is a ${router.role}`);
  }
  return router;
}

function describeOptions(options: LabOptions): string {
  const routing = options.routing.toUpperCase();
  return `phase ${options.phase}, IKE${options.ike}, ${routing} routing, ${options.spokes} spokes`;
}

function describeRouters(network: LabNetwork): string {
  const hubs = network.routers.filter((router) => router.role === 'hub').map((router) => router.hostname);
  const spokes = network.routers.length - hubs.length;
  const spokeRange = spokes === 1 ? 'spoke1' : `spoke1..spoke${spokes}`;
  return spokes > 0 ? [...hubs, spokeRange].join(', ') : hubs.join(', ');
}

/** The names of the network's hubs, in order. */
export function hubNames(network: LabNetwork): string[] {
  return network.routers.filter((router) => router.role === 'hub').map((router) => router.hostname);
}

export const phase3: FaultRequirement = { text: 'DMVPN phase 3', met: (options) => options.phase === 3 };

/** Spoke-to-spoke tunnels (phase 1 sends everything through the hub). */
export const spokeToSpoke: FaultRequirement = {
  text: 'DMVPN phase 2 or 3',
  met: (options) => options.phase !== 1,
};

export const ikev1: FaultRequirement = { text: 'IKEv1', met: (options) => options.ike === 'v1' };

export const ikev2: FaultRequirement = { text: 'IKEv2', met: (options) => options.ike === 'v2' };

export const eigrp: FaultRequirement = {
  text: 'EIGRP routing',
  met: (options) => options.routing === 'eigrp',
};

export const ospf: FaultRequirement = { text: 'OSPF routing', met: (options) => options.routing === 'ospf' };

/** Routing that sends multicast hellos over the tunnel (BGP is unicast). */
export const multicastIgp: FaultRequirement = {
  text: 'EIGRP or OSPF routing',
  met: (options) => options.routing !== 'bgp',
};

/** The router a fault goes on when none is named. */
export function defaultTargetOf(fault: LabFault, options: LabOptions): string {
  return fault.defaultRouter?.(options) ?? `${fault.defaultTarget}1`;
}
