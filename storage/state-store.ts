// What the API and the diagnosis engine read: devices, each one's latest snapshot, tunnel events and findings.

import type { Finding, Layer, Severity, TunnelEvent } from '../model/finding.js';
import type { DeviceRole } from '../model/sample.js';
import type { DeviceSnapshot } from '../model/snapshot.js';

export interface DeviceEntry {
  name: string;
  role: DeviceRole;
  /** Management address (host name or IP) the collectors reach the device at. */
  address: string | null;
}

export interface TunnelEventQuery {
  device?: string;
  interface?: string;
  peer?: string;
  /** Milliseconds since the epoch, inclusive. */
  from?: number;
  /** Milliseconds since the epoch, inclusive. */
  to?: number;
  /** The most recent `limit` events (still returned oldest first). */
  limit?: number;
}

export interface StoredFinding extends Finding {
  /** Milliseconds since the epoch of the last diagnosis that still reported it. */
  lastSeen: number;
  /** When a diagnosis of its device stopped reporting it; null while it is active. */
  clearedAt: number | null;
}

export interface FindingQuery {
  device?: string;
  /** true: only active findings; false: only cleared ones; absent: both. */
  active?: boolean;
  severity?: Severity;
  layer?: Layer;
}

export interface StateStore {
  upsertDevice(device: DeviceEntry): void;
  removeDevice(name: string): void;
  device(name: string): DeviceEntry | null;
  devices(): DeviceEntry[];

  /** Keeps the snapshot unless one collected later is already stored (polls can finish out of order). */
  saveSnapshot(snapshot: DeviceSnapshot): void;
  latestSnapshot(device: string): DeviceSnapshot | null;
  latestSnapshots(): DeviceSnapshot[];

  /** Inserts the events not already stored (same device, interface, peer, from, to and time); returns how many were new. */
  addTunnelEvents(events: readonly TunnelEvent[]): number;
  tunnelEvents(query?: TunnelEventQuery): TunnelEvent[];

  /**
   * Records one diagnosis of a device at `at`: the findings it reports are active (a finding keeps the `since` of
   * its first report while it stays active); the device's active findings it no longer reports are cleared.
   */
  recordDiagnosis(device: string, findings: readonly Finding[], at: number): void;
  findings(query?: FindingQuery): StoredFinding[];

  close(): void;
}
