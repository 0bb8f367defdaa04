// LabTicks of a real simulated network for the emitters' tests: what a live lab's tick carries, built from the
// engine's router states (log messages in their window, with sequence numbers and wall-clock times, and their traps).

import { simulate } from '../engine/index.js';
import { applyFault } from '../faults/catalogue.js';
import type { LabLogMessage, LabTick } from '../live/types.js';
import type { RouterState } from '../model/state.js';
import { buildNetwork } from '../network/build.js';
import { LAB_CLOCK_START_MS } from '../render/syslog-timestamp.js';
import { trapsFromLogs } from '../traps/from-logs.js';

/** A hub-and-two-spokes network at lab second `atSeconds`: spoke1 with the wrong NHRP key, spoke2's tunnel flapping. */
export function faultedStates(atSeconds = 900): Map<string, RouterState> {
  const network = buildNetwork({ spokes: 2 });
  applyFault(network, 'nhrp-auth-mismatch', 'spoke1');
  applyFault(network, 'tunnel-flapping', 'spoke2');
  return simulate(network, atSeconds);
}

function inWindow(atSeconds: number, fromSeconds: number, toSeconds: number): boolean {
  return atSeconds > fromSeconds && atSeconds <= toSeconds;
}

/** What happened in (fromSeconds, toSeconds] on every router, as a live lab's tick reports it. */
export function labTick(states: Map<string, RouterState>, fromSeconds: number, toSeconds: number): LabTick {
  const messages: LabLogMessage[] = [];
  const traps = [];
  for (const state of states.values()) {
    const logs = state.logs.map((log, order) => ({ log, order }));
    logs.sort((a, b) => a.log.atSeconds - b.log.atSeconds || a.order - b.order);
    logs.forEach(({ log }, index) => {
      if (!inWindow(log.atSeconds, fromSeconds, toSeconds)) return;
      messages.push({
        hostname: state.hostname,
        atSeconds: log.atSeconds,
        wallMs: LAB_CLOCK_START_MS + Math.round(log.atSeconds * 1000),
        sequence: index + 1,
        text: log.text,
      });
    });
    traps.push(...trapsFromLogs(state).filter((trap) => inWindow(trap.atSeconds, fromSeconds, toSeconds)));
  }
  return { fromSeconds, toSeconds, messages, traps };
}
