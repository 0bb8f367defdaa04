// NHRP faults: the `ip nhrp` lines of a tunnel missing, mistyped or out of step with the rest of the cloud.

import type { NhrpInterfaceConfig, RouterConfig } from '../model/config.js';
import type { UnderlayProtocol } from '../model/network.js';
import { defineFault, hubNames, multicastIgp, phase3, spokeToSpoke, type LabFault } from './fault.js';
import { addBlock } from './underlay.js';
import { trafficPartner } from '../engine/shortcuts.js';

/** An NHRP authentication string no healthy router uses (IOS keeps 8 characters). */
export const WRONG_NHRP_AUTH = 'WRONGk3y';
/** A tunnel address in the cloud's subnet that no router owns (spokes end at .250 of each /24). */
export const WRONG_NHS_TUNNEL = '10.0.0.254';
/** An address in the hubs' public subnet where no hub is. */
export const WRONG_NHS_NBMA = '203.0.113.200';
export const SHORT_HOLDTIME = 60;
export const LATE_REGISTRATION_TIMEOUT = 90;

/** The spoke's new public address: host .253 of its WAN /24 (spokes use .1 to .250, the gateway .254). */
function newPublicAddress(address: string): string {
  return address.replace(/\.\d+$/, '.253');
}

/** What a DMVPN tunnel needs through the underlay: IKE, NAT-T, ESP and GRE. */
const TUNNEL_PROTOCOLS: readonly UnderlayProtocol[] = ['udp500', 'udp4500', 'esp', 'gre'];

function forEachNhrp(router: RouterConfig, change: (nhrp: NhrpInterfaceConfig) => void): void {
  for (const tunnel of router.tunnels) change(tunnel.nhrp);
}

