// What `dmvpn-watch workers` shows: the workers connected to the poll queue, the queue's depth, and each worker's
// polls and failures (counters the workers keep in Redis, so they outlive a worker's restart under the same name).

import { Queue, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { POLL_QUEUE, WORKER_COUNTERS_KEY } from './queue-names.js';

export interface WorkerStatus {
  name: string;
  address: string;
  /** Seconds since it connected. */
  ageSeconds: number;
  polls: number;
  failures: number;
}

export interface QueueStatus {
  workers: WorkerStatus[];
  depth: Record<string, number>;
}

/** BullMQ names a worker's connection `<prefix>:<queue>:w:<worker name>`. */
function workerName(rawName: string | undefined): string {
  const marker = rawName?.lastIndexOf(':w:') ?? -1;
  return marker >= 0 ? rawName!.slice(marker + 3) : (rawName ?? '?');
}

export async function queueStatus(connection: RedisOptions): Promise<QueueStatus> {
  const queue = new Queue(POLL_QUEUE, { connection: { ...connection, maxRetriesPerRequest: 1 } });
  const redis = new Redis({ ...connection, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    const [clients, depth, counters] = await Promise.all([
      queue.getWorkers(),
      queue.getJobCounts('wait', 'prioritized', 'delayed', 'active', 'completed', 'failed'),
      redis.hgetall(WORKER_COUNTERS_KEY),
    ]);
    const workers = new Map<string, WorkerStatus>();
    for (const client of clients) {
      const name = workerName(client.rawname as string | undefined);
      // A worker holds several connections; the oldest tells how long it has been up.
      const age = Number(client.age ?? 0);
      const known = workers.get(name);
      if (known) known.ageSeconds = Math.max(known.ageSeconds, age);
      else
        workers.set(name, {
          name,
          address: String(client.addr ?? ''),
          ageSeconds: age,
          polls: Number(counters[`${name}|polls`] ?? 0),
          failures: Number(counters[`${name}|failures`] ?? 0),
        });
    }
    return { workers: [...workers.values()].sort((a, b) => a.name.localeCompare(b.name)), depth };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
