// Assembles what one router shows at one second from the pairs it belongs to (a spoke's NHS entries, a hub's
// spokes), its spoke-to-spoke tunnels and its interfaces. Pair histories are computed once and shared, so a whole
// network costs one pass over its pairs.

import type { RouterConfig, TunnelInterfaceConfig } from '../model/config.js';
import type { LabNetwork } from '../model/network.js';
import type { DmvpnTunnelView, NhrpTrafficView, RouterState, RoutingNeighborView } from '../model/state.js';
import { compareAddresses } from './address.js';
import { packetTotals, registrationCounts, registrationTotals } from './counters.js';
import { holdDown, ifStateLine } from './if-state.js';
import { interfaceLogs, interfaceViews } from './interfaces.js';
import type { LogEntry } from './logs.js';
import { logBuffer } from './logs.js';
import { runsNhrp } from './nhrp.js';
import { pairLogs } from './pair-logs.js';
import { protocolStats } from './protocol-stats.js';
import type { SideView } from './pair-views.js';
import { PairReader } from './pair-views.js';
import { pairRouting } from './routing.js';
import type { Shortcut, ShortcutSide } from './shortcuts.js';
import { partnerOf, shortcutBetween } from './shortcuts.js';
import type { PairHistory } from './history.js';
import { playPair } from './timeline.js';
import { LOG_BUFFER } from './timing.js';
import type { SpokeHubPair, Topology } from './topology.js';
import { maxSendOf, maxSendUsage } from './storm.js';
import type { Lives } from './underlay.js';
import { NetworkCache } from './network-cache.js';

/** The NHRP packet counters `show ip nhrp traffic` prints, sent and received, keyed as the parser keys them. */
const TRAFFIC_COUNTERS = [
  'res_req',
  'res_reply',
  'reg_req',
  'reg_reply',
  'purge_req',
  'purge_reply',
  'err_ind',
  'traffic_ind',
  'redirect_supp',
];
const TRAFFIC_KEYS = TRAFFIC_COUNTERS.map((name) => [`${name}_sent`, `${name}_rcvd`] as const);

function emptyState(router: RouterConfig, at: number, uptime: number, clockStartMs?: number): RouterState {
  return {
    hostname: router.hostname,
    role: router.role,
    atSeconds: at,
    uptimeSeconds: uptime,
    ...(clockStartMs === undefined ? {} : { clockStartMs }),
    interfaces: [],
    dmvpn: [],
    nhrpCache: [],
    nhs: [],
    nhrpTraffic: [],
    ikeSas: [],
    ipsecSas: [],
    cryptoSessions: [],
    routingNeighbors: [],
    logs: [],
  };
}

function trafficView(
  tunnel: TunnelInterfaceConfig,
  counts: Record<string, number>,
  sentInInterval: number,
): NhrpTrafficView {
  const counters: Record<string, number> = {};
  let sent = 0;
  let rcvd = 0;
  for (const [sentKey, rcvdKey] of TRAFFIC_KEYS) {
    const s = counts[sentKey] ?? 0;
    const r = counts[rcvdKey] ?? 0;
    counters[sentKey] = s;
    counters[rcvdKey] = r;
    sent += s;
    rcvd += r;
  }
  counters.total_sent = sent;
  counters.total_rcvd = rcvd;
  return {
    interface: tunnel.name,
    maxSendPackets: maxSendOf(tunnel).packets,
    maxSendIntervalSeconds: maxSendOf(tunnel).everySeconds,
    usagePercent: maxSendUsage(sentInInterval, tunnel),
    counters,
  };
}

/** A pair's log entries in lab seconds: a shortened periodic history keeps only its repeating part, moved forward. */
function shifted(entries: LogEntry[], history: PairHistory): LogEntry[] {
  const { shift, steadyFrom } = history.periodic;
  if (shift === 0) return entries;
  return entries.filter((entry) => entry.t >= steadyFrom).map((entry) => ({ ...entry, t: entry.t + shift }));
}

function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
}

function byNbma(a: { nbma: string }, b: { nbma: string }): number {
  return compareAddresses(a.nbma, b.nbma);
}

