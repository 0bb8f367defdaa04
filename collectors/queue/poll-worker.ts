// A collector worker: takes poll jobs from the queue, polls the device with this machine's own inventory entry
// (credentials never cross Redis), hands the result to the caller (which writes the samples) and returns it,
// compressed, as the job's result for the server. A device it does not know fails the job for good; a device another
// poll holds waits; a poll that reached nothing is retried (with the queue's backoff) until its last attempt, which
// returns the failure as the poll's result like any other.

import { DelayedError, UnrecoverableError, Worker, type Job, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { InventoryDevice } from '../inventory/device.js';
import { pollSnmp } from '../snmp/poller.js';
import type { KnownHosts } from '../ssh/known-hosts.js';
import { SshCollector } from '../ssh/ssh-collector.js';
import { runPollJob } from '../scheduler/poll-job.js';
import { lockDevice } from './device-lock.js';
import { encodePollResult, type PollResult } from './poll-result-codec.js';
import { POLL_QUEUE, WORKER_COUNTERS_KEY, type PollJobData } from './queue-names.js';

export interface PollWorkerOptions {
  connection: RedisOptions;
  /** Shown by `dmvpn-watch workers` and kept on every job it runs. */
  name: string;
  devices: readonly InventoryDevice[];
  /** Where the devices came from, for the message of a job this worker cannot run. */
  inventoryFile: string;
  knownHosts: KnownHosts;
  /** Polls run at once by this worker. */
  concurrency: number;
  /**
   * How long a job (and its device) stays claimed without a sign of life from its worker: a worker that dies
   * mid-poll has its job taken over by another within about twice this.
   */
  lockMs: number;
  /** Called with each result before it is returned (the samples go to the store here); a throw fails the attempt. */
  onPoll(result: PollResult, job: PollJobData): Promise<void>;
  onError?(error: Error): void;
}

/** A device held by another poll: look again in a second. */
const BUSY_RETRY_MS = 1_000;

export interface RunningPollWorker {
  close(): Promise<void>;
}

export async function startPollWorker(options: PollWorkerOptions): Promise<RunningPollWorker> {
  const byName = new Map(options.devices.map((device) => [device.name, device]));
  const redis = new Redis(options.connection);
  redis.on('error', (error: Error) => options.onError?.(error));
  const ssh = new SshCollector({ knownHosts: options.knownHosts, concurrency: options.concurrency });
  const count = (counter: 'polls' | 'failures'): Promise<unknown> =>
    redis.hincrby(WORKER_COUNTERS_KEY, `${options.name}|${counter}`, 1);

  const work = async (job: Job<PollJobData, string>, token?: string): Promise<string> => {
    const { data } = job;
    const device = byName.get(data.device);
    if (!device)
      throw new UnrecoverableError(
        `${data.device}: not in the inventory of worker ${options.name} (${options.inventoryFile}); the job is dropped`,
      );
    const lock = await lockDevice(redis, device.name, `${options.name}/${job.id}`, options.lockMs);
    if (!lock) {
      const slotOver = Date.now() >= (data.slot + 1) * data.intervalSeconds * 1000;
      if (!data.onDemand && slotOver)
        throw new UnrecoverableError(`${device.name}: still being polled when slot ${data.slot} ended`);
      await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
      throw new DelayedError();
    }
    try {
      const [snapshot, snmp] = await Promise.all([
        runPollJob(data, device, ssh),
        device.snmp ? pollSnmp(device) : Promise.resolve(null),
      ]);
      const result: PollResult = { snapshot, snmp, slot: data.slot };
      const reachedNothing = snapshot.outputs.length === 0 && snapshot.errors.length > 0;
      if (reachedNothing) {
        await count('failures');
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (!lastAttempt) throw new Error(snapshot.errors[0]!.message);
      }
      await options.onPoll(result, data);
      await count('polls');
      return encodePollResult(result);
    } finally {
      await lock.release().catch(() => undefined);
    }
  };

  const worker = new Worker<PollJobData, string>(POLL_QUEUE, work, {
    connection: options.connection,
    name: options.name,
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    // A job whose worker died twice is more likely the cause than the victim.
    maxStalledCount: 2,
  });
  worker.on('error', (error) => options.onError?.(error));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      ssh.close();
      redis.disconnect();
    },
  };
}
