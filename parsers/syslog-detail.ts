// Reads the typed meaning of the DMVPN-relevant log messages (NHRP peers, crypto sockets, IKE, SPIs, routing
// adjacencies, interface state) from their facility, mnemonic and text.

import type {
  BgpAdjacencyChange,
  CryptoSessionStatus,
  CryptoSocketChange,
  EigrpNeighborChange,
  IkeModeFailure,
  InvalidSpi,
  NhrpErrorReport,
  NhrpMessage,
  NhrpNetIdUnconfigured,
  NhrpPeerChange,
  OspfAdjacencyChange,
  PacketNotIpsec,
  SyslogDetail,
} from '../model/records/syslog.js';
import { intern } from './common/intern.js';

type DetailReader = (message: string) => SyslogDetail | null;

/**
 * The typed meaning of a DMVPN-relevant message, from its facility, mnemonic and text; null for other messages
 * or for a text whose wording this release changed. Also used for syslog carried in SNMP traps (CISCO-SYSLOG-MIB).
 */
export function syslogDetail(facility: string, mnemonic: string, message: string): SyslogDetail | null {
  const reader = DETAIL_READERS.get(facility)?.get(mnemonic);
  if (reader) return reader(message.trimStart());
  if (facility === 'NHRP') return nhrpMessage(message);
  return null;
}

const NHRP_PEER =
  /^(\S+): Next Hop (Server|Client|Peer) : \(Tunnel: ([^\s)]+) NBMA: ([^\s)]+) ?\) for \(Tunnel: ([^\s)]+) NBMA: ([^\s)]+) ?\) is +(UP|DOWN)(?:, Reason: ([^(]*)(?:\(([^)]*)\))?)?/;
const CRYPTO_SOCKET = /^(\S+): local address : (\S+) remote address : (\S+) socket is (UP|DOWN)/;
const NHRP_ERROR =
  /^(\S+): +(.*?) +for +(.*?) *, *Reason: +(.*?) *(?:\((\d+)\))? *on \(Tunnel: *(\S+) +NBMA: *(\S+?) *\)/;
const NETID = /^(\S+): NETID : (\d+) Unconfigured(?: \(Tunnel: *(\S+) +NBMA: *(\S+?) *\))?/;
const INTERFACE_NAME = /\b(Tunnel\d+(?:\.\d+)?|Tu\d+)\b/;
const NHRP_PACKET_NAME =
  /(Resolution Request|Resolution Reply|Registration Request|Registration Reply|Purge Request|Purge Reply|Error Indication|Traffic Indication)/i;
const PAREN_CODE = /\((\d+)\)/;
const SPI_DESTINATION = /destaddr=([^,\s]+)/;
const SPI_SOURCE = /srcaddr=([^,\s]+)/;
const SPI_PROTOCOL = /prot=(\d+)/;
const SPI_VALUE = /spi=(0x[0-9A-Fa-f]+)/;
const SPI_INTERFACE = /input interface=(\S+)/;
const NO_SA = /^IKE message from (\S+?)(?::\d+)? +has no SA/;
const SESSION_STATUS = /^Crypto tunnel is (UP|DOWN)\b.*?Peer (\S+?)(?::(\d+))?(?: |$)(?:.*?Id: (\S+))?/;
const MODE_FAILURE = /^Processing of (\w+) [Mm]ode failed with peer(?: at)? (\S+)/;
const NOT_IPSEC = /vrf\/dest_addr= *(\S*)\/(\S+?), *src_addr= *(\S+?), *prot= *(\d+)/;
const LINEPROTO = /^Line protocol on Interface (\S+), changed state to (.+?)\s*$/;
const LINK = /^Interface (\S+), changed state to (.+?)\s*$/;
const RECURSIVE = /^(\S+) temporarily disabled due to recursive routing/;
const EIGRP =
  /^(?:EIGRP-(IPv4|IPv6)|IP-EIGRP|IPv6-EIGRP)(?:\(\d+\))?:?(?: +(\d+))?[^:]*: +Neighbor +(\S+) +\((\S+)\) +is +(\w+)(?: *: *(.*?))?\s*$/;
const OSPF = /^Process (\d+), (?:IPv[46], )?Nbr (\S+) on (\S+) from (\S+) to (\S+?)(?:, (.*?))?\s*$/;
const BGP = /^neighbor (\S+)(?: +(?:vpn +)?vrf +(\S+))? +(?:Passive +)?(Up|Down)\b *(?:- *)?(.*?)\s*$/;

