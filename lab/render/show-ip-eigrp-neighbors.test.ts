import { describe, expect, it } from 'vitest';
import type { EigrpNeighbor } from '../../model/records/system.js';
import type { RouterState } from '../model/state.js';
import { asShown } from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { EIGRP_COLUMNS, renderShowIpEigrpNeighbors } from './show-ip-eigrp-neighbors.js';
import { expectAlignedRows } from './system-test-format.js';
import { hubState, largeRoutingHubState, neighbor, routing } from './system-test-states.js';

const EIGRP = routing('eigrp');

function parsed(state: RouterState): EigrpNeighbor[] {
  return parseRendered<EigrpNeighbor>('show ip eigrp neighbors', renderShowIpEigrpNeighbors(state, EIGRP));
}

function mixedHub(): RouterState {
  const state = hubState();
  state.routingNeighbors = [
    neighbor('eigrp', '10.0.0.12', 252, 5),
    neighbor('eigrp', '10.0.0.13', 93_600, 1_915_033),
    neighbor('eigrp', '10.0.0.14', 2_246_400, 0),
    neighbor('eigrp', '192.168.1.239', 37_600_000, 1_915_033, '', 'GigabitEthernet0/0/2'),
    neighbor('eigrp', '10.0.0.15', 3, 1),
    neighbor('bgp', '10.0.0.99', 60, 1),
  ];
  return state;
}

describe('show ip eigrp neighbors round trip', () => {
  it('gives back every EIGRP neighbor of a hub: address, interface, uptime as IOS shows it, sequence, AS', () => {
    const state = mixedHub();
    const eigrp = state.routingNeighbors.filter((view) => view.protocol === 'eigrp');
    const records = parsed(state);
    const byAddress = new Map(records.map((record) => [record.address, record]));
    expect(records).toHaveLength(eigrp.length);
    for (const view of eigrp) {
      expect(byAddress.get(view.neighbor)).toMatchObject({
        as: 100,
        interface: view.interface.replace('Tunnel', 'Tu').replace('GigabitEthernet', 'Gi'),
        uptimeSeconds: asShown(view.upSeconds),
        sequence: view.detail,
        queueCount: 0,
      });
    }
  });

  it('numbers neighbors in the order they came up and lists the newest first, with hold times of a 15 s timer', () => {
    const records = parsed(mixedHub());
    expect(records.map((record) => record.address)).toEqual([
      '10.0.0.15',
      '10.0.0.12',
      '10.0.0.13',
      '10.0.0.14',
      '192.168.1.239',
    ]);
    expect(records.map((record) => record.handle)).toEqual([4, 3, 2, 1, 0]);
    for (const record of records) {
      expect(record.holdSeconds).toBeGreaterThanOrEqual(10);
      expect(record.holdSeconds).toBeLessThanOrEqual(14);
      expect(record.rtoMs).toBeGreaterThanOrEqual(Math.max(100, record.srttMs));
    }
  });

  it('prints the title alone without neighbors, and nothing on a router without EIGRP', () => {
    const state = hubState();
    expect(renderShowIpEigrpNeighbors(state, EIGRP)).toBe('EIGRP-IPv4 Neighbors for AS(100)\n');
    expect(parsed(state)).toEqual([]);
    expect(renderShowIpEigrpNeighbors(mixedHub(), routing('ospf'))).toBe('');
  });

  it('gives back all 5,000 spokes of a large hub', () => {
    const state = largeRoutingHubState('eigrp', 5_000);
    const records = parsed(state);
    expect(records).toHaveLength(5_000);
    expect(new Set(records.map((record) => record.handle)).size).toBe(5_000);
    const uptimes = new Map(records.map((record) => [record.address, record.uptimeSeconds]));
    for (const view of state.routingNeighbors)
      expect(uptimes.get(view.neighbor)).toBe(asShown(view.upSeconds));
  });
});

describe('show ip eigrp neighbors format against real captures', () => {
  const capture = captureLines('show_ip_eigrp_neighbors', 'ntc__cisco_ios_show_ip_eigrp_neighbors2.raw');
  const wider = captureLines('show_ip_eigrp_neighbors', 'ntc__cisco_ios_show_ip_eigrp_neighbors1.raw').map(
    (line) => line.replace(/\r$/, ''),
  );

  it('prints the IOS-XE title and column headings', () => {
    const lines = renderShowIpEigrpNeighbors(mixedHub(), EIGRP).split('\n');
    expect(lines.slice(0, 3)).toEqual(capture.slice(0, 3).map((line) => line.replace('AS(545)', 'AS(100)')));
    expect(EIGRP_COLUMNS).toEqual(capture.slice(1, 3));
  });

  it('puts every column of a row where IOS does for values of the same widths', () => {
    const lines = renderShowIpEigrpNeighbors(mixedHub(), EIGRP).split('\n').slice(3);
    expect(expectAlignedRows(lines, [...capture.slice(3), ...wider.slice(6)])).toBeGreaterThan(0);
  });
});
