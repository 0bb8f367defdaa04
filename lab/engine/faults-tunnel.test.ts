// Tunnel interface faults (diagnosis-reference.md sections 1.1 and 1.5): an administratively down tunnel, a hub in
// point-to-point GRE mode without destination, and a tunnel without `ip mtu` / `ip tcp adjust-mss`.

import { describe, expect, it } from 'vitest';
import type { RouterState } from '../model/state.js';
import {
  HUB_NBMA,
  SPOKE1_NBMA,
  both,
  configOf,
  hubRow,
  ikeTo,
  ipsecTo,
  labNetwork,
  logs,
  spokeRow,
} from './test-network.js';
import { simulate } from './index.js';
import { applyFault } from '../faults/catalogue.js';
import { renderShowDmvpnDetail } from '../render/show-dmvpn-detail.js';
import { renderRunningConfigInterface } from '../render/show-running-config.js';

function tunnelOf(state: RouterState) {
  return state.interfaces.find((view) => view.name === 'Tunnel0')!;
}

describe('tunnel faults', () => {
  it('`if-state nhrp` with failing registrations: Tunnel0 goes down after the last NHS, INTF, State Control Enabled', () => {
    const network = labNetwork();
    applyFault(network, 'if-state-nhrp-down');
    const before = both(network, 10);
    expect(tunnelOf(before.spoke)).toMatchObject({ operUp: true });
    expect(hubRow(before.spoke)?.state).toBe('UP');
    const { spoke, hub } = both(network, 600);
    expect(tunnelOf(spoke)).toMatchObject({ adminUp: true, operUp: false });
    expect(tunnelOf(spoke).tunnel?.linestateDownReason).toBe('NHRP NHS down');
    expect(hubRow(spoke)?.state).toBe('INTF');
    expect(spoke.nhs[0]!.flags).toBe('E');
    expect(spoke.dmvpn[0]!.interfaceStateControl).toBe(true);
    const down = spoke.logs.filter(
      (log) => log.atSeconds >= 0 && /NHRP_NHS_DOWN|LINEPROTO.*Tunnel0/.test(log.text),
    );
    expect(down.map((log) => log.text)).toEqual([
      '%DMVPN-5-NHRP_NHS_DOWN: Tunnel0: Next Hop Server : (Tunnel: 10.0.0.1 NBMA: 203.0.113.1 ) for (Tunnel: 10.0.0.12 NBMA: 198.18.0.1) is DOWN, Reason: NHRP Registration Failure(NHRP: no error)',
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to down',
    ]);
    expect(down[1]!.atSeconds).toBe(down[0]!.atSeconds);
    expect(spokeRow(hub)).toMatchObject({ nbma: 'UNKNOWN', state: 'IKE', attrs: ['IX'] });
    expect(logs(hub, /authentication failure \(11\)/).length).toBeGreaterThan(0);
    expect(hub.dmvpn[0]!.interfaceStateControl).toBeUndefined();
    expect(renderShowDmvpnDetail(spoke)).toContain('Interface Tunnel0 is up/down');
    expect(renderShowDmvpnDetail(spoke)).toContain('   Interface State Control: Enabled');
    expect(renderShowDmvpnDetail(hub)).toContain('   Interface State Control: Disabled');
    expect(renderRunningConfigInterface(configOf(network, 'spoke1'), 'Tunnel0')).toContain(
      '\n if-state nhrp\n',
    );
  });

  it('`if-state nhrp` alone changes nothing while the NHS answers; a spoke rebooted with it comes up with its NHS', () => {
    const network = labNetwork();
    configOf(network, 'spoke1').tunnels[0]!.ifStateNhrp = true;
    network.underlay.reboots.set('spoke1', 100);
    const { spoke } = both(network, 600);
    expect(tunnelOf(spoke)).toMatchObject({ operUp: true });
    expect(hubRow(spoke)?.state).toBe('UP');
    const nhsUp = spoke.logs.find((log) => /NHRP_NHS_UP/.test(log.text))!;
    const lineUp = spoke.logs.filter((log) => /LINEPROTO.*Tunnel0, changed state to up/.test(log.text));
    expect(lineUp.map((log) => log.atSeconds)).toEqual([nhsUp.atSeconds]);
  });

  it('a spoke tunnel shut down: administratively down, INTF, and the hub is told at once', () => {
    const network = labNetwork();
    configOf(network, 'spoke1').tunnels[0]!.shutdown = true;
    const { spoke, hub } = both(network, 120);
    expect(tunnelOf(spoke)).toMatchObject({ adminUp: false, operUp: false });
    expect(hubRow(spoke)?.state).toBe('INTF');
    expect(logs(spoke, /Tunnel0/).slice(0, 2)).toEqual([
      '%LINK-5-CHANGED: Interface Tunnel0, changed state to administratively down',
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to down',
    ]);
    expect(spokeRow(hub)).toBeUndefined();
    expect(hub.logs.find((log) => /NHRP_NHC_DOWN.*10\.0\.0\.12/.test(log.text))?.atSeconds).toBe(0);
  });

  it('a hub in `tunnel mode gre ip` without destination: up/down with its reason, no isakmp SA, spokes in IKE', () => {
    const network = labNetwork();
    const tunnel = configOf(network, 'hub1').tunnels[0]!;
    tunnel.mode = 'gre ip';
    tunnel.destination = null;
    const { spoke, hub } = both(network, 300);
    const view = tunnelOf(hub);
    expect(view).toMatchObject({ adminUp: true, operUp: false });
    expect(view.tunnel).toMatchObject({
      mode: 'GRE/IP',
      linestateDownReason: 'no IPv4 tunnel destination address',
    });
    expect(hub.ikeSas).toEqual([]);
    expect(hub.dmvpn[0]!.peers).toEqual([]);
    expect(logs(hub, /LINEPROTO.*Tunnel0, changed state to down/)).toHaveLength(1);
    expect(hubRow(spoke)?.state).toBe('IKE');
    expect(ikeTo(spoke, HUB_NBMA)[0]!.state).toBe('MM_NO_STATE');
  });

  it('no `ip mtu` / `adjust-mss`: the tunnel carries 1472 bytes (1400 when set) while IPsec leaves 1446; nothing else changes', () => {
    const healthy = both(labNetwork(), 120);
    expect(tunnelOf(healthy.spoke).tunnel!.transportMtu).toBe(1400);
    const network = labNetwork();
    const tunnel = configOf(network, 'spoke1').tunnels[0]!;
    tunnel.ipMtu = null;
    tunnel.tcpAdjustMss = null;
    const { spoke, hub } = both(network, 120);
    expect(tunnelOf(spoke).tunnel!.transportMtu).toBe(1472);
    expect(ipsecTo(spoke, HUB_NBMA)!.plaintextMtu).toBe(1446);
    expect(hubRow(spoke)).toEqual(hubRow(healthy.spoke));
    expect(spokeRow(hub)).toEqual(spokeRow(healthy.hub));
    expect(ipsecTo(hub, SPOKE1_NBMA)!.pktsDecaps).toBe(ipsecTo(healthy.hub, SPOKE1_NBMA)!.pktsDecaps);
    expect(spoke.logs).toEqual(healthy.spoke.logs);
  });

  it("a spoke given another spoke's tunnel address: its registrations are refused, the first owner keeps the entry", () => {
    const network = labNetwork();
    configOf(network, 'spoke1').tunnels[0]!.address = '10.0.0.13';
    const states = simulate(network, 600);
    const spoke = states.get('spoke1')!;
    const owner = states.get('spoke2')!;
    const hub = states.get('hub1')!;
    expect(hubRow(spoke)?.state).toBe('NHRP');
    expect(spoke.nhs[0]!.flags).toBe('E');
    expect(logs(spoke, /NHRP_NHS_DOWN.*Registration Failure/)).toHaveLength(1);
    expect(spoke.routingNeighbors).toEqual([]);
    expect(hubRow(owner)?.state).toBe('UP');
    expect(owner.nhs[0]!.flags).toBe('RE');
    const rows = hub.dmvpn[0]!.peers.filter((peer) => peer.tunnelAddresses[0] === '10.0.0.13');
    expect(rows.map((row) => [row.nbma, row.state])).toEqual([['198.18.0.2', 'UP']]);
    expect(logs(hub, /NHRP_NHC_DOWN.*NBMA: 198\.18\.0\.1 /)).toHaveLength(1);
    expect(logs(hub, /DMVPN_NHRP_ERROR/)).toEqual([]);
  });

  it('the owner is the spoke still at its built address, whichever spoke number is lower', () => {
    const network = labNetwork();
    configOf(network, 'spoke3').tunnels[0]!.address = '10.0.0.12';
    const states = simulate(network, 600);
    expect(hubRow(states.get('spoke3')!)?.state).toBe('NHRP');
    expect(hubRow(states.get('spoke1')!)?.state).toBe('UP');
  });

  it('two spokes both moved to a third address: the lower spoke number keeps it', () => {
    const network = labNetwork();
    configOf(network, 'spoke2').tunnels[0]!.address = '10.0.0.99';
    configOf(network, 'spoke3').tunnels[0]!.address = '10.0.0.99';
    const states = simulate(network, 600);
    expect(hubRow(states.get('spoke2')!)?.state).toBe('UP');
    expect(hubRow(states.get('spoke3')!)?.state).toBe('NHRP');
  });
});

