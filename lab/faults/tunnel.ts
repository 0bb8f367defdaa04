// Tunnel interface faults: Tunnel0 shut, in the wrong mode, with another key, without protection or a copied address.

import { defineFault, type LabFault } from './fault.js';
import { WRONG_NHRP_AUTH } from './nhrp.js';

/** A key no healthy router uses (the lab's clouds use `tunnel key 100`). */
export const WRONG_TUNNEL_KEY = 101;

/** The crypto map the `crypto-map-vs-tunnel-protection` fault puts on the spoke WAN. */
export const CRYPTO_MAP_NAME = 'LEGACY-MAP';

export const tunnelFaults: LabFault[] = [
  defineFault({
    id: 'if-state-nhrp-down',
    title: 'Spoke tunnel with `if-state nhrp` down because its NHS fails',
    layer: 'tunnel',
    breaks: `Spoke Tunnel0 has \`if-state nhrp\` and its registrations fail (NHRP auth \`${WRONG_NHRP_AUTH}\`): after NHRP_NHS_DOWN it logs LINEPROTO Tunnel0 down, is up/down (\`NHRP NHS down\`), shows the hub INTF and \`Interface State Control: Enabled\`; the hub logs error 11.`,
    defaultTarget: 'spoke',
    roles: ['spoke'],
    change(router) {
      for (const tunnel of router.tunnels) {
        tunnel.ifStateNhrp = true;
        tunnel.nhrp.authentication = WRONG_NHRP_AUTH;
      }
    },
  }),
  defineFault({
    // faults.md has no id for an admin-down tunnel; this one is the lab's own.
    id: 'tunnel-admin-down',
    title: 'Tunnel interface administratively down',
    layer: 'tunnel',
    breaks:
      'Tunnel0 is `shutdown`: `show interfaces` says administratively down, the router has no DMVPN peers and its peers lose it (NHS `E`, the hub entry expires).',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router) {
      for (const tunnel of router.tunnels) tunnel.shutdown = true;
    },
  }),
  defineFault({
    id: 'tunnel-mode-mismatch',
    title: 'Hub tunnel in point-to-point GRE mode',
    layer: 'tunnel',
    breaks:
      'The hub tunnel is `tunnel mode gre ip` with no destination: hub Tunnel0 up/down (`no IPv4 tunnel destination address`), no isakmp SA on the hub, spokes stuck in IKE / MM_NO_STATE.',
    defaultTarget: 'hub',
    roles: ['hub'],
    change(router) {
      for (const tunnel of router.tunnels) {
        tunnel.mode = 'gre ip';
        tunnel.destination = null;
      }
    },
  }),
  defineFault({
    id: 'tunnel-key-mismatch',
    title: 'Tunnel key mismatch',
    layer: 'tunnel',
    breaks: `The tunnel key differs (${WRONG_TUNNEL_KEY} instead of the cloud's): the far end decrypts the GRE and silently drops it (its decaps rise, encaps 0, no log), the spoke stays in NHRP with NHS \`E\`.`,
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router) {
      for (const tunnel of router.tunnels) tunnel.key = WRONG_TUNNEL_KEY;
    },
  }),
  defineFault({
    id: 'tunnel-protection-one-side',
    title: 'Tunnel protection on one side only',
    layer: 'tunnel',
    breaks:
      'The router lost `tunnel protection`: a spoke sends plain GRE (no isakmp SA, state NHRP) and the hub logs `%CRYPTO-4-RECVD_PKT_NOT_IPSEC`; a hub without it leaves every spoke in IKE.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router) {
      for (const tunnel of router.tunnels) {
        tunnel.protectionProfile = null;
        tunnel.protectionShared = false;
      }
    },
  }),
  defineFault({
    id: 'crypto-map-vs-tunnel-protection',
    title: 'Crypto map on the WAN interface beside tunnel protection',
    layer: 'tunnel',
    breaks:
      'The spoke WAN carries `crypto map LEGACY-MAP` whose ACL matches GRE to the hub, beside `tunnel protection`: phase 2 proxy mismatch, the pair is stuck in IPSEC (QM_IDLE on both ends, no IPsec SA, crypto session UP-IDLE).',
    defaultTarget: 'spoke',
    roles: ['spoke'],
    change(router, network) {
      const hub = network.routers.find((candidate) => candidate.role === 'hub');
      const profile = router.ipsecProfiles[0];
      if (!hub || !profile)
        throw new Error(
          `fault crypto-map-vs-tunnel-protection: ${router.hostname} has no hub or IPsec profile`,
        );
      const hubAddress = hub.wan.address;
      router.wan.cryptoMap = CRYPTO_MAP_NAME;
      router.cryptoMaps = [
        {
          name: CRYPTO_MAP_NAME,
          sequence: 10,
          peer: hubAddress,
          transformSet: profile.transformSet,
          acl: 'LEGACY-GRE',
          aclPermits: [`gre host ${router.wan.address} host ${hubAddress}`],
        },
      ];
    },
  }),
  defineFault({
    id: 'duplicate-tunnel-ip',
    title: 'Two spokes with the same tunnel address',
    layer: 'tunnel',
    breaks:
      "The spoke is given another spoke's tunnel address (spoke1's, or spoke2's for spoke1): the hub refuses its registrations (unique address registered already, no log), the spoke stays in NHRP with NHS `E` and no adjacency; the owner stays UP.",
    defaultTarget: 'spoke',
    roles: ['spoke'],
    requires: { text: 'at least 2 spokes', met: (options) => options.spokes >= 2 },
    change(router, network) {
      const owner = router.hostname === 'spoke1' ? 'spoke2' : 'spoke1';
      const ownerTunnels = network.routers.find((candidate) => candidate.hostname === owner)!.tunnels;
      router.tunnels.forEach((tunnel, i) => {
        const copied = ownerTunnels[i];
        if (copied) tunnel.address = copied.address;
      });
    },
  }),
];
