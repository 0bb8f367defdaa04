// Overlay routing faults: the tunnel is UP but the IGP over it does not carry the routes a DMVPN phase needs.

import { defineFault, eigrp, ospf, type FaultRequirement, type LabFault } from './fault.js';

const eigrpPhase2: FaultRequirement = {
  text: 'EIGRP routing in phase 2',
  met: (options) => eigrp.met(options) && options.phase === 2,
};

const eigrpSpokeToSpoke: FaultRequirement = {
  text: 'EIGRP routing in phase 2 or 3',
  met: (options) => eigrp.met(options) && options.phase !== 1,
};

const ospfBroadcast: FaultRequirement = {
  text: 'OSPF routing in phase 2 (broadcast network, hub as DR)',
  met: (options) => ospf.met(options) && options.phase === 2,
};

export const routingFaults: LabFault[] = [
  defineFault({
    id: 'eigrp-split-horizon-phase2',
    title: 'EIGRP split horizon on the hub tunnel',
    layer: 'routing',
    breaks:
      "Split horizon is back on the hub's tunnel: spokes learn the hub's prefixes but not the other spokes' LANs, while NHRP and crypto are all UP.",
    defaultTarget: 'hub',
    roles: ['hub'],
    requires: eigrpSpokeToSpoke,
    change(router) {
      for (const tunnel of router.tunnels) tunnel.eigrpSplitHorizon = true;
    },
  }),
  defineFault({
    id: 'eigrp-next-hop-self-phase2',
    title: 'EIGRP next-hop-self on a phase 2 hub',
    layer: 'routing',
    breaks:
      'The hub advertises spoke routes with itself as next hop: spoke-to-spoke traffic always goes through the hub, no Resolution Requests and no `D` rows.',
    defaultTarget: 'hub',
    roles: ['hub'],
    requires: eigrpPhase2,
    change(router) {
      for (const tunnel of router.tunnels) tunnel.eigrpNextHopSelf = true;
    },
  }),
  defineFault({
    id: 'tunnel-bandwidth-eigrp-pacing',
    title: 'Hub tunnel left at the default bandwidth',
    layer: 'routing',
    breaks:
      "The hub tunnel's `bandwidth` is gone (default 100 kbit/s): EIGRP paces itself to half of it, updates queue up (Q Cnt) and adjacencies to spokes drop with `retry limit exceeded`.",
    defaultTarget: 'hub',
    roles: ['hub'],
    requires: eigrp,
    change(router) {
      for (const tunnel of router.tunnels) tunnel.bandwidthKbps = null;
    },
  }),
  defineFault({
    id: 'ospf-network-type-mismatch',
    title: 'OSPF network type differs from the hub',
    layer: 'routing',
    breaks:
      "The spoke's `ip ospf network` type differs from the hub's (broadcast hellos every 10 s vs point-to-multipoint every 30 s): no OSPF adjacency over a tunnel that is otherwise UP.",
    defaultTarget: 'spoke',
    roles: ['spoke'],
    requires: ospf,
    change(router, network) {
      // The healthy cloud is broadcast in phase 2 and point-to-multipoint otherwise: the spoke takes the other.
      const wrong = network.options.phase === 2 ? 'point-to-multipoint' : 'broadcast';
      for (const tunnel of router.tunnels) tunnel.ospfNetwork = wrong;
    },
  }),
  defineFault({
    id: 'ospf-spoke-dr',
    title: 'Spoke eligible as OSPF DR/BDR',
    layer: 'routing',
    breaks:
      'The spoke lost `ip ospf priority 0` and is elected BDR (DR after a hub reload): other spokes stick in 2WAY/EXSTART with it, LSAs are not flooded and routes go missing.',
    defaultTarget: 'spoke',
    roles: ['spoke'],
    requires: ospfBroadcast,
    change(router) {
      for (const tunnel of router.tunnels) tunnel.ospfPriority = null;
    },
  }),
];
