// The lab engine: what every router of a simulated DMVPN network shows at one second of the lab clock, derived
// from the routers' configurations, the underlay and the clock alone (never from the names of injected faults).
//
// Lab second 0 is when the current configuration and underlay took effect; before it the network ran as built.
// Every spoke-hub pair is evaluated layer by layer in bring-up order (underlay, IKE, IPsec, NHRP, routing) and
// played on the clock; see timeline.ts.

import type { LabNetwork } from '../model/network.js';
import type { RouterState } from '../model/state.js';
import { NetworkCache } from './network-cache.js';
import { Engine } from './router-state.js';

export { trafficPartner } from './shortcuts.js';

/** Every router's state at `atSeconds`, by hostname. */
export function simulate(network: LabNetwork, atSeconds: number): Map<string, RouterState> {
  const engine = new Engine(network, atSeconds);
  const states = new Map<string, RouterState>();
  for (const router of network.routers) states.set(router.hostname, engine.routerState(router));
  return states;
}

/** One router's state at `atSeconds`: only the pairs it belongs to (and its spoke partner's) are played. */
export function simulateRouter(network: LabNetwork, name: string, atSeconds: number): RouterState {
  const engine = new Engine(network, atSeconds);
  return engine.routerState(engine.topology.router(name));
}

/**
 * Every router's state at `atSeconds`, a slice of routers at a time: spokes first, then each hub alone (reusing the
 * pair histories its spokes played), so a caller can let other work run between slices.
 */
export function simulateInSlices(
  network: LabNetwork,
  atSeconds: number,
  sliceSize = 100,
): Generator<RouterState[]> {
  return statesInSlices(network, new Engine(network, atSeconds), sliceSize);
}

function* statesInSlices(network: LabNetwork, engine: Engine, sliceSize: number): Generator<RouterState[]> {
  const spokes = network.routers.filter((router) => router.role === 'spoke');
  for (let index = 0; index < spokes.length; index += sliceSize)
    yield spokes.slice(index, index + sliceSize).map((router) => engine.routerState(router));
  for (const router of network.routers) if (router.role !== 'spoke') yield [engine.routerState(router)];
}

/**
 * Simulations of one network at any second, for a caller that asks again and again (the live lab): what does not
 * depend on the second is derived once, and the pair histories of the last second asked are shared by every router
 * asked at it. The network must not change while it is simulated here.
 */
export class NetworkSimulation {
  private readonly cache: NetworkCache;
  private current: Engine | null = null;

  constructor(readonly network: LabNetwork) {
    this.cache = new NetworkCache(network);
  }

  private engineAt(atSeconds: number): Engine {
    if (this.current?.at !== atSeconds) this.current = new Engine(this.network, atSeconds, this.cache);
    return this.current;
  }

  /** As simulateRouter. */
  router(name: string, atSeconds: number): RouterState {
    const engine = this.engineAt(atSeconds);
    return engine.routerState(engine.topology.router(name));
  }

  /** As simulateInSlices. */
  inSlices(atSeconds: number, sliceSize = 100): Generator<RouterState[]> {
    return statesInSlices(this.network, this.engineAt(atSeconds), sliceSize);
  }
}
