// The `api` section of the serve configuration: where the API listens, its bearer tokens (named secrets, never
// inline) and how often one token may start polls and diagnoses.

import { z } from 'zod';
import { readSecret } from '../storage/secrets.js';

export const API_ROLES = ['viewer', 'operator'] as const;
export type ApiRole = (typeof API_ROLES)[number];

const secretRef = z.union([
  z.strictObject({ env: z.string().min(1) }),
  z.strictObject({ file: z.string().min(1) }),
]);

export const apiConfigSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    /** Default DEFAULT_API_PORT; when that one is taken, a free port (the banner prints it). */
    port: z.number().int().min(0).max(65535).optional(),
    tokens: z
      .array(z.strictObject({ name: z.string().min(1), role: z.enum(API_ROLES), token: secretRef }))
      .default([]),
    /** Polls and diagnoses one token may start per minute. */
    actionsPerMinute: z.number().int().positive().default(10),
  })
  .default({ host: '127.0.0.1', tokens: [], actionsPerMinute: 10 });

export const DEFAULT_API_PORT = 8080;

export type ApiConfig = z.infer<typeof apiConfigSchema>;

export interface ApiToken {
  name: string;
  role: ApiRole;
  secret: string;
}

/** Environment variables that add a token each, beside those of the file. */
export const TOKEN_ENV: Record<ApiRole, string> = {
  viewer: 'DMVPN_WATCH_VIEWER_TOKEN',
  operator: 'DMVPN_WATCH_OPERATOR_TOKEN',
};

/** Reads every configured token's secret; a missing one throws naming the token and its source, not the value. */
export function resolveApiTokens(config: ApiConfig, env: NodeJS.ProcessEnv = process.env): ApiToken[] {
  const tokens = config.tokens.map((entry) => {
    try {
      return { name: entry.name, role: entry.role, secret: readSecret(entry.token, env)! };
    } catch (error) {
      throw new Error(`api token "${entry.name}": ${(error as Error).message}`);
    }
  });
  for (const role of API_ROLES) {
    const secret = env[TOKEN_ENV[role]];
    if (secret) tokens.push({ name: TOKEN_ENV[role], role, secret });
  }
  return tokens;
}
