// IPsec phase 2 between a spoke and a hub: whether the profiles agree (transform set, mode, PFS), and the ESP SAs
// each side lists in `show crypto ipsec sa` (SPIs, transform, remaining lifetime counting down to each rekey).

import type {
  IpsecProfileConfig,
  RouterConfig,
  TransformSetConfig,
  TunnelInterfaceConfig,
} from '../model/config.js';
import type { EspSaView } from '../model/state.js';
import { mix } from './hash.js';
import { REKEY_FRACTION } from './timing.js';

export interface IpsecAgreement {
  transform: string;
  mode: 'Transport' | 'Tunnel';
  pfsGroup: number | null;
  lifetimeSeconds: number;
  /** IKEv2 builds the first child SA without DH: a PFS mismatch only fails at the first rekey. */
  rekeyFails: boolean;
}

export type IpsecFailureKind = 'transform' | 'mode' | 'pfs';
export type IpsecOutcome = { ok: true; agreement: IpsecAgreement } | { ok: false; kind: IpsecFailureKind };

/** The IPsec profile a tunnel's `tunnel protection` names, or null (no protection, or a dangling name). */
export function protectionOf(router: RouterConfig, tunnel: TunnelInterfaceConfig): IpsecProfileConfig | null {
  if (tunnel.protectionProfile === null) return null;
  return router.ipsecProfiles.find((profile) => profile.name === tunnel.protectionProfile) ?? null;
}

function transformSetOf(router: RouterConfig, profile: IpsecProfileConfig): TransformSetConfig | null {
  return router.transformSets.find((set) => set.name === profile.transformSet) ?? null;
}

/** `esp-aes 256` + `esp-sha256-hmac` -> `esp-256-aes esp-sha256-hmac`, as the SA lists it. */
function transformName(transforms: string[]): string {
  return transforms.map((transform) => transform.replace(/^esp-aes (\d+)$/, 'esp-$1-aes')).join(' ');
}

function sameTransforms(a: TransformSetConfig, b: TransformSetConfig): boolean {
  return (
    a.transforms.length === b.transforms.length && a.transforms.every((name) => b.transforms.includes(name))
  );
}

export function negotiateIpsec(
  initiator: RouterConfig,
  initiatorTunnel: TunnelInterfaceConfig,
  responder: RouterConfig,
  responderTunnel: TunnelInterfaceConfig,
): IpsecOutcome {
  const offerProfile = protectionOf(initiator, initiatorTunnel);
  const ownProfile = protectionOf(responder, responderTunnel);
  if (!offerProfile || !ownProfile) return { ok: false, kind: 'transform' };
  const offer = transformSetOf(initiator, offerProfile);
  const own = transformSetOf(responder, ownProfile);
  if (!offer || !own || !sameTransforms(offer, own)) return { ok: false, kind: 'transform' };
  if (offer.mode !== own.mode) return { ok: false, kind: 'mode' };
  const pfsDiffers = offerProfile.pfsGroup !== ownProfile.pfsGroup;
  if (pfsDiffers && initiator.ikeVersion === 'v1') return { ok: false, kind: 'pfs' };
  return {
    ok: true,
    agreement: {
      transform: transformName(own.transforms),
      mode: own.mode === 'transport' ? 'Transport' : 'Tunnel',
      pfsGroup: pfsDiffers ? null : ownProfile.pfsGroup,
      lifetimeSeconds: Math.min(offerProfile.lifetimeSeconds, ownProfile.lifetimeSeconds),
      rekeyFails: pfsDiffers,
    },
  };
}

/** Seconds between two rekeys of the same flow. */
export function rekeyPeriod(lifetimeSeconds: number): number {
  return Math.max(1, Math.floor(lifetimeSeconds * REKEY_FRACTION));
}

/** Direction of an SA within a spoke-hub (or spoke-spoke) pair: from the pair's first router, or towards it. */
export type SaDirection = 0 | 1;

/** A deterministic SPI for one direction of one SA generation of one pair. */
export function spiOf(pairKey: number, direction: SaDirection, generation: number, seed: number): number {
  return (mix(pairKey, direction, generation, seed) | 0x1000) >>> 0;
}

/** ESP overhead: transport mode keeps the IP header; tunnel mode adds one; NAT-T adds a UDP header. */
export function plaintextMtu(pathMtu: number, mode: 'Transport' | 'Tunnel', natT: boolean): number {
  return pathMtu - (mode === 'Transport' ? 54 : 62) - (natT ? 8 : 0);
}

export interface EspSaInput {
  spi: number;
  agreement: IpsecAgreement;
  natT: boolean;
  connId: number;
  /** Seconds since this SA generation was installed. */
  ageSeconds: number;
  /** Kilobytes that went through it. */
  kilobytes: number;
}

const VOLUME_LIFETIME_KB = 4_608_000;

export function espSaView(input: EspSaInput): EspSaView {
  return {
    spi: input.spi,
    transform: input.agreement.transform,
    mode: input.agreement.mode,
    natT: input.natT,
    connId: input.connId,
    remainingKb: Math.max(0, VOLUME_LIFETIME_KB - Math.floor(input.kilobytes)),
    remainingSeconds: Math.max(0, Math.floor(input.agreement.lifetimeSeconds - input.ageSeconds)),
  };
}
