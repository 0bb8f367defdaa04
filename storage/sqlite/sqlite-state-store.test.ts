import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding, TunnelEvent } from '../../model/finding.js';
import type { DeviceSnapshot } from '../../model/snapshot.js';
import { SqliteStateStore } from './sqlite-state-store.js';

const T0 = Date.UTC(2026, 0, 10);

const snapshot = (device: string, collectedAt: number, raw: string): DeviceSnapshot => ({
  device,
  role: 'spoke',
  collectedAt,
  outputs: [
    {
      command: 'show dmvpn',
      raw,
      parsed: {
        command: 'show dmvpn',
        records: [{ kind: 'dmvpn_peer', line: 9, peerNbma: '192.0.2.1', state: 'UP', upDownSeconds: null }],
        warnings: [{ line: 3, text: 'odd', reason: 'unknown header' }],
      },
      collectedAt,
      durationMs: 120,
    },
  ],
  errors: [{ command: 'show ip nhrp nhs detail', message: 'timed out' }],
});

const event = (to: string, at: number, source: TunnelEvent['source']): TunnelEvent => ({
  device: 'spoke7',
  interface: 'Tunnel0',
  peer: '10.0.0.1',
  from: to === 'DOWN' ? 'UP' : 'DOWN',
  to,
  at,
  source,
});

const finding = (rule: string, since: number, extra: Partial<Finding> = {}): Finding => ({
  rule,
  severity: 'major',
  layer: 'nhrp',
  device: 'spoke7',
  interface: 'Tunnel0',
  peer: '10.0.0.1',
  title: `${rule} title`,
  explanation: 'why',
  evidence: [{ device: 'spoke7', command: 'show ip nhrp nhs detail', line: 4, text: '10.0.0.1 RE ...' }],
  remediation: 'fix',
  since,
  ...extra,
});

describe('SqliteStateStore', () => {
  let dir: string;
  let store: SqliteStateStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'state-store-'));
    store = new SqliteStateStore(join(dir, 'state.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps devices, updating one by name', () => {
    store.upsertDevice({ name: 'spoke7', role: 'spoke', address: '198.51.100.7' });
    store.upsertDevice({ name: 'hub1', role: 'hub', address: null });
    store.upsertDevice({ name: 'spoke7', role: 'spoke', address: '198.51.100.70' });
    expect(store.devices()).toEqual([
      { name: 'hub1', role: 'hub', address: null },
      { name: 'spoke7', role: 'spoke', address: '198.51.100.70' },
    ]);
    store.removeDevice('hub1');
    expect(store.device('hub1')).toBeNull();
  });

  it('round-trips the latest snapshot of each device and ignores an older one arriving late', () => {
    const newer = snapshot(
      'spoke7',
      T0 + 60_000,
      'Interface: Tunnel0\n  1 192.0.2.1  10.0.0.1  UP 00:01:00 S\n',
    );
    store.saveSnapshot(snapshot('spoke7', T0, 'old'));
    store.saveSnapshot(newer);
    store.saveSnapshot(snapshot('spoke7', T0 + 30_000, 'late'));
    store.saveSnapshot(snapshot('spoke8', T0, 'other'));
    expect(store.latestSnapshot('spoke7')).toEqual(newer);
    expect(store.latestSnapshots().map((s) => s.device)).toEqual(['spoke7', 'spoke8']);
    expect(store.latestSnapshot('nope')).toBeNull();
  });

  it('stores a tunnel event once however often it is reported', () => {
    expect(store.addTunnelEvents([event('DOWN', T0, 'syslog'), event('UP', T0 + 5_000, 'syslog')])).toBe(2);
    // The same edge at the same time from another source, and a repeat of the whole batch.
    expect(store.addTunnelEvents([event('DOWN', T0, 'trap'), event('UP', T0 + 5_000, 'syslog')])).toBe(0);
    expect(store.addTunnelEvents([event('DOWN', T0 + 9_000, 'poll')])).toBe(1);
    expect(store.tunnelEvents().map((e) => [e.to, e.at, e.source])).toEqual([
      ['DOWN', T0, 'syslog'],
      ['UP', T0 + 5_000, 'syslog'],
      ['DOWN', T0 + 9_000, 'poll'],
    ]);
    expect(store.tunnelEvents({ device: 'spoke7', from: T0 + 1, to: T0 + 6_000 })).toEqual([
      event('UP', T0 + 5_000, 'syslog'),
    ]);
    expect(store.tunnelEvents({ limit: 2 }).map((e) => e.at)).toEqual([T0 + 5_000, T0 + 9_000]);
    expect(store.tunnelEvents({ peer: '10.0.0.9' })).toEqual([]);
  });

  it('keeps findings active while diagnoses report them and clears the ones no longer reported', () => {
    store.recordDiagnosis('spoke7', [finding('nhs-down', T0), finding('ike-mismatch', T0)], T0);
    store.recordDiagnosis(
      'spoke7',
      [finding('nhs-down', T0 + 60_000, { severity: 'critical' })],
      T0 + 60_000,
    );

    const active = store.findings({ device: 'spoke7', active: true });
    expect(active).toEqual([
      { ...finding('nhs-down', T0, { severity: 'critical' }), lastSeen: T0 + 60_000, clearedAt: null },
    ]);
    expect(store.findings({ severity: 'critical' })).toHaveLength(1);
    expect(store.findings({ layer: 'ike' })).toEqual([]);
    const cleared = store.findings({ active: false });
    expect(cleared.map((f) => [f.rule, f.clearedAt])).toEqual([['ike-mismatch', T0 + 60_000]]);

    // A fault that comes back is a new finding with its own start.
    store.recordDiagnosis(
      'spoke7',
      [finding('nhs-down', T0), finding('ike-mismatch', T0 + 120_000)],
      T0 + 120_000,
    );
    expect(store.findings({ active: true }).map((f) => [f.rule, f.since])).toEqual([
      ['nhs-down', T0],
      ['ike-mismatch', T0 + 120_000],
    ]);
  });

  it('keeps its state across a reopen', () => {
    store.saveSnapshot(snapshot('spoke7', T0, 'x'));
    store.addTunnelEvents([event('DOWN', T0, 'trap')]);
    store.close();
    store = new SqliteStateStore(join(dir, 'state.db'));
    expect(store.latestSnapshot('spoke7')?.collectedAt).toBe(T0);
    expect(store.tunnelEvents()).toHaveLength(1);
  });
});
