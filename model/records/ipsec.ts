// Records of `show crypto ipsec sa` and its variants.

import type { RecordBase } from '../parse.js';

/** One peer block of `show crypto ipsec sa`: counters and SA counts. */
export interface IpsecSa extends RecordBase<'ipsec_sa'> {
  interface: string | null;
  local: string | null;
  remote: string | null;
  pktsEncaps: number;
  pktsDecaps: number;
  sendErrors: number;
  recvErrors: number;
  inSas: number;
  outSas: number;
}
