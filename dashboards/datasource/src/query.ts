// What a panel asks the datasource for: one kind of API answer and its filters.

import type { DataQuery, DataSourceJsonData } from '@grafana/data';

export type QueryKind = 'findings' | 'topology' | 'events' | 'diagnose';

export type FindingsState = 'active' | 'cleared' | 'all';

export type Severity = 'critical' | 'major' | 'minor' | 'info';

export interface DmvpnQuery extends DataQuery {
  kind: QueryKind;
  /** findings, events: one device (template variables allowed). */
  device?: string;
  /** findings: active only (default), cleared only, or both. */
  state?: FindingsState;
  /** findings: this severity only; diagnose: this severity and worse. */
  severity?: Severity;
  /** diagnose: device names separated by commas or spaces; empty means every device of the inventory. */
  devices?: string;
}

export const DEFAULT_QUERY: Partial<DmvpnQuery> = { kind: 'findings', state: 'active' };

export interface DmvpnOptions extends DataSourceJsonData {
  /** The dmvpn-watch API, as Grafana's server reaches it, e.g. http://dmvpn-watch.example.net:8080 */
  apiUrl?: string;
}

export interface DmvpnSecureOptions {
  /** A viewer token; an operator token lets the diagnose query poll routers. */
  apiToken?: string;
}

/** Milliseconds since the epoch. */
export interface TimeWindow {
  from: number;
  to: number;
}

export const QUERY_KINDS: { value: QueryKind; label: string; description: string }[] = [
  { value: 'findings', label: 'Findings', description: 'Findings recorded by diagnoses, as a table' },
  { value: 'topology', label: 'Topology', description: 'Hubs, spokes and tunnels for the Node Graph panel' },
  {
    value: 'events',
    label: 'Tunnel events',
    description: 'Tunnel state changes in the time range (annotations)',
  },
  {
    value: 'diagnose',
    label: 'Diagnose now',
    description: 'Polls the devices, diagnoses them, shows the findings',
  },
];

export function deviceList(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter((name) => name.length > 0);
}
