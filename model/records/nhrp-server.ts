// Records of the spoke's next-hop servers and NHRP packet counters (`show ip nhrp nhs`, `traffic`, `stats`).

import type { RecordBase } from '../parse.js';

/** One next-hop server as a spoke sees it (`show ip nhrp nhs [detail]`). */
export interface NhsEntry extends RecordBase<'nhrp_nhs'> {
  /** Null when the `Tunnel0:` header was filtered out and the command named no interface. */
  interface: string | null;
  nhs: string;
  nbma: string | null;
  /** Status flags as printed, e.g. `RE`, `E`, `W`; empty when IOS prints none. */
  flags: string;
  /** Responding (`R`): the hub answers our registrations. */
  up: boolean;
  /** Expecting replies (`E`): a registration is outstanding. `E` without `R` means the NHS is not answering. */
  expecting: boolean;
  /** Waiting (`W`): held back (backup NHS, priority/cluster limits, fallback timer), not probed now. */
  waiting: boolean;
  /** Dynamic (`D`): learned through `ip nhrp nhs dynamic`. */
  dynamic: boolean;
  priority: number | null;
  cluster: number | null;
  reqSent: number | null;
  reqFailed: number | null;
  replRecv: number | null;
  /** Age of the last reply; null when no reply was ever received (`(never)`, or no time printed). */
  lastReplySecondsAgo: number | null;
  /** `Current Request ID: N` (detail). */
  currentRequestId: number | null;
  /** `(Ack: N)`: the last request the NHS acknowledged; absent or lagging means no reply (detail). */
  ackedRequestId: number | null;
  /** `Protection Socket Requested: TRUE|FALSE` (detail). */
  protectionSocketRequested: boolean | null;
}

/** A registration still waiting for its reply (`Pending Registration Requests:` in `show ip nhrp nhs detail`). */
export interface NhrpPendingRegistration extends RecordBase<'nhrp_pending_registration'> {
  requestId: number;
  /** `Ret N`: the current retransmit interval; 64 is the back-off maximum, i.e. no reply for a while. */
  retransmitSeconds: number | null;
  nhs: string | null;
  /** As printed after the NHS, e.g. `expired`; null when IOS prints nothing. */
  state: string | null;
  /** From the trailing `(Tu0)`, written in full (`Tunnel0`); null when not printed. */
  interface: string | null;
}

/**
 * Per-interface NHRP packet counters (`show ip nhrp traffic [detail]`).
 *
 * Keys are `<packet>_<direction>`: packet `total`, `res_req`, `res_reply`, `reg_req`, `reg_reply`, `purge_req`,
 * `purge_reply`, `err_ind`, `traffic_ind`, `redirect_supp` (and, for a name IOS may add later, the printed name in
 * snake_case); direction `sent`, `rcvd`, or `fwd` (the detail view's forwarded packets). Old IOS (12.x) prints
 * `request|reply|register|error packets sent|received: N`; those keep their own names: `request_sent`,
 * `reply_rcvd`, `register_sent`, `error_rcvd`, ...
 */
export interface NhrpTraffic extends RecordBase<'nhrp_traffic'> {
  /** Null when the header was filtered out and the command named no interface. */
  interface: string | null;
  counters: Record<string, number>;
  /** `Max-send limit:10000Pkts/10Sec`: the NHRP rate limit, packets per `maxSendIntervalSeconds`. */
  maxSendPackets: number | null;
  maxSendIntervalSeconds: number | null;
  /** `Usage:0%`: how much of the rate limit is used; near 100 means NHRP packets are being held back. */
  usagePercent: number | null;
}

/**
 * The router-wide counters that `show ip nhrp traffic detail` prints under `Global statistics:`, kept apart from
 * the per-tunnel records because they are their sum (adding both would count every packet twice).
 * Keys as in NhrpTraffic.
 */
export interface NhrpGlobalTraffic extends RecordBase<'nhrp_traffic_global'> {
  counters: Record<string, number>;
  /** `Packet Queue size: 0[0](1)`: the first number. */
  packetQueueSize: number | null;
  /** The whole value as printed (`0[0](1)`): IOS does not document the bracketed numbers. */
  packetQueue: string | null;
}

/**
 * NHRP event counters of one tunnel (IOS-XE `show ip nhrp stats [detail]`, `show nhrp stats [detail]`).
 *
 * Keys are `<section>_<event>_<sent|rcvd>` in snake_case, from `[S]` (sent from NHRP) or `[R]` (received by NHRP):
 * ` Tunnel Protection Stats:` / `[R]Down : 19[0]` gives `tunnel_protection_down_rcvd: 19`;
 * ` RIB Events Stats:` / `[S]Add Route` gives `rib_events_add_route_sent`.
 */
export interface NhrpStats extends RecordBase<'nhrp_stats'> {
  /** From the `Tunnel100` header, or the command's interface when IOS prints no header; null if neither. */
  interface: string | null;
  counters: Record<string, number>;
  /** The bracketed error count of each event, same keys; above 0 deserves attention. */
  errors: Record<string, number>;
}
