// Prints `show running-config` and `show running-config interface X` as a C8000v on IOS-XE 17.x does for a router.

import type {
  Ikev2Config,
  IsakmpKeyConfig,
  NhrpInterfaceConfig,
  PhysicalInterfaceConfig,
  RouterConfig,
  RoutingConfig,
  TunnelInterfaceConfig,
} from '../model/config.js';

const IOS_XE_VERSION = '17.9';
/** The peer-group a hub's `bgp listen range` puts its dynamic spoke neighbors in. */
const SPOKES_PEER_GROUP = 'SPOKES';

/** Values IOS leaves out of the running-config when they are its default. */
const DEFAULTS = {
  nhrpHoldtime: 7_200,
  isakmpEncryption: 'des',
  isakmpHash: 'sha',
  isakmpAuthentication: 'rsa-sig',
  isakmpGroup: 1,
  ikeLifetime: 86_400,
  ipsecLifetime: 3_600,
  mtu: 1_500,
};

/** `!` lines IOS prints between sections. */
function bangs(count: number): string[] {
  return Array.from({ length: count }, () => '!');
}

/** The header IOS prints above the configuration; the byte count is that of the text below it. */
function framed(body: string[]): string {
  const text = `${body.join('\n')}\n`;
  return `Building configuration...\n\nCurrent configuration : ${Buffer.byteLength(text)} bytes\n${text}`;
}

export function renderRunningConfig(config: RouterConfig): string {
  const lines: string[] = [...preamble(config.hostname), ...vrfLines(config)];
  if (config.ikev2) lines.push(...ikev2Lines(config.ikev2));
  if (config.ikeInNegotiationLimit !== undefined) {
    lines.push(`crypto call admission limit ike in-negotiation-sa ${config.ikeInNegotiationLimit}`, '!');
  }
  lines.push(...isakmpLines(config), ...ipsecLines(config));
  for (const block of interfaceBlocks(config)) lines.push(...block.lines, '!');
  lines.push(...routingLines(config), '!', ...postamble(config.defaultGateway), 'end');
  return framed(lines);
}

/**
 * `show running-config interface <name>`, the name in full or abbreviated as IOS accepts it (`Tu0`, `gi1`);
 * undefined when the router has no such interface (IOS then refuses the command).
 */
export function renderRunningConfigInterface(config: RouterConfig, name: string): string | undefined {
  const typed = /^([a-z-]+)\s*(\d[\d/.:]*)$/i.exec(name.trim());
  if (!typed) return undefined;
  const [, type, number] = typed;
  const matches = interfaceBlocks(config).filter((block) => {
    const [, blockType, blockNumber] = /^([a-z-]+)(.*)$/i.exec(block.name)!;
    return blockNumber === number && blockType!.toLowerCase().startsWith(type!.toLowerCase());
  });
  if (matches.length !== 1) return undefined;
  return framed(['!', ...matches[0]!.lines, 'end']);
}

/** The `vrf definition` blocks of the VRFs the WAN interface and the tunnels name (IOS needs them defined). */
function vrfLines(config: RouterConfig): string[] {
  const names = new Set<string>();
  if (config.wan.vrf !== undefined) names.add(config.wan.vrf);
  for (const tunnel of config.tunnels) if (tunnel.tunnelVrf !== undefined) names.add(tunnel.tunnelVrf);
  return [...names]
    .sort()
    .flatMap((name) => [`vrf definition ${name}`, ' !', ' address-family ipv4', ' exit-address-family', '!']);
}

function preamble(hostname: string): string[] {
  return [
    '!',
    `version ${IOS_XE_VERSION}`,
    'service timestamps debug datetime msec',
    'service timestamps log datetime msec',
    'service call-home',
    'platform qfp utilization monitor load 80',
    'platform punt-keepalive disable-kernel-core',
    'platform console serial',
    '!',
    `hostname ${hostname}`,
    '!',
    'boot-start-marker',
    'boot-end-marker',
    ...bangs(2),
    'no aaa new-model',
    ...bangs(7),
    'ip domain name lab.example',
    ...bangs(3),
    'login on-success log',
    ...bangs(7),
    'subscriber templating',
    ...bangs(6),
    'multilink bundle-name authenticated',
    ...bangs(9),
    'license boot level network-advantage addon dna-advantage',
    'memory free low-watermark processor 63709',
    '!',
    'diagnostic bootup level minimal',
    '!',
    'spanning-tree extend system-id',
    ...bangs(3),
    'redundancy',
    ...bangs(7),
  ];
}

