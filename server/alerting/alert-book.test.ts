// Alert rules and the life of an alert: matching by severity, fault, device regex and group; flaps counted in a
// window; time to trigger, dedupe, repeats, auto-resolve after a quiet period, and silences.

import { describe, expect, it } from 'vitest';
import type { Finding, TunnelEvent } from '../../model/finding.js';
import { AlertBook, type BookSettings } from './alert-book.js';
import { currentConditions, DeviceGroups } from './conditions.js';
import { alertingConfigSchema, type AlertingConfig } from './config.js';

const T0 = Date.parse('2026-11-25T10:00:00Z');

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'nhrp-auth-mismatch',
    severity: 'critical',
    layer: 'nhrp',
    device: 'spoke7',
    interface: 'Tunnel0',
    title: 'NHRP authentication mismatch',
    explanation: 'The hub drops the registrations of spoke7.',
    evidence: [{ device: 'hub1', command: 'show ip nhrp traffic', line: 4, text: 'Auth failures: 12' }],
    remediation: 'Set the same ip nhrp authentication string on both ends.',
    since: T0,
    ...overrides,
  };
}

function configured(input: unknown): AlertingConfig {
  return alertingConfigSchema.parse(input);
}

function run(
  config: AlertingConfig,
  book: AlertBook,
  input: { findings?: Finding[]; events?: TunnelEvent[] },
  now: number,
) {
  const settings: BookSettings = {
    rules: config.rules,
    receivers: new Map(config.receivers.map((r) => [r.name, (r.repeatSeconds ?? 0) * 1000])),
    silences: config.silences,
  };
  const conditions = currentConditions(
    config.rules,
    { findings: input.findings ?? [], events: input.events ?? [], now },
    new DeviceGroups(config.deviceGroups),
  );
  return book.evaluate(conditions, now, settings);
}

const receivers = [{ name: 'noc', kind: 'webhook', url: 'http://127.0.0.1:9/hook' }];

describe('alert rules', () => {
  it('match findings by severity, fault id, device regex and device group', () => {
    const config = configured({
      deviceGroups: { east: 'spoke[0-9]' },
      receivers,
      rules: [
        { name: 'major-up', minSeverity: 'major' },
        { name: 'auth', faults: ['nhrp-auth-mismatch'] },
        { name: 'hubs', devices: 'hub\\d+' },
        { name: 'east', group: 'east' },
      ],
    });
    const findings = [
      finding(),
      finding({ device: 'hub1', rule: 'nhs-down', severity: 'minor' }),
      finding({ device: 'spoke12', rule: 'mtu', severity: 'info' }),
    ];
    const fired = run(config, new AlertBook(), { findings }, T0);
    const pairs = fired
      .map((o) => `${o.notification.labels.alertname} ${o.notification.labels.device}`)
      .sort();
    expect(pairs).toEqual(['auth spoke7', 'east spoke7', 'hubs hub1', 'major-up spoke7']);
    expect(fired[0]!.notification.labels).toMatchObject({ fault: 'nhrp-auth-mismatch', group: 'east' });
    expect(fired[0]!.notification.annotations.remediation).toContain('authentication');
  });

  it('refuses a rule naming a receiver or a group that does not exist', () => {
    const checked = alertingConfigSchema.safeParse({
      rules: [{ name: 'x', receivers: ['nope'], group: 'g' }],
    });
    expect(checked.success).toBe(false);
    expect(checked.error!.issues.map((issue) => issue.message)).toEqual([
      'no receiver named "nope"',
      'no group named "g" in deviceGroups',
    ]);
  });

  it('count a tunnel going down in the flap window, and resolve once the window has passed', () => {
    const config = configured({
      receivers,
      rules: [{ name: 'flapping', flaps: { count: 3, windowSeconds: 600 } }],
    });
    const edge = (at: number, from: string, to: string): TunnelEvent => ({
      device: 'spoke12',
      interface: 'Tunnel0',
      peer: '203.0.113.1',
      from,
      to,
      at,
      source: 'syslog',
    });
    const events = [0, 1, 2].flatMap((i) => [
      edge(T0 + i * 120_000, 'UP', 'NHRP'),
      edge(T0 + i * 120_000 + 30_000, 'NHRP', 'UP'),
    ]);
    const book = new AlertBook();
    expect(run(config, book, { events: events.slice(0, 4) }, T0 + 300_000)).toEqual([]);
    const fired = run(config, book, { events }, T0 + 300_000);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.notification).toMatchObject({
      status: 'firing',
      labels: {
        alertname: 'flapping',
        fault: 'tunnel-flap',
        severity: 'major',
        device: 'spoke12',
        peer: '203.0.113.1',
      },
      startsAt: T0,
    });
    const resolved = run(config, book, { events }, T0 + 700_000);
    expect(resolved.map((o) => o.notification.status)).toEqual(['resolved']);
  });
});

