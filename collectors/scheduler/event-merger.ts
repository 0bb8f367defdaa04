// One tunnel edge often arrives three times: seen by a poll, logged by syslog, sent as a trap. Sources disagree on
// the interface (a trap names none), on the intermediate states (a poll sees NHRP or IKE where a log says DOWN) and
// on the time (a poll sees the change late), so a repeat is the same device and peer reaching the same side (up or
// not up) within a window of the last edge kept. A flap (down, up, down) stays three edges; a change that stays on
// one side (IKE to NHRP) is no edge. A log message carries
// the router's own clock, which may be minutes off ours: reports are matched by when they arrived.

import type { TunnelEvent } from '../../model/finding.js';

function isUp(state: string): boolean {
  return state.toUpperCase() === 'UP';
}

/** Our clock's time of the edge: when a report arrived, or when a poll placed it. */
function heardAt(event: TunnelEvent & { receivedAt?: number }): number {
  return event.receivedAt ?? event.at;
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
    for (const event of [...events].sort((a, b) => heardAt(a) - heardAt(b))) {
      // A poll that catches a tunnel coming up between its layers (INTF, then NHRP) sees no up/down edge.
      if (isUp(event.from) === isUp(event.to)) continue;
      const key = tunnelOf(event);
      const last = this.lastKept.get(key);
      if (
        last &&
        isUp(last.to) === isUp(event.to) &&
        Math.abs(heardAt(event) - heardAt(last)) <= this.windowMs
      )
        continue;
      this.lastKept.set(key, event);
      kept.push(event);
    }
    return kept;
  }
}
