// Overlay routing faults (diagnosis-reference.md section 1.7): the config change applied directly, both ends checked.

import { describe, expect, it } from 'vitest';
import type { RouterState } from '../model/state.js';
import { SPOKE1_TUNNEL, both, configOf, labNetwork, logs } from './test-network.js';

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
});
