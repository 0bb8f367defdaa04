// Faults that live on the clock: a flapping WAN circuit (the state alternates, every transition logged) and a
// reboot that leaves the peer holding stale SAs until DPD or their lifetime clears them.

import { describe, expect, it } from 'vitest';
import { simulateRouter } from './index.js';
import {
  HUB_NBMA,
  SPOKE1_NBMA,
  both,
  hubRow,
  ikeTo,
  ipsecTo,
  labNetwork,
  logs,
  spokeRow,
} from './test-network.js';

const FLAP = { periodSeconds: 180, downSeconds: 45, sinceSeconds: 0 };

describe('a flapping spoke', () => {
  it('alternates between INTF and UP with the period of its circuit', () => {
    const network = labNetwork();
    network.underlay.flaps.set('spoke1', { ...FLAP });
    const states = [10, 100, 190, 280, 370, 460].map((at) => hubRow(both(network, at).spoke)?.state);
    expect(states).toEqual(['INTF', 'UP', 'INTF', 'UP', 'INTF', 'UP']);
  });

  it('logs each transition on the spoke (link, line protocol, socket, NHS) and the hub notices by DPD', () => {
    const network = labNetwork();
    network.underlay.flaps.set('spoke1', { ...FLAP });
    const { spoke, hub } = both(network, 600);
    expect(logs(spoke, /LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to down/)).toHaveLength(4);
    expect(logs(spoke, /LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to up/)).toHaveLength(4);
    expect(logs(spoke, /NHRP_NHS_DOWN.*External/)).toHaveLength(4);
    expect(logs(spoke, /NHRP_NHS_UP/)).toHaveLength(4);
    expect(logs(spoke, /CRYPTO_SS.*socket is UP/)).toHaveLength(4);
    expect(logs(hub, /NHRP_NHC_DOWN.*10\.0\.0\.12/)).toHaveLength(4);
    expect(logs(hub, /NHRP_NHC_UP.*10\.0\.0\.12/)).toHaveLength(4);
    const downs = hub.logs
      .filter((log) => /NHRP_NHC_DOWN.*10\.0\.0\.12/.test(log.text))
      .map((log) => log.atSeconds);
    expect(downs).toEqual([40, 220, 400, 580]);
  });

  it('plays days of flapping and keeps its counters rising across the shortened history', () => {
    const network = labNetwork();
    network.underlay.flaps.set('spoke1', { ...FLAP });
    let previous = -1;
    for (const at of [604_700, 604_790, 604_800, 604_850, 604_980, 605_000]) {
      const spoke = simulateRouter(network, 'spoke1', at);
      expect(spoke.nhs[0]!.reqSent).toBeGreaterThanOrEqual(previous);
      previous = spoke.nhs[0]!.reqSent;
      expect(spoke.logs).toHaveLength(200);
    }
    const late = simulateRouter(network, 'spoke1', 604_850);
    expect(late.logs.at(-1)!.atSeconds).toBeLessThanOrEqual(604_850);
    expect(late.logs.at(-1)!.atSeconds).toBeGreaterThan(604_850 - 180);
  });

  it('a flapping hub takes every one of 5,000 spokes down and up with it', () => {
    const network = labNetwork({ spokes: 5000 });
    network.underlay.flaps.set('hub1', { periodSeconds: 600, downSeconds: 60, sinceSeconds: 0 });
    const down = simulateRouter(network, 'hub1', 86_430);
    const up = simulateRouter(network, 'hub1', 86_500);
    expect(down.dmvpn[0]!.peers).toEqual([]);
    expect(up.dmvpn[0]!.peers).toHaveLength(5000);
    // 5,000 spokes came back at 86,460: the buffer holds only the newest of their messages.
    expect(up.logs).toHaveLength(200);
    expect(up.logs.every((log) => log.atSeconds > 86_460)).toBe(true);
    expect(logs(up, /EIGRP-IPv4 100: Neighbor .* is up: new adjacency/)).toHaveLength(200);
  });
});

