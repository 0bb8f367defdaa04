// Renders `show ip ospf neighbor` as IOS prints it: one row per adjacency with its priority, state/role, dead time,
// address and interface.

import type { RoutingConfig } from '../model/config.js';
import type { RouterState, RoutingNeighborView } from '../model/state.js';
import { clockDuration } from './durations.js';

export const OSPF_COLUMNS = 'Neighbor ID     Pri   State           Dead Time   Address         Interface';

/**
 * The neighbor's priority as the lab configures it: on a broadcast DMVPN the hub (the DR) has 255 and the spokes
 * 0; on point-to-multipoint, with no election (`FULL/  -`), every router keeps the default 1.
 */
function priority(state: string): number {
  if (state.endsWith('/DR')) return 255;
  if (state.endsWith('/BDR') || state.endsWith('/DROTHER')) return 0;
  return 1;
}

/** `10.0.0.1          1   FULL/  -        00:01:39    10.0.0.1        Tunnel0`. */
function neighborRow(neighbor: RoutingNeighborView): string {
  return (
    `${neighbor.neighbor.padEnd(15)}${String(priority(neighbor.state)).padStart(4)}   ` +
    `${neighbor.state.padEnd(16)}${clockDuration(neighbor.detail).padEnd(12)}${neighbor.neighbor.padEnd(16)}` +
    neighbor.interface
  );
}

/** Prints nothing when the router runs no OSPF or has no neighbor, as IOS does. */
export function renderShowIpOspfNeighbor(state: RouterState, routing: RoutingConfig): string {
  if (routing.protocol !== 'ospf') return '';
  const neighbors = state.routingNeighbors.filter((neighbor) => neighbor.protocol === 'ospf');
  if (neighbors.length === 0) return '';
  const lines = ['', OSPF_COLUMNS];
  for (const neighbor of neighbors) lines.push(neighborRow(neighbor));
  return `${lines.join('\n')}\n`;
}
