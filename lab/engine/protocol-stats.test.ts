// The NHRP stats, tunnel protection statistics and event trace tell the story the other commands of the same second
// tell: the same packets received, the same sockets up, one trace event per NHRP peer message of the log.

import { describe, expect, it } from 'vitest';
import type { RouterState } from '../model/state.js';
import { applyFault } from '../faults/catalogue.js';
import { renderShowMonitorEventTraceDmvpn } from '../render/show-monitor-event-trace.js';
import { emptyState } from '../render/dmvpn-test-states.js';
import { simulate } from './index.js';
import { texts, type NhrpEnds } from './logs.js';
import { protocolStats, traceInterfaceName } from './protocol-stats.js';
import { labNetwork } from './test-network.js';

function checkConsistent(state: RouterState): void {
  for (const stats of state.nhrpStats!) {
    const traffic = state.nhrpTraffic.find((view) => view.interface === stats.interface)!;
    expect(stats.packetsReceived).toBe(traffic.counters.total_rcvd);
    const protectedPeers = state.ipsecSas.filter(
      (sa) => sa.interface === stats.interface && sa.inbound.length > 0,
    ).length;
    expect(stats.protectionUp - stats.protectionDown).toBeGreaterThanOrEqual(protectedPeers);
    const peerRows = state.dmvpn
      .find((view) => view.interface === stats.interface)!
      .peers.reduce((sum, peer) => sum + peer.tunnelAddresses.length, 0);
    expect(stats.endPointAdditions - stats.endPointDeletions).toBeGreaterThanOrEqual(peerRows);
    const tunnel = state.interfaces.find((view) => view.name === stats.interface)!;
    expect(stats.interfaceUp - stats.interfaceDown).toBe(tunnel.operUp ? 1 : 0);
  }
  const protection = state.tunnelProtectionStats!;
  expect(protection.socketUps).toBe(state.nhrpStats!.reduce((sum, stats) => sum + stats.protectionUp, 0));
  expect(protection.listenStarts).toBe(
    state.interfaces.filter((view) => view.adminUp && view.tunnel?.protectionProfile).length,
  );
  const peerMessages = state.logs.filter((log) => /^%DMVPN-5-NHRP_NH[SCP]_/.test(log.text));
  const exceptions = state.eventTrace!.filter((event) => event.trace === 'nhrp_exception');
  expect(exceptions.map((event) => event.atSeconds)).toEqual(peerMessages.map((log) => log.atSeconds));
}

describe('protocol stats of a lab network', () => {
  it.each([
    ['healthy, phase 3', () => labNetwork({ phase: 3 })],
    [
      'a spoke whose tunnel went down with its NHS (if-state nhrp)',
      () => {
        const network = labNetwork();
        applyFault(network, 'if-state-nhrp-down');
        return network;
      },
    ],
    [
      'a spoke whose IKE never comes up',
      () => {
        const network = labNetwork({ ike: 'v2' });
        applyFault(network, 'psk-mismatch', 'spoke1');
        return network;
      },
    ],
  ])('agree with the tables, traffic counters and log of every router: %s', (_, build) => {
    const states = simulate(build(), 900);
    for (const state of states.values()) checkConsistent(state);
  });

  it('a spoke-to-spoke shortcut shows as an endpoint added and an NHP up in the trace', () => {
    const states = simulate(labNetwork({ phase: 3, spokes: 4 }), 900);
    const spoke = [...states.values()].find((state) =>
      state.eventTrace?.some((event) => event.event === 'NHRP-NHP-UP'),
    );
    expect(spoke).toBeDefined();
    expect(spoke!.nhrpStats![0]!.endPointAdditions).toBeGreaterThanOrEqual(2);
  });
});

describe('event trace from the log', () => {
  it('turns NHRP peer messages into the exception and endpoint events of a real capture', () => {
    const ends: NhrpEnds = {
      interface: 'Tunnel1',
      peerTunnel: '192.168.10.2',
      peerNbma: '2.2.2.1',
      localTunnel: '192.168.10.1',
      localNbma: '1.1.1.1',
    };
    const state: RouterState = {
      ...emptyState('Hub', 'hub'),
      clockStartMs: Date.UTC(2024, 5, 22, 6, 39, 0, 0),
      logs: [
        { atSeconds: 29.169, text: texts.nhcUp(ends) },
        { atSeconds: 52.827, text: texts.nhcDown(ends, 'EXT - Admin action (config/clear commands)') },
      ],
    };
    const lines = renderShowMonitorEventTraceDmvpn({ ...state, ...protocolStats(state) }).split('\n');
    for (const line of [
      '*Jun 22 06:39:29.169: NHRP-TUNNEL-ENDPOINT-ADD tunnel: Tu1 Added tunnel endpoints nbma_dest: 2.2.2.1 vpn_dest: 192.168.10.2',
      '*Jun 22 06:39:29.169: NHRP-NHC-UP tunnel: Tu1 NHC up nbma_src: 1.1.1.1 vpn_src: 192.168.10.1 nbma_dest: 2.2.2.1 vpn_dest: 192.168.10.2 vrf: global(0x0)',
      '*Jun 22 06:39:52.827: NHRP-NHC-DOWN tunnel: Tu1 NHC down nbma_src: 1.1.1.1 vpn_src: 0.0.0.0 nbma_dest: 2.2.2.1 vpn_dest: 192.168.10.2 vrf: global(0x0) reason: EXT - Admin action (config/clear commands)',
      '*Jun 22 06:39:52.827: NHRP-TUNNEL-ENDPOINT-DELETE tunnel: Tu1 Deleting tunnel endpoints nbma_dest: 2.2.2.1 vpn_dest: 192.168.10.2',
    ])
      expect(lines).toContain(line);
  });

  it('names interfaces as the trace does', () => {
    expect(['Tunnel0', 'Tunnel100', 'GigabitEthernet1'].map(traceInterfaceName)).toEqual([
      'Tu0',
      'Tu100',
      'Gi1',
    ]);
  });
});
