// CISCO-IPSEC-FLOW-MONITOR-MIB (1.3.6.1.4.1.9.9.171): the IKE and IPsec global counters, cikeTunnelTable,
// cipSecTunnelTable and cipSecEndPtTable. A tunnel's rows exist while its SAs do and vanish with them, as on IOS.
// Values come from `show crypto isakmp sa`, `show crypto ipsec sa` and `show crypto session`: packets are the SA's
// encaps/decaps counters, octets those packets at the lab's packet size, cipSecTunIndex the one the router's
// cipSecTunnelStart trap carried, cikeTunIndex the IKE SA's conn-id.

import type { RouterConfig } from '../model/config.js';
import type { IkeSaView, IpsecPeerView, RouterState } from '../model/state.js';
import { PACKET_BYTES } from '../engine/counters.js';
import type { RouterIndexes } from '../traps/indexes.js';
import type { Varbind } from '../traps/notification.js';
import { address, counter32, counter64, gauge, integer, text, timeTicks, truth, wraps } from './cells.js';
import { scalars, table, type TableRow } from './mib-view.js';
import { compareOids } from './oid.js';

const IKE_GLOBALS = '1.3.6.1.4.1.9.9.171.1.2.1';
const IKE_TUNNEL_ENTRY = '1.3.6.1.4.1.9.9.171.1.2.3.1';
const IPSEC_GLOBALS = '1.3.6.1.4.1.9.9.171.1.3.1';
const IPSEC_TUNNEL_ENTRY = '1.3.6.1.4.1.9.9.171.1.3.2.1';
const END_POINT_ENTRY = '1.3.6.1.4.1.9.9.171.1.3.3.1';
/** IOS's default `set security-association lifetime kilobytes`. */
const LIFE_SIZE_KB = 4608000;
const GRE = 47;
const ACTIVE = 1;
const SINGLE_ADDRESS = 1;

interface IkeTunnel {
  /** cikeTunIndex: the SA's conn-id, unless another SA already has it. */
  index: number;
  sa: IkeSaView;
}

interface IpsecTunnel {
  index: number;
  peer: IpsecPeerView;
  ike: IkeTunnel | undefined;
  lifetimeSeconds: number;
  activeSeconds: number;
}

export function ipsecFlowMonitor(
  state: RouterState,
  config: RouterConfig,
  indexes: RouterIndexes,
): Varbind[] {
  const ikeTunnels = activeIkeTunnels(state);
  const tunnels = ipsecTunnels(state, config, ikeTunnels, indexes);
  const closed = indexes.closedIpsecTunnels();
  return [
    ...ikeGlobals(ikeTunnels, closed),
    ...table(IKE_TUNNEL_ENTRY, ikeTunnels.map(ikeRow)),
    ...ipsecGlobals(tunnels, closed),
    ...table(IPSEC_TUNNEL_ENTRY, tunnels.map(ipsecRow)),
    ...table(END_POINT_ENTRY, tunnels.map(endPointRow)),
  ];
}

function activeIkeTunnels(state: RouterState): IkeTunnel[] {
  const active = state.ikeSas
    .filter((sa) =>
      sa.version === 'v1' ? sa.state === 'QM_IDLE' && sa.status === 'ACTIVE' : sa.state === 'READY',
    )
    .sort((a, b) => a.connId - b.connId || compareOids(a.remote, b.remote));
  let spare = active.reduce((highest, sa) => Math.max(highest, sa.connId), 0);
  const taken = new Set<number>();
  return active.map((sa) => {
    const index = sa.connId < 1 || taken.has(sa.connId) ? ++spare : sa.connId;
    taken.add(index);
    return { index, sa };
  });
}

