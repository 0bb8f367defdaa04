// A network as built comes up everywhere: every spoke registered with every hub, IKE and IPsec up with traffic both
// ways, routing adjacencies on both ends, spoke-to-spoke tunnels for the partner spokes, in every combination.

import { describe, expect, it } from 'vitest';
import type { LabOptions } from '../model/network.js';
import type { RouterState } from '../model/state.js';
import { hubNbma, hubTunnelAddress, spokePublicNbma, spokeTunnelAddress } from '../network/addressing.js';
import { simulate, simulateRouter, trafficPartner } from './index.js';
import { HUB_NBMA, SPOKE1_NBMA, both, hubRow, ipsecTo, labNetwork, logs, spokeRow } from './test-network.js';

const combinations: Partial<LabOptions>[] = [];
for (const phase of [1, 2, 3] as const)
  for (const ike of ['v1', 'v2'] as const)
    for (const routing of ['eigrp', 'ospf', 'bgp'] as const) combinations.push({ phase, ike, routing });
combinations.push({ phase: 3, hubs: 2, natSpokes: 1 }, { phase: 2, hubs: 2, ike: 'v2', routing: 'ospf' });

function expectHealthySpoke(spoke: RouterState, options: Partial<LabOptions>, number: number): void {
  const hubs = options.hubs ?? 1;
  for (let hub = 1; hub <= hubs; hub++) {
    const row = hubRow(spoke, hubNbma(hub));
    expect(row, `${spoke.hostname} row for hub${hub}`).toMatchObject({
      state: 'UP',
      tunnelAddresses: [hubTunnelAddress(hub)],
    });
    const nhs = spoke.nhs.find((entry) => entry.nhs === hubTunnelAddress(hub))!;
    expect(nhs.flags).toBe('RE');
    expect(nhs.replRecv).toBeGreaterThanOrEqual(nhs.reqSent - 1);
    const ipsec = ipsecTo(spoke, hubNbma(hub))!;
    expect(ipsec.inbound).not.toHaveLength(0);
    expect(ipsec.outbound).toHaveLength(1);
    expect(ipsec.pktsEncaps).toBeGreaterThan(0);
    expect(ipsec.pktsDecaps).toBeGreaterThan(0);
    const ike = spoke.ikeSas.find((sa) => sa.remote === hubNbma(hub))!;
    expect(ike.state).toBe(options.ike === 'v2' ? 'READY' : 'QM_IDLE');
    expect(spoke.cryptoSessions.find((session) => session.peer === hubNbma(hub))?.status).toBe('UP-ACTIVE');
    const neighbor = spoke.routingNeighbors.find((entry) => entry.neighbor === hubTunnelAddress(hub));
    expect(neighbor?.state, `${spoke.hostname} adjacency to hub${hub}`).toMatch(
      /^(up|FULL\/.*|Established)$/,
    );
  }
  const partner = trafficPartner({ phase: options.phase ?? 3, seed: 1, spokes: 4 }, number);
  const dynamic = spoke.dmvpn[0]!.peers.filter((peer) => peer.attrs[0]!.startsWith('D'));
  if (partner === null) expect(dynamic).toHaveLength(0);
  else {
    expect(dynamic).toHaveLength(1);
    expect(dynamic[0]).toMatchObject({
      state: 'UP',
      attrs: options.phase === 3 ? ['DT1', 'DT2'] : ['D'],
      tunnelAddresses:
        options.phase === 3
          ? [spokeTunnelAddress(partner), spokeTunnelAddress(partner)]
          : [spokeTunnelAddress(partner)],
    });
  }
}

