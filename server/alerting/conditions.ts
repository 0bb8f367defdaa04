// What the rules see right now: each active finding a rule matches, and each tunnel that went down often enough in a
// flap rule's window, as a candidate alert with its labels, annotations and the time its condition began.

import type { Finding, Severity, TunnelEvent } from '../../model/finding.js';
import type { AlertingConfig, AlertRule, SilenceConfig } from './config.js';

export type Labels = Record<string, string>;

export interface Condition {
  rule: AlertRule;
  /** Identifies the alert: the rule and what it is about. */
  fingerprint: string;
  labels: Labels;
  annotations: Record<string, string>;
  /** Milliseconds since the epoch when the condition began. */
  since: number;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, info: 3 };

const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

export function fingerprintOf(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
}

export class DeviceGroups {
  private readonly groups: [string, RegExp][];

  constructor(groups: AlertingConfig['deviceGroups']) {
    this.groups = Object.entries(groups).map(([name, pattern]) => [name, whole(pattern)]);
  }

  of(device: string): string[] {
    return this.groups.filter(([, pattern]) => pattern.test(device)).map(([name]) => name);
  }
}

function deviceMatches(rule: AlertRule, device: string, groups: DeviceGroups): boolean {
  if (rule.devices !== undefined && !whole(rule.devices).test(device)) return false;
  return rule.group === undefined || groups.of(device).includes(rule.group);
}

function labelsOf(
  rule: AlertRule,
  fields: { fault: string; severity: string; device: string; interface?: string; peer?: string },
  groups: DeviceGroups,
): Labels {
  const labels: Labels = { alertname: rule.name, fault: fields.fault, severity: fields.severity };
  labels.device = fields.device;
  if (fields.interface) labels.interface = fields.interface;
  if (fields.peer) labels.peer = fields.peer;
  const inGroups = groups.of(fields.device);
  if (inGroups.length > 0) labels.group = inGroups.join(',');
  return labels;
}

function findingConditions(rule: AlertRule, findings: readonly Finding[], groups: DeviceGroups): Condition[] {
  return findings
    .filter(
      (finding) =>
        (rule.minSeverity === undefined ||
          SEVERITY_RANK[finding.severity] <= SEVERITY_RANK[rule.minSeverity]) &&
        (rule.faults === undefined || rule.faults.includes(finding.rule)) &&
        deviceMatches(rule, finding.device, groups),
    )
    .map((finding) => {
      const labels = labelsOf(rule, { ...finding, fault: finding.rule }, groups);
      return {
        rule,
        fingerprint: fingerprintOf(labels),
        labels,
        annotations: {
          summary: `${finding.device}: ${finding.title}`,
          description: finding.explanation,
          remediation: finding.remediation,
          evidence: finding.evidence
            .map((line) => `${line.device}# ${line.command}: ${line.text}`)
            .join('\n'),
        },
        since: finding.since,
      };
    });
}

const isUp = (state: string): boolean => state === 'UP';

function flapConditions(
  rule: AlertRule,
  events: readonly TunnelEvent[],
  now: number,
  groups: DeviceGroups,
): Condition[] {
  const flaps = rule.flaps!;
  const from = now - flaps.windowSeconds * 1000;
  const downs = new Map<string, TunnelEvent[]>();
  for (const event of events) {
    if (event.at < from || event.at > now || !isUp(event.from) || isUp(event.to)) continue;
    if (!deviceMatches(rule, event.device, groups)) continue;
    const key = `${event.device}|${event.interface}|${event.peer}`;
    downs.set(key, [...(downs.get(key) ?? []), event]);
  }
  return [...downs.values()]
    .filter((list) => list.length >= flaps.count)
    .map((list) => {
      const first = list[0]!;
      const labels = labelsOf(rule, { fault: 'tunnel-flap', severity: flaps.severity, ...first }, groups);
      return {
        rule,
        fingerprint: fingerprintOf(labels),
        labels,
        annotations: {
          summary: `${first.device}: tunnel to ${first.peer} went down ${list.length} times in ${flaps.windowSeconds} s`,
          description: list
            .map(
              (event) => `${new Date(event.at).toISOString()} ${event.from} -> ${event.to} (${event.source})`,
            )
            .join('\n'),
        },
        since: first.at,
      };
    });
}

/** Every rule's conditions that hold now. */
export function currentConditions(
  rules: readonly AlertRule[],
  input: { findings: readonly Finding[]; events: readonly TunnelEvent[]; now: number },
  groups: DeviceGroups,
): Condition[] {
  return rules.flatMap((rule) =>
    rule.flaps
      ? flapConditions(rule, input.events, input.now, groups)
      : findingConditions(rule, input.findings, groups),
  );
}

/** The longest flap window of the rules, in milliseconds: how far back tunnel events are needed. */
export function flapHistoryMs(rules: readonly AlertRule[]): number {
  return Math.max(0, ...rules.map((rule) => (rule.flaps?.windowSeconds ?? 0) * 1000));
}

export function isSilenced(labels: Labels, silences: readonly SilenceConfig[], now: number): boolean {
  return silences.some(
    (silence) =>
      Date.parse(silence.startsAt) <= now &&
      now < Date.parse(silence.endsAt) &&
      Object.entries(silence.matchers).every(([name, pattern]) => whole(pattern).test(labels[name] ?? '')),
  );
}
