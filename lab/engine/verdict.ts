// The layered check of one spoke-hub pair from the configs and the (time-independent) underlay filters, in bring-up
// order: protection on both ends, the address the spoke aims at, IKE, IPsec, then what the hub's NHRP does with the
// registration. The first layer that fails decides; a pair that passes may still carry soft faults that only show
// over time (registration churn, an IKEv2 PFS mismatch that fails at the first rekey).

import type { RouterConfig } from '../model/config.js';
import type { UnderlayProtocol } from '../model/network.js';
import type { IkeAgreement, IkeFailure } from './ike.js';
import { negotiateIke } from './ike.js';
import type { IpsecAgreement, IpsecFailureKind } from './ipsec.js';
import { negotiateIpsec, protectionOf } from './ipsec.js';
import type { NhrpRejection } from './nhrp.js';
import { nhrpRejection, registrationHoldtime, registrationInterval, runsNhrp } from './nhrp.js';
import type { SpokeHubPair, Topology } from './topology.js';
import { blocked } from './underlay.js';
import { uniqueOwner } from './duplicates.js';
import { spokePublicNbma } from '../network/addressing.js';

/** Registrations (and everything else) lost on the way: to the hub, back to the spoke, or both ways. */
export type PathLoss = 'lost-to-hub' | 'lost-to-spoke' | 'lost-both';

/**
 * `no-nhs`: a static map only; the spoke never registers and its other NHRP packets are refused. `unique`: another
 * spoke registered the same tunnel address first (see duplicates.ts). `nbma-unique`: the spoke's public NBMA changed
 * at second 0 while the hub still holds its old registration flagged `unique`: refused until that entry expires
 * (timeline.ts plays the expiry, then the spoke registers).
 */
export type NhrpFailureKind = PathLoss | NhrpRejection | 'not-ipsec' | 'no-nhs' | 'unique' | 'nbma-unique';

interface Crypto {
  /** Both ends protect the tunnel (IKE/IPsec run); false for plain mGRE. */
  protected: boolean;
  /** The spoke sits behind NAT: IKE floats to UDP 4500 and ESP is UDP-encapsulated. */
  natT: boolean;
}

export type PairVerdict =
  | (Crypto & { layer: 'OK'; ike: IkeAgreement | null; ipsec: IpsecAgreement | null; churn: boolean })
  | (Crypto & { layer: 'IKE'; failure: IkeFailure })
  | (Crypto & { layer: 'IPSEC'; kind: IpsecFailureKind; ike: IkeAgreement })
  | (Crypto & {
      layer: 'NHRP';
      kind: NhrpFailureKind;
      ike: IkeAgreement | null;
      ipsec: IpsecAgreement | null;
    })
  | (Crypto & { layer: 'OFF' });

function noResponder(version: 'v1' | 'v2'): IkeFailure {
  return {
    kind: 'no-responder',
    initiatorState: version === 'v1' ? 'MM_NO_STATE' : 'IN-NEG',
    responderState: null,
    algorithmsAgreed: false,
    responderBadMessage: false,
  };
}

function unreachable(version: 'v1' | 'v2'): IkeFailure {
  return { ...noResponder(version), kind: 'unreachable' };
}

