// Renders `show ip nhrp traffic`: per tunnel its max-send limit and usage, then the Sent and Rcvd packet counts.

import type { NhrpTrafficView, RouterState } from '../model/state.js';

/** The packet names in IOS order, three per line, with the key prefix the parser (and the state) uses. */
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

/** `   Sent: Total 5266` and its three counter lines; the total is the sum unless the view gives it. */
function pushDirection(lines: string[], traffic: NhrpTrafficView, label: 'Sent' | 'Rcvd'): void {
  const suffix = label === 'Sent' ? '_sent' : '_rcvd';
  const counters = traffic.counters;
  const counterLines: string[] = [];
  let sum = 0;
  for (const names of COUNTER_LINES) {
    const parts = names.map(([name, key]) => {
      const count = counters[key + suffix] ?? 0;
      sum += count;
      return `${count} ${name}`;
    });
    counterLines.push(`         ${parts.join('  ')}`);
  }
  lines.push(`   ${label}: Total ${counters[`total${suffix}`] ?? sum}`, ...counterLines);
}

export function renderShowIpNhrpTraffic(state: RouterState): string {
  const lines: string[] = [];
  for (const traffic of state.nhrpTraffic) {
    lines.push(
      `${traffic.interface}: Max-send limit:${traffic.maxSendPackets}Pkts/${traffic.maxSendIntervalSeconds}Sec, ` +
        `Usage:${traffic.usagePercent}%`,
    );
    pushDirection(lines, traffic, 'Sent');
    pushDirection(lines, traffic, 'Rcvd');
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
