// The page: the topology map beside the active findings, the alerts, a device page and the diagnosis panel, kept
// current by the event stream (tunnel edges recolour the map at once; polls and findings bring a fresh topology,
// findings and alerts).

import { fetchAlerts, renderAlerts } from './alerts.js';
import {
  adoptTokenFromFragment,
  api,
  followEvents,
  forgetToken,
  setToken,
  token,
  Unauthorized,
} from './api.js';
import { renderDevice } from './device.js';
import { DiagnosePanel } from './diagnose.js';
import { byId, h } from './dom.js';
import { renderFindings } from './findings.js';
import { STATE_COLOURS, TopologyMap } from './map.js';
import type { StoredFinding, Topology, TunnelEvent } from './types.js';

/** At most one refresh of the topology and findings in this window, however many events arrive: longer on a
 * large network, whose polls arrive many a second. */
const refreshMs = (): number => Math.max(2000, (map?.cy.nodes().length ?? 0) * 5);
/** A wall screen stays current even when the stream misses something (findings of the background diagnosis). */
const FULL_REFRESH_MS = 30_000;

const views = ['findings', 'alerts', 'diagnose', 'device'] as const;
type View = (typeof views)[number];

let map: TopologyMap;
let diagnosePanel: DiagnosePanel;
let findings: StoredFinding[] = [];
let openDevice: string | null = null;
let refreshTimer: number | null = null;

function askToken(message = ''): Promise<void> {
  const dialog = byId<HTMLDialogElement>('token-dialog');
  byId('token-error').textContent = message;
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        setToken(byId<HTMLInputElement>('token-input').value.trim());
        resolve();
      },
      { once: true },
    );
  });
}

async function unauthorized(): Promise<void> {
  forgetToken();
  await askToken('That token was refused; enter a valid one.');
  location.reload();
}

function showCounts(): void {
  const { up, down, total } = map.counts();
  const devices = map.cy.nodes().not('.group').length;
  byId('counts').replaceChildren(
    h('span', {}, `${devices} devices`),
    h('span', { class: 'ok' }, `${up} tunnels up`),
    h('span', { class: down > 0 ? 'bad' : 'ok', id: 'tunnels-down' }, `${down} not up`),
    h('span', {}, `of ${total}`),
  );
  byId('findings-count').textContent = findings.length > 0 ? `(${findings.length})` : '';
}

const goDevice = (device: string): void => {
  location.hash = `#/device/${encodeURIComponent(device)}`;
};

async function refresh(): Promise<void> {
  try {
    const [topology, active, alerts] = await Promise.all([
      api<Topology>('/api/topology'),
      api<StoredFinding[]>('/api/findings?active=true'),
      fetchAlerts(),
    ]);
    byId('alerts-tab').hidden = alerts === null;
    if (alerts) {
      renderAlerts(byId('alerts-view'), alerts);
      const firing = alerts.alerts.filter((alert) => alert.status === 'firing' && !alert.silenced).length;
      byId('alerts-count').textContent = firing > 0 ? `(${firing})` : '';
    }
    findings = active;
    map.render(topology);
    map.markFindings(findings);
    renderFindings(byId('findings-view'), findings, goDevice);
    if (openDevice) await renderDevice(byId('device-view'), openDevice, goDevice);
    showCounts();
  } catch (error) {
    if (error instanceof Unauthorized) return unauthorized();
    console.error(error);
  }
}

function refreshSoon(): void {
  if (refreshTimer !== null) return;
  refreshTimer = window.setTimeout(() => {
    refreshTimer = null;
    void refresh();
  }, refreshMs());
}

function route(): void {
  const [, view = 'findings', name] = /^#\/([a-z]+)\/?(.*)$/.exec(location.hash) ?? [];
  const current: View = (views as readonly string[]).includes(view) ? (view as View) : 'findings';
  for (const candidate of views) byId(`${candidate}-view`).hidden = candidate !== current;
  document.querySelectorAll('nav a').forEach((link) => {
    link.classList.toggle('active', link.getAttribute('data-tab') === current);
  });
  openDevice = current === 'device' && name ? decodeURIComponent(name) : null;
  if (current === 'device') {
    if (!openDevice) {
      byId('device-view').replaceChildren(h('p', { class: 'empty' }, 'Click a device on the map.'));
      return;
    }
    map.focus(openDevice);
    byId('device-tab').setAttribute('href', `#/device/${encodeURIComponent(openDevice)}`);
    renderDevice(byId('device-view'), openDevice, goDevice).catch((error: unknown) => {
      if (error instanceof Unauthorized) return unauthorized();
      byId('device-view').replaceChildren(h('p', { class: 'error' }, (error as Error).message));
    });
  }
}

function legend(): void {
  byId('legend').replaceChildren(
    ...['UP', 'NHRP', 'IKE', 'DOWN'].map((state) =>
      h(
        'span',
        {},
        h('i', { style: `background:${STATE_COLOURS[state]}` }),
        state === 'IKE' ? 'IKE / IPSEC' : state === 'DOWN' ? 'DOWN / INTF' : state,
      ),
    ),
    h('span', {}, h('i', { class: 'dashed' }), 'spoke to spoke'),
  );
}

async function main(): Promise<void> {
  adoptTokenFromFragment();
  if (!token()) await askToken();
  map = new TopologyMap(byId('map'), goDevice);
  // For a console (and the browser tests): the map and its graph.
  (window as unknown as { dmvpnWatch: unknown }).dmvpnWatch = { map, cy: map.cy };
  diagnosePanel = new DiagnosePanel(byId('diagnose-view'), goDevice);
  legend();
  const search = byId<HTMLInputElement>('search');
  search.addEventListener('input', () => map.search(search.value));
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && map.search(search.value) === 1) {
      const found = map.cy.nodes('.match').first();
      goDevice(found.data('device') as string);
    }
  });
  byId<HTMLInputElement>('group-by-hub').addEventListener('change', (event) =>
    map.group((event.target as HTMLInputElement).checked),
  );
  byId('fit').addEventListener('click', () => map.fit());
  window.addEventListener('hashchange', route);
  await refresh();
  route();
  setInterval(refreshSoon, FULL_REFRESH_MS);
  const status = byId('stream-status');
  void followEvents('tunnel-event,findings,run,poll', {
    onStatus(connected) {
      status.textContent = connected ? 'live' : 'reconnecting';
      status.className = `status ${connected ? 'on' : 'off'}`;
      if (connected) refreshSoon();
    },
    onUnauthorized: () => void unauthorized(),
    onEvent(type, data) {
      if (type === 'tunnel-event') {
        if (map.applyTunnelEvent(data as TunnelEvent)) showCounts();
        refreshSoon();
      } else if (type === 'run') {
        diagnosePanel.onRun(data as { id: string; status: string; step: string });
      } else refreshSoon();
    },
  });
}

void main();
