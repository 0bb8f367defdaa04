// The server's own metrics (polls, their durations and errors, tunnel events, store backlog, active findings,
// diagnosis runs, HTTP requests) beside the network's latest state, for Prometheus at /metrics.

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeviceSnapshot } from '../model/snapshot.js';
import type { StateStore } from '../storage/state-store.js';
import type { EventBus } from './event-bus.js';
import { StateMetrics } from './state-metrics.js';

export interface MetricsSources {
  bus: EventBus;
  state: StateStore;
  /** Batches waiting for the time-series store (the disk spool); 0 for a local store. */
  backlog: () => number;
  /** The latest snapshots stored when the server starts. */
  snapshots: readonly DeviceSnapshot[];
}

export class ApiMetrics {
  readonly registry = new Registry();
  readonly network = new StateMetrics();
  private readonly stops: (() => void)[] = [];
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly openStreams: Gauge;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'dmvpn_watch_' });
    const polls = new Counter({
      name: 'dmvpn_watch_polls_total',
      help: 'Device polls finished, by result',
      labelNames: ['result'],
      registers,
    });
    const pollErrors = new Counter({
      name: 'dmvpn_watch_poll_errors_total',
      help: 'Errors of device polls, by collector',
      labelNames: ['collector'],
      registers,
    });
    const pollSeconds = new Histogram({
      name: 'dmvpn_watch_poll_duration_seconds',
      help: 'Time the SSH commands of one device poll took',
      buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120],
      registers,
    });
    const events = new Counter({
      name: 'dmvpn_watch_tunnel_events_total',
      help: 'Tunnel state edges seen, by source',
      labelNames: ['source'],
      registers,
    });
    const runs = new Counter({
      name: 'dmvpn_watch_diagnosis_runs_total',
      help: 'On-demand diagnosis runs finished, by status',
      labelNames: ['status'],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'dmvpn_watch_http_requests_total',
      help: 'API requests, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.openStreams = new Gauge({
      name: 'dmvpn_watch_open_streams',
      help: 'Clients reading /api/events',
      registers,
    });
    new Gauge({
      name: 'dmvpn_watch_store_backlog_batches',
      help: 'Sample batches waiting for the time-series store (spooled to disk)',
      registers,
      collect() {
        this.set(sources.backlog());
      },
    });
    new Gauge({
      name: 'dmvpn_watch_active_findings',
      help: 'Active findings, by severity',
      labelNames: ['severity'],
      registers,
      collect() {
        this.reset();
        for (const severity of ['critical', 'major', 'minor', 'info'] as const) this.set({ severity }, 0);
        for (const finding of sources.state.findings({ active: true }))
          this.inc({ severity: finding.severity });
      },
    });

    for (const snapshot of sources.snapshots) this.network.update(snapshot);
    this.stops.push(
      sources.bus.subscribe('poll', ({ snapshot, snmp }) => {
        this.network.update(snapshot);
        const failed = snapshot.errors.length > 0 || (snmp?.errors.length ?? 0) > 0;
        polls.inc({ result: failed ? 'failed' : 'ok' });
        if (snapshot.errors.length > 0) pollErrors.inc({ collector: 'ssh' }, snapshot.errors.length);
        if (snmp?.errors.length) pollErrors.inc({ collector: 'snmp' }, snmp.errors.length);
        const ms = snapshot.outputs.reduce((total, output) => total + output.durationMs, 0);
        if (snapshot.outputs.length > 0) pollSeconds.observe(ms / 1000);
      }),
      sources.bus.subscribe('tunnel-events', (batch) => {
        for (const event of batch) events.inc({ source: event.source });
      }),
      sources.bus.subscribe('run', (run) => {
        if (run.status !== 'running') runs.inc({ status: run.status });
      }),
    );
  }

  async render(): Promise<{ contentType: string; text: string }> {
    const own = await this.registry.metrics();
    return { contentType: this.registry.contentType, text: own + this.network.render() };
  }

  close(): void {
    for (const stop of this.stops) stop();
  }
}
