// The API's JSON as the page reads it (see /api/openapi.json).

export type Severity = 'critical' | 'major' | 'minor' | 'info';

export interface Evidence {
  device: string;
  command: string;
  line: number;
  text: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  layer: string;
  device: string;
  interface?: string;
  peer?: string;
  title: string;
  explanation: string;
  evidence: Evidence[];
  remediation: string;
  since: number;
}

export interface StoredFinding extends Finding {
  lastSeen: number;
  clearedAt: number | null;
}

export interface DiagnosedFinding extends Finding {
  confidence: 'confirmed' | 'probable' | 'possible';
  affected: string[];
  toConfirm: string[];
  notChecked: string[];
}

export interface TopologyNode {
  id: string;
  device: string | null;
  role: 'hub' | 'spoke' | 'unknown';
  nbma: string[];
  tunnel: string[];
  collectedAt: number | null;
}

export interface EdgeEnd {
  device: string;
  interface: string | null;
  peerNbma: string;
  peerTunnel: string;
  state: string;
  upDownSeconds: number | null;
}

export interface TopologyEdge {
  id: string;
  kind: 'static' | 'dynamic';
  source: string;
  target: string;
  state: string;
  up: boolean;
  ends: EdgeEnd[];
}

export interface Topology {
  generatedAt: number;
  nodes: TopologyNode[];
  edges: TopologyEdge[];
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

export interface DeviceSummary {
  name: string;
  role: 'hub' | 'spoke';
  address: string | null;
  collectedAt: number | null;
  errors: { command?: string; message: string }[];
  activeFindings: number;
}

export interface Snapshot {
  device: string;
  role: string;
  collectedAt: number;
  errors: { command?: string; message: string }[];
  outputs: {
    command: string;
    collectedAt: number;
    records: Record<string, unknown>[];
    warnings: { line: number; text: string; reason: string }[];
  }[];
}

export interface DiagnosisRun {
  id: string;
  kind: 'live' | 'offline';
  status: 'running' | 'done' | 'failed';
  step: string;
  devices: string[];
  error: string | null;
  report: {
    findings: DiagnosedFinding[];
    tunnels: { device: string; interface: string | null; peer: string; state: string }[];
    missingCommands: string[];
  } | null;
}
