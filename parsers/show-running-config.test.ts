import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  ConfigInterface,
  ConfigRecord,
  EigrpProcess,
  IsakmpKey,
  OspfProcess,
} from '../model/records/config.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { showRunningConfig } from './show-running-config.js';

type Kind = ConfigRecord['kind'];
type OfKind<K extends Kind> = Extract<ConfigRecord, { kind: K }>;

function parse(text: string, filtered = false) {
  return showRunningConfig.parse(text, { filtered });
}

function recordsOf<K extends Kind>(text: string, kind: K): OfKind<K>[] {
  return parse(text).records.filter((record): record is OfKind<K> => record.kind === kind);
}

function iface(text: string, name: string): ConfigInterface | undefined {
  return recordsOf(text, 'config_interface').find((record) => record.name === name);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const HUB = readCapture('show_running-config', 'handmade__hub_phase3_eigrp_ikev1.raw');
const SPOKE = readCapture('show_running-config', 'handmade__spoke_ikev2_bgp.raw');

interface NtcInterface {
  interface: string;
  description: string;
  bandwidth: string;
  mtu: string;
  vrf: string;
  ip_address: string;
  netmask: string;
  ipv6_address: string;
  prefixv6_length: string;
  access_group_in: string;
  access_group_out: string;
  outer_vlan: string;
  inner_vlan: string;
}

describe('show running-config interface against ntc-templates', () => {
  const folder = 'show_running-config_interface';
  const name = 'ntc__cisco_ios_show_running-config_interface';
  const upstream = (loadUpstream(folder, name) as { parsed_sample: NtcInterface[] }).parsed_sample;
  const ours = recordsOf(readCapture(folder, `${name}.raw`), 'config_interface');

  it('has the same interfaces', () => {
    expect(ours.map((record) => record.name)).toEqual(upstream.map((entry) => entry.interface));
  });

  // ntc's service policies, proxy-arp and uRPF fields are not carried: they do not matter to DMVPN.
  it.each(upstream.map((entry, index) => ({ entry, index })))(
    '$entry.interface has the same values',
    ({ entry, index }) => {
      const record = ours[index]!;
      expect({
        description: record.description,
        bandwidth: String(record.bandwidthKbps),
        mtu: record.mtu === null ? '' : String(record.mtu),
        vrf: record.vrf,
        ip: [record.ipv4[0]?.address, record.ipv4[0]?.mask],
        ipv6: record.ipv6.join(' '),
        accessGroups: [record.accessGroupIn ?? '', record.accessGroupOut ?? ''],
        encapsulation: record.encapsulation,
      }).toEqual({
        description: entry.description,
        bandwidth: entry.bandwidth,
        mtu: entry.mtu,
        vrf: entry.vrf,
        ip: [entry.ip_address, entry.netmask],
        ipv6: entry.ipv6_address === '' ? '' : `${entry.ipv6_address}/${entry.prefixv6_length}`,
        accessGroups: [entry.access_group_in, entry.access_group_out],
        encapsulation: `dot1Q ${entry.outer_vlan} second-dot1q ${entry.inner_vlan}`,
      });
    },
  );
});

describe('a phase 3 hub with EIGRP and IKEv1 pre-shared keys', () => {
  it('parses the whole configuration with no warning', () => {
    expect(parse(HUB).warnings).toEqual([]);
  });

  it('its tunnel is a multipoint GRE hub that redirects and replicates multicast to spokes', () => {
    expect(iface(HUB, 'Tunnel0')).toMatchObject({
      ipv4: [{ address: '172.16.0.1', mask: '255.255.255.0', prefixLength: 24, secondary: false }],
      ipMtu: 1400,
      tcpAdjustMss: 1360,
      bandwidthKbps: 100_000,
      delay: 1000,
      tunnel: {
        source: 'GigabitEthernet0/0',
        destination: null,
        mode: 'gre multipoint',
        key: 100,
        protection: { profile: 'DMVPN-PROF', shared: false },
      },
      nhrp: {
        networkId: 100,
        holdtimeSeconds: 300,
        multicastDynamic: true,
        redirect: true,
        shortcut: false,
        nhs: [],
        authentication: { secret: true, encryption: 0, sha256: sha256('NHRPk3y') },
      },
      eigrp: [{ asn: 100, splitHorizon: false, nextHopSelf: null, summaries: ['10.0.0.0 255.0.0.0'] }],
    });
  });

  it('the IKEv1 policy, wildcard key, DPD and transport-mode transform set are typed', () => {
    expect(recordsOf(HUB, 'config_isakmp_policy')).toMatchObject([
      {
        priority: 10,
        encryption: 'aes 256',
        hash: 'sha256',
        authentication: 'pre-share',
        group: 14,
        lifetimeSeconds: 28800,
      },
    ]);
    expect(recordsOf(HUB, 'config_isakmp_key')).toMatchObject([
      { keyring: null, address: '0.0.0.0', mask: null },
    ]);
    expect(recordsOf(HUB, 'config_ike_dpd')).toMatchObject([
      { ikeVersion: 1, intervalSeconds: 30, retrySeconds: 5, mode: 'periodic' },
    ]);
    expect(recordsOf(HUB, 'config_ike_nat_keepalive')).toMatchObject([
      { ikeVersion: 1, intervalSeconds: 20 },
    ]);
    expect(recordsOf(HUB, 'config_crypto_option').map((record) => record.option)).toEqual([
      'isakmp invalid-spi-recovery',
      'logging session',
      'call admission limit ike in-negotiation-sa 100',
    ]);
    expect(recordsOf(HUB, 'config_ipsec_transform_set')).toMatchObject([
      { name: 'TS-DMVPN', transforms: ['esp-aes 256', 'esp-sha256-hmac'], mode: 'transport' },
    ]);
    expect(recordsOf(HUB, 'config_ipsec_profile')).toMatchObject([
      {
        name: 'DMVPN-PROF',
        transformSets: ['TS-DMVPN'],
        pfs: 'group14',
        lifetimeSeconds: 3600,
        ikev2Profile: null,
      },
    ]);
  });

  it('never keeps a pre-shared key or NHRP key in clear, only a comparable fingerprint', () => {
    const key = recordsOf(HUB, 'config_isakmp_key')[0] as IsakmpKey;
    expect(key.key).toEqual({ secret: true, encryption: 0, sha256: sha256('DMVPNk3y') });
    const everything = JSON.stringify(parse(HUB)) + JSON.stringify(parse(SPOKE));
    for (const secret of ['DMVPNk3y', 'NHRPk3y', 'Sp0keL0cal', 'Hu6Rem0te'])
      expect(everything).not.toContain(secret);
  });

  it('the WAN interface, the shut spare port, the EIGRP process and static routes', () => {
    expect(iface(HUB, 'GigabitEthernet0/0')).toMatchObject({
      description: 'INTERNET',
      accessGroupIn: 'EDGE-IN',
      shutdown: false,
      tunnel: null,
    });
    expect(iface(HUB, 'GigabitEthernet0/2')).toMatchObject({ shutdown: true, ipv4: [], ipv4Method: 'none' });
    expect(recordsOf(HUB, 'config_router_eigrp')).toMatchObject([
      {
        asn: 100,
        namedMode: false,
        routerId: '10.255.0.1',
        networks: [
          { address: '10.1.0.0', wildcard: '0.0.0.255' },
          { address: '10.255.0.1', wildcard: '0.0.0.0' },
          { address: '172.16.0.0', wildcard: '0.0.0.255' },
        ],
        passiveInterfaces: ['GigabitEthernet0/1'],
      },
    ]);
    expect(recordsOf(HUB, 'config_static_route')).toMatchObject([
      { prefix: '0.0.0.0', mask: '0.0.0.0', nextHop: '203.0.113.1', name: 'INTERNET', interface: null },
      { prefix: '10.0.0.0', mask: '255.0.0.0', interface: 'Null0', distance: 250 },
    ]);
  });
});

describe('a spoke with IKEv2, a front-door VRF and BGP', () => {
  it('parses the whole configuration with no warning', () => {
    expect(parse(SPOKE).warnings).toEqual([]);
  });

  it('its tunnel registers to two prioritised hubs, one by FQDN, in front-door VRF INET', () => {
    expect(iface(SPOKE, 'Tunnel0')).toMatchObject({
      ifStateNhrp: true,
      tunnel: {
        source: 'GigabitEthernet1',
        vrf: 'INET',
        mode: 'gre multipoint',
        key: 100,
        protection: { profile: 'DMVPN-IKEV2' },
      },
      nhrp: {
        nhs: [
          { server: '172.16.0.1', nbma: '203.0.113.2', multicast: true, priority: 1, cluster: null },
          { server: '172.16.0.2', nbma: 'hub2.dmvpn.example', multicast: true, priority: 2, cluster: null },
        ],
        nhsClusters: [{ cluster: 0, maxConnections: 1 }],
        registrationNoUnique: true,
        registrationTimeoutSeconds: 60,
        shortcut: true,
        redirect: false,
        authentication: { sha256: sha256('NHRPk3y') },
      },
    });
    expect(iface(SPOKE, 'GigabitEthernet1')).toMatchObject({
      vrf: 'INET',
      ipv4: [{ address: '198.51.100.14', prefixLength: 30 }],
    });
  });

  it('the IKEv2 proposal, policy, keyring, profile and IPsec profile are typed', () => {
    expect(recordsOf(SPOKE, 'config_ikev2_proposal')).toMatchObject([
      { name: 'IKEV2-PROP', encryption: ['aes-cbc-256'], integrity: ['sha256'], groups: [19, 14] },
    ]);
    expect(recordsOf(SPOKE, 'config_ikev2_policy')).toMatchObject([
      { proposals: ['IKEV2-PROP'], matchFvrf: 'INET' },
    ]);
    expect(recordsOf(SPOKE, 'config_ikev2_keyring')).toMatchObject([
      {
        name: 'IKEV2-KR',
        peers: [
          {
            name: 'DMVPN-ANY',
            address: '0.0.0.0',
            mask: '0.0.0.0',
            presharedKey: null,
            presharedKeyLocal: { sha256: sha256('Sp0keL0cal') },
            presharedKeyRemote: { sha256: sha256('Hu6Rem0te') },
          },
        ],
      },
    ]);
    expect(recordsOf(SPOKE, 'config_ikev2_profile')).toMatchObject([
      {
        matchFvrf: 'INET',
        matchIdentityRemote: ['address 0.0.0.0'],
        authenticationLocal: ['pre-share'],
        authenticationRemote: ['pre-share'],
        keyringLocal: 'IKEV2-KR',
        dpdIntervalSeconds: 30,
        dpdRetrySeconds: 5,
        dpdMode: 'on-demand',
        natKeepaliveSeconds: 20,
      },
    ]);
    expect(recordsOf(SPOKE, 'config_ipsec_profile')).toMatchObject([
      { transformSets: ['TS-GCM'], pfs: 'group19', ikev2Profile: 'IKEV2-PROFILE' },
    ]);
    expect(recordsOf(SPOKE, 'config_ipsec_transform_set')).toMatchObject([
      { transforms: ['esp-gcm 256'], mode: 'transport' },
    ]);
  });

  it('BGP peers with both hubs and the underlay default route lives in the front-door VRF', () => {
    const [bgp] = recordsOf(SPOKE, 'config_router_bgp');
    expect(bgp).toMatchObject({
      asn: '65007',
      routerId: '10.255.7.1',
      addressFamilies: ['ipv4'],
      options: ['bgp log-neighbor-changes'],
    });
    expect(bgp?.neighbors).toMatchObject([
      {
        neighbor: '172.16.0.1',
        remoteAs: '65000',
        description: 'HUB1',
        activated: true,
        options: ['timers 10 30', 'send-community both'],
      },
      { neighbor: '172.16.0.2', remoteAs: '65000', description: 'HUB2', activated: true },
    ]);
    expect(bgp?.networks).toEqual([
      { prefix: '10.7.0.0', mask: '255.255.255.0' },
      { prefix: '10.255.7.1', mask: '255.255.255.255' },
    ]);
    expect(recordsOf(SPOKE, 'config_static_route')).toMatchObject([
      { vrf: 'INET', prefix: '0.0.0.0', nextHop: '198.51.100.13' },
    ]);
  });
});

describe('configuration variants from the domain', () => {
  it('a phase 2 hub turns off EIGRP split horizon and next-hop-self on the tunnel', () => {
    const text = [
      'interface Tunnel0',
      ' no ip split-horizon eigrp 100',
      ' no ip next-hop-self eigrp 100',
      ' ip hello-interval eigrp 100 5',
      ' ip hold-time eigrp 100 15',
    ].join('\n');
    expect(iface(text, 'Tunnel0')?.eigrp).toEqual([
      {
        asn: 100,
        interface: 'Tunnel0',
        splitHorizon: false,
        nextHopSelf: false,
        helloSeconds: 5,
        holdSeconds: 15,
        bandwidthPercent: null,
        summaries: [],
        passive: null,
      },
    ]);
  });

  it('named-mode EIGRP keeps af-interface settings per tunnel', () => {
    const text = [
      'router eigrp DMVPN',
      ' !',
      ' address-family ipv4 unicast autonomous-system 100',
      '  !',
      '  af-interface Tunnel0',
      '   no split-horizon',
      '   no next-hop-self',
      '   summary-address 10.0.0.0 255.0.0.0',
      '  exit-af-interface',
      '  !',
      '  topology base',
      '  exit-af-topology',
      '  network 172.16.0.0 0.0.0.255',
      '  eigrp stub connected summary',
      ' exit-address-family',
    ].join('\n');
    const result = parse(text);
    expect(result.warnings).toEqual([]);
    const [eigrp] = result.records as EigrpProcess[];
    expect(eigrp).toMatchObject({
      process: 'DMVPN',
      asn: 100,
      namedMode: true,
      stub: 'connected summary',
      networks: [{ address: '172.16.0.0', wildcard: '0.0.0.255' }],
      afInterfaces: [
        {
          asn: 100,
          interface: 'Tunnel0',
          splitHorizon: false,
          nextHopSelf: false,
          summaries: ['10.0.0.0 255.0.0.0'],
        },
      ],
    });
  });

  it('OSPF over DMVPN: the network type and a spoke that must never be DR', () => {
    const text = [
      'interface Tunnel0',
      ' ip ospf network broadcast',
      ' ip ospf priority 0',
      ' ip ospf 1 area 0',
      '!',
      'router ospf 1',
      ' router-id 10.255.7.1',
      ' passive-interface default',
      ' no passive-interface Tunnel0',
      ' network 172.16.0.0 0.0.0.255 area 0',
    ].join('\n');
    expect(parse(text).warnings).toEqual([]);
    expect(iface(text, 'Tunnel0')?.ospf).toEqual({
      network: 'broadcast',
      priority: 0,
      cost: null,
      helloSeconds: null,
      deadSeconds: null,
      processId: 1,
      area: '0',
      mtuIgnore: false,
    });
    expect(recordsOf(text, 'config_router_ospf')[0] as OspfProcess).toMatchObject({
      processId: 1,
      routerId: '10.255.7.1',
      passiveByDefault: true,
      networks: [{ address: '172.16.0.0', wildcard: '0.0.0.255', area: '0' }],
      options: ['no passive-interface Tunnel0'],
    });
  });

  it('a phase 1 style spoke with static maps, a static multicast map and the old NHS form', () => {
    const text = [
      'interface Tunnel0',
      ' ip nhrp map 172.16.0.1 203.0.113.2',
      ' ip nhrp map multicast 203.0.113.2',
      ' ip nhrp nhs 172.16.0.1',
      ' ip nhrp map 10.9.0.0 255.255.0.0 203.0.113.9',
      ' ip nhrp nhs fallback 30',
      ' ip nhrp group SPOKE-10M',
      ' ip nhrp max-send 10000 every 10',
      ' tunnel destination 203.0.113.2',
      ' tunnel mode gre ip',
    ].join('\n');
    expect(parse(text).warnings).toEqual([]);
    expect(iface(text, 'Tunnel0')).toMatchObject({
      tunnel: { destination: '203.0.113.2', mode: 'gre ip' },
      nhrp: {
        maps: [
          { tunnel: '172.16.0.1', mask: null, nbma: '203.0.113.2' },
          { tunnel: '10.9.0.0', mask: '255.255.0.0', nbma: '203.0.113.9' },
        ],
        multicastNbma: ['203.0.113.2'],
        multicastDynamic: false,
        nhs: [{ server: '172.16.0.1', nbma: null, multicast: false }],
        nhsFallbackSeconds: 30,
        group: 'SPOKE-10M',
        options: ['max-send 10000 every 10'],
      },
    });
  });

  it('a hub with per-spoke QoS groups, dual-DMVPN shared protection and IPv6 NHRP', () => {
    const text = [
      'interface Tunnel1',
      ' ip nhrp map group SPOKE-10M service-policy output QOS-10M',
      ' ipv6 address 2001:DB8:0:100::1/64',
      ' ipv6 nhrp network-id 101',
      ' ipv6 nhrp map multicast dynamic',
      ' tunnel protection ipsec profile DMVPN-PROF shared',
    ].join('\n');
    expect(parse(text).warnings).toEqual([]);
    expect(iface(text, 'Tunnel1')).toMatchObject({
      ipv6: ['2001:DB8:0:100::1/64'],
      nhrp: { mapGroups: [{ group: 'SPOKE-10M', servicePolicy: 'QOS-10M' }] },
      nhrpIpv6: { networkId: 101, multicastDynamic: true },
      tunnel: { protection: { profile: 'DMVPN-PROF', shared: true } },
    });
  });

  it('an IKEv1 keyring in the front-door VRF, with its isakmp profile', () => {
    const text = [
      'crypto keyring DMVPN-KR vrf INET',
      '  pre-shared-key address 0.0.0.0 0.0.0.0 key 6 ZZdeb`KEFQAQDVEgXLfcdXiBBAAB',
      'crypto isakmp profile DMVPN-IKE',
      '   vrf INET',
      '   keyring DMVPN-KR',
      '   match identity address 0.0.0.0 INET',
      '   keepalive 10 retry 2',
      'crypto map LEGACY 10 ipsec-isakmp',
      ' set peer 192.0.2.9',
      ' set transform-set TS',
      ' match address VPN-ACL',
    ].join('\n');
    expect(parse(text).warnings).toEqual([]);
    expect(recordsOf(text, 'config_isakmp_key')).toMatchObject([
      {
        keyring: 'DMVPN-KR',
        vrf: 'INET',
        address: '0.0.0.0',
        mask: '0.0.0.0',
        key: { encryption: 6, sha256: sha256('ZZdeb`KEFQAQDVEgXLfcdXiBBAAB') },
      },
    ]);
    expect(recordsOf(text, 'config_isakmp_profile')).toMatchObject([
      {
        name: 'DMVPN-IKE',
        vrf: 'INET',
        keyrings: ['DMVPN-KR'],
        matchIdentities: ['address 0.0.0.0 INET'],
        keepaliveSeconds: 10,
        keepaliveRetrySeconds: 2,
      },
    ]);
    expect(recordsOf(text, 'config_crypto_map')).toMatchObject([
      {
        name: 'LEGACY',
        sequence: 10,
        type: 'ipsec-isakmp',
        peers: ['192.0.2.9'],
        transformSets: ['TS'],
        matchAddress: 'VPN-ACL',
      },
    ]);
  });

  it('a BGP hub accepts spokes through a listen range and a peer group', () => {
    const text = [
      'router bgp 65000',
      ' bgp listen range 172.16.0.0/24 peer-group SPOKES',
      ' neighbor SPOKES peer-group',
      ' neighbor SPOKES remote-as 65000',
      ' neighbor SPOKES password 7 0822455D0A16',
      ' !',
      ' address-family ipv4',
      '  neighbor SPOKES route-reflector-client',
      '  neighbor SPOKES next-hop-self all',
      ' exit-address-family',
    ].join('\n');
    const [bgp] = recordsOf(text, 'config_router_bgp');
    expect(parse(text).warnings).toEqual([]);
    expect(bgp?.listenRanges).toEqual([{ range: '172.16.0.0/24', peerGroup: 'SPOKES' }]);
    expect(bgp?.neighbors).toMatchObject([
      {
        neighbor: 'SPOKES',
        isPeerGroup: true,
        remoteAs: '65000',
        routeReflectorClient: true,
        nextHopSelf: true,
        password: { encryption: 7 },
      },
    ]);
  });

  it('a hand-edited config without indentation still puts lines in their blocks', () => {
    const text = [
      'interface Tunnel0',
      'ip address 172.16.0.1 255.255.255.0',
      'ip nhrp network-id 100',
      'tunnel mode gre multipoint',
      'exit',
      'ip route 0.0.0.0 0.0.0.0 203.0.113.1',
    ].join('\n');
    expect(parse(text).warnings).toEqual([]);
    expect(iface(text, 'Tunnel0')).toMatchObject({
      ipv4: [{ address: '172.16.0.1' }],
      nhrp: { networkId: 100 },
      tunnel: { mode: 'gre multipoint' },
    });
    expect(recordsOf(text, 'config_static_route')).toHaveLength(1);
  });

  it('`| include nhrp` output without its interface line keeps the settings in an unnamed interface', () => {
    const text = [' ip nhrp network-id 100', ' ip nhrp nhs 172.16.0.1 nbma 203.0.113.2 multicast'].join('\n');
    const result = parse(text, true);
    expect(result.warnings).toEqual([]);
    expect(result.records).toMatchObject([
      { kind: 'config_interface', name: null, nhrp: { networkId: 100, nhs: [{ nbma: '203.0.113.2' }] } },
    ]);
  });
});

describe('what the running-config parser warns about', () => {
  it('an unknown line inside a DMVPN block is a warning naming the block', () => {
    const text = ['interface Tunnel0', ' ip nhrp teleport 1.2.3.4', ' tunnel mode gre multipoint'].join('\n');
    expect(parse(text).warnings).toEqual([
      { line: 2, text: ' ip nhrp teleport 1.2.3.4', reason: 'not understood inside `interface Tunnel0`' },
    ]);
  });

  it('blocks outside DMVPN are skipped silently, banners included', () => {
    const text = [
      'line vty 0 4',
      ' login local',
      ' transport input ssh',
      'banner login ^C',
      'interface Tunnel0 -- this line is banner text',
      '^C',
      'aaa new-model',
      'snmp-server community s3cret RO',
      'hostname R1',
    ].join('\n');
    const result = parse(text);
    expect(result.warnings).toEqual([]);
    expect(result.records).toEqual([{ kind: 'config_hostname', line: 9, hostname: 'R1' }]);
    expect(JSON.stringify(result)).not.toContain('s3cret');
  });

  it('an unknown top-level command is a warning', () => {
    expect(parse('hostname R1\nfrobnicate everything').warnings).toMatchObject([{ line: 2 }]);
  });

  it('empty, refused, garbage and truncated outputs give clear results', () => {
    expect(parse('').error?.kind).toBe('empty');
    expect(
      parse(
        "show running-config interface Tunnel99\n                              ^\n% Invalid input detected at '^' marker.",
      ).error?.kind,
    ).toBe('invalid-input');
    expect(parse('lorem ipsum\ndolor sit').error?.kind).toBe('not-recognized');
    const truncated = parse('interface Tunnel0\n ip address 172.16.0.1 255.255.2');
    expect(truncated.warnings).toMatchObject([{ line: 2 }]);
    expect(truncated.records).toMatchObject([{ name: 'Tunnel0', ipv4: [] }]);
  });
});