describe('stale SAs after a reboot', () => {
  it('a rebooted hub has no SAs; the spoke keeps its old ones until DPD and the hub logs RECVD_PKT_INV_SPI', () => {
    const network = labNetwork();
    network.underlay.reboots.set('hub1', 600);
    const stale = both(network, 620);
    expect(stale.hub.uptimeSeconds).toBe(20);
    expect(stale.hub.ikeSas).toEqual([]);
    expect(spokeRow(stale.hub)).toBeUndefined();
    expect(ikeTo(stale.spoke, HUB_NBMA)[0]!.state).toBe('QM_IDLE');
    const oldSpi = ipsecTo(stale.spoke, HUB_NBMA)!.outbound[0]!.spi;
    const invalid = logs(stale.hub, /RECVD_PKT_INV_SPI/);
    expect(invalid).toEqual([
      `%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=203.0.113.1, prot=50, spi=0x${oldSpi.toString(16).toUpperCase()}(${oldSpi}), srcaddr=198.18.0.1, input interface=GigabitEthernet1`,
    ]);
    // One message a minute for the whole hub, however many spokes send stale packets.
    expect(logs(both(network, 639).hub, /RECVD_PKT_INV_SPI/)).toHaveLength(1);
    const recovered = both(network, 700);
    expect(hubRow(recovered.spoke)?.state).toBe('UP');
    expect(spokeRow(recovered.hub)?.state).toBe('UP');
    expect(ipsecTo(recovered.spoke, HUB_NBMA)!.outbound[0]!.spi).not.toBe(oldSpi);
    expect(logs(recovered.spoke, /CRYPTO_SS.*socket is DOWN/, 600)).toHaveLength(1);
    expect(recovered.hub.logs.every((log) => log.atSeconds >= 600)).toBe(true);
  });

  it('without DPD the spoke sends into the void until its SA expires: encaps rising, decaps flat, NHS down', () => {
    const network = labNetwork();
    network.underlay.reboots.set('hub1', 600);
    for (const router of network.routers) router.isakmpKeepaliveSeconds = null;
    const early = both(network, 800);
    const late = both(network, 900);
    expect(hubRow(late.spoke)?.state).toBe('NHRP');
    expect(ipsecTo(late.spoke, HUB_NBMA)!.pktsEncaps).toBeGreaterThan(
      ipsecTo(early.spoke, HUB_NBMA)!.pktsEncaps,
    );
    expect(ipsecTo(late.spoke, HUB_NBMA)!.pktsDecaps).toBe(ipsecTo(early.spoke, HUB_NBMA)!.pktsDecaps);
    expect(logs(late.hub, /RECVD_PKT_INV_SPI/)).toHaveLength(5);
    expect(ikeTo(late.hub, SPOKE1_NBMA)).toEqual([]);
  });

  it('a rebooted spoke comes back with new SAs; the hub replaces its old ones and the spoke logs the stray SPI', () => {
    const network = labNetwork();
    network.underlay.reboots.set('spoke1', 600);
    const { spoke, hub } = both(network, 660);
    expect(spoke.uptimeSeconds).toBe(60);
    expect(hubRow(spoke)?.state).toBe('UP');
    expect(spoke.nhs[0]!.replRecv).toBe(1);
    expect(logs(spoke, /RECVD_PKT_INV_SPI.*srcaddr=203\.0\.113\.1/)).toHaveLength(1);
    expect(spoke.logs[0]!.atSeconds).toBeGreaterThanOrEqual(600);
    expect(spokeRow(hub)?.upDownSeconds).toBeLessThan(60);
    expect(logs(hub, /CRYPTO_SS.*198\.18\.0\.1 socket is DOWN/, 600)).toHaveLength(1);
  });
});

describe('SAs cleared on one side only (invalid SPI desync)', () => {
  it('the hub keeps running; the spoke encrypts on its old SPI until the SA lifetime, the hub logs INV_SPI', () => {
    const network = labNetwork();
    network.underlay.saClears = new Map([['hub1', 600]]);
    for (const router of network.routers) router.isakmpKeepaliveSeconds = null;
    const before = both(network, 599);
    const early = both(network, 620);
    const late = both(network, 900);
    expect(early.hub.uptimeSeconds).toBe(before.hub.uptimeSeconds + 21);
    expect(early.hub.logs.some((log) => log.atSeconds < 600)).toBe(true);
    expect(spokeRow(early.hub)).toBeUndefined();
    expect(ikeTo(early.hub, SPOKE1_NBMA)).toEqual([]);
    const oldSpi = ipsecTo(before.spoke, HUB_NBMA)!.outbound[0]!.spi;
    expect(ipsecTo(late.spoke, HUB_NBMA)!.outbound[0]!.spi).toBe(oldSpi);
    expect(ipsecTo(late.spoke, HUB_NBMA)!.pktsEncaps).toBeGreaterThan(
      ipsecTo(early.spoke, HUB_NBMA)!.pktsEncaps,
    );
    expect(ipsecTo(late.spoke, HUB_NBMA)!.pktsDecaps).toBe(ipsecTo(early.spoke, HUB_NBMA)!.pktsDecaps);
    expect(hubRow(late.spoke)?.state).toBe('NHRP');
    expect(logs(early.hub, /RECVD_PKT_INV_SPI/)).toEqual([
      `%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=203.0.113.1, prot=50, spi=0x${oldSpi.toString(16).toUpperCase()}(${oldSpi}), srcaddr=198.18.0.1, input interface=GigabitEthernet1`,
    ]);
    expect(logs(late.hub, /RECVD_PKT_INV_SPI/)).toHaveLength(5);
    expect(logs(late.spoke, /RECVD_PKT_INV_SPI/)).toEqual([]);
    // The hub lists the spoke without SAs, counting the stray ESP as invalid SA; the spoke counts no error.
    const stray = (at: number) => ipsecTo(both(network, at).hub, SPOKE1_NBMA)!;
    expect(ipsecTo(before.hub, SPOKE1_NBMA)!.invalidSaRecv).toBeUndefined();
    expect(stray(620).inbound).toEqual([]);
    expect(stray(620).outbound).toEqual([]);
    expect(stray(620).invalidSaRecv).toBeGreaterThan(0);
    expect(stray(900).invalidSaRecv).toBeGreaterThan(stray(620).invalidSaRecv!);
    expect(stray(900).recvErrors).toBe(stray(900).invalidSaRecv);
    expect(stray(900).invalidSaRecv).toBe(
      ipsecTo(late.spoke, HUB_NBMA)!.pktsEncaps - ipsecTo(both(network, 600).spoke, HUB_NBMA)!.pktsEncaps,
    );
    expect(ipsecTo(late.spoke, HUB_NBMA)!.recvErrors).toBe(0);
    expect(early.hub.cryptoSessions.filter((row) => row.peer === SPOKE1_NBMA)).toEqual([]);
    // At its SA lifetime (no DPD) the spoke drops the old SAs and both ends negotiate new ones.
    const recovered = both(network, 3300);
    expect(hubRow(recovered.spoke)?.state).toBe('UP');
    expect(spokeRow(recovered.hub)?.state).toBe('UP');
    expect(ipsecTo(recovered.spoke, HUB_NBMA)!.outbound[0]!.spi).not.toBe(oldSpi);
    expect(logs(recovered.spoke, /CRYPTO_SS.*socket is DOWN/, 600)).toHaveLength(1);
    expect(logs(recovered.hub, /CRYPTO_SS.*198\.18\.0\.1 socket is UP/, 600)).toHaveLength(1);
  });
});

