// Records of `show dmvpn` and its variants.

import type { RecordBase } from '../parse.js';

export type DmvpnPeerState = 'UP' | 'NHRP' | 'IKE' | 'IPSEC' | 'INTF' | 'DOWN' | 'BFD';

/** One NBMA peer of one tunnel interface in `show dmvpn`. */
export interface DmvpnPeer extends RecordBase<'dmvpn_peer'> {
  interface: string | null;
  peerNbma: string;
  peerTunnel: string;
  state: DmvpnPeerState;
  /** Attribute flags split into their meanings: `DT1` -> ['D', 'T1']. */
  attrs: string[];
  /** Seconds in the current state; null for `never`. */
  upDownSeconds: number | null;
  entries: number;
  /** Further tunnel addresses behind the same NBMA peer (continuation rows). */
  extraTunnelAddresses: string[];
}

/** The per-interface header of `show dmvpn`: `Interface: Tunnel100 ... Type:Spoke, NHRP Peers:2`. */
export interface DmvpnInterface extends RecordBase<'dmvpn_interface'> {
  interface: string;
  type: 'Hub' | 'Spoke' | 'Hub/Spoke' | string;
  peerCount: number;
}
