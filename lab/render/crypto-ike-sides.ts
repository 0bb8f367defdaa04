// Which side of an IKE SA this router is: the initiator or the responder (IKEv1 prints the responder as `dst` and
// the initiator as `src`; IKEv2 says `Initiator of SA : Yes|No`), and which side of a NAT (`NAT-T is detected
// inside|outside`). The state does not say; the lab's traffic does: spokes register with their hubs (a hub never
// initiates), and between two spokes the one with the lower NBMA address resolves, so initiates, first.

import type { IkeSaView, RouterState } from '../model/state.js';

export type InitiatedLocally = (sa: IkeSaView) => boolean;

/** Dotted IPv4 as an unsigned number, for ordering. */
function ipv4Number(address: string): number {
  let value = 0;
  for (const part of address.split('.')) value = value * 256 + Number(part);
  return value;
}

/** Tells, for each SA of `state`, whether this router started it. */
export function ikeInitiators(state: RouterState): InitiatedLocally {
  if (state.role === 'hub') return () => false;
  const hubs = new Set<string>();
  for (const nhs of state.nhs) if (nhs.nbma !== null) hubs.add(nhs.nbma);
  return (sa) => hubs.has(sa.remote) || ipv4Number(sa.local) < ipv4Number(sa.remote);
}

/** RFC 1918: the address a router behind a NAT sources its IKE from. */
function isPrivateIpv4(address: string): boolean {
  const [first, second] = address.split('.').map(Number) as [number, number];
  return first === 10 || (first === 172 && second >= 16 && second <= 31) || (first === 192 && second === 168);
}

/** `inside` when this router sits behind the NAT the SA crosses, `outside` when its peer does. */
export function natSide(sa: IkeSaView): 'inside' | 'outside' {
  return isPrivateIpv4(sa.local) ? 'inside' : 'outside';
}
