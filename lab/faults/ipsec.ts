// IPsec faults: phase 1 comes up but phase 2 cannot agree on the transform set, its mode or PFS; or the SAs are up
// and the underlay spoils what they carry (reordering beyond the anti-replay window).

import { defineFault, ikev2, type LabFault } from './fault.js';

/** AES-128 with SHA-1 HMAC, where the lab's transform sets use AES-256 with SHA-256. */
export const WEAK_TRANSFORMS = ['esp-aes', 'esp-sha-hmac'];
export const ONE_SIDED_PFS_GROUP = 14;
/** ESP packets a second the reordering underlay pushes behind the receiver's 64-packet anti-replay window. */
export const REPLAY_DROPS_PER_SECOND = 0.5;
/** ESP packets a second the corrupting underlay spoils on their way to the receiver. */
export const CORRUPTED_PER_SECOND = 0.2;
/** The DH group a spoke's profile gains for its rekeys (its hubs and the other spokes have no PFS). */
export const REKEY_PFS_GROUP = 19;

export const ipsecFaults: LabFault[] = [
  defineFault({
    id: 'transform-set-mismatch',
    title: 'Transform set mismatch',
    layer: 'ipsec',
    breaks:
      'The transform set differs (esp-aes esp-sha-hmac): QM_IDLE but no IPsec SA (encaps and decaps 0, spi 0x0), state IPSEC, crypto session UP-IDLE.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router) {
      for (const set of router.transformSets) set.transforms = [...WEAK_TRANSFORMS];
    },
  }),
  defineFault({
    id: 'ipsec-mode-mismatch',
    title: 'IPsec mode mismatch (tunnel vs transport)',
    layer: 'ipsec',
    breaks:
      'The transform set is `mode tunnel` where the rest of the cloud uses transport: QM_IDLE but no IPsec SA, the spokes stay in IPSEC.',
    defaultTarget: 'hub',
    roles: ['hub', 'spoke'],
    change(router) {
      for (const set of router.transformSets) set.mode = 'tunnel';
    },
  }),
  defineFault({
    id: 'pfs-mismatch',
    title: 'PFS on one side only',
    layer: 'ipsec',
    breaks: `\`set pfs group${ONE_SIDED_PFS_GROUP}\` in the router's IPsec profile while its peers have no PFS: QM_IDLE but no IPsec SA, the spokes stay in IPSEC.`,
    defaultTarget: 'hub',
    roles: ['hub', 'spoke'],
    change(router) {
      for (const profile of router.ipsecProfiles) profile.pfsGroup = ONE_SIDED_PFS_GROUP;
    },
  }),
  defineFault({
    id: 'anti-replay-drops',
    title: 'Anti-replay drops (ESP reordered on the way)',
    layer: 'ipsec',
    breaks: `ESP reordered towards the router: on its spoke-hub SAs \`##pkts replay failed (rcv)\` (detail) and \`#recv errors\` rise ${REPLAY_DROPS_PER_SECOND}/s, \`%IPSEC-3-REPLAY_ERROR\` logged at most once a minute; encaps/decaps keep rising, tunnels, NHRP and routing stay up.`,
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router, network) {
      const underlay = network.underlay;
      underlay.reorder ??= new Map();
      if (!underlay.reorder.has(router.hostname))
        underlay.reorder.set(router.hostname, { ratePerSecond: REPLAY_DROPS_PER_SECOND });
    },
  }),
  defineFault({
    id: 'ipsec-send-recv-errors',
    title: 'IPsec receive errors (ESP corrupted on the way)',
    layer: 'ipsec',
    breaks: `ESP corrupted towards the router: on its spoke-hub SAs \`#pkts verify failed\` (detail) and \`#recv errors\` rise ${CORRUPTED_PER_SECOND}/s, no log message; send errors stay 0, encaps/decaps keep rising, tunnels, NHRP and routing stay up.`,
    defaultTarget: 'hub',
    roles: ['hub', 'spoke'],
    change(router, network) {
      const underlay = network.underlay;
      underlay.corrupt ??= new Map();
      if (!underlay.corrupt.has(router.hostname))
        underlay.corrupt.set(router.hostname, { ratePerSecond: CORRUPTED_PER_SECOND });
    },
  }),
  defineFault({
    id: 'sa-rekey-failure',
    title: 'IPsec SA rekey fails (PFS on one side, IKEv2)',
    layer: 'ipsec',
    breaks: `\`set pfs group${REKEY_PFS_GROUP}\` on one side under IKEv2: the child SA up at the change holds until its next rekey (within 3,240 s), which fails; then CRYPTO_SS socket DOWN, NHS DOWN, state IPSEC, IKEv2 SA READY with no IPsec SA, session UP-IDLE.`,
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    requires: ikev2,
    change(router) {
      for (const profile of router.ipsecProfiles) profile.pfsGroup = REKEY_PFS_GROUP;
    },
  }),
];
