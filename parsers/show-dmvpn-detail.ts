// Parses `show dmvpn detail`: per tunnel its state block, NHSs, type and peers, then the crypto sessions.

import type {
  DmvpnAddressFamily,
  DmvpnCryptoSession,
  DmvpnInterface,
  DmvpnMatchCount,
  DmvpnNhs,
  DmvpnPeer,
  DmvpnTunnel,
} from '../model/records/dmvpn.js';
import { words } from './common/lines.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { isTerminalNoise } from './common/terminal-noise.js';
import { indentOf } from './common/text.js';
import { CryptoSessionReader } from './dmvpn-crypto-sessions.js';
import {
  dmvpnCommandForms,
  isLegendLine,
  isRule,
  isTableHeader,
  parseMatchCount,
  parseNhrpDetailsHeader,
  parseOldHeader,
  parseTypeLine,
} from './dmvpn-headers.js';
import { PeerTableReader } from './dmvpn-peer-table.js';

export type ShowDmvpnDetailRecord =
  DmvpnTunnel | DmvpnNhs | DmvpnInterface | DmvpnPeer | DmvpnCryptoSession | DmvpnMatchCount;

const TUNNEL_HEADER = /^Interface (\S+) is ([^,]+?)(?:, Addr\. is ([^,]+?))?(?:, VRF "([^"]*)")?$/;
const ADMIN_DOWN = /^(\S+) is (admin(?:istratively)? down)$/;
const TUNNEL_ENDPOINTS = /^Tunnel Src\.\/Dest\. addr: (\S+?)\/(\S+?), Tunnel VRF "([^"]*)"$/;
const TRANSPORT = /^Protocol\/Transport: "([^"]*)", Protect "([^"]*)"$/;
const STATE_CONTROL = /^Interface State Control: (\S+)$/;
const EVENT_PUBLISHER = /^nhrp event-publisher\s*: (\S+)$/;
const NHS_HEADER = /^(?:IPv([46]) )?NHS:(.*)$/;
const NHS_STATUS = /^[A-Z]+$/;

const DETECT =
  /Tunnel Src\.\/Dest\. addr:|Crypto Session Details:|Pending DMVPN Sessions:|Attrb\s+Target Network|^\s*IPv[46] NHS:|^\s*Interface \S+ is [^,]+, Addr\. is/m;

export const showDmvpnDetail = defineParser<ShowDmvpnDetailRecord>({
  command: 'show dmvpn detail',
  syntax: dmvpnCommandForms([' detail', ' static detail', ' detail static']),
  detect: (text) => DETECT.test(text),
  parse(out) {
    new ShowDmvpnDetailReader(out).readAll();
  },
});

class ShowDmvpnDetailReader {
  private readonly table: PeerTableReader;
  private readonly crypto: CryptoSessionReader;
  private tunnel: DmvpnTunnel | undefined;
  /** Inside `IPv4 NHS:` printed alone: the NHS lines follow, one per line, until `Type:`. */
  private nhsBlock: DmvpnAddressFamily | null | undefined;
  private inCryptoSection = false;
  private readonly nhsStatusByPeer = new Map<string, string>();

  constructor(private readonly out: ParseOutput<ShowDmvpnDetailRecord>) {
    this.table = new PeerTableReader(out, { interface: null, interfaceType: null, addressFamily: null });
    this.crypto = new CryptoSessionReader(out, () => this.table.context.interface);
  }

  readAll(): void {
    const { out } = this;
    for (let i = 0; i < out.lines.length; i++) {
      const line = out.lines[i]!;
      const start = indentOf(line);
      if (start === line.length) continue;
      if (this.readLine(i, line, start)) out.recognized++;
      else out.warn(i, 'not a show dmvpn detail line');
    }
    this.table.finish();
    this.markNhsPeers();
  }

  private readLine(index: number, line: string, start: number): boolean {
    if (this.nhsBlock !== undefined) {
      if (this.readNhs(index, words(line), this.nhsBlock)) return true;
      this.nhsBlock = undefined;
    }
    if (this.inCryptoSection) {
      const trimmed = line.trim();
      return this.crypto.read(index, trimmed) || this.readHeaderLine(index, trimmed);
    }
    if (this.table.read(index, line, start)) return true;
    const trimmed = line.trim();
    // Images that print no `Crypto Session Details:` title start the sessions with `Interface: TunnelX` alone.
    return this.readHeaderLine(index, trimmed) || this.crypto.read(index, trimmed);
  }

  private readHeaderLine(index: number, trimmed: string): boolean {
    return (
      this.readTunnelLine(index, trimmed) ||
      this.readNhrpLine(index, trimmed) ||
      this.readSectionLine(index, trimmed)
    );
  }

  /** `Interface Tunnel0 is up/up, ...` and the lines under it, or `Tunnel51 is admin down`. */
  private readTunnelLine(index: number, trimmed: string): boolean {
    let match: RegExpExecArray | null;
    if ((match = TUNNEL_HEADER.exec(trimmed))) {
      const status = match[2]!;
      this.startTunnel(index, match[1]!, status, match[3] ?? null, match[4] ?? null);
      return true;
    }
    if ((match = ADMIN_DOWN.exec(trimmed))) {
      this.startTunnel(index, match[1]!, match[2]!, null, null);
      return true;
    }
    const tunnel = this.tunnel;
    if ((match = TUNNEL_ENDPOINTS.exec(trimmed))) {
      if (!tunnel) return false;
      tunnel.tunnelSource = match[1]!;
      tunnel.tunnelDestination = match[2]!;
      tunnel.tunnelVrf = match[3] || null;
    } else if ((match = TRANSPORT.exec(trimmed))) {
      if (!tunnel) return false;
      tunnel.transport = match[1] || null;
      tunnel.protectionProfile = match[2] || null;
    } else if ((match = STATE_CONTROL.exec(trimmed))) {
      if (!tunnel) return false;
      tunnel.interfaceStateControl = match[1] === 'Enabled';
    } else if ((match = EVENT_PUBLISHER.exec(trimmed))) {
      if (!tunnel) return false;
      tunnel.eventPublisher = match[1] === 'Enabled';
    } else {
      return false;
    }
    return true;
  }

  private startTunnel(
    index: number,
    name: string,
    status: string,
    address: string | null,
    vrf: string | null,
  ): void {
    const adminUp = !status.startsWith('admin');
    this.tunnel = {
      kind: 'dmvpn_tunnel',
      line: index + 1,
      interface: name,
      adminUp,
      lineUp: adminUp && status.endsWith('/up'),
      status,
      address,
      vrf: vrf || null,
      tunnelSource: null,
      tunnelDestination: null,
      tunnelVrf: null,
      transport: null,
      protectionProfile: null,
      interfaceStateControl: null,
      eventPublisher: null,
      nhrpGroup: null,
    };
    this.out.records.push(this.tunnel);
    this.table.enterInterface(name, null, null);
    this.inCryptoSection = false;
  }

  /** NHS lines, `Type:` lines, `NHRP group:` and the QoS policy it selects. */
  private readNhrpLine(index: number, trimmed: string): boolean {
    const nhs = NHS_HEADER.exec(trimmed);
    if (nhs) {
      const family = nhs[1] === undefined ? null : nhs[1] === '4' ? 'ipv4' : 'ipv6';
      const inline = nhs[2]!.trim();
      if (inline === '') {
        this.nhsBlock = family;
        return true;
      }
      return this.readInlineNhs(index, words(inline), family);
    }
    const type = parseTypeLine(trimmed);
    if (type) {
      const { context } = this.table;
      context.interfaceType = type.type;
      if (context.interface !== null) this.pushInterface(index, context.interface, type.type, type.peerCount);
      return true;
    }
    const old = parseOldHeader(trimmed);
    if (old) {
      this.tunnel = undefined;
      this.table.enterInterface(old.interface, old.type, null);
      this.pushInterface(index, old.interface, old.type, old.peerCount);
      return true;
    }
    if (trimmed.startsWith('NHRP group:')) {
      const group = trimmed.slice(11).trim();
      const owner = this.table.lastPeer ?? this.tunnel;
      if (!group || !owner) return false;
      owner.nhrpGroup = group;
      return true;
    }
    if (trimmed.startsWith('Output QoS service-policy applied:')) {
      const policy = trimmed.slice(34).trim();
      const peer = this.table.lastPeer;
      if (!policy || !peer) return false;
      peer.qosPolicy = policy;
      return true;
    }
    return false;
  }

  private pushInterface(index: number, name: string, type: string, peerCount: number): void {
    this.out.records.push({
      kind: 'dmvpn_interface',
      line: index + 1,
      interface: name,
      type,
      peerCount,
      addressFamily: null,
    });
  }

  /** `IPv4 NHS: 10.0.0.1 RE` (older images), possibly several `address status` pairs on the line. */
  private readInlineNhs(index: number, tokens: string[], family: DmvpnAddressFamily | null): boolean {
    for (let at = 0; at < tokens.length;) {
      const status = NHS_STATUS.test(tokens[at + 1] ?? '') ? tokens[at + 1]! : '';
      if (!this.pushNhs(index, family, tokens[at]!, status, null, null, null)) return false;
      at += status ? 2 : 1;
    }
    return true;
  }

  /** A line of the `IPv4 NHS:` block: `172.16.123.1  RE [NBMA Address: X] priority = 0 cluster = 0`. */
  private readNhs(index: number, tokens: string[], family: DmvpnAddressFamily | null): boolean {
    let at = 1;
    const status = NHS_STATUS.test(tokens[at] ?? '') && tokens[at] !== 'NBMA' ? tokens[at++]! : '';
    let nbma: string | null = null;
    if (tokens[at] === 'NBMA' && tokens[at + 1] === 'Address:') {
      nbma = tokens[at + 2] ?? null;
      at += 3;
    }
    let priority: number | null = null;
    let cluster: number | null = null;
    if (tokens[at] === 'priority' && tokens[at + 1] === '=' && tokens[at + 3] === 'cluster') {
      priority = Number(tokens[at + 2]);
      cluster = Number(tokens[at + 5]);
      at += 6;
    }
    if (at !== tokens.length || Number.isNaN(priority) || Number.isNaN(cluster)) return false;
    return this.pushNhs(index, family, tokens[0]!, status, nbma, priority, cluster);
  }

  private pushNhs(
    index: number,
    family: DmvpnAddressFamily | null,
    nhs: string,
    status: string,
    nbma: string | null,
    priority: number | null,
    cluster: number | null,
  ): boolean {
    if (!nhs.includes('.') && !nhs.includes(':')) return false;
    const name = this.table.context.interface;
    const statusFlags = [...status];
    this.out.records.push({
      kind: 'dmvpn_nhs',
      line: index + 1,
      interface: name,
      addressFamily: family,
      nhs,
      status,
      statusFlags,
      responding: statusFlags.includes('R'),
      nbma,
      priority,
      cluster,
    });
    this.nhsStatusByPeer.set(`${name}|${nhs}`, status);
    return true;
  }

  /** Legend, rules, table header, section titles, the echoed command. */
  private readSectionLine(index: number, trimmed: string): boolean {
    if (trimmed === 'Crypto Session Details:') {
      this.table.finish();
      this.inCryptoSection = true;
      return true;
    }
    if (trimmed === 'Pending DMVPN Sessions:') {
      this.table.finish();
      this.inCryptoSection = true;
      this.crypto.startPending();
      return true;
    }
    const details = parseNhrpDetailsHeader(trimmed);
    if (details) {
      this.table.enterInterface(details.interface, null, details.addressFamily);
      return true;
    }
    const count = parseMatchCount(trimmed);
    if (count !== undefined) {
      this.out.records.push({ kind: 'dmvpn_match_count', line: index + 1, lines: count });
      return true;
    }
    return isTableHeader(trimmed) || isRule(trimmed) || isLegendLine(trimmed) || isTerminalNoise(trimmed);
  }

  /** A spoke's peers that are also its NHSs carry the NHS status letters. */
  private markNhsPeers(): void {
    for (const record of this.out.records) {
      if (record.kind !== 'dmvpn_peer') continue;
      record.nhsStatus = this.nhsStatusByPeer.get(`${record.interface}|${record.peerTunnel}`) ?? null;
    }
  }
}
