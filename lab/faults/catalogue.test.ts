import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { LabNetwork, LabOptions } from '../model/network.js';
import { trafficPartner } from '../engine/shortcuts.js';
import { buildNetwork } from '../network/build.js';
import { LAYER_ORDER, applyFault, faultCatalogue, faultFits, findFault } from './catalogue.js';

/** Every fault id of ../shared/knowledge/faults.md; the lab adds `tunnel-admin-down`, which it lacks. */
const KNOWLEDGE_IDS = [
  'nbma-underlay-unreachable', 'tunnel-source-down', 'recursive-routing', 'ike-udp-blocked', 'esp-blocked',
  'gre-blocked-unencrypted', 'fvrf-misconfig', 'spoke-behind-nat', 'nbma-change-unique-flag', 'tunnel-mode-mismatch',
  'tunnel-key-mismatch', 'tunnel-protection-one-side', 'crypto-map-vs-tunnel-protection', 'if-state-nhrp-down',
  'duplicate-tunnel-ip', 'nhrp-network-id-missing', 'nhrp-auth-mismatch', 'nhs-wrong-tunnel-ip', 'nhs-wrong-nbma',
  'nhs-missing-static-map-only', 'nhrp-registration-failing', 'nhrp-holdtime-registration-timer',
  'hub-missing-map-multicast-dynamic', 'spoke-missing-multicast-map', 'phase3-missing-redirect',
  'phase3-missing-shortcut', 'nhrp-resolution-failing', 'nhrp-rate-limited', 'isakmp-policy-mismatch', 'psk-mismatch',
  'ike-no-psk-for-peer', 'ikev2-negotiation-failure', 'ike-sa-flapping-dpd', 'hub-ike-cac-or-cpu',
  'transform-set-mismatch', 'ipsec-mode-mismatch', 'pfs-mismatch', 'one-way-traffic', 'invalid-spi-desync',
  'sa-rekey-failure', 'stale-sa', 'anti-replay-drops', 'ipsec-send-recv-errors', 'mtu-mss-missing',
  'eigrp-split-horizon-phase2', 'eigrp-next-hop-self-phase2', 'tunnel-bandwidth-eigrp-pacing',
  'ospf-network-type-mismatch', 'ospf-spoke-dr', 'ospf-p2mp-in-phase2', 'bgp-next-hop-phase2', 'hub-cpu-scale',
  'tunnel-flapping', 'nhrp-registration-churn', 'sa-churn', 'peer-missing',
]; // prettier-ignore

/**
 * Knowledge ids with no lab fault of their own. `nhrp-registration-failing` and `one-way-traffic` are umbrellas that
 * the specific faults narrow down; `nhrp-registration-churn`, `sa-churn` and `peer-missing` are read from history that
 * the lab's faults (`tunnel-flapping`, `nhrp-holdtime-registration-timer`, `stale-sa` ...) already produce.
 * `hub-cpu-scale` is diagnosed from the hub's CPU figures (`show processes cpu`, their history) correlated with
 * hub-wide churn: the lab models no CPU and renders no CPU command, so it could inject only the storm itself, which
 * `nhrp-rate-limited` and `hub-ike-cac-or-cpu` already do from the limits that cause it.
 */
const NOT_IN_LAB = [
  'nhrp-registration-failing', 'one-way-traffic', 'nhrp-registration-churn', 'sa-churn', 'peer-missing',
  'hub-cpu-scale',
]; // prettier-ignore

/** The faults the lab must be able to inject (the lab issue's list). */
const REQUIRED_IDS = [
  'nbma-underlay-unreachable', 'tunnel-source-down', 'nhrp-auth-mismatch', 'nhs-wrong-tunnel-ip', 'nhs-wrong-nbma',
  'nhrp-network-id-missing', 'tunnel-key-mismatch', 'psk-mismatch', 'isakmp-policy-mismatch',
  'ikev2-negotiation-failure', 'transform-set-mismatch', 'ipsec-mode-mismatch', 'pfs-mismatch', 'ike-udp-blocked',
  'esp-blocked', 'tunnel-protection-one-side', 'phase3-missing-redirect', 'phase3-missing-shortcut',
  'hub-missing-map-multicast-dynamic', 'spoke-missing-multicast-map', 'mtu-mss-missing',
  'nhrp-holdtime-registration-timer', 'stale-sa', 'tunnel-flapping', 'tunnel-admin-down', 'tunnel-mode-mismatch',
  'spoke-behind-nat', 'eigrp-split-horizon-phase2', 'eigrp-next-hop-self-phase2',
]; // prettier-ignore

