// The simulated network: its options, its routers' configs, the underlay between them and the faults applied.

import type { RouterConfig } from './config.js';

export interface LabOptions {
  /** 1 to 5,000. */
  spokes: number;
  /** 1, or 2 for dual hub (both hubs on the one DMVPN cloud, each spoke registering with both). */
  hubs: 1 | 2;
  phase: 1 | 2 | 3;
  ike: 'v1' | 'v2';
  routing: 'eigrp' | 'ospf' | 'bgp';
  /** How many spokes (the last ones) sit behind a NAT router. */
  natSpokes: number;
  /** Drives the per-router variation (boot times, traffic rates), so the same seed gives the same network. */
  seed: number;
}

export type UnderlayProtocol = 'udp500' | 'udp4500' | 'esp' | 'gre';

/** A filter in the transport network dropping one protocol from one router (or any) to another (or any). */
export interface UnderlayBlock {
  from: string | '*';
  to: string | '*';
  protocol: UnderlayProtocol;
  /** The routers the `*` side leaves out (an edge ACL permitting only the hubs); absent means none. */
  except?: string[];
}

/** The transport network between the routers' WAN interfaces. */
export interface Underlay {
  /** Routers whose ISP link is down (their NBMA address is unreachable and they reach nothing). */
  wanDown: Set<string>;
  blocks: UnderlayBlock[];
  /** Spokes behind NAT: the public address their packets leave with. */
  natOutside: Map<string, string>;
  /**
   * Routers whose WAN goes down for `downSeconds` at the start of every `periodSeconds` (a flapping circuit), from
   * `sinceSeconds` until `untilSeconds` (when the flapping was stopped).
   */
  flaps: Map<
    string,
    { periodSeconds: number; downSeconds: number; sinceSeconds: number; untilSeconds?: number }
  >;
  /** Routers rebooted at this lab second (their SAs and NHRP state start again from nothing). */
  reboots: Map<string, number>;
  /**
   * Routers whose IPsec SAs are cleared at this lab second without their peers hearing of it (no delete notify, no
   * DPD): the peers keep encrypting on the old SPIs until their SA lifetime ends. The router keeps running.
   */
  saClears?: Map<string, number>;
  /**
   * Routers behind an underlay lossy enough to drop DPD keepalives: every `periodSeconds` after `sinceSeconds` their
   * DPD declares each peer dead and tears the IKE and IPsec SAs down; traffic builds them again at once. The loss
   * ends at `untilSeconds` when it was cleared.
   */
  dpdLoss?: Map<string, { periodSeconds: number; sinceSeconds: number; untilSeconds?: number }>;
  /**
   * Routers the underlay delivers ESP to out of order (ISP load-balancing over parallel paths): of their inbound ESP,
   * `ratePerSecond` packets a second arrive behind the anti-replay window and are dropped.
   */
  reorder?: Map<string, { ratePerSecond: number }>;
  /** Routers the underlay delivers corrupted ESP to (a bad line or NIC): `ratePerSecond` fail the HMAC check. */
  corrupt?: Map<string, { ratePerSecond: number }>;
}

export interface AppliedFault {
  id: string;
  target: string;
}

export interface LabNetwork {
  options: LabOptions;
  /** Hubs first (hub1, hub2), then spoke1..spokeN. */
  routers: RouterConfig[];
  underlay: Underlay;
  faults: AppliedFault[];
  /** Per-router boot second on the lab clock (before the network's second 0 for a router up for days). */
  bootAt: Map<string, number>;
  /**
   * The configuration and underlay that ran before second 0 (a live lab's previous epoch, on this network's clock);
   * absent: before second 0 the network ran as built. Only its configs and time-independent underlay are read (this
   * network's own time events cover the past too); it may have a `previous` of its own, before its `since`.
   */
  previous?: LabNetwork;
  /** For a `previous` network: the second (on the clock of the network holding it) it took effect; absent: at boot. */
  since?: number;
  /** Wall-clock time (epoch ms) of lab second 0, which the routers' log timestamps count from; absent: a fixed date. */
  clockStartMs?: number;
}
