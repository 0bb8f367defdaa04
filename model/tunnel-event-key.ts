// One tunnel state edge is often reported three times (a poll, a syslog message, a trap); these keys tell repeats apart.

import type { TunnelEvent } from './finding.js';

/** The identity of an event as stored: the same edge of the same tunnel at the same millisecond, whatever the source. */
export function tunnelEventKey(event: TunnelEvent): string {
  return JSON.stringify([event.device, event.interface, event.peer, event.from, event.to, event.at]);
}

function tunnelKey(event: TunnelEvent): string {
  return JSON.stringify([event.device, event.interface, event.peer]);
}

/**
 * Collapses reports of one transition: an event that brings a tunnel to the state its previous kept event already
 * reached, within `windowMs` of it, repeats that event; the earliest report is kept. Sources disagree on `from` (a poll
 * sees only the states at two polls) and on time (a poll sees the change late), so neither is part of the match; a
 * flap (down, up, down) stays three events because each one changes the state.
 */
export function mergeTunnelEvents(events: readonly TunnelEvent[], windowMs: number): TunnelEvent[] {
  const merged: TunnelEvent[] = [];
  const lastKept = new Map<string, TunnelEvent>();
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    const key = tunnelKey(event);
    const kept = lastKept.get(key);
    if (kept && kept.to === event.to && event.at - kept.at <= windowMs) continue;
    lastKept.set(key, event);
    merged.push(event);
  }
  return merged;
}
