// The `storage` section of the configuration. Secrets are named (an environment variable or a file), never written
// inline: the schema refuses unknown keys such as `password` or `token`.

import { z } from 'zod';
import { DEFAULT_DATABASE_PATH } from './sqlite/open-database.js';

const remoteStoreOptions = {
  /** Where batches wait on disk while the store cannot be reached. */
  spoolDir: z.string().min(1).default('./data/spool'),
  batchSize: z.number().int().positive().default(5_000),
  flushIntervalMs: z.number().int().nonnegative().default(1_000),
  timeoutMs: z.number().int().positive().default(10_000),
  /** The state store (devices, snapshots, events, findings) stays in SQLite whatever holds the time series. */
  statePath: z.string().min(1).default(DEFAULT_DATABASE_PATH),
};

const sqliteStorage = z
  .object({
    kind: z.literal('sqlite'),
    path: z.string().min(1).default(DEFAULT_DATABASE_PATH),
    retentionDays: z.number().positive().default(30),
  })
  .strict();

const influxV1Storage = z
  .object({
    kind: z.literal('influx'),
    version: z.literal(1),
    url: z.url(),
    db: z.string().min(1),
    rp: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    passwordEnv: z.string().min(1).optional(),
    passwordFile: z.string().min(1).optional(),
    ...remoteStoreOptions,
  })
  .strict()
  .refine((config) => !(config.passwordEnv && config.passwordFile), {
    message: 'give passwordEnv or passwordFile, not both',
  })
  .refine((config) => config.username !== undefined || !(config.passwordEnv || config.passwordFile), {
    message: 'a password needs a username',
  });

/** InfluxDB 2.x, and 3.x through its v2-compatible write API. */
const influxV2Storage = z
  .object({
    kind: z.literal('influx'),
    version: z.literal(2),
    url: z.url(),
    org: z.string().min(1),
    bucket: z.string().min(1),
    tokenEnv: z.string().min(1).optional(),
    tokenFile: z.string().min(1).optional(),
    ...remoteStoreOptions,
  })
  .strict()
  .refine((config) => (config.tokenEnv === undefined) !== (config.tokenFile === undefined), {
    message: 'give exactly one of tokenEnv or tokenFile',
  });

export const storageConfigSchema = z.union([sqliteStorage, influxV1Storage, influxV2Storage]);

export type StorageConfig = z.infer<typeof storageConfigSchema>;
export type SqliteStorageConfig = z.infer<typeof sqliteStorage>;
export type InfluxV1StorageConfig = z.infer<typeof influxV1Storage>;
export type InfluxV2StorageConfig = z.infer<typeof influxV2Storage>;

export function parseStorageConfig(input: unknown): StorageConfig {
  return storageConfigSchema.parse(input);
}
