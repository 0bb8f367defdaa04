// Ties each phase-2 (IPsec) tunnel to its phase-1 (IKE) tunnel. cipSecTunIkeTunnelIndex names it, but IOS is known to
// leave a stale index there (an IKE row that is gone, or now another peer's), so a row whose index does not lead to
// an IKE tunnel of the same local and remote addresses is matched by those addresses instead.

import type { IkeTunnel, IpsecTunnel } from '../../model/snmp.js';

export function joinIkeTunnels(ipsec: readonly IpsecTunnel[], ike: readonly IkeTunnel[]): IpsecTunnel[] {
  const byIndex = new Map(ike.map((tunnel) => [tunnel.index, tunnel]));
  const sameEnds = (phase1: IkeTunnel, phase2: IpsecTunnel): boolean =>
    phase1.localAddress === phase2.localAddress && phase1.remoteAddress === phase2.remoteAddress;
  return ipsec.map((tunnel) => {
    const named = tunnel.ikeTunnelIndex === null ? undefined : byIndex.get(tunnel.ikeTunnelIndex);
    if (named && sameEnds(named, tunnel)) return { ...tunnel, ikeJoin: 'ike-index', ikeTunnel: named.index };
    const matched = ike.find((candidate) => sameEnds(candidate, tunnel));
    if (matched) return { ...tunnel, ikeJoin: 'addresses', ikeTunnel: matched.index };
    return { ...tunnel, ikeJoin: 'none', ikeTunnel: null };
  });
}
