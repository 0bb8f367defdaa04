// IKE phase 1 between a spoke (initiator) and a hub (responder): whether it succeeds from the two configs and the
// underlay, how far it gets when it fails (the SA state each side shows), and the SA rows of `show crypto isakmp
// sa` / `show crypto ikev2 sa`.

import type { IsakmpPolicyConfig, RouterConfig } from '../model/config.js';
import type { IkeSaView } from '../model/state.js';
import { inNetwork, ipv4ToNumber } from './address.js';
import { DPD_RETRIES, DPD_RETRY } from './timing.js';

/** What phase 1 agreed: the algorithms each side prints. */
export interface IkeAgreement {
  version: 'v1' | 'v2';
  encryption: string;
  keySize: number | null;
  hash: string;
  dhGroup: number;
  auth: string;
  lifetimeSeconds: number;
}

export type IkeFailureKind =
  | 'no-responder'
  | 'unreachable'
  | 'version'
  | 'ike-blocked'
  | 'policy'
  | 'proposal'
  | 'nat-t-blocked'
  | 'no-key-initiator'
  | 'no-key-responder'
  | 'psk';

export interface IkeFailure {
  kind: IkeFailureKind;
  /** The initiator's SA state while it retries; null when it cannot even start (no key for the peer). */
  initiatorState: string | null;
  /** The responder's SA state; null when it keeps no SA for the initiator. */
  responderState: string | null;
  /** IKEv2: IKE_SA_INIT was answered, so the algorithms are known even though the SA never comes up. */
  algorithmsAgreed: boolean;
  /** IKEv1 PSK mismatch: the responder cannot decrypt MM5 and logs `%CRYPTO-4-IKMP_BAD_MESSAGE`. */
  responderBadMessage: boolean;
}

export type IkeOutcome = { ok: true; agreement: IkeAgreement } | { ok: false; failure: IkeFailure };

/** The two directions of UDP 500 and UDP 4500 between the peers. */
export interface IkeTransport {
  initiatorAddress: string;
  responderAddress: string;
  natT: boolean;
  udp500: { there: boolean; back: boolean };
  udp4500: { there: boolean; back: boolean };
}

function negotiating(version: 'v1' | 'v2'): string {
  return version === 'v1' ? 'MM_NO_STATE' : 'IN-NEG';
}

function failure(
  kind: IkeFailureKind,
  fields: Partial<IkeFailure> & { initiatorState: string | null },
): IkeOutcome {
  return {
    ok: false,
    failure: { responderState: null, algorithmsAgreed: false, responderBadMessage: false, kind, ...fields },
  };
}

/** The pre-shared key a router uses for a peer address: the most specific matching key. */
export function presharedKey(router: RouterConfig, peer: string): string | null {
  const entries = router.ikeVersion === 'v2' ? (router.ikev2?.keyring.peers ?? []) : router.isakmpKeys;
  let best: { key: string; mask: string } | null = null;
  let bestMask = -1;
  for (const entry of entries) {
    const mask = ipv4ToNumber(entry.mask);
    if (mask > bestMask && inNetwork(peer, entry.address, entry.mask)) {
      best = entry;
      bestMask = mask;
    }
  }
  return best?.key ?? null;
}

function policyMatches(offer: IsakmpPolicyConfig, own: IsakmpPolicyConfig): boolean {
  return (
    offer.encryption === own.encryption &&
    offer.hash === own.hash &&
    offer.authentication === own.authentication &&
    offer.group === own.group
  );
}

/** The responder's policies in priority order against every offer: the first that matches wins. */
function matchingPolicies(
  offers: IsakmpPolicyConfig[],
  own: IsakmpPolicyConfig[],
): { own: IsakmpPolicyConfig; offer: IsakmpPolicyConfig } | null {
  let best: { own: IsakmpPolicyConfig; offer: IsakmpPolicyConfig } | null = null;
  for (const policy of own)
    if (!best || policy.priority < best.own.priority)
      for (const offer of offers)
        if (policyMatches(offer, policy)) {
          best = { own: policy, offer };
          break;
        }
  return best;
}

function v1Agreement(own: IsakmpPolicyConfig, offer: IsakmpPolicyConfig): IkeAgreement {
  const [algorithm = own.encryption, size] = own.encryption.split(' ');
  return {
    version: 'v1',
    encryption: algorithm,
    keySize: size ? Number(size) : algorithm === 'aes' ? 128 : null,
    hash: own.hash,
    dhGroup: own.group,
    auth: own.authentication === 'pre-share' ? 'psk' : 'rsig',
    lifetimeSeconds: Math.min(own.lifetimeSeconds, offer.lifetimeSeconds),
  };
}

function v2Agreement(responder: RouterConfig): IkeAgreement {
  const proposal = responder.ikev2!.proposal;
  const match = /^([a-z0-9]+)-([a-z]+)-(\d+)$/.exec(proposal.encryption);
  return {
    version: 'v2',
    encryption: match
      ? `${match[1]!.toUpperCase()}-${match[2]!.toUpperCase()}`
      : proposal.encryption.toUpperCase(),
    keySize: match ? Number(match[3]) : null,
    hash: proposal.integrity.toUpperCase(),
    dhGroup: proposal.group,
    auth: 'PSK',
    lifetimeSeconds: responder.ikev2!.profile.lifetimeSeconds,
  };
}

