// Records of IPsec: `show crypto ipsec sa`, `show crypto session` and their variants.

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

/** One peer of `show crypto session [detail]`. */
export interface CryptoSession extends RecordBase<'crypto_session'> {
  interface: string | null;
  peer: string;
  /** `UP-ACTIVE`, `UP-IDLE`, `UP-NO-IKE`, `DOWN-NEGOTIATING`, `DOWN`. */
  status: string;
}
