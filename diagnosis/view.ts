// The network as the rules read it: every device's records with the output they came from, the device's own
// addresses, and both ends of each tunnel joined by their NBMA and tunnel addresses.

import type { Evidence, TunnelEvent } from '../model/finding.js';
import type { RecordBase } from '../model/parse.js';
import type { ConfigInterface } from '../model/records/config.js';
import type { DmvpnInterface, DmvpnPeer, DmvpnTunnel } from '../model/records/dmvpn.js';
import type { SyslogEvent } from '../model/records/syslog.js';
import type { InterfaceBrief, InterfaceDetail } from '../model/records/system.js';
import type { IkeSa } from '../model/records/ike.js';
import type { IpsecSa } from '../model/records/ipsec.js';
import type { NhsEntry } from '../model/records/nhrp-server.js';
import type { CommandOutput, DeviceSnapshot } from '../model/snapshot.js';
import { DEFAULT_FLAP_OPTIONS, type ExpectedTunnel, type FlapOptions } from './types.js';

/** A record and the output it was parsed from, so that a rule can quote the router's own line. */
export interface Located<R> {
  device: string;
  output: CommandOutput;
  record: R;
}

export type Role = 'hub' | 'spoke' | 'unknown';

export interface DeviceView {
  name: string;
  role: Role;
  snapshot: DeviceSnapshot;
  /** The snapshot of the poll before, when the input has one: counters' deltas come from it. */
  previous: DeviceSnapshot | undefined;
  /** Every address the device owns (NBMA, tunnel, LAN). */
  addresses: Set<string>;
  /** Addresses of its tunnel interfaces (overlay). */
  tunnelAddresses: Set<string>;
  /** Addresses its tunnels are sourced from (underlay, NBMA). */
  nbmaAddresses: Set<string>;
  /** Records of one kind from every output of the device. */
  records<R extends RecordBase<string>>(kind: R['kind']): Located<R>[];
  /** True when an output of a command starting with `prefix` (`show dmvpn`, `show logging`) was collected. */
  collected(prefix: string): boolean;
  logs: Located<SyslogEvent>[];
}

export interface NetworkView {
  devices: DeviceView[];
  device(name: string): DeviceView | undefined;
  /** The device that owns an address (NBMA or tunnel), if it is in the input. */
  owner(address: string | null | undefined): DeviceView | undefined;
  hubs: DeviceView[];
  spokes: DeviceView[];
  events: TunnelEvent[];
  expected: ExpectedTunnel[];
  /** The report's clock and the flap thresholds. */
  settings: ViewSettings;
}

export interface ViewSettings {
  /** Milliseconds since the epoch. */
  now: number;
  flap: FlapOptions;
}

const LINES = new WeakMap<CommandOutput, string[]>();

/** The lines of an output, split once: rules quote lines of the same large output (a hub's) thousands of times. */
export function linesOf(output: CommandOutput): string[] {
  let lines = LINES.get(output);
  if (!lines) {
    lines = output.raw.split(/\r?\n|\r/);
    LINES.set(output, lines);
  }
  return lines;
}

export function lineText(output: CommandOutput, line: number): string {
  return linesOf(output)[line - 1] ?? '';
}

/** Evidence for a record: its first line, or another line of its output (a table row, a sub-line). */
export function evidenceOf(located: Located<unknown>, line?: number): Evidence {
  const at = line ?? (located.record as { line: number }).line;
  return {
    device: located.device,
    command: located.output.command,
    line: at,
    text: lineText(located.output, at).trim(),
  };
}

/**
 * The first line at or after `from` (and before `until`, when given) of an output that matches `pattern`:
 * how a rule quotes a line no record points at, e.g. `ip nhrp authentication` inside an interface block.
 */
