// Faults that are events on the lab clock: a router that reboots, a WAN circuit that keeps dropping.

import { defineFault, type LabFault } from './fault.js';

/** The lab second the stale-sa target reboots at: ten minutes of healthy history come first. */
export const REBOOT_AT_SECONDS = 600;
/** The lab second the invalid-spi-desync target's SAs are cleared at, after ten minutes of healthy history. */
export const SA_CLEAR_AT_SECONDS = 600;
/** A circuit down 45 s every 3 minutes from the start: about 7 transitions in 10 minutes. */
export const FLAP = { periodSeconds: 180, downSeconds: 45, sinceSeconds: 0 };

export const eventFaults: LabFault[] = [
  defineFault({
    id: 'stale-sa',
    title: 'Stale SAs after a peer reboot',
    layer: 'ipsec',
    breaks: `The router reboots at lab second ${REBOOT_AT_SECONDS} and comes back with no SAs while its peers keep theirs: invalid-SPI drops, leftover IKE rows and DOWN-NEGOTIATING sessions until DPD or the SA lifetime clears them.`,
    defaultTarget: 'hub',
    roles: ['hub', 'spoke'],
    change(router, network) {
      network.underlay.reboots.set(router.hostname, REBOOT_AT_SECONDS);
    },
  }),
  defineFault({
    id: 'invalid-spi-desync',
    title: 'Invalid SPI (SAs cleared on one side only, DPD off)',
    layer: 'ipsec',
    breaks: `Hub IPsec SAs cleared at lab second ${SA_CLEAR_AT_SECONDS} (no reboot), DPD off: spokes keep the old SPI, NHS down; the hub has no SA or NHRP entry for them, logs \`%CRYPTO-4-RECVD_PKT_INV_SPI\` at most once a minute, \`#pkts invalid sa (rcv)\` rising (detail), until each spoke's SA lifetime ends.`,
    defaultTarget: 'hub',
    roles: ['hub'],
    change(router, network) {
      const underlay = network.underlay;
      underlay.saClears ??= new Map();
      underlay.saClears.set(router.hostname, SA_CLEAR_AT_SECONDS);
      for (const each of network.routers) {
        if (each.ikeVersion === 'v2') {
          if (each.ikev2) each.ikev2.profile.dpd = null;
        } else each.isakmpKeepaliveSeconds = null;
      }
    },
  }),
  defineFault({
    id: 'tunnel-flapping',
    title: 'Flapping WAN circuit',
    layer: 'history',
    breaks: `The router's WAN drops for ${FLAP.downSeconds} s every ${FLAP.periodSeconds} s: its tunnels go UP and down again and again (CRYPTO_SS and NHRP_NHS DOWN/UP pairs, UpDn timers resetting).`,
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router, network) {
      network.underlay.flaps.set(router.hostname, { ...FLAP });
    },
  }),
];
