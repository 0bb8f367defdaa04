// How a batch of alert notifications is written for each kind of receiver: a generic JSON webhook (shaped like
// Alertmanager's own webhook), a Slack-compatible incoming webhook, and the Alertmanager v2 API.

import type { AlertNotification } from './alert-book.js';

export type ReceiverKind = 'webhook' | 'slack' | 'alertmanager';

export interface Delivery {
  url: string;
  body: unknown;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function webhookBody(receiver: string, batch: readonly AlertNotification[]) {
  return {
    version: '1',
    receiver,
    status: batch.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
    alerts: batch.map((alert) => ({
      status: alert.status,
      fingerprint: alert.fingerprint,
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: iso(alert.startsAt),
      endsAt: alert.endsAt === null ? null : iso(alert.endsAt),
    })),
  };
}

function slackLine(alert: AlertNotification): string {
  const where = [alert.labels.device, alert.labels.interface, alert.labels.peer].filter(Boolean).join(' ');
  const head =
    alert.status === 'firing'
      ? `:rotating_light: *FIRING* [${alert.labels.severity}]`
      : ':white_check_mark: *RESOLVED*';
  const fix =
    alert.status === 'firing' && alert.annotations.remediation
      ? `\n> Fix: ${alert.annotations.remediation}`
      : '';
  return `${head} ${alert.labels.alertname}: ${alert.annotations.summary ?? where}${fix}`;
}

function alertmanagerBody(batch: readonly AlertNotification[]) {
  return batch.map((alert) => ({
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: iso(alert.startsAt),
    // A firing alert without endsAt stays firing for Alertmanager's resolve_timeout: repeats keep it alive.
    ...(alert.endsAt === null ? {} : { endsAt: iso(alert.endsAt) }),
  }));
}

export function deliveryFor(
  kind: ReceiverKind,
  receiver: string,
  url: string,
  batch: readonly AlertNotification[],
): Delivery {
  switch (kind) {
    case 'webhook':
      return { url, body: webhookBody(receiver, batch) };
    case 'slack':
      return { url, body: { text: batch.map(slackLine).join('\n') } };
    case 'alertmanager':
      return { url: `${url.replace(/\/+$/, '')}/api/v2/alerts`, body: alertmanagerBody(batch) };
  }
}

/** Posts the JSON body; throws with the status or network error when the receiver did not take it. */
export async function post(delivery: Delivery, timeoutMs: number): Promise<void> {
  const response = await fetch(delivery.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(delivery.body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Drained so the connection can be reused.
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}
