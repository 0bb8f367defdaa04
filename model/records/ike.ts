// Records of IKE phase 1: `show crypto isakmp sa`, `show crypto ikev2 sa` and their variants.

import type { RecordBase } from '../parse.js';

/** One IKE (phase 1) SA, IKEv1 from `show crypto isakmp sa` or IKEv2 from `show crypto ikev2 sa`. */
export interface IkeSa extends RecordBase<'ike_sa'> {
  version: 'v1' | 'v2';
  local: string;
  remote: string;
  /** `QM_IDLE`, `MM_NO_STATE`, ... (v1) or `READY`, `IN-NEG`, ... (v2). */
  state: string;
  /** `ACTIVE`, `ACTIVE (deleted)`, `STDBY` (v1); same as state for v2. */
  status: string;
  up: boolean;
  lifetimeSeconds: number | null;
}