function proposalsMatch(initiator: RouterConfig, responder: RouterConfig): boolean {
  const offer = initiator.ikev2?.proposal;
  const own = responder.ikev2?.proposal;
  return (
    !!offer &&
    !!own &&
    offer.encryption === own.encryption &&
    offer.integrity === own.integrity &&
    offer.group === own.group
  );
}

/** Phase 1 from the initiator's first packet to QM_IDLE / READY, stopping at the first step that fails. */
export function negotiateIke(
  initiator: RouterConfig,
  responder: RouterConfig,
  transport: IkeTransport,
): IkeOutcome {
  const version = initiator.ikeVersion;
  if (version === 'v2' && !initiator.ikev2) return failure('proposal', { initiatorState: null });
  const initiatorKey = presharedKey(initiator, transport.responderAddress);
  if (initiatorKey === null) return failure('no-key-initiator', { initiatorState: null });
  if (!transport.udp500.there) return failure('ike-blocked', { initiatorState: negotiating(version) });
  if (responder.ikeVersion !== version) return failure('version', { initiatorState: negotiating(version) });
  if (!transport.udp500.back)
    return failure('ike-blocked', {
      initiatorState: negotiating(version),
      responderState: negotiating(version),
    });
  let agreement: IkeAgreement;
  if (version === 'v1') {
    const pair = matchingPolicies(initiator.isakmpPolicies, responder.isakmpPolicies);
    if (!pair) return failure('policy', { initiatorState: 'MM_NO_STATE' });
    agreement = v1Agreement(pair.own, pair.offer);
  } else {
    if (!proposalsMatch(initiator, responder)) return failure('proposal', { initiatorState: 'IN-NEG' });
    agreement = v2Agreement(responder);
  }
  const responderKey = presharedKey(responder, transport.initiatorAddress);
  if (responderKey === null && version === 'v1')
    return failure('no-key-responder', { initiatorState: 'MM_NO_STATE' });
  if (transport.natT && !(transport.udp4500.there && transport.udp4500.back))
    return version === 'v1'
      ? failure('nat-t-blocked', { initiatorState: 'MM_KEY_EXCH', responderState: 'MM_KEY_EXCH' })
      : failure('nat-t-blocked', {
          initiatorState: 'IN-NEG',
          responderState: 'IN-NEG',
          algorithmsAgreed: true,
        });
  if (responderKey === null)
    return failure('no-key-responder', { initiatorState: 'IN-NEG', algorithmsAgreed: true });
  if (responderKey !== initiatorKey)
    return version === 'v1'
      ? failure('psk', {
          initiatorState: 'MM_KEY_EXCH',
          responderState: 'MM_KEY_EXCH',
          responderBadMessage: true,
        })
      : failure('psk', { initiatorState: 'IN-NEG', algorithmsAgreed: true });
  return { ok: true, agreement };
}

/** The proposal a side offers, for rows of a negotiation that never agreed (IKEv2 prints `Unknown - 0`). */
export function offeredAgreement(router: RouterConfig): IkeAgreement | null {
  if (router.ikeVersion === 'v2') return router.ikev2 ? v2Agreement(router) : null;
  const policy = router.isakmpPolicies[0];
  return policy ? v1Agreement(policy, policy) : null;
}

/** IKE lifetime of one side: IKEv1 agreed the lower one; IKEv2 keeps each side's own. */
export function ikeLifetime(router: RouterConfig, agreement: IkeAgreement): number {
  return agreement.version === 'v2' && router.ikev2
    ? router.ikev2.profile.lifetimeSeconds
    : agreement.lifetimeSeconds;
}

/** DPD: how long a side takes to declare a silent peer dead, or null without keepalives. */
export function deadPeerSeconds(router: RouterConfig): number | null {
  if (router.ikeVersion === 'v2') {
    const match = /^(\d+)\s+(\d+)/.exec(router.ikev2?.profile.dpd ?? '');
    return match ? Number(match[1]) + DPD_RETRIES * Number(match[2]) : null;
  }
  return router.isakmpKeepaliveSeconds === null
    ? null
    : router.isakmpKeepaliveSeconds + DPD_RETRIES * DPD_RETRY;
}

export interface IkeRow {
  version: 'v1' | 'v2';
  local: string;
  remote: string;
  natT: boolean;
  state: string;
  status?: string;
  connId: number;
  agreement: IkeAgreement | null;
  lifetimeSeconds: number;
  activeSeconds: number;
}

/** One row of `show crypto isakmp sa` / `show crypto ikev2 sa`. */
export function ikeSaView(row: IkeRow): IkeSaView {
  const port = row.natT ? 4500 : 500;
  const agreement = row.agreement;
  return {
    version: row.version,
    local: row.local,
    remote: row.remote,
    localPort: port,
    remotePort: port,
    state: row.state,
    status: row.status ?? 'ACTIVE',
    connId: row.connId,
    encryption: agreement?.encryption ?? null,
    keySize: agreement?.keySize ?? null,
    hash: agreement?.hash ?? null,
    dhGroup: agreement?.dhGroup ?? null,
    auth: agreement?.auth ?? null,
    lifetimeSeconds: row.lifetimeSeconds,
    activeSeconds: Math.max(0, Math.floor(row.activeSeconds)),
    natT: row.natT,
  };
}
