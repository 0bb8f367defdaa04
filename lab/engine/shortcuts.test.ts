// Spoke-to-spoke tunnels between the partner spokes: phase 3 shortcuts (DT1/DT2) after the hub's redirect, phase 2
// resolution, their own IKE/IPsec SAs, and the rows left when the direct path between the spokes fails.

import { describe, expect, it } from 'vitest';
import { spokePublicNbma, spokeTunnelAddress } from '../network/addressing.js';
import { trafficPartner } from './index.js';
import { both, configOf, hubRow, ikeTo, ipsecTo, labNetwork, logs } from './test-network.js';

/** Spokes 3 and 4 talk to each other with the default seed. */
const [A, B] = [3, 4];

function dynamicRow(network: ReturnType<typeof labNetwork>, from: number, to: number, at = 120) {
  const { spoke } = both(network, at, `spoke${from}`);
  return {
    spoke,
    row: spoke.dmvpn[0]!.peers.find((peer) => peer.tunnelAddresses[0] === spokeTunnelAddress(to)),
  };
}

describe('spoke-to-spoke tunnels', () => {
  it('pairs a few spokes deterministically, none in phase 1', () => {
    expect(trafficPartner({ phase: 3, seed: 1, spokes: 20 }, A)).toBe(B);
    expect(trafficPartner({ phase: 3, seed: 1, spokes: 20 }, 13)).toBe(14);
    expect(trafficPartner({ phase: 3, seed: 1, spokes: 20 }, 1)).toBeNull();
    expect(trafficPartner({ phase: 1, seed: 1, spokes: 20 }, A)).toBeNull();
    expect(trafficPartner({ phase: 3, seed: 2, spokes: 20 }, 5)).toBe(6);
  });

  it('phase 3: redirect, resolution and a shortcut with DT1/DT2, rib/nho routes and its own SAs', () => {
    const network = labNetwork({ spokes: 4 });
    const { spoke, row } = dynamicRow(network, A, B);
    expect(row).toMatchObject({
      nbma: spokePublicNbma(B),
      state: 'UP',
      attrs: ['DT1', 'DT2'],
      targetNetworks: [`${spokeTunnelAddress(B)}/32`, '10.100.4.0/24'],
    });
    expect(
      spoke.nhrpCache.filter((entry) => entry.via === spokeTunnelAddress(B)).map((entry) => entry.flags),
    ).toEqual([
      ['router', 'nhop', 'rib'],
      ['router', 'rib', 'nho'],
    ]);
    expect(ikeTo(spoke, spokePublicNbma(B))[0]!.state).toBe('QM_IDLE');
    const mine = ipsecTo(spoke, spokePublicNbma(B))!;
    const theirs = ipsecTo(both(network, 120, `spoke${B}`).spoke, spokePublicNbma(A))!;
    expect(mine.pktsEncaps).toBeGreaterThan(0);
    expect(mine.outbound[0]!.spi).toBe(theirs.inbound[0]!.spi);
    expect(logs(spoke, /NHRP_NHP_UP/, -Infinity)).toEqual([
      '%DMVPN-5-NHRP_NHP_UP: Tunnel0: Next Hop Peer : (Tunnel: 10.0.0.15 NBMA: 198.18.0.4) for (Tunnel: 10.0.0.14 NBMA: 198.18.0.3) is UP',
    ]);
    const counters = spoke.nhrpTraffic[0]!.counters;
    expect(counters.traffic_ind_rcvd).toBe(1);
    expect(counters.res_req_sent).toBeGreaterThan(0);
    expect(counters.res_reply_rcvd).toBe(counters.res_req_sent);
    expect(counters.res_req_rcvd).toBeGreaterThan(0);
  });

  it('phase 2: resolution through the hub gives a D entry; with next-hop-self on the hub there is none', () => {
    const network = labNetwork({ spokes: 4, phase: 2 });
    expect(dynamicRow(network, A, B).row).toMatchObject({ state: 'UP', attrs: ['D'] });
    configOf(network, 'hub1').tunnels[0]!.eigrpNextHopSelf = true;
    expect(dynamicRow(network, A, B).row).toBeUndefined();
  });

  it('a direct path the spokes cannot use leaves the D entry in IKE, traffic staying on the hub', () => {
    const network = labNetwork({ spokes: 4 });
    network.underlay.blocks.push({ from: `spoke${A}`, to: `spoke${B}`, protocol: 'udp500' });
    const { spoke, row } = dynamicRow(network, A, B);
    expect(row).toMatchObject({ state: 'IKE', attrs: ['D'], upDownSeconds: null });
    // The initiator retries unanswered; the responder never heard it.
    expect(ikeTo(spoke, spokePublicNbma(B))).toMatchObject([{ state: 'MM_NO_STATE', connId: 0 }]);
    expect(ikeTo(both(network, 120, `spoke${B}`).spoke, spokePublicNbma(A))).toEqual([]);
    expect(logs(spoke, /NHRP_NHP_UP/, -Infinity)).toEqual([]);
    expect(hubRow(spoke)?.state).toBe('UP');
  });

  it('two spokes behind PAT never build their tunnel', () => {
    const network = labNetwork({ spokes: 4, natSpokes: 2 });
    expect(dynamicRow(network, A, B).row?.state).toBe('IKE');
  });

  it('dual hub: losing one hub leaves its rows in IKE; registration and shortcuts go on through the other', () => {
    const network = labNetwork({ spokes: 4, hubs: 2 });
    network.underlay.wanDown.add('hub2');
    const { spoke, row } = dynamicRow(network, A, B, 300);
    expect(hubRow(spoke, '203.0.113.1')?.state).toBe('UP');
    expect(hubRow(spoke, '203.0.113.2')?.state).toBe('IKE');
    expect(row?.state).toBe('UP');
    expect(spoke.nhs.map((nhs) => nhs.flags)).toEqual(['RE', 'E']);
  });
});