const NHRP_PACKET_CODES: Record<string, number> = {
  'resolution request': 1,
  'resolution reply': 2,
  'registration request': 3,
  'registration reply': 4,
  'purge request': 5,
  'purge reply': 6,
  'error indication': 7,
  'traffic indication': 8,
};

const ROLES: Record<string, NhrpPeerChange['role']> = { Server: 'nhs', Client: 'nhc', Peer: 'nhp' };

/** An address as printed, shared like the names (logs repeat the same peers); null for IOS's `UNKNOWN`. */
function knownTunnel(address: string | undefined): string | null {
  return address === undefined || address === 'UNKNOWN' ? null : intern(address);
}

function nhrpPeer(message: string): NhrpPeerChange | null {
  const match = NHRP_PEER.exec(message);
  if (!match) return null;
  const [, iface, role, peerTunnel, peerNbma, localTunnel, localNbma, state, reason, reasonDetail] = match;
  const reasonText = reason?.trim();
  return {
    type: 'nhrp_peer',
    role: ROLES[role!]!,
    interface: intern(iface!),
    peerTunnel: knownTunnel(peerTunnel),
    peerNbma: knownTunnel(peerNbma),
    localTunnel: knownTunnel(localTunnel),
    localNbma: knownTunnel(localNbma),
    up: state === 'UP',
    reason: reasonText ? intern(reasonText) : null,
    reasonDetail: reasonDetail === undefined ? null : intern(reasonDetail),
  };
}

function cryptoSocket(message: string): CryptoSocketChange | null {
  const match = CRYPTO_SOCKET.exec(message);
  if (!match) return null;
  return {
    type: 'crypto_socket',
    interface: intern(match[1]!),
    localNbma: intern(match[2]!),
    remoteNbma: intern(match[3]!),
    up: match[4] === 'UP',
  };
}

function nhrpError(message: string): NhrpErrorReport | null {
  const match = NHRP_ERROR.exec(message);
  if (!match) return null;
  const [, iface, error, packetType, reason, code, peerTunnel, peerNbma] = match;
  return {
    type: 'nhrp_error',
    interface: iface!,
    error: error!,
    packetType: packetType!,
    packetTypeCode: NHRP_PACKET_CODES[packetType!.toLowerCase()] ?? null,
    reason: reason!,
    reasonCode: code === undefined ? null : Number(code),
    peerTunnel: knownTunnel(peerTunnel),
    peerNbma: knownTunnel(peerNbma),
  };
}

function netIdUnconfigured(message: string): NhrpNetIdUnconfigured | null {
  const match = NETID.exec(message);
  if (!match) return null;
  return {
    type: 'nhrp_netid_unconfigured',
    interface: match[1]!,
    networkId: Number(match[2]),
    tunnel: knownTunnel(match[3]),
    nbma: knownTunnel(match[4]),
  };
}

function nhrpMessage(message: string): NhrpMessage {
  const code = PAREN_CODE.exec(message);
  return {
    type: 'nhrp_message',
    interface: INTERFACE_NAME.exec(message)?.[1] ?? null,
    packetType: NHRP_PACKET_NAME.exec(message)?.[1] ?? null,
    code: code ? Number(code[1]) : null,
  };
}

/** `destaddr=61.128.1.1, prot=50, spi=0x3EA71AED(1051138797), srcaddr=103.1.1.1, input interface=Gi1`. */
function invalidSpi(message: string): InvalidSpi {
  const protocol = SPI_PROTOCOL.exec(message);
  return {
    type: 'invalid_spi',
    destination: SPI_DESTINATION.exec(message)?.[1] ?? null,
    source: SPI_SOURCE.exec(message)?.[1] ?? null,
    protocol: protocol ? Number(protocol[1]) : null,
    spi: SPI_VALUE.exec(message)?.[1] ?? null,
    inputInterface: SPI_INTERFACE.exec(message)?.[1] ?? null,
  };
}

function sessionStatus(message: string): CryptoSessionStatus | null {
  const match = SESSION_STATUS.exec(message);
  if (!match) return null;
  return {
    type: 'crypto_session',
    up: match[1] === 'UP',
    peer: match[2]!,
    port: match[3] === undefined ? null : Number(match[3]),
    id: match[4] ?? null,
  };
}

function modeFailure(message: string): IkeModeFailure | null {
  const match = MODE_FAILURE.exec(message);
  return match ? { type: 'ike_mode_failure', mode: match[1]!, peer: match[2]! } : null;
}

