// Renders a spoke's next-hop servers: `show ip nhrp nhs [<interface>] [detail]` (detail adds the request counters).

import type { NhsView, RouterState } from '../model/state.js';
import { clockDuration } from './durations.js';

const LEGEND = 'Legend: E=Expecting replies, R=Responding, W=Waiting, D=Dynamic';

/**
 * `100.0.0.100  RE  NBMA Address: 101.1.1.1 priority = 0 cluster = 0`, then in detail `  req-sent N  req-failed N
 * repl-recv N` and the age of the last reply (nothing when no reply ever came).
 */
function nhsLine(nhs: NhsView, detail: boolean): string {
  const nbma = nhs.nbma === null ? '' : `NBMA Address: ${nhs.nbma} `;
  const line = `${nhs.nhs} ${nhs.flags.padStart(3)}  ${nbma}priority = ${nhs.priority} cluster = ${nhs.cluster}`;
  if (!detail) return line;
  const age = nhs.lastReplySecondsAgo === null ? '' : ` (${clockDuration(nhs.lastReplySecondsAgo)} ago)`;
  return `${line}  req-sent ${nhs.reqSent}  req-failed ${nhs.reqFailed}  repl-recv ${nhs.replRecv}${age}`;
}

/** `interfaceName` keeps that tunnel's servers only (an interface without any: the legend alone). */
export function renderShowIpNhrpNhs(state: RouterState, detail = false, interfaceName?: string): string {
  const lines = [LEGEND];
  let tunnel: string | undefined;
  for (const nhs of state.nhs) {
    if (interfaceName !== undefined && nhs.interface !== interfaceName) continue;
    if (nhs.interface !== tunnel) lines.push(`${(tunnel = nhs.interface)}:`);
    lines.push(nhsLine(nhs, detail));
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}