function ipsecTunnels(
  state: RouterState,
  config: RouterConfig,
  ikeTunnels: IkeTunnel[],
  indexes: RouterIndexes,
): IpsecTunnel[] {
  const live = state.ipsecSas.filter((peer) => peer.inbound.length > 0 && peer.outbound.length > 0);
  // Tunnels the log does not show opening get new indexes in a stable order.
  live.sort((a, b) => a.interface.localeCompare(b.interface) || compareOids(a.remote, b.remote));
  const sessions = new Map(
    state.cryptoSessions.map((session) => [`${session.interface} ${session.peer}`, session]),
  );
  const ikeByRemote = new Map(ikeTunnels.map((tunnel) => [tunnel.sa.remote, tunnel]));
  return live.map((peer) => {
    const session = sessions.get(`${peer.interface} ${peer.remote}`);
    const lifetimeSeconds = ipsecLifetime(config, peer.interface);
    // Without a crypto session row, the age of the newest SA.
    const saAge =
      lifetimeSeconds - (peer.inbound[peer.inbound.length - 1]?.remainingSeconds ?? lifetimeSeconds);
    return {
      index: indexes.ipsecTunnel(peer.interface, peer.remote, state.atSeconds),
      peer,
      ike: ikeByRemote.get(peer.remote),
      lifetimeSeconds,
      activeSeconds: session?.uptimeSeconds ?? Math.max(0, saAge),
    };
  });
}

function ipsecLifetime(config: RouterConfig, iface: string): number {
  const tunnel = config.tunnels.find((candidate) => candidate.name === iface);
  const profile = config.ipsecProfiles.find((candidate) => candidate.name === tunnel?.protectionProfile);
  return profile?.lifetimeSeconds ?? 3600;
}

function ikeGlobals(ikeTunnels: IkeTunnel[], closed: number): Varbind[] {
  const zero = counter32(0);
  return scalars(IKE_GLOBALS, {
    1: gauge(ikeTunnels.length),
    // The lab tears a spoke's IKE tunnel down with its IPsec tunnel.
    2: counter32(closed),
    20: zero,
    21: zero,
    22: zero,
    23: zero,
    24: zero,
    25: zero,
    26: zero,
  });
}

function ikeRow({ index, sa }: IkeTunnel): TableRow {
  const zero = counter32(0);
  return {
    index: [index],
    cells: {
      2: integer(1),
      3: text(sa.local),
      4: address(sa.local),
      6: integer(1),
      7: text(sa.remote),
      8: address(sa.remote),
      10: integer(1),
      11: integer(dhGroup(sa.dhGroup)),
      12: integer(encryptAlgo(sa.encryption ?? '')),
      13: integer(hashAlgo(sa.hash ?? '')),
      14: integer(sa.auth === 'psk' ? 2 : sa.auth?.startsWith('rsa') ? 3 : 1),
      15: integer(sa.lifetimeSeconds),
      16: timeTicks(sa.activeSeconds * 100),
      18: zero,
      19: zero,
      21: zero,
      27: zero,
      29: zero,
      35: integer(ACTIVE),
    },
  };
}

function ipsecGlobals(tunnels: IpsecTunnel[], closed: number): Varbind[] {
  const sum = (count: (peer: IpsecPeerView) => number): number =>
    tunnels.reduce((total, tunnel) => total + count(tunnel.peer), 0);
  const inPackets = sum((peer) => peer.pktsDecaps);
  const outPackets = sum((peer) => peer.pktsEncaps);
  const inOctets = inPackets * PACKET_BYTES;
  const outOctets = outPackets * PACKET_BYTES;
  return scalars(IPSEC_GLOBALS, {
    1: gauge(tunnels.length),
    2: counter32(closed),
    3: counter32(inOctets),
    4: counter64(inOctets),
    5: wraps(inOctets),
    9: counter32(inPackets),
    10: counter32(sum(inDrops)),
    11: counter32(sum((peer) => peer.replayFailed ?? 0)),
    13: counter32(sum((peer) => peer.verifyFailed ?? 0)),
    15: counter32(sum(decryptFails)),
    16: counter32(outOctets),
    17: counter64(outOctets),
    18: wraps(outOctets),
    22: counter32(outPackets),
    23: counter32(sum((peer) => peer.sendErrors)),
    27: counter32(sum(encryptFails)),
    28: counter32(0),
    29: counter32(sum((peer) => (peer.noSaSend ?? 0) + (peer.invalidSaRecv ?? 0))),
    30: counter32(0),
  });
}