function postamble(defaultGateway: string): string[] {
  return [
    'ip forward-protocol nd',
    'no ip http server',
    'ip http authentication local',
    'no ip http secure-server',
    `ip route 0.0.0.0 0.0.0.0 ${defaultGateway}`,
    'ip ssh version 2',
    ...bangs(5),
    'control-plane',
    ...bangs(3),
    'line con 0',
    ' stopbits 1',
    'line aux 0',
    'line vty 0 4',
    ' login local',
    ' transport input ssh',
    ...bangs(6),
  ];
}

/**
 * The IKEv2 proposal, keyring and profile. A proposal is used only through a policy naming it, so the policy is
 * printed too, under the proposal's name.
 */
function ikev2Lines({ proposal, keyring, profile }: Ikev2Config): string[] {
  const lines = [
    `crypto ikev2 proposal ${proposal.name} `,
    ` encryption ${proposal.encryption}`,
    ` integrity ${proposal.integrity}`,
    ` group ${proposal.group}`,
    '!',
    `crypto ikev2 policy ${proposal.name} `,
    ` proposal ${proposal.name}`,
    '!',
    `crypto ikev2 keyring ${keyring.name}`,
  ];
  for (const peer of keyring.peers) {
    lines.push(
      ` peer ${peer.name}`,
      `  address ${peer.address} ${peer.mask}`,
      `  pre-shared-key ${peer.key}`,
      ' !',
    );
  }
  lines.push(
    ...bangs(2),
    `crypto ikev2 profile ${profile.name}`,
    ` match identity remote address ${profile.matchAddress} `,
    ' authentication remote pre-share',
    ' authentication local pre-share',
    ` keyring local ${profile.keyring}`,
  );
  if (profile.lifetimeSeconds !== DEFAULTS.ikeLifetime) lines.push(` lifetime ${profile.lifetimeSeconds}`);
  if (profile.dpd !== null) lines.push(` dpd ${profile.dpd}`);
  lines.push(...bangs(3));
  return lines;
}

function isakmpLines(config: RouterConfig): string[] {
  const lines: string[] = [];
  for (const policy of [...config.isakmpPolicies].sort((a, b) => a.priority - b.priority)) {
    lines.push(`crypto isakmp policy ${policy.priority}`);
    if (policy.encryption !== DEFAULTS.isakmpEncryption) lines.push(` encr ${policy.encryption}`);
    if (policy.hash !== DEFAULTS.isakmpHash) lines.push(` hash ${policy.hash}`);
    if (policy.authentication !== DEFAULTS.isakmpAuthentication) {
      lines.push(` authentication ${policy.authentication}`);
    }
    if (policy.group !== DEFAULTS.isakmpGroup) lines.push(` group ${policy.group}`);
    if (policy.lifetimeSeconds !== DEFAULTS.ikeLifetime) lines.push(` lifetime ${policy.lifetimeSeconds}`);
  }
  for (const key of config.isakmpKeys) lines.push(`crypto isakmp key ${key.key} address ${keyPeer(key)}`);
  if (config.isakmpKeepaliveSeconds !== null) {
    lines.push(`crypto isakmp keepalive ${config.isakmpKeepaliveSeconds}`);
  }
  if (lines.length > 0) lines.push(...bangs(2));
  return lines;
}

/** IOS pads the wildcard `0.0.0.0 0.0.0.0` to `0.0.0.0        ` and leaves out a host mask. */
function keyPeer(key: IsakmpKeyConfig): string {
  if (key.mask === '0.0.0.0') return `${key.address}        `;
  return key.mask === '255.255.255.255' ? key.address : `${key.address} ${key.mask}`;
}

function ipsecLines(config: RouterConfig): string[] {
  const lines: string[] = [];
  for (const set of config.transformSets) {
    lines.push(
      `crypto ipsec transform-set ${set.name} ${set.transforms.join(' ')} `,
      ` mode ${set.mode}`,
      '!',
    );
  }
  for (const profile of config.ipsecProfiles) {
    lines.push(`crypto ipsec profile ${profile.name}`);
    if (profile.lifetimeSeconds !== DEFAULTS.ipsecLifetime) {
      lines.push(` set security-association lifetime seconds ${profile.lifetimeSeconds}`);
    }
    lines.push(` set transform-set ${profile.transformSet} `);
    if (profile.pfsGroup !== null) lines.push(` set pfs group${profile.pfsGroup}`);
    if (profile.ikev2Profile !== null) lines.push(` set ikev2-profile ${profile.ikev2Profile}`);
    lines.push('!');
  }
  for (const entry of config.cryptoMaps ?? []) {
    lines.push(
      `crypto map ${entry.name} ${entry.sequence} ipsec-isakmp `,
      ` set peer ${entry.peer}`,
      ` set transform-set ${entry.transformSet} `,
      ` match address ${entry.acl}`,
      '!',
      `ip access-list extended ${entry.acl}`,
      ...entry.aclPermits.map((permit) => ` permit ${permit}`),
      '!',
    );
  }
  lines.push(...bangs(8));
  return lines;
}

