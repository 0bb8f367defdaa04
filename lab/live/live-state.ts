// Router states on the live clock: the engine plays each epoch from its own second 0, the outside world sees live
// seconds only.

import type { RouterState } from '../model/state.js';

/** The engine's state of an epoch starting at live second `epochStart`, its times moved to live seconds. */
export function liveState(state: RouterState, epochStart: number): RouterState {
  if (epochStart === 0) return state;
  const live = <T extends { atSeconds: number }>(entry: T): T => ({
    ...entry,
    atSeconds: entry.atSeconds + epochStart,
  });
  return {
    ...state,
    atSeconds: state.atSeconds + epochStart,
    logs: state.logs.map(live),
    ...(state.eventTrace ? { eventTrace: state.eventTrace.map(live) } : {}),
  };
}

/** States of one live second, computed once (a whole-network tick fills it for every router at once). */
export class StateCache {
  private second = NaN;
  private generation = -1;
  private readonly states = new Map<string, RouterState>();

  /** The cached state of the router, if computed at this second of this network generation. */
  get(hostname: string, second: number, generation: number): RouterState | undefined {
    if (second !== this.second || generation !== this.generation) return undefined;
    return this.states.get(hostname);
  }

  /** A state of an earlier second than the cached ones (a tick finishing late) is not kept. */
  set(state: RouterState, second: number, generation: number): void {
    if (generation === this.generation && second < this.second) return;
    if (second !== this.second || generation !== this.generation) {
      this.states.clear();
      this.second = second;
      this.generation = generation;
    }
    this.states.set(state.hostname, state);
  }
}
