// Overlay routing between a spoke and a hub: adjacencies form only while the tunnel carries traffic both ways, and
// EIGRP / OSPF also need multicast both ways (`ip nhrp map multicast dynamic` on the hub, `nhs ... multicast` on
// the spoke). Loss is noticed at once on the side whose interface went down, after the hold time otherwise.

import type { RouterConfig } from '../model/config.js';
import type { RoutingNeighborView } from '../model/state.js';
import { mix } from './hash.js';
import type { LogEntry } from './logs.js';
import { texts } from './logs.js';
import { spokeSendsMulticast } from './nhrp.js';
import type { Condition } from './conditions.js';
import { churnRegistered, segments } from './counters.js';
import type { HubPhase, PairHistory, SpokePhase } from './history.js';
import type { PairVerdict } from './verdict.js';
import { EIGRP_RETRY_LIMIT, LOG_BUFFER, REGISTRATION_SETUP, ROUTING_SETUP } from './timing.js';

type Protocol = RouterConfig['routing']['protocol'];

interface Interval {
  from: number;
  to: number;
  /** The link was lost at `to` (false while it still carries traffic at the second asked). */
  ended: boolean;
  /** The side that ended the interval itself: its interface went down (it notices at once) or it rebooted. */
  endedBy: { side: 'spoke' | 'hub'; how: 'interface' | 'reset' } | null;
}

export interface PairRouting {
  spoke: RoutingNeighborView | null;
  hub: RoutingNeighborView | null;
  spokeLogs: LogEntry[];
  hubLogs: LogEntry[];
}

/** How long a neighbor survives without hellos. */
function holdSeconds(protocol: Protocol, ospfNetwork: string | null): number {
  if (protocol === 'eigrp') return 15;
  if (protocol === 'bgp') return 180;
  return ospfNetwork === 'broadcast' ? 40 : 120;
}

/** Churn windows kept exactly; older ones are merged (their logs are long gone from the buffer). */
const CHURN_CYCLES = 60;

/** Intervals in [from, at] during which the pair carries traffic both ways. */
function linkIntervals(history: PairHistory, from: number, at: number): Interval[] {
  const intervals: Interval[] = [];
  const add = (start: number, end: number, endedBy: Interval['endedBy']): void => {
    const last = intervals[intervals.length - 1];
    if (last && last.to === start) {
      last.to = end;
      last.endedBy = endedBy;
    } else intervals.push({ from: start, to: end, ended: true, endedBy });
  };
  const pieces = segments(history, from, at);
  pieces.forEach((piece, index) => {
    if (!carries(piece.spoke, piece.hub, piece.condition)) return;
    const { hub } = piece;
    const next = pieces[index + 1];
    const endedBy = next ? endedAt(history, next.from, next.condition) : null;
    const churn = hub.churn;
    if (!churn || churn.hold >= churn.period) {
      add(piece.from, piece.to, endedBy);
      return;
    }
    const firstCycle = Math.max(0, Math.floor((piece.from - churn.anchor) / churn.period));
    const lastCycle = Math.floor((piece.to - churn.anchor) / churn.period);
    const exactFrom = Math.max(firstCycle, lastCycle - CHURN_CYCLES);
    if (exactFrom > firstCycle) add(piece.from, churn.anchor + exactFrom * churn.period, null);
    for (let cycle = exactFrom; cycle <= lastCycle; cycle++) {
      const start = Math.max(piece.from, churn.anchor + cycle * churn.period + REGISTRATION_SETUP);
      const end = Math.min(piece.to, churn.anchor + cycle * churn.period + churn.hold);
      if (end > start) add(start, end, end === piece.to ? endedBy : null);
    }
  });
  // The last interval reaches the second asked: lost exactly then, or still carrying traffic.
  const last = intervals[intervals.length - 1];
  if (last && last.to >= at) {
    const spoke = history.spoke[history.spoke.length - 1]!;
    const hub = history.hub[history.hub.length - 1]!;
    const condition = history.conditions.at(at);
    const resets = history.conditions.resets(at);
    last.ended =
      resets.spoke || resets.hub || !carries(spoke, hub, condition) || !churnRegistered(hub.churn, at);
    last.endedBy = last.ended ? endedAt(history, at, condition) : null;
  }
  return intervals;
}

/** Whether the pair carries GRE both ways with these phases under this condition. */
function carries(spoke: SpokePhase, hub: HubPhase, condition: Condition): boolean {
  const carried = spoke.posture === 'up' || (spoke.posture === 'nhrp' && spoke.session !== null);
  const greAccepted = condition.kind === 'run' && acceptsGre(condition.verdict);
  return carried && hub.posture === 'up' && spoke.session === hub.session && greAccepted;
}

/** Which side ended a link at second t by itself (its interface went down, or it rebooted). */
function endedAt(history: PairHistory, t: number, condition: Condition): Interval['endedBy'] {
  const resets = history.conditions.resets(t);
  if (resets.spoke || condition.kind === 'spoke-intf')
    return { side: 'spoke', how: resets.spoke ? 'reset' : 'interface' };
  if (resets.hub || condition.kind === 'hub-intf')
    return { side: 'hub', how: resets.hub ? 'reset' : 'interface' };
  return null;
}

