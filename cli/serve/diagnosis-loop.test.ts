// The diagnosis inside `serve`: the state store's snapshots diagnosed, findings recorded per device with their start
// kept and cleared when gone, `finding` samples written (active 0 for a cleared one), runs after polls.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../model/snapshot.js';
import { openStorage, type Storage } from '../../storage/open-storage.js';
import { labSnapshots } from '../../test/diagnosis-lab.js';
import { DiagnosisLoop, diagnoseNetwork, recordFindings } from './diagnosis-loop.js';

const T0 = 1_700_000_000_000;
const ROUTERS = ['hub1', 'spoke1', 'spoke2'];
const broken = labSnapshots({ fault: { id: 'nhrp-auth-mismatch', target: 'spoke1' }, routers: ROUTERS });
const healthy = labSnapshots({ routers: ROUTERS });

let directory: string;
let storage: Storage;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'diagnosis-loop-'));
  storage = openStorage({ kind: 'sqlite', path: join(directory, 'store.db'), retentionDays: 30 });
});

afterEach(async () => {
  await storage.close();
  rmSync(directory, { recursive: true, force: true });
});

function save(snapshots: DeviceSnapshot[], at: number): void {
  for (const snapshot of snapshots) storage.state.saveSnapshot({ ...snapshot, collectedAt: at });
}

describe('diagnoseNetwork and recordFindings', () => {
  it('keeps a finding active with its first start, then clears it with an active 0 sample', () => {
    save(broken, T0);
    const first = recordFindings(storage.state, diagnoseNetwork(storage.state, T0), T0);
    expect(first.raised.map((finding) => [finding.rule, finding.device])).toContainEqual([
      'nhrp-auth-mismatch',
      'spoke1',
    ]);
    expect(first.samples).toContainEqual({
      measurement: 'finding',
      tags: expect.objectContaining({ device: 'spoke1', role: 'spoke', rule: 'nhrp-auth-mismatch' }),
      fields: { active: 1, title: expect.any(String) },
      time: T0,
    });

    save(broken, T0 + 60_000);
    const again = recordFindings(storage.state, diagnoseNetwork(storage.state, T0 + 60_000), T0 + 60_000);
    expect(again.raised).toEqual([]);
    const kept = again.active.find((finding) => finding.rule === 'nhrp-auth-mismatch')!;
    expect(kept.lastSeen).toBe(T0 + 60_000);
    expect(kept.since).toBeLessThanOrEqual(T0);

    save(healthy, T0 + 120_000);
    const fixed = recordFindings(storage.state, diagnoseNetwork(storage.state, T0 + 120_000), T0 + 120_000);
    expect(fixed.active.filter((finding) => finding.severity !== 'info')).toEqual([]);
    expect(fixed.cleared.map((finding) => finding.rule)).toContain('nhrp-auth-mismatch');
    expect(fixed.samples).toContainEqual(
      expect.objectContaining({
        tags: expect.objectContaining({ device: 'spoke1', rule: 'nhrp-auth-mismatch' }),
        fields: expect.objectContaining({ active: 0 }),
      }),
    );
    expect(storage.state.findings({ active: true, device: 'spoke1', severity: 'critical' })).toEqual([]);
  });
});

describe('DiagnosisLoop', () => {
  it('diagnoses once every device has been polled and writes the findings to both stores', async () => {
    save(broken, Date.now());
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const loop = new DiagnosisLoop(storage.state, storage.timeSeries, log, {
      intervalSeconds: 3600,
      devices: ROUTERS.length,
    });
    for (const name of ROUTERS) loop.polled(name);
    while (!loop.latest()) await new Promise((resolve) => setTimeout(resolve, 10));
    await loop.stop();
    expect(loop.latest()!.findings[0]).toMatchObject({ rule: 'nhrp-auth-mismatch', device: 'spoke1' });
    expect(storage.state.findings({ active: true, device: 'spoke1' }).map((f) => f.rule)).toContain(
      'nhrp-auth-mismatch',
    );
    const samples = await storage.reader!.latest({ measurement: 'finding', tags: { device: 'spoke1' } });
    expect(samples.map((sample) => sample.tags.rule)).toContain('nhrp-auth-mismatch');
    const run = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'diagnosis');
    expect(run).toMatchObject({ devices: 3, engineMs: expect.any(Number), storeMs: expect.any(Number) });
  });
});
