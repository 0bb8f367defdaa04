import { describe, expect, it } from 'vitest';
import type { IkeTunnel, IpsecTunnel, SnmpInterface, SnmpPollResult } from '../../model/snmp.js';
import { snmpTunnelEventsBetween } from './snmp-events.js';

const T0 = Date.UTC(2026, 10, 25, 8);

function tunnel0(operStatus: 'up' | 'down', lastChangeSeconds: number): SnmpInterface {
  return {
    ifIndex: 3,
    name: 'Tunnel0',
    shortName: 'Tu0',
    type: 131,
    mtu: 1400,
    adminUp: true,
    operStatus,
    lastChangeSeconds,
    inOctets: 0n,
    outOctets: 0n,
    octetCounterBits: 64,
    inErrors: 0,
    outErrors: 0,
    inDiscards: 0,
    outDiscards: 0,
  };
}

const ends = { localAddress: '203.0.113.1', remoteAddress: '198.18.0.7', active: true };

function poll(atSeconds: number, upTimeSeconds: number, rows: Partial<SnmpPollResult> = {}): SnmpPollResult {
  return {
    device: 'hub1',
    collectedAt: T0 + atSeconds * 1000,
    durationMs: 5,
    system: { sysName: 'hub1', sysDescr: null, upTimeSeconds },
    interfaces: [],
    ike: { globals: null, tunnels: [] },
    ipsec: { globals: null, tunnels: [] },
    nhrp: { cache: [], nhs: [], nhc: [] },
    timings: [],
    errors: [],
    ...rows,
  };
}

const ike = (activeSeconds: number) => ({
  ike: { globals: null, tunnels: [{ ...ends, activeSeconds } as IkeTunnel] },
});
const ipsec = (activeSeconds: number) => ({
  ipsec: { globals: null, tunnels: [{ ...ends, activeSeconds } as IpsecTunnel] },
});

describe('tunnel events from SNMP polls', () => {
  it('places a state change at ifLastChange, between the polls', () => {
    const events = snmpTunnelEventsBetween(
      poll(0, 1_000, { interfaces: [tunnel0('up', 10)] }),
      poll(300, 1_300, { interfaces: [tunnel0('down', 1_200)] }),
    );
    expect(events).toEqual([
      {
        device: 'hub1',
        interface: 'Tunnel0',
        peer: '',
        from: 'up',
        to: 'down',
        at: T0 + 200_000,
        source: 'poll',
      },
    ]);
  });

  it('takes a router restart as a flap of its tunnels', () => {
    const events = snmpTunnelEventsBetween(
      poll(0, 50_000, { interfaces: [tunnel0('up', 10)], ...ipsec(40_000) }),
      poll(300, 100, { interfaces: [tunnel0('up', 10)], ...ipsec(60) }),
    );
    expect(events.map((event) => [event.interface || event.peer, event.to])).toEqual([
      ['Tunnel0', 'down'],
      ['Tunnel0', 'up'],
      ['198.18.0.7', 'DOWN'],
      ['198.18.0.7', 'UP'],
    ]);
  });

  it('ignores an IKE rekey under a lasting IPsec tunnel, and a tunnel that simply aged', () => {
    const before = poll(0, 1_000, { ...ike(86_000), ...ipsec(90_000) });
    const after = poll(300, 1_300, { ...ike(100), ...ipsec(90_300) });
    expect(snmpTunnelEventsBetween(before, after)).toEqual([]);
    expect(snmpTunnelEventsBetween(poll(0, 1_000, ike(500)), poll(300, 1_300, ike(800)))).toEqual([]);
    expect(snmpTunnelEventsBetween(poll(0, 1_000, ike(500)), poll(300, 1_300, ike(100)))).toHaveLength(2);
  });
});
