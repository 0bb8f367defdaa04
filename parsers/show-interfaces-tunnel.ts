// Reads the tunnel lines of `show interfaces` (source, destination, protocol, key, TTL, protection, linestate ...)
// into the interface's nested tunnel object.

import type { InterfaceDetail, TunnelDetail } from '../model/records/system.js';
import { groupByFirstChar } from './common/by-first-char.js';
import { leadingNumber, wholeNumber } from './common/numbers.js';
import { clauses } from './common/text.js';

const PROTECTION = /^Tunnel protection via (\S+?)\s*(?:\(profile "?([^",)]+)"?[^)]*\))?$/;
const SUBBLOCK_MEMBER = /^\S+ source tracking subblock associated with \S+$|^Set of tunnels with source /;

// Images differ in how they group the tunnel lines (`Tunnel TTL 255, Fast tunneling enabled` on one line, or
// `Checksumming of packets disabled,  fast tunneling enabled`), so each comma clause is read on its own.

type TunnelClauseReader = (tunnel: TunnelDetail, value: string) => boolean;

const enabled = (value: string): boolean | undefined =>
  value === 'enabled' ? true : value === 'disabled' ? false : undefined;

const TUNNEL_CLAUSES: [string, TunnelClauseReader][] = [
  ['Tunnel source ', readTunnelSource],
  ['destination ', (tunnel, value) => Boolean((tunnel.destination = value))],
  ['Tunnel vrf ', (tunnel, value) => Boolean((tunnel.vrf = value))],
  ['Tunnel protocol/transport ', readTunnelProtocol],
  ['Key ', readTunnelKey],
  ['key ', readTunnelKey],
  ['sequencing ', (tunnel, value) => (tunnel.sequencing = enabled(value) ?? null) !== null],
  ['Checksumming of packets ', (tunnel, value) => (tunnel.checksumming = enabled(value) ?? null) !== null],
  ['Fast tunneling ', (tunnel, value) => (tunnel.fastTunneling = enabled(value) ?? null) !== null],
  ['fast tunneling ', (tunnel, value) => (tunnel.fastTunneling = enabled(value) ?? null) !== null],
  ['Tunnel TTL ', (tunnel, value) => (tunnel.ttl = wholeNumber(value) ?? null) !== null],
  ['fastswitch TTL ', (tunnel, value) => (tunnel.ttl = wholeNumber(value) ?? null) !== null],
  ['Tunnel TOS/Traffic Class ', (tunnel, value) => Boolean((tunnel.tos = value))],
  ['Tunnel transport MTU ', (tunnel, value) => (tunnel.transportMtu = bytesValue(value)) !== null],
  ['Tunnel transmit bandwidth ', (tunnel, value) => (tunnel.transmitBandwidthKbps = kbps(value)) !== null],
  ['Tunnel receive bandwidth ', (tunnel, value) => (tunnel.receiveBandwidthKbps = kbps(value)) !== null],
  ['Tunnel linestate evaluation ', readLinestate],
  ['Tunnel is transmit only', (tunnel) => (tunnel.transmitOnly = true)],
  ['Path MTU Discovery', (tunnel, value) => value === '' && (tunnel.pathMtuDiscovery = true)],
  ['ager ', (tunnel, value) => (tunnel.pathMtuAgerMinutes = leadingNumber(value) ?? null) !== null],
  ['min MTU ', (tunnel, value) => (tunnel.pathMtuMinimum = wholeNumber(value) ?? null) !== null],
];

export function readTunnelLine(record: InterfaceDetail, text: string): string | undefined {
  const tunnel = (record.tunnel ??= emptyTunnel());
  if (text === 'Tunnel Subblocks:') return undefined;
  if (text.startsWith('Tunnel protection via ')) return readProtection(tunnel, text);
  let problem: string | undefined;
  for (const clause of clauses(text)) {
    if (!readTunnelClause(tunnel, clause)) problem = `unrecognised tunnel detail "${clause}"`;
  }
  return problem;
}

