// IKE faults: phase 1 cannot agree, on the policy or proposal, or cannot authenticate, for want of the same key.

import type { RouterConfig } from '../model/config.js';
import { defineFault, ikev1, ikev2, type LabFault } from './fault.js';

/** A pre-shared key no healthy router uses. */
export const WRONG_PRE_SHARED_KEY = 'Wrong-Lab-PSK';
/** `encr aes`: AES-128, where the lab's policies use AES-256. */
export const WEAK_ISAKMP_ENCRYPTION = 'aes';
export const WEAK_IKEV2_ENCRYPTION = 'aes-cbc-128';

/** The keys the router authenticates with: its isakmp keys (IKEv1) or its IKEv2 keyring's peers. */
function setPreSharedKeys(router: RouterConfig, key: string): void {
  if (router.ikeVersion === 'v1') for (const entry of router.isakmpKeys) entry.key = key;
  else for (const peer of router.ikev2?.keyring.peers ?? []) peer.key = key;
}

/** A lossy underlay makes the spoke's DPD give up on its peers every 5 minutes from second 0. */
export const DPD_LOSS = { periodSeconds: 300, sinceSeconds: 0 };

export const ikeFaults: LabFault[] = [
  defineFault({
    id: 'ike-sa-flapping-dpd',
    title: 'IKE SA flapping (DPD over a lossy underlay)',
    layer: 'ike',
    breaks: `The spoke's underlay drops DPD keepalives: every ${DPD_LOSS.periodSeconds} s DPD declares the hub dead and the SAs are torn down and rebuilt within 2 s (CRYPTO_SS and NHRP_NHS/NHC DOWN/UP pairs, \`RECVD_PKT_INV_SPI\` on the spoke, new SPIs, IKE and session uptime reset).`,
    defaultTarget: 'spoke',
    roles: ['spoke'],
    change(router, network) {
      if (router.ikeVersion === 'v2') {
        if (router.ikev2 && router.ikev2.profile.dpd === null) router.ikev2.profile.dpd = '30 5 on-demand';
      } else router.isakmpKeepaliveSeconds ??= 30;
      network.underlay.dpdLoss ??= new Map();
      network.underlay.dpdLoss.set(router.hostname, { ...DPD_LOSS });
    },
  }),
  defineFault({
    id: 'isakmp-policy-mismatch',
    title: 'ISAKMP policy mismatch',
    layer: 'ike',
    breaks:
      'The spoke\'s isakmp policy offers AES-128 where its peers accept only AES-256: phase 1 never leaves MM_NO_STATE ("atts are not acceptable"), state IKE, NHS `E`.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    requires: ikev1,
    change(router) {
      for (const policy of router.isakmpPolicies) policy.encryption = WEAK_ISAKMP_ENCRYPTION;
    },
  }),
  defineFault({
    id: 'psk-mismatch',
    title: 'Pre-shared key mismatch',
    layer: 'ike',
    breaks:
      'The pre-shared key (isakmp key, or IKEv2 keyring key) differs: IKEv1 stops at MM_KEY_EXCH with `IKMP_BAD_MESSAGE` logs, IKEv2 fails IKE_AUTH with AUTHENTICATION_FAILED; state IKE, no IPsec SA.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router) {
      setPreSharedKeys(router, WRONG_PRE_SHARED_KEY);
    },
  }),
  defineFault({
    id: 'ike-no-psk-for-peer',
    title: 'No pre-shared key for the peer',
    layer: 'ike',
    breaks:
      'The router\'s pre-shared keys were deleted (isakmp keys, or the IKEv2 keyring\'s peers): it cannot start IKE ("No pre-shared key"), no SA row on either end, state IKE, NHS `E`.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router) {
      if (router.ikeVersion === 'v1') router.isakmpKeys = [];
      else if (router.ikev2) router.ikev2.keyring.peers = [];
    },
  }),
  defineFault({
    id: 'ikev2-negotiation-failure',
    title: 'IKEv2 proposal mismatch',
    layer: 'ike',
    breaks:
      "The spoke's IKEv2 proposal offers aes-cbc-128 where its peers want aes-cbc-256: IKE_SA_INIT is answered with NO_PROPOSAL_CHOSEN, the SA stays IN-NEG, state IKE.",
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    requires: ikev2,
    change(router) {
      if (router.ikev2) router.ikev2.proposal.encryption = WEAK_IKEV2_ENCRYPTION;
    },
  }),
];
