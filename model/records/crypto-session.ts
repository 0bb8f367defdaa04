// Records of `show crypto session [detail]` and its variants.

import type { RecordBase } from '../parse.js';

/**
 * One peer of `show crypto session [detail]`: the `Interface:` header block and its `Peer:` line, with the IKE SAs
 * and IPsec flows printed under it. Values a form does not print (fvrf, counters without `detail`; headers cut away
 * by `| include`) are null.
 */
export interface CryptoSession extends RecordBase<'crypto_session'> {
  interface: string | null;
  peer: string;
  /**
   * `UP-ACTIVE` (IKE and IPsec up), `UP-IDLE` (IKE up, no IPsec SA), `UP-NO-IKE` (IPsec up, IKE gone),
   * `DOWN-NEGOTIATING`, `DOWN`; null only when a filter (`| include Peer`) removed the `Session status:` line.
   */
  status: string | null;
  /** 500, or 4500 (or a NAT-mapped port) when NAT traversal is in use. */
  port: number | null;
  /** Front-door VRF; null for `(none)` (the global table) and in forms that do not print it. */
  fvrf: string | null;
  /** Inside VRF; null for `(none)` and in forms that do not print it. */
  ivrf: string | null;
  /** IKEv2 or ISAKMP profile. */
  profile: string | null;
  /** Seconds since the session came up (`Uptime:`, printed only while it is up). */
  uptimeSeconds: number | null;
  /** The peer's IKE identity (`Phase1_id:`); null for `(none)`. */
  phase1Id: string | null;
  /** The peer's configured description (`Desc:`); null for `(none)`. */
  description: string | null;
  /** Remote-access sessions (EzVPN, FlexVPN client): `Username:`, `Group:`, `Assigned address:`. */
  username: string | null;
  group: string | null;
  assignedAddress: string | null;
  ikeSas: CryptoSessionIkeSa[];
  flows: CryptoSessionFlow[];
}

/** One `IKE SA:` / `IKEv1 SA:` / `IKEv2 SA:` line of a session, with its `Capabilities:` line in `detail`. */
export interface CryptoSessionIkeSa {
  /** 1-based line number of the `IKE... SA:` line. */
  line: number;
  /** As printed: `IKEv1`, `IKEv2`, or `IKE` (older images do not name the version). */
  version: 'IKE' | 'IKEv1' | 'IKEv2';
  /** The `Session ID:` printed above the SA. */
  sessionId: number | null;
  local: string;
  localPort: number;
  remote: string;
  remotePort: number;
  /** `Active` or `Inactive`, as printed. */
  state: string;
  active: boolean;
  /** Capability codes of the legend, split: `DN` -> ['D', 'N'] (D dead peer detection, N NAT-traversal, ...); [] for `(none)`. */
  capabilities: string[] | null;
  connId: number | null;
  /** Seconds left before the IKE SA expires. */
  lifetimeSeconds: number | null;
}

/** One `IPSEC FLOW:` (the traffic selector of an IPsec SA pair) with its SA count and, in `detail`, its counters. */
export interface CryptoSessionFlow {
  /** 1-based line number of the `IPSEC FLOW:` line. */
  line: number;
  /** The selector as printed, e.g. `permit 47 host 10.1.1.4 host 10.1.1.3`. */
  selector: string;
  /** `permit` or `deny`. */
  action: string;
  /** `47` (GRE, the DMVPN case), `ip`, or another protocol name or number. */
  protocol: string;
  /** `10.1.1.4` for `host 10.1.1.4`, `0.0.0.0/0.0.0.0` as printed, or `any`; null when the selector has another shape. */
  source: string | null;
  destination: string | null;
  /** `Active SAs: N`: inbound plus outbound IPsec SAs; 0 means the flow has no SA. */
  activeSas: number | null;
  /** `crypto map`, `dynamic crypto map`, ... */
  origin: string | null;
  inbound: CryptoFlowCounters | null;
  outbound: CryptoFlowCounters | null;
}

/** `Inbound:  #pkts dec'ed 4 drop 0 life (KB/Sec) 4605665/2949` (or `enc'ed` for outbound). */
export interface CryptoFlowCounters {
  /** Packets decrypted (inbound) or encrypted (outbound). */
  packets: number;
  drops: number;
  /** Kilobytes left before rekey; null when volume rekey is disabled (`KB Vol Rekey Disabled`). */
  lifeKb: number | null;
  /** Seconds left before rekey. */
  lifeSeconds: number;
}
