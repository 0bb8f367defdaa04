// The alerts the server's alerting holds (GET /api/alerts): firing and pending ones, the silences in force, and the
// receivers still owed notifications. A server without alerting answers 404: the tab stays hidden.

import { api, ApiError } from './api.js';
import { h, time } from './dom.js';

export interface AlertsOverview {
  alerts: {
    rule: string;
    status: 'pending' | 'firing';
    labels: Record<string, string>;
    annotations: Record<string, string>;
    since: number;
    firedAt: number | null;
    silenced: boolean;
  }[];
  silences: { matchers: Record<string, string>; startsAt: string; endsAt: string; comment?: string }[];
  receivers: { name: string; pending: number; lastError: string | null }[];
}

export async function fetchAlerts(): Promise<AlertsOverview | null> {
  try {
    return await api<AlertsOverview>('/api/alerts');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function renderAlerts(container: HTMLElement, overview: AlertsOverview): void {
  const firing = overview.alerts.filter((alert) => alert.status === 'firing');
  const pending = overview.alerts.filter((alert) => alert.status === 'pending');
  const row = (alert: AlertsOverview['alerts'][number]) =>
    h(
      'article',
      {
        class: `finding ${alert.labels.severity ?? 'info'}`,
        'data-alert': alert.rule,
        'data-device': alert.labels.device ?? '',
      },
      h(
        'header',
        {},
        h(
          'span',
          { class: `badge ${alert.labels.severity ?? 'info'}` },
          alert.silenced ? 'silenced' : alert.status,
        ),
        h('strong', {}, `${alert.rule}: ${alert.annotations.summary ?? ''}`),
      ),
      h(
        'p',
        { class: 'meta' },
        Object.entries(alert.labels)
          .map(([name, value]) => `${name}=${value}`)
          .join(' '),
        ` · since ${time(alert.since)}`,
        alert.firedAt ? ` · fired ${time(alert.firedAt)}` : '',
      ),
    );
  container.replaceChildren(
    h('h2', {}, `Firing (${firing.length})`),
    firing.length === 0 ? h('p', { class: 'empty' }, 'Nothing firing.') : h('div', {}, ...firing.map(row)),
    pending.length > 0 ? h('h2', {}, `Pending (${pending.length})`) : '',
    ...pending.map(row),
    h('h2', {}, 'Receivers'),
    h(
      'ul',
      {},
      ...overview.receivers.map((receiver) =>
        h(
          'li',
          { class: receiver.lastError ? 'error' : '' },
          `${receiver.name}: ${receiver.pending} waiting`,
          receiver.lastError ? ` (last error: ${receiver.lastError})` : '',
        ),
      ),
    ),
    overview.silences.length > 0 ? h('h2', {}, 'Silences in force') : '',
    ...overview.silences.map((silence) =>
      h(
        'p',
        { class: 'meta' },
        `${Object.entries(silence.matchers)
          .map(([name, value]) => `${name}=~${value}`)
          .join(
            ' ',
          )} until ${time(Date.parse(silence.endsAt))}${silence.comment ? ` — ${silence.comment}` : ''}`,
      ),
    ),
  );
}