function notIpsec(message: string): PacketNotIpsec | null {
  const match = NOT_IPSEC.exec(message);
  if (!match) return null;
  return {
    type: 'packet_not_ipsec',
    vrf: match[1] || null,
    destination: match[2]!,
    source: match[3]!,
    protocol: Number(match[4]),
  };
}

function eigrpNeighbor(message: string): EigrpNeighborChange | null {
  const match = EIGRP.exec(message);
  if (!match) return null;
  const [, family, asn, neighbor, iface, state, reason] = match;
  return {
    type: 'eigrp_neighbor',
    addressFamily: family === 'IPv6' || message.startsWith('IPv6') ? 'IPv6' : 'IPv4',
    asn: asn === undefined ? null : Number(asn),
    neighbor: neighbor!,
    interface: iface!,
    state: state!,
    reason: reason || null,
  };
}

function ospfAdjacency(message: string): OspfAdjacencyChange | null {
  const match = OSPF.exec(message);
  if (!match) return null;
  const [, processId, neighbor, iface, from, to, reason] = match;
  return {
    type: 'ospf_adjacency',
    processId: Number(processId),
    neighbor: neighbor!,
    interface: iface!,
    from: from!,
    to: to!,
    reason: reason || null,
  };
}

function bgpAdjacency(message: string): BgpAdjacencyChange | null {
  const match = BGP.exec(message);
  if (!match) return null;
  return {
    type: 'bgp_adjacency',
    neighbor: match[1]!,
    vrf: match[2] ?? null,
    up: match[3] === 'Up',
    reason: match[4] || null,
  };
}

function interfaceState(pattern: RegExp, layer: 'line-protocol' | 'link'): DetailReader {
  return (message) => {
    const match = pattern.exec(message);
    return match ? { type: 'interface_state', layer, interface: match[1]!, state: match[2]! } : null;
  };
}

/** Readers by facility, then mnemonic (two lookups: no key string to build per line). */
const DETAIL_READERS = new Map<string, Map<string, DetailReader>>([
  [
    'DMVPN',
    new Map<string, DetailReader>([
      ['NHRP_NHS_UP', nhrpPeer],
      ['NHRP_NHS_DOWN', nhrpPeer],
      ['NHRP_NHC_UP', nhrpPeer],
      ['NHRP_NHC_DOWN', nhrpPeer],
      ['NHRP_NHP_UP', nhrpPeer],
      ['NHRP_NHP_DOWN', nhrpPeer],
      ['CRYPTO_SS', cryptoSocket],
      ['DMVPN_NHRP_ERROR', nhrpError],
      ['NHRP_NETID_UNCONFIGURED', netIdUnconfigured],
    ]),
  ],
  [
    'CRYPTO',
    new Map<string, DetailReader>([
      ['RECVD_PKT_INV_SPI', invalidSpi],
      ['IKMP_NO_SA', ikeNoSa],
      ['ISAKMP_ON_OFF', (message) => ({ type: 'isakmp_on_off', on: /\bON\b/.test(message) })],
      ['SESSION_STATUS', sessionStatus],
      ['IKMP_MODE_FAILURE', modeFailure],
      ['RECVD_PKT_NOT_IPSEC', notIpsec],
    ]),
  ],
  ['LINEPROTO', new Map([['UPDOWN', interfaceState(LINEPROTO, 'line-protocol')]])],
  [
    'LINK',
    new Map([
      ['UPDOWN', interfaceState(LINK, 'link')],
      ['CHANGED', interfaceState(LINK, 'link')],
    ]),
  ],
  ['TUN', new Map([['RECURDOWN', recursiveRouting]])],
  ['DUAL', new Map([['NBRCHANGE', eigrpNeighbor]])],
  ['OSPF', new Map([['ADJCHG', ospfAdjacency]])],
  ['OSPFv3', new Map([['ADJCHG', ospfAdjacency]])],
  ['OSPFV3', new Map([['ADJCHG', ospfAdjacency]])],
  ['BGP', new Map([['ADJCHANGE', bgpAdjacency]])],
]);

function ikeNoSa(message: string): SyslogDetail | null {
  const match = NO_SA.exec(message);
  return match ? { type: 'ike_no_sa', peer: match[1]! } : null;
}

function recursiveRouting(message: string): SyslogDetail | null {
  const match = RECURSIVE.exec(message);
  return match ? { type: 'tunnel_recursive_routing', interface: match[1]! } : null;
}