/** Receive errors other than anti-replay (the MIB counts those apart). */
function inDrops(peer: IpsecPeerView): number {
  return peer.recvErrors - (peer.replayFailed ?? 0);
}
function decryptFails(peer: IpsecPeerView): number {
  return Math.max(
    0,
    peer.recvErrors - (peer.replayFailed ?? 0) - (peer.verifyFailed ?? 0) - (peer.invalidSaRecv ?? 0),
  );
}
function encryptFails(peer: IpsecPeerView): number {
  return Math.max(0, peer.sendErrors - (peer.noSaSend ?? 0));
}

function ipsecRow(tunnel: IpsecTunnel): TableRow {
  const { peer, ike } = tunnel;
  const inOctets = peer.pktsDecaps * PACKET_BYTES;
  const outOctets = peer.pktsEncaps * PACKET_BYTES;
  const inbound = peer.inbound[peer.inbound.length - 1];
  const outbound = peer.outbound[peer.outbound.length - 1];
  const transport = (inbound ?? outbound)?.mode === 'Transport';
  const dh = integer(dhGroup(peer.pfs ? peer.dhGroup : null));
  return {
    index: [tunnel.index],
    cells: {
      2: integer(ike?.index ?? 0),
      3: truth(ike !== undefined),
      4: address(peer.local),
      5: address(peer.remote),
      6: integer(1),
      7: integer(transport ? 2 : 1),
      8: integer(LIFE_SIZE_KB),
      9: integer(tunnel.lifetimeSeconds),
      10: timeTicks(tunnel.activeSeconds * 100),
      13: counter32(0),
      14: counter32(0),
      15: gauge(peer.inbound.length + peer.outbound.length),
      16: dh,
      17: integer(encryptAlgo(inbound?.transform ?? '')),
      19: integer(espAuthAlgo(inbound?.transform ?? '')),
      21: dh,
      22: integer(encryptAlgo(outbound?.transform ?? '')),
      24: integer(espAuthAlgo(outbound?.transform ?? '')),
      26: counter32(inOctets),
      27: counter64(inOctets),
      28: wraps(inOctets),
      32: counter32(peer.pktsDecaps),
      33: counter32(inDrops(peer)),
      34: counter32(peer.replayFailed ?? 0),
      35: counter32(peer.pktsDecaps),
      36: counter32(peer.verifyFailed ?? 0),
      37: counter32(peer.pktsDecaps),
      38: counter32(decryptFails(peer)),
      39: counter32(outOctets),
      40: counter64(outOctets),
      41: wraps(outOctets),
      45: counter32(peer.pktsEncaps),
      46: counter32(peer.sendErrors),
      47: counter32(peer.pktsEncaps),
      48: counter32(0),
      49: counter32(peer.pktsEncaps),
      50: counter32(encryptFails(peer)),
      51: integer(ACTIVE),
    },
  };
}

/** The tunnel's one end-point pair: the GRE packets between the two NBMA addresses, as the start trap names them. */
function endPointRow(tunnel: IpsecTunnel): TableRow {
  const { local, remote } = tunnel.peer;
  return {
    index: [tunnel.index, 1],
    cells: {
      2: text(''),
      3: integer(SINGLE_ADDRESS),
      4: address(local),
      5: address(local),
      6: integer(GRE),
      7: integer(0),
      8: text(''),
      9: integer(SINGLE_ADDRESS),
      10: address(remote),
      11: address(remote),
      12: integer(GRE),
      13: integer(0),
    },
  };
}

// The MIB's enumerations name only DES/3DES, MD5/SHA-1 and DH groups 1 and 2; the lab sends none(1) for the rest.
function dhGroup(group: number | null): number {
  if (group === 1) return 2;
  if (group === 2) return 3;
  return 1;
}
function encryptAlgo(name: string): number {
  if (/3des/i.test(name)) return 3;
  if (/(^|[^3])des/i.test(name)) return 2;
  return 1;
}
function hashAlgo(name: string): number {
  if (/^md5$/i.test(name)) return 2;
  if (/^sha1?$/i.test(name)) return 3;
  return 1;
}
function espAuthAlgo(transform: string): number {
  if (/esp-md5-hmac/.test(transform)) return 2;
  if (/esp-sha-hmac/.test(transform)) return 3;
  return 1;
}
