// `if-state nhrp` on a spoke tunnel (diagnosis-reference.md `if-state-nhrp-down`): the tunnel's line protocol follows
// its NHSs. It comes up with the first NHS that answers and goes down with the last one (%LINEPROTO ... down right
// after the last NHRP_NHS_DOWN); meanwhile the spoke keeps registering, `show dmvpn` shows its hubs as INTF and
// `show dmvpn detail` says `Interface State Control: Enabled`. Nothing else of the pair changes.

import type { TunnelInterfaceConfig } from '../model/config.js';
import type { InterfaceView } from '../model/state.js';
import type { LogEntry } from './logs.js';
import { texts } from './logs.js';
import type { PairReader } from './pair-views.js';
import type { RouterLife } from './underlay.js';

/** What `show interfaces` gives as the linestate reason while no NHS answers. */
export const NHS_DOWN_REASON = 'NHRP NHS down';

export interface IfStateLine {
  /** Whether an NHS answers at the asked second. */
  up: boolean;
  /** The line protocol transitions the NHSs cause, as log entries (lab seconds). */
  logs: LogEntry[];
}

/**
 * The NHS-driven line state of a spoke tunnel with `if-state nhrp`, from the pairs of its NHSs; the boot's
 * `changed state to up` of that tunnel is dropped from `logs` (it comes with the first NHS instead).
 */
export function ifStateLine(
  tunnel: TunnelInterfaceConfig,
  readers: PairReader[],
  life: RouterLife,
  boot: number,
  at: number,
  logs: LogEntry[],
): IfStateLine {
  const bootUp = texts.lineProtocol(tunnel.name, true);
  for (let index = logs.length - 1; index >= 0; index--) {
    const entry = logs[index]!;
    if (entry.t === boot + 3 && entry.text() === bootUp) logs.splice(index, 1);
  }
  const changes: { t: number; delta: number }[] = [];
  for (const reader of readers) {
    const { history } = reader;
    const pair = history.conditions.pair;
    if (pair.spokeTunnel !== tunnel || !pair.registers) continue;
    const { shift, steadyFrom } = history.periodic;
    for (const event of history.events) {
      if (event.side !== 'spoke' || (event.kind !== 'nhs-up' && event.kind !== 'nhs-down')) continue;
      if (shift !== 0 && event.t < steadyFrom) continue;
      const t = event.t + shift;
      if (t >= boot && t <= at) changes.push({ t, delta: event.kind === 'nhs-up' ? 1 : -1 });
    }
  }
  changes.sort((a, b) => a.t - b.t || b.delta - a.delta);
  const result: IfStateLine = { up: false, logs: [] };
  let answering = 0;
  for (const { t, delta } of changes) {
    const wasUp = answering > 0;
    answering = Math.max(0, answering + delta);
    const isUp = answering > 0;
    if (wasUp !== isUp && life.tunnelState(tunnel, t).up)
      result.logs.push({ t, text: () => texts.lineProtocol(tunnel.name, isUp) });
  }
  result.up = answering > 0;
  return result;
}

/** The tunnel's interface view while the NHSs hold its line protocol down. */
export function holdDown(view: InterfaceView): void {
  if (!view.operUp) return;
  view.operUp = false;
  if (view.tunnel) view.tunnel.linestateDownReason = NHS_DOWN_REASON;
}
