import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ConfigInterface, ConfigRecord } from '../../model/records/config.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import { applyFault, faultCatalogue, faultFits } from '../faults/catalogue.js';
import type { PhysicalInterfaceConfig, RouterConfig, TunnelInterfaceConfig } from '../model/config.js';
import type { LabOptions } from '../model/network.js';
import { buildNetwork } from '../network/build.js';
import { renderRunningConfig, renderRunningConfigInterface } from './show-running-config.js';

type Kind = ConfigRecord['kind'];
type OfKind<K extends Kind> = Extract<ConfigRecord, { kind: K }>;

/** Parses a rendered output with the parser the registry picks for the command, requiring no warning. */
function parse(command: string, text: string): ConfigRecord[] {
  const resolution = resolveCommand(command);
  if (!resolution.ok) throw new Error(resolution.error);
  const result = resolution.command.parser.parse(text, { args: resolution.command.args });
  expect(result.error).toBeUndefined();
  expect(result.warnings).toEqual([]);
  return result.records as ConfigRecord[];
}

function ofKind<K extends Kind>(records: ConfigRecord[], kind: K): OfKind<K>[] {
  return records.filter((record): record is OfKind<K> => record.kind === kind);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The wildcard of an address's class, which IOS leaves out of EIGRP and BGP `network` lines. */
function classfulWildcard(address: string): string {
  const first = Number(address.split('.')[0]);
  if (first < 128) return '0.255.255.255';
  return first < 192 ? '0.0.255.255' : '0.0.0.255';
}

function invert(dotted: string): string {
  return dotted
    .split('.')
    .map((octet) => 255 - Number(octet))
    .join('.');
}

// What the running-config says about a router, from its config and from the parsed text: the two must be equal.
// IOS defaults come back where IOS prints nothing; keys are compared by the sha256 fingerprint the parser keeps.

function expectedTunnel(tunnel: TunnelInterfaceConfig, eigrp: boolean) {
  const { nhrp } = tunnel;
  return {
    name: tunnel.name,
    description: tunnel.description,
    address: tunnel.address,
    mask: tunnel.mask,
    shutdown: tunnel.shutdown,
    bandwidthKbps: tunnel.bandwidthKbps,
    ipMtu: tunnel.ipMtu,
    tcpAdjustMss: tunnel.tcpAdjustMss,
    nhrp: {
      networkId: nhrp.networkId,
      // IOS keeps 8 characters of the NHRP key.
      authentication: nhrp.authentication === null ? null : sha256(nhrp.authentication.slice(0, 8)),
      holdtimeSeconds: nhrp.holdtimeSeconds,
      registrationTimeoutSeconds: nhrp.registrationTimeoutSeconds,
      registrationNoUnique: nhrp.registrationNoUnique,
      maps: nhrp.maps.map(({ tunnel: address, nbma }) => ({ tunnel: address, nbma })),
      mapMulticastDynamic: nhrp.mapMulticastDynamic,
      mapMulticast: [...nhrp.mapMulticast].sort(),
      // `multicast` is printed only in the one-line form that names the NBMA.
      nhs: nhrp.nhs.map((nhs) => ({
        tunnel: nhs.tunnel,
        nbma: nhs.nbma,
        multicast: nhs.nbma !== null && nhs.multicast,
      })),
      redirect: nhrp.redirect,
      shortcut: nhrp.shortcut,
    },
    source: tunnel.source,
    destination: tunnel.destination,
    mode: tunnel.mode,
    key: tunnel.key,
    protectionProfile: tunnel.protectionProfile,
    protectionShared: tunnel.protectionShared,
    eigrpSplitHorizon: eigrp ? tunnel.eigrpSplitHorizon : null,
    eigrpNextHopSelf: eigrp ? tunnel.eigrpNextHopSelf : null,
    ospfNetwork: tunnel.ospfNetwork,
    ospfPriority: tunnel.ospfPriority,
    ...(tunnel.tunnelVrf !== undefined ? { tunnelVrf: tunnel.tunnelVrf } : {}),
  };
}

function expectedPhysical(iface: PhysicalInterfaceConfig) {
  const { name, description, address, mask, shutdown, mtu, vrf } = iface;
  return { name, description, address, mask, shutdown, mtu, ...(vrf !== undefined ? { vrf } : {}) };
}

function expected(config: RouterConfig) {
  const { routing, ikev2 } = config;
  const eigrp = routing.protocol === 'eigrp';
  return {
    hostname: config.hostname,
    tunnels: config.tunnels.map((tunnel) => expectedTunnel(tunnel, eigrp)),
    physical: [config.wan, config.lan]
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
      .map(expectedPhysical),
    isakmpPolicies: [...config.isakmpPolicies].sort((a, b) => a.priority - b.priority),
    isakmpKeys: config.isakmpKeys.map(({ key, address, mask }) => ({ key: sha256(key), address, mask })),
    isakmpKeepaliveSeconds: config.isakmpKeepaliveSeconds,
    ikev2: ikev2 && {
      proposal: ikev2.proposal,
      keyring: {
        name: ikev2.keyring.name,
        peers: ikev2.keyring.peers.map((peer) => ({ ...peer, key: sha256(peer.key) })),
      },
      profile: ikev2.profile,
    },
    transformSets: config.transformSets,
    ipsecProfiles: config.ipsecProfiles,
    routing: {
      protocol: routing.protocol,
      asn: routing.asn,
      // Only OSPF prints an area.
      networks: routing.networks.map(({ address, wildcard, area }) =>
        routing.protocol === 'ospf' ? { address, wildcard, area: area ?? 0 } : { address, wildcard },
      ),
      bgpNeighbors: routing.bgpNeighbors,
      bgpListenRange: routing.bgpListenRange,
      ...(routing.bgpNextHopSelf ? { bgpNextHopSelf: true } : {}),
    },
    defaultGateway: config.defaultGateway,
  };
}

/** `eigrpAs`: the AS of `router eigrp`, whose interface settings these are; null where EIGRP does not run. */
function readTunnel(iface: ConfigInterface, eigrpAs: number | null): ReturnType<typeof expectedTunnel> {
  const tunnel = iface.tunnel!;
  const nhrp = iface.nhrp;
  expect(iface.eigrp.map((settings) => settings.asn)).toEqual(
    eigrpAs === null ? [] : iface.eigrp.map(() => eigrpAs),
  );
  const eigrp = eigrpAs !== null;
  const eigrpSettings = iface.eigrp[0];
  return {
    name: iface.name!,
    description: iface.description,
    address: iface.ipv4[0]!.address,
    mask: iface.ipv4[0]!.mask,
    shutdown: iface.shutdown,
    bandwidthKbps: iface.bandwidthKbps,
    ipMtu: iface.ipMtu,
    tcpAdjustMss: iface.tcpAdjustMss,
    nhrp: {
      networkId: nhrp?.networkId ?? null,
      authentication: nhrp?.authentication?.sha256 ?? null,
      holdtimeSeconds: nhrp?.holdtimeSeconds ?? 7_200,
      registrationTimeoutSeconds: nhrp?.registrationTimeoutSeconds ?? null,
      registrationNoUnique: nhrp?.registrationNoUnique ?? false,
      maps: (nhrp?.maps ?? []).map(({ tunnel: address, nbma }) => ({ tunnel: address, nbma })),
      mapMulticastDynamic: nhrp?.multicastDynamic ?? false,
      mapMulticast: [...(nhrp?.multicastNbma ?? [])].sort(),
      nhs: (nhrp?.nhs ?? []).map(({ server, nbma, multicast }) => ({ tunnel: server, nbma, multicast })),
      redirect: nhrp?.redirect ?? false,
      shortcut: nhrp?.shortcut ?? false,
    },
    source: tunnel.source!,
    destination: tunnel.destination,
    mode: (tunnel.mode ?? 'gre ip') as TunnelInterfaceConfig['mode'],
    key: tunnel.key,
    protectionProfile: tunnel.protection?.profile ?? null,
    protectionShared: tunnel.protection?.shared ?? false,
    eigrpSplitHorizon: eigrp ? (eigrpSettings?.splitHorizon ?? true) : null,
    eigrpNextHopSelf: eigrp ? (eigrpSettings?.nextHopSelf ?? true) : null,
    ospfNetwork: (iface.ospf?.network ?? null) as TunnelInterfaceConfig['ospfNetwork'],
    ospfPriority: iface.ospf?.priority ?? null,
    ...(tunnel.vrf !== null ? { tunnelVrf: tunnel.vrf } : {}),
  };
}

function readPhysical(iface: ConfigInterface): ReturnType<typeof expectedPhysical> {
  const [address] = iface.ipv4;
  return {
    name: iface.name!,
    description: iface.description,
    address: address!.address,
    mask: address!.mask,
    shutdown: iface.shutdown,
    mtu: iface.mtu ?? 1_500,
    ...(iface.vrf !== null ? { vrf: iface.vrf } : {}),
  };
}

function readRouting(records: ConfigRecord[]): ReturnType<typeof expected>['routing'] {
  const [eigrp] = ofKind(records, 'config_router_eigrp');
  const [ospf] = ofKind(records, 'config_router_ospf');
  const [bgp] = ofKind(records, 'config_router_bgp');
  const none = { bgpNeighbors: [], bgpListenRange: null };
  if (eigrp) {
    const networks = eigrp.networks.map(({ address, wildcard }) => ({
      address,
      wildcard: wildcard ?? classfulWildcard(address),
    }));
    return { protocol: 'eigrp', asn: eigrp.asn!, networks, ...none };
  }
  if (ospf) {
    const networks = ospf.networks.map(({ address, wildcard, area }) => ({
      address,
      wildcard,
      area: Number(area),
    }));
    return { protocol: 'ospf', asn: ospf.processId, networks, ...none };
  }
  const networks = bgp!.networks.map(({ prefix, mask }) => ({
    address: prefix,
    wildcard: mask === null ? classfulWildcard(prefix) : invert(mask),
  }));
  const peers = bgp!.neighbors.filter((neighbor) => !neighbor.isPeerGroup);
  const [listen] = bgp!.listenRanges;
  let nextHopSelf = false;
  if (listen) {
    // The listen range's peer-group must exist, as IBGP route-reflector clients.
    const group = bgp!.neighbors.find((neighbor) => neighbor.neighbor === listen.peerGroup);
    expect(group).toMatchObject({ isPeerGroup: true, remoteAs: bgp!.asn, routeReflectorClient: true });
    nextHopSelf = group?.nextHopSelf === true;
  }
  return {
    protocol: 'bgp',
    asn: Number(bgp!.asn),
    networks,
    bgpNeighbors: peers.map(({ neighbor, remoteAs }) => ({ address: neighbor, remoteAs: Number(remoteAs) })),
    bgpListenRange: listen?.range ?? null,
    ...(nextHopSelf ? { bgpNextHopSelf: true } : {}),
  };
}

function readIkev2(records: ConfigRecord[]): ReturnType<typeof expected>['ikev2'] {
  const [proposal] = ofKind(records, 'config_ikev2_proposal');
  if (!proposal) return null;
  const [keyring] = ofKind(records, 'config_ikev2_keyring');
  const [profile] = ofKind(records, 'config_ikev2_profile');
  // A proposal is used only through a policy that names it.
  expect(ofKind(records, 'config_ikev2_policy').flatMap((policy) => policy.proposals)).toContain(
    proposal.name,
  );
  const dpd =
    profile!.dpdIntervalSeconds === null
      ? null
      : [profile!.dpdIntervalSeconds, profile!.dpdRetrySeconds, profile!.dpdMode];
  return {
    proposal: {
      name: proposal.name,
      encryption: proposal.encryption[0]!,
      integrity: proposal.integrity[0]!,
      group: proposal.groups[0]!,
    },
    keyring: {
      name: keyring!.name,
      peers: keyring!.peers.map((peer) => ({
        name: peer.name,
        address: peer.address!,
        mask: peer.mask!,
        key: peer.presharedKey!.sha256,
      })),
    },
    profile: {
      name: profile!.name,
      matchAddress: profile!.matchIdentityRemote[0]!.replace(/^address /, ''),
      keyring: profile!.keyringLocal!,
      lifetimeSeconds: profile!.lifetimeSeconds ?? 86_400,
      dpd: dpd && dpd.filter((part) => part !== null).join(' '),
    },
  };
}

function readBack(records: ConfigRecord[]): ReturnType<typeof expected> {
  const interfaces = ofKind(records, 'config_interface');
  const eigrpAs = ofKind(records, 'config_router_eigrp')[0]?.asn ?? null;
  const [keepalive] = ofKind(records, 'config_ike_dpd').filter((dpd) => dpd.ikeVersion === 1);
  const [route] = ofKind(records, 'config_static_route');
  expect(route).toMatchObject({ prefix: '0.0.0.0', mask: '0.0.0.0' });
  return {
    hostname: ofKind(records, 'config_hostname')[0]!.hostname,
    tunnels: interfaces.filter((iface) => iface.tunnel !== null).map((iface) => readTunnel(iface, eigrpAs)),
    physical: interfaces.filter((iface) => iface.tunnel === null).map(readPhysical),
    isakmpPolicies: ofKind(records, 'config_isakmp_policy').map((policy) => ({
      priority: policy.priority,
      encryption: policy.encryption ?? 'des',
      hash: policy.hash ?? 'sha',
      authentication: (policy.authentication ?? 'rsa-sig') as 'pre-share' | 'rsa-sig',
      group: policy.group ?? 1,
      lifetimeSeconds: policy.lifetimeSeconds ?? 86_400,
    })),
    isakmpKeys: ofKind(records, 'config_isakmp_key').map((key) => {
      expect(key.key.encryption).toBe(0);
      // IOS prints the any-peer mask as blanks and leaves out a host mask.
      const mask = key.mask ?? (key.address === '0.0.0.0' ? '0.0.0.0' : '255.255.255.255');
      return { key: key.key.sha256, address: key.address!, mask };
    }),
    isakmpKeepaliveSeconds: keepalive?.intervalSeconds ?? null,
    ikev2: readIkev2(records),
    transformSets: ofKind(records, 'config_ipsec_transform_set').map(({ name, transforms, mode }) => ({
      name,
      transforms,
      mode: mode ?? 'tunnel',
    })),
    ipsecProfiles: ofKind(records, 'config_ipsec_profile').map((profile) => ({
      name: profile.name,
      transformSet: profile.transformSets[0]!,
      pfsGroup: profile.pfs === null ? null : Number(profile.pfs.replace('group', '')),
      ikev2Profile: profile.ikev2Profile,
      lifetimeSeconds: profile.lifetimeSeconds ?? 3_600,
    })),
    routing: readRouting(records),
    defaultGateway: route!.nextHop!,
  };
}

/** Renders a router, parses it back with no warning and requires every configured value back. */
function roundTrip(config: RouterConfig): void {
  const records = parse('show running-config', renderRunningConfig(config));
  expect(readBack(records), config.hostname).toEqual(expected(config));
}

const COMBINATIONS: Partial<LabOptions>[] = [];
for (const phase of [1, 2, 3] as const) {
  for (const ike of ['v1', 'v2'] as const) {
    for (const routing of ['eigrp', 'ospf', 'bgp'] as const) {
      for (const hubs of [1, 2] as const) COMBINATIONS.push({ phase, ike, routing, hubs });
    }
  }
}

function describeOptions(options: Partial<LabOptions>): string {
  return `phase ${options.phase} IKE${options.ike} ${options.routing} ${options.hubs} hub(s)`;
}

describe('show running-config reads back through our parser', () => {
  it.each(COMBINATIONS.map((options) => [describeOptions(options), options] as const))(
    'healthy: %s, with a spoke behind NAT',
    (_, options) => {
      const network = buildNetwork({ ...options, spokes: 2, natSpokes: 1 });
      for (const config of network.routers) roundTrip(config);
    },
  );

  it.each(faultCatalogue.map((fault) => [fault.id, fault] as const))(
    'after %s, in every network that can have it',
    (id, fault) => {
      let applied = 0;
      for (const options of COMBINATIONS) {
        const network = buildNetwork({ ...options, spokes: 3, natSpokes: 1 });
        if (!faultFits(fault, network)) continue;
        applyFault(network, id);
        for (const config of network.routers) roundTrip(config);
        applied++;
      }
      expect(applied).toBeGreaterThan(0);
    },
  );

  it('prints what the model may hold that healthy networks do not: maps without NHS, shared protection, odd masks', () => {
    const network = buildNetwork({ spokes: 1 });
    const spoke = network.routers[1]!;
    const tunnel = spoke.tunnels[0]!;
    tunnel.nhrp.maps = [
      { tunnel: '10.0.0.1', nbma: '203.0.113.1' },
      { tunnel: '10.0.0.2', nbma: '203.0.113.2' },
    ];
    tunnel.nhrp.mapMulticast = ['203.0.113.2', '203.0.113.9'];
    tunnel.nhrp.nhs = [{ tunnel: '10.0.0.1', nbma: null, multicast: true }];
    tunnel.nhrp.registrationNoUnique = true;
    tunnel.nhrp.holdtimeSeconds = 7_200;
    tunnel.nhrp.authentication = 'LongerThan8';
    tunnel.protectionShared = true;
    tunnel.description = null;
    tunnel.ospfNetwork = 'point-to-point';
    tunnel.ospfPriority = 5;
    spoke.wan.mtu = 1_492;
    spoke.wan.description = null;
    spoke.isakmpKeys.push(
      { key: 'host-key', address: '203.0.113.1', mask: '255.255.255.255' },
      { key: 'net-key', address: '203.0.113.0', mask: '255.255.255.0' },
    );
    spoke.isakmpPolicies.unshift({
      priority: 5,
      encryption: 'des',
      hash: 'sha',
      authentication: 'rsa-sig',
      group: 1,
      lifetimeSeconds: 3_600,
    });
    spoke.isakmpKeepaliveSeconds = null;
    spoke.ipsecProfiles[0]!.lifetimeSeconds = 7_200;
    spoke.routing.networks.push({ address: '10.0.0.0', wildcard: '0.255.255.255', area: 0 });
    roundTrip(spoke);
  });

  it('prints an IKEv2 profile lifetime and no DPD when so configured', () => {
    const network = buildNetwork({ spokes: 1, ike: 'v2', routing: 'bgp' });
    const spoke = network.routers[1]!;
    spoke.ikev2!.profile.lifetimeSeconds = 28_800;
    spoke.ikev2!.profile.dpd = null;
    spoke.routing.networks.push({ address: '192.168.7.0', wildcard: '0.0.0.255' });
    roundTrip(spoke);
  });
});

describe('show running-config interface', () => {
  const network = buildNetwork({ spokes: 2, phase: 2, routing: 'ospf' });

  it.each([
    ['Tunnel0', 'Tunnel0'],
    ['tu0', 'Tunnel0'],
    ['TUNNEL0', 'Tunnel0'],
    ['gi1', 'GigabitEthernet1'],
    ['GigabitEthernet 2', 'GigabitEthernet2'],
    ['g2', 'GigabitEthernet2'],
  ])('%s prints the block of %s, which reads back as the config says', (typed, name) => {
    for (const config of network.routers) {
      const text = renderRunningConfigInterface(config, typed)!;
      const records = parse(`show running-config interface ${name}`, text);
      const interfaces = ofKind(records, 'config_interface');
      expect(interfaces.map((iface) => iface.name)).toEqual([name]);
      const tunnel = config.tunnels.find((candidate) => candidate.name === name);
      const physical = [config.wan, config.lan].find((candidate) => candidate.name === name);
      if (tunnel) expect(readTunnel(interfaces[0]!, null)).toEqual(expectedTunnel(tunnel, false));
      else expect(readPhysical(interfaces[0]!)).toEqual(expectedPhysical(physical!));
    }
  });

  it('prints nothing for an interface the router does not have', () => {
    const hub = network.routers[0]!;
    for (const typed of ['Tunnel1', 'Loopback0', 'gi3', 'Gi', 'x']) {
      expect(renderRunningConfigInterface(hub, typed), typed).toBeUndefined();
    }
  });

  it('frames the block as IOS does: header, `!`, the interface, `end`', () => {
    const lines = renderRunningConfigInterface(network.routers[0]!, 'Gi1')!.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'Building configuration...',
      '',
      expect.stringMatching(/^Current configuration : \d+ bytes$/),
      '!',
      'interface GigabitEthernet1',
    ]);
    expect(lines.slice(-2)).toEqual(['end', '']);
  });
});