/** GRE flows both ways and reaches the routing process (NHRP may still refuse the registrations). */
function acceptsGre(verdict: PairVerdict): boolean {
  if (verdict.layer === 'OK') return true;
  return verdict.layer === 'NHRP' && (verdict.kind === 'auth' || verdict.kind === 'wrong-nhs');
}

interface Adjacency {
  up: number;
  down: number | null;
  reason: string;
  /** OSPF hearing a neighbor that never hears it: stuck in INIT, nothing logged. */
  init?: boolean;
}

/** One side's adjacencies over the link intervals, gaps shorter than the hold time bridged. */
function adjacencies(intervals: Interval[], side: 'spoke' | 'hub', hold: number, at: number): Adjacency[] {
  const result: Adjacency[] = [];
  let current: Adjacency | null = null;
  for (const interval of intervals) {
    if (current && current.down !== null) {
      if (interval.from < current.down && current.reason === 'holding time expired') current.down = null;
      else current = null;
    }
    if (!current) {
      const upAt = interval.from + ROUTING_SETUP;
      if (upAt > at || (upAt >= interval.to && interval.ended)) continue;
      current = { up: upAt, down: null, reason: '' };
      result.push(current);
    }
    if (interval.ended) {
      const local = interval.endedBy?.side === side ? interval.endedBy.how : null;
      current.down = local ? interval.to : interval.to + hold;
      // A rebooted router logs nothing about the adjacencies it lost: its buffer starts again.
      current.reason =
        local === 'interface' ? 'interface down' : local === 'reset' ? '' : 'holding time expired';
    }
  }
  for (const adjacency of result) if (adjacency.down !== null && adjacency.down > at) adjacency.down = null;
  return result;
}

/** The parts of the intervals within [from, to]. */
function clip(intervals: Interval[], from: number, to: number): Interval[] {
  const result: Interval[] = [];
  for (const interval of intervals) {
    const start = Math.max(interval.from, from);
    const end = Math.min(interval.to, to);
    if (end > start)
      result.push({
        from: start,
        to: end,
        ended: end === interval.to && interval.ended,
        endedBy: end === interval.to ? interval.endedBy : null,
      });
  }
  return result;
}

/** EIGRP towards a neighbor that never hears us: up on its first hello, down at the retry limit, again. */
function oneWayEigrp(intervals: Interval[], at: number): Adjacency[] {
  const result: Adjacency[] = [];
  const cycle = EIGRP_RETRY_LIMIT + 5;
  for (const interval of intervals) {
    const end = Math.min(interval.to, at);
    const first = interval.from + ROUTING_SETUP;
    const count = Math.max(0, Math.ceil((end - first) / cycle));
    for (let k = Math.max(0, count - LOG_BUFFER / 2); k < count; k++) {
      const up = first + k * cycle;
      const down = up + EIGRP_RETRY_LIMIT;
      result.push({ up, down: down <= at ? down : null, reason: 'retry limit exceeded' });
    }
  }
  return result;
}

interface SideInfo {
  router: RouterConfig;
  tunnel: string;
  /** The neighbor's tunnel address. */
  neighbor: string;
  hears: boolean;
}

function neighborView(
  protocol: Protocol,
  side: 'spoke' | 'hub',
  info: SideInfo,
  adjacency: Adjacency,
  at: number,
  ospfNetwork: string | null,
  full: boolean,
  phase: number,
  key: number,
  backupDr: string | null,
): RoutingNeighborView {
  const upSeconds = Math.max(0, at - adjacency.up);
  if (protocol === 'eigrp')
    return {
      protocol,
      neighbor: info.neighbor,
      interface: info.tunnel,
      state: 'up',
      upSeconds,
      detail: 5 + (mix(key, 3) % 400),
    };
  if (protocol === 'ospf') {
    const broadcast = ospfNetwork === 'broadcast';
    const spokeRole = info.neighbor === backupDr ? 'BDR' : 'DROTHER';
    const role = broadcast ? (side === 'spoke' ? 'DR' : spokeRole) : '  -';
    const hello = broadcast ? 10 : 30;
    const dead = holdSeconds('ospf', ospfNetwork);
    return {
      protocol,
      neighbor: info.neighbor,
      interface: info.tunnel,
      state: `${full ? 'FULL' : 'INIT'}/${role}`,
      upSeconds,
      detail: dead - (Math.floor(upSeconds) % hello),
    };
  }
  return {
    protocol,
    neighbor: info.neighbor,
    interface: info.tunnel,
    state: 'Established',
    upSeconds,
    detail: side === 'spoke' && phase === 2 ? 2 : 1,
  };
}

/**
 * Routing between the pair's two ends: neighbor rows now and the adjacency changes each end logged. `backupDr` is
 * the tunnel address of the spoke the hub's OSPF broadcast tunnel elected BDR (see ospf-election.ts).
 */
