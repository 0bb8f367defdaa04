// Records of router log messages: one syslog line as an event, `show logging`'s status, `show monitor event-trace`.

import type { RecordBase } from '../parse.js';

/** One log message: from a syslog packet, a line of `show logging`, or a console capture. */
export interface SyslogEvent extends RecordBase<'syslog_event'> {
  /** The timestamp as printed, without the `*`/`.` clock marker: `Sep 21 07:02:15.210`, `May 14 03:13:19.422 UTC`, `1d02h`. */
  timestamp: string | null;
  /** `*` (clock never set / not synchronised) or `.` (synchronisation lost): the time cannot be compared across devices. */
  unsynced: boolean;
  /** 1-12 for datetime timestamps. */
  month: number | null;
  day: number | null;
  /** Only with `service timestamps log datetime year`. */
  year: number | null;
  /** Seconds since midnight, with the milliseconds when printed (`07:02:15.210` -> 25335.21). */
  timeOfDaySeconds: number | null;
  timezone: string | null;
  /** Seconds since boot, for `service timestamps log uptime` (`00:55:50`, `1d02h`, `2w3d`). */
  uptimeSeconds: number | null;
  /** The router's message sequence number (`service sequence-numbers`: `022701:`). */
  sequence: number | null;
  /** The syslog PRI (`<189>`) when the line came from the wire. */
  priority: number | null;
  hostname: string | null;
  /** `DMVPN` of `%DMVPN-5-NHRP_NHS_DOWN`; null for debug lines that have no `%FACILITY-SEVERITY-MNEMONIC`. */
  facility: string | null;
  severity: number | null;
  mnemonic: string | null;
  /** The text after the mnemonic (or after the timestamp for debug lines), leading spaces removed. */
  message: string;
  /** Further lines of a multi-line message (`show logging`), as printed. Shared (frozen) when empty. */
  continuation: readonly string[];
  /** The start of the line was lost (the log buffer wrapped over it): the timestamp and sequence are unknown. */
  truncated: boolean;
  /** What a DMVPN-relevant message says, typed; null for the other messages. */
  detail: SyslogDetail | null;
}

export type SyslogDetail =
  | NhrpPeerChange
  | CryptoSocketChange
  | NhrpErrorReport
  | NhrpNetIdUnconfigured
  | NhrpMessage
  | InvalidSpi
  | IkeNoSa
  | IsakmpOnOff
  | CryptoSessionStatus
  | IkeModeFailure
  | PacketNotIpsec
  | InterfaceStateChange
  | TunnelRecursiveRouting
  | EigrpNeighborChange
  | OspfAdjacencyChange
  | BgpAdjacencyChange;

/** `%DMVPN-5-NHRP_NHS_UP/DOWN` (spoke view of a hub), `NHRP_NHC_*` (hub view of a spoke), `NHRP_NHP_*` (spoke-to-spoke). */
export interface NhrpPeerChange {
  type: 'nhrp_peer';
  role: 'nhs' | 'nhc' | 'nhp';
  interface: string;
  /** The peer's tunnel address; null when IOS prints `UNKNOWN` (it never learned it). */
  peerTunnel: string | null;
  peerNbma: string | null;
  /** The address pair after `for`: this router's own tunnel and NBMA addresses. */
  localTunnel: string | null;
  localNbma: string | null;
  up: boolean;
  /** `External`, `NHRP Registration Failure`, `administratively prohibited`, ... */
  reason: string | null;
  /** The text in parentheses after the reason: `NHRP: no error`, `NHRP Registration timeout`. */
  reasonDetail: string | null;
}

/** `%DMVPN-5-CRYPTO_SS`: the IPsec socket towards one NBMA peer went up or down. */
export interface CryptoSocketChange {
  type: 'crypto_socket';
  interface: string;
  localNbma: string;
  remoteNbma: string;
  up: boolean;
}

/** `%DMVPN-3-DMVPN_NHRP_ERROR`: an NHRP packet rejected, with its RFC 2332 error code. */
export interface NhrpErrorReport {
  type: 'nhrp_error';
  interface: string;
  /** `NHRP Encap Error`, `Recieved wrong authentication string` (IOS's spelling). */
  error: string;
  /** `Registration Request`, `Purge Reply`, ... */
  packetType: string;
  /** RFC 2332 packet type number (1 Resolution Request ... 8 Traffic Indication); null for an unknown name. */
  packetTypeCode: number | null;
  reason: string;
  /** RFC 2332 error code: 7 protocol error, 11 authentication failure, ... */
  reasonCode: number | null;
  peerTunnel: string | null;
  peerNbma: string | null;
}

/** `%DMVPN-5-NHRP_NETID_UNCONFIGURED`: `ip nhrp network-id` was removed, NHRP stopped on the tunnel. */
export interface NhrpNetIdUnconfigured {
  type: 'nhrp_netid_unconfigured';
  interface: string;
  networkId: number | null;
  tunnel: string | null;
  nbma: string | null;
}

/** A `%NHRP-*` message (older releases): what could be read of it. */
export interface NhrpMessage {
  type: 'nhrp_message';
  interface: string | null;
  /** The NHRP packet named in the text (`Registration Reply`), if any. */
  packetType: string | null;
  /** The error code in parentheses (`(14)`), if any. */
  code: number | null;
}

/** `%CRYPTO-4-RECVD_PKT_INV_SPI`: an ESP packet for an SA this router does not have. */
export interface InvalidSpi {
  type: 'invalid_spi';
  destination: string | null;
  source: string | null;
  protocol: number | null;
  /** As printed, `0x3EA71AED`. */
  spi: string | null;
  inputInterface: string | null;
}

/** `%CRYPTO-4-IKMP_NO_SA`: an IKE message from a peer with no SA here. */
export interface IkeNoSa {
  type: 'ike_no_sa';
  peer: string;
}