export function findLine(
  device: string,
  output: CommandOutput,
  pattern: RegExp,
  from = 1,
  until = Number.POSITIVE_INFINITY,
): Evidence | undefined {
  const lines = linesOf(output);
  for (let i = from - 1; i < lines.length && i + 1 < until; i++) {
    if (pattern.test(lines[i]!))
      return { device, command: output.command, line: i + 1, text: lines[i]!.trim() };
  }
  return undefined;
}

/** The line range of a running-config block: from its record's line to the next top-level line. */
export function configBlockEnd(output: CommandOutput, start: number): number {
  const lines = linesOf(output);
  for (let i = start; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '!' || (text !== '' && !/^\s/.test(text))) return i + 1;
  }
  return lines.length + 1;
}

/** Evidence of a line inside the config block of an interface record. */
export function configLine(located: Located<ConfigInterface>, pattern: RegExp): Evidence | undefined {
  const end = configBlockEnd(located.output, located.record.line);
  return findLine(located.device, located.output, pattern, located.record.line, end);
}

const ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

function isAddress(text: string | null | undefined): text is string {
  return typeof text === 'string' && ADDRESS.test(text);
}

function buildDevice(name: string, snapshots: DeviceSnapshot[]): DeviceView {
  // The newest snapshot is the device's state; older ones only feed counters' deltas elsewhere.
  const [snapshot, previous] = [...snapshots].sort((a, b) => b.collectedAt - a.collectedAt) as [
    DeviceSnapshot,
    DeviceSnapshot | undefined,
  ];
  const byKind = new Map<string, Located<RecordBase<string>>[]>();
  for (const output of snapshot.outputs) {
    for (const record of output.parsed.records as RecordBase<string>[]) {
      const list = byKind.get(record.kind) ?? [];
      list.push({ device: name, output, record });
      byKind.set(record.kind, list);
    }
  }
  const records = <R extends RecordBase<string>>(kind: R['kind']): Located<R>[] =>
    (byKind.get(kind) ?? []) as Located<R>[];
  const tunnelAddresses = new Set<string>();
  const nbmaAddresses = new Set<string>();
  const addresses = new Set<string>();
  const tunnelSources = new Set<string>();
  for (const { record } of records<ConfigInterface>('config_interface')) {
    const own = record.ipv4.map((entry) => entry.address);
    own.forEach((address) => addresses.add(address));
    if (record.tunnel) {
      own.forEach((address) => tunnelAddresses.add(address));
      if (record.tunnel.source) tunnelSources.add(record.tunnel.source);
    }
  }
  for (const { record } of records<InterfaceDetail>('interface')) {
    if (isAddress(record.ipAddress)) addresses.add(record.ipAddress);
    if (record.tunnel) {
      if (isAddress(record.ipAddress)) tunnelAddresses.add(record.ipAddress);
      if (isAddress(record.tunnel.source)) nbmaAddresses.add(record.tunnel.source);
      if (record.tunnel.sourceInterface) tunnelSources.add(record.tunnel.sourceInterface);
    }
  }
  for (const { record } of records<InterfaceBrief>('interface_brief')) {
    if (!isAddress(record.ipAddress)) continue;
    addresses.add(record.ipAddress);
    if (/^tu/i.test(record.name)) tunnelAddresses.add(record.ipAddress);
  }
  for (const { record } of records<DmvpnTunnel>('dmvpn_tunnel')) {
    if (isAddress(record.address)) tunnelAddresses.add(record.address);
    if (isAddress(record.tunnelSource)) nbmaAddresses.add(record.tunnelSource);
  }
  for (const { record } of records<IpsecSa>('ipsec_sa')) {
    if (isAddress(record.local)) nbmaAddresses.add(record.local);
  }
  for (const { record } of records<IkeSa>('ike_sa')) {
    if (!record.sidesGuessed && isAddress(record.local)) nbmaAddresses.add(record.local);
  }
  for (const { record } of records<SyslogEvent>('syslog_event')) {
    const detail = record.detail;
    if (detail?.type === 'nhrp_peer') {
      if (isAddress(detail.localTunnel)) tunnelAddresses.add(detail.localTunnel);
      if (isAddress(detail.localNbma)) nbmaAddresses.add(detail.localNbma);
    }
    if (detail?.type === 'crypto_socket' && isAddress(detail.localNbma)) nbmaAddresses.add(detail.localNbma);
  }
  // The addresses of the interfaces the tunnels are sourced from are NBMA addresses too.
  for (const { record } of records<ConfigInterface>('config_interface')) {
    if (record.name && tunnelSources.has(record.name))
      record.ipv4.forEach((a) => nbmaAddresses.add(a.address));
  }
  for (const { record } of records<InterfaceBrief>('interface_brief')) {
    if (tunnelSources.has(record.name) && isAddress(record.ipAddress)) nbmaAddresses.add(record.ipAddress);
  }
  tunnelAddresses.forEach((address) => addresses.add(address));
  nbmaAddresses.forEach((address) => addresses.add(address));
  return {
    name,
    role: roleOf(snapshot, records),
    snapshot,
    previous,
    addresses,
    tunnelAddresses,
    nbmaAddresses,
    records,
    collected: (prefix) => snapshot.outputs.some((output) => output.command.startsWith(prefix)),
    logs: records<SyslogEvent>('syslog_event'),
  };
}