/** The pair's verdict as the current configuration and underlay filters make it. */
export function pairVerdict(topology: Topology, pair: SpokeHubPair): PairVerdict {
  const { spoke, spokeTunnel, hub, hubTunnel } = pair;
  const spokeProtection = protectionOf(spoke, spokeTunnel) !== null;
  const natT = topology.behindNat(spoke);
  const base = { protected: spokeProtection, natT };
  if (!runsNhrp(spokeTunnel)) return { ...base, layer: 'OFF' };
  const version = spoke.ikeVersion;
  const lostEverything: PairVerdict = spokeProtection
    ? { ...base, layer: 'IKE', failure: unreachable(version) }
    : { ...base, layer: 'NHRP', kind: 'lost-both', ike: null, ipsec: null };
  if (!hub || !hubTunnel) return lostEverything;
  const hubAddress = topology.publicAddress(hub);
  const spokeAddress = topology.publicAddress(spoke);
  // A point-to-point tunnel sends everything (crypto included) to its destination: another NHS never hears it.
  if (pair.target !== hubAddress)
    return spokeTunnel.mode === 'gre ip'
      ? { protected: false, natT, layer: 'NHRP', kind: 'lost-both', ike: null, ipsec: null }
      : lostEverything;
  if (hubTunnel.mode === 'gre ip' && hubTunnel.destination && hubTunnel.destination !== spokeAddress)
    return spokeProtection
      ? { ...base, layer: 'IKE', failure: noResponder(version) }
      : { ...base, layer: 'NHRP', kind: 'lost-both', ike: null, ipsec: null };
  const hubProtection = protectionOf(hub, hubTunnel) !== null;
  if (spokeProtection && !hubProtection) return { ...base, layer: 'IKE', failure: noResponder(version) };
  if (!spokeProtection && hubProtection)
    return { ...base, layer: 'NHRP', kind: 'not-ipsec', ike: null, ipsec: null };
  const reach = (from: string, to: string, protocol: UnderlayProtocol): boolean =>
    !blocked(topology, from, to, protocol);
  let ike: IkeAgreement | null = null;
  let ipsec: IpsecAgreement | null = null;
  let data: UnderlayProtocol = 'gre';
  if (spokeProtection) {
    const outcome = negotiateIke(spoke, hub, {
      initiatorAddress: spokeAddress,
      responderAddress: hubAddress,
      natT,
      udp500: {
        there: reach(spoke.hostname, hub.hostname, 'udp500'),
        back: reach(hub.hostname, spoke.hostname, 'udp500'),
      },
      udp4500: {
        there: reach(spoke.hostname, hub.hostname, 'udp4500'),
        back: reach(hub.hostname, spoke.hostname, 'udp4500'),
      },
    });
    if (!outcome.ok) return { ...base, layer: 'IKE', failure: outcome.failure };
    ike = outcome.agreement;
    // A crypto map on the WAN catching the same GRE proposes its ACL as the phase 2 proxy: the hub's profile
    // (GRE host to host from the tunnel) refuses it, quick mode fails, the SA stays QM_IDLE without IPsec SAs.
    if (cryptoMapCatchesGre(spoke, hubAddress)) return { ...base, layer: 'IPSEC', kind: 'transform', ike };
    const phase2 = negotiateIpsec(spoke, spokeTunnel, hub, hubTunnel);
    if (!phase2.ok) return { ...base, layer: 'IPSEC', kind: phase2.kind, ike };
    ipsec = phase2.agreement;
    data = natT ? 'udp4500' : 'esp';
  }
  const toHub = reach(spoke.hostname, hub.hostname, data);
  const toSpoke = reach(hub.hostname, spoke.hostname, data);
  if (!toHub) return { ...base, layer: 'NHRP', kind: toSpoke ? 'lost-to-hub' : 'lost-both', ike, ipsec };
  const rejection = nhrpRejection(spokeTunnel, pair.nhs.tunnel, hubTunnel);
  if (rejection) return { ...base, layer: 'NHRP', kind: rejection, ike, ipsec };
  if (!toSpoke) return { ...base, layer: 'NHRP', kind: 'lost-to-spoke', ike, ipsec };
  if (!pair.registers) return { ...base, layer: 'NHRP', kind: 'no-nhs', ike, ipsec };
  if (uniqueOwner(topology, pair)) return { ...base, layer: 'NHRP', kind: 'unique', ike, ipsec };
  if (nbmaChangedUnique(topology, pair)) return { ...base, layer: 'NHRP', kind: 'nbma-unique', ike, ipsec };
  const churn = registrationInterval(spokeTunnel) >= registrationHoldtime(spokeTunnel);
  return { ...base, layer: 'OK', ike, ipsec, churn };
}

/** Whether a crypto map on the router's WAN interface has an ACL permitting GRE to that address. */
export function cryptoMapCatchesGre(router: RouterConfig, to: string): boolean {
  const name = router.wan.cryptoMap;
  if (name === undefined) return false;
  return (router.cryptoMaps ?? []).some(
    (entry) =>
      entry.name === name &&
      entry.aclPermits.some((permit) => {
        const words = permit.split(' ');
        const destination = words.slice(-2).join(' ');
        return words[0] === 'gre' && (destination === `host ${to}` || words.at(-1) === 'any');
      }),
  );
}

/** The built NBMA the hub registered the spoke with before second 0, when it differs from today's. */
export function oldNbma(topology: Topology, pair: SpokeHubPair): string | null {
  const built = spokePublicNbma(pair.spokeNumber);
  return topology.publicAddress(pair.spoke) === built ? null : built;
}

/** The spoke's NBMA changed while its registrations carry the `unique` flag (no `registration no-unique`). */
function nbmaChangedUnique(topology: Topology, pair: SpokeHubPair): boolean {
  return oldNbma(topology, pair) !== null && !pair.spokeTunnel.nhrp.registrationNoUnique;
}

/** Whether the spoke's packets reach the hub's tunnel (decapsulated, counted) under this verdict. */
export function deliversToHub(verdict: PairVerdict): boolean {
  if (verdict.layer === 'OK') return true;
  return verdict.layer === 'NHRP' && verdict.kind !== 'lost-to-hub' && verdict.kind !== 'lost-both';
}

/** Whether the hub's packets reach the spoke's tunnel under this verdict. */
export function deliversToSpoke(verdict: PairVerdict): boolean {
  if (verdict.layer === 'OK') return true;
  return verdict.layer === 'NHRP' && verdict.kind !== 'lost-to-spoke' && verdict.kind !== 'lost-both';
}

/** A short stable key, to tell whether the verdict changed between two seconds. */
export function verdictKey(verdict: PairVerdict): string {
  switch (verdict.layer) {
    case 'OK':
      return `OK:${verdict.churn}:${verdict.ipsec?.rekeyFails ?? false}`;
    case 'IKE':
      return `IKE:${verdict.failure.kind}`;
    case 'IPSEC':
    case 'NHRP':
      return `${verdict.layer}:${verdict.kind}`;
    case 'OFF':
      return 'OFF';
  }
}
