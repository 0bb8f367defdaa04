// Syslog and trap receivers may run on any node: what they hear goes to the server through a second queue, where the
// server's merger removes the repeats as it does for its own receivers. A batch of edges is one job.

import { Queue, Worker, type RedisOptions } from 'bullmq';
import type { TunnelEvent } from '../../model/finding.js';
import { TUNNEL_EVENT_QUEUE } from './queue-names.js';

export interface TunnelEventPublisher {
  publish(events: readonly TunnelEvent[]): Promise<void>;
  close(): Promise<void>;
}

export function tunnelEventPublisher(
  connection: RedisOptions,
  onError: (error: Error) => void,
): TunnelEventPublisher {
  const queue = new Queue<{ events: TunnelEvent[] }>(TUNNEL_EVENT_QUEUE, { connection });
  queue.on('error', onError);
  return {
    async publish(events) {
      await queue.add(
        'events',
        { events: [...events] },
        {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: 1_000,
        },
      );
    },
    close: () => queue.close(),
  };
}

export interface TunnelEventConsumer {
  close(): Promise<void>;
}

export async function consumeTunnelEvents(
  connection: RedisOptions,
  onEvents: (events: TunnelEvent[]) => void,
  onError: (error: Error) => void,
): Promise<TunnelEventConsumer> {
  const worker = new Worker<{ events: TunnelEvent[] }>(
    TUNNEL_EVENT_QUEUE,
    async (job) => onEvents(job.data.events),
    { connection, name: 'server' },
  );
  worker.on('error', onError);
  await worker.waitUntilReady();
  return { close: () => worker.close() };
}
