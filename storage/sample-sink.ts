// The one operation a remote store offers the batching writer: write this batch now, or say why not.

import type { Sample } from '../model/sample.js';

export interface SampleSink {
  /** Resolves once the store has accepted every sample; rejects otherwise. Writing a batch twice stores it once. */
  writeBatch(samples: readonly Sample[]): Promise<void>;
  /** Where the samples go, for messages (never includes a secret). */
  readonly description: string;
}

/** The store answered and refused the batch itself (malformed data): sending it again cannot succeed. */
export class BatchRejectedError extends Error {
  override readonly name = 'BatchRejectedError';
}

/** Status codes that mean the batch itself is wrong; anything else (5xx, 401, 404, no answer) may pass later. */
export function isRejection(status: number): boolean {
  return status === 400 || status === 413 || status === 422;
}
