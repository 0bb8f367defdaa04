// Recursive routing (diagnosis-reference.md `recursive-routing`, Cisco doc 22327): a hub advertising a prefix that
// covers its own NBMA into the overlay routing makes the spokes learn the route to the tunnel destination through the
// tunnel itself. Each time the adjacency comes up and the route arrives the spoke logs `%TUN-5-RECURDOWN` and
// disables the tunnel for a while; the adjacency and the route go with it, the tunnel comes back, and so on.

import type { RouterConfig } from '../model/config.js';
import type { LabNetwork } from '../model/network.js';
import { inNetwork, ipv4ToNumber } from './address.js';

/** A periodic tunnel outage: down for `downSeconds` at the start of every `periodSeconds` from `sinceSeconds`. */
export interface TunnelOutage {
  periodSeconds: number;
  downSeconds: number;
  sinceSeconds: number;
}

/** How long IOS keeps the tunnel disabled, and how long it stays up until the route is learnt again. */
const DISABLED_SECONDS = 60;
const UP_SECONDS = 20;
/** From second 0 the hub's update reaches the spoke over the adjacency it already has. */
const FIRST_UPDATE = 5;

function wildcardToMask(wildcard: string): string {
  const value = (~ipv4ToNumber(wildcard) >>> 0) >>> 0;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Whether `router` advertises a prefix covering `address` into its overlay routing. */
function advertises(router: RouterConfig, address: string): boolean {
  return router.routing.networks.some((network) =>
    inNetwork(address, network.address, wildcardToMask(network.wildcard)),
  );
}

/** The hubs of a network by WAN address (one scan per simulation). */
export function hubsByNbma(network: LabNetwork): Map<string, RouterConfig> {
  const hubs = new Map<string, RouterConfig>();
  for (const router of network.routers) if (router.role === 'hub') hubs.set(router.wan.address, router);
  return hubs;
}

/** The periodic outage of a spoke's tunnels learning a hub's NBMA through the overlay, or null. */
export function recursiveOutage(router: RouterConfig, hubs: Map<string, RouterConfig>): TunnelOutage | null {
  if (router.role !== 'spoke') return null;
  const routing = router.routing;
  for (const tunnel of router.tunnels)
    for (const nhs of tunnel.nhrp.nhs) {
      const nbma = nhs.nbma ?? tunnel.nhrp.maps.find((map) => map.tunnel === nhs.tunnel)?.nbma;
      if (!nbma) continue;
      const hub = hubs.get(nbma);
      if (!hub || hub.routing.protocol !== routing.protocol) continue;
      if (routing.protocol === 'eigrp' && hub.routing.asn !== routing.asn) continue;
      if (advertises(hub, nbma))
        return {
          periodSeconds: DISABLED_SECONDS + UP_SECONDS,
          downSeconds: DISABLED_SECONDS,
          sinceSeconds: FIRST_UPDATE,
        };
    }
  return null;
}
