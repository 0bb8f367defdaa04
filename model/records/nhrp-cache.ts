// Records of `show ip nhrp` cache views: the NHRP cache entries.

import type { RecordBase } from '../parse.js';

/** One entry of the NHRP cache (`show ip nhrp [detail]`). */
export interface NhrpCacheEntry extends RecordBase<'nhrp_cache'> {
  /** Target prefix, e.g. `10.0.0.2/32`. */
  target: string;
  via: string | null;
  interface: string;
  createdSeconds: number | null;
  /** Seconds left; null for `never expire`. */
  expiresSeconds: number | null;
  type: string;
  flags: string[];
  nbma: string | null;
  claimedNbma: string | null;
  noSocket: boolean;
}
