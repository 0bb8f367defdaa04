// The log messages a router writes, in the exact IOS / IOS-XE text of ../shared/knowledge/syslog-samples.txt, and
// the router's logging buffer: every message since its boot, rate-limited where IOS rate-limits, the last ones kept.

import type { LogMessageView } from '../model/state.js';
import { CRYPTO_LOG_INTERVAL, LOG_BUFFER } from './timing.js';

/** A message known by its time; its text is built only if it makes it into the buffer. */
export interface LogEntry {
  t: number;
  text: () => string;
  /** Messages IOS rate-limits to one a minute share a key. */
  rateLimit?: string;
}

export interface NhrpEnds {
  interface: string;
  /** The far end (the NHS for a spoke, the client for a hub, the other spoke). */
  peerTunnel: string;
  peerNbma: string;
  localTunnel: string;
  localNbma: string;
}

export const texts = {
  nhsUp: (e: NhrpEnds) =>
    `%DMVPN-5-NHRP_NHS_UP: ${e.interface}: Next Hop Server : (Tunnel: ${e.peerTunnel} NBMA: ${e.peerNbma}) for (Tunnel: ${e.localTunnel} NBMA: ${e.localNbma}) is UP`,
  nhsDown: (e: NhrpEnds, reason: string) =>
    `%DMVPN-5-NHRP_NHS_DOWN: ${e.interface}: Next Hop Server : (Tunnel: ${e.peerTunnel} NBMA: ${e.peerNbma} ) for (Tunnel: ${e.localTunnel} NBMA: ${e.localNbma}) is DOWN, Reason: ${reason}`,
  nhcUp: (e: NhrpEnds) =>
    `%DMVPN-5-NHRP_NHC_UP: ${e.interface}: Next Hop Client : (Tunnel: ${e.peerTunnel} NBMA: ${e.peerNbma}) for (Tunnel: ${e.localTunnel} NBMA: ${e.localNbma}) is UP`,
  nhcDown: (e: NhrpEnds, reason: string) =>
    `%DMVPN-5-NHRP_NHC_DOWN: ${e.interface}: Next Hop Client : (Tunnel: ${e.peerTunnel} NBMA: ${e.peerNbma} ) for (Tunnel: ${e.localTunnel} NBMA: ${e.localNbma}) is DOWN, Reason: ${reason}`,
  nhpUp: (e: NhrpEnds) =>
    `%DMVPN-5-NHRP_NHP_UP: ${e.interface}: Next Hop Peer : (Tunnel: ${e.peerTunnel} NBMA: ${e.peerNbma}) for (Tunnel: ${e.localTunnel} NBMA: ${e.localNbma}) is UP`,
  cryptoSocket: (tunnel: string, local: string, remote: string, up: boolean) =>
    `%DMVPN-5-CRYPTO_SS:  ${tunnel}: local address : ${local} remote address : ${remote} socket is ${up ? 'UP' : 'DOWN'}`,
  authFailure: (tunnel: string, peerTunnel: string, nbma: string) =>
    `%DMVPN-3-DMVPN_NHRP_ERROR:  ${tunnel}: Recieved wrong authentication string for  Registration Request , Reason:  authentication failure (11) on (Tunnel: ${peerTunnel} NBMA: ${nbma})`,
  encapError: (tunnel: string, packet: string, peerTunnel: string, nbma: string) =>
    `%DMVPN-3-DMVPN_NHRP_ERROR:  ${tunnel}: NHRP Encap Error for  ${packet} , Reason:  protocol generic error (7) on (Tunnel: ${peerTunnel} NBMA: ${nbma})`,
  netIdUnconfigured: (tunnel: string, networkId: number, address: string, nbma: string) =>
    `%DMVPN-5-NHRP_NETID_UNCONFIGURED: ${tunnel}: NETID : ${networkId} Unconfigured (Tunnel: ${address} NBMA: ${nbma})`,
  recursiveDown: (name: string) => `%TUN-5-RECURDOWN: ${name} temporarily disabled due to recursive routing`,
  lineProtocol: (name: string, up: boolean) =>
    `%LINEPROTO-5-UPDOWN: Line protocol on Interface ${name}, changed state to ${up ? 'up' : 'down'}`,
  link: (name: string, up: boolean) =>
    `%LINK-3-UPDOWN: Interface ${name}, changed state to ${up ? 'up' : 'down'}`,
  adminDown: (name: string) => `%LINK-5-CHANGED: Interface ${name}, changed state to administratively down`,
  isakmp: (on: boolean) => `%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ${on ? 'ON' : 'OFF'}`,
  badMessage: (peer: string) =>
    `%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from ${peer} failed its sanity check or is malformed`,
  quickModeFailure: (peer: string) =>
    `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at ${peer}`,
  notIpsec: (destination: string, source: string) =>
    `%CRYPTO-4-RECVD_PKT_NOT_IPSEC: Rec'd packet not an IPSEC packet. (ip) vrf/dest_addr= /${destination}, src_addr= ${source}, prot= 47`,
  invalidSpi: (destination: string, spi: number, source: string, inputInterface: string) =>
    `%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=${destination}, prot=50, spi=0x${spi.toString(16).toUpperCase()}(${spi}), srcaddr=${source}, input interface=${inputInterface}`,
  replayError: (handle: number, source: string, destination: string, spi: number) =>
    `%IPSEC-3-REPLAY_ERROR: IPSec SA receives anti-replay error, DP Handle ${handle}, src_addr ${source}, dest_addr ${destination}, SPI 0x${spi.toString(16)}`,
  eigrp: (asn: number, neighbor: string, tunnel: string, up: boolean, reason: string) =>
    `%DUAL-5-NBRCHANGE: EIGRP-IPv4 ${asn}: Neighbor ${neighbor} (${tunnel}) is ${up ? 'up' : 'down'}: ${reason}`,
  ospf: (process: number, neighbor: string, tunnel: string, up: boolean, reason: string) =>
    up
      ? `%OSPF-5-ADJCHG: Process ${process}, Nbr ${neighbor} on ${tunnel} from LOADING to FULL, Loading Done`
      : `%OSPF-5-ADJCHG: Process ${process}, Nbr ${neighbor} on ${tunnel} from FULL to DOWN, Neighbor Down: ${reason}`,
  bgp: (neighbor: string, up: boolean, reason: string) =>
    up
      ? `%BGP-5-ADJCHANGE: neighbor ${neighbor} Up`
      : `%BGP-5-ADJCHANGE: neighbor ${neighbor} Down ${reason}`,
};

/**
 * The router's buffer at `at`: messages since `boot` in time order, IOS's one-a-minute limit applied to the crypto
 * messages that have it, and only the last LOG_BUFFER kept.
 */
export function logBuffer(entries: LogEntry[], boot: number, at: number): LogMessageView[] {
  const kept = entries.filter((entry) => entry.t >= boot && entry.t <= at);
  kept.sort((a, b) => a.t - b.t);
  const lastByKey = new Map<string, number>();
  const limited: LogEntry[] = [];
  for (const entry of kept) {
    if (entry.rateLimit !== undefined) {
      const last = lastByKey.get(entry.rateLimit);
      if (last !== undefined && entry.t - last < CRYPTO_LOG_INTERVAL) continue;
      lastByKey.set(entry.rateLimit, entry.t);
    }
    limited.push(entry);
  }
  return limited.slice(-LOG_BUFFER).map((entry) => ({ atSeconds: entry.t, text: entry.text() }));
}