const TUNNEL_CLAUSES_BY_FIRST_CHAR = groupByFirstChar(TUNNEL_CLAUSES);

/** One clause: its leading words say what it is (`Tunnel TTL 255`), a bare one (`Tunnel is transmit only`) too. */
function readTunnelClause(tunnel: TunnelDetail, clause: string): boolean {
  for (const [prefix, reader] of TUNNEL_CLAUSES_BY_FIRST_CHAR[clause.charCodeAt(0)] ?? []) {
    if (clause.startsWith(prefix)) return reader(tunnel, clause.slice(prefix.length).trim());
    if (clause.length === prefix.length - 1 && prefix.startsWith(clause)) return reader(tunnel, '');
  }
  return false;
}

/** `GigabitEthernet1 source tracking subblock associated with Tunnel0`, `Set of tunnels with source ...`. */
export function isTunnelSubblockMember(text: string): boolean {
  return SUBBLOCK_MEMBER.test(text);
}

/** The source-tracking subblock repeats the tunnel source interface; it is understood and not kept. */
export function tunnelSubblock(record: InterfaceDetail): undefined {
  record.tunnel ??= emptyTunnel();
  return undefined;
}

/** `1.1.1.1 (GigabitEthernet1)` or `1.1.1.1`. */
function readTunnelSource(tunnel: TunnelDetail, value: string): boolean {
  const match = /^(\S+)(?: \((\S+)\))?$/.exec(value);
  if (!match) return false;
  tunnel.source = match[1]!;
  tunnel.sourceInterface = match[2] ?? null;
  return true;
}

function readTunnelProtocol(tunnel: TunnelDetail, value: string): boolean {
  tunnel.protocol = value;
  tunnel.multipoint = value.startsWith('multi-');
  return value !== '';
}

function readTunnelKey(tunnel: TunnelDetail, value: string): boolean {
  if (value === 'disabled') return true;
  const key = value.startsWith('0x') ? parseInt(value.slice(2), 16) : wholeNumber(value);
  if (key === undefined || Number.isNaN(key)) return false;
  tunnel.key = key;
  return true;
}

function readLinestate(tunnel: TunnelDetail, value: string): boolean {
  const dash = value.indexOf(' - ');
  tunnel.linestate = dash < 0 ? value : value.slice(0, dash);
  tunnel.linestateReason = dash < 0 ? null : value.slice(dash + 3);
  return value !== '';
}

function readProtection(tunnel: TunnelDetail, text: string): string | undefined {
  const match = PROTECTION.exec(text);
  if (!match) return 'unrecognised Tunnel protection line';
  tunnel.protection = match[1]!;
  tunnel.protectionProfile = match[2] ?? null;
  return undefined;
}

/** `1476 bytes` -> 1476. */
function bytesValue(value: string): number | null {
  const match = /^(\d+) bytes$/.exec(value);
  return match ? Number(match[1]) : null;
}

/** `8000 (kbps)` -> 8000. */
function kbps(value: string): number | null {
  const match = /^(\d+) \(kbps\)$/.exec(value);
  return match ? Number(match[1]) : null;
}

function emptyTunnel(): TunnelDetail {
  return {
    source: null,
    sourceInterface: null,
    destination: null,
    vrf: null,
    protocol: null,
    multipoint: null,
    key: null,
    sequencing: null,
    checksumming: null,
    ttl: null,
    tos: null,
    fastTunneling: null,
    transportMtu: null,
    transmitBandwidthKbps: null,
    receiveBandwidthKbps: null,
    protection: null,
    protectionProfile: null,
    linestate: null,
    linestateReason: null,
    transmitOnly: false,
    pathMtuDiscovery: false,
    pathMtuAgerMinutes: null,
    pathMtuMinimum: null,
  };
}
