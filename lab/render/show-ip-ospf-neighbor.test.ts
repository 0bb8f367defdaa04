import { describe, expect, it } from 'vitest';
import type { OspfNeighbor } from '../../model/records/system.js';
import type { RouterState } from '../model/state.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { OSPF_COLUMNS, renderShowIpOspfNeighbor } from './show-ip-ospf-neighbor.js';
import { expectAlignedRows } from './system-test-format.js';
import { hubState, largeRoutingHubState, neighbor, routing } from './system-test-states.js';

const OSPF = routing('ospf');

function parsed(state: RouterState): OspfNeighbor[] {
  return parseRendered<OspfNeighbor>('show ip ospf neighbor', renderShowIpOspfNeighbor(state, OSPF));
}

function mixedHub(): RouterState {
  const state = hubState();
  state.routingNeighbors = [
    neighbor('ospf', '10.0.0.12', 252, 32),
    neighbor('ospf', '10.0.0.13', 600, 119, 'FULL/DROTHER'),
    neighbor('ospf', '10.0.0.14', 5, 39, 'INIT/DROTHER'),
    neighbor('ospf', '10.0.0.1', 9, 38, 'FULL/DR'),
    neighbor('ospf', '10.0.0.200', 9, 40, 'EXSTART/BDR', 'Tunnel1'),
    neighbor('eigrp', '10.0.0.99', 60, 1),
  ];
  return state;
}

describe('show ip ospf neighbor round trip', () => {
  it('gives back every OSPF adjacency: state and role, dead time, address, interface', () => {
    const state = mixedHub();
    const expected = state.routingNeighbors
      .filter((view) => view.protocol === 'ospf')
      .map((view) => {
        const [adjacency, role] = view.state.split('/');
        return {
          neighborId: view.neighbor,
          address: view.neighbor,
          state: adjacency,
          role: role!.trim() === '-' ? null : role,
          deadTimeSeconds: view.detail,
          interface: view.interface,
        };
      });
    expect(
      parsed(state).map(
        ({ neighborId, address, state: adjacency, role, deadTimeSeconds, interface: name }) => ({
          neighborId,
          address,
          state: adjacency,
          role,
          deadTimeSeconds,
          interface: name,
        }),
      ),
    ).toEqual(expected);
  });

  it('prints the priorities of the lab: 1 with no election, 255 for the hub as DR, 0 for the spokes', () => {
    expect(parsed(mixedHub()).map((record) => record.priority)).toEqual([1, 0, 0, 255, 0]);
  });

  it('prints nothing without OSPF or without an adjacency', () => {
    expect(renderShowIpOspfNeighbor(mixedHub(), routing('eigrp'))).toBe('');
    expect(renderShowIpOspfNeighbor(hubState(), OSPF)).toBe('');
  });

  it('gives back all 5,000 spokes of a large hub', () => {
    const state = largeRoutingHubState('ospf', 5_000);
    const records = parsed(state);
    expect(records.map((record) => record.address)).toEqual(
      state.routingNeighbors.map((view) => view.neighbor),
    );
  });
});

describe('show ip ospf neighbor format against real captures', () => {
  const capture = captureLines('show_ip_ospf_neighbor', 'ntc__cisco_ios_show_ip_ospf_neighbor.raw');

  it('prints the same column headings after the blank line IOS starts with', () => {
    const lines = renderShowIpOspfNeighbor(mixedHub(), OSPF).split('\n');
    expect(lines.slice(0, 2)).toEqual(['', capture[0]]);
    expect(OSPF_COLUMNS).toBe(capture[0]);
  });

  it('puts every column of a row where IOS does for values of the same widths', () => {
    const state = hubState();
    state.routingNeighbors = [neighbor('ospf', '10.0.0.1', 60, 32, 'FULL/  -', 'Port-channel1')];
    const lines = renderShowIpOspfNeighbor(state, OSPF).split('\n').slice(2);
    expect(expectAlignedRows(lines, capture.slice(1))).toBeGreaterThan(0);
  });
});