export const nhrpFaults: LabFault[] = [
  defineFault({
    id: 'nbma-change-unique-flag',
    title: "Spoke's NBMA changed while the hub holds a `unique` registration",
    layer: 'underlay',
    breaks:
      "A new public NBMA for the spoke: the hub keeps the old NBMA's `unique` entry until its holdtime ends and silently refuses the spoke (NHS `E`, `NHS_DOWN ... Registration Failure`), then logs NHC down (timeout) and takes the new NBMA; with `registration no-unique` at once.",
    defaultTarget: 'spoke',
    roles: ['spoke'],
    change(router, network) {
      // The public address changes at second 0 (a new DHCP lease, or the NAT router's outside address).
      const { natOutside } = network.underlay;
      const outside = natOutside.get(router.hostname);
      if (outside !== undefined) {
        natOutside.set(router.hostname, newPublicAddress(outside));
        return;
      }
      router.wan.address = newPublicAddress(router.wan.address);
    },
  }),
  defineFault({
    id: 'nhrp-network-id-missing',
    title: 'NHRP network-id missing',
    layer: 'nhrp',
    breaks:
      'Without `ip nhrp network-id` NHRP does not run on the tunnel: a hub logs `NHRP_NETID_UNCONFIGURED`, shows no peers and drops what it decrypts (decaps rising, encaps 0) while spokes wait in NHRP with NHS `E`.',
    defaultTarget: 'hub',
    roles: ['hub', 'spoke'],
    change(router) {
      forEachNhrp(router, (nhrp) => (nhrp.networkId = null));
    },
  }),
  defineFault({
    id: 'nhrp-auth-mismatch',
    title: 'NHRP authentication mismatch',
    layer: 'nhrp',
    breaks:
      'The NHRP authentication string differs: the hub logs `DMVPN_NHRP_ERROR ... authentication failure (11)` and shows `UNKNOWN ... IKE never IX`, the spoke stays in NHRP with NHS `E` (encaps rising, decaps 0).',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router) {
      forEachNhrp(router, (nhrp) => (nhrp.authentication = WRONG_NHRP_AUTH));
    },
  }),
  defineFault({
    id: 'nhs-wrong-tunnel-ip',
    title: 'NHS configured with a wrong tunnel address',
    layer: 'nhrp',
    breaks: `The spoke's first \`ip nhrp nhs\` names ${WRONG_NHS_TUNNEL}, an address no hub owns: the hub logs \`protocol generic error (7)\` and shows \`UNKNOWN ... IX\`, the spoke shows that NHS in \`E\`.`,
    defaultTarget: 'spoke',
    roles: ['spoke'],
    change(router) {
      forEachNhrp(router, (nhrp) => {
        if (nhrp.nhs[0]) nhrp.nhs[0].tunnel = WRONG_NHS_TUNNEL;
      });
    },
  }),
  defineFault({
    id: 'nhs-wrong-nbma',
    title: 'NHS configured with a wrong NBMA address',
    layer: 'nhrp',
    breaks: `The NBMA address of the spoke's first NHS is mistyped (${WRONG_NHS_NBMA}): IKE goes to an address that never answers (MM_NO_STATE towards it), the hub row stays in IKE, NHS \`E\`.`,
    defaultTarget: 'spoke',
    roles: ['spoke'],
    change(router) {
      forEachNhrp(router, (nhrp) => {
        const nhs = nhrp.nhs[0];
        if (!nhs) return;
        if (nhs.nbma !== null) nhs.nbma = WRONG_NHS_NBMA;
        else {
          // The NBMA of an NHS without `nbma` comes from the `ip nhrp map` of its tunnel address.
          const map = nhrp.maps.find((entry) => entry.tunnel === nhs.tunnel);
          if (map) map.nbma = WRONG_NHS_NBMA;
        }
      });
    },
  }),
  defineFault({
    id: 'nhs-missing-static-map-only',
    title: 'Static NHRP map but no NHS',
    layer: 'nhrp',
    breaks:
      'The spoke has `ip nhrp map` and `map multicast` to its hubs but no `ip nhrp nhs`: it never registers (`NHRP never S`, empty NHS table), the hub shows `UNKNOWN ... IX` and logs `protocol generic error (7)`.',
    defaultTarget: 'spoke',
    roles: ['spoke'],
    change(router) {
      forEachNhrp(router, (nhrp) => {
        for (const nhs of nhrp.nhs) {
          if (nhs.nbma === null) continue;
          if (!nhrp.maps.some((map) => map.tunnel === nhs.tunnel)) {
            nhrp.maps.push({ tunnel: nhs.tunnel, nbma: nhs.nbma });
          }
          if (nhs.multicast && !nhrp.mapMulticast.includes(nhs.nbma)) nhrp.mapMulticast.push(nhs.nbma);
        }
        nhrp.nhs = [];
      });
    },
  }),
  defineFault({
    id: 'nhrp-holdtime-registration-timer',
    title: 'NHRP holdtime shorter than the registration interval',
    layer: 'nhrp',
    breaks: `The spoke's holdtime is ${SHORT_HOLDTIME} s while it registers every ${LATE_REGISTRATION_TIMEOUT} s: the hub's entry expires before each refresh, the hub logs NHC DOWN/UP for it every ${LATE_REGISTRATION_TIMEOUT} s and its UpDn keeps resetting.`,
    defaultTarget: 'spoke',
    roles: ['spoke'],
    change(router) {
      forEachNhrp(router, (nhrp) => {
        nhrp.holdtimeSeconds = SHORT_HOLDTIME;
        nhrp.registrationTimeoutSeconds = LATE_REGISTRATION_TIMEOUT;
      });
    },
  }),
  defineFault({
    id: 'hub-missing-map-multicast-dynamic',
    title: 'Hub without `ip nhrp map multicast dynamic`',
    layer: 'nhrp',
    breaks:
      "The hub does not replicate multicast to registered spokes: NHRP and crypto are UP but the hub's hellos never reach them (EIGRP `retry limit exceeded`, OSPF stuck in INIT on the spokes).",
    defaultTarget: 'hub',
    roles: ['hub'],
    requires: multicastIgp,
    change(router) {
      forEachNhrp(router, (nhrp) => (nhrp.mapMulticastDynamic = false));
    },
  }),
  defineFault({
    id: 'spoke-missing-multicast-map',
    title: 'Spoke without a multicast map to its hubs',
    layer: 'nhrp',
    breaks:
      'The spoke sends no multicast to its hubs (no `multicast` on its `nhs` lines, no `map multicast`): NHRP is UP but no routing adjacency forms over it.',
    defaultTarget: 'spoke',
    roles: ['spoke'],
    requires: multicastIgp,
    change(router) {
      forEachNhrp(router, (nhrp) => {
        for (const nhs of nhrp.nhs) nhs.multicast = false;
        nhrp.mapMulticast = [];
      });
    },
  }),
  defineFault({
    id: 'phase3-missing-redirect',
    title: 'Phase 3 hub without `ip nhrp redirect`',
    layer: 'nhrp',
    breaks:
      'The hub sends no Traffic Indications: spoke-to-spoke traffic keeps going through the hub, no Resolution Requests and no `D` rows on the spokes.',
    defaultTarget: 'hub',
    roles: ['hub'],
    requires: phase3,
    change(router) {
      forEachNhrp(router, (nhrp) => (nhrp.redirect = false));
    },
  }),
  defineFault({
    id: 'phase3-missing-shortcut',
    title: 'Phase 3 spoke without `ip nhrp shortcut`',
    layer: 'nhrp',
    breaks:
      'The spoke receives Traffic Indications and resolves the other spoke but installs no shortcut (no NHO / `H` routes): its traffic still goes through the hub.',
    defaultTarget: 'spoke',
    roles: ['spoke'],
    requires: phase3,
    change(router) {
      forEachNhrp(router, (nhrp) => (nhrp.shortcut = false));
    },
  }),
  defineFault({
    id: 'nhrp-resolution-failing',
    title: "Spoke's edge ACL admits only the hubs (spoke-to-spoke blocked)",
    layer: 'nhrp',
    breaks:
      "The spoke's edge drops IKE, NAT-T, ESP and GRE from every router but its hubs: resolutions go through the hub but the direct tunnel never comes up (D rows stuck in IKE, MM_NO_STATE / IN-NEG), Resolution Replies 0, traffic stays on the hub.",
    defaultTarget: 'spoke',
    // Only spokes that send each other traffic build direct tunnels: the first of them shows the fault.
    defaultRouter(options) {
      for (let spoke = 1; spoke <= options.spokes; spoke += 1)
        if (trafficPartner(options, spoke) !== null) return `spoke${spoke}`;
      return 'spoke1';
    },
    roles: ['spoke'],
    requires: spokeToSpoke,
    change(router, network) {
      const hubs = hubNames(network);
      for (const protocol of TUNNEL_PROTOCOLS)
        addBlock(network, { from: '*', to: router.hostname, protocol, except: hubs });
    },
  }),
];
