// One tunnel edge often arrives three times: seen by a poll, logged by syslog, sent as a trap. Sources disagree on
// the interface (a trap names none), on the intermediate states (a poll sees NHRP or IKE where a log says DOWN) and
// on the time (a poll sees the change late), so a repeat is the same device and peer reaching the same side (up or
// not up) within a window of the last edge kept. A flap (down, up, down) stays three edges.

import type { TunnelEvent } from '../../model/finding.js';

function isUp(state: string): boolean {
  return state.toUpperCase() === 'UP';
}

function tunnelOf(event: TunnelEvent): string {
  return event.peer ? `${event.device}\u0000${event.peer}` : `${event.device}\u0000${event.interface}`;
}

export class TunnelEventMerger {
  private readonly lastKept = new Map<string, TunnelEvent>();

  constructor(private readonly windowMs = 120_000) {}

  /** The events that are not repeats of one already kept, in time order. */
  accept(events: readonly TunnelEvent[]): TunnelEvent[] {
    const kept: TunnelEvent[] = [];
    for (const event of [...events].sort((a, b) => a.at - b.at)) {
      const key = tunnelOf(event);
      const last = this.lastKept.get(key);
      if (last && isUp(last.to) === isUp(event.to) && Math.abs(event.at - last.at) <= this.windowMs) continue;
      this.lastKept.set(key, event);
      kept.push(event);
    }
    return kept;
  }
}
