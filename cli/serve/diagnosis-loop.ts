// Diagnosis while watching: the latest snapshot of every device and the recent tunnel edges go through the engine,
// at most every `intervalSeconds` and only after new polls. Findings are kept per device in the state store (one
// keeps its start while it lasts, one no longer reported is cleared) and written as `finding` samples, the cleared
// ones with active 0 so that a dashboard sees them end.

import type { Logger } from 'pino';
import type { Inventory } from '../../collectors/inventory/load.js';
import type { WatchSinks } from '../../collectors/scheduler/watcher.js';
import { diagnose } from '../../diagnosis/index.js';
import { DEFAULT_FLAP_OPTIONS, type DiagnosisOptions, type DiagnosisReport } from '../../diagnosis/types.js';
import type { Finding } from '../../model/finding.js';
import type { Sample } from '../../model/sample.js';
import type { StateStore, StoredFinding } from '../../storage/state-store.js';
import type { TimeSeriesStore } from '../../storage/time-series-store.js';
import { DIAGNOSIS_EXTRA_COMMANDS } from '../diagnose-live.js';

/** The inventory with what the diagnosis reads beyond the standard poll added to every device's commands. */
export function withDiagnosisCommands(inventory: Inventory): Inventory {
  return {
    ...inventory,
    devices: inventory.devices.map((device) => ({
      ...device,
      extraCommands: [
        ...DIAGNOSIS_EXTRA_COMMANDS.filter((command) => !device.extraCommands.includes(command)),
        ...device.extraCommands,
      ],
    })),
  };
}

/** The snapshots and tunnel edges the state store holds now, diagnosed as of `now` (milliseconds since the epoch). */
export function diagnoseNetwork(
  state: StateStore,
  now: number,
  options: DiagnosisOptions = {},
): DiagnosisReport {
  const flap = { ...DEFAULT_FLAP_OPTIONS, ...options.flap };
  // The flap rules look back one window, and a flap is resolved only after a stable period: both are needed.
  const from = now - (flap.windowMinutes + flap.stableMinutes) * 60_000;
  return diagnose(
    { snapshots: state.latestSnapshots(), events: state.tunnelEvents({ from, to: now }) },
    { ...options, now },
  );
}

export interface RecordedFindings {
  /** The findings the report gives, now active in the store (with the `since` of their first report). */
  active: StoredFinding[];
  /** The findings of `active` that were not active before this report. */
  raised: StoredFinding[];
  /** The findings active before this report that it no longer gives. */
  cleared: StoredFinding[];
  /** `finding` samples (DESIGN.md's schema): active 1 for each finding given, 0 for each one cleared. */
  samples: Sample[];
}

function identity(finding: Finding): string {
  return [finding.rule, finding.device, finding.interface ?? '', finding.peer ?? ''].join('\u0000');
}

function findingSample(finding: Finding, role: string, active: 0 | 1, time: number): Sample {
  return {
    measurement: 'finding',
    tags: {
      device: finding.device,
      role,
      rule: finding.rule,
      severity: finding.severity,
      ...(finding.interface ? { interface: finding.interface } : {}),
      ...(finding.peer ? { peer: finding.peer } : {}),
    },
    fields: { active, title: finding.title },
    time,
  };
}

/** Records the report in the state store, device by device (every device diagnosed, with or without findings). */
export function recordFindings(state: StateStore, report: DiagnosisReport, at: number): RecordedFindings {
  const before = state.findings({ active: true });
  const byDevice = new Map<string, Finding[]>(report.devices.map((device) => [device.name, []]));
  for (const finding of report.findings) {
    const list = byDevice.get(finding.device) ?? [];
    list.push(finding);
    byDevice.set(finding.device, list);
  }
  for (const [device, findings] of byDevice) state.recordDiagnosis(device, findings, at);
  const after = state.findings({ active: true });
  const activeKeys = new Set(after.map(identity));
  const cleared = before.filter((finding) => !activeKeys.has(identity(finding)));
  const reported = new Set(report.findings.map(identity));
  const roles = new Map(state.devices().map((device) => [device.name, device.role as string]));
  for (const device of report.devices) if (!roles.has(device.name)) roles.set(device.name, device.role);
  const roleOf = (device: string): string => roles.get(device) ?? 'spoke';
  const active = after.filter((finding) => reported.has(identity(finding)));
  const beforeKeys = new Set(before.map(identity));
  return {
    active,
    raised: active.filter((finding) => !beforeKeys.has(identity(finding))),
    cleared,
    samples: [
      ...report.findings.map((finding) => findingSample(finding, roleOf(finding.device), 1, at)),
      ...cleared.map((finding) => findingSample(finding, roleOf(finding.device), 0, at)),
    ],
  };
}

