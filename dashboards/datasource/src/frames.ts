// API answers as Grafana data frames: findings as tables, the topology as the nodes and edges frames of the Node
// Graph panel, tunnel events as annotation rows. Plain frame objects (DataFrameDTO): Grafana, or createDataFrame,
// turns them into DataFrames.

import type { DataFrameDTO, FieldConfig, FieldDTO, FieldType, MappingType } from '@grafana/data';
import type {
  DiagnosedFinding,
  StoredFinding,
  Topology,
  TopologyEdge,
  TopologyNode,
  TunnelEvent,
} from './api-types.js';

// FieldType and MappingType are string enums that Grafana provides at run time; these are its values.
const STRING = 'string' as FieldType.string;
const NUMBER = 'number' as FieldType.number;
const TIME = 'time' as FieldType.time;
const OTHER = 'other' as FieldType.other;
const VALUE_MAPPING = 'value' as MappingType.ValueToText;

/** Grafana's own palette, as HTML colours (the Node Graph panel's `color` field takes those). */
export const COLORS = {
  green: '#73BF69',
  orange: '#FF9830',
  red: '#F2495C',
  yellow: '#FADE2A',
  blue: '#5794F2',
  grey: '#8E8E8E',
} as const;

export type TunnelHealth = 'up' | 'halfway' | 'down';

/** UP is up; INTF and DOWN mean the tunnel is gone; NHRP, IKE, IPSEC and BFD are half-way (a layer is failing). */
export function tunnelHealth(state: string): TunnelHealth {
  if (state === 'UP') return 'up';
  if (state === 'DOWN' || state === 'INTF') return 'down';
  return 'halfway';
}

const HEALTH_COLOR: Record<TunnelHealth, string> = {
  up: COLORS.green,
  halfway: COLORS.orange,
  down: COLORS.red,
};

export const stateColor = (state: string): string => HEALTH_COLOR[tunnelHealth(state)];

const SEVERITY_COLOR: Record<StoredFinding['severity'], string> = {
  critical: COLORS.red,
  major: COLORS.orange,
  minor: COLORS.yellow,
  info: COLORS.blue,
};

const field = <T>(name: string, type: FieldType, values: T[], config: FieldConfig = {}): FieldDTO<T> => ({
  name,
  type,
  values,
  config,
});

const fixedColor = (color: string): FieldConfig => ({ color: { mode: 'fixed', fixedColor: color } });

// ---- topology

type NodeTally = Record<TunnelHealth, number>;

function tallyByNode(edges: readonly TopologyEdge[]): Map<string, NodeTally> {
  const tallies = new Map<string, NodeTally>();
  for (const edge of edges)
    for (const end of [edge.source, edge.target]) {
      const tally = tallies.get(end) ?? { up: 0, halfway: 0, down: 0 };
      tally[tunnelHealth(edge.state)] += 1;
      tallies.set(end, tally);
    }
  return tallies;
}

/** Every tunnel up: green; none up: red; some: orange; no tunnel at all: grey. */
export function nodeColor(tally: NodeTally | undefined): string {
  if (!tally) return COLORS.grey;
  const total = tally.up + tally.halfway + tally.down;
  if (tally.up === total) return COLORS.green;
  if (tally.up === 0) return COLORS.red;
  return COLORS.orange;
}

const nodeTitle = (node: TopologyNode): string => node.device ?? node.nbma[0] ?? node.id;

const nodeSubtitle = (node: TopologyNode): string =>
  [node.role === 'unknown' ? 'not in inventory' : node.role, ...node.nbma].join(' ');

/** The part of a node's tunnels in one health, 0 to 1 (the arcs of a node add up to 1). */
const share = (tally: NodeTally | undefined, health: TunnelHealth): number => {
  const total = tally ? tally.up + tally.halfway + tally.down : 0;
  return total === 0 ? 0 : tally![health] / total;
};

const columns =
  <R>(rows: readonly R[]) =>
  <T>(name: string, type: FieldType, pick: (row: R) => T, config: FieldConfig = {}): FieldDTO<T> =>
    field(name, type, rows.map(pick), config);

