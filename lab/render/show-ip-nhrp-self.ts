// Renders `show ip nhrp self`: the router's own entry on each NHRP tunnel (its tunnel address, static, `router
// unique local`, no socket, its tunnel source as NBMA address), each followed by IOS-XE's Metadata Exchange table.

import type { RouterState } from '../model/state.js';
import { iosDuration } from './durations.js';

/** The three metadata types IOS-XE lists under a self entry, all in their reset state on a DMVPN tunnel. */
const METADATA_TYPES = [1, 2, 3];

/**
 * The state does not record when a tunnel came up: the self entry, made with the tunnel, is as old as the router.
 * IOS ends the expiry, flags and no-socket lines of a self entry with a space.
 */
export function renderShowIpNhrpSelf(state: RouterState): string {
  const lines: string[] = [];
  for (const { interface: name } of state.dmvpn) {
    const tunnel = state.interfaces.find((candidate) => candidate.name === name);
    if (!tunnel?.address || !tunnel.tunnel) continue;
    lines.push(
      `${tunnel.address}/32 via ${tunnel.address}`,
      `   ${name} created ${iosDuration(state.uptimeSeconds)}, never expire `,
      '   Type: static, Flags: router unique local ',
      `   NBMA address: ${tunnel.tunnel.source}`,
      '    (no-socket) ',
      'Metadata Exchange Framework:',
      ' Type\tState',
    );
    for (const type of METADATA_TYPES) lines.push(` ${type}   \tReset`, ' MEF ext data:0x0');
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