describe('a crypto map beside tunnel protection', () => {
  it('stops the spoke at IPSEC: QM_IDLE on both ends, no IPsec SA, UP-IDLE; the config shows the map', () => {
    const network = labNetwork();
    applyFault(network, 'crypto-map-vs-tunnel-protection', 'spoke1');
    const { spoke, hub } = both(network, 300);
    expect(hubRow(spoke)?.state).toBe('IPSEC');
    expect(ikeTo(spoke, HUB_NBMA)[0]!.state).toBe('QM_IDLE');
    expect(ikeTo(hub, SPOKE1_NBMA)[0]!.state).toBe('QM_IDLE');
    expect(ipsecTo(spoke, HUB_NBMA)).toMatchObject({ inbound: [], outbound: [] });
    expect(ipsecTo(hub, SPOKE1_NBMA)).toBeUndefined();
    expect(spoke.cryptoSessions[0]!.status).toBe('UP-IDLE');
    expect(hub.cryptoSessions.find((session) => session.peer === SPOKE1_NBMA)?.status).toBe('UP-IDLE');
    expect(spokeRow(hub)).toBeUndefined();
    const wan = configOf(network, 'spoke1').wan.name;
    expect(renderRunningConfigInterface(configOf(network, 'spoke1'), wan)).toContain(
      ' crypto map LEGACY-MAP',
    );
    expect(hubRow(simulate(network, 300).get('spoke2')!)?.state).toBe('UP');
  });
});
