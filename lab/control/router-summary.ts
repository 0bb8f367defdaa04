// A router's state at the lab's current second in a few numbers: what a control client checks after a change.

import type { PeerState, RouterState } from '../model/state.js';
import type { AppliedFault } from '../model/network.js';

export interface RouterSummary {
  hostname: string;
  role: RouterState['role'];
  atSeconds: number;
  uptimeSeconds: number;
  /** DMVPN peers over every tunnel, and how many are in each state. */
  peers: number;
  peerStates: Record<PeerState, number>;
  nhs: { nhs: string; flags: string }[];
  ikeSas: { total: number; up: number };
  ipsecPeers: number;
  routingNeighbors: number;
  interfacesDown: string[];
  /** The injected faults that name this router. */
  faults: AppliedFault[];
}

const IKE_UP_STATES = new Set(['QM_IDLE', 'READY']);

export function summarizeRouter(state: RouterState, faults: readonly AppliedFault[]): RouterSummary {
  const peerStates: Record<PeerState, number> = { UP: 0, NHRP: 0, IKE: 0, IPSEC: 0, INTF: 0, DOWN: 0 };
  let peers = 0;
  for (const tunnel of state.dmvpn) {
    for (const peer of tunnel.peers) {
      peers += 1;
      peerStates[peer.state] += 1;
    }
  }
  return {
    hostname: state.hostname,
    role: state.role,
    atSeconds: state.atSeconds,
    uptimeSeconds: state.uptimeSeconds,
    peers,
    peerStates,
    nhs: state.nhs.map((entry) => ({ nhs: entry.nhs, flags: entry.flags })),
    ikeSas: {
      total: state.ikeSas.length,
      up: state.ikeSas.filter((sa) => IKE_UP_STATES.has(sa.state)).length,
    },
    ipsecPeers: state.ipsecSas.length,
    routingNeighbors: state.routingNeighbors.length,
    interfacesDown: state.interfaces.filter((view) => view.adminUp && !view.operUp).map((view) => view.name),
    faults: faults.filter((fault) => fault.target === state.hostname),
  };
}
