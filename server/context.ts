// What the routes work with: the stores, the bus, the diagnosis runs, the poller, limits and metrics.

import type { StateStore } from '../storage/state-store.js';
import type { TimeSeriesReader } from '../storage/time-series-store.js';
import type { DiagnosisRuns, Poller } from './diagnosis-runs.js';
import type { EventBus } from './event-bus.js';
import type { LatestView } from './latest-view.js';
import type { ApiMetrics } from './metrics.js';
import type { RateLimiter } from './rate-limit.js';

export interface ApiContext {
  state: StateStore;
  /** Null when the time-series store cannot be queried here (InfluxDB 2.x/3.x: Grafana reads it directly). */
  reader: TimeSeriesReader | null;
  bus: EventBus;
  /** Every device's latest poll, as the device list and the topology read it. */
  latest: LatestView;
  runs: DiagnosisRuns;
  /** Null when the server runs without a watcher (no live polls). */
  poller: Poller | null;
  limiter: RateLimiter;
  metrics: ApiMetrics;
  clock: () => number;
  version: string;
}
