// A tunnel state edge as a router reported it itself (a syslog message or an SNMP notification), with what the
// report says beyond the edge: the layer that changed, both addresses of the peer, the reason and the report itself.

import type { TunnelEvent } from './finding.js';

/** nhrp: an NHRP next hop (NHS, NHC, peer); crypto: an IPsec/IKE tunnel; tunnel: the tunnel interface; interface: any other interface. */
export type TunnelEventLayer = 'nhrp' | 'crypto' | 'tunnel' | 'interface';

export interface ReportedTunnelEvent extends TunnelEvent {
  source: 'syslog' | 'trap';
  kind: 'up' | 'down';
  layer: TunnelEventLayer;
  peerNbma: string | null;
  peerTunnel: string | null;
  /** `NHRP Registration Failure (NHRP: no error)`, `registrationFailure`, `administratively down`, ... */
  reason: string | null;
  /** The syslog line as received, or the notification's name and varbinds in one line. */
  raw: string;
  /** Milliseconds since the epoch when the report arrived (`at` is the router's own time when it can be trusted). */
  receivedAt: number;
}