/** A value with Sets and Maps turned into sorted arrays and plain objects, so it can be walked and compared. */
function plain(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(plain).sort();
  if (value instanceof Map) {
    return Object.fromEntries(
      [...value.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, plain(v)]),
    );
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plain(entry)]));
  }
  return value;
}

/** Everything a fault may change: each router's config by hostname, the underlay, the boot times and the options. */
function view(network: LabNetwork): Record<string, unknown> {
  const routers = Object.fromEntries(network.routers.map((router) => [router.hostname, router]));
  const { underlay, bootAt, options } = network;
  return plain({ ...routers, underlay, bootAt, options }) as Record<string, unknown>;
}

type Changes = Record<string, [unknown, unknown]>;

/** The leaves that differ, by path (`spoke1.tunnels[0].key`); arrays of different lengths count as one leaf. */
function changes(before: unknown, after: unknown, path = '', found: Changes = {}): Changes {
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((entry, i) => changes(entry, after[i], `${path}[${i}]`, found));
  } else if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      changes(before[key], after[key], path ? `${path}.${key}` : key, found);
    }
  } else if (!isDeepStrictEqual(before, after)) {
    found[path] = [before, after];
  }
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Applies a fault to a fresh network and returns what changed. */
function changesOf(id: string, options: Partial<LabOptions> = {}, target?: string): Changes {
  const network = buildNetwork({ spokes: 3, ...options });
  const before = view(network);
  applyFault(network, id, target);
  return changes(before, view(network));
}

const HEALTHY_PSK = 'Dmvpn-Lab-PSK';

interface Expectation {
  options?: Partial<LabOptions>;
  changes: Changes;
}