export function topologyFrames(topology: Topology, refId?: string): DataFrameDTO[] {
  const tallies = tallyByNode(topology.edges);
  const tally = (node: TopologyNode) => tallies.get(node.id);
  const meta = { preferredVisualisationType: 'nodeGraph' as const };
  const node = columns(topology.nodes);
  const edge = columns(topology.edges);
  const nodesFrame: DataFrameDTO = {
    name: 'nodes',
    refId,
    meta,
    fields: [
      node('id', STRING, (row) => row.id),
      node('title', STRING, nodeTitle),
      node('subtitle', STRING, nodeSubtitle),
      node('mainstat', NUMBER, (row) => tally(row)?.up ?? 0, { displayName: 'tunnels up' }),
      node('secondarystat', NUMBER, (row) => (tally(row)?.halfway ?? 0) + (tally(row)?.down ?? 0), {
        displayName: 'tunnels not up',
      }),
      node('color', STRING, (row) => nodeColor(tally(row))),
      node('arc__up', NUMBER, (row) => share(tally(row), 'up'), {
        ...fixedColor(COLORS.green),
        displayName: 'up',
      }),
      node('arc__halfway', NUMBER, (row) => share(tally(row), 'halfway'), {
        ...fixedColor(COLORS.orange),
        displayName: 'NHRP / IKE / IPsec',
      }),
      node('arc__down', NUMBER, (row) => share(tally(row), 'down'), {
        ...fixedColor(COLORS.red),
        displayName: 'down',
      }),
      node('detail__role', STRING, (row) => row.role, { displayName: 'Role' }),
      node('detail__nbma', STRING, (row) => row.nbma.join(', '), { displayName: 'NBMA' }),
      node('detail__tunnel', STRING, (row) => row.tunnel.join(', '), { displayName: 'Tunnel addresses' }),
    ],
  };
  const edgesFrame: DataFrameDTO = {
    name: 'edges',
    refId,
    meta,
    fields: [
      edge('id', STRING, (row) => row.id),
      edge('source', STRING, (row) => row.source),
      edge('target', STRING, (row) => row.target),
      edge('mainstat', STRING, (row) => row.state, { displayName: 'state' }),
      edge('secondarystat', STRING, (row) => row.kind, { displayName: 'kind' }),
      edge('color', STRING, (row) => stateColor(row.state)),
      edge('detail__ends', STRING, edgeEnds, { displayName: 'As each end sees it' }),
    ],
  };
  return [nodesFrame, edgesFrame];
}

const edgeEnds = (edge: TopologyEdge): string =>
  edge.ends.map((end) => `${end.device} ${end.interface ?? '?'} -> ${end.peerNbma}: ${end.state}`).join('; ');

// ---- findings

const severityConfig: FieldConfig = {
  mappings: [
    {
      type: VALUE_MAPPING,
      options: Object.fromEntries(
        Object.entries(SEVERITY_COLOR).map(([severity, color], index) => [severity, { color, index }]),
      ),
    },
  ],
  custom: { cellOptions: { type: 'color-text' } },
};

const evidenceText = (finding: StoredFinding | DiagnosedFinding): string =>
  finding.evidence.map((line) => `${line.device} ${line.command} #${line.line}: ${line.text}`).join('\n');

/** The columns every finding has, in the order a NOC reads them. */
function findingFields(findings: readonly (StoredFinding | DiagnosedFinding)[]): FieldDTO[] {
  const column = columns(findings);
  return [
    column('severity', STRING, (row) => row.severity, severityConfig),
    column('device', STRING, (row) => row.device),
    column('interface', STRING, (row) => row.interface ?? null),
    column('peer', STRING, (row) => row.peer ?? null),
    column('layer', STRING, (row) => row.layer),
    column('rule', STRING, (row) => row.rule),
    column('title', STRING, (row) => row.title),
    column('explanation', STRING, (row) => row.explanation),
    column('remediation', STRING, (row) => row.remediation),
    column('evidence', STRING, evidenceText),
    column('since', TIME, (row) => row.since),
  ];
}

export function findingsFrame(findings: readonly StoredFinding[], refId?: string): DataFrameDTO {
  const column = columns(findings);
  return {
    name: 'findings',
    refId,
    meta: { preferredVisualisationType: 'table' },
    fields: [
      column('last seen', TIME, (row) => row.lastSeen),
      ...findingFields(findings),
      column('cleared', TIME, (row) => row.clearedAt),
    ],
  };
}

/** A diagnosis report's findings, ranked: the first is the most likely root cause. */
export function diagnosisFrame(findings: readonly DiagnosedFinding[], refId?: string): DataFrameDTO {
  const column = columns(findings);
  return {
    name: 'diagnosis',
    refId,
    meta: { preferredVisualisationType: 'table' },
    fields: [
      field(
        'rank',
        NUMBER,
        findings.map((_, index) => index + 1),
      ),
      column('confidence', STRING, (row) => row.confidence),
      ...findingFields(findings),
      column('affected', STRING, (row) => row.affected.join(', ')),
      column('to confirm', STRING, (row) => row.toConfirm.join('\n')),
    ],
  };
}

// ---- tunnel events

/** One row per tunnel state change, with the time/title/text/tags fields Grafana turns into annotations. */
export function eventsFrame(events: readonly TunnelEvent[], refId?: string): DataFrameDTO {
  const column = columns(events);
  return {
    name: 'tunnel events',
    refId,
    fields: [
      column('time', TIME, (row) => row.at),
      column('title', STRING, (row) => `${row.device} ${row.interface}: ${row.from} -> ${row.to}`),
      column('text', STRING, (row) => `peer ${row.peer}, ${row.from} -> ${row.to} (seen by ${row.source})`),
      column('tags', OTHER, (row) => [row.device, row.to, row.source]),
      column('device', STRING, (row) => row.device),
      column('interface', STRING, (row) => row.interface),
      column('peer', STRING, (row) => row.peer),
      column('from', STRING, (row) => row.from),
      column('to', STRING, (row) => row.to),
      column('source', STRING, (row) => row.source),
    ],
  };
}