describe('a healthy network', () => {
  it.each(combinations)('is UP everywhere after a minute: %o', (options) => {
    const network = labNetwork({ spokes: 4, ...options });
    for (const router of network.routers) network.bootAt.set(router.hostname, 0);
    const states = simulate(network, 60);
    for (let hub = 1; hub <= (options.hubs ?? 1); hub++) {
      const state = states.get(`hub${hub}`)!;
      const rows = state.dmvpn[0]!.peers;
      expect(state.dmvpn[0]!.type).toBe('Hub');
      expect(rows.map((row) => row.state)).toEqual(['UP', 'UP', 'UP', 'UP']);
      expect(rows.map((row) => row.tunnelAddresses[0])).toEqual([1, 2, 3, 4].map(spokeTunnelAddress));
      expect(state.routingNeighbors).toHaveLength(4);
      expect(state.ipsecSas.every((peer) => peer.pktsDecaps > 0 && peer.pktsEncaps > 0)).toBe(true);
    }
    for (let spoke = 1; spoke <= 4; spoke++) expectHealthySpoke(states.get(`spoke${spoke}`)!, options, spoke);
  });

  it('comes up a few seconds after both routers boot, with the logs of each step', () => {
    const network = labNetwork({ spokes: 1 });
    network.bootAt.set('hub1', 0);
    network.bootAt.set('spoke1', 0);
    expect(hubRow(both(network, 2).spoke)?.state).toBe('IKE');
    const { spoke, hub } = both(network, 60);
    const up = hubRow(spoke)!;
    expect(up.state).toBe('UP');
    expect(up.upDownSeconds).toBeGreaterThan(50);
    expect(logs(spoke, /NHRP_NHS_UP/)).toEqual([
      '%DMVPN-5-NHRP_NHS_UP: Tunnel0: Next Hop Server : (Tunnel: 10.0.0.1 NBMA: 203.0.113.1) for (Tunnel: 10.0.0.12 NBMA: 198.18.0.1) is UP',
    ]);
    expect(logs(spoke, /CRYPTO_SS/)).toEqual([
      '%DMVPN-5-CRYPTO_SS:  Tunnel0: local address : 198.18.0.1 remote address : 203.0.113.1 socket is UP',
    ]);
    expect(logs(hub, /NHRP_NHC_UP/)).toEqual([
      '%DMVPN-5-NHRP_NHC_UP: Tunnel0: Next Hop Client : (Tunnel: 10.0.0.12 NBMA: 198.18.0.1) for (Tunnel: 10.0.0.1 NBMA: 203.0.113.1) is UP',
    ]);
    expect(logs(hub, /DUAL-5-NBRCHANGE/)).toEqual([
      '%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.0.0.12 (Tunnel0) is up: new adjacency',
    ]);
    expect(logs(spoke, /LINEPROTO.*Tunnel0/)).toEqual([
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to up',
    ]);
  });

  it('keeps its routers up for days: uptimes, UpDn and IKE active times follow the boots', () => {
    const network = labNetwork();
    const { spoke, hub } = both(network, 0);
    const spokeBoot = network.bootAt.get('spoke1')!;
    expect(spoke.uptimeSeconds).toBe(-spokeBoot);
    expect(hub.uptimeSeconds).toBe(-network.bootAt.get('hub1')!);
    expect(hubRow(spoke)!.upDownSeconds).toBeGreaterThan(86_000);
    expect(spokeRow(hub)!.upDownSeconds).toBe(hubRow(spoke)!.upDownSeconds);
    const ike = spoke.ikeSas[0]!;
    expect(ike.activeSeconds).toBeLessThan(ike.lifetimeSeconds);
  });

  it('counts traffic and registrations on the clock: encaps/decaps rising, one registration per interval', () => {
    const network = labNetwork();
    const early = both(network, 100);
    const late = both(network, 400);
    const spokeEarly = ipsecTo(early.spoke, HUB_NBMA)!;
    const spokeLate = ipsecTo(late.spoke, HUB_NBMA)!;
    const hubEarly = ipsecTo(early.hub, SPOKE1_NBMA)!;
    const hubLate = ipsecTo(late.hub, SPOKE1_NBMA)!;
    expect(spokeLate.pktsEncaps).toBeGreaterThan(spokeEarly.pktsEncaps + 100);
    expect(spokeLate.pktsDecaps).toBeGreaterThan(spokeEarly.pktsDecaps + 100);
    expect(hubLate.pktsDecaps - hubEarly.pktsDecaps).toBe(spokeLate.pktsEncaps - spokeEarly.pktsEncaps);
    // What one end encrypts, the other decrypts.
    expect(hubLate.pktsDecaps).toBe(spokeLate.pktsEncaps);
    expect(hubLate.pktsEncaps).toBe(spokeLate.pktsDecaps);
    // Holdtime 300: a registration every 100 s, each answered.
    expect(late.spoke.nhs[0]!.reqSent - early.spoke.nhs[0]!.reqSent).toBe(3);
    expect(late.spoke.nhs[0]!.replRecv - early.spoke.nhs[0]!.replRecv).toBe(3);
    expect(late.spoke.nhs[0]!.lastReplySecondsAgo).toBeLessThan(100);
    const traffic = late.hub.nhrpTraffic[0]!.counters;
    expect(traffic.reg_req_rcvd).toBe(traffic.reg_reply_sent);
    expect(traffic.reg_req_rcvd).toBeGreaterThan(0);
  });

  it('rekeys its IPsec SAs: the remaining lifetime counts down, then new SPIs start again', () => {
    const network = labNetwork();
    const seconds = (at: number) => ipsecTo(both(network, at).spoke, HUB_NBMA)!.outbound[0]!;
    const first = seconds(1000);
    const later = seconds(1100);
    expect(later.remainingSeconds).toBe(first.remainingSeconds - 100);
    const afterRekey = seconds(1000 + first.remainingSeconds);
    expect(afterRekey.spi).not.toBe(first.spi);
    expect(afterRekey.remainingSeconds).toBeGreaterThan(first.remainingSeconds);
  });

  it('shows a spoke behind NAT with its public address, N and NAT-T', () => {
    const network = labNetwork({ natSpokes: 1 });
    const { spoke, hub } = both(network, 60, 'spoke3');
    const row = spokeRow(hub, spokeTunnelAddress(3))!;
    expect(row).toMatchObject({ nbma: spokePublicNbma(3), attrs: ['DN'], state: 'UP' });
    const cache = hub.nhrpCache.find((entry) => entry.target === `${spokeTunnelAddress(3)}/32`)!;
    expect(cache.claimedNbma).toBe('192.168.1.2');
    expect(cache.flags).toContain('registered');
    const hubSa = ipsecTo(hub, spokePublicNbma(3))!;
    expect(hubSa.remotePort).toBe(4500);
    expect(hubSa.inbound[0]!.natT).toBe(true);
    expect(hub.ikeSas.find((sa) => sa.remote === spokePublicNbma(3))!.localPort).toBe(4500);
    expect(ipsecTo(spoke, HUB_NBMA)!.local).toBe('192.168.1.2');
    expect(hubRow(spoke)!.state).toBe('UP');
  });

  // Speed is measured by `npm run bench:lab`; here only what a 5,000-spoke network shows.
  it('a 5,000-spoke dual-hub network with NAT spokes is UP on the hub and on a spoke', () => {
    const network = labNetwork({ spokes: 5000, hubs: 2, natSpokes: 50 });
    const hub = simulateRouter(network, 'hub1', 3600);
    const spoke = simulateRouter(network, 'spoke4321', 3600);
    expect(hub.dmvpn[0]!.peers).toHaveLength(5000);
    expect(hub.dmvpn[0]!.peers.every((peer) => peer.state === 'UP')).toBe(true);
    expect(hub.logs).toHaveLength(200);
    expect(hubRow(spoke)?.state).toBe('UP');
  });
});
