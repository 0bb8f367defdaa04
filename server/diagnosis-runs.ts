// On-demand diagnoses: of live devices (poll them now, then diagnose their latest snapshots and recent tunnel
// events, and record the findings) or of pasted router output (offline, no router touched). Each run has an id;
// its progress goes to the bus and stays readable until it is among the oldest of many.

import { randomUUID } from 'node:crypto';
import { diagnose, snapshotsFromText, type DiagnosisReport } from '../diagnosis/index.js';
import type { Severity } from '../model/finding.js';
import type { DeviceSnapshot } from '../model/snapshot.js';
import type { StateStore } from '../storage/state-store.js';
import type { EventBus, RunProgress } from './event-bus.js';
import { HttpError } from './http-error.js';

export interface DiagnosisRun {
  id: string;
  kind: 'live' | 'offline';
  status: RunProgress['status'];
  step: string;
  devices: string[];
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
  report: DiagnosisReport | null;
}

export interface Poller {
  pollNow(device: string): Promise<void>;
}

/** How far back the tunnel events given to a live diagnosis go: past the flap detector's windows. */
const EVENT_HISTORY_MS = 60 * 60_000;
const KEPT_RUNS = 200;
const SEVERITIES: readonly Severity[] = ['critical', 'major', 'minor', 'info'];

function atLeast(report: DiagnosisReport, minSeverity: Severity | undefined): DiagnosisReport {
  if (!minSeverity) return report;
  const limit = SEVERITIES.indexOf(minSeverity);
  return { ...report, findings: report.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= limit) };
}

export class DiagnosisRuns {
  private readonly runs = new Map<string, DiagnosisRun>();

  constructor(
    private readonly state: StateStore,
    private readonly bus: EventBus,
    private readonly poller: Poller | null,
    private readonly clock: () => number = Date.now,
  ) {}

  get(id: string): DiagnosisRun | undefined {
    return this.runs.get(id);
  }

  /** Diagnoses pasted output at once; nothing is recorded, since the text may come from any network. */
  offline(text: string, fallbackDevice: string, minSeverity?: Severity): DiagnosisRun {
    const now = this.clock();
    const snapshots = snapshotsFromText(text, fallbackDevice, now);
    if (snapshots.every((snapshot) => snapshot.outputs.length === 0))
      throw new HttpError(
        400,
        'no router output this release can read: paste show commands with their prompts (hub1#show dmvpn) ' +
          'or the output of one show command',
        'body.text',
      );
    const run = this.create(
      'offline',
      snapshots.map((snapshot) => snapshot.device),
    );
    this.finish(run, diagnose({ snapshots }, { now, ...(minSeverity ? { minSeverity } : {}) }));
    return run;
  }

  /** Starts a live run over known devices; it goes on in the background. */
  live(devices: string[], minSeverity?: Severity): DiagnosisRun {
    if (!this.poller)
      throw new HttpError(503, 'live diagnosis needs the collectors: this server runs without a watcher');
    const unknown = devices.filter((name) => !this.state.device(name));
    if (unknown.length > 0)
      throw new HttpError(
        404,
        `no device named ${unknown.map((name) => `"${name}"`).join(', ')}`,
        'body.devices',
      );
    const run = this.create('live', [...new Set(devices)]);
    void this.runLive(run, minSeverity);
    return run;
  }

  private create(kind: DiagnosisRun['kind'], devices: string[]): DiagnosisRun {
    const run: DiagnosisRun = {
      id: randomUUID(),
      kind,
      status: 'running',
      step: kind === 'live' ? `polling ${devices.length} devices` : 'diagnosing the pasted output',
      devices,
      startedAt: this.clock(),
      finishedAt: null,
      error: null,
      report: null,
    };
    this.runs.set(run.id, run);
    for (const old of this.runs.values()) {
      if (this.runs.size <= KEPT_RUNS) break;
      if (old.status !== 'running') this.runs.delete(old.id);
    }
    this.progress(run);
    return run;
  }

  private progress(run: DiagnosisRun): void {
    this.bus.publish('run', { id: run.id, status: run.status, step: run.step });
  }

  private finish(run: DiagnosisRun, report: DiagnosisReport): void {
    run.report = report;
    run.status = 'done';
    run.step = `${report.findings.length} findings`;
    run.finishedAt = this.clock();
    this.bus.publish('findings', { runId: run.id, findings: report.findings });
    this.progress(run);
  }

  private async runLive(run: DiagnosisRun, minSeverity?: Severity): Promise<void> {
    try {
      let polled = 0;
      const failures: string[] = [];
      await Promise.all(
        run.devices.map(async (device) => {
          try {
            await this.poller!.pollNow(device);
          } catch (error) {
            failures.push(`${device}: ${(error as Error).message}`);
          }
          polled += 1;
          run.step = `polled ${polled} of ${run.devices.length} devices`;
          this.progress(run);
        }),
      );
      run.step = `diagnosing ${run.devices.length} devices`;
      this.progress(run);
      const wanted = new Set(run.devices);
      // A spoke's tunnels have two ends: the hubs' tables go in too, as context.
      const hubs = this.state.devices().filter((device) => device.role === 'hub' && !wanted.has(device.name));
      const input = [...run.devices, ...hubs.map((hub) => hub.name)]
        .map((name) => this.state.latestSnapshot(name))
        .filter((snapshot): snapshot is DeviceSnapshot => snapshot !== null);
      const now = this.clock();
      const events = this.state
        .tunnelEvents({ from: now - EVENT_HISTORY_MS })
        .filter((event) => wanted.has(event.device));
      // Recorded in full: a finding left out of this report by minSeverity must not count as cleared.
      const report = diagnose({ snapshots: input, events }, { now });
      const polledDevices = new Set(input.map((snapshot) => snapshot.device));
      for (const device of run.devices) {
        // A device that never answered has no snapshot: no finding of it is news, and none should be cleared.
        if (!polledDevices.has(device)) continue;
        this.state.recordDiagnosis(
          device,
          report.findings.filter((finding) => finding.device === device),
          now,
        );
      }
      if (failures.length > 0) run.error = `polls failed: ${failures.join('; ')}`;
      this.finish(run, atLeast(report, minSeverity));
    } catch (error) {
      run.status = 'failed';
      run.error = (error as Error).message;
      run.step = 'failed';
      run.finishedAt = this.clock();
      this.progress(run);
    }
  }
}
