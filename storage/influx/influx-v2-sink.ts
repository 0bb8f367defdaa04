// Writes to InfluxDB 2.x/3.x (/api/v2/write) through @influxdata/influxdb-client's WriteApi.

import { HttpError, InfluxDB } from '@influxdata/influxdb-client';
import type { Sample } from '../../model/sample.js';
import { BatchRejectedError, isRejection, type SampleSink } from '../sample-sink.js';
import { samplesToLines } from './line-protocol.js';

export interface InfluxV2Options {
  url: string;
  org: string;
  bucket: string;
  token: string;
  timeoutMs?: number;
}

export class InfluxV2Sink implements SampleSink {
  private readonly client: InfluxDB;

  constructor(private readonly options: InfluxV2Options) {
    this.client = new InfluxDB({
      url: options.url,
      token: options.token,
      timeout: options.timeoutMs ?? 10_000,
    });
  }

  get description(): string {
    return `InfluxDB ${this.options.url} org ${this.options.org} bucket ${this.options.bucket}`;
  }

  async writeBatch(samples: readonly Sample[]): Promise<void> {
    const lines = samplesToLines(samples);
    if (lines.length === 0) return;
    // One WriteApi per batch, its own buffering and retries off: batching, retries and the spool are ours, so a
    // failed batch is never also held (and later resent out of order) inside the client.
    const writeApi = this.client.getWriteApi(this.options.org, this.options.bucket, 'ms', {
      batchSize: lines.length + 1,
      flushInterval: 0,
      maxRetries: 0,
      // Returning a promise replaces the client's own logging and retry handling of a failure.
      writeFailed: (error) => Promise.reject(error),
    });
    try {
      writeApi.writeRecords(lines);
      await writeApi.flush();
    } catch (error) {
      const status = error instanceof HttpError ? error.statusCode : undefined;
      const message = `${this.description}: ${error instanceof Error ? error.message : String(error)}`;
      throw status !== undefined && isRejection(status)
        ? new BatchRejectedError(message)
        : new Error(message);
    } finally {
      writeApi.dispose();
    }
  }
}
