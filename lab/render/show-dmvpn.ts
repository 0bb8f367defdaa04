// Renders `show dmvpn [interface <interface>]` in the IOS-XE layout: legend, then per tunnel with peers its header
// and peer table.

import type { DmvpnTunnelView, RouterState } from '../model/state.js';
import { PEER_TABLE_HEADING, SHOW_DMVPN_LEGEND } from './dmvpn-legend.js';
import { pushPlainPeerRows } from './dmvpn-peer-rows.js';

function pushTunnel(lines: string[], tunnel: DmvpnTunnelView): void {
  lines.push(
    '',
    `Interface: ${tunnel.interface}, IPv4 NHRP Details `,
    `Type:${tunnel.type}, NHRP Peers:${tunnel.peers.length}, `,
    '',
    ...PEER_TABLE_HEADING,
  );
  for (const peer of tunnel.peers) pushPlainPeerRows(lines, peer);
}

/**
 * A tunnel without NHRP peers prints nothing, not even its header (a hub whose spokes are all gone: legend only);
 * `interfaceName` keeps that tunnel only (an interface without NHRP: the legend only).
 */
export function renderShowDmvpn(state: RouterState, interfaceName?: string): string {
  const lines: string[] = [...SHOW_DMVPN_LEGEND];
  for (const tunnel of state.dmvpn)
    if (tunnel.peers.length > 0 && (interfaceName === undefined || tunnel.interface === interfaceName))
      pushTunnel(lines, tunnel);
  lines.push('');
  return `${lines.join('\n')}\n`;
}
