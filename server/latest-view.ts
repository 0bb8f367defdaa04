// What the API reads of every device's latest poll, kept in memory: its collection time and errors, its own
// addresses and its DMVPN peers. Filled once from the state store, then from each poll on the bus, so that the
// device list and the topology of thousands of spokes do not parse every stored snapshot on each request.

import type { DmvpnPeer } from '../model/records/dmvpn.js';
import type { CollectionError, DeviceSnapshot } from '../model/snapshot.js';
import { ownAddresses, type OwnAddresses } from './device-addresses.js';
import type { EventBus } from './event-bus.js';

export interface DeviceLatest {
  device: string;
  role: DeviceSnapshot['role'];
  /** Collection time of the latest snapshot with output. */
  collectedAt: number;
  /** Errors of the latest poll, even one that collected nothing. */
  errors: CollectionError[];
  own: OwnAddresses;
  peers: DmvpnPeer[];
}

function dmvpnPeers(snapshot: DeviceSnapshot): DmvpnPeer[] {
  // `show dmvpn` and `show dmvpn detail` list the same peers: keep one of each.
  const byKey = new Map<string, DmvpnPeer>();
  for (const output of snapshot.outputs)
    for (const record of output.parsed.records as DmvpnPeer[])
      if (record.kind === 'dmvpn_peer')
        byKey.set(`${record.interface}|${record.peerNbma}|${record.peerTunnel}`, record);
  return [...byKey.values()];
}

export function deviceLatest(snapshot: DeviceSnapshot): DeviceLatest {
  return {
    device: snapshot.device,
    role: snapshot.role,
    collectedAt: snapshot.collectedAt,
    errors: snapshot.errors,
    own: ownAddresses(snapshot),
    peers: dmvpnPeers(snapshot),
  };
}

export class LatestView {
  private readonly byDevice = new Map<string, DeviceLatest>();
  /** Bumped by every change: what is built from the view (the topology) is kept until it moves. */
  version = 0;
  private readonly stop: () => void;

  constructor(snapshots: readonly DeviceSnapshot[], bus: EventBus) {
    for (const snapshot of snapshots) this.update(snapshot);
    this.stop = bus.subscribe('poll', ({ snapshot }) => this.update(snapshot));
  }

  private update(snapshot: DeviceSnapshot): void {
    const known = this.byDevice.get(snapshot.device);
    // A poll that collected nothing is not stored: the last state stands, with this poll's errors.
    if (snapshot.outputs.length === 0) {
      if (known) known.errors = snapshot.errors;
      return;
    }
    if (known && known.collectedAt > snapshot.collectedAt) return;
    this.byDevice.set(snapshot.device, deviceLatest(snapshot));
    this.version += 1;
  }

  get(device: string): DeviceLatest | undefined {
    return this.byDevice.get(device);
  }

  all(): DeviceLatest[] {
    return [...this.byDevice.values()];
  }

  close(): void {
    this.stop();
  }
}
