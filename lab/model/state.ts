// What a simulated router shows at one moment: the engine derives it from the configs, the underlay and the clock;
// the renderers print it as IOS does. Times are seconds; `null` means IOS prints `never`.

import type { Role } from './config.js';

export type PeerState = 'UP' | 'NHRP' | 'IKE' | 'IPSEC' | 'INTF' | 'DOWN';

/** One row (NBMA peer) of `show dmvpn`, and the per-peer block of `show dmvpn detail`. */
export interface DmvpnPeerView {
  nbma: string;
  /** The first tunnel address, then the continuation rows (phase 3 shortcut entries share an NBMA). */
  tunnelAddresses: string[];
  state: PeerState;
  /** Seconds in the current state; null for `never`. */
  upDownSeconds: number | null;
  /** Attribute flags as printed (`S`, `D`, `DT1`, `DN`, `IX` ...) per tunnel address row. */
  attrs: string[];
  /** Target networks of the detail view (`Target Network 10.0.0.2/32`). */
  targetNetworks: string[];
}

export interface DmvpnTunnelView {
  interface: string;
  type: 'Hub' | 'Spoke' | 'Unknown';
  peers: DmvpnPeerView[];
  /** `if-state nhrp` on the tunnel (`Interface State Control: Enabled`); absent means disabled. */
  interfaceStateControl?: boolean;
}

export interface NhrpCacheView {
  interface: string;
  /** `10.0.0.2/32`. */
  target: string;
  via: string | null;
  createdSeconds: number;
  /** Null for `never expire`. */
  expiresSeconds: number | null;
  type: 'static' | 'dynamic' | 'incomplete';
  /** As IOS prints them: `registered`, `used`, `nhop`, `router`, `unique`, `rib`, `nho`, `implicit`, `negative`, `local`. */
  flags: string[];
  nbma: string | null;
  claimedNbma: string | null;
  noSocket: boolean;
}

export interface NhsView {
  interface: string;
  nhs: string;
  nbma: string | null;
  /** `RE`, `E`, `W`, ... as printed. */
  flags: string;
  priority: number;
  cluster: number;
  reqSent: number;
  reqFailed: number;
  replRecv: number;
  /** Seconds since the last reply; null for `(never)`. */
  lastReplySecondsAgo: number | null;
}

/** `show ip nhrp traffic` counters of one tunnel, keyed as the parser keys them (`reg_req_sent` ...). */
export interface NhrpTrafficView {
  interface: string;
  maxSendPackets: number;
  maxSendIntervalSeconds: number;
  usagePercent: number;
  counters: Record<string, number>;
}

export interface IkeSaView {
  version: 'v1' | 'v2';
  local: string;
  remote: string;
  localPort: number;
  remotePort: number;
  /** v1: `QM_IDLE`, `MM_NO_STATE`, `MM_KEY_EXCH` ...; v2: `READY`, `IN-NEG`, `DELETE`. */
  state: string;
  /** v1 status column: `ACTIVE`, `ACTIVE (deleted)`. */
  status: string;
  connId: number;
  /** v2 (and v1 detail): negotiated algorithms; null while not negotiated. */
  encryption: string | null;
  keySize: number | null;
  hash: string | null;
  dhGroup: number | null;
  auth: string | null;
  lifetimeSeconds: number;
  activeSeconds: number;
  natT: boolean;
}

export interface EspSaView {
  spi: number;
  transform: string;
  mode: 'Transport' | 'Tunnel';
  natT: boolean;
  connId: number;
  remainingKb: number;
  remainingSeconds: number;
}

/** One peer block of `show crypto ipsec sa` (the DMVPN GRE ident pair to one peer). */
export interface IpsecPeerView {
  interface: string;
  local: string;
  remote: string;
  remotePort: number;
  pktsEncaps: number;
  pktsDecaps: number;
  /** Every send error; the per-cause counters below are part of it (the rest print as encaps failed). */
  sendErrors: number;
  /** Every receive error; the per-cause counters below are part of it (the rest print as decaps failed). */
  recvErrors: number;
  /** `##pkts replay failed (rcv)`: inbound ESP behind the anti-replay window. */
  replayFailed?: number;
  /** `#pkts verify failed`: inbound ESP whose HMAC did not verify. */
  verifyFailed?: number;
  /** `#pkts no sa (send)`. */
  noSaSend?: number;
  /** `#pkts invalid sa (rcv)`. */
  invalidSaRecv?: number;
  pfs: boolean;
  dhGroup: number | null;
  pathMtu: number;
  plaintextMtu: number;
  inbound: EspSaView[];
  outbound: EspSaView[];
}

