// Recursive routing (diagnosis-reference.md section 1.1): the hub advertises its own WAN subnet into the overlay.

import { describe, expect, it } from 'vitest';
import type { RouterState } from '../model/state.js';
import { HUB_NBMA, both, configOf, hubRow, labNetwork, logs } from './test-network.js';

const HUB_WAN = { address: '203.0.113.0', wildcard: '0.0.0.255', area: 0 };

function tunnelOf(state: RouterState) {
  return state.interfaces.find((view) => view.name === 'Tunnel0')!;
}

describe('recursive routing', () => {
  it('the spoke logs RECURDOWN and its tunnel goes down every 80 s, taking the adjacency and the NHS with it', () => {
    const network = labNetwork();
    configOf(network, 'hub1').routing.networks.push(HUB_WAN);
    const { spoke, hub } = both(network, 600);
    expect(tunnelOf(spoke)).toMatchObject({ adminUp: true, operUp: false });
    expect(tunnelOf(spoke).tunnel!.linestateDownReason).toBe('temporarily disabled due to recursive routing');
    expect(hubRow(spoke, HUB_NBMA)?.state).toBe('INTF');
    const recursions = spoke.logs.filter((log) => /TUN-5-RECURDOWN/.test(log.text));
    expect(recursions.map((log) => log.atSeconds)).toEqual([5, 85, 165, 245, 325, 405, 485, 565]);
    expect(recursions[0]!.text).toBe(
      '%TUN-5-RECURDOWN: Tunnel0 temporarily disabled due to recursive routing',
    );
    expect(logs(spoke, /LINEPROTO.*Tunnel0, changed state to up/, 1)).toHaveLength(7);
    expect(logs(spoke, /NBRCHANGE.*10\.0\.0\.1 .*is up: new adjacency/, 1)).toHaveLength(7);
    expect(logs(spoke, /NBRCHANGE.*10\.0\.0\.1 .*is down: interface down/)).toHaveLength(8);
    // The hub has no tunnel trouble: it loses the spoke's registration at once and its adjacency after the hold time.
    expect(tunnelOf(hub).operUp).toBe(true);
    expect(logs(hub, /RECURDOWN/)).toEqual([]);
    expect(logs(hub, /NHRP_NHC_DOWN.*10\.0\.0\.12/)).toHaveLength(8);
    expect(logs(hub, /NBRCHANGE.*10\.0\.0\.12 .*holding time expired/)).toHaveLength(8);
    expect(hub.routingNeighbors.find((neighbor) => neighbor.neighbor === '10.0.0.12')).toBeUndefined();
  });

  it('a WAN prefix the spokes do not use as NBMA, or another IGP, changes nothing', () => {
    const network = labNetwork();
    configOf(network, 'hub1').routing.networks.push({
      address: '198.51.100.0',
      wildcard: '0.0.0.255',
      area: 0,
    });
    expect(logs(both(network, 600).spoke, /RECURDOWN/)).toEqual([]);
    const bgpSpoke = labNetwork();
    configOf(bgpSpoke, 'hub1').routing.networks.push(HUB_WAN);
    configOf(bgpSpoke, 'spoke1').routing.protocol = 'ospf';
    expect(logs(both(bgpSpoke, 600).spoke, /RECURDOWN/)).toEqual([]);
  });
});
