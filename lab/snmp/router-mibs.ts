// Each router's MIB view, built from its state when asked and kept while the lab hands out the same state (the rest
// of that lab second, unless a fault or a reboot changes it). A router whose MIB takes long to build (a hub with
// thousands of spokes: seconds) keeps it for ten times its build time, so a walk makes progress instead of waiting
// on a new snapshot every second; its changes show that much later. Only the most recently asked routers are kept, so walking every spoke in turn
// does not hold every spoke's MIB.

import type { LiveLab } from '../live/types.js';
import type { RouterState } from '../model/state.js';
import { indexesFromLogs } from '../traps/from-logs.js';
import { interfacesGroup } from './if-mib.js';
import { ipsecFlowMonitor } from './ipsec-mib.js';
import { MibView } from './mib-view.js';
import { nhrpMib } from './nhrp-mib.js';
import { systemGroup } from './system-mib.js';

const KEPT_ROUTERS = 64;
/** A view that took longer than this to build is kept at least BUILD_TIME_FACTOR times its build time. */
const SLOW_BUILD_MS = 250;
const BUILD_TIME_FACTOR = 10;

interface KeptView {
  state: RouterState;
  view: MibView;
  builtAtMs: number;
  buildMs: number;
}

export class RouterMibs {
  private readonly views = new Map<string, KeptView>();

  constructor(private readonly lab: LiveLab) {}

  /** The router's MIB at the lab's current second. */
  view(hostname: string): MibView {
    const kept = this.views.get(hostname);
    this.views.delete(hostname);
    const current = kept && this.stillCurrent(kept) ? kept : this.build(hostname);
    this.views.set(hostname, current);
    if (this.views.size > KEPT_ROUTERS) {
      const oldest = this.views.keys().next().value;
      if (oldest !== undefined) this.views.delete(oldest);
    }
    return current.view;
  }

  private stillCurrent(kept: KeptView): boolean {
    if (this.lab.now() !== kept.state.atSeconds) {
      return kept.buildMs > SLOW_BUILD_MS && Date.now() - kept.builtAtMs < kept.buildMs * BUILD_TIME_FACTOR;
    }
    // The same second: the lab hands out the same state object unless something changed the router since.
    return this.lab.state(kept.state.hostname) === kept.state;
  }

  private build(hostname: string): KeptView {
    const startMs = Date.now();
    const state = this.lab.state(hostname);
    const config = this.lab.config(hostname);
    const indexes = indexesFromLogs(state);
    const view = new MibView([
      systemGroup(state),
      interfacesGroup(state, indexes),
      nhrpMib(state, config, indexes),
      ipsecFlowMonitor(state, config, indexes),
    ]);
    const builtAtMs = Date.now();
    return { state, view, builtAtMs, buildMs: builtAtMs - startMs };
  }
}
