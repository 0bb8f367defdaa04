// Renders `show tunnel protection statistics`: the messages tunnel protection exchanged with the crypto socket
// layer, their errors, and the packets it dropped itself, three counters to a line.

import type { RouterState, TunnelProtectionStatsView } from '../model/state.js';

type Counted = keyof TunnelProtectionStatsView;

/** A counter line's labels; a label with a view counter behind it reads it, the others print 0. */
type Counter = string | [string, Counted];

interface Block {
  heading: string;
  directions: { label: 'Sent' | 'Rcvd'; lines: Counter[][] }[];
}

const BLOCKS: Block[] = [
  {
    heading: '------------------------- Message Statistics -------------------------',
    directions: [
      {
        label: 'Sent',
        lines: [
          [['Listen Start', 'listenStarts'], 'Listen Stop', ['Socket Open', 'socketOpens']],
          [['Socket Close', 'socketCloses']],
        ],
      },
      {
        label: 'Rcvd',
        lines: [
          ['General Error', 'Socket Error', 'Socket Ready'],
          [['Socket Up', 'socketUps'], ['Socket Down', 'socketDowns'], 'MTU Changed'],
          [['Listen Ready', 'listenReadies'], 'Other'],
        ],
      },
    ],
  },
  {
    heading: '-------------------------- Error Statistics --------------------------',
    directions: [
      {
        label: 'Rcvd',
        lines: [
          ['Listen Start', 'Listen Stop', 'Socket Open'],
          ['Socket Close', 'Conn Timeout'],
        ],
      },
    ],
  },
  {
    heading: '------------ Data Statistics(Other than IPSec protection) ------------',
    directions: [
      { label: 'Sent', lines: [[['cef pkt drops', 'cefDrops'], 'ps pkt drops']] },
      { label: 'Rcvd', lines: [['ps pkt drops', 'clear pkt drops']] },
    ],
  },
];

/** `Listen Start   : 1    `: the label in 15 columns, the value in 4 and a space (IOS ends the line with it too). */
function counterText(counter: Counter, stats: TunnelProtectionStatsView | undefined): string {
  const [label, key] = typeof counter === 'string' ? [counter, undefined] : counter;
  const value = key === undefined || stats === undefined ? 0 : stats[key];
  return `${label.padEnd(15)}: ${String(value).padEnd(4)} `;
}

export function renderShowTunnelProtectionStatistics(state: RouterState): string {
  const stats = state.tunnelProtectionStats;
  const lines: string[] = [];
  for (const block of BLOCKS) {
    if (lines.length > 0) lines.push('');
    lines.push(block.heading);
    for (const direction of block.directions) {
      lines.push(`   ${direction.label}:`);
      for (const counters of direction.lines)
        lines.push(`      ${counters.map((counter) => counterText(counter, stats)).join('')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
