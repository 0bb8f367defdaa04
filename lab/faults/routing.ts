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

const ospfPhase2: FaultRequirement = {
  text: 'OSPF routing in phase 2',
  met: (options) => ospf.met(options) && options.phase === 2,
};

const bgpPhase2: FaultRequirement = {
  text: 'BGP routing in phase 2',
  met: (options) => options.routing === 'bgp' && options.phase === 2,
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
      'The hub tunnel lost `no ip split-horizon eigrp`: NHRP, crypto and EIGRP neighbors stay UP; in phase 2 spoke-to-spoke traffic stays on the hub (no `D` rows), in phase 3 only the config differs (the lab has no route table).',
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
      'The hub tunnel lost `no ip next-hop-self eigrp`: NHRP, crypto and EIGRP neighbors stay UP, but spoke-to-spoke traffic stays on the hub (no `D` rows); the lab has no route table to show the hub as next hop.',
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
      "The hub tunnel's `bandwidth` is gone: `show interfaces Tunnel0` on the hub shows the default BW 100 Kbit/sec; the lab does not model EIGRP pacing, so neighbors stay up with no Q Cnt build-up or `retry limit exceeded`.",
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
      "The spoke's `ip ospf network` type differs from the hub's (hello/dead timers 10/40 s vs 30/120 s): both ends drop the adjacency (`Dead timer expired`) and list no OSPF neighbor, over a tunnel that is otherwise UP.",
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
      'The spoke lost `ip ospf priority 0` and is elected BDR: the hub lists it FULL/BDR in `show ip ospf neighbor` (the hub stays DR, nothing is logged); the lab does not play the DR takeover after a hub reload nor show routes.',
    defaultTarget: 'spoke',
    roles: ['spoke'],
    requires: ospfBroadcast,
    change(router) {
      for (const tunnel of router.tunnels) tunnel.ospfPriority = null;
    },
  }),
  defineFault({
    id: 'ospf-p2mp-in-phase2',
    title: 'OSPF point-to-multipoint in a phase 2 cloud',
    layer: 'routing',
    breaks:
      'Hub and spokes run `ip ospf network point-to-multipoint`: NHRP, crypto and OSPF adjacencies stay UP (FULL/  -, no DR/BDR), but spoke-to-spoke traffic stays on the hub (no `D` rows); the lab has no route table to show the hub as next hop.',
    defaultTarget: 'hub',
    roles: ['hub'],
    requires: ospfPhase2,
    change(_router, network) {
      // The whole cloud changes type together: a hub alone would be a network type mismatch.
      for (const router of network.routers)
        for (const tunnel of router.tunnels) tunnel.ospfNetwork = 'point-to-multipoint';
    },
  }),
  defineFault({
    id: 'bgp-next-hop-phase2',
    title: 'iBGP next-hop-self on a phase 2 hub',
    layer: 'routing',
    breaks:
      'The hub sets `neighbor SPOKES next-hop-self` on its spokes: NHRP, crypto and BGP sessions stay up (Established), but spoke-to-spoke traffic stays on the hub (no `D` rows); the lab has no BGP table to show the hub as next hop.',
    defaultTarget: 'hub',
    roles: ['hub'],
    requires: bgpPhase2,
    change(router) {
      router.routing.bgpNextHopSelf = true;
    },
  }),
];