export interface CryptoSessionView {
  interface: string;
  peer: string;
  port: number;
  /** `UP-ACTIVE`, `UP-IDLE`, `UP-NO-IKE`, `DOWN-NEGOTIATING`, `DOWN`. */
  status: string;
  uptimeSeconds: number | null;
  ikeActive: boolean;
  activeSas: number;
  pktsDecrypted: number;
  pktsEncrypted: number;
}

export interface InterfaceView {
  name: string;
  adminUp: boolean;
  operUp: boolean;
  address: string | null;
  mask: string | null;
  mtu: number;
  bandwidthKbps: number;
  lastInputSeconds: number | null;
  lastOutputSeconds: number | null;
  inPackets: number;
  inBytes: number;
  outPackets: number;
  outBytes: number;
  inErrors: number;
  outErrors: number;
  tunnel: {
    source: string;
    sourceInterface: string;
    destination: string | null;
    mode: 'multi-GRE/IP' | 'GRE/IP';
    key: number | null;
    protectionProfile: string | null;
    transportMtu: number;
    /** `Tunnel linestate evaluation up` or `down - <reason>`. */
    linestateDownReason: string | null;
  } | null;
}

export interface RoutingNeighborView {
  protocol: 'eigrp' | 'ospf' | 'bgp';
  neighbor: string;
  interface: string;
  /** EIGRP: uptime; OSPF: `FULL/  -`; BGP: `Established` or `Active`/`Idle`. */
  state: string;
  upSeconds: number;
  /** BGP prefixes received; EIGRP seq; OSPF dead time. */
  detail: number;
}

/** One message of the router's log buffer, as IOS would print it at `atSeconds` on the lab clock. */
export interface LogMessageView {
  atSeconds: number;
  /** `%DMVPN-5-NHRP_NHS_DOWN: Tunnel0: Next Hop Server : ...` without the timestamp. */
  text: string;
}

/** `show ip nhrp stats` of one tunnel: the events the lab knows happened since boot; the others print 0. */
export interface NhrpStatsView {
  interface: string;
  /** Interface State Event: the tunnel's line protocol came up / went down. */
  interfaceUp: number;
  interfaceDown: number;
  /** NHRP packets the tunnel received (`show ip nhrp traffic` Rcvd Total). */
  packetsReceived: number;
  /** Tunnel endpoints NHRP added and deleted (a peer's entry coming up, going down). */
  endPointAdditions: number;
  endPointDeletions: number;
  /** Tunnel protection sockets reported up and down to NHRP. */
  protectionUp: number;
  protectionDown: number;
  /** Routes and next-hop overrides NHRP put in the RIB (phase 3 shortcuts). */
  routesAdded: number;
  nhoAdded: number;
}

/** `show tunnel protection statistics`: messages between tunnel protection and the crypto socket layer. */
export interface TunnelProtectionStatsView {
  listenStarts: number;
  listenReadies: number;
  socketOpens: number;
  socketCloses: number;
  socketUps: number;
  socketDowns: number;
  /** Packets CEF dropped towards a protected peer without SA (`#pkts no sa (send)` of show crypto ipsec sa). */
  cefDrops: number;
}

/** One line of `show monitor event-trace dmvpn all`. */
export interface EventTraceView {
  trace: 'nhrp_event' | 'nhrp_error' | 'nhrp_exception';
  atSeconds: number;
  /** `NHRP-NHS-UP`. */
  event: string;
  /** `Tu0`. */
  interface: string;
  /** The text after the interface (`NHS up nbma_src: ...`). */
  message: string;
}

export interface RouterState {
  hostname: string;
  role: Role;
  /** Lab clock: seconds since the network started. */
  atSeconds: number;
  /** Seconds since this router booted. */
  uptimeSeconds: number;
  /** Wall-clock time (epoch ms) of lab second 0, for the router's own clock; absent: the lab's fixed date. */
  clockStartMs?: number;
  interfaces: InterfaceView[];
  dmvpn: DmvpnTunnelView[];
  nhrpCache: NhrpCacheView[];
  nhs: NhsView[];
  nhrpTraffic: NhrpTrafficView[];
  ikeSas: IkeSaView[];
  ipsecSas: IpsecPeerView[];
  cryptoSessions: CryptoSessionView[];
  routingNeighbors: RoutingNeighborView[];
  logs: LogMessageView[];
  /** Absent on a router that has not booted: the commands then print empty counters. */
  nhrpStats?: NhrpStatsView[];
  tunnelProtectionStats?: TunnelProtectionStatsView;
  eventTrace?: EventTraceView[];
}