/** One simulation of a network at one second: pair histories are played on demand and kept. */
export class Engine {
  readonly topology: Topology;
  private readonly lives: Lives;
  private readonly readers = new Map<SpokeHubPair, PairReader>();
  private readonly shortcuts = new Map<string, Shortcut | null>();

  /** `cache`: what the network's simulations at other seconds already derived from it. */
  constructor(
    readonly network: LabNetwork,
    readonly at: number,
    private readonly cache = new NetworkCache(network),
  ) {
    this.topology = cache.topology;
    this.lives = cache.lives;
  }

  reader(pair: SpokeHubPair): PairReader {
    let reader = this.readers.get(pair);
    if (!reader) {
      const history = playPair(this.cache.conditionsOf(pair), this.at, this.keepPeriods(pair));
      reader = new PairReader(history, this.topology);
      this.readers.set(pair, reader);
    }
    return reader;
  }

  /**
   * Periods of a long flapping history played for real: enough for a spoke's log buffer, and for a flapping hub
   * (whose every spoke logs each period) just a few.
   */
  private keepPeriods(pair: SpokeHubPair): number {
    const hub = pair.hub;
    if (!hub || !this.network.underlay.flaps.has(hub.hostname)) return 40;
    return 2 + Math.ceil(LOG_BUFFER / (4 * this.topology.pairsOfHub(hub).length));
  }

  private spokeReaders = (spoke: RouterConfig): PairReader[] =>
    this.topology.pairsOfSpoke(spoke).map((pair) => this.reader(pair));

  /** The spoke's dynamic tunnel to its traffic partner, or null. */
  shortcutOf(spoke: RouterConfig): { shortcut: Shortcut; side: ShortcutSide } | null {
    const partner = partnerOf(this.topology, spoke);
    if (!partner) return null;
    const [a, b] =
      this.topology.number(spoke) < this.topology.number(partner) ? [spoke, partner] : [partner, spoke];
    const key = `${a.hostname}|${b.hostname}`;
    let shortcut = this.shortcuts.get(key);
    if (shortcut === undefined) {
      shortcut = shortcutBetween(this.topology, this.spokeReaders, a, b, this.at);
      this.shortcuts.set(key, shortcut);
    }
    if (!shortcut) return null;
    return { shortcut, side: shortcut.sides[shortcut.spokes[0] === spoke ? 0 : 1] };
  }