/** What each fault changes on its default target, in a 3-spoke network (phase 3, IKEv1, EIGRP unless said). */
const EXPECTED: Record<string, Expectation> = {
  'nbma-underlay-unreachable': { changes: { 'underlay.wanDown': [[], ['spoke1']] } },
  'tunnel-source-down': { changes: { 'spoke1.wan.shutdown': [false, true] } },
  'recursive-routing': {
    changes: {
      'hub1.routing.networks': [
        [
          { address: '10.0.0.0', wildcard: '0.0.255.255', area: 0 },
          { address: '172.16.1.0', wildcard: '0.0.0.255', area: 0 },
        ],
        [
          { address: '10.0.0.0', wildcard: '0.0.255.255', area: 0 },
          { address: '172.16.1.0', wildcard: '0.0.0.255', area: 0 },
          { address: '203.0.113.0', wildcard: '0.0.0.255', area: 0 },
        ],
      ],
    },
  },
  'ike-udp-blocked': {
    changes: { 'underlay.blocks': [[], [{ from: 'spoke1', to: '*', protocol: 'udp500' }]] },
  },
  'gre-blocked-unencrypted': {
    changes: {
      'hub1.tunnels[0].protectionProfile': ['DMVPN-PROFILE', null],
      'spoke1.tunnels[0].protectionProfile': ['DMVPN-PROFILE', null],
      'spoke2.tunnels[0].protectionProfile': ['DMVPN-PROFILE', null],
      'spoke3.tunnels[0].protectionProfile': ['DMVPN-PROFILE', null],
      'underlay.blocks': [[], [{ from: 'spoke1', to: 'hub1', protocol: 'gre' }]],
    },
  },
  'esp-blocked': {
    options: { hubs: 2 },
    changes: {
      'underlay.blocks': [
        [],
        [
          { from: 'spoke1', to: 'hub1', protocol: 'esp' },
          { from: 'spoke1', to: 'hub2', protocol: 'esp' },
        ],
      ],
    },
  },
  'fvrf-misconfig': { changes: { 'spoke1.tunnels[0].tunnelVrf': [undefined, 'INET'] } },
  'spoke-behind-nat': {
    changes: {
      'spoke1.wan.address': ['198.18.0.1', '192.168.1.2'],
      'spoke1.defaultGateway': ['198.18.0.254', '192.168.1.1'],
      'underlay.natOutside.spoke1': [undefined, '198.18.0.1'],
    },
  },
  'nbma-change-unique-flag': { changes: { 'spoke1.wan.address': ['198.18.0.1', '198.18.0.253'] } },
  'tunnel-admin-down': { changes: { 'spoke1.tunnels[0].shutdown': [false, true] } },
  'tunnel-mode-mismatch': { changes: { 'hub1.tunnels[0].mode': ['gre multipoint', 'gre ip'] } },
  'tunnel-key-mismatch': { changes: { 'spoke1.tunnels[0].key': [100, 101] } },
  'tunnel-protection-one-side': {
    changes: { 'spoke1.tunnels[0].protectionProfile': ['DMVPN-PROFILE', null] },
  },
  'if-state-nhrp-down': {
    changes: {
      'spoke1.tunnels[0].ifStateNhrp': [undefined, true],
      'spoke1.tunnels[0].nhrp.authentication': ['DMVPNk3y', 'WRONGk3y'],
    },
  },
  'duplicate-tunnel-ip': { changes: { 'spoke1.tunnels[0].address': ['10.0.0.12', '10.0.0.13'] } },
  'nhrp-network-id-missing': { changes: { 'hub1.tunnels[0].nhrp.networkId': [100, null] } },
  'nhrp-auth-mismatch': {
    changes: { 'spoke1.tunnels[0].nhrp.authentication': ['DMVPNk3y', 'WRONGk3y'] },
  },
  'nhs-wrong-tunnel-ip': {
    changes: { 'spoke1.tunnels[0].nhrp.nhs[0].tunnel': ['10.0.0.1', '10.0.0.254'] },
  },
  'nhs-wrong-nbma': {
    changes: { 'spoke1.tunnels[0].nhrp.nhs[0].nbma': ['203.0.113.1', '203.0.113.200'] },
  },
  'nhs-missing-static-map-only': {
    changes: {
      'spoke1.tunnels[0].nhrp.maps': [[], [{ tunnel: '10.0.0.1', nbma: '203.0.113.1' }]],
      'spoke1.tunnels[0].nhrp.mapMulticast': [[], ['203.0.113.1']],
      'spoke1.tunnels[0].nhrp.nhs': [[{ tunnel: '10.0.0.1', nbma: '203.0.113.1', multicast: true }], []],
    },
  },
  'nhrp-holdtime-registration-timer': {
    changes: {
      'spoke1.tunnels[0].nhrp.holdtimeSeconds': [300, 60],
      'spoke1.tunnels[0].nhrp.registrationTimeoutSeconds': [null, 90],
    },
  },
  'hub-missing-map-multicast-dynamic': {
    changes: { 'hub1.tunnels[0].nhrp.mapMulticastDynamic': [true, false] },
  },
  'spoke-missing-multicast-map': {
    changes: { 'spoke1.tunnels[0].nhrp.nhs[0].multicast': [true, false] },
  },
  'phase3-missing-redirect': { changes: { 'hub1.tunnels[0].nhrp.redirect': [true, false] } },
  'phase3-missing-shortcut': { changes: { 'spoke1.tunnels[0].nhrp.shortcut': [true, false] } },
  'isakmp-policy-mismatch': { changes: { 'spoke1.isakmpPolicies[0].encryption': ['aes 256', 'aes'] } },
  'psk-mismatch': { changes: { 'spoke1.isakmpKeys[0].key': [HEALTHY_PSK, 'Wrong-Lab-PSK'] } },
  'ike-no-psk-for-peer': {
    changes: { 'spoke1.isakmpKeys': [[{ key: HEALTHY_PSK, address: '0.0.0.0', mask: '0.0.0.0' }], []] },
  },
  'ikev2-negotiation-failure': {
    options: { ike: 'v2' },
    changes: { 'spoke1.ikev2.proposal.encryption': ['aes-cbc-256', 'aes-cbc-128'] },
  },
  'crypto-map-vs-tunnel-protection': {
    changes: {
      'spoke1.wan.cryptoMap': [undefined, 'LEGACY-MAP'],
      'spoke1.cryptoMaps': [
        undefined,
        [
          {
            name: 'LEGACY-MAP',
            sequence: 10,
            peer: '203.0.113.1',
            transformSet: 'DMVPN-TS',
            acl: 'LEGACY-GRE',
            aclPermits: ['gre host 198.18.0.1 host 203.0.113.1'],
          },
        ],
      ],
    },
  },
  'transform-set-mismatch': {
    changes: {
      'spoke1.transformSets[0].transforms[0]': ['esp-aes 256', 'esp-aes'],
      'spoke1.transformSets[0].transforms[1]': ['esp-sha256-hmac', 'esp-sha-hmac'],
    },
  },
  'ipsec-mode-mismatch': { changes: { 'hub1.transformSets[0].mode': ['transport', 'tunnel'] } },
  'pfs-mismatch': { changes: { 'hub1.ipsecProfiles[0].pfsGroup': [null, 14] } },
  'stale-sa': { changes: { 'underlay.reboots.hub1': [undefined, 600] } },
  'ike-sa-flapping-dpd': {
    changes: { 'underlay.dpdLoss.spoke1': [undefined, { periodSeconds: 300, sinceSeconds: 0 }] },
  },
  'invalid-spi-desync': {
    changes: {
      'underlay.saClears.hub1': [undefined, 600],
      'hub1.isakmpKeepaliveSeconds': [30, null],
      'spoke1.isakmpKeepaliveSeconds': [30, null],
      'spoke2.isakmpKeepaliveSeconds': [30, null],
      'spoke3.isakmpKeepaliveSeconds': [30, null],
    },
  },
  'mtu-mss-missing': {
    changes: {
      'spoke1.tunnels[0].ipMtu': [1400, null],
      'spoke1.tunnels[0].tcpAdjustMss': [1360, null],
    },
  },
  'eigrp-split-horizon-phase2': { changes: { 'hub1.tunnels[0].eigrpSplitHorizon': [false, true] } },
  'eigrp-next-hop-self-phase2': {
    options: { phase: 2 },
    changes: { 'hub1.tunnels[0].eigrpNextHopSelf': [false, true] },
  },
  'tunnel-bandwidth-eigrp-pacing': { changes: { 'hub1.tunnels[0].bandwidthKbps': [1000, null] } },
  'ospf-network-type-mismatch': {
    options: { routing: 'ospf' },
    changes: { 'spoke1.tunnels[0].ospfNetwork': ['point-to-multipoint', 'broadcast'] },
  },
  'ospf-spoke-dr': {
    options: { routing: 'ospf', phase: 2 },
    changes: { 'spoke1.tunnels[0].ospfPriority': [0, null] },
  },
  'ospf-p2mp-in-phase2': {
    options: { routing: 'ospf', phase: 2 },
    changes: {
      'hub1.tunnels[0].ospfNetwork': ['broadcast', 'point-to-multipoint'],
      'spoke1.tunnels[0].ospfNetwork': ['broadcast', 'point-to-multipoint'],
      'spoke2.tunnels[0].ospfNetwork': ['broadcast', 'point-to-multipoint'],
      'spoke3.tunnels[0].ospfNetwork': ['broadcast', 'point-to-multipoint'],
    },
  },
  'bgp-next-hop-phase2': {
    options: { routing: 'bgp', phase: 2 },
    changes: { 'hub1.routing.bgpNextHopSelf': [undefined, true] },
  },
  'anti-replay-drops': { changes: { 'underlay.reorder.spoke1': [undefined, { ratePerSecond: 0.5 }] } },
  'ipsec-send-recv-errors': { changes: { 'underlay.corrupt.hub1': [undefined, { ratePerSecond: 0.2 }] } },
  'sa-rekey-failure': {
    options: { ike: 'v2' },
    changes: { 'spoke1.ipsecProfiles[0].pfsGroup': [null, 19] },
  },
  'nhrp-resolution-failing': {
    changes: {
      'underlay.blocks': [
        [],
        (['udp500', 'udp4500', 'esp', 'gre'] as const).map((protocol) => ({
          from: '*',
          to: 'spoke1',
          protocol,
          except: ['hub1'],
        })),
      ],
    },
  },
  'nhrp-rate-limited': {
    changes: {
      'hub1.tunnels[0].nhrp.maxSend': [undefined, { packets: 1, everySeconds: 10 }],
      'underlay.reboots.hub1': [undefined, 600],
    },
  },
  'hub-ike-cac-or-cpu': {
    changes: { 'hub1.ikeInNegotiationLimit': [undefined, 1], 'underlay.reboots.hub1': [undefined, 600] },
  },
  'tunnel-flapping': {
    changes: {
      'underlay.flaps.spoke1': [undefined, { periodSeconds: 180, downSeconds: 45, sinceSeconds: 0 }],
    },
  },
};

