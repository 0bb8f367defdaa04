// NHRP faults read from both ends (diagnosis-reference.md section 1.2): crypto comes up, the hub refuses or drops
// the registrations, and each cause leaves its own trace (error code, NETID log, silence, UNKNOWN entry).

import { describe, expect, it } from 'vitest';
import { applyFault } from '../faults/catalogue.js';
import { spokeTunnelAddress } from '../network/addressing.js';
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

function nhrpOf(network: ReturnType<typeof labNetwork>, name: string) {
  return configOf(network, name).tunnels[0]!.nhrp;
}

/** Encaps/decaps changes between two moments, on the spoke towards its hub and on the hub towards spoke1. */
function deltas(network: ReturnType<typeof labNetwork>, from: number, to: number) {
  const a = both(network, from);
  const b = both(network, to);
  const change = (later: number | undefined, earlier: number | undefined) => (later ?? 0) - (earlier ?? 0);
  return {
    spokeEncaps: change(ipsecTo(b.spoke, HUB_NBMA)?.pktsEncaps, ipsecTo(a.spoke, HUB_NBMA)?.pktsEncaps),
    spokeDecaps: change(ipsecTo(b.spoke, HUB_NBMA)?.pktsDecaps, ipsecTo(a.spoke, HUB_NBMA)?.pktsDecaps),
    hubEncaps: change(ipsecTo(b.hub, SPOKE1_NBMA)?.pktsEncaps, ipsecTo(a.hub, SPOKE1_NBMA)?.pktsEncaps),
    hubDecaps: change(ipsecTo(b.hub, SPOKE1_NBMA)?.pktsDecaps, ipsecTo(a.hub, SPOKE1_NBMA)?.pktsDecaps),
    reqSent: (b.spoke.nhs[0]?.reqSent ?? 0) - (a.spoke.nhs[0]?.reqSent ?? 0),
    replRecv: (b.spoke.nhs[0]?.replRecv ?? 0) - (a.spoke.nhs[0]?.replRecv ?? 0),
  };
}

