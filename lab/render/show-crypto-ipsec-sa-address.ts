// Renders `show crypto ipsec sa address`: the router's ESP SAs grouped by destination address (inbound SAs under
// the router's own address, outbound ones under each peer's), in the SA layout of `show crypto ipsec sa`.

import type { EspSaView, RouterState } from '../model/state.js';
import { pushEspSas } from './show-crypto-ipsec-sa.js';

interface Destination {
  /** The SAs of each tunnel towards this address: a tunnel's SAs name its crypto map. */
  byTunnel: Map<string, EspSaView[]>;
}

export function renderShowCryptoIpsecSaAddress(state: RouterState): string {
  const destinations = new Map<string, Destination>();
  const add = (address: string, tunnel: string, sas: readonly EspSaView[]): void => {
    if (sas.length === 0) return;
    let destination = destinations.get(address);
    if (!destination) destinations.set(address, (destination = { byTunnel: new Map() }));
    const list = destination.byTunnel.get(tunnel);
    if (list) list.push(...sas);
    else destination.byTunnel.set(tunnel, [...sas]);
  };
  for (const peer of state.ipsecSas) {
    add(peer.local, peer.interface, peer.inbound);
    add(peer.remote, peer.interface, peer.outbound);
  }
  const lines: string[] = [];
  for (const [address, destination] of destinations) {
    if (lines.length > 0) lines.push('');
    lines.push(`dest address: ${address}`, '   protocol: ESP');
    for (const [tunnel, sas] of destination.byTunnel) pushEspSas(lines, sas, `${tunnel}-head-0`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