export function pairRouting(
  history: PairHistory,
  at: number,
  phase: number,
  backupDr: string | null = null,
): PairRouting {
  const { pair } = history.conditions;
  const result: PairRouting = { spoke: null, hub: null, spokeLogs: [], hubLogs: [] };
  const hub = pair.hub;
  const hubTunnel = pair.hubTunnel;
  if (!hub || !hubTunnel) return result;
  const protocol = pair.spoke.routing.protocol;
  if (protocol !== hub.routing.protocol) return result;
  if (protocol === 'eigrp' && pair.spoke.routing.asn !== hub.routing.asn) return result;
  const ospfNetwork = pair.spokeTunnel.ospfNetwork;
  const hold = holdSeconds(protocol, ospfNetwork);
  const start = history.conditions.start();
  const intervals = linkIntervals(history, start, at);
  const spokeInfo: SideInfo = {
    router: pair.spoke,
    tunnel: pair.spokeTunnel.name,
    neighbor: hubTunnel.address,
    hears: protocol === 'bgp' || hubTunnel.nhrp.mapMulticastDynamic || hubTunnel.mode === 'gre ip',
  };
  const hubInfo: SideInfo = {
    router: hub,
    tunnel: hubTunnel.name,
    neighbor: pair.spokeTunnel.address,
    hears: protocol === 'bgp' || spokeSendsMulticast(pair.spokeTunnel, pair.target),
  };
  // OSPF over different network types (hello/dead timers differ) forms no adjacency at all.
  if (protocol === 'ospf' && pair.spokeTunnel.ospfNetwork !== hubTunnel.ospfNetwork) {
    spokeInfo.hears = false;
    hubInfo.hears = false;
  }
  const boots = {
    spoke: history.conditions.spokeLife.bootBefore(at),
    hub: history.conditions.hubLife?.bootBefore(at) ?? at,
  };
  // Before second 0 the network ran as built (multicast both ways); the current flags apply from 0.
  const split = !(spokeInfo.hears && hubInfo.hears) && start < 0;
  const before = split ? clip(intervals, -Infinity, 0) : [];
  const after = split ? clip(intervals, 0, at) : intervals;
  for (const side of ['spoke', 'hub'] as const) {
    const info = side === 'spoke' ? spokeInfo : hubInfo;
    const other = side === 'spoke' ? hubInfo : spokeInfo;
    let list: Adjacency[] = [];
    if (info.hears && other.hears) list = adjacencies(after, side, hold, at);
    else if (info.hears && protocol === 'eigrp') list = oneWayEigrp(after, at);
    else if (info.hears && protocol === 'ospf')
      list = adjacencies(after, side, hold, at).map((adjacency) => ({ ...adjacency, init: true }));
    if (split) {
      const past = adjacencies(before, side, hold, 0);
      const last = past[past.length - 1];
      const first = list[0];
      if (last && last.down === null) {
        if (first && first.up <= ROUTING_SETUP && info.hears && !first.init) {
          // Still hearing the peer: the adjacency carries on until the new behaviour ends it.
          first.up = last.up;
          past.pop();
        } else {
          last.down = hold <= at ? hold : null;
          last.reason = 'holding time expired';
        }
      }
      list = [...past, ...list];
    }
    const logs = side === 'spoke' ? result.spokeLogs : result.hubLogs;
    for (const adjacency of list.slice(-LOG_BUFFER)) {
      if (adjacency.init) continue;
      logs.push({ t: adjacency.up, text: () => upText(protocol, info, true, 'new adjacency', side) });
      if (adjacency.down !== null && adjacency.reason !== '') {
        const reason = adjacency.reason;
        logs.push({ t: adjacency.down, text: () => upText(protocol, info, false, reason, side) });
      }
    }
    const current = list[list.length - 1];
    const boot = boots[side];
    let view: RoutingNeighborView | null = null;
    if (current && current.down === null && current.up >= boot)
      view = neighborView(
        protocol,
        side,
        info,
        current,
        at,
        ospfNetwork,
        !current.init,
        phase,
        pair.key,
        backupDr,
      );
    else if (protocol === 'bgp' && side === 'spoke')
      view = {
        protocol,
        neighbor: info.neighbor,
        interface: info.tunnel,
        state: 'Active',
        upSeconds: Math.max(0, at - Math.max(boot, current?.down ?? boot)),
        detail: 0,
      };
    result[side] = view;
  }
  return result;
}

function upText(
  protocol: Protocol,
  info: SideInfo,
  up: boolean,
  reason: string,
  side: 'spoke' | 'hub',
): string {
  const routing = info.router.routing;
  if (protocol === 'eigrp') return texts.eigrp(routing.asn, info.neighbor, info.tunnel, up, reason);
  if (protocol === 'ospf')
    return texts.ospf(
      routing.asn,
      info.neighbor,
      info.tunnel,
      up,
      reason === 'interface down' ? 'Interface down or detached' : 'Dead timer expired',
    );
  const neighbor = side === 'hub' ? `*${info.neighbor}` : info.neighbor;
  return texts.bgp(neighbor, up, reason === 'interface down' ? 'Interface flap' : 'BGP Notification sent');
}
