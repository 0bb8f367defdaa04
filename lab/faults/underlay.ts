// Underlay faults: the transport between the routers' WAN interfaces loses a link, a route or a protocol.

import type { LabNetwork, UnderlayBlock } from '../model/network.js';
import { NAT_INSIDE_ADDRESS, NAT_INSIDE_GATEWAY } from '../network/addressing.js';
import { defineFault, hubNames, type LabFault } from './fault.js';

/** Adds a block to the underlay unless the same one is already there. */
export function addBlock(network: LabNetwork, block: UnderlayBlock): void {
  const { blocks } = network.underlay;
  const present = blocks.some(
    (existing) =>
      existing.from === block.from && existing.to === block.to && existing.protocol === block.protocol,
  );
  if (!present) blocks.push(block);
}

/** The network and wildcard of an interface's subnet (`203.0.113.1`/`255.255.255.0` -> `203.0.113.0`/`0.0.0.255`). */
function subnetOf(address: string, mask: string): { address: string; wildcard: string } {
  const octets = address.split('.').map(Number);
  const maskOctets = mask.split('.').map(Number);
  return {
    address: octets.map((octet, i) => octet & maskOctets[i]!).join('.'),
    wildcard: maskOctets.map((octet) => 255 - octet).join('.'),
  };
}

export const underlayFaults: LabFault[] = [
  defineFault({
    id: 'nbma-underlay-unreachable',
    title: 'NBMA address unreachable over the underlay',
    layer: 'underlay',
    breaks:
      'The ISP link behind the router is down: its NBMA address is unreachable, a spoke sits in IKE (MM_NO_STATE / IN-NEG) with NHS `E` and the hub has no entry for it.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router, network) {
      network.underlay.wanDown.add(router.hostname);
    },
  }),
  defineFault({
    id: 'tunnel-source-down',
    title: 'Tunnel source interface down',
    layer: 'underlay',
    breaks:
      'The WAN interface the tunnel is sourced from is shut: LINK/LINEPROTO down logs, Tunnel0 line protocol down, `show dmvpn` INTF or empty.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router) {
      router.wan.shutdown = true;
    },
  }),
  defineFault({
    id: 'recursive-routing',
    title: 'Hub WAN subnet advertised over the tunnel (recursive routing)',
    layer: 'underlay',
    breaks:
      'The hub advertises its own WAN subnet into the overlay routing: every spoke logs `%TUN-5-RECURDOWN` and its Tunnel0 goes down for 60 s every 80 s, its NHS and adjacency with it; the hub drops and re-learns the spokes each cycle.',
    defaultTarget: 'hub',
    roles: ['hub'],
    change(router) {
      const wan = subnetOf(router.wan.address, router.wan.mask);
      const { networks } = router.routing;
      if (networks.some((network) => network.address === wan.address)) return;
      // Like the healthy networks: BGP `network` lines have no area, the IGP ones are in area 0.
      networks.push(router.routing.protocol === 'bgp' ? wan : { ...wan, area: 0 });
    },
  }),
  defineFault({
    id: 'ike-udp-blocked',
    title: 'IKE (UDP 500) blocked',
    layer: 'underlay',
    breaks:
      'UDP 500 is dropped between the spoke and the hub (edge ACL or ISP): the spoke retransmits in MM_NO_STATE (IKEv2 IN-NEG) in state IKE and the hub sees nothing from it.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router, network) {
      const name = router.hostname;
      // A spoke's edge drops its IKE to everyone; a hub's edge drops IKE from everyone.
      addBlock(
        network,
        router.role === 'spoke'
          ? { from: name, to: '*', protocol: 'udp500' }
          : { from: '*', to: name, protocol: 'udp500' },
      );
    },
  }),
  defineFault({
    id: 'esp-blocked',
    title: 'ESP blocked from spoke to hub',
    layer: 'underlay',
    breaks:
      'ESP (IP 50) is dropped from the spoke to the hub while IKE passes: QM_IDLE on both ends, spoke encaps rising with decaps 0, hub encaps and decaps 0, spoke state NHRP with NHS `E`.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router, network) {
      const name = router.hostname;
      if (router.role === 'hub') addBlock(network, { from: '*', to: name, protocol: 'esp' });
      else for (const hub of hubNames(network)) addBlock(network, { from: name, to: hub, protocol: 'esp' });
    },
  }),
  defineFault({
    id: 'gre-blocked-unencrypted',
    title: 'GRE blocked in a cloud without tunnel protection',
    layer: 'underlay',
    breaks:
      'The cloud runs without `tunnel protection` (every router, `%CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is OFF`) and GRE (IP 47) is dropped from the spoke to its hubs: no isakmp SA, the spoke sits in NHRP with NHS `E` and the hub has no entry for it.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router, network) {
      // Unprotected on one side only would be tunnel-protection-one-side: the whole cloud goes plain mGRE.
      for (const each of network.routers)
        for (const tunnel of each.tunnels) {
          tunnel.protectionProfile = null;
          tunnel.protectionShared = false;
        }
      const name = router.hostname;
      if (router.role === 'hub') addBlock(network, { from: '*', to: name, protocol: 'gre' });
      else for (const hub of hubNames(network)) addBlock(network, { from: name, to: hub, protocol: 'gre' });
    },
  }),
  defineFault({
    id: 'fvrf-misconfig',
    title: 'Tunnel and WAN interface in different VRFs',
    layer: 'underlay',
    breaks:
      'The tunnel has `tunnel vrf INET` but the WAN interface stays in the global table (or the reverse): the tunnel never reaches its NBMA peers: a spoke sits in IKE (MM_NO_STATE / IN-NEG) with NHS `E` and no hub entry; on a hub every spoke does.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router) {
      // A WAN already in a front-door VRF loses `tunnel vrf`; otherwise the tunnel names a VRF the WAN is not in.
      for (const tunnel of router.tunnels) {
        if (router.wan.vrf !== undefined) delete tunnel.tunnelVrf;
        else tunnel.tunnelVrf = 'INET';
      }
    },
  }),
  defineFault({
    id: 'spoke-behind-nat',
    title: 'Spoke behind NAT',
    layer: 'underlay',
    breaks:
      'Not a fault by itself: the spoke gets a private WAN address behind a NAT router that keeps its public one, so IKE floats to UDP 4500 and `show dmvpn` shows `N`; it breaks with IPsec tunnel mode or two spokes behind PAT.',
    defaultTarget: 'spoke',
    roles: ['spoke'],
    change(router, network) {
      const { natOutside } = network.underlay;
      if (natOutside.has(router.hostname)) return;
      natOutside.set(router.hostname, router.wan.address);
      router.wan.address = NAT_INSIDE_ADDRESS;
      router.defaultGateway = NAT_INSIDE_GATEWAY;
    },
  }),
];
