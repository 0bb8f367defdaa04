// Faults that are events on the lab clock: a router that reboots, a WAN circuit that keeps dropping.

import { defineFault, type LabFault } from './fault.js';

/** The lab second the stale-sa target reboots at: ten minutes of healthy history come first. */
export const REBOOT_AT_SECONDS = 600;
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
