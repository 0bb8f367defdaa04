// Deterministic per-object variation (SPIs, conn-ids, traffic rates) from integer keys: the same network and seed
// always give the same values, and any one value costs O(1) to compute.

/** A 32-bit unsigned hash of a few integers (murmur3's finalizer over a running mix). */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A number in [0, 1) from a few integers. */
export function unit(...values: number[]): number {
  return mix(...values) / 4_294_967_296;
}
