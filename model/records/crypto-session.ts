// Records of `show crypto session [detail]` and its variants.

import type { RecordBase } from '../parse.js';

/** One peer of `show crypto session [detail]`. */
export interface CryptoSession extends RecordBase<'crypto_session'> {
  interface: string | null;
  peer: string;
  /** `UP-ACTIVE`, `UP-IDLE`, `UP-NO-IKE`, `DOWN-NEGOTIATING`, `DOWN`. */
  status: string;
}
