// Renders `show crypto isakmp peers [address]`: one `Peer:` block per IKEv1 peer the router holds an SA with (a
// rekeying peer's two SAs are one peer), identified by its address as the lab's pre-shared-key peers are.

import type { RouterState } from '../model/state.js';

/** Every IKEv1 peer in the state's order, or only `peer` (IOS prints nothing for a peer it does not know). */
export function renderShowCryptoIsakmpPeers(state: RouterState, peer?: string): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const sa of state.ikeSas) {
    if (sa.version !== 'v1' || (peer !== undefined && sa.remote !== peer)) continue;
    const key = `${sa.remote} ${sa.remotePort} ${sa.local}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(`Peer: ${sa.remote} Port: ${sa.remotePort} Local: ${sa.local}`, ` Phase1 id: ${sa.remote}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
