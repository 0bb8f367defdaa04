// What the diagnosis engine reports, and the tunnel state edges it tracks.

export type Severity = 'critical' | 'major' | 'minor' | 'info';
export type Layer = 'underlay' | 'tunnel' | 'nhrp' | 'ike' | 'ipsec' | 'routing' | 'mtu';

export interface Evidence {
  device: string;
  command: string;
  line: number;
  text: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  layer: Layer;
  device: string;
  interface?: string;
  peer?: string;
  title: string;
  explanation: string;
  evidence: Evidence[];
  remediation: string;
  /** Milliseconds since the epoch when the fault was first seen. */
  since: number;
}

export interface TunnelEvent {
  device: string;
  interface: string;
  peer: string;
  from: string;
  to: string;
  at: number;
  source: 'poll' | 'syslog' | 'trap';
}
