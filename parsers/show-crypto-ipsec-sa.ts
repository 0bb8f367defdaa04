// Parses `show crypto ipsec sa` (and `detail`, `peer X`, `interface X`, `ipv6`, `vrf X`, `map X`): one record per
// peer block with every counter and its SAs.

import type { ParseOptions } from '../model/parse.js';
import type {
  IpsecIdentity,
  IpsecSa,
  IpsecSaCounters,
  IpsecSaEntry,
  IpsecSaProtocol,
} from '../model/records/ipsec.js';
import { countAt, digitsAt } from './common/numbers.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { indentOf, isBlank, sliceTrimmed } from './common/text.js';
import { itemEnd, newSaEntry, readSaLine, spiAt, yesNoAt } from './show-crypto-ipsec-sa-entries.js';

type CounterName = keyof IpsecSaCounters;

/** Counter labels as IOS prints them (without the leading `#`s and the trailing `:`), to our field names. */
const COUNTERS = new Map<string, CounterName>([
  ['pkts encaps', 'pktsEncaps'],
  ['pkts encrypt', 'pktsEncrypt'],
  ['pkts digest', 'pktsDigest'],
  ['pkts decaps', 'pktsDecaps'],
  ['pkts decrypt', 'pktsDecrypt'],
  ['pkts verify', 'pktsVerify'],
  ['pkts compressed', 'pktsCompressed'],
  ['pkts decompressed', 'pktsDecompressed'],
  ['pkts not compressed', 'pktsNotCompressed'],
  ['pkts compr. failed', 'pktsCompressFailed'],
  ['pkts not decompressed', 'pktsNotDecompressed'],
  ['pkts decompress failed', 'pktsDecompressFailed'],
  ['pkts no sa (send)', 'pktsNoSaSend'],
  ['pkts invalid sa (rcv)', 'pktsInvalidSaRecv'],
  ['pkts encaps failed (send)', 'pktsEncapsFailedSend'],
  ['pkts decaps failed (rcv)', 'pktsDecapsFailedRecv'],
  ['pkts invalid prot (recv)', 'pktsInvalidProtRecv'],
  ['pkts verify failed', 'pktsVerifyFailed'],
  ['pkts invalid identity (recv)', 'pktsInvalidIdentityRecv'],
  ['pkts invalid len (rcv)', 'pktsInvalidLenRecv'],
  ['pkts replay rollover (send)', 'pktsReplayRolloverSend'],
  ['pkts replay rollover (rcv)', 'pktsReplayRolloverRecv'],
  ['pkts replay failed (rcv)', 'pktsReplayFailedRecv'],
  ['pkts tagged (send)', 'pktsTaggedSend'],
  ['pkts untagged (rcv)', 'pktsUntaggedRecv'],
  ['pkts not tagged (send)', 'pktsNotTaggedSend'],
  ['pkts not untagged (rcv)', 'pktsNotUntaggedRecv'],
  ['pkts internal err (send)', 'pktsInternalErrSend'],
  ['pkts internal err (recv)', 'pktsInternalErrRecv'],
  ['send errors', 'sendErrors'],
  ['recv errors', 'recvErrors'],
]);

const PROTOCOLS: readonly IpsecSaProtocol[] = ['esp', 'ah', 'pcp'];

/** The interface-level lines every peer block below them belongs to. */
interface InterfaceContext {
  interface: string | null;
  cryptoMapTag: string | null;
  cryptoMapLocal: string | null;
  policyName: string | null;
}

