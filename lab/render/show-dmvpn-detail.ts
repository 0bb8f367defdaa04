// Renders `show dmvpn detail`: per tunnel its state block, NHSs (spoke), type and peer table with target networks,
// then the crypto session details.

import type { DmvpnTunnelView, InterfaceView, NhsView, RouterState } from '../model/state.js';
import { pushCryptoSessionDetails } from './dmvpn-crypto-sessions.js';
import { DETAIL_PEER_TABLE_HEADING, SHOW_DMVPN_DETAIL_LEGEND } from './dmvpn-legend.js';
import { pushDetailPeerRows } from './dmvpn-peer-rows.js';

/** `Interface Tunnel0 is up/up, Addr. is 10.0.0.1, VRF ""` and the lines under it. */
function pushTunnelState(lines: string[], tunnel: InterfaceView, stateControl: boolean): void {
  const status = `up/${tunnel.operUp ? 'up' : 'down'}`;
  const gre = tunnel.tunnel;
  const destination = gre === null ? 'MGRE' : (gre.destination ?? 'MGRE');
  lines.push(
    '',
    `Interface ${tunnel.name} is ${status}, Addr. is ${tunnel.address ?? 'unassigned'}, VRF ""`,
    `   Tunnel Src./Dest. addr: ${gre?.source ?? '0.0.0.0'}/${destination}, Tunnel VRF ""`,
    `   Protocol/Transport: "${gre?.mode ?? 'multi-GRE/IP'}", Protect "${gre?.protectionProfile ?? ''}"`,
    `   Interface State Control: ${stateControl ? 'Enabled' : 'Disabled'}`,
    '   nhrp event-publisher : Disabled',
  );
}

/** `172.16.123.1  RE priority = 0 cluster = 0` under `IPv4 NHS:`. */
function nhsLine(nhs: NhsView): string {
  return `${nhs.nhs} ${nhs.flags.padStart(3)} priority = ${nhs.priority} cluster = ${nhs.cluster}`;
}

function pushTunnel(lines: string[], tunnel: DmvpnTunnelView, state: RouterState): void {
  const view = state.interfaces.find((candidate) => candidate.name === tunnel.interface);
  if (view && !view.adminUp) {
    // Right under the legend's rule, as in the captures; set apart from a tunnel block above it.
    if (lines.length > SHOW_DMVPN_DETAIL_LEGEND.length) lines.push('');
    lines.push(`${tunnel.interface} is admin down`);
    return;
  }
  if (view) pushTunnelState(lines, view, tunnel.interfaceStateControl === true);
  else lines.push('');
  const servers = state.nhs.filter((nhs) => nhs.interface === tunnel.interface);
  if (servers.length > 0) lines.push('', 'IPv4 NHS:', ...servers.map(nhsLine));
  lines.push(
    `Type:${tunnel.type}, Total NBMA Peers (v4/v6): ${tunnel.peers.length}`,
    '',
    ...DETAIL_PEER_TABLE_HEADING,
  );
  for (const peer of tunnel.peers) pushDetailPeerRows(lines, peer);
}

export function renderShowDmvpnDetail(state: RouterState): string {
  const lines: string[] = [...SHOW_DMVPN_DETAIL_LEGEND];
  for (const tunnel of state.dmvpn) pushTunnel(lines, tunnel, state);
  lines.push('', '');
  pushCryptoSessionDetails(lines, state);
  return `${lines.join('\n')}\n`;
}
