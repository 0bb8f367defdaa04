// Reads the peer table shared by `show dmvpn` and `show dmvpn detail`: rows, continuation rows, wrapped rows, IPv6 blocks.

import type { DmvpnAddressFamily, DmvpnNhrpEntry, DmvpnPeer } from '../model/records/dmvpn.js';
import { parseDuration } from './common/duration.js';
import { words } from './common/lines.js';
import { isDigit } from './common/text.js';
import { isPeerState, readPeerRow, splitAttrb, type RowHead } from './dmvpn-peer-row.js';

/** Where the peer table sits; both parsers update it as they meet interface headers. */
export interface TableContext {
  interface: string | null;
  interfaceType: string | null;
  addressFamily: DmvpnAddressFamily | null;
}

/** What the table reader writes into: a ParseOutput whose records include DmvpnPeer. */
export interface PeerSink {
  readonly records: { push(record: DmvpnPeer): unknown };
  warn(index: number, reason: string): void;
}

/** An IPv6 peer block (`1.Peer NBMA Address:` ... `# Ent: 1, Status: UP, ...`) read so far. */
interface PeerBlock {
  index: number;
  nbma: string;
  tunnels: string[];
  targetNetwork: string | null;
}

const BLOCK_STATUS = /^# Ent: (\d+), Status: (\S+), UpDn Time: (\S+), Cache Attrib: (\S*)$/;

/**
 * Reads peer rows and IPv6 peer blocks into DmvpnPeer records, attaching continuation rows (and `# Ent: 0` blocks)
 * to the peer above them and joining rows that wrapped onto the next line.
 */
export class PeerTableReader {
  /** The peer that continuation rows, `NHRP group:` lines and the like belong to. */
  lastPeer: DmvpnPeer | undefined;
  /** The start of a row whose state and time wrapped onto the next line. */
  private wrapped: { index: number; line: string } | undefined;
  private block: PeerBlock | undefined;
  private readonly head: RowHead = { entries: null, nbma: null };

  constructor(
    private readonly sink: PeerSink,
    readonly context: TableContext,
  ) {}

  /** A new interface header: what follows belongs to it. */
  enterInterface(name: string | null, interfaceType: string | null, family: DmvpnAddressFamily | null): void {
    this.finish();
    this.context.interface = name;
    this.context.interfaceType = interfaceType;
    this.context.addressFamily = family;
    this.lastPeer = undefined;
  }

  /** Reads a line starting (after `start` spaces) like a row or an IPv6 block line; false when it is neither. */
  read(index: number, line: string, start: number): boolean {
    const first = line.charCodeAt(start);
    if (first === 35 /* # */) return this.readBlockStatus(index, line.trim());
    if (this.readBlockLine(index, line, start)) return true;
    if (this.wrapped) {
      const wrapped = this.wrapped;
      this.wrapped = undefined;
      const joined = readPeerRow(`${wrapped.line} ${line}`, 0, wrapped.index + 1, this.head);
      if (joined !== undefined && joined !== 'incomplete') {
        this.addRow(wrapped.index, joined);
        return true;
      }
      this.sink.warn(wrapped.index, 'a peer row whose state and time never came on the next line');
    }
    const row = readPeerRow(line, start, index + 1, this.head);
    if (row === undefined) return false;
    if (row === 'incomplete') this.wrapped = { index, line };
    else this.addRow(index, row);
    return true;
  }

  /** Warns about a wrapped row or an IPv6 block left unfinished (end of output, or a new interface). */
  finish(): void {
    if (this.wrapped) this.sink.warn(this.wrapped.index, 'a peer row whose state and time never came');
    if (this.block) this.sink.warn(this.block.index, 'an IPv6 peer block without its `# Ent:` status line');
    this.wrapped = undefined;
    this.block = undefined;
  }

  private addRow(index: number, entry: DmvpnNhrpEntry): void {
    const { entries, nbma } = this.head;
    if (entries !== null) {
      this.addPeer(index, nbma!, entries, entry);
      return;
    }
    const peer = this.lastPeer;
    if (!peer) {
      this.sink.warn(
        index,
        'a continuation row whose peer row (with # Ent and NBMA address) is not in the output',
      );
    } else if (nbma !== null && nbma !== peer.peerNbma) {
      this.sink.warn(index, `a continuation row naming NBMA ${nbma} under the row of ${peer.peerNbma}`);
    } else {
      addEntry(peer, entry);
    }
  }

