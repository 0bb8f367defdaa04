// The in-process bus the API's event stream and metrics listen to: polls and tunnel edges from the watcher's sinks,
// findings and progress of diagnosis runs.

import { EventEmitter } from 'node:events';
import type { Finding, TunnelEvent } from '../model/finding.js';
import type { SnmpPollResult } from '../model/snmp.js';
import type { DeviceSnapshot } from '../model/snapshot.js';

export interface RunProgress {
  id: string;
  status: 'running' | 'done' | 'failed';
  /** What the run is doing now, e.g. `polling spoke7` or `diagnosing 3 devices`. */
  step: string;
}

export interface BusEvents {
  poll: { snapshot: DeviceSnapshot; snmp: SnmpPollResult | null };
  'tunnel-events': TunnelEvent[];
  findings: { runId: string; findings: Finding[] };
  run: RunProgress;
}

export type BusEventName = keyof BusEvents;

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open event stream is one listener; their number is bounded by the connections, not by a constant.
    this.emitter.setMaxListeners(0);
  }

  publish<K extends BusEventName>(name: K, payload: BusEvents[K]): void {
    this.emitter.emit(name, payload);
  }

  /** Returns the function that stops listening. */
  subscribe<K extends BusEventName>(name: K, listener: (payload: BusEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