describe('IKE SA flapping: DPD over a lossy underlay', () => {
  it('every period the spoke tears its SAs down and builds new ones; both ends log the DOWN/UP pairs', () => {
    const network = labNetwork();
    network.underlay.dpdLoss = new Map([['spoke1', { periodSeconds: 300, sinceSeconds: 0 }]]);
    const before = both(network, 299);
    const during = both(network, 301);
    const after = both(network, 330);
    expect(hubRow(during.spoke)?.state).toBe('IKE');
    expect(ikeTo(during.spoke, HUB_NBMA)[0]!.state).toBe('MM_NO_STATE');
    expect(hubRow(after.spoke)?.state).toBe('UP');
    expect(spokeRow(after.hub)?.state).toBe('UP');
    expect(ikeTo(after.spoke, HUB_NBMA)[0]!.state).toBe('QM_IDLE');
    expect(after.spoke.cryptoSessions[0]!.uptimeSeconds).toBe(28);
    expect(before.spoke.cryptoSessions[0]!.uptimeSeconds).toBeGreaterThan(86_400);
    const spi = (state: typeof before) => ipsecTo(state.spoke, HUB_NBMA)!.outbound[0]!.spi;
    expect(spi(after)).not.toBe(spi(before));
    const late = both(network, 700);
    expect(spi(late)).not.toBe(spi(after));
    const times = (state: typeof late.spoke, pattern: RegExp) =>
      state.logs.filter((log) => log.atSeconds > 0 && pattern.test(log.text)).map((log) => log.atSeconds);
    expect(times(late.spoke, /CRYPTO_SS.*socket is DOWN/)).toEqual([300, 600]);
    expect(times(late.spoke, /CRYPTO_SS.*socket is UP/)).toEqual([302, 602]);
    expect(times(late.spoke, /NHRP_NHS_DOWN/)).toEqual([300, 600]);
    expect(times(late.spoke, /NHRP_NHS_UP/)).toEqual([303, 603]);
    expect(times(late.spoke, /RECVD_PKT_INV_SPI.*srcaddr=203\.0\.113\.1/)).toEqual([301, 601]);
    expect(times(late.hub, /CRYPTO_SS.*198\.18\.0\.1 socket is DOWN/)).toEqual([302, 602]);
    expect(times(late.hub, /CRYPTO_SS.*198\.18\.0\.1 socket is UP/)).toEqual([302, 602]);
    expect(times(late.hub, /NHRP_NHC_DOWN.*10\.0\.0\.12/)).toEqual([302, 602]);
    expect(times(late.hub, /NHRP_NHC_UP.*10\.0\.0\.12/)).toEqual([303, 603]);
    // The other spokes are untouched.
    expect(times(late.hub, /CRYPTO_SS.*198\.18\.0\.2 /)).toEqual([]);
  });

  it('keeps flapping for days', () => {
    const network = labNetwork();
    network.underlay.dpdLoss = new Map([['spoke1', { periodSeconds: 300, sinceSeconds: 0 }]]);
    const spoke = simulateRouter(network, 'spoke1', 604_830);
    expect(spoke.cryptoSessions[0]!.uptimeSeconds).toBe(28);
    expect(logs(spoke, /CRYPTO_SS.*socket is DOWN/, 604_700)).toHaveLength(1);
  });
});
