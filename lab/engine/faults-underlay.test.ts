// Underlay faults read from both ends (diagnosis-reference.md sections 0.2 and 1.1): a lost ISP link, a shut tunnel
// source, IKE or ESP dropped on the way. Each fault is a change of the underlay or the config at second 0.

import { describe, expect, it } from 'vitest';
import {
  HUB_NBMA,
  SPOKE1_NBMA,
  SPOKE1_TUNNEL,
  both,
  configOf,
  hubRow,
  ikeTo,
  ipsecTo,
  labNetwork,
  logs,
  spokeRow,
} from './test-network.js';

describe('underlay faults', () => {
  it('a spoke whose ISP link is down sits in IKE (MM_NO_STATE, conn-id 0) with NHS E; the hub forgets it after DPD', () => {
    const network = labNetwork();
    network.underlay.wanDown.add('spoke1');
    const early = both(network, 120);
    const late = both(network, 400);
    expect(hubRow(late.spoke)).toMatchObject({ state: 'IKE', upDownSeconds: 360 });
    expect(ikeTo(late.spoke, HUB_NBMA)).toMatchObject([{ state: 'MM_NO_STATE', connId: 0 }]);
    expect(late.spoke.cryptoSessions[0]!.status).toBe('DOWN-NEGOTIATING');
    expect(late.spoke.nhs[0]!.flags).toBe('E');
    expect(late.spoke.nhs[0]!.reqSent).toBeGreaterThan(early.spoke.nhs[0]!.reqSent);
    expect(late.spoke.nhs[0]!.replRecv).toBe(early.spoke.nhs[0]!.replRecv);
    expect(ipsecTo(late.spoke, HUB_NBMA)).toMatchObject({
      pktsEncaps: 0,
      pktsDecaps: 0,
      inbound: [],
      outbound: [],
    });
    expect(spokeRow(late.hub)).toBeUndefined();
    expect(ikeTo(late.hub, SPOKE1_NBMA)).toEqual([]);
    expect(logs(late.hub, /NHRP_NHC_DOWN.*10\.0\.0\.12.*External/)).toHaveLength(1);
    expect(logs(late.hub, /CRYPTO_SS.*198\.18\.0\.1 socket is DOWN/)).toHaveLength(1);
    expect(
      logs(late.spoke, /NHRP_NHS_DOWN.*Reason: NHRP Registration Failure\(NHRP: no error\)/),
    ).toHaveLength(1);
    expect(
      logs(late.spoke, /EIGRP-IPv4 100: Neighbor 10\.0\.0\.1 \(Tunnel0\) is down: holding time expired/),
    ).toHaveLength(1);
  });

  it('a hub whose ISP link is down loses every spoke at once', () => {
    const network = labNetwork();
    network.underlay.wanDown.add('hub1');
    const states = both(network, 300);
    expect(states.hub.dmvpn[0]!.peers).toEqual([]);
    for (const name of ['spoke1', 'spoke2', 'spoke3'])
      expect(hubRow(both(network, 300, name).spoke)?.state).toBe('IKE');
  });

  it('a spoke whose tunnel source is shut shows INTF, line protocol down and logs it; the hub loses it after DPD', () => {
    const network = labNetwork();
    configOf(network, 'spoke1').wan.shutdown = true;
    const { spoke, hub } = both(network, 120);
    expect(hubRow(spoke)).toMatchObject({ state: 'INTF' });
    const tunnel = spoke.interfaces.find((view) => view.name === 'Tunnel0')!;
    expect(tunnel).toMatchObject({ adminUp: true, operUp: false });
    expect(tunnel.tunnel!.linestateDownReason).toBe('no output interface');
    expect(spoke.interfaces.find((view) => view.name === 'GigabitEthernet1')).toMatchObject({
      adminUp: false,
      operUp: false,
    });
    expect(logs(spoke, /./, 0).slice(0, 3)).toEqual([
      '%LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down',
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to down',
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to down',
    ]);
    expect(logs(spoke, /NHRP_NHS_DOWN.*Reason: External/)).toHaveLength(1);
    expect(logs(spoke, /is down: interface down/)).toHaveLength(1);
    expect(spoke.ikeSas).toEqual([]);
    expect(spokeRow(hub)).toBeUndefined();
    expect(logs(hub, /NHRP_NHC_DOWN.*10\.0\.0\.12/)).toHaveLength(1);
  });

  it('IKE blocked: the spoke retransmits in MM_NO_STATE (IKEv2 IN-NEG) and the hub sees nothing', () => {
    for (const ike of ['v1', 'v2'] as const) {
      const network = labNetwork({ ike });
      network.underlay.blocks.push({ from: 'spoke1', to: '*', protocol: 'udp500' });
      const { spoke, hub } = both(network, 200);
      expect(hubRow(spoke)?.state).toBe('IKE');
      const sa = ikeTo(spoke, HUB_NBMA)[0]!;
      expect(sa.state).toBe(ike === 'v1' ? 'MM_NO_STATE' : 'IN-NEG');
      if (ike === 'v2') expect(sa.encryption).toBeNull();
      expect(ikeTo(hub, SPOKE1_NBMA)).toEqual([]);
      expect(spokeRow(hub)).toBeUndefined();
      expect(hub.cryptoSessions.find((session) => session.peer === SPOKE1_NBMA)).toBeUndefined();
    }
  });

  it('ESP blocked spoke to hub: QM_IDLE both ends, spoke encaps rising and decaps flat, hub counters flat, no hub row', () => {
    const network = labNetwork();
    network.underlay.blocks.push({ from: 'spoke1', to: 'hub1', protocol: 'esp' });
    const early = both(network, 400);
    const late = both(network, 700);
    expect(hubRow(late.spoke)?.state).toBe('NHRP');
    expect(late.spoke.nhs[0]!.flags).toBe('E');
    expect(ikeTo(late.spoke, HUB_NBMA)[0]!.state).toBe('QM_IDLE');
    expect(ikeTo(late.hub, SPOKE1_NBMA)[0]!.state).toBe('QM_IDLE');
    const spokeDelta = (field: 'pktsEncaps' | 'pktsDecaps') =>
      ipsecTo(late.spoke, HUB_NBMA)![field] - ipsecTo(early.spoke, HUB_NBMA)![field];
    const hubDelta = (field: 'pktsEncaps' | 'pktsDecaps') =>
      ipsecTo(late.hub, SPOKE1_NBMA)![field] - ipsecTo(early.hub, SPOKE1_NBMA)![field];
    expect(spokeDelta('pktsEncaps')).toBeGreaterThan(10);
    expect(spokeDelta('pktsDecaps')).toBe(0);
    expect(hubDelta('pktsDecaps')).toBe(0);
    expect(hubDelta('pktsEncaps')).toBe(0);
    expect(spokeRow(late.hub)).toBeUndefined();
    expect(logs(late.spoke, /NHRP_NHS_DOWN.*NHRP Registration Failure/)).toHaveLength(1);
    expect(logs(late.hub, /DMVPN_NHRP_ERROR/)).toEqual([]);
  });

  it('ESP blocked hub to spoke: the hub registers the spoke (UP, decaps and encaps rising) while the spoke hears nothing', () => {
    const network = labNetwork();
    network.underlay.blocks.push({ from: 'hub1', to: 'spoke1', protocol: 'esp' });
    const early = both(network, 400);
    const late = both(network, 700);
    expect(hubRow(late.spoke)?.state).toBe('NHRP');
    expect(spokeRow(late.hub)?.state).toBe('UP');
    expect(ipsecTo(late.hub, SPOKE1_NBMA)!.pktsDecaps).toBeGreaterThan(
      ipsecTo(early.hub, SPOKE1_NBMA)!.pktsDecaps,
    );
    expect(ipsecTo(late.hub, SPOKE1_NBMA)!.pktsEncaps).toBeGreaterThan(
      ipsecTo(early.hub, SPOKE1_NBMA)!.pktsEncaps,
    );
    expect(ipsecTo(late.spoke, HUB_NBMA)!.pktsDecaps).toBe(ipsecTo(early.spoke, HUB_NBMA)!.pktsDecaps);
    expect(late.spoke.nhs[0]!.replRecv).toBe(early.spoke.nhs[0]!.replRecv);
    expect(late.hub.nhrpTraffic[0]!.counters.reg_reply_sent).toBeGreaterThan(
      early.hub.nhrpTraffic[0]!.counters.reg_reply_sent!,
    );
  });

  it('ESP inside UDP 4500 for a NATed spoke: an ESP filter does not touch it', () => {
    const network = labNetwork({ natSpokes: 1 });
    network.underlay.blocks.push({ from: 'spoke3', to: 'hub1', protocol: 'esp' });
    expect(hubRow(both(network, 400, 'spoke3').spoke)?.state).toBe('UP');
    network.underlay.blocks.push({ from: 'spoke3', to: 'hub1', protocol: 'udp4500' });
    expect(hubRow(both(network, 400, 'spoke3').spoke)?.state).toBe('IKE');
    expect(ikeTo(both(network, 400, 'spoke3').spoke, HUB_NBMA)[0]!.state).toBe('MM_KEY_EXCH');
  });

  it('keeps the spoke tunnel address in the hub logs of the lost spoke', () => {
    const network = labNetwork();
    network.underlay.wanDown.add('spoke1');
    const { hub } = both(network, 100);
    expect(
      logs(
        hub,
        new RegExp(
          `Next Hop Client : \\(Tunnel: ${SPOKE1_TUNNEL.replace(/\./g, '\\.')} NBMA: 198\\.18\\.0\\.1 \\)`,
        ),
      ),
    ).toHaveLength(1);
  });

  it('GRE blocked from a spoke in a cloud without protection: NHRP with NHS E, no SA, the hub loses its entry', () => {
    const network = labNetwork();
    for (const router of network.routers)
      configOf(network, router.hostname).tunnels[0]!.protectionProfile = null;
    network.underlay.blocks.push({ from: 'spoke1', to: 'hub1', protocol: 'gre' });
    const { spoke, hub } = both(network, 600);
    expect(hubRow(spoke)?.state).toBe('NHRP');
    expect(spoke.nhs[0]!.flags).toBe('E');
    expect(spoke.ikeSas).toEqual([]);
    expect(spoke.routingNeighbors).toEqual([]);
    expect(logs(spoke, /ISAKMP is OFF/)).toHaveLength(1);
    expect(logs(spoke, /NHRP_NHS_DOWN.*Registration Failure/)).toHaveLength(1);
    expect(spokeRow(hub)).toBeUndefined();
    expect(hub.ikeSas).toEqual([]);
    expect(logs(hub, /NHRP_NHC_DOWN.*10\.0\.0\.12.*Registration timeout/)).toHaveLength(1);
    expect(logs(hub, /NBRCHANGE.*10\.0\.0\.12 .*holding time expired/)).toHaveLength(1);
    // Another spoke, unprotected as well but not blocked, stays UP.
    expect(hubRow(both(network, 600, 'spoke2').spoke)?.state).toBe('UP');
  });

  it('a tunnel VRF the WAN is not in: the spoke sits in IKE (MM_NO_STATE / IN-NEG) with NHS E; the hub has no entry', () => {
    for (const ike of ['v1', 'v2'] as const) {
      const network = labNetwork({ ike });
      configOf(network, 'spoke1').tunnels[0]!.tunnelVrf = 'INET';
      const { spoke, hub } = both(network, 600);
      expect(hubRow(spoke)?.state).toBe('IKE');
      expect(spoke.nhs.map((nhs) => nhs.flags)).toEqual(['E']);
      expect(ikeTo(spoke, HUB_NBMA).map((sa) => sa.state)).toEqual([ike === 'v1' ? 'MM_NO_STATE' : 'IN-NEG']);
      expect(spoke.routingNeighbors).toEqual([]);
      expect(spokeRow(hub)).toBeUndefined();
      expect(ikeTo(hub, SPOKE1_NBMA)).toEqual([]);
      expect(spokeRow(hub, '10.0.0.13')?.state).toBe('UP');
      // The WAN in the same VRF as the tunnel is healthy again.
      configOf(network, 'spoke1').wan.vrf = 'INET';
      expect(hubRow(both(network, 600).spoke)?.state).toBe('UP');
    }
  });

  it('a hub whose WAN is in a front-door VRF without `tunnel vrf`: every spoke sits in IKE', () => {
    const network = labNetwork();
    configOf(network, 'hub1').wan.vrf = 'INET';
    const { spoke, hub } = both(network, 600);
    expect(hubRow(spoke)?.state).toBe('IKE');
    expect(spoke.nhs.map((nhs) => nhs.flags)).toEqual(['E']);
    expect(hub.dmvpn[0]!.peers).toEqual([]);
    expect(hub.ikeSas).toEqual([]);
  });
});
