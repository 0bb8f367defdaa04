// The names both sides of the queue agree on: the queues, the job ids, the workers' counters, and what a job carries.

import type { PollJob } from '../scheduler/poll-job.js';

export const POLL_QUEUE = 'dmvpn-poll';
export const TUNNEL_EVENT_QUEUE = 'tunnel-events';
/** A hash of `<worker>|polls` and `<worker>|failures` counters. */
export const WORKER_COUNTERS_KEY = 'dmvpn-watch:worker-counters';
export const DEVICE_LOCK_PREFIX = 'dmvpn-watch:polling:';

/** BullMQ orders prioritized jobs by number, lowest first: polls asked for by a user go ahead of the schedule. */
export const SLOT_PRIORITY = 10;
export const ON_DEMAND_PRIORITY = 1;

export interface PollJobData extends PollJob {
  /** The interval slot the poll belongs to (seconds since the epoch / interval). */
  slot: number;
  intervalSeconds: number;
  onDemand: boolean;
}

/** A job id may not contain `:` (BullMQ's key separator). */
function idPart(name: string): string {
  return name.replace(/[%:]/g, (character) => (character === ':' ? '%3A' : '%25'));
}

/** One job per device per slot: adding it twice returns the job already there. */
export function pollJobId(device: string, slot: number): string {
  return `poll-${idPart(device)}-${slot}`;
}

export function onDemandJobId(device: string, at: number): string {
  return `poll-${idPart(device)}-now-${at}`;
}
