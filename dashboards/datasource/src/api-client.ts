// The calls the datasource makes to the dmvpn-watch API, over whatever carries them: Grafana's data source proxy
// in the browser (which adds the bearer token), or a plain fetch.

import type { DeviceSummary, DiagnosisRun, StoredFinding, Topology, TunnelEvent } from './api-types.js';
import type { FindingsState, Severity, TimeWindow } from './query.js';

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Path and query string, e.g. `/api/findings?active=true`. */
  path: string;
  body?: unknown;
}

/** Sends one request; resolves with the JSON body of a 2xx answer, rejects with the API's error message otherwise. */
export type Transport = (request: ApiRequest) => Promise<unknown>;

export interface DiagnosePolling {
  /** Between two looks at a running diagnosis. */
  intervalMs: number;
  /** Gives up (rejects) once a run has been running this long. */
  timeoutMs: number;
  sleep(ms: number): Promise<void>;
}

const DEFAULT_POLLING: DiagnosePolling = {
  intervalMs: 1_000,
  timeoutMs: 300_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const withQuery = (path: string, query: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

export interface FindingsFilter {
  device?: string;
  state?: FindingsState;
  severity?: Severity;
}

export class DmvpnApi {
  constructor(
    private readonly send: Transport,
    private readonly polling: DiagnosePolling = DEFAULT_POLLING,
  ) {}

  async devices(): Promise<DeviceSummary[]> {
    return (await this.send({ method: 'GET', path: '/api/devices' })) as DeviceSummary[];
  }

  async topology(): Promise<Topology> {
    return (await this.send({ method: 'GET', path: '/api/topology' })) as Topology;
  }

  /** Active findings whatever the time range; cleared ones (history) seen within it. */
  async findings(filter: FindingsFilter, window: TimeWindow): Promise<StoredFinding[]> {
    const state = filter.state ?? 'active';
    const path = withQuery('/api/findings', {
      device: filter.device,
      severity: filter.severity,
      active: state === 'all' ? undefined : String(state === 'active'),
      since: state === 'active' ? undefined : window.from,
      limit: 10_000,
    });
    return (await this.send({ method: 'GET', path })) as StoredFinding[];
  }

  async tunnelEvents(device: string | undefined, window: TimeWindow): Promise<TunnelEvent[]> {
    const path = withQuery('/api/tunnel-events', { device, from: window.from, to: window.to, limit: 10_000 });
    return (await this.send({ method: 'GET', path })) as TunnelEvent[];
  }

  /** Starts a live diagnosis (every device when none is named) and waits for its report. */
  async diagnose(devices: readonly string[], minSeverity?: Severity): Promise<DiagnosisRun> {
    const body = {
      ...(devices.length > 0 ? { devices } : { all: true }),
      ...(minSeverity ? { minSeverity } : {}),
    };
    let run = (await this.send({ method: 'POST', path: '/api/diagnose', body })) as DiagnosisRun;
    let waited = 0;
    while (run.status === 'running') {
      if (waited >= this.polling.timeoutMs)
        throw new Error(`diagnosis ${run.id} still running after ${waited / 1000} s (step: ${run.step})`);
      await this.polling.sleep(this.polling.intervalMs);
      waited += this.polling.intervalMs;
      run = (await this.send({ method: 'GET', path: `/api/diagnose/${run.id}` })) as DiagnosisRun;
    }
    if (run.status === 'failed') throw new Error(`diagnosis failed: ${run.error ?? run.step}`);
    return run;
  }
}