function newIpsecSa(index: number, context: InterfaceContext): IpsecSa {
  return {
    kind: 'ipsec_sa',
    line: index + 1,
    interface: context.interface,
    local: null,
    remote: null,
    remotePort: null,
    remoteEndpoint: null,
    cryptoMapTag: context.cryptoMapTag,
    cryptoMapLocal: context.cryptoMapLocal,
    policyName: context.policyName,
    protectedVrf: null,
    localIdent: null,
    remoteIdent: null,
    action: null,
    flags: null,
    flagNames: [],
    pktsEncaps: null,
    pktsEncrypt: null,
    pktsDigest: null,
    pktsDecaps: null,
    pktsDecrypt: null,
    pktsVerify: null,
    pktsCompressed: null,
    pktsDecompressed: null,
    pktsNotCompressed: null,
    pktsCompressFailed: null,
    pktsNotDecompressed: null,
    pktsDecompressFailed: null,
    pktsNoSaSend: null,
    pktsInvalidSaRecv: null,
    pktsEncapsFailedSend: null,
    pktsDecapsFailedRecv: null,
    pktsInvalidProtRecv: null,
    pktsVerifyFailed: null,
    pktsInvalidIdentityRecv: null,
    pktsInvalidLenRecv: null,
    pktsReplayRolloverSend: null,
    pktsReplayRolloverRecv: null,
    pktsReplayFailedRecv: null,
    pktsTaggedSend: null,
    pktsUntaggedRecv: null,
    pktsNotTaggedSend: null,
    pktsNotUntaggedRecv: null,
    pktsInternalErrSend: null,
    pktsInternalErrRecv: null,
    sendErrors: null,
    recvErrors: null,
    plaintextMtu: null,
    pathMtu: null,
    ipMtu: null,
    ipMtuInterface: null,
    currentOutboundSpi: null,
    pfs: null,
    dhGroup: null,
    akeGroup: null,
    inSas: null,
    outSas: null,
    inbound: [],
    outbound: [],
  };
}

