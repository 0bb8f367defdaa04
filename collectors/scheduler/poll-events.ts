// Tunnel state edges read from two successive polls of a device: a peer whose `show dmvpn` state changed, appeared or
// vanished (IOS drops a dead spoke from a hub's table), and a flap that happened between the polls, which only an
// up-time shorter than the time between them reveals. Tunnel interfaces going up or down are edges too (peer '').

import type { TunnelEvent } from '../../model/finding.js';
import type { DmvpnPeer } from '../../model/records/dmvpn.js';
import type { InterfaceDetail } from '../../model/records/system.js';
import type { DeviceSnapshot } from '../../model/snapshot.js';

/** The state a peer absent from the table is in. */
const ABSENT = 'DOWN';

function records<T>(snapshot: DeviceSnapshot, command: string, kind: string): T[] | null {
  const output = snapshot.outputs.find((candidate) => candidate.command === command);
  if (!output || output.parsed.error) return null;
  return output.parsed.records.filter((record) => (record as { kind: string }).kind === kind) as T[];
}

interface PeerTable {
  /** When the table was read (ms). */
  at: number;
  byKey: Map<string, DmvpnPeer>;
}

function peersOf(snapshot: DeviceSnapshot): PeerTable | null {
  const peers = records<DmvpnPeer>(snapshot, 'show dmvpn', 'dmvpn_peer');
  if (!peers) return null;
  const at = snapshot.outputs.find((output) => output.command === 'show dmvpn')!.collectedAt;
  return { at, byKey: new Map(peers.map((peer) => [`${peer.interface ?? ''} ${peer.peerNbma}`, peer])) };
}

/** When the peer entered its state, from its Up/Down time; null when IOS says `never` or nothing. */
function enteredAt(peer: DmvpnPeer, at: number): number | null {
  return peer.upDownSeconds === null ? null : at - peer.upDownSeconds * 1000;
}

export function tunnelEventsBetween(previous: DeviceSnapshot | null, current: DeviceSnapshot): TunnelEvent[] {
  if (!previous) return [];
  const events: TunnelEvent[] = [];
  const edge = (iface: string | null, peer: string, from: string, to: string, at: number): void => {
    events.push({ device: current.device, interface: iface ?? '', peer, from, to, at, source: 'poll' });
  };
  const before = peersOf(previous);
  const now = peersOf(current);
  if (before && now) {
    for (const [key, peer] of now.byKey) {
      const old = before.byKey.get(key);
      const since = enteredAt(peer, now.at);
      const changedAt = since !== null && since > before.at ? since : now.at;
      if (!old) {
        edge(peer.interface, peer.peerNbma, ABSENT, peer.state, changedAt);
      } else if (old.state !== peer.state) {
        edge(peer.interface, peer.peerNbma, old.state, peer.state, changedAt);
      } else if (since !== null && since > before.at) {
        // Same state at both polls, but entered after the first: it left and came back in between.
        const away = peer.state === 'UP' ? ABSENT : 'UP';
        edge(peer.interface, peer.peerNbma, peer.state, away, since - 1);
        edge(peer.interface, peer.peerNbma, away, peer.state, since);
      }
    }
    for (const [key, peer] of before.byKey) {
      if (!now.byKey.has(key) && peer.state !== ABSENT)
        edge(peer.interface, peer.peerNbma, peer.state, ABSENT, now.at);
    }
  }
  const tunnelsBefore = records<InterfaceDetail>(previous, 'show interfaces', 'interface');
  const tunnelsNow = records<InterfaceDetail>(current, 'show interfaces', 'interface');
  if (tunnelsBefore && tunnelsNow) {
    const old = new Map(tunnelsBefore.map((tunnel) => [tunnel.name, tunnel]));
    for (const tunnel of tunnelsNow) {
      const was = old.get(tunnel.name);
      if (!tunnel.name.startsWith('Tunnel') || !was || was.operUp === tunnel.operUp) continue;
      edge(tunnel.name, '', was.operUp ? 'up' : 'down', tunnel.operUp ? 'up' : 'down', current.collectedAt);
    }
  }
  return events;
}
