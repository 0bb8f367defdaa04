// The life of each alert: pending until its condition has held `forSeconds`, then firing (each receiver told once,
// again every `repeatSeconds` if the receiver wants it), resolved once the condition has been gone
// `resolveAfterSeconds`. A silenced alert keeps firing without telling anyone; a receiver told it fired is told when
// it resolves.

import type { AlertRule, SilenceConfig } from './config.js';
import { isSilenced, type Condition, type Labels } from './conditions.js';

export interface AlertState {
  fingerprint: string;
  rule: string;
  labels: Labels;
  annotations: Record<string, string>;
  since: number;
  status: 'pending' | 'firing';
  firedAt: number | null;
  /** Receiver name to when it was last told the alert fires. */
  notified: Record<string, number>;
  /** When the condition stopped holding; null while it holds. */
  missingSince: number | null;
}

export interface AlertNotification {
  status: 'firing' | 'resolved';
  fingerprint: string;
  labels: Labels;
  annotations: Record<string, string>;
  startsAt: number;
  /** When it resolved; null while firing. */
  endsAt: number | null;
}

export interface Outgoing {
  receiver: string;
  notification: AlertNotification;
}

export interface BookSettings {
  rules: readonly AlertRule[];
  /** Every receiver, each with its repeat interval in milliseconds (0: never). */
  receivers: ReadonlyMap<string, number>;
  silences: readonly SilenceConfig[];
}

export class AlertBook {
  private readonly alerts = new Map<string, AlertState>();

  constructor(saved: readonly AlertState[] = []) {
    for (const alert of saved) this.alerts.set(alert.fingerprint, alert);
  }

  list(): AlertState[] {
    return [...this.alerts.values()];
  }

  /** Applies the conditions that hold at `now`; returns what to send. */
  evaluate(conditions: readonly Condition[], now: number, settings: BookSettings): Outgoing[] {
    const out: Outgoing[] = [];
    const rules = new Map(settings.rules.map((rule) => [rule.name, rule]));
    const holding = new Set<string>();
    for (const condition of conditions) {
      holding.add(condition.fingerprint);
      const alert = this.alerts.get(condition.fingerprint) ?? {
        fingerprint: condition.fingerprint,
        rule: condition.rule.name,
        labels: condition.labels,
        annotations: condition.annotations,
        since: condition.since,
        status: 'pending',
        firedAt: null,
        notified: {},
        missingSince: null,
      };
      alert.labels = condition.labels;
      alert.annotations = condition.annotations;
      alert.missingSince = null;
      this.alerts.set(alert.fingerprint, alert);
      if (alert.status === 'pending' && now - alert.since >= condition.rule.forSeconds * 1000) {
        alert.status = 'firing';
        alert.firedAt = now;
      }
      if (alert.status !== 'firing' || isSilenced(alert.labels, settings.silences, now)) continue;
      for (const receiver of condition.rule.receivers ?? settings.receivers.keys()) {
        const last = alert.notified[receiver];
        const repeatMs = settings.receivers.get(receiver) ?? 0;
        if (last !== undefined && (repeatMs === 0 || now - last < repeatMs)) continue;
        alert.notified[receiver] = now;
        out.push({ receiver, notification: this.notification(alert, 'firing', null) });
      }
    }
    for (const alert of this.alerts.values()) {
      if (holding.has(alert.fingerprint)) continue;
      if (alert.status === 'pending') {
        this.alerts.delete(alert.fingerprint);
        continue;
      }
      alert.missingSince ??= now;
      const resolveAfterMs = (rules.get(alert.rule)?.resolveAfterSeconds ?? 0) * 1000;
      if (now - alert.missingSince < resolveAfterMs) continue;
      for (const receiver of Object.keys(alert.notified))
        out.push({ receiver, notification: this.notification(alert, 'resolved', now) });
      this.alerts.delete(alert.fingerprint);
    }
    return out;
  }

  private notification(
    alert: AlertState,
    status: AlertNotification['status'],
    endsAt: number | null,
  ): AlertNotification {
    return {
      status,
      fingerprint: alert.fingerprint,
      labels: { ...alert.labels },
      annotations: { ...alert.annotations },
      startsAt: alert.since,
      endsAt,
    };
  }
}