function roleOf(snapshot: DeviceSnapshot, records: DeviceView['records']): Role {
  const types = records<DmvpnInterface>('dmvpn_interface').map(({ record }) => record.type);
  if (types.includes('Hub')) return 'hub';
  if (types.includes('Spoke')) return 'spoke';
  const tunnels = records<ConfigInterface>('config_interface').filter(({ record }) => record.nhrp);
  if (tunnels.some(({ record }) => record.nhrp!.nhs.length > 0 || record.nhrp!.maps.length > 0))
    return 'spoke';
  if (tunnels.some(({ record }) => record.nhrp!.multicastDynamic)) return 'hub';
  if (records<NhsEntry>('nhrp_nhs').length > 0) return 'spoke';
  const peers = records<DmvpnPeer>('dmvpn_peer');
  if (peers.some(({ record }) => record.attrs.includes('S'))) return 'spoke';
  if (peers.length > 0) return 'hub';
  return snapshot.role ?? 'unknown';
}

export function buildView(
  snapshots: DeviceSnapshot[],
  events: TunnelEvent[] = [],
  expected: ExpectedTunnel[] = [],
  settings: Partial<ViewSettings> = {},
): NetworkView {
  const byName = new Map<string, DeviceSnapshot[]>();
  for (const snapshot of snapshots) {
    const list = byName.get(snapshot.device) ?? [];
    list.push(snapshot);
    byName.set(snapshot.device, list);
  }
  const devices = [...byName].map(([name, list]) => buildDevice(name, list));
  const owners = new Map<string, DeviceView>();
  for (const device of devices) for (const address of device.addresses) owners.set(address, device);
  return {
    devices,
    device: (name) => devices.find((device) => device.name === name),
    owner: (address) => (address ? owners.get(address) : undefined),
    hubs: devices.filter((device) => device.role === 'hub'),
    spokes: devices.filter((device) => device.role === 'spoke'),
    events,
    expected,
    settings: {
      now: settings.now ?? Math.max(0, ...snapshots.map((snapshot) => snapshot.collectedAt)),
      flap: settings.flap ?? DEFAULT_FLAP_OPTIONS,
    },
  };
}

/** Records of one kind in an older snapshot of a device (for deltas between polls). */
export function previousRecords<R extends RecordBase<string>>(device: DeviceView, kind: R['kind']): R[] {
  if (!device.previous) return [];
  return device.previous.outputs.flatMap((output) =>
    (output.parsed.records as RecordBase<string>[]).filter((record): record is R => record.kind === kind),
  );
}
