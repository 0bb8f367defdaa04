// Renders `show crypto isakmp peers config`: per IKE peer of the router (IKEv1 or IKEv2, as its SA says), the
// policy the router's configuration offers it and the identities (the router's and the peer's addresses).

import type { Ikev2Config, IsakmpPolicyConfig, RouterConfig } from '../model/config.js';
import type { IkeSaView, RouterState } from '../model/state.js';

interface PeerPolicy {
  authentication: string;
  encryption: string;
  hashing: string;
  group: number;
  lifetimeSeconds: number;
}

/** `aes 256` / `aes-cbc-256` -> `AES-256`, `aes` -> `AES-128`, `3des` -> `3DES`. */
function encryptionName(configured: string): string {
  const aes = /^aes(?:[- ]cbc)?(?:[- ](\d+))?$/.exec(configured);
  if (aes) return `AES-${aes[1] ?? 128}`;
  return configured.toUpperCase();
}

/** `sha256` -> `SHA-256`, `sha` -> `SHA-1`, `md5` -> `MD5`. */
function hashName(configured: string): string {
  if (configured === 'sha') return 'SHA-1';
  const sha = /^sha(\d+)$/.exec(configured);
  return sha ? `SHA-${sha[1]}` : configured.toUpperCase();
}

/** The IKEv1 policy IOS tries first: the lowest priority number. */
function ikev1Policy(policies: readonly IsakmpPolicyConfig[]): PeerPolicy | null {
  const [first] = [...policies].sort((a, b) => a.priority - b.priority);
  if (!first) return null;
  return {
    authentication: first.authentication === 'pre-share' ? 'Pre-Shared Key' : 'RSA-SIG',
    encryption: encryptionName(first.encryption),
    hashing: hashName(first.hash),
    group: first.group,
    lifetimeSeconds: first.lifetimeSeconds,
  };
}

/** The lab's IKEv2 profiles authenticate with their keyring's pre-shared keys. */
function ikev2Policy(ikev2: Ikev2Config | null): PeerPolicy | null {
  if (!ikev2) return null;
  return {
    authentication: 'Pre-Shared Key',
    encryption: encryptionName(ikev2.proposal.encryption),
    hashing: hashName(ikev2.proposal.integrity),
    group: ikev2.proposal.group,
    lifetimeSeconds: ikev2.profile.lifetimeSeconds,
  };
}

export function renderShowCryptoIsakmpPeersConfig(state: RouterState, config: RouterConfig): string {
  const policies = { v1: ikev1Policy(config.isakmpPolicies), v2: ikev2Policy(config.ikev2) };
  const peers = new Map<string, IkeSaView>();
  for (const sa of state.ikeSas) if (!peers.has(sa.remote)) peers.set(sa.remote, sa);
  const blocks: string[] = [];
  for (const sa of peers.values()) {
    const policy = policies[sa.version];
    if (!policy) continue;
    blocks.push(
      [
        `Peer: ${sa.remote}`,
        `  Key Exchange: IKE${sa.version}`,
        `  Authentication Method: ${policy.authentication}`,
        `  Encryption: ${policy.encryption}`,
        `  Hashing: ${policy.hashing}`,
        `  DH Group: Group ${policy.group}`,
        `  Lifetime: ${policy.lifetimeSeconds} seconds`,
        `  Local ID: ${sa.local}`,
        `  Remote ID: ${sa.remote}`,
      ].join('\n'),
    );
  }
  return `ISAKMP Peers Configuration\n${blocks.join('\n\n')}${blocks.length > 0 ? '\n' : ''}`;
}
