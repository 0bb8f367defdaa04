// Records of the spoke's next-hop servers and NHRP packet counters (`show ip nhrp nhs`, `traffic`, `stats`).

import type { RecordBase } from '../parse.js';

/** One next-hop server as a spoke sees it (`show ip nhrp nhs [detail]`). */
export interface NhsEntry extends RecordBase<'nhrp_nhs'> {
  interface: string;
  nhs: string;
  nbma: string | null;
  /** Status flags as printed, e.g. `RE`, `E`, `W`. */
  flags: string;
  /** Responding: the hub answers our registrations. */
  up: boolean;
  priority: number | null;
  cluster: number | null;
  reqSent: number | null;
  reqFailed: number | null;
  replRecv: number | null;
  lastReplySecondsAgo: number | null;
}

/** Per-interface NHRP packet counters (`show ip nhrp traffic`), keyed like `reg_req_sent`. */
export interface NhrpTraffic extends RecordBase<'nhrp_traffic'> {
  interface: string;
  counters: Record<string, number>;
}
