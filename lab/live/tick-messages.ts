// What the routers logged (and trapped) in a window of the lab clock, as their syslog clients and SNMP agents send
// it: each message with the router's wall-clock time and its `service sequence-numbers` counter.

import type { RouterConfig } from '../model/config.js';
import type { RouterState } from '../model/state.js';
import type { TrapOptions } from '../traps/from-logs.js';
import { trapsFromLogs, uptimeFromState } from '../traps/from-logs.js';
import type { LabLogMessage, LabTick } from './types.js';

/** Each router's message counter since its boot, carried from one window to the next. */
export class SequenceCounters {
  private readonly counters = new Map<string, { bootAt: number; count: number }>();

  /**
   * The counter before the window `(from, ...]`: carried on while the router runs the same boot, else the messages of
   * its buffer up to `from` (all it logged since the boot, while its buffer has not wrapped).
   */
  private counterOf(state: RouterState, from: number): { bootAt: number; count: number } {
    const bootAt = state.atSeconds - state.uptimeSeconds;
    let counter = this.counters.get(state.hostname);
    if (!counter || counter.bootAt !== bootAt) {
      const count = state.logs.filter((log) => log.atSeconds <= from).length;
      counter = { bootAt, count };
      this.counters.set(state.hostname, counter);
    }
    return counter;
  }

  /** The router's messages in (from, to], numbered. */
  messages(
    state: RouterState,
    from: number,
    to: number,
    wallMsAt: (atSeconds: number) => number,
  ): LabLogMessage[] {
    const fresh = state.logs.filter((log) => log.atSeconds > from && log.atSeconds <= to);
    if (fresh.length === 0) return [];
    const counter = this.counterOf(state, from);
    return fresh.map((log) => ({
      hostname: state.hostname,
      atSeconds: log.atSeconds,
      wallMs: wallMsAt(log.atSeconds),
      sequence: ++counter.count,
      text: log.text,
    }));
  }
}

/** What a router's traps carry from its configuration: its NHRP holdtime and IPsec SA lifetime. */
export function trapOptionsOf(config: RouterConfig): TrapOptions {
  const holdtime = config.tunnels[0]?.nhrp.holdtimeSeconds;
  const lifetime = config.ipsecProfiles[0]?.lifetimeSeconds;
  return {
    ...(holdtime === undefined ? {} : { nhrpHoldTimeSeconds: holdtime }),
    ...(lifetime === undefined ? {} : { ipsecLifetimeSeconds: lifetime }),
  };
}

/**
 * The tick of the window (from, to] from every router's state at `to` (lab seconds): messages in time order (router
 * order within a second), then the traps they raised, in the same order.
 */
export function tickOf(
  states: Iterable<RouterState>,
  from: number,
  to: number,
  counters: SequenceCounters,
  wallMsAt: (atSeconds: number) => number,
  trapOptions: (hostname: string) => TrapOptions,
): LabTick {
  const messages: LabLogMessage[] = [];
  const traps: LabTick['traps'] = [];
  for (const state of states) {
    const own = counters.messages(state, from, to, wallMsAt);
    if (own.length === 0) continue;
    messages.push(...own);
    // Traps are indexed over the router's whole log: computed on all of it, then kept for the window.
    for (const trap of trapsFromLogs(state, uptimeFromState(state), trapOptions(state.hostname)))
      if (trap.atSeconds > from && trap.atSeconds <= to) traps.push(trap);
  }
  const order = (a: { atSeconds: number }, b: { atSeconds: number }): number => a.atSeconds - b.atSeconds;
  messages.sort(order);
  traps.sort(order);
  return { fromSeconds: from, toSeconds: to, messages, traps };
}
