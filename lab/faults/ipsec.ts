// IPsec faults: phase 1 comes up but phase 2 cannot agree on the transform set, its mode or PFS.

import { defineFault, type LabFault } from './fault.js';

/** AES-128 with SHA-1 HMAC, where the lab's transform sets use AES-256 with SHA-256. */
export const WEAK_TRANSFORMS = ['esp-aes', 'esp-sha-hmac'];
export const ONE_SIDED_PFS_GROUP = 14;

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
];
