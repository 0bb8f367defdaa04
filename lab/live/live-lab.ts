// A lab network running on a live clock: the state of every router at the current lab second, faults injected and
// cleared while it runs, and the ticks of what the routers logged (see types.ts). Every change starts an engine
// epoch (epochs.ts); all the times it hands out are live lab seconds.

import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { NetworkSimulation } from '../engine/index.js';
import { FLAP } from '../faults/events.js';
import { findFault } from '../faults/catalogue.js';
import { defaultTargetOf } from '../faults/fault.js';
import { runCommand } from '../ios/commands.js';
import type { RouterConfig } from '../model/config.js';
import type { AppliedFault, LabOptions } from '../model/network.js';
import type { RouterState } from '../model/state.js';
import { DEFAULT_OPTIONS } from '../network/build.js';
import { LiveClock } from './clock.js';
import type { Epoch } from './epochs.js';
import {
  addFaultEvents,
  configured,
  faultEvents,
  nextEpoch,
  reboot,
  removeFaultEvents,
  startFlap,
  stopFlap,
  withTimeEvents,
} from './epochs.js';
import { StateCache, liveState } from './live-state.js';
import { SequenceCounters, tickOf, trapOptionsOf } from './tick-messages.js';
import { TickTimer } from './tick-timer.js';
import type { LabTick, LiveLab } from './types.js';

export interface LiveLabSettings {
  /** Lab seconds per wall second (default 1). */
  speed?: number;
  /** Wall seconds between ticks (default 2). */
  tickSeconds?: number;
  /** Wall-clock time (epoch ms) of lab second 0 (default: now). */
  startWallMs?: number;
  /** Faults present from the start: `id` (on its default router) or `id@hostname`. */
  faults?: string[];
}

/** `nhrp-auth-mismatch@spoke3` -> { id, target }. */
export function parseFaultSpec(spec: string): { id: string; target?: string } {
  const at = spec.indexOf('@');
  if (at < 0) return { id: spec.trim() };
  return { id: spec.slice(0, at).trim(), target: spec.slice(at + 1).trim() };
}

