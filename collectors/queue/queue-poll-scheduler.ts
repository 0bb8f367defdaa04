// The scheduler of a server whose polls run on collector workers: at each slot it enqueues one job per device (its
// jitter as the job's delay, its slot in the id so a slot is never enqueued twice), hands each result back as it
// completes, and enqueues on-demand polls ahead of the schedule. A backlog past its bound skips the slot rather than
// pile up work the workers cannot catch up with.

import { Queue, QueueEvents, type JobsOptions, type RedisOptions } from 'bullmq';
import cron, { type ScheduledTask } from 'node-cron';
import type { InventoryDevice } from '../inventory/device.js';
import { pollJobFor } from '../scheduler/poll-job.js';
import { cronPattern, jitterMs } from '../scheduler/poll-scheduler.js';
import { decodePollResult, type PollResult } from './poll-result-codec.js';
import {
  ON_DEMAND_PRIORITY,
  POLL_QUEUE,
  SLOT_PRIORITY,
  onDemandJobId,
  pollJobId,
  type PollJobData,
} from './queue-names.js';

export interface QueuePollSchedulerOptions {
  connection: RedisOptions;
  /** A poll's result came back from a worker. */
  onResult(device: InventoryDevice, result: PollResult): Promise<void>;
  /** A job failed for good (its last attempt, an unknown device, a slot missed), or the queue could not be used. */
  onError(error: Error): void;
  /** Jobs waiting (or delayed) beyond which a slot is not enqueued. */
  maxBacklog?: number;
  /** Tries of a poll that reaches nothing; the pause between them doubles from backoffMs. */
  attempts?: number;
  backoffMs?: number;
  jitterFraction?: number;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export class QueuePollScheduler {
  private readonly queue: Queue<PollJobData, string>;
  private readonly events: QueueEvents;
  private readonly tasks: ScheduledTask[] = [];
  private readonly byName: Map<string, InventoryDevice>;
  private readonly waiters = new Map<string, Waiter>();
  private readonly onDemand = new Map<string, Promise<void>>();
  private readonly enqueuing = new Set<number>();
  private readonly handling = new Set<Promise<void>>();
  /** Slots not enqueued: a backlog past its bound, or the last slot still being enqueued. */
  skippedSlots = 0;

  constructor(
    devices: readonly InventoryDevice[],
    private readonly options: QueuePollSchedulerOptions,
  ) {
    for (const device of devices) cronPattern(device.pollIntervalSeconds);
    this.byName = new Map(devices.map((device) => [device.name, device]));
    this.queue = new Queue(POLL_QUEUE, { connection: options.connection });
    this.events = new QueueEvents(POLL_QUEUE, { connection: options.connection });
    this.queue.on('error', (error) => options.onError(error));
    this.events.on('error', (error) => options.onError(error));
    this.events.on('completed', ({ jobId, returnvalue }) => this.completed(jobId, returnvalue));
    this.events.on('failed', ({ jobId, failedReason }) => this.failed(jobId, failedReason));
  }

  async ready(): Promise<void> {
    await Promise.all([this.queue.waitUntilReady(), this.events.waitUntilReady()]);
  }

  start(): void {
    const intervals = new Map<number, InventoryDevice[]>();
    for (const device of this.byName.values()) {
      const group = intervals.get(device.pollIntervalSeconds) ?? [];
      group.push(device);
      intervals.set(device.pollIntervalSeconds, group);
    }
    for (const [interval, devices] of intervals) {
      const task = cron.schedule(cronPattern(interval), (context) => {
        void this.enqueueSlot(devices, interval, Math.floor(context.date.getTime() / 1000 / interval));
      });
      this.tasks.push(task);
    }
  }

  private jobOptions(device: InventoryDevice): JobsOptions {
    return {
      attempts: this.options.attempts ?? 3,
      backoff: { type: 'exponential', delay: this.options.backoffMs ?? 2_000 },
      // Results are read from the event stream as they complete; the jobs stay a slot for the ids to dedupe.
      removeOnComplete: { age: device.pollIntervalSeconds },
      removeOnFail: { age: 24 * 3600, count: 10_000 },
    };
  }

  private async enqueueSlot(devices: InventoryDevice[], interval: number, slot: number): Promise<void> {
    const skip = (reason: string): void => {
      this.skippedSlots += 1;
      this.options.onError(
        new Error(`poll slot ${slot} of the ${interval} s interval not enqueued: ${reason}`),
      );
    };
    if (this.enqueuing.has(interval))
      return skip('the previous slot is still being enqueued (is Redis answering?)');
    this.enqueuing.add(interval);
    try {
      const counts = await this.queue.getJobCounts('wait', 'prioritized', 'delayed');
      const backlog = (counts.wait ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0);
      const bound = this.options.maxBacklog ?? 10_000;
      if (backlog > bound)
        return skip(`${backlog} jobs are waiting (bound ${bound}): the workers are behind`);
      await this.queue.addBulk(
        devices.map((device) => ({
          name: 'poll',
          data: { ...pollJobFor(device), slot, intervalSeconds: interval, onDemand: false },
          opts: {
            ...this.jobOptions(device),
            jobId: pollJobId(device.name, slot),
            priority: SLOT_PRIORITY,
            delay: jitterMs(device.name, interval, this.options.jitterFraction ?? 0.2),
          },
        })),
      );
    } catch (error) {
      this.options.onError(error as Error);
    } finally {
      this.enqueuing.delete(interval);
    }
  }

  /** Polls the device ahead of the schedule; resolves once its result has been handled. */
  pollNow(name: string): Promise<void> {
    const device = this.byName.get(name);
    if (!device) return Promise.reject(new Error(`no device named "${name}" in the inventory`));
    const running = this.onDemand.get(name);
    if (running) return running;
    const at = Date.now();
    const jobId = onDemandJobId(name, at);
    const done = new Promise<void>((resolve, reject) => this.waiters.set(jobId, { resolve, reject }));
    const data: PollJobData = {
      ...pollJobFor(device),
      slot: Math.floor(at / 1000 / device.pollIntervalSeconds),
      intervalSeconds: device.pollIntervalSeconds,
      onDemand: true,
    };
    const added = this.queue
      .add('poll', data, { ...this.jobOptions(device), jobId, priority: ON_DEMAND_PRIORITY })
      .then(() => done)
      .finally(() => {
        this.waiters.delete(jobId);
        this.onDemand.delete(name);
      });
    this.onDemand.set(name, added);
    return added;
  }

  private track(work: Promise<void>): void {
    this.handling.add(work);
    void work.finally(() => this.handling.delete(work));
  }

  private completed(jobId: string, returnvalue: unknown): void {
    const waiter = this.waiters.get(jobId);
    this.track(
      (async () => {
        try {
          if (typeof returnvalue !== 'string') throw new Error(`job ${jobId} returned no poll result`);
          const result = decodePollResult(returnvalue);
          const device = this.byName.get(result.snapshot.device);
          if (!device) throw new Error(`job ${jobId}: ${result.snapshot.device} is not in the inventory`);
          await this.options.onResult(device, result);
          waiter?.resolve();
        } catch (error) {
          this.options.onError(error as Error);
          waiter?.reject(error as Error);
        }
      })(),
    );
  }

  private failed(jobId: string, reason: string): void {
    // Every attempt reports a failure; only a job with no attempt left is over.
    this.track(
      (async () => {
        const job = await this.queue.getJob(jobId);
        const state = job ? await job.getState() : 'failed';
        if (state !== 'failed') return;
        const error = new Error(`poll job ${jobId} failed: ${reason}`);
        this.options.onError(error);
        this.waiters.get(jobId)?.reject(error);
      })().catch((error: Error) => this.options.onError(error)),
    );
  }

  /** How many poll jobs wait, run, are delayed (jitter or backoff) and failed. */
  depth(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('wait', 'prioritized', 'delayed', 'active', 'failed');
  }

  stop(): void {
    for (const task of this.tasks) void task.destroy();
    this.tasks.length = 0;
  }

  /** Waits for the results being handled, then lets go of Redis; jobs still queued stay for the workers. */
  async drain(): Promise<void> {
    await Promise.all(this.handling);
    await this.events.close();
    await this.queue.close();
  }
}
