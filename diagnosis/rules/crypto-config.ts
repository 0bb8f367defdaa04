// The crypto a device's running-config applies to its DMVPN tunnel: IKE version, ISAKMP policies or IKEv2
// proposals, the pre-shared key it would use for a peer, the transform sets, mode and PFS of its IPsec profile;
// and how two devices' settings compare.

import type { Evidence } from '../../model/finding.js';
import type {
  ConfigInterface,
  IkeDpd,
  Ikev2Keyring,
  Ikev2Policy,
  Ikev2Profile,
  Ikev2Proposal,
  IpsecProfile,
  IpsecTransformSet,
  IsakmpKey,
  IsakmpPolicy,
  SecretFingerprint,
} from '../../model/records/config.js';
import type { IkeSa } from '../../model/records/ike.js';
import type { DeviceView, Located } from '../view.js';
import { evidenceOf } from '../view.js';
import { dmvpnTunnelConfigs } from './config.js';

export interface CryptoSetup {
  device: DeviceView;
  tunnel: Located<ConfigInterface>;
  profile: Located<IpsecProfile> | undefined;
  transformSets: Located<IpsecTransformSet>[];
  ikeVersion: 1 | 2;
  ikev2Profile: Located<Ikev2Profile> | undefined;
}

/** The crypto of the device's protected DMVPN tunnel; undefined without a running-config or tunnel protection. */
export function cryptoSetup(device: DeviceView): CryptoSetup | undefined {
  const tunnel = dmvpnTunnelConfigs(device).find(({ record }) => record.tunnel?.protection);
  const protection = tunnel?.record.tunnel?.protection;
  if (!tunnel || !protection) return undefined;
  const profile = device
    .records<IpsecProfile>('config_ipsec_profile')
    .find(({ record }) => record.name === protection.profile);
  const names = profile?.record.transformSets ?? [];
  const transformSets = names
    .map((name) =>
      device
        .records<IpsecTransformSet>('config_ipsec_transform_set')
        .find(({ record }) => record.name === name),
    )
    .filter((set): set is Located<IpsecTransformSet> => set !== undefined);
  const ikev2Name = protection.ikev2Profile ?? profile?.record.ikev2Profile ?? null;
  const ikev2Profile = ikev2Name
    ? device.records<Ikev2Profile>('config_ikev2_profile').find(({ record }) => record.name === ikev2Name)
    : undefined;
  return { device, tunnel, profile, transformSets, ikeVersion: ikev2Name ? 2 : 1, ikev2Profile };
}

/** The IKE version in use: the config's when present, else the SAs'. */
export function ikeVersionOf(
  device: DeviceView,
  sas: Located<IkeSa>[] = device.records<IkeSa>('ike_sa'),
): 1 | 2 | null {
  const setup = cryptoSetup(device);
  if (setup) return setup.ikeVersion;
  if (sas.some(({ record }) => record.version === 'v2')) return 2;
  if (sas.some(({ record }) => record.version === 'v1')) return 1;
  return null;
}

