// The live lab on the real engine: its clock is paused (speed 0) and moved with advance(), so nothing waits for
// wall time except the tick timer.

import { afterEach, describe, expect, it } from 'vitest';
import { CNE } from '../traps/oids.js';
import { createLiveLab } from './live-lab.js';
import type { LabTick, LiveLab } from './types.js';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);
const labs: LiveLab[] = [];

function pausedLab(faults: string[] = [], tickSeconds?: number): LiveLab {
  const lab = createLiveLab(
    { spokes: 3 },
    { speed: 0, startWallMs: START, faults, ...(tickSeconds === undefined ? {} : { tickSeconds }) },
  );
  labs.push(lab);
  return lab;
}

afterEach(() => {
  for (const lab of labs.splice(0)) lab.close();
});

function hubRow(lab: LiveLab, spoke: string) {
  return lab.state(spoke).dmvpn[0]!.peers[0]!;
}

function nextTick(lab: LiveLab, match: (tick: LabTick) => boolean): Promise<LabTick> {
  return new Promise((resolve) => {
    const stop = lab.onTick((tick) => {
      if (!match(tick)) return;
      stop();
      resolve(tick);
    });
  });
}

describe('the live lab', () => {
  it('names its routers and starts at second 0 of the wall time it was given', () => {
    const lab = pausedLab();
    expect(lab.hostnames()).toEqual(['hub1', 'spoke1', 'spoke2', 'spoke3']);
    expect(lab.has('spoke3')).toBe(true);
    expect(lab.has('spoke4')).toBe(false);
    expect(lab.clock()).toEqual({ atSeconds: 0, speed: 0, startWallMs: START });
    expect(lab.options.spokes).toBe(3);
    expect(lab.config('spoke1').role).toBe('spoke');
  });

  it('takes a fault injected at 600 down from 600, and brings it back UP when cleared at 900', () => {
    const lab = pausedLab();
    lab.advance(600);
    const uptime = lab.state('spoke2').uptimeSeconds;
    const spi = lab.state('spoke2').ipsecSas[0]!.inbound[0]!.spi;
    expect(lab.injectFault('nhrp-auth-mismatch', 'spoke1')).toEqual({
      id: 'nhrp-auth-mismatch',
      target: 'spoke1',
    });
    expect(lab.faults()).toEqual([{ id: 'nhrp-auth-mismatch', target: 'spoke1' }]);
    lab.advance(300);
    expect(hubRow(lab, 'spoke1')).toMatchObject({ state: 'NHRP', upDownSeconds: 900 - 628 });
    const down = lab.state('spoke1').logs.find((log) => log.text.includes('NHRP_NHS_DOWN'));
    expect(down?.atSeconds).toBe(628);
    expect(lab.state('spoke1').atSeconds).toBe(900);
    // The router's clock is the lab's wall time: second 628 is 10 min 28 s after START.
    expect(lab.run('spoke1', 'show logging')).toContain(
      '*Jan 10 12:10:28.000: %DMVPN-5-NHRP_NHS_DOWN: Tunnel0: Next Hop Server : (Tunnel: 10.0.0.1',
    );
    expect(lab.state('spoke2').uptimeSeconds).toBe(uptime + 300);
    expect(lab.state('spoke2').ipsecSas[0]!.inbound[0]!.spi).toBe(spi);

    expect(lab.clearFault('nhrp-auth-mismatch')).toEqual([{ id: 'nhrp-auth-mismatch', target: 'spoke1' }]);
    expect(lab.faults()).toEqual([]);
    lab.advance(100);
    expect(hubRow(lab, 'spoke1')).toMatchObject({ state: 'UP', upDownSeconds: 1000 - 914 });
    expect(lab.run('spoke1', 'show dmvpn')).toMatch(/203\.0\.113\.1\s+10\.0\.0\.1\s+UP 00:01:26\s+S/);
  });

  it('starts with the faults it is given, on their default router or the one named', () => {
    const lab = pausedLab(['tunnel-admin-down@spoke2', 'nhrp-auth-mismatch']);
    expect(lab.faults()).toEqual([
      { id: 'tunnel-admin-down', target: 'spoke2' },
      { id: 'nhrp-auth-mismatch', target: 'spoke1' },
    ]);
    lab.advance(60);
    expect(lab.state('spoke2').interfaces.find((view) => view.name === 'Tunnel0')!.adminUp).toBe(false);
    expect(lab.clearFault('tunnel-admin-down', 'spoke2')).toHaveLength(1);
    lab.advance(60);
    expect(lab.state('spoke2').interfaces.find((view) => view.name === 'Tunnel0')!.adminUp).toBe(true);
    expect(lab.faults()).toEqual([{ id: 'nhrp-auth-mismatch', target: 'spoke1' }]);
  });

  it('says what does not fit: an unknown fault or router, a fault not injected, a router not flapping', () => {
    const lab = pausedLab();
    expect(() => lab.injectFault('no-such-fault')).toThrow(/unknown fault "no-such-fault"/);
    expect(() => lab.injectFault('nhrp-auth-mismatch', 'spoke9')).toThrow(/no router "spoke9"/);
    expect(() => lab.injectFault('nhs-wrong-nbma', 'hub1')).toThrow(/goes on a spoke; hub1 is a hub/);
    expect(() => lab.clearFault('nhrp-auth-mismatch')).toThrow(
      'fault "nhrp-auth-mismatch" is not injected; injected faults: none',
    );
    expect(() => lab.state('spoke9')).toThrow(
      /no router named "spoke9" in this lab \(it has hub1, spoke1\.\.spoke3\)/,
    );
    expect(() => lab.stopFlap('spoke1')).toThrow('spoke1 is not flapping');
    expect(() => lab.flap('spoke1', 60, 60)).toThrow(/0 < downSeconds < periodSeconds/);
    expect(lab.faults()).toEqual([]);
  });

  it('reboots a router now, and flaps its WAN from now until stopped', () => {
    const lab = pausedLab();
    lab.advance(300);
    lab.reboot('spoke2');
    expect(lab.state('spoke2').uptimeSeconds).toBe(0);
    lab.advance(100);
    expect(lab.state('spoke2').uptimeSeconds).toBe(100);
    expect(hubRow(lab, 'spoke2').state).toBe('UP');

    lab.flap('spoke3', 120, 30);
    lab.advance(10);
    expect(hubRow(lab, 'spoke3').state).not.toBe('UP');
    lab.advance(290);
    lab.stopFlap('spoke3');
    lab.advance(300);
    const downs = lab
      .state('spoke3')
      .logs.filter((log) =>
        log.text.startsWith('%LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to down'),
      )
      .map((log) => log.atSeconds);
    expect(downs).toEqual([400, 520, 640]);
    expect(hubRow(lab, 'spoke3').state).toBe('UP');
  });

  it('plays a fault that is an event from the moment it is injected, and stops it when cleared', () => {
    const lab = pausedLab();
    lab.advance(300);
    lab.injectFault('stale-sa', 'spoke1');
    expect(lab.state('spoke1').uptimeSeconds).toBe(0);
    lab.injectFault('tunnel-flapping', 'spoke3');
    lab.advance(400);
    lab.clearFault('tunnel-flapping');
    lab.advance(600);
    const downs = lab
      .state('spoke3')
      .logs.filter((log) =>
        log.text.startsWith('%LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to down'),
      )
      .map((log) => log.atSeconds);
    expect(downs).toEqual([300, 480, 660]);
    expect(lab.state('spoke1').uptimeSeconds).toBe(1000);
    expect(lab.faults()).toEqual([{ id: 'stale-sa', target: 'spoke1' }]);
  });

  it('ticks what the routers logged, stamped with their wall clock and numbered, with their traps', async () => {
    const lab = pausedLab([], 0.05);
    const first = nextTick(lab, (tick) => tick.messages.length > 0);
    lab.advance(600);
    lab.injectFault('nhrp-auth-mismatch', 'spoke1');
    lab.advance(300);
    const tick = await first;
    expect(tick.fromSeconds).toBe(0);
    expect(tick.toSeconds).toBe(900);
    const down = tick.messages.find((message) => message.text.includes('NHRP_NHS_DOWN'))!;
    expect(down).toMatchObject({ hostname: 'spoke1', atSeconds: 628, wallMs: START + 628_000 });
    const spoke1 = tick.messages.filter((message) => message.hostname === 'spoke1');
    expect(spoke1.map((message) => message.sequence)).toEqual(
      spoke1.map((_, index) => spoke1[0]!.sequence + index),
    );
    expect(tick.messages.map((message) => message.atSeconds)).toEqual(
      [...tick.messages.map((message) => message.atSeconds)].sort((a, b) => a - b),
    );
    const trap = tick.traps.find((each) => each.trapOid === CNE.nextHopRegServerDown);
    expect(trap).toMatchObject({ router: 'spoke1', atSeconds: 628 });

    const second = nextTick(lab, (next) => next.messages.length > 0);
    lab.clearFault('nhrp-auth-mismatch');
    lab.advance(100);
    const after = await second;
    expect(after.fromSeconds).toBe(900);
    const up = after.messages.find((message) => message.text.includes('NHRP_NHS_UP'))!;
    expect(up).toMatchObject({ hostname: 'spoke1', atSeconds: 914, sequence: spoke1.at(-1)!.sequence + 1 });
  });
});