/** The action line (`PERMIT, flags={...}`) starts upper-case: testing that first spares most lines a search. */
function isUpperCase(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** `... ident (addr/mask/prot/port): (20.20.20.0/255.255.255.0/0/0)`, `(FE80::/10/89/0)`. */
function identityAt(line: string): IpsecIdentity | undefined {
  const open = line.lastIndexOf('(');
  const close = line.lastIndexOf(')');
  const portSlash = line.lastIndexOf('/', close);
  const protocolSlash = line.lastIndexOf('/', portSlash - 1);
  const maskSlash = line.lastIndexOf('/', protocolSlash - 1);
  if (open < 0 || maskSlash <= open) return undefined;
  const port = countAt(line, portSlash + 1, close);
  const protocol = countAt(line, protocolSlash + 1, portSlash);
  if (port === null || protocol === null) return undefined;
  return {
    address: line.slice(open + 1, maskSlash),
    mask: line.slice(maskSlash + 1, protocolSlash),
    protocol,
    port,
  };
}

/**
 * Walks the output once. A peer block starts at whichever of its lines comes first (`protected vrf:`, an ident,
 * `current_peer`, a counter ...): a line whose value the current block already holds opens the next block, so
 * output cut down by `| include` still gives one record per peer.
 */
class IpsecSaWalk {
  private context: InterfaceContext = {
    interface: null,
    cryptoMapTag: null,
    cryptoMapLocal: null,
    policyName: null,
  };
  private sa: IpsecSa | null = null;
  /** Bit per SA block header seen in the current peer block (direction x protocol). */
  private blocksSeen = 0;
  private block: { inbound: boolean; protocol: IpsecSaProtocol } | null = null;
  private entry: IpsecSaEntry | null = null;

  constructor(
    private readonly out: ParseOutput<IpsecSa>,
    private readonly options: ParseOptions,
  ) {}

  walk(): void {
    const lines = this.out.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const start = indentOf(line);
      if (start === line.length) continue;
      const problem = this.readLine(i, line, start);
      if (problem === undefined) this.out.recognized++;
      else this.out.warn(i, problem);
    }
  }

  /** Undefined when the line (first non-blank character at `start`) was understood, else why not. */
  private readLine(i: number, line: string, start: number): string | undefined {
    switch (line.charCodeAt(start)) {
      case 35: // #
        return this.readCounters(i, line, start);
      case 105: // i
        if (line.startsWith('interface:', start)) return this.readInterface(sliceTrimmed(line, start + 10));
        if (line.startsWith('inbound ', start)) return this.readBlockHeader(i, line, start + 8, true);
        break;
      case 111: // o
        if (line.startsWith('outbound ', start)) return this.readBlockHeader(i, line, start + 9, false);
        break;
      case 67: // C
        if (line.startsWith('Crypto map tag:', start)) return this.readCryptoMap(line, start + 15);
        break;
      case 73: // I
        if (line.startsWith('IPsecv6 policy name:', start)) {
          this.context = { ...this.context, policyName: sliceTrimmed(line, start + 20) };
          this.sa = null;
          return undefined;
        }
        break;
      case 112: // p
        if (line.startsWith('protected vrf:', start)) {
          this.peerBlock(i, 'protectedVrf').protectedVrf = sliceTrimmed(line, start + 14);
          return undefined;
        }
        if (line.startsWith('plaintext mtu', start) || line.startsWith('path mtu', start))
          return this.readMtu(i, line, start);
        break;
      case 108: // l
        if (line.startsWith('local crypto endpt.:', start)) return this.readEndpoints(i, line, start);
        if (line.startsWith('local ', start) && line.includes('ident', start + 6))
          return this.readIdentity(i, line, 'localIdent');
        break;
      case 114: // r
        if (line.startsWith('remote crypto endpt.:', start)) return this.readEndpoints(i, line, start);
        if (line.startsWith('remote ident', start)) return this.readIdentity(i, line, 'remoteIdent');
        break;
      case 99: // c
        if (line.startsWith('current_peer', start)) return this.readPeer(i, line, start + 12);
        if (line.startsWith('current outbound spi:', start)) {
          const spi = spiAt(line, start + 21);
          if (!spi) return 'current outbound spi is not 0x...';
          this.peerBlock(i, 'currentOutboundSpi').currentOutboundSpi = spi;
          return undefined;
        }
        break;
      case 80: // P
        if (line.startsWith('PFS (Y/N):', start)) return this.readPfs(i, line, start + 10);
        break;
      case 115: // s
        if (line.startsWith('spi:', start)) return this.readSpi(i, line, start + 4);
        break;
    }
    const flags = isUpperCase(line.charCodeAt(start)) ? line.indexOf(', flags={', start) : -1;
    if (flags > start) return this.readAction(i, line, start, flags);
    return this.readSaDetail(line, start);
  }

  /** The current peer block, or a new one when there is none or it already holds `field`. */
  private peerBlock(i: number, field: keyof IpsecSa): IpsecSa {
    if (this.sa === null || this.sa[field] !== null) return this.startPeerBlock(i);
    return this.sa;
  }

  private startPeerBlock(i: number): IpsecSa {
    this.sa = newIpsecSa(i, this.context);
    this.blocksSeen = 0;
    this.block = null;
    this.entry = null;
    this.out.records.push(this.sa);
    return this.sa;
  }

  private readInterface(name: string): string | undefined {
    if (name === '') return 'interface: without a name';
    this.context = { interface: name, cryptoMapTag: null, cryptoMapLocal: null, policyName: null };
    this.sa = null;
    return undefined;
  }

  /** `Crypto map tag: Tunnel0-head-0, local addr 2.2.2.2`, from after the colon. */
  private readCryptoMap(line: string, from: number): string | undefined {
    const comma = line.indexOf(', local addr ', from);
    if (comma < 0) return 'Crypto map tag without a local addr';
    this.context = {
      ...this.context,
      cryptoMapTag: sliceTrimmed(line, from, comma),
      cryptoMapLocal: sliceTrimmed(line, comma + 13),
    };
    this.sa = null;
    return undefined;
  }

  private readIdentity(i: number, line: string, field: 'localIdent' | 'remoteIdent'): string | undefined {
    const identity = identityAt(line);
    if (!identity) return `${field === 'localIdent' ? 'local' : 'remote'} ident is not (addr/mask/prot/port)`;
    this.peerBlock(i, field)[field] = identity;
    return undefined;
  }

  /** `current_peer 1.1.1.1 port 500`, or older images' `current_peer: 1.1.1.1`, from after `current_peer`. */
  private readPeer(i: number, line: string, from: number): string | undefined {
    let start = indentOf(line, from);
    if (line.charCodeAt(start) === 58) start = indentOf(line, start + 1); // :
    const portAt = line.indexOf(' port ', start);
    const address = sliceTrimmed(line, start, portAt < 0 ? line.length : portAt);
    const port = portAt < 0 ? null : countAt(line, portAt + 6);
    if (address === '' || address.includes(' ')) return 'current_peer without an address';
    if (portAt >= 0 && port === null) return 'current_peer port is not a number';
    const sa = this.peerBlock(i, 'remote');
    sa.remote = address;
    sa.remotePort = port;
    return undefined;
  }

  /** `PERMIT, flags={origin_is_acl,}`. */
  private readAction(i: number, line: string, start: number, flagsAt: number): string | undefined {
    const close = line.indexOf('}', flagsAt);
    if (close < 0) return 'flags={ without its closing brace';
    const sa = this.peerBlock(i, 'action');
    sa.action = line.slice(start, flagsAt);
    sa.flags = line.slice(flagsAt + 9, close);
    for (let from = flagsAt + 9; from < close;) {
      let end = line.indexOf(',', from);
      if (end < 0 || end > close) end = close;
      const flag = sliceTrimmed(line, from, end);
      if (flag !== '') sa.flagNames.push(flag);
      from = end + 1;
    }
    return undefined;
  }

  /** `#pkts encaps: 4, #pkts encrypt: 4, #pkts digest: 4`, `#pkts no sa (send) 0`, `#send errors 0`. */
  private readCounters(i: number, line: string, start: number): string | undefined {
    let unknown: string | undefined;
    for (let position = start; position < line.length;) {
      while (line.charCodeAt(position) === 35) position++; // IOS prints `##pkts replay failed`
      const next = itemEnd(line, position);
      let end = next;
      while (end > position && line.charCodeAt(end - 1) === 32) end--;
      const space = line.lastIndexOf(' ', end - 1);
      let labelEnd = space;
      while (
        labelEnd > position &&
        (line.charCodeAt(labelEnd - 1) === 58 || line.charCodeAt(labelEnd - 1) === 32)
      )
        labelEnd--;
      const value = space > position ? digitsAt(line, space + 1, end) : -1;
      const name = value < 0 ? undefined : COUNTERS.get(line.slice(position, labelEnd));
      if (name === undefined) unknown ??= line.slice(position, end);
      else this.peerBlock(i, name)[name] = value;
      position = next + 2;
    }
    return unknown === undefined ? undefined : `unknown counter: ${unknown}`;
  }

  /** `local crypto endpt.: 1.1.1.2, remote crypto endpt.: 1.1.1.1`; IPv6 wraps the remote onto its own line. */
  private readEndpoints(i: number, line: string, start: number): string | undefined {
    const remoteAt = line.indexOf('remote crypto endpt.:', start);
    if (remoteAt !== start) {
      let localEnd = remoteAt < 0 ? line.length : remoteAt;
      while (
        localEnd > start &&
        (isBlank(line.charCodeAt(localEnd - 1)) || line.charCodeAt(localEnd - 1) === 44)
      )
        localEnd--;
      const local = sliceTrimmed(line, start + 20, localEnd);
      if (local === '') return 'local crypto endpt. without an address';
      this.peerBlock(i, 'local').local = local;
    }
    if (remoteAt >= 0) {
      const remote = sliceTrimmed(line, remoteAt + 21);
      if (remote === '') return 'remote crypto endpt. without an address';
      this.peerBlock(i, 'remoteEndpoint').remoteEndpoint = remote;
    }
    return undefined;
  }

  /** `plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet3` (`ipv6 mtu` for IPv6). */
  private readMtu(i: number, line: string, start: number): string | undefined {
    const sa = this.peerBlock(i, 'pathMtu');
    let unknown: string | undefined;
    for (let from = start; from < line.length;) {
      const end = itemEnd(line, from);
      if (line.startsWith('plaintext mtu ', from)) sa.plaintextMtu = countAt(line, from + 14, end);
      else if (line.startsWith('path mtu ', from)) sa.pathMtu = countAt(line, from + 9, end);
      else if (line.startsWith('ip mtu idb ', from)) sa.ipMtuInterface = sliceTrimmed(line, from + 11, end);
      else if (line.startsWith('ipv6 mtu idb ', from)) sa.ipMtuInterface = sliceTrimmed(line, from + 13, end);
      else if (line.startsWith('ip mtu ', from)) sa.ipMtu = countAt(line, from + 7, end);
      else if (line.startsWith('ipv6 mtu ', from)) sa.ipMtu = countAt(line, from + 9, end);
      else unknown ??= sliceTrimmed(line, from, end);
      from = indentOf(line, end + 2);
    }
    return unknown === undefined ? undefined : `unknown mtu item: ${unknown}`;
  }

  /** `PFS (Y/N): N, DH group: none` or `... Y, DH group: group14, AKE group: AKE1: MLKEM512`, from after the colon. */
  private readPfs(i: number, line: string, from: number): string | undefined {
    const sa = this.peerBlock(i, 'pfs');
    const flagEnd = itemEnd(line, from);
    sa.pfs = yesNoAt(line, from, flagEnd);
    if (sa.pfs === null) return 'PFS (Y/N) is not Y or N';
    for (let item = indentOf(line, flagEnd + 2); item < line.length;) {
      const end = itemEnd(line, item);
      if (line.startsWith('DH group:', item)) sa.dhGroup = sliceTrimmed(line, item + 9, end);
      else if (line.startsWith('AKE group:', item)) sa.akeGroup = sliceTrimmed(line, item + 10, end);
      else return `unknown PFS item: ${sliceTrimmed(line, item, end)}`;
      item = indentOf(line, end + 2);
    }
    return undefined;
  }

  /** `inbound esp sas:` ... `outbound pcp sas:`, from just after the direction word. */
  private readBlockHeader(i: number, line: string, from: number, inbound: boolean): string | undefined {
    const index = PROTOCOLS.findIndex((candidate) => line.startsWith(candidate, from));
    const protocol = PROTOCOLS[index];
    if (!protocol || !line.startsWith(' sas:', from + protocol.length))
      return 'unknown SA block (not esp, ah or pcp sas:)';
    const bit = 1 << (index + (inbound ? 0 : 3));
    const sa = this.sa === null || (this.blocksSeen & bit) !== 0 ? this.startPeerBlock(i) : this.sa;
    this.blocksSeen |= bit;
    this.block = { inbound, protocol };
    this.entry = null;
    if (inbound) sa.inSas ??= 0;
    else sa.outSas ??= 0;
    return undefined;
  }

  /** `spi: 0x658F7C11(1703902225)`, from after the colon. */
  private readSpi(i: number, line: string, from: number): string | undefined {
    this.entry = null;
    if (this.sa === null || this.block === null)
      return this.options.filtered ? undefined : 'spi: outside an inbound/outbound SA block';
    const entry = newSaEntry(i, this.block.protocol, line, from);
    if (!entry) return 'spi is neither 0x... nor [Not Available]';
    this.entry = entry;
    if (this.block.inbound) {
      this.sa.inbound.push(entry);
      this.sa.inSas = this.sa.inbound.length;
    } else {
      this.sa.outbound.push(entry);
      this.sa.outSas = this.sa.outbound.length;
    }
    return undefined;
  }

  private readSaDetail(line: string, start: number): string | undefined {
    const result = readSaLine(this.entry, line, start);
    if (result === false) return 'not a line of show crypto ipsec sa';
    if (result === undefined && this.entry === null && !this.options.filtered)
      return 'SA line outside an SA (no spi: line before it)';
    return result;
  }
}

export const showCryptoIpsecSa = defineParser<IpsecSa>({
  command: 'show crypto ipsec sa',
  syntax: [
    'show crypto ipsec sa',
    'show crypto ipsec sa detail',
    'show crypto ipsec sa peer <address>',
    'show crypto ipsec sa peer <address> detail',
    'show crypto ipsec sa interface <interface>',
    'show crypto ipsec sa interface <interface> detail',
    'show crypto ipsec sa ipv6',
    'show crypto ipsec sa ipv6 detailed',
    'show crypto ipsec sa vrf <name>',
    'show crypto ipsec sa vrf <name> detail',
    'show crypto ipsec sa map <name>',
    'show crypto ipsec sa map <name> detail',
  ],
  detect: (text) => text.includes('current_peer') || /#pkts (?:en|de)caps:/.test(text),
  parse(out, options) {
    new IpsecSaWalk(out, options).walk();
  },
});
