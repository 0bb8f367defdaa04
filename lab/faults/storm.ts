// Faults of a hub under a re-registration storm: the hub reloads at a lab second and all its spokes come back at
// once, into a limit set too low for them (IKE call admission, or the NHRP packets the hub may send).

import type { LabNetwork } from '../model/network.js';
import { REBOOT_AT_SECONDS } from './events.js';
import { defineFault, type LabFault } from './fault.js';

/** The NHRP quota interval the lab sets (IOS's default interval). */
export const MAX_SEND_EVERY_SECONDS = 10;

/** A limit a quarter of the spokes: enough for the steady state, four waves for a storm of all of them. */
export function stormLimit(network: LabNetwork): number {
  return Math.max(1, Math.floor(network.options.spokes / 4));
}

export const stormFaults: LabFault[] = [
  defineFault({
    id: 'nhrp-rate-limited',
    title: 'Hub NHRP max-send too low for a re-registration storm',
    layer: 'nhrp',
    breaks: `\`ip nhrp max-send\` set to a quarter of the spokes every ${MAX_SEND_EVERY_SECONDS} s and the hub reloads at lab second ${REBOOT_AT_SECONDS}: its spokes re-register together, \`Usage:100%\`, replies beyond the quota wait (spokes in NHRP with NHS \`E\`, UP in waves).`,
    defaultTarget: 'hub',
    roles: ['hub'],
    change(router, network) {
      const packets = stormLimit(network);
      for (const tunnel of router.tunnels)
        tunnel.nhrp.maxSend = { packets, everySeconds: MAX_SEND_EVERY_SECONDS };
      network.underlay.reboots.set(router.hostname, REBOOT_AT_SECONDS);
    },
  }),
  defineFault({
    id: 'hub-ike-cac-or-cpu',
    title: 'Hub IKE call admission limit too low for a re-registration storm',
    layer: 'ike',
    breaks: `\`crypto call admission limit ike in-negotiation-sa\` set to a quarter of the spokes and the hub reloads at lab second ${REBOOT_AT_SECONDS}: the spokes beyond the limit are refused (MM_NO_STATE / IN-NEG, no SA on the hub) and come up in waves.`,
    defaultTarget: 'hub',
    roles: ['hub'],
    change(router, network) {
      router.ikeInNegotiationLimit = stormLimit(network);
      network.underlay.reboots.set(router.hostname, REBOOT_AT_SECONDS);
    },
  }),
];
