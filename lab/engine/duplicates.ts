// Two spokes registering the same tunnel address with one hub (diagnosis-reference.md `duplicate-tunnel-ip`): the
// hub keeps the binding registered first, flagged `unique`, and refuses the other spoke's registrations (NAK code
// 14, "unique address registered already"). Before second 0 the network ran as built, so the spoke still holding
// its built address registered first; when neither does, the lower spoke number wins. With `ip nhrp registration
// no-unique` on the first spoke the two would overwrite each other: the lab does not play that.

import { spokeTunnelAddress } from '../network/addressing.js';
import type { SpokeHubPair, Topology } from './topology.js';

/** The pair of another spoke holding the pair's tunnel address on the same hub tunnel first, or null. */
export function uniqueOwner(topology: Topology, pair: SpokeHubPair): SpokeHubPair | null {
  const address = pair.spokeTunnel.address;
  const others = topology.spokesAt(address).filter((spoke) => spoke !== pair.spoke);
  if (others.length === 0 || !pair.hubTunnel) return null;
  const rank = (candidate: SpokeHubPair): [number, number] => [
    spokeTunnelAddress(candidate.spokeNumber) === address ? 0 : 1,
    candidate.spokeNumber,
  ];
  let first: SpokeHubPair = pair;
  for (const spoke of others)
    for (const other of topology.pairsOfSpoke(spoke)) {
      if (other.hubTunnel !== pair.hubTunnel || !other.registers || other.spokeTunnel.address !== address)
        continue;
      const [a, b] = rank(other);
      const [c, d] = rank(first);
      if (a < c || (a === c && b < d)) first = other;
    }
  return first === pair || first.spokeTunnel.nhrp.registrationNoUnique ? null : first;
}
