// A lab network running on a live clock: what the wire services (SSH, SNMP, syslog, traps) and the control API see.

import type { TrapNotification } from '../traps/notification.js';
import type { RouterConfig } from '../model/config.js';
import type { AppliedFault, LabOptions } from '../model/network.js';
import type { RouterState } from '../model/state.js';

/** One message a router logged, as its syslog client sends it. */
export interface LabLogMessage {
  hostname: string;
  /** Lab clock second of the message. */
  atSeconds: number;
  /** Wall-clock time of the message (epoch ms): what the router's own clock says. */
  wallMs: number;
  /** `service sequence-numbers`: the router's message counter since boot, from 1. */
  sequence: number;
  /** `%DMVPN-5-NHRP_NHS_DOWN: Tunnel0: ...`, without sequence number and timestamp. */
  text: string;
}

/** What happened on the lab clock in (fromSeconds, toSeconds]: the wire emitters send it. */
export interface LabTick {
  fromSeconds: number;
  toSeconds: number;
  messages: LabLogMessage[];
  /** The traps the routers sent for those messages, in message order. */
  traps: TrapNotification[];
}

export interface LabClockStatus {
  /** Current lab second. */
  atSeconds: number;
  /** Lab seconds per wall second (1 = real time). */
  speed: number;
  /** Wall-clock time (epoch ms) of lab second 0. */
  startWallMs: number;
}

export interface LiveLab {
  readonly options: LabOptions;
  /** hub1, hub2, spoke1..spokeN. */
  hostnames(): readonly string[];
  has(hostname: string): boolean;
  /** Current lab second. */
  now(): number;
  clock(): LabClockStatus;
  config(hostname: string): RouterConfig;
  /** The router's state at now(); cheap to call again within the same lab second. */
  state(hostname: string): RouterState;
  /** What the router prints for an exec command line at now(), refusals included (caret after `promptLength`). */
  run(hostname: string, line: string, promptLength?: number): string;
  faults(): readonly AppliedFault[];
  /** Injects a fault of the catalogue from now on; throws with a clear message when it does not fit. */
  injectFault(id: string, target?: string): AppliedFault;
  /** Clears an injected fault (all of that id when no target is given); returns the faults cleared. */
  clearFault(id: string, target?: string): AppliedFault[];
  /** The router's WAN drops for `downSeconds` at the start of every `periodSeconds`, from now on. */
  flap(hostname: string, periodSeconds?: number, downSeconds?: number): void;
  /** Stops a flap started by flap(). */
  stopFlap(hostname: string): void;
  /** Reloads the router now: it loses its SAs and NHRP state and comes back as from a boot. */
  reboot(hostname: string): void;
  /** Moves the lab clock forward at once. */
  advance(seconds: number): void;
  /** Lab seconds per wall second from now on. */
  setSpeed(speed: number): void;
  /** Called with what happened since the previous tick, every `tickSeconds` of wall time while listeners exist. */
  onTick(listener: (tick: LabTick) => void): () => void;
  /** Stops the tick timer. */
  close(): void;
}
