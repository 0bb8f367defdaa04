// A network simulated again and again (the live lab) shares what does not depend on the second across seconds and
// routers: every state it gives must be the one a fresh simulation of that router at that second gives.

import { describe, expect, it } from 'vitest';
import type { AppliedFault, LabOptions } from '../model/network.js';
import { DEFAULT_OPTIONS } from '../network/build.js';
import type { Epoch } from '../live/epochs.js';
import { configured, nextEpoch, reboot, startFlap, withTimeEvents } from '../live/epochs.js';
import { NetworkSimulation, simulate, simulateRouter } from './index.js';

const OPTIONS: LabOptions = { ...DEFAULT_OPTIONS, spokes: 12, hubs: 2, routing: 'ospf' };
const AUTH: AppliedFault = { id: 'nhrp-auth-mismatch', target: 'spoke3' };
const KEY: AppliedFault = { id: 'tunnel-key-mismatch', target: 'spoke6' };
const ROUTERS = ['hub1', 'hub2', 'spoke1', 'spoke2', 'spoke3', 'spoke6', 'spoke11', 'spoke12'];

/** Asks the cached simulation in an order that revisits seconds, then checks each answer against a fresh one. */
function expectFreshStates(epoch: Epoch, seconds: number[]): void {
  const simulation = new NetworkSimulation(epoch.network);
  const asked = [...seconds, ...seconds.slice().reverse(), ...seconds];
  for (const at of asked)
    for (const name of ROUTERS)
      expect(simulation.router(name, at), `${name} at ${at}`).toEqual(
        simulateRouter(epoch.network, name, at),
      );
}

describe('network simulation cache', () => {
  const steady: Epoch = { network: configured(OPTIONS, [AUTH]), start: 0 };

  it('gives the fresh state of each router at each second, a fault injected from the start', () => {
    expectFreshStates(steady, [0, 1, 37, 38, 600, 4000]);
  });

  it('gives the fresh states after a fault injected and one cleared while the network runs', () => {
    const injected = nextEpoch(steady, 600, configured(OPTIONS, [AUTH, KEY]));
    expectFreshStates(injected, [0, 1, 30, 90, 400]);
    const cleared = nextEpoch(injected, 900, configured(OPTIONS, [KEY]));
    expectFreshStates(cleared, [0, 5, 120]);
  });

  it('gives the fresh states of a flapping and a rebooted router', () => {
    const flapping = withTimeEvents(steady, (events) => {
      startFlap(events, 'spoke2', 100, 60, 20);
      reboot(events, 'hub2', 300);
    });
    expectFreshStates(flapping, [90, 110, 125, 299, 300, 420]);
  });

  it('gives every router of a second in slices as the whole network simulated at once', () => {
    const simulation = new NetworkSimulation(steady.network);
    for (const at of [45, 700, 45]) {
      const sliced = [...simulation.inSlices(at, 5)].flat();
      const whole = simulate(steady.network, at);
      expect(new Map(sliced.map((state) => [state.hostname, state]))).toEqual(whole);
    }
  });
});
