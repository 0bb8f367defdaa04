// Overlay routing faults (diagnosis-reference.md section 1.7): the config change applied directly, both ends checked.

import { describe, expect, it } from 'vitest';
import { applyFault } from '../faults/catalogue.js';
import type { RouterState } from '../model/state.js';
import { spokeTunnelAddress } from '../network/addressing.js';
import { SPOKE1_TUNNEL, both, configOf, hubRow, labNetwork, logs } from './test-network.js';

const OSPF_PHASE2 = { routing: 'ospf', phase: 2 } as const;

function neighborState(state: RouterState, address: string): string | undefined {
  return state.routingNeighbors.find((neighbor) => neighbor.neighbor === address)?.state;
}

describe('OSPF faults', () => {
  it('healthy broadcast cloud: the hub is DR, every spoke DROTHER', () => {
    const { spoke, hub } = both(labNetwork(OSPF_PHASE2), 600);
    expect(neighborState(spoke, '10.0.0.1')).toBe('FULL/DR');
    expect(hub.routingNeighbors.map((neighbor) => neighbor.state)).toEqual([
      'FULL/DROTHER',
      'FULL/DROTHER',
      'FULL/DROTHER',
    ]);
  });

  it('a spoke without `ip ospf priority 0` is the BDR on the hub; the spoke still sees the hub as DR, nothing logged', () => {
    const network = labNetwork(OSPF_PHASE2);
    configOf(network, 'spoke1').tunnels[0]!.ospfPriority = null;
    const { spoke, hub } = both(network, 600);
    expect(neighborState(hub, SPOKE1_TUNNEL)).toBe('FULL/BDR');
    expect(neighborState(hub, '10.0.0.13')).toBe('FULL/DROTHER');
    expect(neighborState(spoke, '10.0.0.1')).toBe('FULL/DR');
    expect(logs(hub, /OSPF/)).toEqual([]);
    expect(logs(spoke, /OSPF/)).toEqual([]);
  });

  it('of two eligible spokes the higher priority is BDR, then the higher router id', () => {
    const network = labNetwork(OSPF_PHASE2);
    configOf(network, 'spoke1').tunnels[0]!.ospfPriority = null;
    configOf(network, 'spoke2').tunnels[0]!.ospfPriority = null;
    expect(neighborState(both(network, 600).hub, '10.0.0.13')).toBe('FULL/BDR');
    expect(neighborState(both(network, 600).hub, SPOKE1_TUNNEL)).toBe('FULL/DROTHER');
    configOf(network, 'spoke1').tunnels[0]!.ospfPriority = 5;
    expect(neighborState(both(network, 600).hub, SPOKE1_TUNNEL)).toBe('FULL/BDR');
  });

  it('a point-to-multipoint hub has no DR/BDR, whatever the spoke priorities', () => {
    const network = labNetwork({ routing: 'ospf', phase: 3 });
    configOf(network, 'spoke1').tunnels[0]!.ospfPriority = null;
    expect(neighborState(both(network, 600).hub, SPOKE1_TUNNEL)).toBe('FULL/  -');
  });

  it('a spoke of another network type: no adjacency on either end, both log the dead timer', () => {
    const network = labNetwork(OSPF_PHASE2);
    configOf(network, 'spoke1').tunnels[0]!.ospfNetwork = 'point-to-multipoint';
    const { spoke, hub } = both(network, 600);
    expect(spoke.routingNeighbors).toEqual([]);
    expect(neighborState(hub, SPOKE1_TUNNEL)).toBeUndefined();
    expect(neighborState(hub, '10.0.0.13')).toBe('FULL/DROTHER');
    expect(logs(spoke, /OSPF-5-ADJCHG/)).toEqual([
      '%OSPF-5-ADJCHG: Process 100, Nbr 10.0.0.1 on Tunnel0 from FULL to DOWN, Neighbor Down: Dead timer expired',
    ]);
    expect(logs(hub, /OSPF-5-ADJCHG/)).toEqual([
      '%OSPF-5-ADJCHG: Process 100, Nbr 10.0.0.12 on Tunnel0 from FULL to DOWN, Neighbor Down: Dead timer expired',
    ]);
  });

  it('a point-to-multipoint phase 2 cloud: adjacencies FULL on both ends, but no spoke-to-spoke D rows', () => {
    const healthy = labNetwork({ ...OSPF_PHASE2, spokes: 4 });
    const dynamic = (state: RouterState, to: number) =>
      state.dmvpn[0]!.peers.find((peer) => peer.tunnelAddresses[0] === spokeTunnelAddress(to));
    expect(dynamic(both(healthy, 600, 'spoke3').spoke, 4)).toMatchObject({ state: 'UP', attrs: ['D'] });
    const network = labNetwork({ ...OSPF_PHASE2, spokes: 4 });
    applyFault(network, 'ospf-p2mp-in-phase2');
    const { spoke, hub } = both(network, 600, 'spoke3');
    expect(neighborState(spoke, '10.0.0.1')).toBe('FULL/  -');
    expect(hub.routingNeighbors.map((neighbor) => neighbor.state)).toEqual(Array(4).fill('FULL/  -'));
    expect(hubRow(spoke)?.state).toBe('UP');
    expect(dynamic(spoke, 4)).toBeUndefined();
    expect(dynamic(both(network, 600, 'spoke4').spoke, 3)).toBeUndefined();
    expect(logs(spoke, /OSPF-5-ADJCHG.*DOWN/)).toEqual([]);
    expect(logs(hub, /OSPF-5-ADJCHG.*DOWN/)).toEqual([]);
  });
});

describe('BGP faults', () => {
  it('next-hop-self on a phase 2 hub: sessions Established on both ends, but no spoke-to-spoke D rows', () => {
    const options = { routing: 'bgp', phase: 2, spokes: 4 } as const;
    const dynamic = (state: RouterState, to: number) =>
      state.dmvpn[0]!.peers.find((peer) => peer.tunnelAddresses[0] === spokeTunnelAddress(to));
    expect(dynamic(both(labNetwork(options), 600, 'spoke3').spoke, 4)).toMatchObject({ attrs: ['D'] });
    const network = labNetwork(options);
    applyFault(network, 'bgp-next-hop-phase2');
    const { spoke, hub } = both(network, 600, 'spoke3');
    expect(neighborState(spoke, '10.0.0.1')).toBe('Established');
    expect(hub.routingNeighbors.map((neighbor) => neighbor.state)).toEqual(Array(4).fill('Established'));
    expect(hubRow(spoke)?.state).toBe('UP');
    expect(dynamic(spoke, 4)).toBeUndefined();
    expect(dynamic(both(network, 600, 'spoke4').spoke, 3)).toBeUndefined();
    expect(logs(spoke, /BGP-5-ADJCHANGE.*Down/)).toEqual([]);
    expect(logs(hub, /BGP-5-ADJCHANGE.*Down/)).toEqual([]);
  });
});
