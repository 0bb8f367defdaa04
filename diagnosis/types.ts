// What the diagnosis engine takes and gives back.

import type { Finding, Severity, TunnelEvent } from '../model/finding.js';
import type { DeviceSnapshot } from '../model/snapshot.js';

/** A tunnel the network should have, from the inventory: a spoke registered to a hub. */
export interface ExpectedTunnel {
  hub: string;
  spoke: string;
  /** The tunnel interface on the hub, when known. */
  interface?: string;
}

export interface DiagnosisInput {
  /** The latest snapshot of each device (several snapshots of one device are read as successive polls). */
  snapshots: DeviceSnapshot[];
  /** Tunnel state edges (polls, syslog, traps) for the history rules. */
  events?: TunnelEvent[];
  /** Tunnels the inventory says must exist; a missing one is a finding even when nothing else shows it. */
  expected?: ExpectedTunnel[];
}

export interface FlapOptions {
  /** Transitions of one tunnel within `windowMinutes` that make it flapping. */
  transitions: number;
  windowMinutes: number;
  /** A flapping tunnel is resolved after this long without a transition (hysteresis). */
  stableMinutes: number;
}

export interface DiagnosisOptions {
  /** Findings below this severity are left out of the report (default: info, i.e. everything). */
  minSeverity?: Severity;
  /** Defaults: 3 transitions in 10 minutes, resolved after 15 stable minutes (faults.md). */
  flap?: Partial<FlapOptions>;
  /** The report's clock (milliseconds since the epoch); default: the newest snapshot's collection time. */
  now?: number;
}

export const DEFAULT_FLAP_OPTIONS: FlapOptions = { transitions: 3, windowMinutes: 10, stableMinutes: 15 };

/** How sure the engine is of a finding's cause. */
export type Confidence = 'confirmed' | 'probable' | 'possible';

/** A finding with what the engine knows about its certainty and what it grouped under it. */
export interface DiagnosedFinding extends Finding {
  confidence: Confidence;
  /** Devices (or peers) the cause cuts off or degrades, beyond `device` itself. */
  affected: string[];
  /** The evidence that would confirm the cause, when some is missing from the input. */
  toConfirm: string[];
  /** What the input could not show (commands not collected, the far end not captured). */
  notChecked: string[];
  /** Symptoms of this cause on other layers or devices, kept here instead of as findings of their own. */
  symptoms: Finding[];
}

export interface DiagnosedTunnel {
  /** The device whose tables show the tunnel, and its peer (a device name when known, else the address). */
  device: string;
  interface: string | null;
  peer: string;
  /** `UP`, `NHRP`, `IKE`, `IPSEC`, `INTF`, `DOWN`, or `MISSING` when expected but absent. */
  state: string;
}

export interface DiagnosisReport {
  /** Milliseconds since the epoch. */
  generatedAt: number;
  devices: { name: string; role: string; commands: string[] }[];
  /** Ranked: the first finding is the most likely root cause. */
  findings: DiagnosedFinding[];
  tunnels: DiagnosedTunnel[];
  /** Commands that would have let the engine check more. */
  missingCommands: string[];
}
