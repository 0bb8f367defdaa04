// Starts the REST API on its address: builds the bus-fed metrics, the diagnosis runs and the routes around the
// stores, and listens (127.0.0.1 by default; port 0 picks a free one).

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import type { StateStore } from '../storage/state-store.js';
import type { TimeSeriesReader } from '../storage/time-series-store.js';
import type { ApiToken } from './api-config.js';
import { createApp } from './app.js';
import { TokenAuthority } from './auth.js';
import type { ApiContext } from './context.js';
import { DiagnosisRuns, type Poller } from './diagnosis-runs.js';
import type { EventBus } from './event-bus.js';
import { LatestView } from './latest-view.js';
import { ApiMetrics } from './metrics.js';
import { RateLimiter } from './rate-limit.js';
import type { ApiRoute } from './route.js';
import { actionRoutes } from './routes/actions.js';
import { deviceRoutes } from './routes/devices.js';
import { networkRoutes } from './routes/network.js';
import { streamRoutes } from './routes/stream.js';
import { systemRoutes } from './routes/system.js';

export interface ApiOptions {
  host?: string;
  port?: number;
  state: StateStore;
  reader: TimeSeriesReader | null;
  bus: EventBus;
  /** The watcher; null for a server that only reads the stores. */
  poller: Poller | null;
  tokens: readonly ApiToken[];
  /** Polls and diagnoses one token may start per minute (default 10). */
  actionsPerMinute?: number;
  /** Batches waiting for the time-series store. */
  backlog?: () => number;
  log?: Logger;
  version?: string;
  /** Routes of other parts of the server (alerting), mounted and documented like the API's own. */
  moreRoutes?: readonly ApiRoute[];
}

export interface RunningApi {
  url: string;
  port: number;
  routes: readonly ApiRoute[];
  close(): Promise<void>;
}

export function apiRoutes(context: ApiContext): ApiRoute[] {
  const routes: ApiRoute[] = [];
  routes.push(
    ...systemRoutes(context, () => routes),
    ...deviceRoutes(context),
    ...networkRoutes(context),
    ...actionRoutes(context),
    ...streamRoutes(context),
  );
  return routes;
}

export async function startApi(options: ApiOptions): Promise<RunningApi> {
  const log = options.log ?? pino({ level: 'silent' });
  // Read once: at thousands of devices, parsing every stored snapshot takes seconds.
  const snapshots = options.state.latestSnapshots();
  const metrics = new ApiMetrics({
    bus: options.bus,
    state: options.state,
    backlog: options.backlog ?? (() => 0),
    snapshots,
  });
  const latest = new LatestView(snapshots, options.bus);
  const context: ApiContext = {
    state: options.state,
    reader: options.reader,
    bus: options.bus,
    latest,
    runs: new DiagnosisRuns(options.state, options.bus, options.poller),
    poller: options.poller,
    limiter: new RateLimiter(options.actionsPerMinute ?? 10),
    metrics,
    clock: Date.now,
    version: options.version ?? '0.1.0',
  };
  const routes = apiRoutes(context);
  routes.push(...(options.moreRoutes ?? []));
  const app = createApp({
    context,
    routes,
    auth: new TokenAuthority(options.tokens),
    log,
  });
  const server: Server = createServer(app);
  server.listen(options.port ?? 8080, options.host ?? '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (error) {
    metrics.close();
    latest.close();
    throw new Error(
      `cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 8080}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    routes,
    async close() {
      metrics.close();
      latest.close();
      // Event streams never end on their own.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
