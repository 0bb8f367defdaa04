// The API as `serve` starts it: tokens from the configuration and the environment (the demo makes an operator token
// when none is configured), the stores, the watcher as poller, and the lines that tell the user where it is.

import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Storage } from '../storage/open-storage.js';
import {
  DEFAULT_API_PORT,
  resolveApiTokens,
  TOKEN_ENV,
  type ApiConfig,
  type ApiToken,
} from './api-config.js';
import type { Poller } from './diagnosis-runs.js';
import type { EventBus } from './event-bus.js';
import type { ApiRoute } from './route.js';
import { startApi, type RunningApi } from './start-api.js';

export interface ServeApi {
  api: RunningApi;
  /** What to print: the URL, and the demo's operator token when one was made. */
  banner: string;
}

export class ApiStartError extends Error {}

function backlogOf(storage: Storage): () => number {
  const store = storage.timeSeries as { spooledBatches?: number };
  return () => store.spooledBatches ?? 0;
}

export async function startServeApi(
  config: ApiConfig,
  options: {
    storage: Storage;
    bus: EventBus;
    poller: Poller;
    log: Logger;
    demo: boolean;
    moreRoutes?: readonly ApiRoute[];
  },
): Promise<ServeApi> {
  let tokens: ApiToken[];
  try {
    tokens = resolveApiTokens(config);
  } catch (error) {
    throw new ApiStartError((error as Error).message);
  }
  const lines: string[] = [];
  let webToken: string | null = null;
  if (options.demo && !tokens.some((token) => token.role === 'operator')) {
    const secret = randomBytes(24).toString('base64url');
    tokens.push({ name: 'demo-operator', role: 'operator', secret });
    lines.push(`API operator token for this run (set ${TOKEN_ENV.operator} to choose one): ${secret}`);
    webToken = secret;
  } else if (tokens.length === 0) {
    lines.push(
      `API has no token: every call but /health is refused. Add api.tokens to the configuration or set ` +
        `${TOKEN_ENV.viewer} / ${TOKEN_ENV.operator}.`,
    );
  }
  const start = (port: number): Promise<RunningApi> =>
    startApi({
      host: config.host,
      port,
      state: options.storage.state,
      reader: options.storage.reader,
      bus: options.bus,
      poller: options.poller,
      tokens,
      actionsPerMinute: config.actionsPerMinute,
      backlog: backlogOf(options.storage),
      log: options.log,
      moreRoutes: options.moreRoutes,
    });
  let api: RunningApi;
  try {
    api = await start(config.port ?? DEFAULT_API_PORT).catch((error: Error) => {
      // Only the default gives way: a port the configuration names is the one the user expects.
      if (config.port !== undefined || (error.cause as NodeJS.ErrnoException)?.code !== 'EADDRINUSE')
        throw error;
      lines.push(`Port ${DEFAULT_API_PORT} is taken: the API took a free port (set api.port to choose one).`);
      return start(0);
    });
  } catch (error) {
    throw new ApiStartError(`api: ${(error as Error).message} (set api.port in the configuration)`);
  }
  options.log.info(
    { url: api.url, tokens: tokens.map(({ name, role }) => ({ name, role })) },
    'api listening',
  );
  lines.unshift(`API on ${api.url} (OpenAPI document: ${api.url}/api/openapi.json)`);
  lines.splice(1, 0, `Web page: ${api.url}/${webToken ? `#token=${webToken}` : ''}`);
  return { api, banner: `${lines.join('\n')}\n` };
}
