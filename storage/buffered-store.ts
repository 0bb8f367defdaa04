// A TimeSeriesStore in front of a remote store: batches samples, retries a failed write, and spools to disk while
// the store cannot be reached, replaying the spool in order when it answers again.

import type { Sample } from '../model/sample.js';
import { BatchRejectedError, type SampleSink } from './sample-sink.js';
import type { DiskSpool } from './spool.js';
import type { TimeSeriesStore } from './time-series-store.js';

export interface BufferedStoreOptions {
  /** Samples per write request. */
  batchSize?: number;
  /** A partial batch is written after this long; 0 leaves it to the next full batch or `flush()`. */
  flushIntervalMs?: number;
  /** Further attempts after a failed write, before the batch goes to the spool. */
  retries?: number;
  /** Delay before the first retry, doubled for each next one. */
  retryDelayMs?: number;
  /** While batches are spooled, how often the store is tried again. */
  replayIntervalMs?: number;
  /** Failed writes and rejected batches; the message names the store, never a secret. */
  onError?: (error: Error) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export class BufferedTimeSeriesStore implements TimeSeriesStore {
  private buffer: Sample[] = [];
  /** Every write and replay runs on this chain, one at a time, so batches reach the store in the order written. */
  private chain: Promise<unknown> = Promise.resolve();
  private nextReplayAt = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly replayTimer: NodeJS.Timeout;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly replayIntervalMs: number;
  private readonly onError: (error: Error) => void;

  constructor(
    private readonly sink: SampleSink,
    private readonly spool: DiskSpool,
    options: BufferedStoreOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 5_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 250;
    this.replayIntervalMs = options.replayIntervalMs ?? 5_000;
    this.onError = options.onError ?? ((error) => console.error(`dmvpn-watch storage: ${error.message}`));
    this.replayTimer = setInterval(() => {
      if (this.spool.size > 0) this.replaySpool().catch((error: unknown) => this.onError(asError(error)));
    }, this.replayIntervalMs).unref();
  }

  /** Batches waiting in the disk spool. */
  get spooledBatches(): number {
    return this.spool.size;
  }

  /**
   * Resolves at once while the batch fills; when batches are cut, once they are written or spooled (back pressure).
   * Rejects only when a batch could be neither written nor spooled (the spool's disk failed).
   */
  async write(samples: readonly Sample[]): Promise<void> {
    this.buffer.push(...samples);
    const sent: Promise<void>[] = [];
    while (this.buffer.length >= this.batchSize)
      sent.push(this.enqueue(this.buffer.splice(0, this.batchSize)));
    await Promise.all(sent);
    if (this.buffer.length > 0 && this.flushIntervalMs > 0 && !this.flushTimer)
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.flush().catch((error: unknown) => this.onError(asError(error)));
      }, this.flushIntervalMs).unref();
  }

  /** Writes (or spools) everything buffered. */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const sent: Promise<void>[] = [];
    while (this.buffer.length > 0) sent.push(this.enqueue(this.buffer.splice(0, this.batchSize)));
    await Promise.all(sent);
    await this.chain;
  }

  /** Tries the store now with the spooled batches; true when the spool is empty afterwards. */
  replaySpool(): Promise<boolean> {
    return this.run(() => this.drainSpool());
  }

  async close(): Promise<void> {
    clearInterval(this.replayTimer);
    await this.flush();
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(task, task);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private enqueue(batch: Sample[]): Promise<void> {
    return this.run(() => this.send(batch));
  }

  private async send(batch: Sample[]): Promise<void> {
    // Newer samples never overtake spooled ones: while the spool holds batches, a new batch joins them.
    if (this.spool.size > 0 && !(Date.now() >= this.nextReplayAt && (await this.drainSpool()))) {
      this.spool.append(batch);
      return;
    }
    try {
      await this.writeWithRetries(batch);
    } catch (error) {
      if (error instanceof BatchRejectedError) return this.onError(error);
      this.spool.append(batch);
      this.nextReplayAt = Date.now() + this.replayIntervalMs;
      this.onError(new Error(`${asError(error).message}; ${batch.length} samples spooled`));
    }
  }

  private async writeWithRetries(batch: readonly Sample[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sink.writeBatch(batch);
      } catch (error) {
        if (error instanceof BatchRejectedError || attempt >= this.retries) throw error;
        await sleep(this.retryDelayMs * 2 ** attempt);
      }
    }
  }

  /** One attempt per spooled batch, oldest first; a refused batch is reported and dropped, not retried forever. */
  private async drainSpool(): Promise<boolean> {
    try {
      await this.spool.replay(async (samples) => {
        try {
          await this.sink.writeBatch(samples);
        } catch (error) {
          if (!(error instanceof BatchRejectedError)) throw error;
          this.onError(error);
        }
      });
      return true;
    } catch (error) {
      this.nextReplayAt = Date.now() + this.replayIntervalMs;
      this.onError(new Error(`${asError(error).message}; ${this.spool.size} batches stay spooled`));
      return false;
    }
  }
}
