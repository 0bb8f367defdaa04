// Builds a healthy DMVPN network from the lab options: every router configured as a careful engineer would.

import type {
  IpsecProfileConfig,
  IsakmpPolicyConfig,
  Ikev2Config,
  NhrpInterfaceConfig,
  RouterConfig,
  RoutingConfig,
  TransformSetConfig,
  TunnelInterfaceConfig,
} from '../model/config.js';
import type { LabNetwork, LabOptions } from '../model/network.js';
import {
  NAT_INSIDE_ADDRESS,
  NAT_INSIDE_GATEWAY,
  TUNNEL_MASK,
  hubLanAddress,
  hubName,
  hubNbma,
  hubTunnelAddress,
  spokeLanAddress,
  spokeName,
  spokePublicNbma,
  spokeTunnelAddress,
  wanGateway,
} from './addressing.js';
import { seededRandom } from './random.js';

export const DEFAULT_OPTIONS: LabOptions = {
  spokes: 20,
  hubs: 1,
  phase: 3,
  ike: 'v1',
  routing: 'eigrp',
  natSpokes: 0,
  seed: 1,
};

export const TUNNEL = 'Tunnel0';
export const WAN = 'GigabitEthernet1';
export const LAN = 'GigabitEthernet2';
export const TUNNEL_KEY = 100;
export const NETWORK_ID = 100;
export const NHRP_AUTH = 'DMVPNk3y';
export const PRE_SHARED_KEY = 'Dmvpn-Lab-PSK';
export const ROUTING_AS = 100;
export const BGP_AS = 65000;
const HOLDTIME = 300;
const PROFILE = 'DMVPN-PROFILE';
const TRANSFORM_SET = 'DMVPN-TS';
const IKEV2_PROFILE = 'DMVPN-IKEV2';

function isakmpPolicies(): IsakmpPolicyConfig[] {
  return [
    {
      priority: 10,
      encryption: 'aes 256',
      hash: 'sha256',
      authentication: 'pre-share',
      group: 14,
      lifetimeSeconds: 86_400,
    },
  ];
}

function ikev2Config(): Ikev2Config {
  return {
    proposal: { name: 'DMVPN-PROP', encryption: 'aes-cbc-256', integrity: 'sha256', group: 14 },
    keyring: {
      name: 'DMVPN-KR',
      peers: [{ name: 'ANY', address: '0.0.0.0', mask: '0.0.0.0', key: PRE_SHARED_KEY }],
    },
    profile: {
      name: IKEV2_PROFILE,
      matchAddress: '0.0.0.0',
      keyring: 'DMVPN-KR',
      lifetimeSeconds: 86_400,
      dpd: '30 5 on-demand',
    },
  };
}

function transformSets(): TransformSetConfig[] {
  return [{ name: TRANSFORM_SET, transforms: ['esp-aes 256', 'esp-sha256-hmac'], mode: 'transport' }];
}

function ipsecProfiles(ike: LabOptions['ike']): IpsecProfileConfig[] {
  return [
    {
      name: PROFILE,
      transformSet: TRANSFORM_SET,
      pfsGroup: null,
      ikev2Profile: ike === 'v2' ? IKEV2_PROFILE : null,
      lifetimeSeconds: 3600,
    },
  ];
}

function baseNhrp(): NhrpInterfaceConfig {
  return {
    networkId: NETWORK_ID,
    authentication: NHRP_AUTH,
    holdtimeSeconds: HOLDTIME,
    registrationTimeoutSeconds: null,
    registrationNoUnique: false,
    maps: [],
    mapMulticastDynamic: false,
    mapMulticast: [],
    nhs: [],
    redirect: false,
    shortcut: false,
  };
}

function baseTunnel(address: string, nhrp: NhrpInterfaceConfig, options: LabOptions): TunnelInterfaceConfig {
  return {
    name: TUNNEL,
    description: 'DMVPN cloud',
    address,
    mask: TUNNEL_MASK,
    shutdown: false,
    bandwidthKbps: 1000,
    ipMtu: 1400,
    tcpAdjustMss: 1360,
    nhrp,
    source: WAN,
    destination: null,
    mode: 'gre multipoint',
    key: TUNNEL_KEY,
    protectionProfile: PROFILE,
    protectionShared: false,
    eigrpSplitHorizon: true,
    eigrpNextHopSelf: true,
    ospfNetwork:
      options.routing === 'ospf' ? (options.phase === 2 ? 'broadcast' : 'point-to-multipoint') : null,
    ospfPriority: null,
  };
}

function routing(options: LabOptions, role: 'hub' | 'spoke', lan: string, hubs: number): RoutingConfig {
  const lanNetwork = { address: lan.replace(/\.\d+$/, '.0'), wildcard: '0.0.0.255', area: 0 };
  const tunnelNetwork = { address: '10.0.0.0', wildcard: '0.0.255.255', area: 0 };
  if (options.routing === 'bgp') {
    const bgpNeighbors =
      role === 'spoke'
        ? Array.from({ length: hubs }, (_, index) => ({
            address: hubTunnelAddress(index + 1),
            remoteAs: BGP_AS,
          }))
        : [];
    return {
      protocol: 'bgp',
      asn: BGP_AS,
      networks: [{ address: lanNetwork.address, wildcard: '0.0.0.255' }],
      bgpNeighbors,
      bgpListenRange: role === 'hub' ? '10.0.0.0/16' : null,
    };
  }
  return {
    protocol: options.routing,
    asn: ROUTING_AS,
    networks: [tunnelNetwork, lanNetwork],
    bgpNeighbors: [],
    bgpListenRange: null,
  };
}

