// Where the queue lives: a `redis://[user:password@]host:port[/db]` address turned into the Redis client's options.
// Workers block on Redis for jobs, so a command must never give up while Redis is away: it waits for the reconnection.

import type { RedisOptions } from 'bullmq';

export class QueueAddressError extends Error {}

export function queueConnection(address: string): RedisOptions {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new QueueAddressError(`"${address}" is not a queue address (redis://HOST:PORT)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new QueueAddressError(
      `"${address}" is not a Redis address (redis://HOST:PORT or rediss://HOST:PORT)`,
    );
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db))
    throw new QueueAddressError(`"${address}": the database must be a number`);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    // Reconnect every second at first, then every 5 s, for as long as it takes.
    retryStrategy: (attempt: number) => Math.min(attempt * 1_000, 5_000),
  };
}
