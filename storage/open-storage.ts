// Builds the configured stores: time series in SQLite or InfluxDB (1.x or 2.x/3.x), state always in SQLite.

import { BufferedTimeSeriesStore } from './buffered-store.js';
import { InfluxV1Reader } from './influx/influx-v1-reader.js';
import { InfluxV1Sink } from './influx/influx-v1-sink.js';
import { InfluxV2Sink } from './influx/influx-v2-sink.js';
import type { SampleSink } from './sample-sink.js';
import { readSecret } from './secrets.js';
import { DiskSpool } from './spool.js';
import { SqliteStateStore } from './sqlite/sqlite-state-store.js';
import { SqliteTimeSeriesStore } from './sqlite/sqlite-time-series-store.js';
import type { StateStore } from './state-store.js';
import type { StorageConfig } from './storage-config.js';
import type { TimeSeriesReader, TimeSeriesStore } from './time-series-store.js';

export interface Storage {
  timeSeries: TimeSeriesStore;
  /** Range and latest queries; null for InfluxDB 2.x/3.x, which Grafana queries directly. */
  reader: TimeSeriesReader | null;
  state: StateStore;
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  env?: NodeJS.ProcessEnv;
  onError?: (error: Error) => void;
}

interface Remote {
  sink: SampleSink;
  reader: TimeSeriesReader | null;
}

function influxRemote(config: Exclude<StorageConfig, { kind: 'sqlite' }>, env: NodeJS.ProcessEnv): Remote {
  if (config.version === 1) {
    const password = readSecret({ env: config.passwordEnv, file: config.passwordFile }, env);
    const target = { url: config.url, db: config.db, username: config.username, password };
    return {
      sink: new InfluxV1Sink({ ...target, retentionPolicy: config.rp, timeoutMs: config.timeoutMs }),
      reader: new InfluxV1Reader({ ...target, retentionPolicy: config.rp }),
    };
  }
  const token = readSecret({ env: config.tokenEnv, file: config.tokenFile }, env)!;
  const { url, org, bucket, timeoutMs } = config;
  return { sink: new InfluxV2Sink({ url, org, bucket, token, timeoutMs }), reader: null };
}

export function openStorage(config: StorageConfig, options: OpenStorageOptions = {}): Storage {
  if (config.kind === 'sqlite') {
    const series = new SqliteTimeSeriesStore({ path: config.path, retentionDays: config.retentionDays });
    const state = new SqliteStateStore(config.path);
    return {
      timeSeries: series,
      reader: series,
      state,
      async close() {
        await series.close();
        state.close();
      },
    };
  }
  const { sink, reader } = influxRemote(config, options.env ?? process.env);
  const timeSeries = new BufferedTimeSeriesStore(sink, new DiskSpool(config.spoolDir), {
    batchSize: config.batchSize,
    flushIntervalMs: config.flushIntervalMs,
    onError: options.onError,
  });
  const state = new SqliteStateStore(config.statePath);
  return {
    timeSeries,
    reader,
    state,
    async close() {
      await timeSeries.close();
      state.close();
    },
  };
}
