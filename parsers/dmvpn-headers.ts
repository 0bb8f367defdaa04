// Recognises the non-row lines `show dmvpn` and `show dmvpn detail` share: legend, rules, table and interface headers.

import type { DmvpnAddressFamily } from '../model/records/dmvpn.js';

/** `Interface: Tunnel100, IPv4 NHRP Details` (IOS 15.x and later). */
const NHRP_DETAILS = /^Interface:\s*(\S+),\s*IPv([46]) NHRP Details$/;
/** `Type:Spoke, NHRP Peers:2,` or `Type:Hub, Total NBMA Peers (v4/v6): 2`. */
const TYPE_LINE = /^Type:\s*([^,]+),\s*(?:NHRP Peers:\s*(\d+),?|Total NBMA Peers \(v4\/v6\):\s*(\d+))$/;
/** IOS 12.4: `Tunnel1, Type:Hub, NHRP Peers:2,` on one line. */
const OLD_HEADER = /^(\S+),\s*Type:\s*([^,]+),\s*(?:NHRP|NBMA) Peers:\s*(\d+),?$/;
/** The lines under `Legend:`: `N - NATed, ...`, `T1 - Route Installed, ...`, `# Ent --> ...`, `NHS Status: ...`. */
const LEGEND_ITEM = /^(?:Legend:|[A-Z][A-Z0-9]? - |# Ent -->|NHS Status:|UpDn Time -->)/;
/** What `show dmvpn [detail] | count <regexp>` prints instead of the output: `Number of lines which match regexp = 2`. */
const MATCH_COUNT = /^Number of lines which match regexp = (\d+)$/;

export interface NhrpDetailsHeader {
  interface: string;
  addressFamily: DmvpnAddressFamily;
}

export function parseNhrpDetailsHeader(trimmed: string): NhrpDetailsHeader | undefined {
  const match = NHRP_DETAILS.exec(trimmed);
  return match ? { interface: match[1]!, addressFamily: match[2] === '4' ? 'ipv4' : 'ipv6' } : undefined;
}

export interface InterfaceType {
  type: string;
  peerCount: number;
}

export function parseTypeLine(trimmed: string): InterfaceType | undefined {
  const match = TYPE_LINE.exec(trimmed);
  return match ? { type: match[1]!.trim(), peerCount: Number(match[2] ?? match[3]) } : undefined;
}

export function parseOldHeader(trimmed: string): (InterfaceType & { interface: string }) | undefined {
  const match = OLD_HEADER.exec(trimmed);
  return match ? { interface: match[1]!, type: match[2]!.trim(), peerCount: Number(match[3]) } : undefined;
}

export function parseMatchCount(trimmed: string): number | undefined {
  const match = MATCH_COUNT.exec(trimmed);
  return match ? Number(match[1]) : undefined;
}

export function isLegendLine(trimmed: string): boolean {
  return LEGEND_ITEM.test(trimmed);
}

/** ` # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb [   Target Network]` (genie drops the `#`). */
export function isTableHeader(trimmed: string): boolean {
  return trimmed.includes('Peer NBMA Addr') && trimmed.includes('State');
}

/** `----- --------------- ...` under the table header, `=====...` under the legend, `-----...` in detail. */
export function isRule(trimmed: string): boolean {
  const mark = trimmed.charCodeAt(0);
  if (mark !== 45 /* - */ && mark !== 61 /* = */) return false;
  for (let i = 1; i < trimmed.length; i++) {
    const code = trimmed.charCodeAt(i);
    if (code !== mark && code !== 32) return false;
  }
  return true;
}

/** Every command form of the `show dmvpn` family, each followed by one of `endings` (`''`, ` detail`, ...). */
export function dmvpnCommandForms(endings: readonly string[]): string[] {
  const families = ['', ' ipv4', ' ipv6', ' ipv4 vrf <vrf>', ' ipv6 vrf <vrf>'];
  const selectors = [
    '',
    ' interface <interface>',
    ' interface <type> <number>',
    ' peer nbma <address>',
    ' peer tunnel <address>',
  ];
  return families.flatMap((family) =>
    selectors.flatMap((selector) => endings.map((ending) => `show dmvpn${family}${selector}${ending}`)),
  );
}