describe('the fault catalogue', () => {
  it('holds every fault the lab issue asks for', () => {
    const ids = faultCatalogue.map((fault) => fault.id);
    expect(REQUIRED_IDS.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('uses the knowledge base ids, each once (tunnel-admin-down is the lab own, faults.md has none)', () => {
    const ids = faultCatalogue.map((fault) => fault.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !KNOWLEDGE_IDS.includes(id))).toEqual(['tunnel-admin-down']);
  });

  it('is ordered by layer, from the underlay up to what only history shows', () => {
    const ranks = faultCatalogue.map((fault) => LAYER_ORDER.indexOf(fault.layer));
    expect(ranks.every((rank) => rank >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('says in one line what each fault breaks, and defaults to a role it can go on', () => {
    for (const fault of faultCatalogue) {
      expect(fault.title.length, fault.id).toBeGreaterThan(0);
      expect(fault.breaks, fault.id).toMatch(/^[^\n]{20,300}$/);
      expect(fault.roles, fault.id).toContain(fault.defaultTarget);
    }
  });

  it('leaves out what the lab cannot show: umbrellas, history-only faults, and hub CPU', () => {
    const ids = faultCatalogue.map((fault) => fault.id);
    expect(KNOWLEDGE_IDS.filter((id) => !ids.includes(id)).sort()).toEqual([...NOT_IN_LAB].sort());
  });

  it('finds a fault by its id, and nothing for an unknown one', () => {
    expect(findFault('psk-mismatch')?.layer).toBe('ike');
    expect(findFault('no-such-fault')).toBeUndefined();
  });
});

describe('each fault changes exactly what it says, on its default target', () => {
  it('has an expectation for every fault of the catalogue', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(faultCatalogue.map((fault) => fault.id).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (id, expectation) => {
    expect(changesOf(id, expectation.options)).toEqual(expectation.changes);
  });

  it.each(Object.entries(EXPECTED))(
    '%s is recorded once and changes nothing more when applied again',
    (id, e) => {
      const network = buildNetwork({ spokes: 3, ...e.options });
      const applied = applyFault(network, id);
      const once = view(network);
      applyFault(network, id);
      expect(view(network)).toEqual(once);
      expect(network.faults).toEqual([applied]);
      expect(applied.target).toBe(`${findFault(id)!.defaultTarget}1`);
    },
  );
});

describe('faults on other targets and networks', () => {
  it('blocks IKE and ESP towards a hub from everyone when the hub is the target', () => {
    expect(changesOf('ike-udp-blocked', {}, 'hub1')).toEqual({
      'underlay.blocks': [[], [{ from: '*', to: 'hub1', protocol: 'udp500' }]],
    });
    expect(changesOf('esp-blocked', {}, 'hub1')).toEqual({
      'underlay.blocks': [[], [{ from: '*', to: 'hub1', protocol: 'esp' }]],
    });
  });

  it('changes the IKEv2 keyring, not the isakmp keys, on an IKEv2 network', () => {
    expect(changesOf('psk-mismatch', { ike: 'v2' })).toEqual({
      'spoke1.ikev2.keyring.peers[0].key': [HEALTHY_PSK, 'Wrong-Lab-PSK'],
    });
    expect(changesOf('ike-no-psk-for-peer', { ike: 'v2' })).toEqual({
      'spoke1.ikev2.keyring.peers': [
        [{ name: 'ANY', address: '0.0.0.0', mask: '0.0.0.0', key: HEALTHY_PSK }],
        [],
      ],
    });
  });

  it('puts a mismatched NHRP key on a hub as well as on a spoke', () => {
    expect(changesOf('nhrp-auth-mismatch', {}, 'hub1')).toEqual({
      'hub1.tunnels[0].nhrp.authentication': ['DMVPNk3y', 'WRONGk3y'],
    });
  });

  it("gives spoke1 spoke2's tunnel address, and any other spoke spoke1's", () => {
    expect(changesOf('duplicate-tunnel-ip', {}, 'spoke3')).toEqual({
      'spoke3.tunnels[0].address': ['10.0.0.14', '10.0.0.12'],
    });
  });

  it('leaves a spoke already behind NAT as it is', () => {
    expect(changesOf('spoke-behind-nat', { natSpokes: 1 }, 'spoke3')).toEqual({});
  });

  it('advertises the hub WAN subnet without an area over BGP', () => {
    const after = changesOf('recursive-routing', { routing: 'bgp' })['hub1.routing.networks']![1];
    expect(after).toContainEqual({ address: '203.0.113.0', wildcard: '0.0.0.255' });
  });

  it('mistypes the static map of an NHS that takes its NBMA from `ip nhrp map`', () => {
    const network = buildNetwork({ spokes: 1 });
    const nhrp = network.routers[1]!.tunnels[0]!.nhrp;
    nhrp.nhs = [{ tunnel: '10.0.0.1', nbma: null, multicast: false }];
    nhrp.maps = [{ tunnel: '10.0.0.1', nbma: '203.0.113.1' }];
    applyFault(network, 'nhs-wrong-nbma');
    expect(nhrp.maps).toEqual([{ tunnel: '10.0.0.1', nbma: '203.0.113.200' }]);
    expect(nhrp.nhs[0]!.nbma).toBeNull();
  });

  it('makes a phase 1 and a phase 2 OSPF spoke take the network type the hub does not use', () => {
    expect(changesOf('ospf-network-type-mismatch', { routing: 'ospf', phase: 2 })).toEqual({
      'spoke1.tunnels[0].ospfNetwork': ['broadcast', 'point-to-multipoint'],
    });
    expect(changesOf('ospf-network-type-mismatch', { routing: 'ospf', phase: 1 })).toEqual({
      'spoke1.tunnels[0].ospfNetwork': ['point-to-multipoint', 'broadcast'],
    });
  });

  it('knows which networks can have each fault', () => {
    const phase2 = buildNetwork({ spokes: 1, phase: 2 });
    expect(faultFits(findFault('phase3-missing-redirect')!, phase2)).toBe(false);
    expect(faultFits(findFault('eigrp-next-hop-self-phase2')!, phase2)).toBe(true);
    expect(faultFits(findFault('psk-mismatch')!, phase2)).toBe(true);
    expect(faultFits(findFault('duplicate-tunnel-ip')!, phase2)).toBe(false);
  });
});

describe('a fault that cannot be applied says why and changes nothing', () => {
  function refusal(id: string, target: string | undefined, options: Partial<LabOptions> = {}): string {
    const network = buildNetwork({ spokes: 3, ...options });
    const before = view(network);
    let message = '';
    try {
      applyFault(network, id, target);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(view(network)).toEqual(before);
    expect(network.faults).toEqual([]);
    return message;
  }

  it('an unknown fault id', () => {
    expect(refusal('nhrp-typo', undefined)).toMatch(
      /^unknown fault "nhrp-typo"; the lab's faults are: .*psk-mismatch/,
    );
  });

  it('a router the network does not have', () => {
    expect(refusal('nhrp-auth-mismatch', 'spoke99')).toBe(
      'fault nhrp-auth-mismatch: no router "spoke99" in this network (it has hub1, spoke1..spoke3)',
    );
    expect(refusal('stale-sa', 'hub2')).toBe(
      'fault stale-sa: no router "hub2" in this network (it has hub1, spoke1..spoke3)',
    );
  });

  it('a router of the wrong role', () => {
    expect(refusal('phase3-missing-redirect', 'spoke2')).toBe(
      'fault phase3-missing-redirect goes on a hub; spoke2 is a spoke',
    );
    expect(refusal('spoke-behind-nat', 'hub1')).toBe('fault spoke-behind-nat goes on a spoke; hub1 is a hub');
  });

  it('a network that cannot have the fault', () => {
    expect(refusal('phase3-missing-redirect', undefined, { phase: 2 })).toBe(
      'fault phase3-missing-redirect needs DMVPN phase 3; this network is phase 2, IKEv1, EIGRP routing, 3 spokes',
    );
    expect(refusal('isakmp-policy-mismatch', undefined, { ike: 'v2' })).toMatch(/needs IKEv1; .* IKEv2,/);
    expect(refusal('eigrp-next-hop-self-phase2', undefined, { routing: 'ospf', phase: 2 })).toMatch(
      /needs EIGRP routing in phase 2; this network is phase 2, IKEv1, OSPF routing/,
    );
    expect(refusal('duplicate-tunnel-ip', undefined, { spokes: 1 })).toMatch(/needs at least 2 spokes/);
  });
});

describe('a fault that shows only on some spokes goes on one of them by default', () => {
  it('puts nhrp-resolution-failing on the first spoke that sends another spoke traffic', () => {
    const network = buildNetwork({ spokes: 6, phase: 3 });
    const applied = applyFault(network, 'nhrp-resolution-failing');
    expect(applied.target).toBe('spoke3');
    expect(trafficPartner(network.options, 3)).toBe(4);
    expect(trafficPartner(network.options, 1)).toBeNull();
  });
});