interface InterfaceBlock {
  name: string;
  lines: string[];
}

/** Every interface in IOS's order: the tunnels, then the physical interfaces by number. */
function interfaceBlocks(config: RouterConfig): InterfaceBlock[] {
  const physical = [config.wan, config.lan].sort((a, b) =>
    a.name.localeCompare(b.name, 'en', { numeric: true }),
  );
  return [
    ...config.tunnels.map((tunnel) => ({ name: tunnel.name, lines: tunnelLines(config.routing, tunnel) })),
    ...physical.map((iface) => ({ name: iface.name, lines: physicalLines(iface) })),
  ];
}

function tunnelLines(routing: RoutingConfig, tunnel: TunnelInterfaceConfig): string[] {
  const lines = [`interface ${tunnel.name}`];
  if (tunnel.description !== null) lines.push(` description ${tunnel.description}`);
  if (tunnel.bandwidthKbps !== null) lines.push(` bandwidth ${tunnel.bandwidthKbps}`);
  lines.push(` ip address ${tunnel.address} ${tunnel.mask}`, ' no ip redirects');
  if (tunnel.ipMtu !== null) lines.push(` ip mtu ${tunnel.ipMtu}`);
  // The classic-mode EIGRP settings exist on the interface only where EIGRP runs.
  if (routing.protocol === 'eigrp') {
    if (!tunnel.eigrpNextHopSelf) lines.push(` no ip next-hop-self eigrp ${routing.asn}`);
    if (!tunnel.eigrpSplitHorizon) lines.push(` no ip split-horizon eigrp ${routing.asn}`);
  }
  lines.push(...nhrpLines(tunnel.nhrp));
  if (tunnel.tcpAdjustMss !== null) lines.push(` ip tcp adjust-mss ${tunnel.tcpAdjustMss}`);
  if (tunnel.ifStateNhrp) lines.push(' if-state nhrp');
  if (tunnel.ospfNetwork !== null) lines.push(` ip ospf network ${tunnel.ospfNetwork}`);
  if (tunnel.ospfPriority !== null) lines.push(` ip ospf priority ${tunnel.ospfPriority}`);
  if (tunnel.shutdown) lines.push(' shutdown');
  lines.push(` tunnel source ${tunnel.source}`);
  // `gre ip` is IOS's default mode: it has no line of its own.
  if (tunnel.mode !== 'gre ip') lines.push(` tunnel mode ${tunnel.mode}`);
  if (tunnel.destination !== null) lines.push(` tunnel destination ${tunnel.destination}`);
  if (tunnel.key !== null) lines.push(` tunnel key ${tunnel.key}`);
  if (tunnel.tunnelVrf !== undefined) lines.push(` tunnel vrf ${tunnel.tunnelVrf}`);
  if (tunnel.protectionProfile !== null) {
    const shared = tunnel.protectionShared ? ' shared' : '';
    lines.push(` tunnel protection ipsec profile ${tunnel.protectionProfile}${shared}`);
  }
  return lines;
}

