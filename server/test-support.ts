// What the API's tests share: a state store filled from what a lab's routers print, and HTTP calls with a token.

import { standardCommands } from '../collectors/scheduler/poll-job.js';
import type { LiveLab } from '../lab/live/types.js';
import type { DeviceSnapshot } from '../model/snapshot.js';
import { parseText } from '../parsers/parse-text.js';
import { SqliteStateStore } from '../storage/sqlite/sqlite-state-store.js';
import type { ApiToken } from './api-config.js';

export const TEST_TOKENS: ApiToken[] = [
  { name: 'noc', role: 'viewer', secret: 'viewer-secret-0123456789' },
  { name: 'neteng', role: 'operator', secret: 'operator-secret-0123456789' },
];
export const VIEWER = TEST_TOKENS[0]!.secret;
export const OPERATOR = TEST_TOKENS[1]!.secret;

/** One poll of a lab router as the collectors would make it, without the wire: its standard commands, parsed. */
export function labSnapshot(lab: LiveLab, hostname: string, at: number): DeviceSnapshot {
  const role = lab.config(hostname).role;
  const outputs = standardCommands(role).map((command) => {
    const raw = lab.run(hostname, command);
    return { command, raw, parsed: parseText(raw, command)[0]!.result, collectedAt: at, durationMs: 5 };
  });
  return { device: hostname, role, collectedAt: at, outputs, errors: [] };
}

export function labStateStore(lab: LiveLab, path: string, at: number): SqliteStateStore {
  const state = new SqliteStateStore(path);
  for (const hostname of lab.hostnames()) {
    state.upsertDevice({ name: hostname, role: lab.config(hostname).role, address: '127.0.0.1' });
    state.saveSnapshot(labSnapshot(lab, hostname, at));
  }
  return state;
}

export async function call(
  base: string,
  path: string,
  options: { token?: string; method?: string; body?: unknown } = {},
  // A test reads whatever JSON the route documents.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(base + path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (metrics): the text is the body.
  }
  return { status: response.status, body, headers: response.headers };
}
