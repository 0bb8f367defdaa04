// Which log messages are tunnel state edges, and the ReportedTunnelEvent of each: NHRP next hops (NHS, NHC, peer),
// crypto sockets and sessions, tunnel and other interfaces going up or down.

import type { SyslogDetail, SyslogEvent } from '../../model/records/syslog.js';
import type { ReportedTunnelEvent, TunnelEventLayer } from '../../model/tunnel-event.js';
import type { ReceivedSyslogMessage } from './message.js';

/** What a message says about one edge, before the device, time and source are known. */
export interface TunnelEdge {
  interface: string;
  kind: 'up' | 'down';
  layer: TunnelEventLayer;
  peerNbma: string | null;
  peerTunnel: string | null;
  reason: string | null;
}

/** A router clock further than this from the arrival time is not believed (never set, wrong zone). */
const TRUSTED_CLOCK_SKEW_MS = 24 * 3600_000;

/** The edge a message's typed detail reports; null for messages that are no tunnel state change. */
export function edgeOfDetail(detail: SyslogDetail | null): TunnelEdge | null {
  if (!detail) return null;
  switch (detail.type) {
    case 'nhrp_peer': {
      const reason = [detail.reason, detail.reasonDetail && `(${detail.reasonDetail})`]
        .filter(Boolean)
        .join(' ');
      return {
        interface: detail.interface,
        kind: detail.up ? 'up' : 'down',
        layer: 'nhrp',
        peerNbma: detail.peerNbma,
        peerTunnel: detail.peerTunnel,
        reason: reason || null,
      };
    }
    case 'crypto_socket':
      return edge(detail.interface, detail.up, 'crypto', detail.remoteNbma, null);
    case 'crypto_session':
      return edge('', detail.up, 'crypto', detail.peer, null);
    case 'interface_state': {
      const up = detail.state === 'up';
      const reason = up || detail.state === 'down' ? null : detail.state;
      return { ...edge(detail.interface, up, interfaceLayer(detail.interface), null, null), reason };
    }
    case 'tunnel_recursive_routing':
      return { ...edge(detail.interface, false, 'tunnel', null, null), reason: 'recursive routing' };
    default:
      return null;
  }
}

function edge(
  iface: string,
  up: boolean,
  layer: TunnelEventLayer,
  peerNbma: string | null,
  peerTunnel: string | null,
): TunnelEdge {
  return { interface: iface, kind: up ? 'up' : 'down', layer, peerNbma, peerTunnel, reason: null };
}

export function interfaceLayer(name: string): TunnelEventLayer {
  return /^tu/i.test(name) ? 'tunnel' : 'interface';
}

/** The event of an edge; `from`/`to` are `UP`/`DOWN` (a report names only the state entered). */
export function reportedEvent(
  found: TunnelEdge,
  report: { device: string; at: number; receivedAt: number; source: 'syslog' | 'trap'; raw: string },
): ReportedTunnelEvent {
  const up = found.kind === 'up';
  return {
    device: report.device,
    interface: found.interface,
    peer: found.peerNbma ?? found.peerTunnel ?? '',
    from: up ? 'DOWN' : 'UP',
    to: up ? 'UP' : 'DOWN',
    at: report.at,
    source: report.source,
    kind: found.kind,
    layer: found.layer,
    peerNbma: found.peerNbma,
    peerTunnel: found.peerTunnel,
    reason: found.reason,
    raw: report.raw,
    receivedAt: report.receivedAt,
  };
}

/** The tunnel event of a received message; null when it reports none. */
export function tunnelEventFromSyslog(message: ReceivedSyslogMessage): ReportedTunnelEvent | null {
  const found = edgeOfDetail(message.event?.detail ?? null);
  if (!found) return null;
  return reportedEvent(found, {
    device: message.device,
    at: message.event ? routerTime(message.event, message.receivedAt) : message.receivedAt,
    receivedAt: message.receivedAt,
    source: 'syslog',
    raw: message.raw,
  });
}

/**
 * The router's own time of a message (epoch ms), read as UTC, in the year that puts it nearest the arrival; the
 * arrival time when the message has no date, names a time zone other than UTC, or the clock is more than a day off.
 */
export function routerTime(event: SyslogEvent, receivedAt: number): number {
  const { month, day, timeOfDaySeconds, timezone } = event;
  if (month === null || day === null || timeOfDaySeconds === null) return receivedAt;
  if (timezone !== null && timezone !== 'UTC' && timezone !== 'GMT') return receivedAt;
  const at = (year: number): number => Date.UTC(year, month - 1, day) + Math.round(timeOfDaySeconds * 1000);
  const arrivalYear = new Date(receivedAt).getUTCFullYear();
  const candidates = event.year !== null ? [event.year] : [arrivalYear - 1, arrivalYear, arrivalYear + 1];
  let best = at(candidates[0]!);
  for (const year of candidates) {
    if (Math.abs(at(year) - receivedAt) < Math.abs(best - receivedAt)) best = at(year);
  }
  return Math.abs(best - receivedAt) <= TRUSTED_CLOCK_SKEW_MS ? best : receivedAt;
}