  routerState(router: RouterConfig): RouterState {
    const at = this.at;
    const life = this.lives.of(router);
    const clockStartMs = this.network.clockStartMs;
    if (!life.booted(at)) return emptyState(router, at, 0, clockStartMs);
    const boot = life.bootBefore(at);
    const state = emptyState(router, at, at - boot, clockStartMs);
    const seed = this.network.options.seed;
    const isHub = router.role === 'hub';
    const pairs = isHub ? this.topology.pairsOfHub(router) : this.topology.pairsOfSpoke(router);
    const readers = pairs.map((pair) => this.reader(pair));
    const logs: LogEntry[] = interfaceLogs(router, life, this.topology, at);
    const traffic = { inPackets: 0, outPackets: 0, active: false };
    const counters = new Map<string, Record<string, number>>();
    const countersOf = (tunnel: string): Record<string, number> => {
      let record = counters.get(tunnel);
      if (!record) counters.set(tunnel, (record = {}));
      return record;
    };
    const rows = new Map<string, DmvpnTunnelView['peers']>();
    const rowsOf = (tunnel: string): DmvpnTunnelView['peers'] => {
      let list = rows.get(tunnel);
      if (!list) rows.set(tunnel, (list = []));
      return list;
    };
    const neighbors: RoutingNeighborView[] = [];
    let usage = 0;
    for (const reader of readers) {
      const pair = reader.history.conditions.pair;
      const tunnel = isHub ? pair.hubTunnel!.name : pair.spokeTunnel.name;
      const view: SideView = isHub ? reader.hubView() : reader.spokeView();
      if (view.dmvpn) rowsOf(tunnel).push(view.dmvpn);
      if (view.cache) state.nhrpCache.push(view.cache);
      if (view.nhs) state.nhs.push(view.nhs);
      state.ikeSas.push(...view.ike);
      if (view.ipsec) state.ipsecSas.push(view.ipsec);
      if (view.session) state.cryptoSessions.push(view.session);
      const packets = packetTotals(reader.history, seed, boot);
      traffic.inPackets += isHub ? packets.hubReceived : packets.spokeReceived;
      traffic.outPackets += isHub ? packets.hubSent : packets.spokeSent;
      traffic.active ||= reader.linkUp;
      const registrations = registrationTotals(reader.history, boot);
      const record = countersOf(tunnel);
      if (isHub) {
        add(record, { reg_req_rcvd: registrations.arrived, reg_reply_sent: registrations.accepted });
        const quotaWindow = maxSendOf(pair.hubTunnel).everySeconds;
        usage += registrationCounts(reader.history, reader.at - quotaWindow + 1e-6, reader.at).accepted;
      } else add(record, { reg_req_sent: registrations.sent, reg_reply_rcvd: registrations.answered });
      const routing = pairRouting(
        reader.history,
        reader.at,
        this.network.options.phase,
        isHub ? this.cache.backupDrOf(pair) : null,
      );
      const neighbor = isHub ? routing.hub : routing.spoke;
      if (neighbor) neighbors.push(neighbor);
      logs.push(...shifted(isHub ? routing.hubLogs : routing.spokeLogs, reader.history));
      logs.push(...shifted(pairLogs(reader.history, this.topology)[isHub ? 'hub' : 'spoke'], reader.history));
    }
    if (isHub) this.addHubShortcuts(router, readers, countersOf);
    else {
      const own = this.shortcutOf(router);
      if (own) {
        const { side } = own;
        const tunnel = router.tunnels[0]!.name;
        rowsOf(tunnel).push(side.dmvpn);
        state.nhrpCache.push(...side.cache);
        state.ikeSas.push(...side.ike);
        if (side.ipsec) state.ipsecSas.push(side.ipsec);
        if (side.session) state.cryptoSessions.push(side.session);
        add(countersOf(tunnel), side.counters);
        logs.push(...side.logs);
        traffic.inPackets += side.received;
        traffic.outPackets += side.sent;
      }
    }
    const heldDown = new Set<string>();
    for (const tunnel of router.tunnels) {
      if (!runsNhrp(tunnel)) continue;
      const peers = (rows.get(tunnel.name) ?? []).sort(byNbma);
      const stateControl = !isHub && tunnel.ifStateNhrp === true;
      if (stateControl) {
        const line = ifStateLine(tunnel, readers, life, boot, at, logs);
        logs.push(...line.logs);
        if (!line.up && life.tunnelState(tunnel, at).up) {
          heldDown.add(tunnel.name);
          for (const peer of peers) if (peer.state !== 'UP') peer.state = 'INTF';
        }
      }
      state.dmvpn.push({
        interface: tunnel.name,
        type: isHub ? 'Hub' : 'Spoke',
        peers,
        ...(stateControl ? { interfaceStateControl: true } : {}),
      });
      state.nhrpTraffic.push(trafficView(tunnel, counters.get(tunnel.name) ?? {}, usage));
    }
    state.nhrpCache.sort((a, b) => compareAddresses(a.target.split('/')[0]!, b.target.split('/')[0]!));
    state.routingNeighbors = neighbors.sort((a, b) => compareAddresses(a.neighbor, b.neighbor));
    state.interfaces = interfaceViews(router, life, at, traffic);
    for (const view of state.interfaces) if (heldDown.has(view.name)) holdDown(view);
    state.logs = logBuffer(logs, boot, at);
    Object.assign(state, protocolStats(state));
    return state;
  }

  /** A hub counts the Traffic Indications it sent for the spoke pairs whose first packets it carried. */
  private addHubShortcuts(
    hub: RouterConfig,
    readers: PairReader[],
    countersOf: (tunnel: string) => Record<string, number>,
  ): void {
    const seen = new Set<string>();
    for (const reader of readers) {
      const spoke = reader.history.conditions.pair.spoke;
      if (seen.has(spoke.hostname)) continue;
      seen.add(spoke.hostname);
      const found = this.shortcutOf(spoke);
      if (!found || found.shortcut.spokes[0] !== spoke || found.shortcut.hub !== hub) continue;
      add(countersOf(reader.history.conditions.pair.hubTunnel!.name), found.shortcut.hubCounters);
    }
  }
}