describe('NHRP faults', () => {
  it('an NHRP authentication mismatch: hub logs error 11 and shows UNKNOWN ... IKE never IX, decaps rising, encaps flat', () => {
    const network = labNetwork();
    nhrpOf(network, 'spoke1').authentication = 'WRONGk3y';
    const { spoke, hub } = both(network, 600);
    expect(hubRow(spoke)).toMatchObject({ state: 'NHRP' });
    expect(spoke.nhs[0]!.flags).toBe('E');
    expect(ikeTo(spoke, HUB_NBMA)[0]!.state).toBe('QM_IDLE');
    expect(spokeRow(hub)).toEqual({
      nbma: 'UNKNOWN',
      tunnelAddresses: ['10.0.0.12'],
      state: 'IKE',
      upDownSeconds: null,
      attrs: ['IX'],
      targetNetworks: ['10.0.0.12/32'],
    });
    expect(hub.nhrpCache.find((entry) => entry.target === '10.0.0.12/32')).toMatchObject({
      type: 'incomplete',
      flags: ['negative'],
    });
    expect(logs(hub, /DMVPN_NHRP_ERROR/).at(-1)).toBe(
      '%DMVPN-3-DMVPN_NHRP_ERROR:  Tunnel0: Recieved wrong authentication string for  Registration Request , Reason:  authentication failure (11) on (Tunnel: 10.0.0.12 NBMA: 203.0.113.1)',
    );
    const change = deltas(network, 600, 900);
    expect(change).toMatchObject({ spokeDecaps: 0, hubEncaps: 0, replRecv: 0 });
    expect(change.spokeEncaps).toBeGreaterThan(0);
    expect(change.hubDecaps).toBe(change.spokeEncaps);
    expect(change.reqSent).toBeGreaterThan(0);
  });

  it('a wrong NHS tunnel address: the spoke row names it, the hub logs error 7 for the request and the error indication', () => {
    const network = labNetwork();
    nhrpOf(network, 'spoke1').nhs[0]!.tunnel = '10.0.0.254';
    const { spoke, hub } = both(network, 600);
    expect(hubRow(spoke)).toMatchObject({ tunnelAddresses: ['10.0.0.254'], state: 'NHRP' });
    expect(spoke.nhs[0]).toMatchObject({ nhs: '10.0.0.254', flags: 'E' });
    expect(spokeRow(hub)).toMatchObject({
      nbma: 'UNKNOWN',
      state: 'IKE',
      attrs: ['IX'],
      upDownSeconds: null,
    });
    const errors = logs(hub, /DMVPN_NHRP_ERROR/);
    expect(errors).toContain(
      '%DMVPN-3-DMVPN_NHRP_ERROR:  Tunnel0: NHRP Encap Error for  Registration Request , Reason:  protocol generic error (7) on (Tunnel: 10.0.0.12 NBMA: 198.18.0.1)',
    );
    expect(errors).toContain(
      '%DMVPN-3-DMVPN_NHRP_ERROR:  Tunnel0: NHRP Encap Error for  Error Indication , Reason:  protocol generic error (7) on (Tunnel: 10.0.0.12 NBMA: 198.18.0.1)',
    );
  });

  it('a wrong NHS NBMA: IKE goes to an address that never answers, the row shows it in IKE, the real hub loses the spoke', () => {
    const network = labNetwork();
    nhrpOf(network, 'spoke1').nhs[0]!.nbma = '203.0.113.200';
    const { spoke, hub } = both(network, 300);
    expect(hubRow(spoke, '203.0.113.200')).toMatchObject({ state: 'IKE', tunnelAddresses: ['10.0.0.1'] });
    expect(ikeTo(spoke, '203.0.113.200')).toMatchObject([{ state: 'MM_NO_STATE', connId: 0 }]);
    expect(spoke.nhs[0]).toMatchObject({ nbma: '203.0.113.200', flags: 'E' });
    expect(spokeRow(hub)).toBeUndefined();
    expect(ikeTo(hub, SPOKE1_NBMA)).toEqual([]);
  });

  it('network-id removed on the hub: NETID_UNCONFIGURED, NHC down administratively prohibited, no peers, decaps only', () => {
    const network = labNetwork();
    nhrpOf(network, 'hub1').networkId = null;
    const { spoke, hub } = both(network, 300);
    expect(hub.dmvpn).toEqual([]);
    expect(logs(hub, /NETID/)).toEqual([
      '%DMVPN-5-NHRP_NETID_UNCONFIGURED: Tunnel0: NETID : 100 Unconfigured (Tunnel: 10.0.0.1 NBMA: 203.0.113.1)',
    ]);
    expect(logs(hub, /NHRP_NHC_DOWN.*Reason: administratively prohibited/)).toHaveLength(3);
    expect(hubRow(spoke)?.state).toBe('NHRP');
    expect(ikeTo(hub, SPOKE1_NBMA)[0]!.state).toBe('QM_IDLE');
    const change = deltas(network, 300, 600);
    expect(change.hubDecaps).toBeGreaterThan(0);
    expect(change.hubEncaps).toBe(0);
    expect(change.spokeDecaps).toBe(0);
  });

  it('network-id removed on a spoke: it runs no NHRP (no dmvpn, no NHS, no IKE) and says so', () => {
    const network = labNetwork();
    nhrpOf(network, 'spoke1').networkId = null;
    const { spoke, hub } = both(network, 300);
    expect(spoke.dmvpn).toEqual([]);
    expect(spoke.nhs).toEqual([]);
    expect(spoke.ikeSas).toEqual([]);
    expect(logs(spoke, /NETID : 100 Unconfigured \(Tunnel: 10\.0\.0\.12 NBMA: 198\.18\.0\.1\)/)).toHaveLength(
      1,
    );
    expect(logs(spoke, /NHRP_NHS_DOWN.*Reason: administratively prohibited/)).toHaveLength(1);
    expect(spokeRow(hub)).toBeUndefined();
  });

  it('a static map but no NHS: `NHRP never`-style row, empty NHS table, the hub refuses its resolutions (error 7)', () => {
    const network = labNetwork();
    const nhrp = nhrpOf(network, 'spoke1');
    nhrp.maps = [{ tunnel: '10.0.0.1', nbma: HUB_NBMA }];
    nhrp.mapMulticast = [HUB_NBMA];
    nhrp.nhs = [];
    const { spoke, hub } = both(network, 600);
    expect(hubRow(spoke)).toMatchObject({ state: 'NHRP', attrs: ['S'] });
    expect(spoke.nhs).toEqual([]);
    expect(spokeRow(hub)).toMatchObject({ nbma: 'UNKNOWN', state: 'IKE', attrs: ['IX'] });
    expect(logs(hub, /DMVPN_NHRP_ERROR/).at(-1)).toBe(
      '%DMVPN-3-DMVPN_NHRP_ERROR:  Tunnel0: NHRP Encap Error for  Resolution Request , Reason:  protocol generic error (7) on (Tunnel: 10.0.0.12 NBMA: 198.18.0.1)',
    );
    const change = deltas(network, 600, 900);
    expect(change.spokeEncaps).toBeGreaterThan(0);
    expect(change.spokeDecaps).toBe(0);
    expect(change.hubDecaps).toBe(change.spokeEncaps);
  });

  it('a tunnel key mismatch: the hub decrypts and drops silently (decaps rising, encaps flat, no NHRP error log)', () => {
    const network = labNetwork();
    configOf(network, 'spoke1').tunnels[0]!.key = 101;
    const { spoke, hub } = both(network, 600);
    expect(hubRow(spoke)?.state).toBe('NHRP');
    expect(spokeRow(hub)).toBeUndefined();
    expect(logs(hub, /DMVPN_NHRP_ERROR|NETID/)).toEqual([]);
    const change = deltas(network, 600, 900);
    expect(change.hubDecaps).toBeGreaterThan(0);
    expect(change.hubEncaps).toBe(0);
    expect(change.spokeDecaps).toBe(0);
    expect(change.replRecv).toBe(0);
  });

  it('holdtime shorter than the registration interval: the hub entry expires and comes back every interval', () => {
    const network = labNetwork();
    const nhrp = nhrpOf(network, 'spoke1');
    nhrp.holdtimeSeconds = 60;
    nhrp.registrationTimeoutSeconds = 90;
    const { spoke, hub } = both(network, 900);
    const down = logs(hub, /NHRP_NHC_DOWN.*10\.0\.0\.12.*Registration timeout/);
    const up = logs(hub, /NHRP_NHC_UP.*10\.0\.0\.12/);
    expect(down.length).toBeGreaterThanOrEqual(9);
    expect(up.length).toBeGreaterThanOrEqual(9);
    const times = hub.logs
      .filter((log) => /NHRP_NHC_DOWN.*10\.0\.0\.12/.test(log.text))
      .map((log) => log.atSeconds);
    expect(times.slice(1).map((time, index) => time - times[index]!)).toEqual(times.slice(1).map(() => 90));
    // UpDn keeps resetting: never older than one interval.
    for (const at of [905, 950, 1000]) {
      const row = spokeRow(both(network, at).hub);
      if (row) expect(row.upDownSeconds).toBeLessThan(90);
    }
    expect(hubRow(spoke)?.state).toBe('UP');
  });

  it('a hub without `map multicast dynamic`: NHRP and crypto UP, EIGRP retry limit exceeded on the hub, none on the spoke', () => {
    const network = labNetwork();
    nhrpOf(network, 'hub1').mapMulticastDynamic = false;
    const { spoke, hub } = both(network, 600);
    expect(hubRow(spoke)?.state).toBe('UP');
    expect(spokeRow(hub)?.state).toBe('UP');
    expect(spoke.routingNeighbors).toEqual([]);
    expect(
      logs(spoke, /EIGRP-IPv4 100: Neighbor 10\.0\.0\.1 \(Tunnel0\) is down: holding time expired/),
    ).toHaveLength(1);
    expect(
      logs(hub, /Neighbor 10\.0\.0\.12 \(Tunnel0\) is down: retry limit exceeded/).length,
    ).toBeGreaterThanOrEqual(5);
  });

  it('OSPF over a hub without `map multicast dynamic`: the hub holds the spoke in INIT', () => {
    const network = labNetwork({ routing: 'ospf' });
    nhrpOf(network, 'hub1').mapMulticastDynamic = false;
    const { spoke, hub } = both(network, 600);
    expect(spoke.routingNeighbors).toEqual([]);
    expect(hub.routingNeighbors.find((neighbor) => neighbor.neighbor === '10.0.0.12')?.state).toBe(
      'INIT/  -',
    );
    expect(
      logs(
        spoke,
        /OSPF-5-ADJCHG: Process 100, Nbr 10\.0\.0\.1 on Tunnel0 from FULL to DOWN, Neighbor Down: Dead timer expired/,
      ),
    ).toHaveLength(1);
  });

  it('phase 3 without `ip nhrp redirect`: no Traffic Indication, no resolution, no D rows', () => {
    const healthy = both(labNetwork({ spokes: 4 }), 60, 'spoke3');
    expect(healthy.hub.nhrpTraffic[0]!.counters.traffic_ind_sent).toBe(2);
    expect(healthy.spoke.nhrpTraffic[0]!.counters.traffic_ind_rcvd).toBe(1);
    expect(healthy.spoke.nhrpTraffic[0]!.counters.res_req_sent).toBeGreaterThan(0);
    const network = labNetwork({ spokes: 4 });
    nhrpOf(network, 'hub1').redirect = false;
    const { spoke, hub } = both(network, 60, 'spoke3');
    expect(hub.nhrpTraffic[0]!.counters.traffic_ind_sent).toBe(0);
    expect(spoke.nhrpTraffic[0]!.counters).toMatchObject({ traffic_ind_rcvd: 0, res_req_sent: 0 });
    expect(spoke.dmvpn[0]!.peers.filter((peer) => peer.attrs[0]!.startsWith('D'))).toEqual([]);
  });

  it('phase 3 without `ip nhrp shortcut`: indications arrive and resolution completes, but no DT1/DT2, no rib/nho', () => {
    const network = labNetwork({ spokes: 4 });
    nhrpOf(network, 'spoke3').shortcut = false;
    const { spoke } = both(network, 60, 'spoke3');
    expect(spoke.nhrpTraffic[0]!.counters.traffic_ind_rcvd).toBe(1);
    const row = spoke.dmvpn[0]!.peers.find((peer) => peer.tunnelAddresses[0] === spokeTunnelAddress(4))!;
    expect(row.attrs).toEqual(['D']);
    const entries = spoke.nhrpCache.filter((entry) => entry.via === spokeTunnelAddress(4));
    expect(entries.flatMap((entry) => entry.flags)).not.toContain('rib');
    expect(entries.flatMap((entry) => entry.flags)).not.toContain('nho');
    const partner = both(network, 60, 'spoke4').spoke;
    expect(
      partner.dmvpn[0]!.peers.find((peer) => peer.tunnelAddresses[0] === spokeTunnelAddress(3))!.attrs,
    ).toEqual(['DT1', 'DT2']);
  });

  it('a new spoke NBMA while the hub holds the old `unique` entry: refused (NHS E) until that entry expires, then UP', () => {
    const network = labNetwork();
    applyFault(network, 'nbma-change-unique-flag');
    const newNbma = '198.18.0.253';
    // Before the change the spoke last registered 87 s before second 0; the holdtime is 300 s: expiry at 213.
    const refused = both(network, 200);
    expect(refused.spoke.nhs[0]).toMatchObject({ flags: 'E' });
    expect(logs(refused.spoke, /NHRP_NHS_DOWN/)).toEqual([
      expect.stringContaining(`NBMA: ${newNbma}) is DOWN, Reason: NHRP Registration Failure`),
    ]);
    expect(spokeRow(refused.hub)).toMatchObject({ nbma: SPOKE1_NBMA, state: 'UP' });
    expect(refused.hub.nhrpCache.find((entry) => entry.target === `${SPOKE1_TUNNEL}/32`)).toMatchObject({
      nbma: SPOKE1_NBMA,
      flags: ['unique', 'registered', 'used', 'nhop'],
      expiresSeconds: 13,
    });
    const after = both(network, 220);
    expect(after.spoke.nhs[0]).toMatchObject({ flags: 'RE' });
    expect(logs(after.spoke, /NHRP_NHS_UP/)).toEqual([expect.stringContaining(`NBMA: ${newNbma}) is UP`)]);
    expect(spokeRow(after.hub)).toMatchObject({ nbma: newNbma, state: 'UP', upDownSeconds: 6 });
    expect(logs(after.hub, /NHRP_NHC/)).toEqual([
      expect.stringMatching(
        new RegExp(
          `NBMA: ${SPOKE1_NBMA.replace(/\./g, '\\.')} \\).*DOWN, Reason: External\\(NHRP Registration timeout\\)`,
        ),
      ),
      expect.stringContaining(`NBMA: ${newNbma}) for`),
    ]);
  });

  it('a new spoke NBMA with `ip nhrp registration no-unique`: the hub takes the new NBMA at once', () => {
    const network = labNetwork();
    applyFault(network, 'nbma-change-unique-flag');
    nhrpOf(network, 'spoke1').registrationNoUnique = true;
    const { spoke, hub } = both(network, 100);
    expect(spoke.nhs[0]).toMatchObject({ flags: 'RE' });
    expect(spokeRow(hub)).toMatchObject({ nbma: '198.18.0.253', state: 'UP' });
    expect(logs(spoke, /NHRP_NHS_DOWN/)).toEqual([]);
    expect(logs(hub, /NHRP_NHC_DOWN/)).toEqual([]);
  });
});
