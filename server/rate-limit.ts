// A token bucket per caller: `perMinute` actions in a burst, refilled evenly over the minute.

import { HttpError } from './http-error.js';

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes one action from the caller's bucket, or throws 429 saying when the next one is allowed. */
  take(caller: string, action: string): void {
    const now = this.clock();
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(caller) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    if (bucket.tokens < 1) {
      const wait = Math.ceil((1 - bucket.tokens) / perMs / 1000);
      throw new HttpError(
        429,
        `rate limit: ${action} is allowed ${this.perMinute} times a minute per token; try again in ${wait} s`,
        undefined,
        wait,
      );
    }
    bucket.tokens -= 1;
  }
}