export function createLiveLab(options: Partial<LabOptions>, settings: LiveLabSettings = {}): LiveLab {
  const clock = new LiveClock(settings.startWallMs ?? Date.now(), settings.speed ?? 1);
  const initialFaults = (settings.faults ?? []).map(parseFaultSpec).map(({ id, target }) => ({
    id,
    target: target ?? defaultTarget(id, { ...DEFAULT_OPTIONS, ...options }),
  }));
  const initial = configured({ ...DEFAULT_OPTIONS, ...options }, initialFaults);
  initial.clockStartMs = clock.startWallMs;
  let epoch: Epoch = { network: initial, start: 0 };
  /** The current epoch's network, simulated at any second; a change replaces it. */
  let simulation = new NetworkSimulation(initial);
  /** Bumped on every change: cached states of an older network are stale. */
  let generation = 0;
  const labOptions = initial.options;
  const hostnames = initial.routers.map((router) => router.hostname);
  const known = new Set(hostnames);
  const cache = new StateCache();
  const counters = new SequenceCounters();
  let lastTick = 0;

  const checkRouter = (hostname: string): void => {
    if (!known.has(hostname)) {
      throw new Error(`no router named "${hostname}" in this lab (it has ${describe(hostnames)})`);
    }
  };
  let configs = { generation: -1, byName: new Map<string, RouterConfig>() };
  const configOf = (hostname: string): RouterConfig => {
    checkRouter(hostname);
    if (configs.generation !== generation) {
      const byName = new Map(epoch.network.routers.map((router) => [router.hostname, router]));
      configs = { generation, byName };
    }
    return configs.byName.get(hostname)!;
  };
  const change = (next: Epoch): void => {
    epoch = next;
    simulation = new NetworkSimulation(next.network);
    generation += 1;
  };

  const stateAt = (hostname: string, second: number): RouterState => {
    checkRouter(hostname);
    const cached = cache.get(hostname, second, generation);
    if (cached) return cached;
    const state = liveState(simulation.router(hostname, second - epoch.start), epoch.start);
    cache.set(state, second, generation);
    return state;
  };

  /**
   * Every router's state at a second, a slice at a time so the lab's services keep answering meanwhile; null when
   * the network changed before it was done (its history may have changed too).
   */
  const allStates = async (second: number): Promise<RouterState[] | null> => {
    const { start } = epoch;
    const started = generation;
    const states = new Map<string, RouterState>();
    for (const slice of simulation.inSlices(second - start)) {
      for (const state of slice) states.set(state.hostname, liveState(state, start));
      await yieldToOthers();
      if (generation !== started) return null;
    }
    // A router asked meanwhile keeps the state it was handed (an equal one): its MIB view stays current.
    for (const [hostname, state] of states) {
      const handed = cache.get(hostname, second, generation);
      if (handed) states.set(hostname, handed);
      else cache.set(state, second, generation);
    }
    return hostnames.map((hostname) => states.get(hostname)!);
  };

  const timer = new TickTimer(
    (settings.tickSeconds ?? 2) * 1000,
    () => {
      lastTick = clock.second();
    },
    async (): Promise<LabTick | null> => {
      for (;;) {
        const to = clock.second();
        if (to <= lastTick) return null;
        const states = await allStates(to);
        if (!states) continue;
        const tick = tickOf(
          states,
          lastTick,
          to,
          counters,
          (at) => clock.wallMsAt(at),
          (hostname) => trapOptionsOf(configOf(hostname)),
        );
        lastTick = to;
        return tick;
      }
    },
  );

  // A change lands after the last second a tick has sent, or the messages it logs at that second would never go out.
  const changeSecond = (): number => Math.max(clock.second(), lastTick + 1);

  return {
    options: labOptions,
    hostnames: () => hostnames,
    has: (hostname) => known.has(hostname),
    now: () => clock.now(),
    clock: () => clock.status(),
    config: configOf,
    state: (hostname) => stateAt(hostname, clock.second()),
    run(hostname, line, promptLength) {
      return runCommand(
        { config: configOf(hostname), state: stateAt(hostname, clock.second()) },
        line,
        promptLength,
      );
    },
    faults: () => [...epoch.network.faults],

    injectFault(id, target) {
      const now = changeSecond();
      const applied: AppliedFault = { id, target: target ?? defaultTarget(id, labOptions) };
      const faults = epoch.network.faults;
      const already = faults.find((entry) => entry.id === applied.id && entry.target === applied.target);
      if (already) return already;
      // The fault's own checks (unknown id, router, role, network options) throw their messages here.
      const next = configured(labOptions, [...faults, applied]);
      const events = faultEvents(labOptions, applied);
      const epochNext = nextEpoch(epoch, now, next);
      change(withTimeEvents(epochNext, (times) => addFaultEvents(times, events, 0)));
      return applied;
    },

    clearFault(id, target) {
      const now = changeSecond();
      const faults = epoch.network.faults;
      const cleared = faults.filter(
        (entry) => entry.id === id && (target === undefined || entry.target === target),
      );
      if (cleared.length === 0) {
        const injected = faults.map((entry) => `${entry.id}@${entry.target}`).join(', ') || 'none';
        const where = target === undefined ? '' : ` on ${target}`;
        throw new Error(`fault "${id}" is not injected${where}; injected faults: ${injected}`);
      }
      const remaining = faults.filter((entry) => !cleared.includes(entry));
      const epochNext = nextEpoch(epoch, now, configured(labOptions, remaining));
      change(
        withTimeEvents(epochNext, (times) => {
          for (const fault of cleared) removeFaultEvents(times, faultEvents(labOptions, fault), 0);
        }),
      );
      return cleared;
    },

    flap(hostname, periodSeconds = FLAP.periodSeconds, downSeconds = FLAP.downSeconds) {
      checkRouter(hostname);
      if (!(periodSeconds > 0 && downSeconds > 0 && downSeconds < periodSeconds)) {
        throw new Error(
          `a flap needs 0 < downSeconds < periodSeconds (got ${downSeconds} s down every ${periodSeconds} s)`,
        );
      }
      const now = changeSecond() - epoch.start;
      change(withTimeEvents(epoch, (times) => startFlap(times, hostname, now, periodSeconds, downSeconds)));
    },

    stopFlap(hostname) {
      checkRouter(hostname);
      const now = changeSecond() - epoch.start;
      let flapping = false;
      const next = withTimeEvents(epoch, (times) => {
        flapping = stopFlap(times, hostname, now);
      });
      if (!flapping) throw new Error(`${hostname} is not flapping`);
      change(next);
    },

    reboot(hostname) {
      checkRouter(hostname);
      const now = changeSecond() - epoch.start;
      change(withTimeEvents(epoch, (times) => reboot(times, hostname, now)));
    },

    advance: (seconds) => clock.advance(seconds),
    setSpeed: (speed) => clock.setSpeed(speed),
    onTick: (listener) => timer.subscribe(listener),
    close: () => timer.close(),
  };
}

function defaultTarget(id: string, options: LabOptions): string {
  const fault = findFault(id);
  return fault ? defaultTargetOf(fault, options) : 'spoke1';
}

function describe(hostnames: readonly string[]): string {
  const spokes = hostnames.filter((name) => name.startsWith('spoke')).length;
  const hubs = hostnames.filter((name) => !name.startsWith('spoke'));
  return spokes > 0
    ? [...hubs, spokes === 1 ? 'spoke1' : `spoke1..spoke${spokes}`].join(', ')
    : hubs.join(', ');
}
