// OSPF DR/BDR election on a hub's broadcast tunnel: the hub (priority 255) stays DR; the BDR is the spoke with the
// highest priority, then the highest router id (the lab takes the WAN address, its routers' highest interface
// address). Spokes with `ip ospf priority 0` or another network type (no adjacency) take no part.

import type { RouterConfig, TunnelInterfaceConfig } from '../model/config.js';
import { compareAddresses } from './address.js';
import type { SpokeHubPair } from './topology.js';

/** IOS's priority when `ip ospf priority` is absent. */
const DEFAULT_PRIORITY = 1;

export function ospfPriority(tunnel: TunnelInterfaceConfig): number {
  return tunnel.ospfPriority ?? DEFAULT_PRIORITY;
}

/** The tunnel address of the spoke elected BDR among the pairs of one hub tunnel, or null (none eligible). */
export function backupDesignated(
  hub: RouterConfig,
  hubTunnel: TunnelInterfaceConfig,
  pairs: readonly SpokeHubPair[],
): string | null {
  if (hub.routing.protocol !== 'ospf' || hubTunnel.ospfNetwork !== 'broadcast') return null;
  let best: SpokeHubPair | null = null;
  for (const pair of pairs) {
    if (pair.hubTunnel !== hubTunnel || pair.spoke.routing.protocol !== 'ospf') continue;
    if (pair.spokeTunnel.ospfNetwork !== 'broadcast' || ospfPriority(pair.spokeTunnel) === 0) continue;
    if (!best) best = pair;
    else {
      const byPriority = ospfPriority(pair.spokeTunnel) - ospfPriority(best.spokeTunnel);
      if (
        byPriority > 0 ||
        (byPriority === 0 && compareAddresses(pair.spoke.wan.address, best.spoke.wan.address) > 0)
      )
        best = pair;
    }
  }
  return best?.spokeTunnel.address ?? null;
}
