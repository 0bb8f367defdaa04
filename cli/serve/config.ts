// The `serve` configuration file (YAML): where samples go, where syslog and traps are heard, how hard to poll, where
// to log. Every setting has a default, so the file is optional; secrets are named, never written inline.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { Locator } from '../../collectors/inventory/load.js';
import { alertingConfigSchema } from '../../server/alerting/config.js';
import { apiConfigSchema } from '../../server/api-config.js';
import { storageConfigSchema, type StorageConfig } from '../../storage/storage-config.js';

const port = z.number().int().min(0).max(65535);
const secretRef = z.union([
  z.strictObject({ env: z.string().min(1) }),
  z.strictObject({ file: z.string().min(1) }),
]);

const serveConfigSchema = z.strictObject({
  dataDir: z.string().min(1).default('./data'),
  storage: storageConfigSchema.optional(),
  ssh: z.strictObject({ concurrency: z.number().int().positive().default(50) }).default({ concurrency: 50 }),
  syslog: z
    .strictObject({
      host: z.string().min(1).default('0.0.0.0'),
      udpPort: port.nullable().default(514),
      tcpPort: port.nullable().default(601),
    })
    .nullable()
    .default(null),
  traps: z
    .strictObject({
      host: z.string().min(1).default('0.0.0.0'),
      port: port.default(162),
      communities: z.array(secretRef).default([]),
      users: z
        .array(
          z.strictObject({
            name: z.string().min(1),
            authProtocol: z.enum(['sha', 'md5', 'sha256']).default('sha'),
            authKey: secretRef,
            privProtocol: z.enum(['aes', 'des']).default('aes'),
            privKey: secretRef,
          }),
        )
        .default([]),
    })
    .nullable()
    .default(null),
  diagnosis: z
    .strictObject({
      /** The engine runs after polls, never more often than this. */
      intervalSeconds: z.number().positive().default(30),
    })
    .default({ intervalSeconds: 30 }),
  /** The REST API: 127.0.0.1:8080 by default; bearer tokens named by env or file. */
  api: apiConfigSchema,
  /** Alert rules over findings and flaps, their receivers (webhook, Slack, Alertmanager) and silences. */
  alerting: alertingConfigSchema,
  log: z
    .strictObject({
      /** Structured logs (pino JSON lines); `-` for standard output. Default: dmvpn-watch.log in the data folder. */
      file: z.string().min(1).optional(),
      level: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
    })
    .default({ level: 'info' }),
});

export type ServeConfigFile = z.infer<typeof serveConfigSchema>;

export interface ServeConfig extends Omit<ServeConfigFile, 'storage'> {
  storage: StorageConfig;
  logFile: string;
  knownHostsFile: string;
}

export class ServeConfigError extends Error {}

/** Reads the file (when given) and fills in the defaults; errors name the file and the field. */
export function loadServeConfig(file?: string): ServeConfig {
  let raw: unknown = {};
  let locator: Locator | null = null;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ServeConfigError(`${file}: cannot read the configuration: ${(error as Error).message}`);
    }
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    const [invalid] = document.errors;
    if (invalid)
      throw new ServeConfigError(
        `${file}: line ${lines.linePos(invalid.pos[0]).line}: not valid YAML: ${invalid.code}`,
      );
    raw = document.toJS() ?? {};
    locator = new Locator(document, lines);
  }
  const checked = serveConfigSchema.safeParse(raw);
  if (!checked.success) {
    const problems = checked.error.issues.flatMap((issue) => {
      const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path];
      const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
      return paths.map(
        (where) => `${locator?.describe(where) ?? (where.join('.') || '(top level)')}: ${message}`,
      );
    });
    throw new ServeConfigError(`${file ?? 'configuration'}: ${problems.join('; ')}`);
  }
  const config = checked.data;
  const storage =
    config.storage ??
    storageConfigSchema.parse({ kind: 'sqlite', path: join(config.dataDir, 'dmvpn-watch.db') });
  return {
    ...config,
    storage,
    logFile: config.log.file ?? join(config.dataDir, 'dmvpn-watch.log'),
    knownHostsFile: join(config.dataDir, 'known-hosts.jsonl'),
  };
}
