// Records of `show ip nhrp` cache views: the NHRP cache entries, the redirects a hub sent, and the cache counts.

import type { RecordBase } from '../parse.js';

/** One row of the Metadata Exchange Framework table that `show ip nhrp self` prints under the router's own entry. */
export interface NhrpMetadataExchange {
  type: number;
  state: string;
  /** As printed, e.g. `0x0`; null when the row had no `MEF ext data:` line. */
  extData: string | null;
}

/**
 * One entry of the NHRP cache (`show ip nhrp [detail]`, `show ipv6 nhrp`, `show ip nhrp self`).
 * `target`, `interface` and `type` are null only in filtered output (`| include NBMA`) whose lines naming them were cut.
 */
export interface NhrpCacheEntry extends RecordBase<'nhrp_cache'> {
  /** Target prefix as printed, e.g. `10.0.0.2/32`; an old image's mask form becomes `/len`. */
  target: string | null;
  via: string | null;
  interface: string | null;
  createdSeconds: number | null;
  /** Seconds left; null for `never expire`. */
  expiresSeconds: number | null;
  /** `static`, `dynamic`, `incomplete`, ... as printed. */
  type: string | null;
  /** As printed, one word each: `router`, `nhop`, `rib`, `nho`, `registered`, `unique`, `negative`, `local`, ... */
  flags: string[];
  nbma: string | null;
  /** The address the peer claimed inside its NHRP packet when NAT rewrote its NBMA address. */
  claimedNbma: string | null;
  /** `(no-socket)`: no crypto socket yet, so this entry triggers no IPsec. */
  noSocket: boolean;
  /** From the command (`show ip nhrp vrf X`) or its echo in the capture; null for the global table. */
  vrf: string | null;
  /** NHRP group the spoke registered with (per-tunnel QoS), `Group:` line. */
  group: string | null;
  /** `Cache hits:` of an incomplete (negative) entry: packets that hit it while resolution was pending. */
  cacheHits: number | null;
  /** `Preference:` of `detail`. */
  preference: number | null;
  /** `detail`: the peer whose resolution request this local entry answered, and that request's id. */
  requester: string | null;
  requestId: number | null;
  /** `detail`: the id of this router's own resolution request still outstanding for the entry. */
  currentRequestId: number | null;
  /** Only in `show ip nhrp self`. */
  metadataExchange?: NhrpMetadataExchange[];
}

/**
 * One redirect (Traffic Indication) a phase 3 hub sent (`show ip nhrp redirect`). The table form gives interface,
 * NBMA, destination, drop count and expiry; the block form gives destination prefix, via, type, flags, NBMA, hold
 * time and authentication. What a form does not print is null.
 */
export interface NhrpRedirect extends RecordBase<'nhrp_redirect'> {
  interface: string | null;
  /** NBMA address of the spoke the redirect went to. */
  nbma: string | null;
  /** Destination of the traffic that triggered it (block form: the entry's prefix). */
  destination: string | null;
  /** Redirects suppressed by rate limiting while this entry lived. */
  dropCount: number | null;
  expiresSeconds: number | null;
  via: string | null;
  type: string | null;
  flags: string[];
  holdSeconds: number | null;
  authentication: string | null;
}

export interface NhrpCacheCounts {
  static: number | null;
  dynamic: number | null;
  incomplete: number | null;
}

/** The `N Remote` block: entries learned about other routers. */
export interface NhrpRemoteCacheCounts extends NhrpCacheCounts {
  entries: number;
  nhop: number | null;
  bfd: number | null;
  default: number | null;
  temporary: number | null;
  /** `N route`: entries that are routes (shortcuts). */
  routes: number | null;
  /** `N rib (H h  N nho)`: routes in the RIB, installed as `H` (NHRP) routes, and as next-hop overrides. */
  rib: number | null;
  ribNhrpRoutes: number | null;
  ribNextHopOverrides: number | null;
  bgp: number | null;
  lfib: number | null;
}

/** The `N Local` block: entries for this router's own networks. */
export interface NhrpLocalCacheCounts extends NhrpCacheCounts {
  entries: number;
  lfib: number | null;
}

/** `show ip nhrp summary` / `show ipv6 nhrp summary`: how many cache entries of each kind. */
export interface NhrpCacheSummary extends RecordBase<'nhrp_cache_summary'>, NhrpCacheCounts {
  /** From the `IP` / `IPv6 NHRP cache` header; null when a filter cut it. */
  family: 'ipv4' | 'ipv6' | null;
  /** Null only in filtered output that lost the `IP NHRP cache N entries` header. */
  entries: number | null;
  bytes: number | null;
  remote: NhrpRemoteCacheCounts | null;
  local: NhrpLocalCacheCounts | null;
}
