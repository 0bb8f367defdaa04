// Never two polls of one device at once, whichever workers hold its jobs: a Redis key per device, set only when free
// (SET NX) with an expiry, renewed while the poll runs and removed only by its holder. A worker that dies leaves a
// lock that expires by itself, no later than its job's own lock, so the job's next runner finds the device free.

import type { Redis } from 'ioredis';
import { DEVICE_LOCK_PREFIX } from './queue-names.js';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

export interface HeldDeviceLock {
  release(): Promise<void>;
}

export async function lockDevice(
  redis: Redis,
  device: string,
  holder: string,
  ttlMs: number,
): Promise<HeldDeviceLock | null> {
  const key = DEVICE_LOCK_PREFIX + device;
  const taken = await redis.set(key, holder, 'PX', ttlMs, 'NX');
  if (taken !== 'OK') return null;
  const renewal = setInterval(() => {
    redis.eval(RENEW, 1, key, holder, String(ttlMs)).catch(() => undefined);
  }, ttlMs / 2);
  return {
    async release() {
      clearInterval(renewal);
      await redis.eval(RELEASE, 1, key, holder);
    },
  };
}