function toNumber(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

/** `address A [M]` of a key covers `peer`: no mask (or 0.0.0.0) on 0.0.0.0 covers every address. */
export function addressCovers(address: string | null, mask: string | null, peer: string): boolean {
  if (!address) return false;
  const effectiveMask = mask ?? (address === '0.0.0.0' ? '0.0.0.0' : '255.255.255.255');
  const bits = toNumber(effectiveMask);
  // JavaScript's & works on signed 32-bit integers: >>> 0 reads the result as unsigned again.
  const masked = (value: number): number => (value & bits) >>> 0;
  return masked(toNumber(address)) === masked(toNumber(peer));
}

export interface PeerKey {
  key: SecretFingerprint;
  evidence: Evidence;
}

/** The pre-shared key the device would use with `peer` (the most specific entry), or undefined when it has none. */
export function preSharedKeyFor(setup: CryptoSetup, peer: string): PeerKey | undefined {
  const { device } = setup;
  if (setup.ikeVersion === 1) {
    const keys = device
      .records<IsakmpKey>('config_isakmp_key')
      .filter(({ record }) => addressCovers(record.address, record.mask, peer));
    const best = keys.sort((a, b) => specificity(b.record) - specificity(a.record))[0];
    return best && { key: best.record.key, evidence: evidenceOf(best) };
  }
  const ringName = setup.ikev2Profile?.record.keyringLocal;
  const ring = device
    .records<Ikev2Keyring>('config_ikev2_keyring')
    .find(({ record }) => record.name === ringName);
  if (!ring) return undefined;
  const peerEntry = ring.record.peers.find((entry) => addressCovers(entry.address, entry.mask, peer));
  const key = peerEntry?.presharedKey ?? peerEntry?.presharedKeyLocal ?? null;
  return key ? { key, evidence: evidenceOf(ring) } : undefined;
}

function specificity(key: IsakmpKey): number {
  return key.mask ? toNumber(key.mask) : key.address === '0.0.0.0' ? 0 : 2 ** 32;
}

/** The keys are the same (true), differ (false), or cannot be compared (null: encrypted with each router's key). */
export function sameKey(a: SecretFingerprint, b: SecretFingerprint): boolean | null {
  if (a.encryption === b.encryption && a.sha256 === b.sha256) return true;
  // Type 0 secrets compare as they are; type 7 is salted and type 6 device-encrypted: only equality proves anything.
  if (a.encryption === 0 && b.encryption === 0) return false;
  return null;
}

/** An ISAKMP policy with IOS's defaults filled in, as one comparable string. */
function policyKey(policy: IsakmpPolicy): string {
  const encryption = (policy.encryption ?? 'des').replace(/\s+/g, ' ');
  return [encryption, policy.hash ?? 'sha', policy.authentication ?? 'rsa-sig', policy.group ?? 1].join('/');
}

export function isakmpPolicies(device: DeviceView): Located<IsakmpPolicy>[] {
  return device.records<IsakmpPolicy>('config_isakmp_policy');
}

/** Phase 1 of IKEv1 can agree: some policy of one side equals a policy of the other. */
export function isakmpPoliciesMatch(a: DeviceView, b: DeviceView): boolean | null {
  const left = isakmpPolicies(a).map(({ record }) => policyKey(record));
  const right = new Set(isakmpPolicies(b).map(({ record }) => policyKey(record)));
  if (left.length === 0 || right.size === 0) return null;
  return left.some((key) => right.has(key));
}

export function policyText(policy: IsakmpPolicy): string {
  return policyKey(policy).replace(/\//g, ', ');
}

/** The IKEv2 proposals the device offers and accepts (those of its policies, or all when it has no policy). */
export function ikev2Proposals(device: DeviceView): Located<Ikev2Proposal>[] {
  const proposals = device.records<Ikev2Proposal>('config_ikev2_proposal');
  const named = new Set(
    device.records<Ikev2Policy>('config_ikev2_policy').flatMap(({ record }) => record.proposals),
  );
  return named.size === 0 ? proposals : proposals.filter(({ record }) => named.has(record.name));
}

function proposalsAgree(a: Ikev2Proposal, b: Ikev2Proposal): boolean {
  const shares = (x: string[], y: string[]): boolean =>
    (x.length === 0 && y.length === 0) || x.some((v) => y.includes(v));
  return (
    shares(a.encryption, b.encryption) &&
    shares(a.integrity, b.integrity) &&
    a.groups.some((group) => b.groups.includes(group))
  );
}

export function ikev2ProposalsMatch(a: DeviceView, b: DeviceView): boolean | null {
  const left = ikev2Proposals(a);
  const right = ikev2Proposals(b);
  if (left.length === 0 || right.length === 0) return null;
  return left.some((x) => right.some((y) => proposalsAgree(x.record, y.record)));
}

export function proposalText(proposal: Ikev2Proposal): string {
  return [
    proposal.encryption.join(' '),
    proposal.integrity.join(' '),
    `group ${proposal.groups.join(' ')}`,
  ].join(', ');
}

export type Phase2Difference = 'transform' | 'mode' | 'pfs';

export interface Phase2Comparison {
  difference: Phase2Difference;
  /** The lines of each side that show the difference. */
  left: Evidence[];
  right: Evidence[];
  leftText: string;
  rightText: string;
}

function transformsKey(set: IpsecTransformSet): string {
  return [...set.transforms]
    .map((entry) => entry.toLowerCase())
    .sort()
    .join(' ');
}

function modeOf(set: IpsecTransformSet): 'transport' | 'tunnel' {
  return set.mode ?? 'tunnel';
}

/** The first phase 2 setting on which the two tunnels' IPsec profiles cannot agree; undefined when they can. */
export function comparePhase2(a: CryptoSetup, b: CryptoSetup): Phase2Comparison | undefined {
  if (a.transformSets.length === 0 || b.transformSets.length === 0) return undefined;
  const sameTransforms = a.transformSets.flatMap((x) =>
    b.transformSets
      .filter((y) => transformsKey(x.record) === transformsKey(y.record))
      .map((y) => [x, y] as const),
  );
  if (sameTransforms.length === 0) {
    return {
      difference: 'transform',
      left: a.transformSets.map((set) => evidenceOf(set)),
      right: b.transformSets.map((set) => evidenceOf(set)),
      leftText: a.transformSets.map(({ record }) => record.transforms.join(' ')).join(' | '),
      rightText: b.transformSets.map(({ record }) => record.transforms.join(' ')).join(' | '),
    };
  }
  if (!sameTransforms.some(([x, y]) => modeOf(x.record) === modeOf(y.record))) {
    const [x, y] = sameTransforms[0]!;
    return {
      difference: 'mode',
      left: [modeEvidence(x)],
      right: [modeEvidence(y)],
      leftText: `mode ${modeOf(x.record)}`,
      rightText: `mode ${modeOf(y.record)}`,
    };
  }
  const pfsA = a.profile?.record.pfs ?? null;
  const pfsB = b.profile?.record.pfs ?? null;
  if (pfsA !== pfsB && a.profile && b.profile) {
    return {
      difference: 'pfs',
      left: [pfsEvidence(a.profile)],
      right: [pfsEvidence(b.profile)],
      leftText: pfsA ? `set pfs ${pfsA}` : 'no PFS',
      rightText: pfsB ? `set pfs ${pfsB}` : 'no PFS',
    };
  }
  return undefined;
}

function blockLine(located: Located<unknown>, pattern: RegExp): Evidence {
  const lines = located.output.raw.split(/\r?\n|\r/);
  const start = (located.record as { line: number }).line;
  for (let index = start; index < lines.length && /^\s/.test(lines[index]!); index++) {
    if (pattern.test(lines[index]!)) return evidenceOf(located, index + 1);
  }
  return evidenceOf(located);
}

function modeEvidence(set: Located<IpsecTransformSet>): Evidence {
  return blockLine(set, /^\s*mode\s/);
}

function pfsEvidence(profile: Located<IpsecProfile>): Evidence {
  return blockLine(profile, /set pfs/);
}

/** DPD is configured: `crypto isakmp keepalive` (IKEv1) or `dpd` in the IKEv2 profile / `crypto ikev2 dpd`. */
export function dpdConfigured(device: DeviceView): Located<IkeDpd | Ikev2Profile> | undefined | null {
  const setup = cryptoSetup(device);
  if (!setup) return null;
  const global = device
    .records<IkeDpd>('config_ike_dpd')
    .find(({ record }) => record.ikeVersion === setup.ikeVersion);
  if (setup.ikeVersion === 2 && setup.ikev2Profile?.record.dpdIntervalSeconds) return setup.ikev2Profile;
  return global;
}
