// Renders `show ip nhrp traffic interface <tunnel>` (one tunnel of `show ip nhrp traffic`) and the `detail` forms:
// the router's global counters and packet queue first, then per tunnel Sent, Rcvd and the packets it forwarded.

import type { NhrpTrafficView, RouterState } from '../model/state.js';
import { renderShowIpNhrpTraffic } from './show-ip-nhrp-traffic.js';

/** The packet names in IOS order, three per line, with the key prefix the state uses. */
const COUNTER_LINES: readonly (readonly (readonly [string, string])[])[] = [
  [
    ['Resolution Request', 'res_req'],
    ['Resolution Reply', 'res_reply'],
    ['Registration Request', 'reg_req'],
  ],
  [
    ['Registration Reply', 'reg_reply'],
    ['Purge Request', 'purge_req'],
    ['Purge Reply', 'purge_reply'],
  ],
  [
    ['Error Indication', 'err_ind'],
    ['Traffic Indication', 'traffic_ind'],
    ['Redirect Suppress', 'redirect_supp'],
  ],
];

type Direction = 'Sent' | 'Rcvd' | 'Fwd';

/** `   Sent: Total 5266` and its three counter lines; the total is always the sum of the nine counters. */
function directionLines(counters: Record<string, number>, label: Direction): string[] {
  const suffix = `_${label.toLowerCase()}`;
  let total = 0;
  const counterLines = COUNTER_LINES.map((names) => {
    const parts = names.map(([name, key]) => {
      const count = counters[key + suffix] ?? 0;
      total += count;
      return `${count} ${name}`;
    });
    return `         ${parts.join('  ')}`;
  });
  return [`   ${label}: Total ${total}`, ...counterLines];
}

function tunnelLines(traffic: NhrpTrafficView): string[] {
  return [
    `${traffic.interface}: Max-send limit:${traffic.maxSendPackets}Pkts/${traffic.maxSendIntervalSeconds}Sec, ` +
      `Usage:${traffic.usagePercent}%`,
    ...directionLines(traffic.counters, 'Sent'),
    ...directionLines(traffic.counters, 'Rcvd'),
    ...directionLines(traffic.counters, 'Fwd'),
  ];
}

/** The router's counters: every tunnel's, summed (the lab's tunnels are never removed, so nothing else counts). */
function globalCounters(tunnels: readonly NhrpTrafficView[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const traffic of tunnels)
    for (const [key, value] of Object.entries(traffic.counters)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
}

/**
 * `interfaceName` keeps that tunnel alone (nothing for a tunnel without NHRP); `detail` adds the global block and
 * the Fwd counters. The packet queue is drained within the second: 0 queued, 0 dropped, 1 at most.
 */
export function renderShowIpNhrpTrafficOf(
  state: RouterState,
  interfaceName: string | undefined,
  detail: boolean,
): string {
  const tunnels =
    interfaceName === undefined
      ? state.nhrpTraffic
      : state.nhrpTraffic.filter((traffic) => traffic.interface === interfaceName);
  if (!detail) return renderShowIpNhrpTraffic({ ...state, nhrpTraffic: tunnels });
  const global = globalCounters(state.nhrpTraffic);
  const lines = [
    'Global statistics:',
    ' Packet Queue size: 0[0](1)',
    ...directionLines(global, 'Sent'),
    ...directionLines(global, 'Rcvd'),
    ...tunnels.flatMap(tunnelLines),
  ];
  return `${lines.join('\n')}\n`;
}