interface Site {
  hostname: string;
  role: 'hub' | 'spoke';
  wanAddress: string;
  lanAddress: string;
  lanDescription: string;
  tunnel: TunnelInterfaceConfig;
  defaultGateway: string;
}

/** What hubs and spokes configure alike: interfaces around the tunnel, IKE, IPsec and routing. */
function routerConfig(options: LabOptions, site: Site): RouterConfig {
  const physical = (name: string, description: string, address: string) => ({
    name,
    description,
    address,
    mask: '255.255.255.0',
    shutdown: false,
    mtu: 1500,
  });
  return {
    hostname: site.hostname,
    role: site.role,
    wan: physical(WAN, 'INTERNET', site.wanAddress),
    lan: physical(LAN, site.lanDescription, site.lanAddress),
    tunnels: [site.tunnel],
    ikeVersion: options.ike,
    isakmpPolicies: isakmpPolicies(),
    isakmpKeys: [{ key: PRE_SHARED_KEY, address: '0.0.0.0', mask: '0.0.0.0' }],
    isakmpKeepaliveSeconds: 30,
    ikev2: options.ike === 'v2' ? ikev2Config() : null,
    transformSets: transformSets(),
    ipsecProfiles: ipsecProfiles(options.ike),
    routing: routing(options, site.role, site.lanAddress, options.hubs),
    defaultGateway: site.defaultGateway,
  };
}

function hubConfig(hub: number, options: LabOptions): RouterConfig {
  const nhrp = { ...baseNhrp(), mapMulticastDynamic: true, redirect: options.phase === 3 };
  const tunnel = baseTunnel(hubTunnelAddress(hub), nhrp, options);
  // Phase 2 spokes need each other's routes with the original next hop; phase 3 only needs them re-advertised.
  tunnel.eigrpSplitHorizon = options.phase === 1;
  tunnel.eigrpNextHopSelf = options.phase !== 2;
  if (tunnel.ospfNetwork === 'broadcast') tunnel.ospfPriority = 255;
  const wanAddress = hubNbma(hub);
  return routerConfig(options, {
    hostname: hubName(hub),
    role: 'hub',
    wanAddress,
    lanAddress: hubLanAddress(hub),
    lanDescription: 'HQ LAN',
    tunnel,
    defaultGateway: wanGateway(wanAddress),
  });
}

function spokeConfig(spoke: number, options: LabOptions): RouterConfig {
  const hubs = Array.from({ length: options.hubs }, (_, index) => index + 1);
  const nhrp: NhrpInterfaceConfig = {
    ...baseNhrp(),
    nhs: hubs.map((hub) => ({ tunnel: hubTunnelAddress(hub), nbma: hubNbma(hub), multicast: true })),
    shortcut: options.phase === 3,
  };
  const tunnel = baseTunnel(spokeTunnelAddress(spoke), nhrp, options);
  if (options.phase === 1) {
    tunnel.mode = 'gre ip';
    tunnel.destination = hubNbma(1);
  }
  if (tunnel.ospfNetwork === 'broadcast') tunnel.ospfPriority = 0;
  const behindNat = spoke > options.spokes - options.natSpokes;
  const wanAddress = behindNat ? NAT_INSIDE_ADDRESS : spokePublicNbma(spoke);
  return routerConfig(options, {
    hostname: spokeName(spoke),
    role: 'spoke',
    wanAddress,
    lanAddress: spokeLanAddress(spoke),
    lanDescription: 'BRANCH LAN',
    tunnel,
    defaultGateway: behindNat ? NAT_INSIDE_GATEWAY : wanGateway(wanAddress),
  });
}

/** A healthy network: configs that agree, an underlay that carries everything, routers up for days. */
export function buildNetwork(partial: Partial<LabOptions> = {}): LabNetwork {
  const options: LabOptions = { ...DEFAULT_OPTIONS, ...partial };
  const random = seededRandom(options.seed);
  const routers: RouterConfig[] = [];
  const bootAt = new Map<string, number>();
  for (let hub = 1; hub <= options.hubs; hub++) {
    routers.push(hubConfig(hub, options));
    bootAt.set(hubName(hub), -Math.round((20 + random() * 40) * 86_400));
  }
  const natOutside = new Map<string, string>();
  for (let spoke = 1; spoke <= options.spokes; spoke++) {
    const config = spokeConfig(spoke, options);
    routers.push(config);
    if (config.wan.address === NAT_INSIDE_ADDRESS) natOutside.set(config.hostname, spokePublicNbma(spoke));
    bootAt.set(config.hostname, -Math.round((1 + random() * 19) * 86_400));
  }
  return {
    options,
    routers,
    underlay: {
      wanDown: new Set(),
      blocks: [],
      natOutside,
      flaps: new Map(),
      reboots: new Map(),
      saClears: new Map(),
      dpdLoss: new Map(),
      reorder: new Map(),
      corrupt: new Map(),
    },
    faults: [],
    bootAt,
  };
}
