// The DMVPN topology from the latest snapshots: hubs and spokes as nodes, and each tunnel as one edge (a static
// spoke-to-hub tunnel, or a dynamic spoke-to-spoke one) with its state as each end reports it.

import type { DeviceEntry } from '../storage/state-store.js';
import { AddressBook } from './device-addresses.js';
import type { DeviceLatest } from './latest-view.js';

export interface TopologyNode {
  /** The device name, or `nbma:ADDRESS` for a peer no known device owns. */
  id: string;
  device: string | null;
  role: 'hub' | 'spoke' | 'unknown';
  nbma: string[];
  tunnel: string[];
  /** When its latest snapshot was collected; null before its first poll. */
  collectedAt: number | null;
}

export interface EdgeEnd {
  device: string;
  interface: string | null;
  /** The peer as this end lists it. */
  peerNbma: string;
  peerTunnel: string;
  state: string;
  upDownSeconds: number | null;
}

export interface TopologyEdge {
  id: string;
  /** static: a spoke's tunnel to a hub; dynamic: a spoke-to-spoke shortcut. */
  kind: 'static' | 'dynamic';
  source: string;
  target: string;
  /** `UP` when every end that lists the tunnel says UP, else the state of the end furthest from up. */
  state: string;
  up: boolean;
  ends: EdgeEnd[];
}

export interface Topology {
  generatedAt: number;
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

/** Bring-up order: the earlier a state, the further the tunnel is from up. */
const STATE_ORDER = ['DOWN', 'INTF', 'BFD', 'IKE', 'IPSEC', 'NHRP', 'UP'];

const rank = (state: string): number => {
  const index = STATE_ORDER.indexOf(state);
  return index === -1 ? 0 : index;
};

export function buildTopology(
  devices: readonly DeviceEntry[],
  latest: readonly DeviceLatest[],
  now: number,
): Topology {
  const book = new AddressBook(devices, latest);
  const nodes = new Map<string, TopologyNode>();
  for (const device of devices)
    nodes.set(device.name, {
      id: device.name,
      device: device.name,
      role: device.role,
      nbma: [],
      tunnel: [],
      collectedAt: null,
    });
  for (const entry of latest) {
    const { own } = entry;
    const node = nodes.get(entry.device);
    const role = node?.role ?? entry.role;
    nodes.set(entry.device, {
      id: entry.device,
      device: entry.device,
      role,
      nbma: own.nbma,
      tunnel: own.tunnel,
      collectedAt: entry.collectedAt,
    });
  }

  const edges = new Map<string, TopologyEdge>();
  for (const entry of latest) {
    for (const peer of entry.peers) {
      const owner = book.owner(peer.peerNbma, peer.peerTunnel);
      const far = owner ?? `nbma:${peer.peerNbma}`;
      if (!owner && !nodes.has(far))
        nodes.set(far, {
          id: far,
          device: null,
          role: 'unknown',
          nbma: [peer.peerNbma],
          tunnel: [peer.peerTunnel],
          collectedAt: null,
        });
      const [source, target] = [entry.device, far].sort() as [string, string];
      const id = `${source}~${target}`;
      const end: EdgeEnd = {
        device: entry.device,
        interface: peer.interface,
        peerNbma: peer.peerNbma,
        peerTunnel: peer.peerTunnel,
        state: peer.state,
        upDownSeconds: peer.upDownSeconds,
      };
      const edge = edges.get(id);
      if (edge) {
        edge.ends.push(end);
        continue;
      }
      const roles = [nodes.get(entry.device)?.role, nodes.get(far)?.role];
      const kind = roles.includes('hub') ? 'static' : 'dynamic';
      edges.set(id, { id, kind, source, target, state: peer.state, up: false, ends: [end] });
    }
  }
  for (const edge of edges.values()) {
    const worst = edge.ends.reduce((a, b) => (rank(b.state) < rank(a.state) ? b : a));
    edge.state = worst.state;
    edge.up = edge.ends.every((end) => end.state === 'UP');
  }
  return {
    generatedAt: now,
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...edges.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
}
