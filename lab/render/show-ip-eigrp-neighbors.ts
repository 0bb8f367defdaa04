// Renders `show ip eigrp neighbors` as IOS-XE prints it for a classic-mode process: the AS title, then one row per
// adjacency, newest first, with its handle, hold time, uptime, timers and sequence number.

import type { RoutingConfig } from '../model/config.js';
import type { RouterState, RoutingNeighborView } from '../model/state.js';
import { iosDuration } from './durations.js';
import { shortInterfaceName } from './system-interface-status.js';

export const EIGRP_COLUMNS = [
  'H   Address                 Interface              Hold Uptime   SRTT   RTO  Q  Seq',
  '                                                   (sec)         (ms)       Cnt Num',
];

/** Hellos every 5 s on a tunnel restart a 15 s hold timer: it reads 10 to 14, moving with the clock. */
function holdSeconds(atSeconds: number, handle: number): number {
  return 14 - ((Math.floor(atSeconds) + handle) % 5);
}

/** A round trip over the Internet, steady per neighbor; RTO is six of them, at least 100 ms as IOS bounds it. */
function smoothRoundTripMs(address: string): number {
  let sum = 0;
  for (const octet of address.split('.')) sum += Number(octet);
  return 5 + (sum % 40);
}

function neighborRow(neighbor: RoutingNeighborView, handle: number, atSeconds: number): string {
  const srtt = smoothRoundTripMs(neighbor.neighbor);
  const rto = Math.min(5000, Math.max(100, srtt * 6));
  return (
    `${String(handle).padEnd(3)} ${neighbor.neighbor.padEnd(24)}${shortInterfaceName(neighbor.interface).padEnd(22)}` +
    `${String(holdSeconds(atSeconds, handle)).padStart(5)} ${iosDuration(neighbor.upSeconds).padEnd(9)}` +
    `${String(srtt).padStart(4)}${String(rto).padStart(6)}${'0'.padStart(3)}  ${neighbor.detail}`
  );
}

/**
 * Handles number the adjacencies in the order they came up (the oldest is 0) and the table lists the newest first.
 * Prints nothing when the router runs no EIGRP, and the title alone while it has no neighbor.
 */
export function renderShowIpEigrpNeighbors(state: RouterState, routing: RoutingConfig): string {
  if (routing.protocol !== 'eigrp') return '';
  const neighbors = state.routingNeighbors.filter((neighbor) => neighbor.protocol === 'eigrp');
  const lines = [`EIGRP-IPv4 Neighbors for AS(${routing.asn})`];
  if (neighbors.length > 0) {
    const byAge = neighbors.map((neighbor, index) => ({ neighbor, index }));
    byAge.sort((a, b) => b.neighbor.upSeconds - a.neighbor.upSeconds || a.index - b.index);
    lines.push(...EIGRP_COLUMNS);
    for (let handle = byAge.length - 1; handle >= 0; handle--) {
      lines.push(neighborRow(byAge[handle]!.neighbor, handle, state.atSeconds));
    }
  }
  return `${lines.join('\n')}\n`;
}