/** The `ip nhrp` lines in IOS's order; a static map is followed by the multicast map to the same NBMA. */
function nhrpLines(nhrp: NhrpInterfaceConfig): string[] {
  const lines: string[] = [];
  if (nhrp.authentication !== null) lines.push(` ip nhrp authentication ${nhrp.authentication.slice(0, 8)}`);
  const multicast = [...nhrp.mapMulticast];
  for (const map of nhrp.maps) {
    lines.push(` ip nhrp map ${map.tunnel} ${map.nbma}`);
    const at = multicast.indexOf(map.nbma);
    if (at >= 0) lines.push(` ip nhrp map multicast ${multicast.splice(at, 1)[0]}`);
  }
  for (const nbma of multicast) lines.push(` ip nhrp map multicast ${nbma}`);
  if (nhrp.mapMulticastDynamic) lines.push(' ip nhrp map multicast dynamic');
  if (nhrp.networkId !== null) lines.push(` ip nhrp network-id ${nhrp.networkId}`);
  if (nhrp.holdtimeSeconds !== DEFAULTS.nhrpHoldtime) lines.push(` ip nhrp holdtime ${nhrp.holdtimeSeconds}`);
  for (const nhs of nhrp.nhs) {
    // `multicast` belongs to the one-line form with `nbma`.
    const nbma = nhs.nbma === null ? '' : ` nbma ${nhs.nbma}${nhs.multicast ? ' multicast' : ''}`;
    lines.push(` ip nhrp nhs ${nhs.tunnel}${nbma}`);
  }
  if (nhrp.maxSend)
    lines.push(` ip nhrp max-send ${nhrp.maxSend.packets} every ${nhrp.maxSend.everySeconds}`);
  if (nhrp.registrationNoUnique) lines.push(' ip nhrp registration no-unique');
  if (nhrp.registrationTimeoutSeconds !== null) {
    lines.push(` ip nhrp registration timeout ${nhrp.registrationTimeoutSeconds}`);
  }
  if (nhrp.redirect) lines.push(' ip nhrp redirect');
  if (nhrp.shortcut) lines.push(' ip nhrp shortcut');
  return lines;
}

function physicalLines(iface: PhysicalInterfaceConfig): string[] {
  const lines = [`interface ${iface.name}`];
  if (iface.description !== null) lines.push(` description ${iface.description}`);
  if (iface.mtu !== DEFAULTS.mtu) lines.push(` mtu ${iface.mtu}`);
  if (iface.vrf !== undefined) lines.push(` vrf forwarding ${iface.vrf}`);
  lines.push(` ip address ${iface.address} ${iface.mask}`);
  if (iface.shutdown) lines.push(' shutdown');
  if (iface.cryptoMap !== undefined) lines.push(` crypto map ${iface.cryptoMap}`);
  lines.push(' negotiation auto', ' no mop enabled', ' no mop sysid');
  return lines;
}

function routingLines({ routing }: RouterConfig): string[] {
  switch (routing.protocol) {
    case 'eigrp':
      return [
        `router eigrp ${routing.asn}`,
        ...routing.networks.map(({ address, wildcard }) =>
          wildcard === classfulWildcard(address) ? ` network ${address}` : ` network ${address} ${wildcard}`,
        ),
      ];
    case 'ospf':
      return [
        `router ospf ${routing.asn}`,
        ...routing.networks.map(
          ({ address, wildcard, area }) => ` network ${address} ${wildcard} area ${area ?? 0}`,
        ),
      ];
    case 'bgp':
      return bgpLines(routing);
  }
}

/** BGP without address-family blocks, as IOS prints it when only IPv4 unicast is configured. */
function bgpLines(routing: RoutingConfig): string[] {
  const lines = [`router bgp ${routing.asn}`, ' bgp log-neighbor-changes'];
  if (routing.bgpListenRange !== null) {
    lines.push(` bgp listen range ${routing.bgpListenRange} peer-group ${SPOKES_PEER_GROUP}`);
  }
  for (const { address, wildcard } of routing.networks) {
    const mask = invert(wildcard);
    lines.push(
      mask === invert(classfulWildcard(address)) ? ` network ${address}` : ` network ${address} mask ${mask}`,
    );
  }
  if (routing.bgpListenRange !== null) {
    // The hub reflects each spoke's routes to the others (iBGP, next hop kept for spoke-to-spoke tunnels).
    lines.push(
      ` neighbor ${SPOKES_PEER_GROUP} peer-group`,
      ` neighbor ${SPOKES_PEER_GROUP} remote-as ${routing.asn}`,
      ` neighbor ${SPOKES_PEER_GROUP} route-reflector-client`,
    );
    if (routing.bgpNextHopSelf) lines.push(` neighbor ${SPOKES_PEER_GROUP} next-hop-self`);
  }
  for (const neighbor of routing.bgpNeighbors)
    lines.push(` neighbor ${neighbor.address} remote-as ${neighbor.remoteAs}`);
  return lines;
}

/** The wildcard of an address's class (A /8, B /16, C /24), which IOS leaves out of `network` lines. */
function classfulWildcard(address: string): string {
  const first = Number(address.split('.')[0]);
  if (first < 128) return '0.255.255.255';
  return first < 192 ? '0.0.255.255' : '0.0.0.255';
}

/** A mask from its wildcard, and back. */
function invert(dotted: string): string {
  return dotted
    .split('.')
    .map((octet) => 255 - Number(octet))
    .join('.');
}
