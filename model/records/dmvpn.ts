// Records of `show dmvpn` and its variants (`ipv6`, `interface`, `peer`, `detail`, `| count`).

import type { RecordBase } from '../parse.js';
import type { CryptoSessionFlow, CryptoSessionIkeSa } from './crypto-session.js';

export type DmvpnPeerState = 'UP' | 'NHRP' | 'IKE' | 'IPSEC' | 'INTF' | 'DOWN' | 'BFD';

/** The NHRP address family of a table: `IPv4 NHRP Details` / `IPv6 NHRP Details`. */
export type DmvpnAddressFamily = 'ipv4' | 'ipv6';

/**
 * One NBMA peer of one tunnel interface in `show dmvpn` (and `show dmvpn detail`): its row with `# Ent`, or its
 * `N.Peer NBMA Address:` block in the IPv6 layout, and every continuation row below it.
 * The top-level state, time and flags are those of the peer's first row; `nhrpEntries` holds every row.
 * Fields added after the first release are optional in the type so that records built elsewhere still compile;
 * the parsers always set them (null when the output does not say).
 */
export interface DmvpnPeer extends RecordBase<'dmvpn_peer'> {
  interface: string | null;
  peerNbma: string;
  peerTunnel: string;
  state: DmvpnPeerState;
  /** Attribute flags split into their meanings: `DT1` -> ['D', 'T1']. */
  attrs: string[];
  /** Seconds in the current state; null for `never`. */
  upDownSeconds: number | null;
  entries: number;
  /** Further tunnel addresses behind the same NBMA peer (continuation rows), each once. */
  extraTunnelAddresses: string[];
  /** The Attrb column as printed: `DT1`, `SC`, `DNX` ('' when the column is empty). */
  attrb?: string;
  /** `Hub`, `Spoke`, `Hub/Spoke`, `Unknown` from the interface's `Type:`; null when filtered away. */
  interfaceType?: string | null;
  addressFamily?: DmvpnAddressFamily | null;
  /** `Target Network` (detail) or `IPv6 Target Network:` of the first row. */
  targetNetwork?: string | null;
  /** Every row of this peer in order: the first one, then its continuation rows. */
  nhrpEntries?: DmvpnNhrpEntry[];
  /** `show dmvpn detail` on a spoke: the `IPv4 NHS:` status letters (`RE`) when this peer is one of its NHSs. */
  nhsStatus?: string | null;
  /** `show dmvpn detail` on a hub: the `NHRP group:` the spoke registered with, and the QoS policy it selected. */
  nhrpGroup?: string | null;
  qosPolicy?: string | null;
}

/** One row of the peer table (or one IPv6 block): one NHRP entry behind an NBMA peer. */
export interface DmvpnNhrpEntry {
  /** 1-based line number of the row. */
  line: number;
  peerTunnel: string;
  state: DmvpnPeerState;
  /** As printed: `DT1`. */
  attrb: string;
  /** Split: ['D', 'T1']. */
  attrs: string[];
  upDownSeconds: number | null;
  targetNetwork: string | null;
}

/** The per-interface header of `show dmvpn`: `Interface: Tunnel100 ... Type:Spoke, NHRP Peers:2`. */
export interface DmvpnInterface extends RecordBase<'dmvpn_interface'> {
  interface: string;
  type: 'Hub' | 'Spoke' | 'Hub/Spoke' | string;
  peerCount: number;
  /** From `IPv4 NHRP Details` / `IPv6 NHRP Details`; null for layouts that do not say (old IOS, detail). */
  addressFamily?: DmvpnAddressFamily | null;
}

/** `show dmvpn | count <regexp>`: `Number of lines which match regexp = 352`. */
export interface DmvpnMatchCount extends RecordBase<'dmvpn_match_count'> {
  lines: number;
}

/**
 * The state block of one tunnel in `show dmvpn detail`: `Interface Tunnel0 is up/up, Addr. is ...` and the lines
 * under it, or `Tunnel51 is admin down` alone (then everything but the name is null).
 */
export interface DmvpnTunnel extends RecordBase<'dmvpn_tunnel'> {
  interface: string;
  adminUp: boolean;
  lineUp: boolean;
  /** As printed: `up/up`, `up/down`, `admin down`. */
  status: string;
  /** The tunnel's own address (`Addr. is`). */
  address: string | null;
  /** Overlay VRF (`VRF ""`): null for the global table. */
  vrf: string | null;
  /** `Tunnel Src./Dest. addr: 4.4.4.4/MGRE`: source and destination (`MGRE`, `Multipoint` or an address). */
  tunnelSource: string | null;
  tunnelDestination: string | null;
  /** Underlay VRF (`Tunnel VRF ""`): null for the global table. */
  tunnelVrf: string | null;
  /** `Protocol/Transport: "multi-GRE/IP"`. */
  transport: string | null;
  /** IPsec profile of `tunnel protection` (`Protect "DMVPN"`); null when unprotected (`Protect ""`). */
  protectionProfile: string | null;
  interfaceStateControl: boolean | null;
  eventPublisher: boolean | null;
  /** `NHRP group:` configured on the tunnel itself (spoke side). */
  nhrpGroup: string | null;
}

/** One next-hop server of a tunnel in `show dmvpn detail` (`IPv4 NHS: 10.0.0.1 RE` or the block form). */
export interface DmvpnNhs extends RecordBase<'dmvpn_nhs'> {
  interface: string | null;
  addressFamily: DmvpnAddressFamily | null;
  /** The NHS's tunnel address. */
  nhs: string;
  /** As printed: `RE`, `E`, `W` ('' when none). */
  status: string;
  /** Split: E expecting replies, R responding, W waiting. */
  statusFlags: string[];
  /** True when the NHS answers (`R`). */
  responding: boolean;
  nbma: string | null;
  priority: number | null;
  cluster: number | null;
}

/** One session of the `Crypto Session Details:` (or `Pending DMVPN Sessions:`) section of `show dmvpn detail`. */
export interface DmvpnCryptoSession extends RecordBase<'dmvpn_crypto_session'> {
  interface: string | null;
  /** Listed under `Pending DMVPN Sessions:`. */
  pending: boolean;
  /** `Session: [0x11708818]`: the session handle. */
  handle: string | null;
  /** The peer: the remote address of the first IKE SA, else the destination of the first IPsec flow. */
  peer: string | null;
  /** `UP-ACTIVE`, `UP-IDLE`, `UP-NO-IKE`, `DOWN-NEGOTIATING`, `DOWN`. */
  status: string | null;
  /** Front-door VRF; null for `(none)`. */
  fvrf: string | null;
  phase1Id: string | null;
  ikeSas: CryptoSessionIkeSa[];
  flows: DmvpnCryptoFlow[];
}

/** An `IPSEC FLOW:` of a DMVPN crypto session, with the outbound SA printed under it. */
export interface DmvpnCryptoFlow extends CryptoSessionFlow {
  /** `Outbound SPI : 0x 623029E` printed as `0x623029E`, the way `show crypto ipsec sa` prints it. */
  outboundSpi: string | null;
  /** `esp-aes esp-sha-hmac`. */
  transform: string | null;
  /** `Socket State: Open`. */
  socketState: string | null;
}
