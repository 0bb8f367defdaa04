// A network that changes while it runs: each change starts an epoch whose second 0 is the change and whose
// `previous` network is what ran before. Pairs the change does not touch keep their history exactly; the pairs it
// touches change at the change's second.

import { describe, expect, it } from 'vitest';
import type { AppliedFault, LabOptions } from '../model/network.js';
import type { RouterState } from '../model/state.js';
import { DEFAULT_OPTIONS } from '../network/build.js';
import type { Epoch } from '../live/epochs.js';
import { configured, nextEpoch, reboot, startFlap, stopFlap, withTimeEvents } from '../live/epochs.js';
import { liveState } from '../live/live-state.js';
import { simulate } from './index.js';

const OPTIONS: LabOptions = { ...DEFAULT_OPTIONS, spokes: 4 };
const AUTH: AppliedFault = { id: 'nhrp-auth-mismatch', target: 'spoke1' };

function start(faults: AppliedFault[] = []): Epoch {
  return { network: configured(OPTIONS, faults), start: 0 };
}

/** Every router's state at a live second, on the live clock. */
function at(epoch: Epoch, live: number): Map<string, RouterState> {
  const states = simulate(epoch.network, live - epoch.start);
  return new Map([...states].map(([name, state]) => [name, liveState(state, epoch.start)]));
}

function texts(state: RouterState, pattern: RegExp): string[] {
  return state.logs.filter((log) => pattern.test(log.text)).map((log) => `${log.atSeconds} ${log.text}`);
}

const untouched = ['spoke2', 'spoke3', 'spoke4'];

describe('engine epochs', () => {
  const steady = start();
  const injected = nextEpoch(steady, 600, configured(OPTIONS, [AUTH]));
  const cleared = nextEpoch(injected, 900, configured(OPTIONS, []));

  it('a fault injected at 600 takes the pair down at 600; the other spokes keep uptimes, SPIs and counters', () => {
    const before = at(steady, 1000);
    const after = at(injected, 1000);
    for (const name of untouched) expect(after.get(name)).toEqual(before.get(name));
    const hubRows = (states: Map<string, RouterState>) =>
      states.get('hub1')!.dmvpn[0]!.peers.filter((peer) => peer.tunnelAddresses[0] !== '10.0.0.12');
    expect(hubRows(after)).toEqual(hubRows(before));

    const spoke1 = after.get('spoke1')!;
    const hub = after.get('hub1')!;
    // Nothing before the change moves.
    expect(spoke1.logs.filter((log) => log.atSeconds < 600)).toEqual(
      before.get('spoke1')!.logs.filter((log) => log.atSeconds < 600),
    );
    expect(spoke1.uptimeSeconds).toBe(before.get('spoke1')!.uptimeSeconds);
    expect(texts(spoke1, /NHRP_NHS_DOWN/).filter((text) => Number(text.split(' ')[0]) >= 600)).toEqual([
      '628 %DMVPN-5-NHRP_NHS_DOWN: Tunnel0: Next Hop Server : (Tunnel: 10.0.0.1 NBMA: 203.0.113.1 ) for (Tunnel: 10.0.0.12 NBMA: 198.18.0.1) is DOWN, Reason: NHRP Registration Failure(NHRP: no error)',
    ]);
    expect(texts(hub, /authentication failure/)[0]).toMatch(/^613 /);
    expect(texts(hub, /NHRP_NHC_DOWN.*10\.0\.0\.12/).at(-1)).toMatch(
      /^813 .*Reason: External\(NHRP Registration timeout\)$/,
    );
    expect(spoke1.dmvpn[0]!.peers[0]).toMatchObject({ state: 'NHRP', upDownSeconds: 1000 - 628 });
  });

  it('cleared at 900 the pair comes UP again with a fresh uptime; the others still never noticed', () => {
    const never = at(steady, 1000);
    const states = at(cleared, 1000);
    for (const name of untouched) expect(states.get(name)).toEqual(never.get(name));
    const spoke1 = states.get('spoke1')!;
    expect(spoke1.dmvpn[0]!.peers[0]).toMatchObject({ state: 'UP', upDownSeconds: 1000 - 914 });
    expect(texts(spoke1, /NHRP_NHS_UP/).at(-1)).toMatch(/^914 /);
    // The epoch of the fault is still replayed: its DOWN stays in the buffer.
    expect(texts(spoke1, /NHRP_NHS_DOWN/).at(-1)).toMatch(/^628 /);
    expect(spoke1.uptimeSeconds).toBe(never.get('spoke1')!.uptimeSeconds);
  });

  it('a reboot at 700 restarts only that router and its pairs', () => {
    const rebooted = withTimeEvents(injected, (events) => reboot(events, 'spoke2', 700 - injected.start));
    const before = at(injected, 1000);
    const states = at(rebooted, 1000);
    expect(states.get('spoke2')!.uptimeSeconds).toBe(300);
    expect(states.get('spoke2')!.logs[0]!.atSeconds).toBeGreaterThanOrEqual(700);
    expect(texts(states.get('spoke2')!, /NHRP_NHS_UP/)).toHaveLength(1);
    for (const name of ['spoke3', 'spoke4', 'spoke1']) expect(states.get(name)).toEqual(before.get(name));
  });

  it('a flap started at 700 and stopped at 1000 drops the WAN every period in between, and no more', () => {
    const flapping = withTimeEvents(steady, (events) => startFlap(events, 'spoke3', 700, 180, 45));
    let stopped = false;
    const calm = withTimeEvents(flapping, (events) => {
      stopped = stopFlap(events, 'spoke3', 1000);
    });
    expect(stopped).toBe(true);
    const states = at(calm, 1500);
    const wanDowns = texts(
      states.get('spoke3')!,
      /%LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to down/,
    ).map((text) => text.split(' ')[0]);
    expect(wanDowns).toEqual(['700', '880']);
    expect(states.get('spoke3')!.dmvpn[0]!.peers[0]!.state).toBe('UP');
    const never = at(steady, 1500);
    // spoke4 is spoke3's traffic partner (its shortcut rebuilt after each drop); the other pair never noticed.
    for (const name of ['spoke1', 'spoke2']) expect(states.get(name)).toEqual(never.get(name));
  });

  it('a configuration that ran before the change is not logged again at the change', () => {
    const shut = nextEpoch(steady, 600, configured(OPTIONS, [{ id: 'tunnel-admin-down', target: 'spoke1' }]));
    const more = nextEpoch(
      shut,
      900,
      configured(OPTIONS, [
        { id: 'tunnel-admin-down', target: 'spoke1' },
        { id: 'nhrp-auth-mismatch', target: 'spoke2' },
      ]),
    );
    const spoke1 = at(more, 1000).get('spoke1')!;
    expect(texts(spoke1, /administratively down/).filter((text) => text.startsWith('900 '))).toEqual([]);
    expect(spoke1.interfaces.find((view) => view.name === 'Tunnel0')!.adminUp).toBe(false);
    expect(at(shut, 1000).get('spoke1')!.dmvpn).toEqual(spoke1.dmvpn);
  });
});