  private addPeer(
    index: number,
    nbma: string,
    entries: number,
    entry: DmvpnNhrpEntry,
    addressFamily = this.context.addressFamily,
  ): void {
    const peer: DmvpnPeer = {
      kind: 'dmvpn_peer',
      line: index + 1,
      interface: this.context.interface,
      peerNbma: nbma,
      peerTunnel: entry.peerTunnel,
      state: entry.state,
      attrs: entry.attrs,
      upDownSeconds: entry.upDownSeconds,
      entries,
      extraTunnelAddresses: [],
      attrb: entry.attrb,
      interfaceType: this.context.interfaceType,
      addressFamily,
      targetNetwork: entry.targetNetwork,
      nhrpEntries: [entry],
      nhsStatus: null,
      nhrpGroup: null,
      qosPolicy: null,
    };
    this.sink.records.push(peer);
    this.lastPeer = peer;
  }

  /** `1.Peer NBMA Address: X`, `Tunnel IPv6 Address: X`, `IPv6 Target Network: X/N [(ivrf)]`. */
  private readBlockLine(index: number, line: string, start: number): boolean {
    const first = line.charCodeAt(start);
    if (isDigit(first)) {
      let end = start + 1;
      while (end < line.length && isDigit(line.charCodeAt(end))) end++;
      if (!line.startsWith('.Peer NBMA Address:', end)) return false;
      const nbma = words(line.slice(end + 19))[0];
      if (!nbma) return false;
      if (this.block) this.sink.warn(this.block.index, 'an IPv6 peer block without its `# Ent:` status line');
      this.block = { index, nbma, tunnels: [], targetNetwork: null };
      return true;
    }
    if (line.startsWith('Tunnel IPv6 Address:', start)) {
      const address = words(line.slice(start + 20))[0];
      if (!this.block || !address) return false;
      this.block.tunnels.push(address);
      return true;
    }
    if (line.startsWith('IPv6 Target Network:', start)) {
      const target = words(line.slice(start + 20))[0];
      if (!this.block || !target) return false;
      this.block.targetNetwork ??= target;
      return true;
    }
    return false;
  }

  /** `# Ent: 1, Status: UP, UpDn Time: 00:02:39, Cache Attrib: D` closes an IPv6 peer block. */
  private readBlockStatus(index: number, trimmed: string): boolean {
    const match = BLOCK_STATUS.exec(trimmed);
    if (!match) return false;
    const block = this.block;
    this.block = undefined;
    const upDownSeconds = parseDuration(match[3]!);
    const state = match[2]!;
    if (!block || block.tunnels.length === 0 || !isPeerState(state) || upDownSeconds === undefined) {
      this.sink.warn(
        index,
        'an IPv6 peer status line without its peer block, or with an unknown state or time',
      );
      return true;
    }
    const entries = Number(match[1]);
    const attrb = match[4]!;
    const [firstTunnel, ...moreTunnels] = block.tunnels;
    const entry: DmvpnNhrpEntry = {
      line: block.index + 1,
      peerTunnel: firstTunnel!,
      state,
      attrb,
      attrs: splitAttrb(attrb),
      upDownSeconds,
      targetNetwork: block.targetNetwork,
    };
    // `# Ent: 0` marks a further entry of the NBMA peer above, as a continuation row does in the table.
    const peer = this.lastPeer;
    if (entries === 0 && peer && peer.peerNbma === block.nbma) addEntry(peer, entry);
    else this.addPeer(block.index, block.nbma, entries, entry, 'ipv6');
    for (const tunnel of moreTunnels) addEntry(this.lastPeer!, { ...entry, peerTunnel: tunnel });
    return true;
  }
}

function addEntry(peer: DmvpnPeer, entry: DmvpnNhrpEntry): void {
  peer.nhrpEntries!.push(entry);
  const address = entry.peerTunnel;
  if (address !== peer.peerTunnel && !peer.extraTunnelAddresses.includes(address)) {
    peer.extraTunnelAddresses.push(address);
  }
}
