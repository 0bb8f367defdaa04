// Tunnel flaps that happened between two SNMP polls of a device, which neither poll sees in a state: a Tunnel
// interface whose ifLastChange moved (it went down and up, or changed state, in between), and an IPsec tunnel whose
// active time is shorter than the time since the previous poll allows (its SAs were torn down and built again).
// Times are read on the agent's own clock (sysUpTime), so a router whose clock runs apart from ours is judged
// right; the edges are placed between the two polls.

import type { TunnelEvent } from '../../model/finding.js';
import type { IkeTunnel, IpsecTunnel, SnmpInterface, SnmpPollResult } from '../../model/snmp.js';

/** Active times and sysUpTime are read a few requests apart, and IOS counts active time in whole seconds. */
const TOLERANCE_SECONDS = 5;
const IF_TYPE_TUNNEL = 131;

function isTunnel(row: SnmpInterface): boolean {
  return row.type === IF_TYPE_TUNNEL || /^Tunnel/i.test(row.name);
}

/** Seconds on the agent's clock between the polls; null when unknown or the router restarted in between. */
function agentElapsed(previous: SnmpPollResult, current: SnmpPollResult): number | null {
  const before = previous.system.upTimeSeconds;
  const now = current.system.upTimeSeconds;
  return before === null || now === null || now < before ? null : now - before;
}

/**
 * Wall time (ms) of an instant `secondsAgo` before the current poll on the agent's clock, kept after the previous poll
 * with room for a flap's down edge a millisecond before it.
 */
function wallTime(previous: SnmpPollResult, current: SnmpPollResult, secondsAgo: number): number {
  const at = Math.round(current.collectedAt - secondsAgo * 1000);
  return Math.min(current.collectedAt, Math.max(previous.collectedAt + 2, at));
}

/** Built again since the previous poll: active for less time than has passed since then. */
function rebuilt(before: number | null, now: number | null, elapsed: number | null): boolean {
  if (before === null || now === null) return false;
  return elapsed === null ? now < before : now + TOLERANCE_SECONDS < before + elapsed;
}

function upOrDown(status: string): 'up' | 'down' {
  return status === 'up' ? 'up' : 'down';
}

type Tunnel = { localAddress: string | null; remoteAddress: string | null; active: boolean | null };

/** Live tunnels by their two ends (two tunnels may share a remote address, e.g. behind one NAT). */
function byEnds<T extends Tunnel>(rows: readonly T[]): Map<string, T & { remoteAddress: string }> {
  return new Map(
    rows
      .filter(
        (row): row is T & { remoteAddress: string } => row.remoteAddress !== null && row.active !== false,
      )
      .map((row) => [`${row.localAddress ?? ''} ${row.remoteAddress}`, row]),
  );
}

export function snmpTunnelEventsBetween(
  previous: SnmpPollResult | null,
  current: SnmpPollResult,
): TunnelEvent[] {
  if (!previous) return [];
  const events: TunnelEvent[] = [];
  const edge = (iface: string, peer: string, from: string, to: string, at: number): void => {
    events.push({ device: current.device, interface: iface, peer, from, to, at, source: 'poll' });
  };
  const elapsed = agentElapsed(previous, current);
  const upTime = current.system.upTimeSeconds;
  /** Down just before `at`, up at `at`: a flap whose down edge the polls did not catch. */
  const flap = (iface: string, peer: string, at: number, up: string, down: string): void => {
    edge(iface, peer, up, down, at - 1);
    edge(iface, peer, down, up, at);
  };

  const restarted = elapsed === null && previous.system.upTimeSeconds !== null && upTime !== null;
  const interfacesBefore = new Map(previous.interfaces.filter(isTunnel).map((row) => [row.ifIndex, row]));
  for (const row of current.interfaces.filter(isTunnel)) {
    const was = interfacesBefore.get(row.ifIndex);
    if (!was || was.name !== row.name || row.operStatus === null || was.operStatus === null) continue;
    const [before, now] = [upOrDown(was.operStatus), upOrDown(row.operStatus)];
    const at =
      upTime === null || row.lastChangeSeconds === null
        ? current.collectedAt
        : wallTime(previous, current, upTime - row.lastChangeSeconds);
    if (before !== now) edge(row.name, '', before, now, at);
    else if (restarted || was.lastChangeSeconds !== row.lastChangeSeconds)
      flap(row.name, '', at, now, now === 'up' ? 'down' : 'up');
  }

  const ipsecBefore = byEnds<IpsecTunnel>(previous.ipsec.tunnels);
  const ipsecNow = byEnds<IpsecTunnel>(current.ipsec.tunnels);
  for (const [ends, tunnel] of ipsecNow) {
    const was = ipsecBefore.get(ends);
    if (was && rebuilt(was.activeSeconds, tunnel.activeSeconds, elapsed))
      flap('', tunnel.remoteAddress, wallTime(previous, current, tunnel.activeSeconds!), 'UP', 'DOWN');
  }
  // A phase-1 tunnel is built again at every IKE rekey while its IPsec tunnel stays up: a new IKE tunnel is a flap
  // only between ends with no IPsec tunnel to judge by.
  const ikeBefore = byEnds<IkeTunnel>(previous.ike.tunnels);
  for (const [ends, tunnel] of byEnds<IkeTunnel>(current.ike.tunnels)) {
    const was = ikeBefore.get(ends);
    if (!was || ipsecBefore.has(ends) || ipsecNow.has(ends)) continue;
    if (rebuilt(was.activeSeconds, tunnel.activeSeconds, elapsed))
      flap('', tunnel.remoteAddress, wallTime(previous, current, tunnel.activeSeconds!), 'UP', 'DOWN');
  }
  return events;
}
