// A device's page: its summary, its active findings, a timeline of its tunnel flaps, and the parsed tables of its
// latest poll (one table per command, a column per record field).

import { api } from './api.js';
import { h, time } from './dom.js';
import { findingCard, sortFindings } from './findings.js';
import { STATE_COLOURS } from './map.js';
import type { DeviceSummary, Snapshot, StoredFinding, TunnelEvent } from './types.js';

const TIMELINE_HOURS = 24;
const SVG = 'http://www.w3.org/2000/svg';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function recordTable(records: readonly Record<string, unknown>[]): HTMLElement {
  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))].filter(
    (key) => key !== 'kind',
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...columns.map((column) => h('th', {}, column)))),
      h(
        'tbody',
        {},
        ...records.map((record) =>
          h('tr', {}, ...columns.map((column) => h('td', {}, cell(record[column])))),
        ),
      ),
    ),
  );
}

/** One row per tunnel (interface and peer): its state over the window, a coloured band per state. */
function flapTimeline(events: readonly TunnelEvent[], from: number, to: number): HTMLElement {
  const tunnels = new Map<string, TunnelEvent[]>();
  for (const event of events) {
    const key = event.peer ? `${event.interface} → ${event.peer}` : `${event.interface} (interface)`;
    tunnels.set(key, [...(tunnels.get(key) ?? []), event]);
  }
  if (tunnels.size === 0)
    return h('p', { class: 'empty' }, `No tunnel changed state in the last ${TIMELINE_HOURS} h.`);
  const width = 600;
  const row = 22;
  const label = 170;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${tunnels.size * row + 18}`);
  svg.setAttribute('class', 'timeline');
  const x = (at: number) => label + ((at - from) / (to - from)) * (width - label - 4);
  const add = (tag: string, attributes: Record<string, string | number>, text?: string) => {
    const element = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
    if (text) element.textContent = text;
    svg.append(element);
    return element;
  };
  [...tunnels].forEach(([key, list], index) => {
    const y = index * row;
    add('text', { x: 0, y: y + 14, class: 'timeline-label' }, key);
    let state = list[0]!.from;
    let since = from;
    for (const event of [...list, null]) {
      const until = event ? Math.max(from, event.at) : to;
      const band = add('rect', {
        x: x(since),
        y: y + 3,
        width: Math.max(1, x(until) - x(since)),
        height: row - 8,
        fill: STATE_COLOURS[state] ?? '#8c8c8c',
      });
      band.append(
        Object.assign(document.createElementNS(SVG, 'title'), {
          textContent: `${state} from ${time(since)}`,
        }),
      );
      if (event) {
        state = event.to;
        since = until;
      }
    }
  });
  add('text', { x: label, y: tunnels.size * row + 14, class: 'timeline-label' }, time(from));
  add('text', { x: width - 30, y: tunnels.size * row + 14, class: 'timeline-label' }, 'now');
  const flaps = events.filter((event) => event.from === 'UP' && event.to !== 'UP').length;
  const wrap = h('div', {}, h('p', { class: 'meta' }, `${events.length} state changes, ${flaps} went down`));
  wrap.append(svg);
  wrap.append(
    h(
      'details',
      {},
      h('summary', {}, 'Events'),
      h(
        'pre',
        { class: 'evidence' },
        events
          .slice(-200)
          .map(
            (event) =>
              `${time(event.at)}  ${event.interface} ${event.peer}  ${event.from} → ${event.to}  (${event.source})`,
          )
          .join('\n'),
      ),
    ),
  );
  return wrap;
}

/** The timeline starts a little before the first change, showing at least the last hour and at most a day. */
function timelineStart(events: readonly TunnelEvent[], now: number): number {
  const first = events[0]?.at ?? now;
  return Math.max(now - TIMELINE_HOURS * 3_600_000, Math.min(now - 3_600_000, first - (now - first) * 0.05));
}

export async function renderDevice(
  container: HTMLElement,
  name: string,
  onDevice: (device: string) => void,
): Promise<void> {
  container.replaceChildren(h('p', {}, `Loading ${name}…`));
  const now = Date.now();
  const path = encodeURIComponent(name);
  const [device, snapshot, events, findings] = await Promise.all([
    api<DeviceSummary>(`/api/devices/${path}`),
    api<Snapshot>(`/api/devices/${path}/snapshot`).catch(() => null),
    api<TunnelEvent[]>(
      `/api/tunnel-events?device=${path}&from=${now - TIMELINE_HOURS * 3_600_000}&limit=10000`,
    ),
    api<StoredFinding[]>(`/api/findings?device=${path}&active=true`),
  ]);
  container.replaceChildren(
    h('h2', {}, `${device.name} `, h('span', { class: 'role' }, device.role)),
    h(
      'p',
      { class: 'meta' },
      `Address ${device.address ?? '—'} · last poll ${device.collectedAt ? time(device.collectedAt) : 'never'}`,
      device.errors.length > 0 ? ` · errors: ${device.errors.map((e) => e.message).join('; ')}` : '',
    ),
    h('h3', {}, `Active findings (${findings.length})`),
    findings.length === 0
      ? h('p', { class: 'empty' }, 'None.')
      : h(
          'div',
          { class: 'findings' },
          ...sortFindings(findings).map((finding) => findingCard(finding, onDevice)),
        ),
    h('h3', {}, `Tunnel flaps (last ${TIMELINE_HOURS} h)`),
    flapTimeline(events, timelineStart(events, now), now),
    h('h3', {}, 'Parsed tables'),
    snapshot
      ? h(
          'div',
          { class: 'tables' },
          ...snapshot.outputs.map((output) =>
            h(
              'details',
              output.command.startsWith('show dmvpn') ? { open: '' } : {},
              h('summary', {}, `${output.command} (${output.records.length} records)`),
              output.records.length > 0
                ? recordTable(output.records)
                : h('p', { class: 'empty' }, 'No records.'),
              output.warnings.length > 0
                ? h('p', { class: 'meta' }, `${output.warnings.length} lines not understood`)
                : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'Not polled yet.'),
  );
}