describe('the life of an alert', () => {
  it('waits its time to trigger, fires once, and resolves after the quiet period', () => {
    const config = configured({
      receivers,
      rules: [{ name: 'auth', forSeconds: 60, resolveAfterSeconds: 30 }],
    });
    const book = new AlertBook();
    const now = T0 + 10_000;
    expect(run(config, book, { findings: [finding({ since: now })] }, now)).toEqual([]);
    expect(book.list()[0]!.status).toBe('pending');
    const fired = run(config, book, { findings: [finding({ since: now })] }, now + 60_000);
    expect(fired.map((o) => [o.receiver, o.notification.status])).toEqual([['noc', 'firing']]);
    expect(run(config, book, { findings: [finding({ since: now })] }, now + 90_000)).toEqual([]);
    expect(run(config, book, {}, now + 100_000)).toEqual([]);
    const resolved = run(config, book, {}, now + 130_000);
    expect(resolved[0]!.notification).toMatchObject({
      status: 'resolved',
      endsAt: now + 130_000,
      startsAt: now,
    });
    expect(book.list()).toEqual([]);
  });

  it('forgets a pending alert whose condition went away before it fired', () => {
    const config = configured({ receivers, rules: [{ name: 'auth', forSeconds: 60 }] });
    const book = new AlertBook();
    run(config, book, { findings: [finding()] }, T0 + 1000);
    expect(run(config, book, {}, T0 + 2000)).toEqual([]);
    expect(book.list()).toEqual([]);
  });

  it('repeats a firing alert to a receiver that asks for it', () => {
    const config = configured({
      receivers: [{ name: 'am', kind: 'alertmanager', url: 'http://127.0.0.1:9', repeatSeconds: 60 }],
      rules: [{ name: 'auth' }],
    });
    const book = new AlertBook();
    expect(run(config, book, { findings: [finding()] }, T0)).toHaveLength(1);
    expect(run(config, book, { findings: [finding()] }, T0 + 30_000)).toHaveLength(0);
    expect(run(config, book, { findings: [finding()] }, T0 + 60_000)).toHaveLength(1);
  });

  it('tells nobody during a maintenance window, then fires when it ends if the fault is still there', () => {
    const config = configured({
      receivers,
      rules: [{ name: 'auth' }],
      silences: [
        {
          matchers: { device: 'spoke[0-9]+', alertname: 'auth' },
          startsAt: '2026-11-25T09:00:00Z',
          endsAt: '2026-11-25T11:00:00Z',
          comment: 'branch router swap',
        },
      ],
    });
    const book = new AlertBook();
    expect(run(config, book, { findings: [finding()] }, T0)).toEqual([]);
    expect(book.list()[0]!.status).toBe('firing');
    const after = Date.parse('2026-11-25T11:00:00Z');
    expect(run(config, book, { findings: [finding()] }, after).map((o) => o.notification.status)).toEqual([
      'firing',
    ]);
  });

  it('does not send a resolve for an alert that was silenced all along', () => {
    const config = configured({
      receivers,
      rules: [{ name: 'auth' }],
      silences: [
        { matchers: { fault: '.*' }, startsAt: '2026-11-25T09:00:00Z', endsAt: '2026-11-25T12:00:00Z' },
      ],
    });
    const book = new AlertBook();
    run(config, book, { findings: [finding()] }, T0);
    expect(run(config, book, {}, T0 + 1000)).toEqual([]);
  });
});