export interface DiagnosisLoopSettings {
  intervalSeconds: number;
  /** Devices watched: the first diagnosis waits until each has been polled once, or one interval at most. */
  devices: number;
  /** Told of every diagnosis once its findings are recorded (the event stream, alerting). */
  onReport?: (report: DiagnosisReport) => void;
}

/**
 * Runs the diagnosis after polls, never more often than the interval, one run at a time. The engine runs in this
 * process: its cost (and the store's) is logged with every run.
 */
export class DiagnosisLoop {
  private readonly polledOnce = new Set<string>();
  private pending = false;
  private firstPollAt: number | null = null;
  private lastRunAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private report: DiagnosisReport | null = null;

  constructor(
    private readonly state: StateStore,
    private readonly timeSeries: TimeSeriesStore,
    private readonly log: Logger,
    private readonly settings: DiagnosisLoopSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The last diagnosis, ranked (the first finding is the most likely root cause); null before the first one. */
  latest(): DiagnosisReport | null {
    return this.report;
  }

  /** A device's poll is stored: a diagnosis is due within the interval. */
  polled(device: string): void {
    if (this.stopped) return;
    this.polledOnce.add(device);
    this.pending = true;
    this.firstPollAt ??= this.clock();
    if (this.lastRunAt === null && this.timer && this.polledOnce.size >= this.settings.devices) {
      // Every device is in: the first diagnosis need not wait for the rest of the interval.
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.running || !this.pending || this.stopped) return;
    const interval = this.settings.intervalSeconds * 1000;
    const now = this.clock();
    const dueAt =
      this.lastRunAt !== null
        ? this.lastRunAt + interval
        : this.polledOnce.size >= this.settings.devices
          ? now
          : this.firstPollAt! + interval;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.running = this.run().finally(() => {
          this.running = null;
          this.schedule();
        });
      },
      Math.max(0, dueAt - now),
    );
  }

  private async run(): Promise<void> {
    this.pending = false;
    const at = this.clock();
    this.lastRunAt = at;
    try {
      const started = performance.now();
      const report = diagnoseNetwork(this.state, at);
      const engineMs = performance.now() - started;
      this.report = report;
      const recorded = recordFindings(this.state, report, at);
      const storeMs = performance.now() - started - engineMs;
      await this.timeSeries.write(recorded.samples);
      this.settings.onReport?.(report);
      this.log.info(
        {
          devices: report.devices.length,
          findings: report.findings.length,
          cleared: recorded.cleared.length,
          engineMs: Math.round(engineMs),
          storeMs: Math.round(storeMs),
        },
        'diagnosis',
      );
      for (const { rule, severity, device, title } of recorded.raised)
        this.log.warn({ rule, severity, device, title }, 'finding');
      for (const { rule, device } of recorded.cleared) this.log.info({ rule, device }, 'finding cleared');
    } catch (error) {
      this.log.error({ err: error }, 'diagnosis failed');
    }
  }

  /** Cancels the next run and waits for the one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}

/** The watcher's sinks, with a diagnosis due after every poll that brought outputs. */
export function diagnosingAfterPolls(sinks: WatchSinks, loop: DiagnosisLoop): WatchSinks {
  return {
    ...sinks,
    async onPoll(poll) {
      await sinks.onPoll(poll);
      if (poll.snapshot.outputs.length > 0) loop.polled(poll.snapshot.device);
    },
  };
}