/** `%CRYPTO-6-ISAKMP_ON_OFF`: ISAKMP switched on or off (crypto applied to or removed from the last interface). */
export interface IsakmpOnOff {
  type: 'isakmp_on_off';
  on: boolean;
}

/** `%CRYPTO-5-SESSION_STATUS` (`crypto logging session`): a crypto session came up or went down. */
export interface CryptoSessionStatus {
  type: 'crypto_session';
  up: boolean;
  peer: string;
  port: number | null;
  id: string | null;
}

/** `%CRYPTO-6-IKMP_MODE_FAILURE`: IKE main/aggressive/quick mode negotiation failed. */
export interface IkeModeFailure {
  type: 'ike_mode_failure';
  /** `Main`, `Quick`, `Aggressive`. */
  mode: string;
  peer: string;
}

/** `%CRYPTO-4-RECVD_PKT_NOT_IPSEC`: clear text received where IPsec was expected (peer without tunnel protection). */
export interface PacketNotIpsec {
  type: 'packet_not_ipsec';
  vrf: string | null;
  destination: string | null;
  source: string | null;
  protocol: number | null;
}

/** `%LINEPROTO-5-UPDOWN` (line protocol), `%LINK-3-UPDOWN` and `%LINK-5-CHANGED` (link / admin state). */
export interface InterfaceStateChange {
  type: 'interface_state';
  layer: 'line-protocol' | 'link';
  interface: string;
  /** `up`, `down`, `administratively down`, as printed. */
  state: string;
}

/** `%TUN-5-RECURDOWN`: the tunnel destination is routed through the tunnel itself. */
export interface TunnelRecursiveRouting {
  type: 'tunnel_recursive_routing';
  interface: string;
}

/** `%DUAL-5-NBRCHANGE`. */
export interface EigrpNeighborChange {
  type: 'eigrp_neighbor';
  addressFamily: 'IPv4' | 'IPv6';
  asn: number | null;
  neighbor: string;
  interface: string;
  /** `up`, `down`, `resync`, as printed. */
  state: string;
  /** `new adjacency`, `interface down`, `retry limit exceeded`, `holding time expired`, ... */
  reason: string | null;
}

/** `%OSPF-5-ADJCHG` / `%OSPFV3-5-ADJCHG`. */
export interface OspfAdjacencyChange {
  type: 'ospf_adjacency';
  processId: number | null;
  neighbor: string;
  interface: string;
  from: string;
  to: string;
  reason: string | null;
}

/** `%BGP-5-ADJCHANGE`. */
export interface BgpAdjacencyChange {
  type: 'bgp_adjacency';
  neighbor: string;
  vrf: string | null;
  up: boolean;
  reason: string | null;
}

/** The status part of `show logging`, before the buffered messages. */
export interface LoggingStatus extends RecordBase<'logging_status'> {
  enabled: boolean;
  messagesDropped: number | null;
  messagesRateLimited: number | null;
  /** Per destination (`console`, `monitor`, `buffer`, `trap`): the level, or null when that logging is disabled. */
  levels: Record<string, string | null>;
  /** Messages logged per destination, as IOS counts them. */
  messagesLogged: Record<string, number>;
  /** Remote syslog servers (`Logging to 10.5.2.1 (udp port 514, ...)`). */
  syslogHosts: LoggingHost[];
  sourceInterface: string | null;
  /** Size of the log buffer (`Log Buffer (16384 bytes):`), null when the buffer header is not in the output. */
  bufferBytes: number | null;
  /**
   * The first buffered line when it is the tail of a message whose start the buffer overwrote (e.g. `IEEE PD`):
   * kept as printed because it is no message of its own.
   */
  bufferWrapFragment: string | null;
}

export interface LoggingHost {
  address: string;
  /** `udp port 514`, `tcp port 601`, ... as printed. */
  transport: string | null;
  linkUp: boolean | null;
  messagesLogged: number | null;
}

/** A trace buffer of `show monitor event-trace dmvpn all` (`nhrp_event:`, `nhrp_error:`, ...). */
export interface EventTraceBuffer extends RecordBase<'event_trace_buffer'> {
  trace: string;
  /** False when IOS prints `Tracing currently disabled`: an empty trace then proves nothing. */
  enabled: boolean;
}

/** One line of an event trace: `*Jun 22 06:39:28.358: NHRP-CACHE-ADD tunnel: Tu1 target: ... nbma_src: ...`. */
export interface EventTraceEntry extends RecordBase<'event_trace_entry'> {
  /** The trace buffer the line is in (`nhrp_event`), null when the output was filtered and the header is missing. */
  trace: string | null;
  timestamp: string;
  unsynced: boolean;
  /** `NHRP-CACHE-ADD`, `NHRP-NHS-DOWN`, `NHRP-CTRL-PLANE-RETRANS`, ... */
  event: string;
  /** As printed (`Tu1`, `Gi1`); null when the line names none. */
  interface: string | null;
  /** The text after the interface, as printed. */
  message: string;
  /** The `key: value` pairs of the line, by IOS's key (`nbma_src`, `vpn_dest`, `reason`, `err_code`, ...). */
  fields: Record<string, string>;
  nbmaSource: string | null;
  tunnelSource: string | null;
  nbmaDestination: string | null;
  tunnelDestination: string | null;
  reason: string | null;
  /** `NHRP-NHS-RECOVERY-NHS-STATE`: the NHS state it left and the one it entered (`expecting replies`). */
  nhsStateFrom: string | null;
  nhsStateTo: string | null;
  /** `NHRP-CTRL-PLANE-RETRANS`: the request id and the retransmit interval in seconds. */
  requestId: number | null;
  retransmitSeconds: number | null;
}
