// Finds, for each crypto session, the IKE SA and the IPsec peer block it summarises, so that `show crypto session`
// prints the same addresses, conn ids, lifetimes and drops as `show crypto isakmp|ikev2|ipsec sa`.

import type { CryptoSessionView, IkeSaView, IpsecPeerView, RouterState } from '../model/state.js';

export interface SessionPeers {
  /** The peer's IKE SA, the up one when a rekey left two. */
  ikeSa(session: CryptoSessionView): IkeSaView | undefined;
  ipsecPeer(session: CryptoSessionView): IpsecPeerView | undefined;
  /** `v1` or `v2`: the session's IKE SA's, or the version the router's other SAs use (IKEv1 when it has none). */
  ikeVersion(session: CryptoSessionView): 'v1' | 'v2';
  /** The address this router talks to the peer from: its IKE SA's, its IPsec block's, or the tunnel source. */
  localAddress(session: CryptoSessionView): string;
}

function isUp(sa: IkeSaView): boolean {
  return sa.state === 'QM_IDLE' || sa.state === 'READY';
}

export function sessionPeers(state: RouterState): SessionPeers {
  const ikeByRemote = new Map<string, IkeSaView>();
  for (const sa of state.ikeSas) {
    const known = ikeByRemote.get(sa.remote);
    if (known === undefined || (!isUp(known) && isUp(sa))) ikeByRemote.set(sa.remote, sa);
  }
  const ipsecByPeer = new Map<string, IpsecPeerView>();
  for (const peer of state.ipsecSas) ipsecByPeer.set(`${peer.interface} ${peer.remote}`, peer);
  const tunnelSources = new Map<string, string>();
  for (const candidate of state.interfaces)
    if (candidate.tunnel) tunnelSources.set(candidate.name, candidate.tunnel.source);
  const routerVersion = state.ikeSas[0]?.version ?? 'v1';

  const ikeSa = (session: CryptoSessionView) => ikeByRemote.get(session.peer);
  const ipsecPeer = (session: CryptoSessionView) => ipsecByPeer.get(`${session.interface} ${session.peer}`);
  return {
    ikeSa,
    ipsecPeer,
    ikeVersion: (session) => ikeSa(session)?.version ?? routerVersion,
    localAddress: (session) =>
      ikeSa(session)?.local ?? ipsecPeer(session)?.local ?? tunnelSources.get(session.interface) ?? '0.0.0.0',
  };
}
